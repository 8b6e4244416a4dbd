"""Briefbot's NLP side: ingestion, cleaning, embeddings, stories, briefings, people.

This package never imports :mod:`bot`; it exposes plain dataclasses and functions.
"""
