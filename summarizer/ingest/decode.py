"""Bytes to clean Unicode text: BOMs, UTF-8 or a detected legacy encoding, line endings, NULs."""

from __future__ import annotations

import codecs
import re
import unicodedata

from summarizer.ingest.errors import RejectFile

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffd\u200b]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u0085|\u2028|\u2029")
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}"
)
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
_WESTERN = set("‘’“”‚„–—…•€£¥©®°±·×÷™«»¡¿§¶ªº¹²³½¼¾µ") | {chr(c) for c in range(0xC0, 0x180)}


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes to normalised text (NFC, ``\\n`` line ends, no control characters).

    UTF-8 first (with or without BOM), then cp1252 when it reads as Western text (the web's
    de-facto legacy encoding), then whatever charset-normalizer detects.
    """
    text = _decode(data)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    if _MOJIBAKE.search(text):
        text = _MOJIBAKE.sub(_repair, text)
    return unicodedata.normalize("NFC", text)


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: many NULs or control bytes near the start."""
    head = data[:4096]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        candidate = data.decode("cp1252")
    except UnicodeDecodeError:
        candidate = None
    if candidate is not None and _reads_western(candidate):
        return candidate
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise RejectFile("cannot decode the text: no known encoding fits its bytes")
    return str(best)


def _reads_western(text: str) -> bool:
    """Whether nearly all non-ASCII characters are Latin letters or common typography."""
    extra = [ch for ch in text if ord(ch) > 127]
    if not extra:
        return True
    return sum(ch in _WESTERN for ch in extra) / len(extra) >= 0.95


def _repair(match: re.Match[str]) -> str:
    """Undo one UTF-8-read-as-cp1252 sequence (``â€™`` → ``’``) where it round-trips."""
    chunk = match.group(0)
    try:
        return chunk.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return chunk
