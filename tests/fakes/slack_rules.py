"""What the real Web API refuses in ``chat.postMessage``, for the fake server to refuse too.

Slack answers ``{"ok": false, "error": "invalid_blocks"}`` for more than 50 blocks, a
section text that is empty or over 3,000 characters, or a header over 150; ``no_text``
when there is neither text nor blocks; ``msg_too_long`` for a text over 40,000.
Characters are counted in UTF-16 units here, the stricter of the two counts.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_TEXT = 40_000


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _block_fault(block: dict[str, Any]) -> str | None:
    text = (block.get("text") or {}).get("text", "")
    limit = MAX_HEADER if block.get("type") == "header" else MAX_SECTION
    if not isinstance(text, str) or not text.strip():
        return "text must not be empty"
    if _units(text) > limit:
        return f"must be less than {limit + 1} characters"
    return None


def refusal(params: dict[str, Any]) -> tuple[str, list[str]] | None:
    """Slack's error code and messages for a ``chat.postMessage`` it refuses, or None."""
    blocks = params.get("blocks") or []
    if isinstance(blocks, str):  # form-encoded calls carry the blocks as JSON
        blocks = json.loads(blocks)
    text = str(params.get("text") or "")
    if not blocks and not text.strip():
        return "no_text", []
    if _units(text) > MAX_TEXT:
        return "msg_too_long", []
    if len(blocks) > MAX_BLOCKS:
        return "invalid_blocks", [f"[ERROR] no more than {MAX_BLOCKS} items allowed"]
    faults = [
        f"[ERROR] {fault} [json-pointer:/blocks/{index}/text/text]"
        for index, block in enumerate(blocks)
        if (fault := _block_fault(block)) is not None
    ]
    return ("invalid_blocks", faults) if faults else None
