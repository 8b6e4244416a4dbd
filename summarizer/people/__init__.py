"""People and organisations: NER over articles, names resolved across the corpus, ``/who``.

``update_people`` indexes new or changed articles (spaCy NER, trimmed pipeline) and
re-resolves names; ``who`` answers from the stored index; ``people_in_articles`` lists
who is involved in a set of articles (for briefings).
"""

from summarizer.people.answer import Cited, Match, Related, WhoAnswer
from summarizer.people.index import PeopleReport, behind, unindexed, update_people
from summarizer.people.query import people_in_articles, who

__all__ = [
    "Cited",
    "Match",
    "PeopleReport",
    "Related",
    "WhoAnswer",
    "behind",
    "people_in_articles",
    "unindexed",
    "update_people",
    "who",
]
