"""Article text as HTML: every extracted item marked, every character escaped.

Marks may nest (a count inside a quote inside an evidence sentence) and may
cross (a quote running over a sentence end): the text is cut at every mark
boundary and each piece is wrapped in the marks covering it, so a crossing mark
is simply closed and reopened.  Only the first piece of a mark carries its
``id``.  Nothing from the article is ever emitted unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..model import Article, ArticleResult, Removal
from ..timex import describe_timex

__all__ = ["Mark", "safe_url", "highlight", "highlight_span", "removal_positions", "event_marks"]

_SAFE_SCHEMES = ("http://", "https://")


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered as links; ``javascript:`` and friends are not."""
    return url if url and url.lower().startswith(_SAFE_SCHEMES) else None


@dataclass(frozen=True)
class Mark:
    """One highlighted span: ``kind`` is the CSS class, ``row`` the id of the table row it stands for."""

    start: int
    end: int
    kind: str
    ref: str
    row: str | None = None
    title: str | None = None
    id: str | None = None


# Equal spans nest in this order (outermost first).
_RANK = {"evidence": 0, "quote": 1, "trigger": 2, "count": 3, "claimant": 4, "agent": 5, "target": 6,
         "place": 7, "time": 8, "entity": 9}


def _render(text: str, marks: list[Mark], inserts: dict[int, list[str]] | None = None, base: int = 0) -> str:
    """Escaped ``text`` with ``marks`` (offsets relative to ``base``) and raw HTML ``inserts`` at positions."""
    inserts = inserts or {}
    end_of_text = base + len(text)
    marks = [m for m in marks if m.start < m.end and m.end > base and m.start < end_of_text]
    order = sorted(marks, key=lambda m: (m.start, -m.end, _RANK.get(m.kind, 99), m.ref))
    bounds = sorted({base, end_of_text} | {max(base, min(end_of_text, p)) for m in marks for p in (m.start, m.end)}
                    | {p for p in inserts if base <= p <= end_of_text})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[int] = set()

    def open_tag(mark: Mark) -> str:
        attrs = [f'class="{mark.kind}"']
        first = id(mark) not in opened
        if first and mark.id:
            attrs.append(f'id="{escape(mark.id)}"')
        opened.add(id(mark))
        attrs.append(f'data-ref="{escape(mark.ref)}"')
        if mark.row:
            attrs.append(f'data-row="{escape(mark.row)}"')
        if mark.title:
            attrs.append(f'title="{escape(mark.title)}"')
        if first and mark.row:
            attrs.append('tabindex="0"')  # a keyboard reaches the highlight (Enter shows its row), once per mark
        return f"<mark {' '.join(attrs)}>"

    def piece(s: str) -> str:
        return str(escape(s)).replace("\n", "<br>\n")

    for i, left in enumerate(bounds):
        right = bounds[i + 1] if i + 1 < len(bounds) else None
        active = [m for m in order if right is not None and m.start <= left and m.end >= right]
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        del stack[keep:]
        out.extend(inserts.get(left, []))
        for mark in active[keep:]:
            out.append(open_tag(mark))
            stack.append(mark)
        if right is not None:
            out.append(piece(text[left - base:right - base]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def removal_positions(article: Article) -> list[tuple[int | None, Removal]]:
    """Where each removed boilerplate line stood in the cleaned text (None when it cannot be placed)."""
    raw, text = article.raw_text, article.text
    lines: list[tuple[int, int]] = []  # each removed line with its newline, in raw_text
    for r in article.removed:
        start = raw.rfind("\n", 0, r.start) + 1
        end = raw.find("\n", r.end)
        lines.append((start, len(raw) if end == -1 else end + 1))
    out: list[tuple[int | None, Removal]] = []
    for (line_start, _), removal in zip(lines, article.removed):
        prefix = raw[:line_start]
        for start, end in sorted(lines, reverse=True):
            if end <= line_start:
                prefix = prefix[:start] + prefix[end:]
        prefix = re.sub(r"\n{3,}", "\n\n", prefix.lstrip("\n"))
        if text.startswith(prefix):
            out.append((len(prefix), removal))
        elif prefix.rstrip("\n") == text:
            out.append((len(text), removal))
        else:
            out.append((None, removal))
    return out


def _time_title(value: str | None) -> str:
    """"2016" for a value of "2016-XX" (with the value itself in brackets), so a hover reads like the text."""
    shown = describe_timex(value)
    return shown if shown == (value or "") else f"{shown} ({value})"


def _item_marks(result: ArticleResult) -> list[Mark]:
    marks: list[Mark] = []
    for ev in result.events:
        marks.append(Mark(ev.trigger_start, ev.trigger_end, "trigger", ev.id, f"event-{ev.id}",
                          f"event {ev.id}: {ev.type}" + (f"/{ev.mode}" if ev.mode else "") + f" ({ev.modality})",
                          f"trigger-{ev.id}"))
    for q in result.quotes:
        marks.append(Mark(q.start, q.end, "quote", q.id, f"row-quote-{q.id}",
                          f"quote {q.id} ({q.kind}) by {q.speaker_text or 'unknown speaker'}", f"quote-{q.id}"))
    for c in result.counts:
        marks.append(Mark(c.start, c.end, "count", c.id, f"row-count-{c.id}",
                          f"count {c.id}: {c.best:g}" if c.best is not None else f"count {c.id}", f"count-{c.id}"))
    for t in result.times:
        marks.append(Mark(t.start, t.end, "time", t.id, f"row-time-{t.id}", f"time {t.id}: {_time_title(t.value)}",
                          f"time-{t.id}"))
    place_spans = set()
    for p in result.places:
        place_spans.add((p.start, p.end))
        marks.append(Mark(p.start, p.end, "place", p.id, f"row-place-{p.id}", f"place {p.id}: {p.name}",
                          f"place-{p.id}"))
    for e in result.entities:
        for n, m in enumerate(e.mentions):
            if (m.start, m.end) not in place_spans:
                marks.append(Mark(m.start, m.end, "entity", e.id, f"row-entity-{e.id}",
                                  f"{e.type} {e.id}: {e.name}", f"mention-{e.id}-{n}"))
    return marks


def highlight(result: ArticleResult, focus: str | None = None) -> Markup:
    """The cleaned text as HTML: items marked and tied to their table rows, boilerplate struck out in place.

    Args:
        result: the stored article and what was found in it.
        focus: an event id whose evidence sentences are marked too (``class="evidence"``).
    """
    marks = _item_marks(result)
    for ev in result.events:
        if ev.id == focus:
            marks += [Mark(s.start, s.end, "evidence", ev.id, f"event-{ev.id}", f"evidence for event {ev.id}",
                           f"evidence-{ev.id}-{n}") for n, s in enumerate(ev.evidence)]
    inserts: dict[int, list[str]] = {}
    size = len(result.article.text)
    for position, removal in removal_positions(result.article):
        if position is None:
            continue
        struck = (f'<del class="removed" title="removed boilerplate: {escape(removal.reason)}">'
                  f"{escape(removal.text)}</del>")
        inserts.setdefault(position, []).append(f"<br>\n{struck}" if position >= size else f"{struck}<br>\n")
    return Markup(_render(result.article.text, marks, inserts))


def event_marks(result: ArticleResult, event: dict[str, Any]) -> list[Mark]:
    """Marks for one event's own parts: trigger, count, claimant, place, time, agent and target."""
    marks = [Mark(event["trigger_start"], event["trigger_end"], "trigger", event["id"], title="what happened")]
    counts = {c.id: c for c in result.counts}
    count = counts.get(event.get("count") or "")
    if count is not None:
        marks.append(Mark(count.start, count.end, "count", count.id, title="how many"))
        if count.claimed_by_start is not None and count.claimed_by_end is not None:
            marks.append(Mark(count.claimed_by_start, count.claimed_by_end, "claimant", count.id,
                              title="who gives the figure"))
    for item, kind, title in (({p.id: p for p in result.places}.get(event.get("place") or ""), "place", "where"),
                              ({t.id: t for t in result.times}.get(event.get("time") or ""), "time", "when")):
        if item is not None:
            marks.append(Mark(item.start, item.end, kind, item.id, title=title))
    text = result.article.text
    for role, title in (("agent", "who did it"), ("target", "to whom"), ("claimed_by", "who says so")):
        words = event.get(f"{role}_text")
        if not words:
            continue
        kind = "claimant" if role == "claimed_by" else role
        for span in event.get("evidence", []):
            at = text.find(words, span["start"], span["end"])
            if at >= 0:
                if not any((m.start, m.end, m.kind) == (at, at + len(words), kind) for m in marks):
                    marks.append(Mark(at, at + len(words), kind, role, title=title))
                break
    return marks


def highlight_span(result: ArticleResult, start: int, end: int, marks: list[Mark]) -> Markup:
    """``article.text[start:end]`` as escaped HTML with ``marks`` (clipped to the span)."""
    return Markup(_render(result.article.text[start:end], marks, base=start))
