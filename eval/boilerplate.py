#!/usr/bin/env python3
"""Score main-text extraction on a ScrapingHub article-extraction-benchmark folder.

Usage::

    .venv/bin/python eval/boilerplate.py ../shared/eval/boilerplate [--show-removed]

DIR holds ``ground-truth.json`` (``{id: {"url": ..., "articleBody": ...}}``) and
``html/<id>.html.gz`` (gzip-compressed pages).  If DIR does not exist the script
says so and exits 0, so it can run in CI without the data.

Three systems are scored on the same pages:

* ``trafilatura (default)`` -- ``trafilatura.extract(html, url=url)``, default
  options (the benchmark's own trafilatura runner passes only
  ``include_comments=False``);
* ``trafilatura (newsledger opts)`` -- ``trafilatura.extract`` with the options
  newsledger uses (``include_comments=False, include_tables=False``);
* ``newsledger raw_text`` -- ``newsledger.clean.html_to_text``: the text of
  ``trafilatura.bare_extraction`` exactly as newsledger calls it, i.e. the
  ``raw_text`` before the line rules;
* ``newsledger`` -- ``newsledger.clean.clean_html(html, url).text``.

The difference between the last two rows is exactly the effect of
newsledger's line rules (``classify_line``).

Metric
------
This reimplements the metric of scrapinghub/article-extraction-benchmark,
``evaluate.py`` (functions ``string_shingle_matching``, ``_tokenize``,
``_ngrams``, ``metrics_from_tp_fp_fns``, ``precision_score``,
``recall_score``; read at commits 11b407d4 and 7d95432d, identical in these
parts), https://github.com/scrapinghub/article-extraction-benchmark :

* tokens are ``re.findall(r"\\w+", text)`` (Unicode word characters, *not*
  whitespace splitting; punctuation is dropped, case is kept);
* shingles are token 4-grams, counted as a multiset; a text with fewer than 4
  tokens gives one shorter shingle, an empty text none;
* per document: TP = sum over shingles of min(true, pred) counts,
  FP = sum of max(0, pred - true), FN = sum of max(0, true - pred); then
  TP/FP/FN are divided by TP+FP+FN so long texts do not weigh more;
* per-document precision = TP/(TP+FP), recall = TP/(TP+FN), both 1 when
  FP = FN = 0 and 0 when TP = FP = 0 (resp. TP = FN = 0);
* precision is the mean over documents with TP+FP > 0, recall the mean over
  documents with TP+FN > 0, and F1 = 2PR/(P+R) of those two means (not a mean
  of per-document F1s);
* ``±`` is the benchmark's bootstrap: the standard deviation of each metric
  over ``--n-bootstrap`` resamples of the documents with replacement (the
  benchmark's current version reports the std; an older one reported
  1.96 x std).  Seeded here so runs are reproducible.
* accuracy (newer benchmark versions) = share of documents whose token list
  equals the ground truth's exactly.

Pages are read as bytes and decoded like newsledger's ingest does
(``newsledger.ingest.decode_bytes``: UTF-8 with or without BOM, else
charset-normalizer's best guess).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

from newsledger.clean import clean_html, html_to_text
from newsledger.ingest import decode_bytes

# ---------------------------------------------------------------- the metric

_TOKEN = re.compile(r"\w+", re.UNICODE)
NGRAM_N = 4


def tokenize(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = NGRAM_N) -> Counter:
    tokens = tokenize(text)
    counts: Counter = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        gram = tuple(tokens[i:i + n])
        if gram:
            counts[gram] += 1
    return counts


def shingle_tp_fp_fn(true: str | None, pred: str | None, n: int = NGRAM_N) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one document, as in the benchmark."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def prf(docs: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean([_precision(*d) for d in docs if d[0] + d[1] > 0])
    recall = statistics.mean([_recall(*d) for d in docs if d[0] + d[2] > 0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score(docs: list[tuple[float, float, float]], exact: list[float], n_bootstrap: int,
          seed: int = 0) -> dict[str, float]:
    metrics = prf(docs)
    metrics["accuracy"] = statistics.mean(exact)
    if n_bootstrap > 1:
        rng = random.Random(seed)
        samples: dict[str, list[float]] = {}
        n = len(docs)
        for _ in range(n_bootstrap):
            idx = [rng.randint(0, n - 1) for _ in range(n)]
            for key, value in prf([docs[i] for i in idx]).items():
                samples.setdefault(key, []).append(value)
            samples.setdefault("accuracy", []).append(statistics.mean([exact[i] for i in idx]))
        for key, values in samples.items():
            metrics[f"{key}_std"] = statistics.stdev(values)
    return metrics


# ---------------------------------------------------------------- the run


def in_reference(line: str, reference: str) -> bool:
    """True when the line's tokens occur, in order and contiguous, in the reference text.

    A diagnostic for ``--show-removed`` only (a removed line found in the
    human-made articleBody is probably real text), not part of the metric.
    """
    needle = tokenize(line)
    if not needle:
        return False
    hay = tokenize(reference)
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))

SYSTEMS = ("trafilatura (default)", "trafilatura (newsledger opts)", "newsledger raw_text", "newsledger")


# The options newsledger.clean.html_to_text passes to trafilatura (it calls bare_extraction with these
# and with_metadata=True; extract() with them gives the same text on nearly every page).
NEWSLEDGER_OPTS = {"include_comments": False, "include_tables": False}


def load(directory: Path) -> list[tuple[str, str, str, str]]:
    """(id, url, html, true articleBody) for every ground-truth entry, sorted by id."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    items = []
    for key in sorted(truth):
        path = directory / "html" / f"{key}.html.gz"
        if not path.exists():
            raise SystemExit(f"missing page for ground-truth id {key}: {path}")
        with gzip.open(path, "rb") as fh:
            html = decode_bytes(fh.read(), str(path))
        items.append((key, truth[key].get("url") or "", html, truth[key].get("articleBody") or ""))
    return items


