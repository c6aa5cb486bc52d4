"""What geocoding adds to the per-article pipeline time, in one process (issue: at most 15%).

    python bench/geocoding.py [--n 300] [--batch-size 32] [--rounds 4]

Over the same articles (the Reuters-21578 stories ``bench/throughput.py`` reads, or its bundled samples
when the corpus is absent), the pipeline runs clean → annotate → extract (``pipeline.prepare``, the project's
spaCy model through ``nlp.pipe``, ``pipeline.build_result``) twice, chunk by chunk in alternation (which
run goes first alternates too, so a change in the machine's load hits both alike):

* **with geocoding** — the pipeline as shipped; ``geocode_places`` (the only geocoding call of
  ``build_result``) is wrapped in a timer, so the time spent inside it is known exactly;
* **without geocoding** — the same pipeline with ``geocode_places`` replaced by a function that returns no
  places: the baseline, measured in the same process over the same articles.

Printed figures, wall time and this process's CPU time (CPU is the steadier one on a busy machine):

* ``geocoding_share_of_pipeline`` — time inside ``geocode_places`` / time of the whole pipeline run
  with geocoding, per article;
* ``geocoding_added_vs_pipeline_without`` — time inside ``geocode_places`` / (that run's time minus it):
  what geocoding adds to the rest of the pipeline, the figure the 15% target is about;
* ``ab_added`` — (run with geocoding − run without) / run without: the same question answered by the
  A/B runs, which also counts the downstream work located places cause (placing events).

Both runs are warmed up first on the same 20 articles (model loading, the gazetteer's first open, lazy
tables), which are not timed.  Per-article times of the geocoder are also given as percentiles.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from throughput import Clock, load_articles  # noqa: E402  (the same corpus loader as the throughput bench)

from newsledger import pipeline  # noqa: E402
from newsledger.annotate import load_nlp  # noqa: E402
from newsledger.geo import load_gazetteer  # noqa: E402
from newsledger.model import Rejection  # noqa: E402

STAGES = ("clean", "annotate", "extract")


class GeoTimer:
    """Wraps ``geocode_places``: wall and CPU seconds inside it, per call and in total."""

    def __init__(self, func) -> None:
        self.func = func
        self.clock = Clock()
        self.calls: list[float] = []  # wall seconds per call

    def __call__(self, *args, **kwargs):
        w, c = time.perf_counter(), time.process_time()
        try:
            return self.func(*args, **kwargs)
        finally:
            dw, dc = time.perf_counter() - w, time.process_time() - c
            self.clock.wall += dw
            self.clock.cpu += dc
            self.calls.append(dw)


def _no_places(*args, **kwargs) -> list:
    return []


@contextmanager
def geocoder(func):
    """Run the pipeline with ``func`` in place of ``geocode_places``."""
    saved = pipeline.geocode_places
    pipeline.geocode_places = func
    try:
        yield
    finally:
        pipeline.geocode_places = saved


def run(nlp, raws, batch_size: int, total: Clock, stages: dict[str, Clock]) -> int:
    """Clean → annotate → extract over ``raws``, as ``pipeline.run`` does; returns the number of articles."""
    done = 0
    with total:
        for offset in range(0, len(raws), batch_size):
            with stages["clean"]:
                articles = [pipeline.prepare(raw) for raw in raws[offset:offset + batch_size]]
            with stages["annotate"]:
                docs = list(nlp.pipe([a.text for a in articles], batch_size=batch_size))
            with stages["extract"]:
                for article, doc in zip(articles, docs):
                    pipeline.build_result(article, doc)
                    done += 1
    return done


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300, help="number of articles (default 300)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=4, help="alternating chunks (default 4)")
    args = parser.parse_args(argv)

    raws = []
    for raw in load_articles(args.n):
        if isinstance(raw, Rejection):
            continue
        try:
            pipeline.prepare(raw)
        except Exception:  # an empty story: the pipeline rejects it before any timing matters
            continue
        raws.append(raw)
    print(f"articles: {len(raws)}  characters: {sum(len(pipeline.prepare(r).text) for r in raws)}")

    nlp = load_nlp()
    t0 = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer open: {time.perf_counter() - t0:.3f} s (not timed below)")
    timer = GeoTimer(pipeline.geocode_places)
    warm = raws[:20]
    with geocoder(timer):
        run(nlp, warm, args.batch_size, Clock(), {s: Clock() for s in STAGES})
    with geocoder(_no_places):
        run(nlp, warm, args.batch_size, Clock(), {s: Clock() for s in STAGES})
    timer.clock, timer.calls = Clock(), []

    with_geo, without_geo = Clock(), Clock()
    stages_with = {s: Clock() for s in STAGES}
    stages_without = {s: Clock() for s in STAGES}
    n_with = n_without = 0
    size = -(-len(raws) // args.rounds)
    for number, offset in enumerate(range(0, len(raws), size)):
        chunk = raws[offset:offset + size]
        order = (True, False) if number % 2 == 0 else (False, True)
        for geo in order:
            if geo:
                with geocoder(timer):
                    n_with += run(nlp, chunk, args.batch_size, with_geo, stages_with)
            else:
                with geocoder(_no_places):
                    n_without += run(nlp, chunk, args.batch_size, without_geo, stages_without)

    n = max(n_with, 1)
    geo = timer.clock
    figures = {
        "articles": n_with,
        "pipeline_with_geocoding_ms_per_article": round(1000 * with_geo.wall / n, 2),
        "pipeline_without_geocoding_ms_per_article": round(1000 * without_geo.wall / max(n_without, 1), 2),
        "geocoding_ms_per_article": round(1000 * geo.wall / n, 2),
        "geocoding_ms_p50": round(1000 * _pct(timer.calls, 0.5), 2),
        "geocoding_ms_p90": round(1000 * _pct(timer.calls, 0.9), 2),
        "geocoding_ms_max": round(1000 * max(timer.calls, default=0.0), 2),
        "geocoding_share_of_pipeline": round(geo.wall / with_geo.wall, 4),
        "geocoding_share_of_pipeline_cpu": round(geo.cpu / with_geo.cpu, 4),
        "geocoding_added_vs_pipeline_without": round(geo.wall / (with_geo.wall - geo.wall), 4),
        "geocoding_added_vs_pipeline_without_cpu": round(geo.cpu / (with_geo.cpu - geo.cpu), 4),
        "ab_added": round((with_geo.wall - without_geo.wall) / without_geo.wall, 4),
        "ab_added_cpu": round((with_geo.cpu - without_geo.cpu) / without_geo.cpu, 4),
    }
    print("per-stage time of the run with geocoding (wall s; CPU s in brackets):")
    for stage in STAGES:
        print(f"  {stage:9s} {stages_with[stage].wall:8.2f}  [{stages_with[stage].cpu:8.2f}]")
    print(f"  {'geocoding':9s} {geo.wall:8.2f}  [{geo.cpu:8.2f}]  (inside extract)")
    print(f"  {'total':9s} {with_geo.wall:8.2f}  [{with_geo.cpu:8.2f}]   without geocoding: "
          f"{without_geo.wall:.2f}  [{without_geo.cpu:.2f}]")
    if statistics.median(timer.calls or [0.0]) == 0.0:
        print("(no geocoding calls were timed)")
    for key, value in figures.items():
        print(f"{key:>42}: {value}")
    return figures


if __name__ == "__main__":
    main()
