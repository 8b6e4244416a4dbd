"""The int8 export cannot saturate on any CPU, and a change of its settings is a new export.

ONNX Runtime's AVX2 kernel without VNNI adds pairs of uint8 x int8 products in 16 bits:
weights within [-64, 64] keep every pair in range (255 * 64 * 2 <= 32767), so the integer
products are the same with and without VNNI. (Loads the model; exports once into the cache.)
"""

from __future__ import annotations

from pathlib import Path

import onnx
import pytest
from onnx import numpy_helper

from summarizer.embeddings import load_embedder
from summarizer.embeddings import onnx_backend as backend
from summarizer.embeddings.loader import model_cache, model_dir

pytestmark = pytest.mark.slow


def int8_export() -> onnx.ModelProto:
    embedder = load_embedder(threads=2, backend="onnx-int8")
    assert embedder.name == "all-MiniLM-L6-v2/onnx-int8r7"
    key = backend._fingerprint(model_dir(), quantized=True)
    return onnx.load(str(model_cache() / f"onnx-int8-{key}" / "model.onnx"))


def test_int8_weights_fit_in_seven_bits_and_feed_forward_outputs_stay_fp32() -> None:
    model = int8_export()
    weights = [
        numpy_helper.to_array(tensor)
        for tensor in model.graph.initializer
        if tensor.data_type == onnx.TensorProto.INT8
    ]
    assert weights
    assert min(int(w.min()) for w in weights) >= -64
    assert max(int(w.max()) for w in weights) <= 64
    float_matmuls = {node.name for node in model.graph.node if node.op_type == "MatMul"}
    for layer in range(6):
        assert f"/model/encoder/layer.{layer}/output/dense/MatMul" in float_matmuls
    assert sum(node.op_type == "MatMulInteger" for node in model.graph.node) == 30


def test_the_export_folder_changes_with_the_int8_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """An export made with other settings (the old 8-bit one) is never reused."""
    folder: Path = model_dir()
    fp32, int8 = (backend._fingerprint(folder, quantized=q) for q in (False, True))
    assert fp32 != int8
    monkeypatch.setitem(backend.INT8_SETTINGS, "reduce_range", False)
    assert backend._fingerprint(folder, quantized=True) not in (fp32, int8)
