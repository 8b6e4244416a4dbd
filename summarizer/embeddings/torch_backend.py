"""The reference backend: transformers ``AutoModel`` in fp32 through PyTorch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch
from transformers import AutoModel

from summarizer.embeddings.base import MODEL_NAME, Embedder, mean_pool


class TorchEmbedder(Embedder):
    """all-MiniLM-L6-v2 through PyTorch, exactly as sentence-transformers computes it."""

    def __init__(self, model_dir: Path, tokenizer: Any) -> None:
        super().__init__(tokenizer)
        self.model = AutoModel.from_pretrained(str(model_dir), local_files_only=True)
        self.model.eval()
        self.name = f"{MODEL_NAME}/torch-fp32"

    def _embed_batch(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        ids = torch.from_numpy(input_ids)
        with torch.inference_mode():
            output = self.model(
                input_ids=ids,
                attention_mask=torch.from_numpy(attention_mask),
                token_type_ids=torch.zeros_like(ids),
            )
        return mean_pool(output.last_hidden_state.numpy(), attention_mask)


class ExportableEncoder(torch.nn.Module):
    """The transformer taking (input_ids, attention_mask) only, for the ONNX export."""

    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        output = self.model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        )
        return output.last_hidden_state
