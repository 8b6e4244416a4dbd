"""The fast backend: the packaged weights exported once to ONNX (int8 optional), on ONNX Runtime.

The export happens locally, from the installed weights, into a cache folder; nothing is
downloaded. A fresh export is checked against the PyTorch model on a few sentences and
refused (the caller falls back to PyTorch) when the vectors disagree.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.embeddings.base import MODEL_NAME, Embedder, EmbeddingError, mean_pool

log = logging.getLogger(__name__)

MIN_AGREEMENT = 0.99
"""Mean cosine to the PyTorch vectors a fresh export must reach to be used."""
INT8_SETTINGS = {
    "weight_type": "QInt8",
    "per_channel": True,
    "reduce_range": True,
    "fp32_nodes": "/output/dense/MatMul",
}
"""How the int8 export quantises: signed weights per output channel, in 7 bits, except the
feed-forward output projections (MatMul nodes named ``.../output/dense/MatMul``), which stay
fp32.

ONNX Runtime multiplies uint8 activations by int8 weights; on AVX2 CPUs without VNNI its
kernel adds pairs of those products in 16 bits, which saturates for full 8-bit weights
(255 * 127 * 2 > 32767): vectors differed from the VNNI/AVX-512 path (cosine 0.991 to the
same export). 7-bit weights keep every pair in range (255 * 64 * 2 <= 32767), so the integer
products are exact on every CPU. The feed-forward outputs read the GELU's long-tailed
activations, which one uint8 scale per call rounds worst; keeping them fp32 raised the
agreement with PyTorch from 0.9916 to 0.9956 (mean, 300 BBC sentences). Part of the export's
cache key and of its name."""
INT8_TAG = "int8r7"
_CHECK_SENTENCES = (
    "The two presidents will speak by phone on Tuesday about a ceasefire.",
    "Shares in the carmaker fell 4% after it cut its profit forecast for the year.",
    "The orchestra's new season opens with a rarely performed opera.",
    "Heavy rain closed the main road and flooded dozens of homes overnight.",
    "Officials said the talks in Riyadh had been constructive.",
    "Arsenal beat Chelsea 2-1 with a late goal.",
)


class OnnxEmbedder(Embedder):
    """MiniLM through ONNX Runtime on the CPU.

    With int8 weights, activations are quantised per call, so a text's vector would depend
    on the texts batched with it; ``alone`` runs each text by itself to keep vectors stable,
    ``threads`` texts at a time, each on one thread: for one short text per call that is
    about twice as fast on two cores as one call spread over two threads.
    """

    def __init__(
        self, model_file: Path, tokenizer: Any, *, name: str, threads: int | None, alone: bool
    ) -> None:
        import onnxruntime

        super().__init__(tokenizer)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1 if alone else threads or 0
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Idle pool threads must not spin: on shared cores, spinning halved throughput
        # (one short text per call); vectors are identical either way.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        self.name = name
        if alone:
            self.max_batch = 1
            self.workers = threads or os.cpu_count() or 1

    def _embed_batch(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
        (hidden,) = self.session.run(None, feeds)
        return mean_pool(hidden, attention_mask)


def load_onnx(
    model_dir: Path, tokenizer: Any, *, quantized: bool, threads: int | None, cache: Path
) -> Embedder:
    """The ONNX embedder, exporting (and checking) it into ``cache`` first when it is not there."""
    variant = "onnx-int8" if quantized else "onnx"
    folder = cache / f"{variant}-{_fingerprint(model_dir, quantized=quantized)}"
    model_file = folder / "model.onnx"
    report = folder / "check.json"
    if not (model_file.exists() and report.exists()):
        _export(model_dir, tokenizer, folder, quantized=quantized)
    agreement = json.loads(report.read_text())["agreement"]
    if agreement < MIN_AGREEMENT:
        raise EmbeddingError(f"{variant} export agrees with PyTorch only at {agreement:.3f}")
    name = f"{MODEL_NAME}/onnx-{INT8_TAG}" if quantized else f"{MODEL_NAME}/onnx"
    return OnnxEmbedder(model_file, tokenizer, name=name, threads=threads, alone=quantized)


def _fingerprint(model_dir: Path, *, quantized: bool) -> str:
    """Changes with the weights, the versions and the int8 settings that shape the export."""
    import onnxruntime
    import transformers

    weights = model_dir / "model.safetensors"
    stat = weights.stat() if weights.exists() else None
    key = f"{weights}|{stat and stat.st_size}|{stat and stat.st_mtime_ns}|"
    key += f"{transformers.__version__}|{onnxruntime.__version__}"
    if quantized:
        key += "|" + json.dumps(INT8_SETTINGS, sort_keys=True)
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _fp32_nodes(model_file: Path) -> list[str]:
    """The MatMul nodes the int8 export keeps in fp32 (see :data:`INT8_SETTINGS`)."""
    import onnx

    graph = onnx.load(str(model_file), load_external_data=False).graph
    suffix = str(INT8_SETTINGS["fp32_nodes"])
    return [
        node.name
        for node in graph.node
        if node.op_type == "MatMul"
        and node.name.endswith(suffix)
        and "/attention/" not in node.name
    ]


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """Raise the root logger to WARNING for the duration of the block."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        root.setLevel(level)


def _export(model_dir: Path, tokenizer: Any, folder: Path, *, quantized: bool) -> None:
    import torch

    from summarizer.embeddings.torch_backend import ExportableEncoder, TorchEmbedder

    folder.mkdir(parents=True, exist_ok=True)
    reference = TorchEmbedder(model_dir, tokenizer)
    suffix = f".{os.getpid()}.tmp"
    plain = folder / f"plain.onnx{suffix}"
    inputs = (torch.ones(2, 8, dtype=torch.long), torch.ones(2, 8, dtype=torch.long))
    axes = {0: "batch", 1: "tokens"}
    log.info("exporting %s to ONNX in %s (once)", MODEL_NAME, folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            ExportableEncoder(reference.model).eval(),
            inputs,
            str(plain),
            input_names=["input_ids", "attention_mask"],
            output_names=["hidden"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes},
            opset_version=17,
            dynamo=False,
        )
    final = folder / f"model.onnx{suffix}"
    if quantized:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        with _quiet_root_logger():  # the quantizer logs one INFO line per tensor on the root
            quantize_dynamic(
                str(plain),
                str(final),
                weight_type=QuantType[str(INT8_SETTINGS["weight_type"])],
                per_channel=bool(INT8_SETTINGS["per_channel"]),
                reduce_range=bool(INT8_SETTINGS["reduce_range"]),
                nodes_to_exclude=_fp32_nodes(plain),
            )
        plain.unlink()
    else:
        plain.replace(final)
    reference.model.eval()  # the export may leave modules in training mode (dropout on)
    candidate = OnnxEmbedder(final, tokenizer, name="check", threads=None, alone=quantized)
    expected = reference.encode(_CHECK_SENTENCES)
    agreement = float((candidate.encode(_CHECK_SENTENCES) * expected).sum(axis=1).mean())
    final.replace(folder / "model.onnx")
    (folder / "check.json").write_text(json.dumps({"agreement": agreement}))
