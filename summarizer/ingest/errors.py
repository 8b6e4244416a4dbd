"""The one exception of ingestion: a file that cannot become an article, with the reason."""

from __future__ import annotations


class RejectFile(Exception):
    """Raised while reading or parsing a file; the message is shown to the user as the reason."""

    @property
    def reason(self) -> str:
        return str(self)
