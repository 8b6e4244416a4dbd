"""NER over a backlog of articles, in worker processes when the backlog is large.

spaCy's NER holds the GIL, so threads do not help; a first ingest of thousands of articles
runs it in :func:`workers` processes instead (each loads the model once, about 2 s), while
the calling process stores each batch's results as they arrive, in order. A small update
(the watcher's usual one article) runs in the calling process: starting workers would cost
more than it saves.

Workers die with the calling process, even when it is killed with ``kill -9`` (which runs
no clean-up): on Linux the kernel sends them SIGKILL (``PR_SET_PDEATHSIG``); elsewhere a
watchdog thread in each worker notices that its parent is gone.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from summarizer.models import Article
from summarizer.people.extract import ArticleExtract, extract, load_nlp
from summarizer.store import Store
from summarizer.store.articles import load_articles

PARALLEL_FROM = 256
"""Backlogs of at least this many articles go to worker processes."""
MAX_WORKERS = 4
WATCHDOG_SECONDS = 1.0
"""How often a worker checks that its parent is alive (where the kernel cannot tell it)."""
_PR_SET_PDEATHSIG = 1


def workers(backlog: int) -> int:
    """How many NER processes a backlog gets: 0 (run here) below :data:`PARALLEL_FROM`,
    else one per CPU core (at most :data:`MAX_WORKERS`), when there are at least two."""
    cores = min(os.cpu_count() or 1, MAX_WORKERS)
    return cores if backlog >= PARALLEL_FROM and cores >= 2 else 0


def extracted(
    store: Store, pending: Sequence[int], batch_size: int, *, processes: int = 0
) -> Iterator[tuple[list[ArticleExtract], float]]:
    """Each batch of ``pending`` articles extracted, in order, with the seconds spent waiting
    for it (the NER time as the caller sees it)."""
    batches = [list(pending[i : i + batch_size]) for i in range(0, len(pending), batch_size)]
    if processes < 2:
        for ids in batches:
            articles = _load(store, ids)
            began = time.perf_counter()
            yield extract(articles), time.perf_counter() - began
        return
    context = multiprocessing.get_context("spawn")  # no forked copies of model threads
    with ProcessPoolExecutor(
        processes, mp_context=context, initializer=_warm_up, initargs=(os.getpid(),)
    ) as pool:
        waiting: deque[Future[list[ArticleExtract]]] = deque()
        began = time.perf_counter()
        for ids in batches:
            waiting.append(pool.submit(extract, _load(store, ids)))
            if len(waiting) > 2 * processes:  # keep every worker busy, memory bounded
                yield _next(waiting, began)
                began = time.perf_counter()
        while waiting:
            yield _next(waiting, began)
            began = time.perf_counter()


def _next(
    waiting: deque[Future[list[ArticleExtract]]], began: float
) -> tuple[list[ArticleExtract], float]:
    result = waiting.popleft().result()
    return result, time.perf_counter() - began


def _load(store: Store, ids: list[int]) -> list[Article]:
    with store.session() as session:
        return load_articles(session, ids=ids)


def _warm_up(parent: int) -> None:
    """Worker start: tie its life to ``parent``'s, then load the model once, before the first
    batch arrives.

    spaCy's thinc imports PyTorch when it is installed, which the NER never uses: keeping it
    out saves each worker about 180 MB.
    """
    die_with_parent(parent)
    sys.modules.setdefault("torch", None)  # type: ignore[arg-type]
    load_nlp()


def die_with_parent(parent: int) -> None:
    """End this process as soon as ``parent`` (the process that started it) is gone.

    Linux sends the signal when the *thread* that started the worker ends; that is safe
    here because the pool lives inside one call of :func:`extracted`, on one thread.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl (another libc): the watchdog below still works
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watchdog", daemon=True).start()


def _watch(parent: int) -> None:
    """Re-parented (to init or a subreaper) means the parent died: exit at once."""
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)
