"""Speed-up of the Dask engine with 2 workers over 1 worker: same corpus, same code path as ``ingest``.

    python bench/dask_speedup.py [--n 400] [--batch-size 32] [--workers 1 2] [--repeat 2] [--no-local]

Each run times what ``newsledger ingest`` does, with the results written by the client (the single
writer) into a fresh SQLite file:

- ``local``: ``--engine local`` in this process (the serial reference), after loading the model and
  warming up on a few articles.
- ``N workers``: ``--engine dask`` on a fresh ``engine.start_local_cluster(N)``. Start-up is timed and
  reported separately. It covers starting the worker processes and the worker plugin, which tunes the
  allocator, loads the model and processes one article. A short untimed run through the same path
  then warms the client. The ingest is timed after that.

The runs are repeated ``--repeat`` times, in alternating order (local, 1, 2, then 2, 1, local, ...), so a
change in the machine's load hits every side alike. The key line, ``dask_speedup_2_vs_1: X`` (target
≥ 1.7 on 2 free cores), compares the best wall time of each side; the median comes next to it.

Wall time only means something on an otherwise idle machine with as many cores as workers. So each run
also prints:

- the 1-minute load average at its start and end;
- the CPU seconds of every worker and of the client process (which also hosts the scheduler and the
  nannies);
- ``others``: the CPU seconds that the rest of the machine used during the run, and ``idle``: the CPU
  seconds no process used (both from /proc/stat, summed over the cores).  With 2 workers on 2 cores,
  ``others`` near 0 means the wall time is fair.  ``idle`` near 0 means no core waited (for the
  client, or at the end of the input).

From the CPU seconds comes ``dask_speedup_2_vs_1_cpu_estimate``: the speed-up the same work would show
on ``--cores`` free cores. The critical path is the largest of the busiest worker, the client, and all
the CPU work shared over the cores.

Reads the Reuters-21578 stories from ../shared/corpus/reuters21578 (see throughput.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_articles  # noqa: E402

from distributed import Client  # noqa: E402

from newsledger import engine  # noqa: E402
from newsledger.annotate import load_nlp  # noqa: E402
from newsledger.model import ArticleResult, Rejection  # noqa: E402
from newsledger.pipeline import PIPELINE_VERSION  # noqa: E402
from newsledger.settings import load_settings  # noqa: E402
from newsledger.store import Store  # noqa: E402

SETTINGS = load_settings()
MODEL = SETTINGS["model"]


def machine_cpu_seconds() -> tuple[float, float] | None:
    """(busy, idle) CPU seconds of the whole machine since boot, summed over its cores; None off Linux."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:8]]
    except OSError:
        return None
    user, nice, system, idle, iowait, irq, softirq = fields
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, (idle + iowait) / tick


def ingest(outcomes, db: Path) -> int:
    """The CLI's writer loop: save every result and rejection; return the number of articles saved."""
    saved = 0
    with Store(db) as store:
        for item in outcomes:
            if isinstance(item, ArticleResult):
                store.save(item, PIPELINE_VERSION)
                saved += 1
            elif isinstance(item, Rejection):
                store.reject(item)
    return saved


class Run:
    """Wall, CPU and load figures of one timed ingest."""

    def __init__(self, label: str):
        self.label = label
        self.wall = self.client_cpu = self.startup = 0.0
        self.worker_cpu: list[float] = []
        self.others: float | None = None
        self.idle: float | None = None
        self.load = (0.0, 0.0)

    def __enter__(self) -> Run:
        self._load0 = os.getloadavg()[0]
        self._machine0 = machine_cpu_seconds()
        self._wall0, self._cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall0
        self.client_cpu = time.process_time() - self._cpu0
        machine = machine_cpu_seconds()
        self.load = (self._load0, os.getloadavg()[0])
        if machine is not None and self._machine0 is not None:
            self._busy = machine[0] - self._machine0[0]
            self.idle = machine[1] - self._machine0[1]

    def finish(self, worker_cpu: list[float]) -> None:
        """Add the workers' CPU seconds (read after the run) and work out what other processes used."""
        self.worker_cpu = worker_cpu
        if hasattr(self, "_busy"):
            self.others = max(0.0, self._busy - self.client_cpu - sum(worker_cpu))

    def critical(self, cores: int) -> float:
        """The run's critical path on ``cores`` free cores, from its CPU seconds."""
        work = [*self.worker_cpu, self.client_cpu] if self.worker_cpu else [self.client_cpu]
        return max(max(work), sum(work) / cores)

    def line(self, articles: int) -> str:
        workers = " + ".join(f"{c:.2f}" for c in self.worker_cpu) or "-"
        others = f"{self.others:5.2f}, idle {self.idle:5.2f}" if self.others is not None else "?"
        startup = f"  start-up {self.startup:5.2f} s" if self.worker_cpu else ""
        return (f"{self.label:>10s}: {self.wall:7.2f} s wall  {articles / self.wall:6.1f} art/s  "
                f"CPU s: workers {workers}, client {self.client_cpu:.2f}, others {others}  "
                f"load {self.load[0]:.1f}->{self.load[1]:.1f}{startup}")


