"""Stories: articles about the same event, across outlets, clustered incrementally.

Heavy parts (the embedding model) load only when :func:`update_stories` has work to do.
"""

from summarizer.stories.queries import (
    StoryRecord,
    list_stories,
    stories_of,
    story_articles,
    story_of,
)
from summarizer.stories.update import (
    StoriesReport,
    unclustered,
    unclustered_count,
    update_stories,
)

__all__ = [
    "StoriesReport",
    "StoryRecord",
    "list_stories",
    "stories_of",
    "story_articles",
    "story_of",
    "unclustered",
    "unclustered_count",
    "update_stories",
]
