"""How a key point names its source in the console text."""

from __future__ import annotations

from summarizer.briefing.models import KeyPoint


def test_a_point_names_its_outlet_and_the_outlets_that_agree() -> None:
    assert KeyPoint("Talks resumed.", "Wire One", 3).citation() == "Wire One"
    assert KeyPoint("Talks resumed.", "Wire One", 3, ("Daily Two",)).citation() == (
        "Wire One, +1 more"
    )


def test_a_point_without_outlet_names_its_article_for_briefbot_show() -> None:
    assert KeyPoint("Talks resumed.", None, 12).citation() == "unknown outlet, article 12"
