"""Which backend and export folder the embedder uses: configured, else the environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.config import PipelineConfig
from summarizer.embeddings import EmbeddingError, configure, loader
from summarizer.service import Briefbot


@pytest.fixture(autouse=True)
def unconfigured(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts and ends with no configured default and no BRIEFBOT_ variables."""
    monkeypatch.delenv("BRIEFBOT_EMBEDDING_BACKEND", raising=False)
    monkeypatch.delenv("BRIEFBOT_MODEL_CACHE", raising=False)
    configure()
    yield
    configure()


def test_defaults_are_onnx_fp32_in_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """fp32: the same decisions on CPUs with and without AVX-512/VNNI (int8 is opt-in)."""
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/me")
    assert loader.default_backend() == "onnx"
    assert loader.model_cache() == Path("/var/cache/me/briefbot")


def test_environment_still_works_without_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFBOT_EMBEDDING_BACKEND", "onnx-int8")
    monkeypatch.setenv("BRIEFBOT_MODEL_CACHE", str(tmp_path))
    assert loader.default_backend() == "onnx-int8"
    assert loader.model_cache() == tmp_path


def test_configured_values_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFBOT_EMBEDDING_BACKEND", "onnx-int8")
    monkeypatch.setenv("BRIEFBOT_MODEL_CACHE", "/elsewhere")
    configure("fp32", tmp_path / "models")
    assert loader.default_backend() == "fp32"
    assert loader.model_cache() == tmp_path / "models"
    configure()
    assert loader.default_backend() == "onnx-int8"


def test_configuring_an_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(EmbeddingError, match="unknown embedding backend 'tpu'; choose one of"):
        configure("tpu")


def test_the_service_configures_the_process_from_its_config(
    database_url: str, tmp_path: Path
) -> None:
    config = PipelineConfig(
        database_url=database_url, embedding_backend="fp32", model_cache=tmp_path / "exports"
    )
    bot = Briefbot(config)
    try:
        assert loader.default_backend() == "fp32"
        assert loader.model_cache() == tmp_path / "exports"
    finally:
        bot.close()


def test_load_embedder_builds_the_configured_backend(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No model is built here: the loader is asked which backend and folder it would use."""
    built: list[tuple[str, Path]] = []

    def fake_build(backend: str, threads: int | None, cache: Path) -> object:
        built.append((backend, cache))
        return object()

    monkeypatch.setattr(loader, "_cache", {})
    monkeypatch.setattr(loader, "_build", fake_build)
    configure("onnx", tmp_path / "a")
    loader.load_embedder()
    loader.load_embedder(backend="fp32", cache_dir=tmp_path / "b")
    assert built == [("onnx", tmp_path / "a"), ("fp32", tmp_path / "b")]
