"""Score newsledger's events against the hand-annotated gold set, field by field.

    python eval/events.py [eval/gold/events.jsonl] [--corpus DIR] [--split dev|held-out|all] [--errors]

Each gold line points at one Reuters-21578 paragraph (file, NEWID, character
range of the unescaped BODY, whitespace collapsed) and lists the events a
reader finds in it (see eval/gold/README.md).  The paragraph text is read from
the research-only corpus in ``../shared/corpus/reuters21578`` at run time and
checked against the stored hash, so no corpus text lives in the repository;
when the corpus is absent the scorer prints a message and exits 0.

The paragraph runs through the whole pipeline (``build_result``) and the
events it returns are paired with the gold events:

* event    - a predicted event matches the first unmatched gold event whose
             trigger, or one of its ``also`` triggers (other words naming the
             same incident), overlaps the predicted trigger.  A second
             prediction for an already matched gold event is a duplicate
             (an under-merged event) and counts as a false positive;
* type     - event, and the PLOVER type is equal (``mode`` is reported apart);
* modality - event, and the modality is equal;
* agent / target - event, and the texts agree: one contains the other or
             they share the head (last) word, case-insensitive;
* place / time - event, and the linked place / time expression overlaps the
             gold text (any listed alternative);
* count    - event, and ``count_best`` equals the gold count (any listed value).

For every field, precision = correct / predicted events that fill the field,
recall = correct / gold events that fill it (for type, modality and event:
all predicted / all gold events).  ``--errors`` lists misses, false positives
and field mismatches.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from newsledger.annotate import load_nlp  # noqa: E402
from newsledger.clean import article_id  # noqa: E402
from newsledger.model import Article  # noqa: E402
from newsledger.pipeline import build_result  # noqa: E402

FIELDS = ("event", "type", "mode", "modality", "agent", "target", "place", "time", "count")
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "reuters21578"


def _bodies(corpus: Path, files: set[str]) -> dict[tuple[str, int], str]:
    """Unescaped BODY text of every story in ``files``, keyed by (file, NEWID)."""
    bodies = {}
    for name in sorted(files):
        raw = gzip.open(corpus / name).read().decode("latin-1")
        for match in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', raw, re.S):
            body = re.search(r"<BODY>(.*?)</BODY>", match.group(2), re.S)
            if body:
                bodies[(name, int(match.group(1)))] = html.unescape(body.group(1))
    return bodies


def load_gold(path: Path, corpus: Path) -> list[dict]:
    """Gold items with their paragraph ``text`` filled in from the corpus."""
    items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    bodies = _bodies(corpus, {item["file"] for item in items})
    for item in items:
        text = " ".join(bodies[(item["file"], item["newid"])][item["start"]:item["end"]].split())
        if hashlib.sha1(text.encode()).hexdigest()[:12] != item["sha1"]:
            raise SystemExit(f"{item['id']}: the corpus text does not match the gold hash; is it another copy?")
        item["text"] = text
    return items


def _alternatives(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _find(text: str, needle: str) -> tuple[int, int] | None:
    match = re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)
    return (match.start(), match.end()) if match else None


def _same_text(pred: str | None, golds: list[str]) -> bool:
    if pred is None:
        return False
    p = pred.lower().strip(" .,\"'")
    for gold in golds:
        g = gold.lower().strip(" .,\"'")
        if p and g and (p in g or g in p or p.split()[-1] == g.split()[-1]):
            return True
    return False


def _overlaps(span: tuple[int, int] | None, text: str, golds: list[str]) -> bool:
    if span is None:
        return False
    for gold in golds:
        g = _find(text, gold)
        if g and span[0] < g[1] and g[0] < span[1]:
            return True
    return False


def predict(nlp, text: str):
    """The pipeline's events for one paragraph, with the place and time spans they link."""
    article = Article(id=article_id(text), text=text, raw_text=text)
    result = build_result(article, nlp(text))
    places = {p.id: (p.start, p.end) for p in result.places}
    times = {t.id: (t.start, t.end) for t in result.times}
    return [(e, places.get(e.place), times.get(e.time)) for e in result.events]


