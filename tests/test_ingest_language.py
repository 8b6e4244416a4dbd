"""Language guesses: sure ones name the language, short or unsure text is 'und' (clustered)."""

from __future__ import annotations

import pytest

from summarizer.ingest.language import guess_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Hafenarbeiter in Bremen haben am Montag die Arbeit niedergelegt, weil die "
            "Verhandlungen über die Löhne gescheitert sind.",
            "de",
        ),
        (
            "Le gouvernement a annoncé lundi de nouvelles mesures pour soutenir les pêcheurs "
            "du port de Boulogne.",
            "fr",
        ),
        (
            "Crane operators at the northern terminal voted on Friday to accept a new shift "
            "rota after two months of talks with the port operator.",
            "en",
        ),
        ("12:30 — 14:45", "und"),
    ],
)
def test_sure_guesses_name_the_language(text: str, expected: str) -> None:
    assert guess_language(text) == expected


@pytest.mark.parametrize(
    "headline",
    [
        "SC gas prices tick up 1.6 cents per gallon",
        "Business news and markets: live",
        "India Morning Call-Global Markets",
        "ECB holds rates, Draghi signals June action",
        "Apple buys Beats",
        # The old stop-word count called this Italian ("in", "a", "per"…).
        "SC gas prices tick up 1.6 cents per gallon. SC gas prices tick up 1.6 cents per "
        "gallon in the Upstate, AAA says.",
    ],
)
def test_short_english_headlines_are_never_given_another_language(headline: str) -> None:
    assert guess_language(headline) in {"en", "und"}
