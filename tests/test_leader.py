"""Two ``briefbot run`` on one PostgreSQL database: one leads (watches the corpus, schedules,
sends), the other stands by and takes over once the leader is killed (``kill -9``)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

BRIEFBOT = Path(sys.executable).with_name("briefbot")
WAIT = 90.0
"""Seconds a test waits for a log line before it fails (a deadline, not a measurement)."""


class Bot:
    """One ``briefbot run`` process whose log lines are read as they come."""

    def __init__(self, url: str, corpus: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
        env |= {"BRIEFBOT_DATABASE_URL": url, "BRIEFBOT_CORPUS_DIR": str(corpus)}
        self.process = subprocess.Popen(
            [str(BRIEFBOT), "run"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"no {text!r} in the log of pid {self.process.pid}: {''.join(self.seen)}")

    def said(self, text: str) -> bool:
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return any(text in line for line in self.seen)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def test_one_bot_leads_the_other_stands_by_and_takes_over_after_kill_9(
    tmp_path: Path, postgres_url: str
) -> None:
    """Before: both bots stayed up on one PostgreSQL database, each polling, scheduling and
    sending (every digest twice). Now the second says it stands by, and leads once the
    first is killed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = Bot(postgres_url, corpus)
    second: Bot | None = None
    try:
        first.wait_for("leading: this machine watches the corpus, schedules and sends")
        first.wait_for("briefbot running")
        second = Bot(postgres_url, corpus)
        standby = second.wait_for("standing by: another machine leads")
        assert f"(pid {first.process.pid})" in standby
        assert not second.said("leading:")

        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
        second.wait_for("leading: this machine watches the corpus, schedules and sends")
        second.wait_for("briefbot running")
    finally:
        first.stop()
        if second is not None:
            second.stop()
    assert second.process.returncode == 0, "".join(second.seen)


def test_run_once_is_refused_while_a_bot_leads(tmp_path: Path, postgres_url: str) -> None:
    """``briefbot run --once`` (cron) sends too: it may not while a machine leads."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    leader = Bot(postgres_url, corpus)
    try:
        leader.wait_for("briefbot running")
        env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
        once = subprocess.run(
            [str(BRIEFBOT), "--database-url", postgres_url, "run", "--once", "--corpus",
             str(corpus)], capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
    finally:
        leader.stop()
    assert once.returncode == 1
    assert (
        f"error: another Briefbot process (pid {leader.process.pid}) is already running the bot "
        "on this database"
    ) in " ".join(once.stderr.split())
