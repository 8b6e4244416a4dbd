"""A child process that embeds texts into one store's cache at the same moment as another.

``python -m tests.fakes.racing URL BARRIER PARTIES TEXT...``: looks the texts up (all
missing), waits until ``PARTIES`` processes have got that far (files in ``BARRIER``), then
stores its vectors and commits, so every party inserts the same cache rows at once.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.storage import BOT_MIGRATIONS
from summarizer.embeddings import Embedder, embed_cached
from summarizer.store import Store


class BarrierEmbedder(Embedder):
    """Vectors from each text's hash; ``encode`` returns once every party has called it."""

    name = "racing-test"

    def __init__(self, barrier: Path, parties: int) -> None:
        super().__init__(tokenizer=None)
        self.barrier, self.parties = barrier, parties

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        (self.barrier / str(os.getpid())).touch()
        deadline = time.monotonic() + 60
        while len(list(self.barrier.iterdir())) < self.parties and time.monotonic() < deadline:
            time.sleep(0.01)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest(), np.uint8) for t in texts]
        vectors = np.resize(np.stack(rows).astype(np.float32), (len(texts), self.dimension))
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def _embed_batch(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        raise NotImplementedError


def main(url: str, barrier: str, parties: str, *texts: str) -> None:
    store = Store(url, extra_migrations=[BOT_MIGRATIONS])
    with store.session() as session:
        embed_cached(session, BarrierEmbedder(Path(barrier), int(parties)), texts)
    store.close()
    print("stored", len(texts))


if __name__ == "__main__":
    main(*sys.argv[1:])
