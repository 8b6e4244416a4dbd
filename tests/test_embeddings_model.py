"""The packaged MiniLM embedder: unit vectors, stable order, a cache that survives restarts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from summarizer.embeddings import Embedder, EmbeddingError, embed_cached, load_embedder
from summarizer.store import Store
from summarizer.store.stories import EmbeddingCacheRow

pytestmark = pytest.mark.slow


class CountingEmbedder(Embedder):
    """Wraps the real embedder and records which texts it was asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        super().__init__(inner.tokenizer)
        self.inner = inner
        self.name = inner.name
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        self.seen.extend(texts)
        return self.inner.encode(texts, batch_size=batch_size)

    def _embed_batch(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        raise NotImplementedError


def test_importing_the_package_does_not_load_torch() -> None:
    code = "import sys, summarizer.embeddings, summarizer.stories, summarizer.search; "
    code += "print('torch' in sys.modules, 'transformers' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"


def test_vectors_are_unit_float32_and_meaningful(embedder: Embedder) -> None:
    texts = [
        "The two presidents will speak by phone on Tuesday about a ceasefire.",
        "A phone call between the leaders about a truce is planned for Tuesday.",
        "The recipe needs two cups of flour and a pinch of salt.",
        "",
    ]
    vectors = embedder.encode(texts)
    assert vectors.shape == (4, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > 0.6 > vectors[0] @ vectors[2]


def test_order_and_values_do_not_depend_on_batching(embedder: Embedder) -> None:
    texts = [f"Sentence number {i} " + "word " * (i * 7 % 40) for i in range(23)]
    one_batch = embedder.encode(texts, batch_size=64)
    small_batches = embedder.encode(texts, batch_size=3)
    singles = np.vstack([embedder.encode([text]) for text in texts])
    assert np.allclose(one_batch, small_batches, atol=1e-5)
    assert np.allclose(one_batch, singles, atol=1e-5)
    assert embedder.encode([]).shape == (0, 384)


def test_texts_run_in_parallel_threads_give_the_same_vectors_as_one_at_a_time(
    embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The int8 backend runs one text per call on ``threads`` worker threads."""
    texts = [f"Item {i}: the council met " + "again and " * (i % 9) for i in range(17)]
    parallel = embedder.encode(texts)
    monkeypatch.setattr(embedder, "workers", 1)
    assert np.array_equal(parallel, embedder.encode(texts))
    if "int8" in embedder.name:
        monkeypatch.undo()
        assert embedder.workers == 2 and embedder.max_batch == 1


def test_long_text_is_truncated_not_rejected(embedder: Embedder) -> None:
    vector = embedder.encode(["ceasefire " * 2000])
    assert np.isfinite(vector).all()


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(EmbeddingError, match="unknown embedding backend 'gpu'"):
        load_embedder(backend="gpu")


def test_load_embedder_is_cached_per_process(embedder: Embedder) -> None:
    assert load_embedder(threads=2) is embedder


def test_cache_embeds_each_text_once_and_survives_a_restart(
    embedder: Embedder, database_url: str
) -> None:
    texts = ["Kyiv agreed to the truce.", "Moscow has questions.", "Kyiv agreed to the truce."]
    counting = CountingEmbedder(embedder)
    store = Store(database_url)
    with store.session() as session:
        first = embed_cached(session, counting, texts)
    assert counting.seen == ["Kyiv agreed to the truce.", "Moscow has questions."]
    store.close()

    reopened = Store(database_url)
    restarted = CountingEmbedder(embedder)
    with reopened.session() as session:
        second = embed_cached(session, restarted, [*texts, "A new sentence."])
        rows = session.query(EmbeddingCacheRow).count()
    reopened.close()
    assert restarted.seen == ["A new sentence."]
    assert np.allclose(first, second[:3])
    assert np.allclose(first[0], first[2])
    assert rows == 3


def test_the_fast_default_agrees_with_plain_pytorch(embedder: Embedder) -> None:
    reference = load_embedder(threads=2, backend="fp32")
    texts = [
        "The harbour bridge was closed after engineers found cracks in its main span.",
        "Marlow Devices says its new tablet's battery lasts a week.",
        "Rain is expected across the north tomorrow.",
        "Botanists found a flower not recorded for a century.",
    ]
    agreement = (embedder.encode(texts) * reference.encode(texts)).sum(axis=1)
    assert reference.name.endswith("torch-fp32")
    assert agreement.mean() >= 0.99 and agreement.min() >= 0.97


def test_a_broken_export_falls_back_to_pytorch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An unwritable cache folder means no ONNX export: the user still gets embeddings."""
    from summarizer.embeddings import loader

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("BRIEFBOT_MODEL_CACHE", str(blocker))
    monkeypatch.setattr(loader, "_cache", {})
    fallback = load_embedder(threads=2, backend="onnx")
    assert fallback.name.endswith("torch-fp32")
    assert fallback.encode(["still works"]).shape == (1, 384)
