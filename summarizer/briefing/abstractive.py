"""Optional fluent rewrite of a story's key points by a local model, with a fidelity guard.

When ``abstractive_model_dir`` points at a transformers checkpoint (seq2seq such as
T5/BART, or a causal instruct model), the points are rewritten into 2–3 sentences.
Every generated sentence must state only numbers, names and quotes that the points
contain; sentences that do not are dropped, and when none survive the caller keeps
the extractive points. Nothing is downloaded: the checkpoint must be on disk.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from summarizer.briefing.models import KeyPoint
from summarizer.sentences import split_sentences

log = logging.getLogger(__name__)

MAX_NEW_TOKENS = 120
_lock = threading.Lock()

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTED = re.compile(r"[\"“]([^\"”]{3,})[\"”]")
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        """a an the this that these those he she it they we i his her its their our in on at but
and or so yet if as after before while when meanwhile however also""",
    )
)


def unsupported(sentence: str, source: str) -> list[str]:
    """The numbers, names and quotes in ``sentence`` that ``source`` does not contain."""
    plain_source = " ".join(source.split())
    lowered = plain_source.lower()
    digits = {n.replace(",", "") for n in _NUMBER.findall(plain_source)}
    missing = [n for n in _NUMBER.findall(sentence) if n.replace(",", "") not in digits]
    missing += [q for q in _QUOTED.findall(sentence) if " ".join(q.split()).lower() not in lowered]
    for name in _NAME.findall(sentence):
        words = [w for w in name.split() if w.lower() not in _FUNCTION_WORDS]
        missing += [w for w in words if not re.search(rf"\b{re.escape(w.lower())}", lowered)]
    return missing


def guard(generated: str, points: Sequence[KeyPoint]) -> list[str]:
    """The generated sentences that state nothing absent from the points."""
    source = " ".join(point.text for point in points)
    kept = []
    for sentence in split_sentences(generated):
        if len(sentence.split()) < 4:
            continue
        missing = unsupported(sentence, source)
        if missing:
            log.info("dropped a generated sentence; not in the sources: %s", missing)
        else:
            kept.append(sentence)
    return kept


@cache
def _load(model_dir: Path) -> tuple[Any, Any, bool]:
    from transformers import (
        AutoConfig,
        AutoModelForCausalLM,
        AutoModelForSeq2SeqLM,
        AutoTokenizer,
    )

    config = AutoConfig.from_pretrained(str(model_dir), local_files_only=True)
    seq2seq = bool(getattr(config, "is_encoder_decoder", False))
    loader = AutoModelForSeq2SeqLM if seq2seq else AutoModelForCausalLM
    model = loader.from_pretrained(str(model_dir), local_files_only=True)
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    return model, tokenizer, seq2seq


def _prompt(tokenizer: Any, points: Sequence[KeyPoint], seq2seq: bool) -> str:
    facts = "\n".join(f"- {point.text}" for point in points)
    if seq2seq:
        return "summarize: " + " ".join(point.text for point in points)
    instruction = (
        "Rewrite these facts from news reports as two or three fluent sentences. "
        "Use only the facts given; keep names and numbers exactly.\n" + facts
    )
    if getattr(tokenizer, "chat_template", None):
        messages = [{"role": "user", "content": instruction}]
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return instruction + "\nSummary:"


def generate(model_dir: Path, points: Sequence[KeyPoint]) -> str:
    """The model's raw rewrite of the points (greedy decoding, deterministic)."""
    import torch

    model, tokenizer, seq2seq = _load(Path(model_dir))
    inputs = tokenizer(_prompt(tokenizer, points, seq2seq), return_tensors="pt", truncation=True)
    inputs.pop("token_type_ids", None)
    with _lock, torch.inference_mode():
        output = model.generate(**inputs, max_new_tokens=MAX_NEW_TOKENS, do_sample=False)
    if not seq2seq:
        output = output[:, inputs["input_ids"].shape[1] :]
    return tokenizer.decode(output[0], skip_special_tokens=True).strip()


def rewrite_points(model_dir: Path, points: Sequence[KeyPoint]) -> list[str] | None:
    """2–3 checked sentences rewriting the points, or None to keep the extractive points."""
    try:
        text = generate(model_dir, points)
    except Exception:  # a broken checkpoint must not break the digest
        log.warning(
            "abstractive model at %s failed; keeping the key points", model_dir, exc_info=True
        )
        return None
    kept = guard(text, points)[:3]
    return kept or None
