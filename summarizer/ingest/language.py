"""Language identification with py3langid (langid.py's model, shipped in the wheel).

A guess is kept only when the model is confident; short or mixed text (a headline, a
ticker line) is ``und`` and is clustered with the English models like English text, so an
English headline is never left out of the stories by a wrong guess. The model loads on the
first call (about 2 s) and is shared by the process.
"""

from __future__ import annotations

import threading
from typing import Any

CONFIDENT = 0.9
"""The smallest probability (langid's length-calibrated softmax) taken as a language."""
UNKNOWN = "und"
_lock = threading.Lock()
_identifier: list[Any] = []


def guess_language(text: str, *, sample: int = 3000) -> str:
    """An ISO 639-1 code (``en``, ``de``…) when the model is sure, else ``und``."""
    head = " ".join(text[:sample].split())
    if not any(ch.isalpha() for ch in head):
        return UNKNOWN
    code, probability = _model().classify(head)
    return code if probability >= CONFIDENT else UNKNOWN


def _model() -> Any:
    with _lock:
        if not _identifier:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _identifier[0]
