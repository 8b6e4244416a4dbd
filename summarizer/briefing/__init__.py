"""Briefings: per story a headline and 2–4 cited key points; a ranked digest of stories.

Key points are sentences taken verbatim from the articles, so a briefing never says
what no article says. Importing this package is cheap; models load on first use.
"""

from summarizer.briefing.build import build_digest, story_briefing
from summarizer.briefing.models import Briefing, Digest, KeyPoint

__all__ = ["Briefing", "Digest", "KeyPoint", "build_digest", "story_briefing"]
