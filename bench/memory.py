"""Peak memory of ``newsledger ingest`` on a corpus and on one ten times larger (streaming check).

    python bench/memory.py [--n 2000] [--factor 10] [--engine local|dask]

Writes two corpora of Reuters-21578 stories to a temporary folder, as JSON Lines files of
``--per-file`` articles each (a folder of files, the usual shape of a large archive), runs
``newsledger ingest FOLDER --db NEW.db --quiet`` on each in a fresh process and prints the peak
resident memory (``ru_maxrss`` of that process) of both runs.  With streaming end to end the larger
run should stay within 10 % of the smaller one (``rss_growth``).  When the corpus is needed more than
once (the 10× run of 2,000 is 20,000 stories; Reuters has 19,043 with a body) stories are repeated
with a marker line, so every article is distinct.  With ``--engine dask`` only the client process is
measured (the writer); each worker's memory is bounded by its batch.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import iter_articles  # noqa: E402

NEWSLEDGER = Path(sys.executable).parent / "newsledger"


def write_corpus(folder: Path, n: int, per_file: int) -> None:
    """``n`` distinct articles as JSON Lines files, streamed to disk (never all in memory)."""
    folder.mkdir(parents=True)
    available = max(1, min(n, 19_043))
    out = None
    for number, raw in enumerate(islice(cycle_articles(available), n)):
        if number % per_file == 0:
            if out:
                out.close()
            out = open(folder / f"part-{number // per_file:05d}.jsonl", "w", encoding="utf-8")
        repeat = number // available
        text = raw.content + (f"\n(Repeat {repeat}.)" if repeat else "")
        out.write(json.dumps({"text": text, "title": raw.title, "published": raw.published,
                              "source": raw.source}) + "\n")
    if out:
        out.close()


def cycle_articles(available: int):
    """The first ``available`` stories, over and over (re-read each time, not kept)."""
    while True:
        yield from iter_articles(available)


def measure(folder: Path, db: Path, engine: str) -> tuple[float, float, str]:
    """Peak RSS in MiB, seconds and the summary line of one ingest run in a fresh process."""
    cmd = [str(NEWSLEDGER), "ingest", str(folder), "--db", str(db), "--quiet", "--engine", engine]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest failed on {folder}: {out}")
    return usage.ru_maxrss / 1024, seconds, out.splitlines()[0] if out else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="articles in the 1x corpus (default 2000)")
    parser.add_argument("--factor", type=int, default=10, help="size of the large corpus (default 10x)")
    parser.add_argument("--per-file", type=int, default=500, help="articles per JSON Lines file")
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for label, n in (("1x", args.n), (f"{args.factor}x", args.n * args.factor)):
            folder = Path(tmp) / label
            write_corpus(folder, n, args.per_file)
            rss, seconds, summary = measure(folder, Path(tmp) / f"{label}.db", args.engine)
            results[label] = rss
            print(f"{label:4s} {n:7d} articles  {seconds:8.1f} s  peak RSS {rss:8.1f} MiB  ({summary})")
        small, large = results["1x"], results[f"{args.factor}x"]
        print(f"peak_rss_1x_mib: {small:.1f}")
        print(f"peak_rss_{args.factor}x_mib: {large:.1f}")
        print(f"rss_ratio_{args.factor}x_vs_1x: {large / small:.3f}")
        print(f"rss_growth: {100 * (large - small) / small:+.1f} %  (target: within 10 %)")


if __name__ == "__main__":
    main()
