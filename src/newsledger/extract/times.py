"""Time expressions and their TIMEX3 values, anchored on the publication date."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import InferredDate, TimeExpr

__all__ = ["extract_times", "infer_publication_date"]


def extract_times(doc: Doc, anchor: str | None, anchor_kind: str = "published") -> list[TimeExpr]:
    """Every time expression in ``doc`` with a normalised value (placeholder: being written)."""
    out = []
    for i, ent in enumerate(e for e in doc.ents if e.label_ in ("DATE", "TIME")):
        out.append(TimeExpr(f"T{i + 1}", ent.text, ent.start_char, ent.end_char, "DATE", None, anchor, anchor_kind))
    return out


def infer_publication_date(doc: Doc) -> InferredDate | None:
    """A publication date inferred from internal evidence (placeholder: being written)."""
    return None
