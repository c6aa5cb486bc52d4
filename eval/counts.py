"""Score newsledger's count extractor against the hand-checked gold set.

    python eval/counts.py [eval/gold/counts.jsonl] [--errors]

Each gold line holds one real sentence (its text inline, with its source id:
``file``/``newid`` for Reuters, ``source``/``source_id``/``sentence`` for the
conflict-news sample ``heldout3``) and the counts a reader finds in it (see
eval/gold/README.md).  The sentence is annotated on its own and
``extract_counts`` runs on it; predictions and gold counts are paired one to
one, in text order, when their character spans overlap.

Matching rules (lenient on spans, strict on values):

* span    - the predicted and gold count expressions overlap ("more than 30"
            vs "30" match);
* value   - span, and (min, best, max) are equal;
* what    - value, and the counted noun matches: both None, or the same head
            word (last word, case-insensitive: "ISIS soldiers" = "soldiers",
            "Steelworkers locals" = "locals"), or one contains the other;
* claim   - what, and the claimant matches: both None, or the two claimant
            spans overlap ("union leaders" = "the union leaders").

Precision = matches / predicted counts, recall = matches / gold counts, at
each level.  ``--errors`` lists every false positive, miss and mismatch.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from newsledger.annotate import load_nlp  # noqa: E402
from newsledger.extract.counts import extract_counts  # noqa: E402

LEVELS = ("span", "value", "what", "claim")


def _find(text: str, needle: str | None, start: int | None) -> tuple[int, int] | None:
    if needle is None:
        return None
    if start is not None:
        return start, start + len(needle)
    i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(b)))


def _what_ok(pred: str | None, gold: str | None) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    p, g = pred.lower().strip(), gold.lower().strip()
    return p.split()[-1] == g.split()[-1] or p in g or g in p


def _levels(text: str, pred, gold: dict) -> dict[str, bool]:
    g_span = _find(text, gold["text"], gold.get("start"))
    ok = {"span": _overlap((pred.start, pred.end), g_span)}
    ok["value"] = ok["span"] and all(_close(getattr(pred, k), gold[k]) for k in ("min", "best", "max"))
    ok["what"] = ok["value"] and _what_ok(pred.what, gold["what"])
    g_claim = _find(text, gold.get("claimed_by"), gold.get("claimed_by_start"))
    p_claim = (pred.claimed_by_start, pred.claimed_by_end) if pred.claimed_by_text else None
    ok["claim"] = ok["what"] and ((p_claim is None and g_claim is None) or _overlap(p_claim, g_claim))
    return ok


def _fmt_pred(c) -> str:
    return f"{c.text!r} ({c.min}, {c.best}, {c.max}) what={c.what!r} by={c.claimed_by_text!r}"


def _fmt_gold(g: dict) -> str:
    return f"{g['text']!r} ({g['min']}, {g['best']}, {g['max']}) what={g['what']!r} by={g.get('claimed_by')!r}"


def _table(title: str, tp: dict[str, int], n_pred: int, n_gold: int) -> dict[str, dict[str, float]]:
    result = {}
    print(f"\n{title}: {n_gold} gold counts, {n_pred} predicted")
    print(f"  {'level':8} {'P':>6} {'R':>6} {'F1':>6}   tp")
    for lv in LEVELS:
        p = tp[lv] / n_pred if n_pred else 0.0
        r = tp[lv] / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[lv] = {"precision": p, "recall": r, "f1": f, "tp": tp[lv]}
        print(f"  {lv:8} {p:6.3f} {r:6.3f} {f:6.3f}   {tp[lv]}")
    return result


def score(path: Path, show_errors: bool = False) -> dict[str, dict[str, dict[str, float]]]:
    """Print P/R/F1 per level for the whole set and for each split; return them."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_nlp()
    docs = list(nlp.pipe([r["text"] for r in records], batch_size=64))
    t0 = time.perf_counter()
    preds_all = [extract_counts(d) for d in docs]
    elapsed = time.perf_counter() - t0
    splits = {"all": lambda r: True}
    for name in dict.fromkeys(r.get("sample", "?") for r in records):
        splits[f"sample={name}"] = lambda r, name=name: r.get("sample", "?") == name
    totals = {name: [dict.fromkeys(LEVELS, 0), 0, 0] for name in splits}
    errors: list[str] = []
    for rec, preds in zip(records, preds_all):
        golds = rec["counts"]
        tp = dict.fromkeys(LEVELS, 0)
        used: set[int] = set()
        lines: list[str] = []
        for g in golds:
            best_j, best_ok = None, None
            for j, p in enumerate(preds):
                if j in used:
                    continue
                ok = _levels(rec["text"], p, g)
                if ok["span"] and (best_ok is None or sum(ok.values()) > sum(best_ok.values())):
                    best_j, best_ok = j, ok
            if best_j is None:
                lines.append(f"  MISS     gold {_fmt_gold(g)}")
                continue
            used.add(best_j)
            for lv in LEVELS:
                tp[lv] += best_ok[lv]
            if not best_ok["claim"]:
                bad = next(lv for lv in LEVELS if not best_ok[lv])
                lines.append(f"  WRONG-{bad.upper():5} gold {_fmt_gold(g)}\n{'':16}pred {_fmt_pred(preds[best_j])}")
        for j, p in enumerate(preds):
            if j not in used:
                lines.append(f"  FALSE+   pred {_fmt_pred(p)}")
        for name, keep in splits.items():
            if keep(rec):
                for lv in LEVELS:
                    totals[name][0][lv] += tp[lv]
                totals[name][1] += len(preds)
                totals[name][2] += len(golds)
        if lines:
            errors.append(f"[{rec['id']}] {rec['text']}\n" + "\n".join(lines))
    print(f"{path}: {len(records)} sentences "
          f"({1000 * elapsed / max(1, len(records)):.2f} ms/sentence for extract_counts)")
    results = {name: _table(name, *totals[name]) for name in splits}
    if show_errors:
        print(f"\n{len(errors)} sentences with errors:\n")
        print("\n\n".join(errors))
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", default=str(HERE / "gold" / "counts.jsonl"))
    ap.add_argument("--errors", action="store_true", help="list false positives, misses and mismatches")
    args = ap.parse_args(argv)
    score(Path(args.gold), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