def score_item(item: dict, predictions, tally: dict, errors: list[str]) -> None:
    """Pair predictions with gold events and add one item's numbers to ``tally``."""
    text, gold = item["text"], item["events"]
    spans = [[s for s in (_find(text, t) for t in [g["trigger"], *g["also"]]) if s] for g in gold]
    matched: dict[int, int] = {}
    pairs = []
    for p_index, (event, place, time) in enumerate(predictions):
        hit = [g for g, ss in enumerate(spans) if any(s[0] < event.trigger_end and event.trigger_start < s[1]
                                                        for s in ss)]
        free = [g for g in hit if g not in matched]
        if free:
            matched[free[0]] = p_index
            pairs.append((free[0], p_index))
        else:
            pairs.append((None, p_index))
            why = "duplicate of a matched event" if hit else "false positive"
            errors.append(f"{item['id']}: {why}: {event.type}/{event.mode} {event.trigger!r} {event.modality}")
    for g, gold_event in enumerate(gold):
        if g not in matched:
            errors.append(f"{item['id']}: missed {gold_event['type']} {gold_event['trigger']!r}")
    for field in FIELDS:
        for g_event in gold:
            if field in {"event", "type", "mode", "modality"} or _alternatives(g_event[field]):
                tally[field]["gold"] += 1
    for g, p_index in pairs:
        event, place, time = predictions[p_index]
        g_event = gold[g] if g is not None else None
        checks = {
            "event": (True, g_event is not None),
            "type": (True, g_event is not None and event.type == g_event["type"]),
            "mode": (True, g_event is not None and event.type == g_event["type"] and event.mode == g_event["mode"]),
            "modality": (True, g_event is not None and event.modality == g_event["modality"]),
            "agent": (event.agent_text is not None,
                      g_event is not None and _same_text(event.agent_text, _alternatives(g_event["agent"]))),
            "target": (event.target_text is not None,
                       g_event is not None and _same_text(event.target_text, _alternatives(g_event["target"]))),
            "place": (place is not None,
                      g_event is not None and _overlaps(place, text, _alternatives(g_event["place"]))),
            "time": (time is not None, g_event is not None and _overlaps(time, text, _alternatives(g_event["time"]))),
            "count": (event.count_best is not None, g_event is not None and event.count_best is not None
                      and any(abs(event.count_best - c) < 1e-6 for c in _alternatives(g_event["count"]))),
        }
        for field, (filled, correct) in checks.items():
            tally[field]["pred"] += filled
            tally[field]["correct"] += filled and correct
            if g_event is not None and field not in {"event", "mode"} and not (filled and correct) \
                    and (filled or _alternatives(g_event.get(field)) or field in {"type", "modality"}):
                got = {"type": event.type, "modality": event.modality, "agent": event.agent_text,
                       "target": event.target_text, "place": event.place_text, "time": event.time_value,
                       "count": event.count_best}[field]
                want = g_event[field]
                errors.append(f"{item['id']}: {g_event['trigger']!r} {field}: got {got!r}, gold {want!r}")
        if g_event is not None:
            tally["_types"][(g_event["type"], event.type)] += 1


def _report(name: str, tally: dict) -> None:
    print(f"\n{name}: {tally['_items']} paragraphs, {tally['event']['gold']} gold events, "
          f"{tally['event']['pred']} predicted")
    print(f"{'field':<10}{'P':>7}{'R':>7}{'F1':>7}   correct / predicted / gold")
    for field in FIELDS:
        t = tally[field]
        p = t["correct"] / t["pred"] if t["pred"] else 0.0
        r = t["correct"] / t["gold"] if t["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{field:<10}{p:>7.2f}{r:>7.2f}{f:>7.2f}   {t['correct']} / {t['pred']} / {t['gold']}")
    wrong = {k: v for k, v in tally["_types"].items() if k[0] != k[1]}
    if wrong:
        print("type confusions (gold -> predicted): " + ", ".join(
            f"{g}->{p} {n}" for (g, p), n in sorted(wrong.items(), key=lambda kv: -kv[1])))


def _new_tally() -> dict:
    tally: dict = defaultdict(Counter)
    tally["_items"] = 0
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="?", default=str(HERE / "gold" / "events.jsonl"))
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of reut2-*.sgm.gz")
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="all",
                        help="score one split only (default: each split, then all)")
    parser.add_argument("--errors", action="store_true", help="list every miss, false positive and mismatch")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"{corpus} is absent: the events gold set needs Reuters-21578 to read its paragraphs; skipped.")
        return 0
    items = load_gold(Path(args.gold), corpus)
    nlp = load_nlp()
    tallies = {"dev": _new_tally(), "held-out": _new_tally(), "all": _new_tally()}
    errors: list[str] = []
    for item in items:
        if args.split != "all" and item["split"] != args.split:
            continue
        predictions = predict(nlp, item["text"])
        for key in (item["split"], "all"):
            item_errors: list[str] = []
            score_item(item, predictions, tallies[key], item_errors)
            tallies[key]["_items"] += 1
        errors.extend(item_errors)
    for key in ("dev", "held-out", "all"):
        if tallies[key]["_items"]:
            _report(key, tallies[key])
    if args.errors:
        print("\nerrors:")
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
