"""Counts: cardinal expressions parsed into min/best/max, what they count and who claims them."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Count

__all__ = ["extract_counts", "parse_count"]


def parse_count(text: str) -> tuple[float | None, float | None, float | None] | None:
    """(min, best, max) of a count expression, or None when it is not a count (placeholder)."""
    return None


def extract_counts(doc: Doc) -> list[Count]:
    """Every count in ``doc`` (placeholder: being written)."""
    return []