def run(directory: Path, *, show_removed: bool, n_bootstrap: int, json_out: Path | None) -> int:
    items = load(directory)
    per_system: dict[str, list[tuple[float, float, float]]] = {s: [] for s in SYSTEMS}
    exact: dict[str, list[float]] = {s: [] for s in SYSTEMS}
    removals: list[tuple[str, str, str, str, bool]] = []  # (id, url, reason, line, in reference?)
    pages_with_removals = 0
    started = time.perf_counter()
    for key, url, html, true in items:
        outputs = {
            "trafilatura (default)": trafilatura.extract(html, url=url or None) or "",
            "trafilatura (newsledger opts)": trafilatura.extract(html, url=url or None, **NEWSLEDGER_OPTS) or "",
            "newsledger raw_text": html_to_text(html, url or None)[0],
        }
        cleaned = clean_html(html, url or None)
        outputs["newsledger"] = cleaned.text
        if cleaned.removed:
            pages_with_removals += 1
        for r in cleaned.removed:
            removals.append((key, url, r.reason, r.text, in_reference(r.text, true)))
        true_tokens = tokenize(true)
        for system, pred in outputs.items():
            per_system[system].append(shingle_tp_fp_fn(true, pred))
            exact[system].append(float(tokenize(pred) == true_tokens))
    elapsed = time.perf_counter() - started

    results = {s: score(per_system[s], exact[s], n_bootstrap) for s in SYSTEMS}
    show_std = n_bootstrap > 1
    print(f"Pages: {len(items)}  (from {directory})")
    print("Metric: scrapinghub/article-extraction-benchmark shingle P/R/F1 "
          f"(\\w+ tokens, {NGRAM_N}-gram shingles, per-document normalised, averaged)")
    if show_std:
        print(f"± = std over {n_bootstrap} bootstrap resamples (seeded)")
    print()
    width = max(len(s) for s in SYSTEMS)
    header = f"{'system':<{width}}  {'precision':>15}  {'recall':>15}  {'F1':>15}  {'accuracy':>8}"
    print(header)
    print("-" * len(header))
    for s in SYSTEMS:
        m = results[s]

        def cell(key: str) -> str:
            return f"{m[key]:.4f} ± {m[key + '_std']:.3f}" if show_std else f"{m[key]:.4f}"

        print(f"{s:<{width}}  {cell('precision'):>15}  {cell('recall'):>15}  {cell('f1'):>15}  "
              f"{m['accuracy']:>8.3f}")
    print()
    by_reason = Counter(r[2] for r in removals)
    detail = ", ".join(f"{reason}: {n}" for reason, n in by_reason.most_common()) or "none"
    print(f"newsledger line removals: {len(removals)} on {pages_with_removals} of {len(items)} pages ({detail})")
    print(f"removed lines whose text is in the reference articleBody: {sum(r[4] for r in removals)}")
    base, ours = results["trafilatura (default)"], results["newsledger"]
    print(f"newsledger vs bare trafilatura: ΔP {ours['precision'] - base['precision']:+.4f}  "
          f"ΔR {ours['recall'] - base['recall']:+.4f}  ΔF1 {ours['f1'] - base['f1']:+.4f}")
    print(f"({elapsed:.1f}s)")

    if show_removed:
        print()
        print("Removed lines (id, reason, line; IN-REF = its tokens occur in the reference text):")
        for key, url, reason, line, in_ref in removals:
            print(f"  {key[:12]}  [{reason}]{'  IN-REF' if in_ref else ''}  {line!r}")
            print(f"               {url}")

    if json_out:
        payload = {
            "pages": len(items),
            "metrics": results,
            "removals": [{"id": k, "url": u, "reason": r, "text": t, "in_reference": i}
                         for k, u, r, t, i in removals],
        }
        json_out.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="benchmark folder: ground-truth.json + html/<id>.html.gz")
    parser.add_argument("--show-removed", action="store_true", help="list every line newsledger removed, with its reason")
    parser.add_argument("--n-bootstrap", type=int, default=1000,
                        help="bootstrap resamples for the ± column (0 to skip; default 1000 as the benchmark)")
    parser.add_argument("--json", type=Path, default=None, help="also write metrics and removals as JSON here")
    args = parser.parse_args(argv)
    if not (args.dir / "ground-truth.json").is_file():
        print(f"SKIP: no benchmark data at {args.dir} (expected ground-truth.json and html/); nothing scored.")
        return 0
    return run(args.dir, show_removed=args.show_removed, n_bootstrap=args.n_bootstrap, json_out=args.json)


if __name__ == "__main__":
    sys.exit(main())