def run_local(raws, batch_size: int, db: Path) -> Run:
    nlp = load_nlp(MODEL)
    ingest(engine.run(iter(raws[:8]), engine="local", nlp=nlp, batch_size=batch_size), Path(":memory:"))
    with Run("local") as measured:
        ingest(engine.run(iter(raws), engine="local", nlp=nlp, batch_size=batch_size), db)
    measured.finish([])
    return measured


def run_dask(raws, workers: int, batch_size: int, db: Path) -> Run:
    start = time.perf_counter()
    cluster = engine.start_local_cluster(workers)
    client = Client(cluster)
    try:
        client.register_plugin(engine.NlpPlugin(MODEL))  # allocator, model, one article on every worker
        startup = time.perf_counter() - start
        ingest(engine.run(iter(raws[: 2 * workers]), engine="dask", model=MODEL, batch_size=1, client=client),
               Path(":memory:"))
        before = client.run(time.process_time)
        with Run(f"{workers} worker" + "s" * (workers > 1)) as measured:
            ingest(engine.run(iter(raws), engine="dask", model=MODEL, batch_size=batch_size, client=client), db)
        after = client.run(time.process_time)
        measured.finish([after[w] - before[w] for w in sorted(after)])
        measured.startup = startup
        return measured
    finally:
        client.close()
        cluster.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400, help="Reuters stories (default 400)")
    parser.add_argument("--batch-size", type=int, default=SETTINGS["batch_size"],
                        help=f"articles per batch (default: ingest's, {SETTINGS['batch_size']})")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2, help="rounds of runs, in alternating order (default 2)")
    parser.add_argument("--no-local", action="store_true", help="skip the local-engine reference")
    parser.add_argument("--cores", type=int, default=2, help="free cores assumed by the CPU estimate (default 2)")
    args = parser.parse_args()
    raws = load_articles(args.n)
    print(f"articles: {len(raws)}  batch size: {args.batch_size}  cores: {os.cpu_count()}  "
          f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    sides: list[str | int] = ([] if args.no_local else ["local"]) + list(args.workers)
    runs: dict[str | int, list[Run]] = {side: [] for side in sides}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.repeat):
            for side in sides if round_ % 2 == 0 else sides[::-1]:
                db = Path(tmp) / f"{side}-{round_}.db"
                if side == "local":
                    measured = run_local(raws, args.batch_size, db)
                else:
                    measured = run_dask(raws, int(side), args.batch_size, db)
                runs[side].append(measured)
                print(measured.line(len(raws)), flush=True)
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    best = {side: min(r.wall for r in rs) for side, rs in runs.items()}
    median = {side: statistics.median(r.wall for r in rs) for side, rs in runs.items()}
    for side in sides:
        print(f"{str(side):>10s}: best {best[side]:7.2f} s  median {median[side]:7.2f} s")
    if 1 in runs and 2 in runs:
        critical = {w: min(r.critical(args.cores) for r in runs[w]) for w in (1, 2)}
        print(f"dask_speedup_2_vs_1: {best[1] / best[2]:.2f}")
        print(f"dask_speedup_2_vs_1_median: {median[1] / median[2]:.2f}")
        print(f"dask_speedup_2_vs_1_cpu_estimate: {critical[1] / critical[2]:.2f}")
    if "local" in runs and 2 in runs:
        print(f"dask_2_vs_local: {best['local'] / best[2]:.2f}")


if __name__ == "__main__":
    main()
