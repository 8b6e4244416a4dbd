"""Ingestion: corpus folder → clean, attributed, de-duplicated articles in the store.

``ingest_corpus`` is the entry point; :class:`IngestReport` says what one run did.
"""

from summarizer.ingest.pipeline import ingest_corpus
from summarizer.ingest.report import IngestReport

__all__ = ["IngestReport", "ingest_corpus"]
