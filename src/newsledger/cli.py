"""Command line: ``newsledger ingest|extract|show|list|export|cluster|why|merge|split|entities|reviewer|serve``.

Thin by design: each command parses options, calls the pipeline or the store,
and turns newsledger's own errors into a one-line message and exit code 1.
"""

from __future__ import annotations

import errno
import json
import re
import sys
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from .errors import NewsledgerError
from .model import ArticleResult, Rejection, to_json
from .settings import SETTINGS, BadSetting, load_settings
from .review import EVENT_TYPES, MODALITIES
from .store import EXPORT_COLUMNS
from .timex import describe_period, describe_timex

EVENT_EXPORT_COLUMNS = EXPORT_COLUMNS  # the columns of `export --format csv|parquet`, as of /api/events.csv

try:
    _DEFAULTS = load_settings()
    _SETTINGS_ERROR: BadSetting | None = None
except BadSetting as _exc:  # reported as a one-line error by `main`, not as a traceback at import
    _DEFAULTS = {setting.name: setting.default for setting in SETTINGS}
    _SETTINGS_ERROR = _exc


# Control characters that stored text may hold (an escape sequence in a scraped headline, ESC in a file name) reach
# a terminal as commands: ESC [2J clears the screen, ESC ]0;… renames the window, CR writes over the line.
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _for_terminal(text: str) -> str:
    """``text`` to print for a reader: each control character but tab and line break written as its escape
    (``\\x1b``), so that nothing an article or a file name holds runs as a terminal command."""
    return _TERMINAL_CONTROLS.sub(lambda match: repr(match.group())[1:-1], text)


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


def _load_nlp(model: str):
    """The spaCy pipeline, or a one-line error naming the model (not a traceback)."""
    from .annotate import load_nlp

    try:
        return load_nlp(model)
    except (RuntimeError, OSError, ImportError, ValueError) as exc:
        raise click.ClickException(f"cannot load the spaCy model {model!r} (NEWSLEDGER_MODEL): {exc}") from None


def _check_inputs(paths: tuple[str, ...]) -> None:
    """A path that does not exist is the user's typo: a one-line error, before any work or any new database."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        # A broken symbolic link given by name is there, but names nothing: say so, not "no such file".
        broken = [p for p in missing if Path(p).is_symlink()]
        absent = [p for p in missing if p not in broken]
        reasons = ([f"{', '.join(absent)}: no such file or folder"] if absent else []) + \
                  ([f"{', '.join(broken)}: broken symbolic link"] if broken else [])
        raise click.ClickException("; ".join(reasons))
    from .ingest import list_input_files

    # An empty folder is not an error (a drop folder may be empty), but a run that reads nothing should say why.
    for path in paths:
        if Path(path).is_dir() and not list_input_files([path]):
            click.echo(f"note: {path}: the folder holds no files (hidden files are not read)", err=True)


def _open_output(output: str, binary: bool = False):
    """Open ``output`` for writing, or a one-line error naming the file and the reason."""
    try:
        return open(output, "wb") if binary else open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None


def _is_url(db: str) -> bool:
    """True for a PostgreSQL URL (``postgresql://...``), which names a server database, not a file."""
    return db.startswith(("postgresql://", "postgres://"))


def _check_exists(db: str) -> None:
    """A missing SQLite file is a one-line error (a PostgreSQL database is checked when it is opened)."""
    if db != ":memory:" and not _is_url(db) and not Path(db).exists():
        raise click.ClickException(f"database {db} does not exist; run `newsledger ingest PATH --db {db}` first")


def _open_existing(db: str):
    """Open a database for reading: a missing file or a too-new schema is a one-line error, not a new file."""
    from .store import Store

    _check_exists(db)
    try:
        return Store(db)
    except NewsledgerError as exc:
        raise _fail(exc) from exc


@click.group()
@click.version_option(package_name="newsledger")
def main() -> None:
    """Turn news articles into a sourced, structured ledger of events.

    \b
    Example:
      newsledger ingest samples/ --db newsledger.db
      newsledger extract article.txt --published 2016-07-21 --format json
      newsledger serve --db newsledger.db
    """
    if _SETTINGS_ERROR is not None:
        raise _fail(_SETTINGS_ERROR)


def _inputs(paths: tuple[str, ...], title: str | None, published: str | None, limit: int | None,
            tally: dict[str, int] | None = None):
    from .ingest import article_byte_limit, iter_inputs
    from .pipeline import normalise_date

    try:
        published_iso = normalise_date(published, strict=True)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    _check_inputs(paths)
    items = iter_inputs(paths, title=title, published=published_iso, tally=tally,
                        max_bytes=article_byte_limit(_DEFAULTS["max_chars"]))
    if limit is not None:
        items = _take_articles(items, limit)
    return items


def _input_total(paths: tuple[str, ...], limit: int | None) -> int | None:
    """How many inputs a run reads, when the file names tell (one article per plain-text or HTML file); None when
    they do not (JSON Lines and SGML files hold any number of articles)."""
    from .ingest import list_input_files, single_article_files

    files = list_input_files(paths)
    if files is None or not single_article_files(files) or (limit is not None and limit < len(files)):
        return None
    return len(files)


def _no_body_note(tally: dict[str, int]) -> str:
    n = tally.get("no_body", 0)
    return f", {n} Reuters {'story' if n == 1 else 'stories'} without a body skipped" if n else ""


def _all_rejected(n: int) -> str:
    return f"no article was read: {'the input was' if n == 1 else f'all {n} inputs were'} rejected"


def _many(number: int, noun: str) -> str:
    """``number`` and ``noun``, plural unless one ("1 article", "2 articles")."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _skipped_note(stored: int, repeated: int) -> str:
    """What the summary says about articles read but not processed: already in the database, or a repeat of an
    article read earlier in the same run (the same story in two files, on a fresh database too)."""
    if repeated:
        return f"({stored} already stored, {repeated} {'repeats' if repeated != 1 else 'repeat'} of an article " \
               f"earlier in this run, skipped)"
    return f"({stored} already stored, skipped)"


def _take_articles(items, limit: int):
    taken = 0
    for item in items:
        if not isinstance(item, Rejection):
            if taken >= limit:
                return
            taken += 1
        yield item


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL) to write.")
@click.option("--published", default=None, help="Publication date for plain-text inputs (e.g. 2016-07-21).")
@click.option("--title", default=None, help="Headline for plain-text inputs.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Process at most this many articles.")
@click.option("--batch-size", type=click.IntRange(min=1), default=_DEFAULTS["batch_size"], show_default=True,
              help="Articles per batch (one Dask task with --engine dask).")
@click.option("--force", is_flag=True, help="Re-process articles already stored by this pipeline version.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where annotation and extraction run: this process, or a Dask cluster (docs/scaling.md).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler to use (e.g. tcp://10.0.0.5:8786); default: a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local Dask cluster (default: one per core).")
@click.option("--keep-docs", is_flag=True, help="Keep spaCy annotations in DB.docs, so that a new pipeline "
              "version re-runs only extraction on articles already seen.")
def ingest(paths: tuple[str, ...], db: str, published: str | None, title: str | None, limit: int | None,
           batch_size: int, force: bool, quiet: bool, engine: str, scheduler: str | None, workers: int | None,
           keep_docs: bool) -> None:
    """Process files or folders (text, HTML, JSON Lines, Reuters SGML, .gz) into the database.

    Exit status: 0 when the run read at least one article (processed or already stored) or rejected nothing;
    1 when every input was rejected (or on an error such as a bad --db); 2 for a usage error.

    \b
    Example:
      newsledger ingest samples/ ../shared/corpus/reuters21578/reut2-000.sgm.gz --limit 300
      newsledger ingest ../shared/corpus/reuters21578/reut2-*.sgm.gz --engine dask --workers 2
    """
    from .engine import DocCache, run
    from .pipeline import PIPELINE_VERSION
    from .store import Store, redact_url

    if engine == "local" and (scheduler or workers):
        raise click.UsageError("--scheduler and --workers need --engine dask")
    if scheduler and workers:
        raise click.UsageError("--workers sizes the local Dask cluster; a cluster at --scheduler has its own")
    if keep_docs and _is_url(db):
        raise click.UsageError("--keep-docs keeps the Docs in an SQLite file beside an SQLite --db; it does not "
                               "work with a PostgreSQL --db yet")
    # First the inputs and the model, so that a bad --published, a missing path or a missing model creates no
    # database.
    tally: dict[str, int] = {}
    items = _inputs(paths, title, published, limit, tally)
    total = _input_total(paths, limit)
    stats = {"processed": 0, "unchanged": 0, "rejected": 0}
    model = _DEFAULTS["model"]
    nlp = None
    if engine == "local":  # the Dask workers load their own copy
        nlp = _load_nlp(model)
    try:
        store = Store(db)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    doc_cache = DocCache.beside(db, model) if keep_docs and db != ":memory:" else None
    seen: set[str] = set()  # ids met in this run: a repeated article is processed once, even within one batch
    why_skipped = {"stored": 0, "repeated": 0}  # the summary tells the two apart

    def skip(article: Any) -> bool:
        if article.id in seen:
            why_skipped["repeated"] += 1
            return True
        seen.add(article.id)
        if not force and store.has_article(article.id, PIPELINE_VERSION):
            why_skipped["stored"] += 1
            if article.path:  # read this time: an earlier rejection of the input is out of date
                store.forget_rejections(article.path)
            return True
        return False
    # One step per input read: an article processed or already stored, or a rejected input.
    bar = tqdm(desc="ingest", unit=" inputs", total=total, disable=quiet, file=sys.stderr)
    # Articles are parsed in batches: say so, or the bar sits at 0 for the first batch's seconds.
    bar.set_postfix_str(f"parsing the first batch of up to {batch_size}…")
    outcomes = run(items, engine=engine, model=model, nlp=nlp, batch_size=batch_size,
                   max_chars=_DEFAULTS["max_chars"], skip=skip, doc_cache=doc_cache, scheduler=scheduler,
                   workers=workers)
    with store:
        try:
            for item in outcomes:  # this loop is the single writer, whatever the engine
                if isinstance(item, Rejection):
                    store.reject(item)
                    stats["rejected"] += 1
                    tqdm.write(_for_terminal(f"rejected: {item.path}{':' + str(item.line) if item.line else ''}: "
                                             f"{item.reason}"), file=sys.stderr)
                elif item is None:
                    stats["unchanged"] += 1
                else:
                    store.save(item, PIPELINE_VERSION)
                    if item.article.path:
                        store.forget_rejections(item.article.path)
                    stats["processed"] += 1
                bar.set_postfix(processed=stats["processed"], skipped=stats["unchanged"] + tally.get("no_body", 0),
                                rejected=stats["rejected"], refresh=False)
                bar.update(1)
        except NewsledgerError as exc:
            raise _fail(exc) from exc
        finally:
            bar.close()
            if doc_cache is not None:
                doc_cache.close()
        totals = store.summary()
    click.echo(
        f"processed {_many(stats['processed'], 'article')} "
        f"{_skipped_note(why_skipped['stored'], why_skipped['repeated'])}"
        f"{_no_body_note(tally)}, rejected {_many(stats['rejected'], 'input')} this run\n"
        f"database {redact_url(db)}: {_many(totals['articles'], 'article')}, {_many(totals['events'], 'event')}, "
        f"{_many(totals['quotes'], 'quote')}, "
        f"{_many(totals['counts'], 'count')}, {_many(totals['rejected'], 'rejected input')}")
    if stats["rejected"] and not stats["processed"] and not stats["unchanged"]:
        raise click.ClickException(_all_rejected(stats["rejected"]))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json: one JSON object per article (JSON Lines); text: a readable report.")
@click.option("--published", default=None, help="Publication date for plain-text inputs (e.g. 2016-07-21).")
@click.option("--title", default=None, help="Headline for plain-text inputs.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Process at most this many articles.")
def extract(paths: tuple[str, ...], fmt: str, published: str | None, title: str | None,
            limit: int | None) -> None:
    """Print what newsledger finds in each article, without touching a database.

    Exit status: 0 when at least one article was printed or nothing was rejected; 1 when every input was
    rejected (or on an error); 2 for a usage error.

    \b
    Example:
      newsledger extract samples/000_dee408f9bab61627.txt --format json | jq .events
    """
    from .pipeline import process_stream

    tally: dict[str, int] = {}
    items = _inputs(paths, title, published, limit, tally)  # first: a bad date or a missing path needs no model
    nlp = _load_nlp(_DEFAULTS["model"])
    failures = printed = 0
    for item in process_stream(items, nlp, max_chars=_DEFAULTS["max_chars"]):
        assert item is not None  # None only stands for a skipped article, and no skip callback is given
        if isinstance(item, Rejection):
            failures += 1
            click.echo(_for_terminal(f"rejected: {item.path}{':' + str(item.line) if item.line else ''}: "
                                     f"{item.reason}"), err=True)
            continue
        printed += 1
        if fmt == "json":
            data = to_json(item)
            data["path"] = item.article.path
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            click.echo(render_text(item))
    if tally.get("no_body"):
        click.echo(_no_body_note(tally)[2:], err=True)
    if failures and not printed:
        raise click.ClickException(_all_rejected(failures))
    if failures:
        click.echo(f"{failures} input(s) rejected", err=True)


@main.command()
@click.argument("article_id")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL) to read.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract instead of a report.")
def show(article_id: str, db: str, as_json: bool) -> None:
    """Print what was found in one stored article, with the evidence for each item.

    \b
    Example:
      newsledger show cd48f2e7
    """
    try:
        with _open_existing(db) as store:
            result = store.load(article_id)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    click.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2) if as_json else render_text(result))


@main.command(name="list")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL) to read.")
@click.option("--search", default=None, help="Full-text search of titles and text: words as typed "
              "(al-Qadhi, U.S.), or FTS5 syntax: \"a phrase\", OR, NOT, prefix*, title:word.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Print at most this many articles, newest first (with --rejected: rejected inputs, oldest "
                   "first); 0 prints none.")
@click.option("--rejected", is_flag=True, help="List rejected inputs instead of articles.")
def list_(db: str, search: str | None, limit: int, rejected: bool) -> None:
    """List stored articles (or rejected inputs).

    \b
    Example:
      newsledger list --search "car bomb"
      newsledger list --search al-Qadhi
    """
    with _open_existing(db) as store:
        if rejected:
            rejected_rows = store.list_rejected(limit)
            for row in rejected_rows:
                line = f":{row['line']}" if row["line"] else ""
                click.echo(_for_terminal(f"{row['path']}{line}\t{row['reason']}"))
            if not rejected_rows and limit:
                click.echo("no rejected inputs stored", err=True)
            return
        try:
            rows = store.list_articles(limit=limit, query=search)
        except Exception as exc:  # FTS5 syntax errors come back as sqlite3.OperationalError
            raise click.ClickException(f"bad search {search!r}: {exc}") from exc
        for row in rows:
            date = row["published"] or "(no date)"
            title = row["title"] or f"(untitled) {row['path'] or ''}".rstrip()  # the path says which input it was
            events = f"{row['events']} event" + ("" if row["events"] == 1 else "s")
            click.echo(_for_terminal(f"{row['id']}\t{date}\t{events}\t{title}"))
        if not rows and limit:  # an empty answer says so, on stderr like the CLI's other notes
            click.echo(f"no articles match {search!r}" if search else "no articles stored", err=True)


_EVENT_SORTS = ("-date", "date", "type", "modality", "-count", "count", "-published", "published", "place")


@main.command()
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL) to read.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "geojson"]), required=True,
              help="csv/parquet: one row per event; geojson: located events as a FeatureCollection; "
                   "jsonl: one full article result per line (the JSON contract, as extracted).")
@click.option("--output", "-o", type=click.Path(), default=None, help="Output file (default, or \"-\": stdout; "
              "required for parquet).")
@click.option("--include-rejected", is_flag=True,
              help="Keep events a reviewer rejected (left out by default, as in /api/events.csv).")
@click.option("--reviewed", type=click.Choice(["any", "only", "unreviewed"]), default="any", show_default=True,
              help="only: events a reviewer confirmed or corrected; unreviewed: the others.")
@click.option("--type", "types", multiple=True, type=click.Choice(EVENT_TYPES), metavar="TYPE",
              help=f"Only this PLOVER type (repeat for several): {', '.join(EVENT_TYPES)}.")
@click.option("--modality", "modalities", multiple=True, type=click.Choice(MODALITIES), metavar="MODALITY",
              help=f"Only this modality (repeat for several): {', '.join(MODALITIES)}.")
@click.option("--actor", default=None, help="Whole words in who did it or to whom (or the linked entity's name); "
              "accents and case ignored.")
@click.option("--claimant", default=None, help="Whole words in who claims the event or its figure (or the linked "
              "entity's name).")
@click.option("--place", default=None, help="Whole words in the place, as written or as in the gazetteer, or its "
              "country's name or code (IQ).")
@click.option("--bbox", default=None, metavar="W,S,E,N", help="Only geocoded events in this box (degrees), "
              "e.g. 38,29,49,38.")
@click.option("--background", type=click.BOOL, default=None, metavar="true|false",
              help="true: only context events; false: only the news.")
@click.option("--located", type=click.BOOL, default=None, metavar="true|false",
              help="true: only events with coordinates; false: only those without.")
@click.option("--since", default=None, help="Events on or after this date (2014, 2014-06 or 2014-06-12).")
@click.option("--until", default=None, help="Events on or before this date.")
@click.option("--search", default=None, help="Full-text search of the articles (as `list --search`; the API's q).")
@click.option("--sort", type=click.Choice(_EVENT_SORTS), default="-date", show_default=True,
              help="Row order (the API's sort).")
def export(db: str, fmt: str, output: str | None, include_rejected: bool, reviewed: str, types: tuple[str, ...],
           modalities: tuple[str, ...], actor: str | None, claimant: str | None, place: str | None,
           bbox: str | None, background: bool | None, located: bool | None, since: str | None,
           until: str | None, search: str | None, sort: str) -> None:
    """Export the ledger: events as CSV, Parquet or GeoJSON, or full results as JSON Lines.

    The event formats are the ledger as reviewed, the same rows and columns as
    /api/events.csv: reviewers' corrections applied, rejected events left out
    (--include-rejected keeps them), each with its review_status; text cells
    that a spreadsheet would run as a formula start with a ' in CSV, and cells
    longer than 32,767 characters are cut with a "[…truncated: N more
    characters]" marker.  The filters are the API's (/api/events): --search is
    its q, the others have the same names.  JSON Lines is every article as
    extracted (the JSON contract, docs/schema.md).

    \b
    Example:
      newsledger export --format csv -o events.csv
      newsledger export --format geojson --reviewed only -o events.geojson
      newsledger export --format jsonl -o articles.jsonl
    """
    from .review import BadReview, parse_bbox, parse_date_bound

    event_options = {"--include-rejected": include_rejected, "--reviewed": reviewed != "any", "--type": types,
                     "--modality": modalities, "--actor": actor, "--claimant": claimant, "--place": place,
                     "--bbox": bbox, "--background": background is not None, "--located": located is not None,
                     "--since": since, "--until": until, "--search": search, "--sort": sort != "-date"}
    if fmt == "jsonl" and any(event_options.values()):
        given = ", ".join(name for name, value in event_options.items() if value)
        raise click.UsageError(f"{given}: for the event formats (csv, parquet, geojson); --format jsonl writes "
                               "every article as extracted")
    if output == "-":
        output = None  # "-o -" is standard output, as for most command-line tools
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs --output FILE (Parquet is binary)")
    filters: dict[str, Any] = {"types": list(types) or None, "modalities": list(modalities) or None,
                               "actor": actor, "claimant": claimant, "place": place, "q": search,
                               "background": background, "located": located, "reviewed": reviewed,
                               "include_rejected": include_rejected}
    for name, value, parse in (("--since", since, lambda v: parse_date_bound(v, end=False)),
                               ("--until", until, lambda v: parse_date_bound(v, end=True)),
                               ("--bbox", bbox, parse_bbox)):
        try:
            filters[name[2:]] = parse(value) if value else None
        except BadReview as exc:
            raise click.BadParameter(str(exc), param_hint=name) from None
    with _open_existing(db) as store:
        if fmt == "jsonl":
            out = _open_output(output) if output else sys.stdout
            n = 0
            try:
                for article_id in store.article_ids():
                    out.write(json.dumps(to_json(store.load(article_id)), ensure_ascii=False) + "\n")
                    n += 1
            finally:
                if output:
                    out.close()
            if output:
                click.echo(f"wrote {_many(n, 'article')} to {output}", err=True)
            return
        rows = _event_rows(store, sort, filters, search)
    written = _write_events(fmt, rows, output)
    if output:
        click.echo(f"wrote {_many(written, 'located event' if fmt == 'geojson' else 'event')} to {output}", err=True)


def _event_rows(store, sort: str, filters: dict[str, Any], search: str | None) -> list[dict[str, Any]]:
    """The events an export writes: ``Store.query_events`` with evidence, as /api/events.csv reads them."""
    import sqlite3

    try:
        rows, _ = store.query_events(limit=None, sort=sort, with_evidence=True, **filters)
    except sqlite3.OperationalError as exc:  # FTS5 syntax errors (SearchSyntaxError on PostgreSQL)
        raise click.ClickException(f"bad search {search!r}: {exc}") from exc
    return rows


def _write_events(fmt: str, rows: list[dict[str, Any]], output: str | None) -> int:
    """Write events as csv, geojson or parquet to ``output`` (stdout when None); how many were written."""
    from .store import BOOLEAN_COLUMNS, NUMBER_COLUMNS, events_geojson, export_row, write_events_csv

    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.float64() if c in NUMBER_COLUMNS else pa.bool_() if c in BOOLEAN_COLUMNS
                             else pa.string()) for c in EXPORT_COLUMNS])
        table = pa.Table.from_pylist([export_row(r) for r in rows], schema=schema)
        assert output is not None
        with _open_output(output, binary=True) as out:
            pq.write_table(table, out)
        return len(rows)
    out = _open_output(output) if output else sys.stdout
    try:
        if fmt == "csv":
            return write_events_csv(out, rows)
        collection = events_geojson(rows)
        json.dump(collection, out, ensure_ascii=False)
        out.write("\n")
        return len(collection["features"])
    finally:
        if output:
            out.close()


@main.command()
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL).")
@click.option("--quiet", is_flag=True, help="Print only the summary line.")
def cluster(db: str, quiet: bool) -> None:
    """Group the events of all stored articles into incidents (run after ingest; hand corrections are replayed).

    \b
    Example:
      newsledger cluster --db newsledger.db
      newsledger why I3f2a9c1d
    """
    from .incidents import Correction, clustering_rows, cluster_incidents, stored_incidents

    with _open_existing(db) as store:
        corrections = [Correction(action, a, b) for action, a, b in store.incident_corrections()]
        results = store.iter_results(without_rejected=True)  # an event a reviewer rejected is in no incident
        if not quiet:
            results = tqdm(results, desc="loading", unit=" art", total=store.summary()["articles"], file=sys.stderr)
        clustering = cluster_incidents(results, corrections)
        store.save_clustering(clustering_rows(clustering))
    incidents = stored_incidents(clustering)  # those `newsledger incidents` and the Incidents page list
    multi = sum(1 for inc in incidents if len(inc.articles) > 1)
    click.echo(f"{len(incidents)} incidents ({multi} reported by several articles), "
               f"{len(clustering.versions)} near-duplicate article versions, {len(corrections)} hand corrections "
               f"applied")


@main.command(name="incidents")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL) to read.")
@click.option("--type", "type_", default=None, help="Only this PLOVER type (ASSAULT, PROTEST …), as the events.")
@click.option("--since", default=None, help="Only incidents that end on or after this ISO date (2014, 2014-06-12).")
@click.option("--until", default=None, help="Only incidents that start on or before this ISO date.")
@click.option("--place", default=None, help="Only incidents whose place has these words (accents and case ignored).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Print at most this many incidents, latest first; 0 prints none (only the count).")
def incidents_(db: str, type_: str | None, since: str | None, until: str | None, place: str | None,
               limit: int) -> None:
    """List the incidents `newsledger cluster` made, latest first.

    One line per incident: id, time, type, place, best figure, and how many
    events and articles report it.  `newsledger why ID` says why they were
    joined.

    \b
    Example:
      newsledger incidents --type ASSAULT --since 2014 --place Tikrit
    """
    from .timex import describe_period

    for name, value in (("--since", since), ("--until", until)):
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise click.BadParameter(f"{value!r} is not an ISO date such as 2014 or 2014-06-12", param_hint=name)
    with _open_existing(db) as store:
        rows, total = store.list_incidents(type=type_.upper() if type_ else None, since=since, until=until,
                                           place=place, limit=limit)
    for row in rows:
        when = describe_period(row["time_start"], row["time_end"]) or "(no date)"
        figure = f"{_number(row['count_best']):,}" if row["count_best"] is not None else "no figure"
        articles = f"{row['articles']} article" + ("" if row["articles"] == 1 else "s")
        events = f"{row['events']} event" + ("" if row["events"] == 1 else "s")
        place = row["place_text"] or "(no place)"
        click.echo(_for_terminal(f"{row['id']}\t{when}\t{row['type'] or 'untyped'}\t{place}\t{figure}\t{events}, "
                                 f"{articles}"))
    if total > len(rows) and limit:
        click.echo(f"… {total - len(rows)} more; raise --limit or narrow the filters", err=True)
    elif not rows and limit:
        click.echo("no incidents match" if any((type_, since, until, place)) else
                   "no incidents stored: run `newsledger cluster` first", err=True)


@main.command()
@click.argument("item_id", metavar="ID")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL).")
def why(item_id: str, db: str) -> None:
    """Explain an incident (I…: its figures, claimants and merge reasons) or a cross-article entity (N…).

    \b
    Example:
      newsledger why I3f2a9c1d
      newsledger why N0b7c2e9a41
    """
    if not item_id.startswith(("I", "N")):
        hint = (" (an article or event: `newsledger show ARTICLE_ID`)" if len(item_id) >= 8 and
                all(c in "0123456789abcdef" for c in item_id.split(":")[0]) else "")
        raise click.ClickException(
            f"{item_id!r} is neither an incident id (I…) nor an entity id (N…){hint}; `newsledger cluster` makes "
            "them, and `newsledger incidents` and `newsledger entities` list them")
    with _open_existing(db) as store:
        try:
            # Entity ids start with N and incident ids with I (split incidents add ".1"), so they never collide.
            explanation = store.cross_entity_explanation(item_id) if item_id.startswith("N") \
                else store.incident_explanation(item_id)
        except NewsledgerError as exc:  # IncidentNotFound, CrossEntityNotFound
            raise _fail(exc) from exc
        click.echo(_for_terminal(explanation))


# The entity labels of the JSON contract, as /api/entities?type= takes them (upper case): a typo is a usage error
# naming them, not an empty list.
_ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT")


@main.command()
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL) to read.")
@click.option("--search", default=None, help="Part of a name or of any of its spellings.")
@click.option("--type", "type_", type=click.Choice(_ENTITY_TYPES), default=None, help="Only this label.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Print at most this many entities, those named by the most articles first; 0 prints none "
                   "(only the count of the others).")
def entities(db: str, search: str | None, type_: str | None, limit: int) -> None:
    """List people, organisations and places resolved across articles (run `newsledger cluster` first).

    One line per entity: id, type, how many articles name it, name and other
    spellings.  `newsledger why ID` says why its mentions were joined;
    `newsledger split ARTICLE:E2 ARTICLE:E5` keeps two mentions apart.

    \b
    Example:
      newsledger entities --search Qadhi
    """
    with _open_existing(db) as store:
        rows, total = store.list_cross_entities(search=search, type=type_, limit=limit)
    for row in rows:
        others = [v for v in row["variants"] if v != row["name"]]
        articles = f"{row['articles']} article{'' if row['articles'] == 1 else 's'}"
        click.echo(_for_terminal(f"{row['id']}\t{row['type']}\t{articles}\t{row['name']}"
                                 + (f"\t(also: {', '.join(others)})" if others else "")))
    if total > len(rows):
        click.echo(f"… {total - len(rows)} more; raise --limit or narrow --search", err=True)
    elif not total:
        asked = " ".join(f"{name} {value!r}" for name, value in (("--search", search), ("--type", type_)) if value)
        click.echo(f"no entities match {asked}" if asked else "no entities stored; run `newsledger cluster` first",
                   err=True)


def _correction_command(action: str, summary: str, note_example: str) -> click.Command:
    """``merge`` and ``split``: the same command, recording opposite corrections."""

    @click.argument("a")
    @click.argument("b")
    @click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL).")
    @click.option("--note", default=None, help="Why (kept in the audit trail).")
    @click.pass_context
    def command(ctx: click.Context, a: str, b: str, db: str, note: str | None) -> None:
        with _open_existing(db) as store:
            try:
                a, b = store.add_incident_correction(action, a, b, note)
            except NewsledgerError as exc:  # BadCorrection: an unknown article, event or entity
                raise _fail(exc) from exc
        click.echo(f"recorded: {action} {a} {b}; it is applied now and on every later `newsledger cluster`")
        ctx.invoke(cluster, db=db, quiet=True)

    command.__doc__ = (f"{summary}: article ids, ARTICLE:V3 event keys or ARTICLE:E2 entity keys; survives "
                       f"re-runs.\n\n    \b\n"
                       f"    Example:\n      newsledger {action} cd48f2e70005b8ff:V2 9a1b2c3d4e5f6a7b:V1 "
                       f"--note \"{note_example}\"\n")
    return main.command(name=action)(command)


merge = _correction_command("merge", "Force two reports together", "same massacre")
split = _correction_command("split", "Keep two reports apart", "different years")


@main.command()
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL) to serve.")
@click.option("--host", default=_DEFAULTS["host"], show_default=True,
              help="Address to listen on; 0.0.0.0 serves other machines too (reads are public, writes need a token).")
@click.option("--port", type=click.IntRange(1, 65535), default=_DEFAULTS["port"], show_default=True,
              help="TCP port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the web UI and the JSON API.

    \b
    Example:
      newsledger serve --db newsledger.db --port 8000
    """
    import uvicorn

    from .web.app import create_app

    from .store import redact_url

    _check_exists(db)
    try:
        app = create_app(db)
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    sock = _listen(host, port)  # bound before saying so: a port in use is an error, not "serving …"
    click.echo(f"serving {redact_url(db)} on http://{host}:{port}/  (Ctrl+C to stop)")
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    server.run(sockets=[sock])


def _listen(host: str, port: int):
    """A listening socket on ``host:port``, or a one-line error naming the address and the reason."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: unknown host ({exc.strerror})") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        reason = exc.strerror or str(exc)
        if exc.errno == errno.EADDRINUSE:
            reason += "; another program is listening there: stop it or give --port another number"
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}") from None
    sock.set_inheritable(True)
    return sock


def render_text(result: ArticleResult) -> str:
    """A readable report of one article result, every item with its evidence (control characters escaped, as
    everything the command line prints from articles)."""
    a = result.article
    text = a.text
    lines = [f"article {a.id}  {a.title or ''}".rstrip(), f"  path: {a.path}"]
    if a.published:
        lines.append(f"  published: {a.published}")
    elif a.published_inferred:
        inf = a.published_inferred
        lines.append(f"  published: unknown; inferred {inf.value} (confidence {inf.confidence:.2f}, {inf.method})")
        for clue in inf.evidence:
            lines.append(f"    evidence: {clue.get('text')!r} — {clue.get('reasoning', '')}")
    else:
        lines.append("  published: unknown (nothing in the text to infer it from)")
    for r in a.removed:
        lines.append(f"  removed ({r.reason}): {_clip(r.text, 80)!r}")
    entity_names = {e.id: e.name for e in result.entities}
    lines.append(f"\nevents ({len(result.events)}):")
    for ev in result.events:
        parts = [f"{ev.id} {ev.type}/{ev.mode} [{ev.modality}{', background' if ev.background else ''}]"
                 f" trigger={ev.trigger!r}@{ev.trigger_start}"]
        def named(entity_id: str | None, words: str | None) -> str | None:
            name = entity_names.get(entity_id or "")
            return f"{name} ({words!r})" if name and words and name != words else (name or words)

        for label, value in (("agent", named(ev.agent, ev.agent_text)), ("target", named(ev.target, ev.target_text)),
                             ("means", ev.instrument_text), ("place", ev.place_text), ("time", describe_timex(ev.time_value) or None),
                             ("period", describe_period(ev.time_range_start, ev.time_range_end) or None), ("count", _number(ev.count_best)),
                             ("injured", _number(ev.injured_best)),
                             ("claimed by", named(ev.claimed_by, ev.claimed_by_text))):
            if value is not None:
                parts.append(f"{label}={value}")
        lines.append("  " + "  ".join(parts))
        for span in ev.evidence:
            lines.append(f"      [{span.start}:{span.end}] {text[span.start:span.end]!r}")
    lines.append(f"\nquotes ({len(result.quotes)}):")
    for q in result.quotes:
        who = entity_names.get(q.speaker or "", q.speaker_text) or "(unknown speaker)"
        lines.append(f"  {q.id} {q.kind} by {who}: [{q.start}:{q.end}] {_clip(q.text, 100)!r}")
    lines.append(f"\ncounts ({len(result.counts)}):")
    for c in result.counts:
        lines.append(f"  {c.id} [{c.start}:{c.end}] {c.text!r} min={_number(c.min)} best={_number(c.best)} "
                     f"max={_number(c.max)} "
                     f"what={c.what!r} claimed_by={c.claimed_by_text!r}"
                     + (f" part_of={c.part_of}" if c.part_of else ""))
    lines.append(f"\ntimes ({len(result.times)}):")
    for t in result.times:
        shown = describe_timex(t.value)
        reading = f" ({shown})" if t.value and shown != t.value else ""
        lines.append(f"  {t.id} [{t.start}:{t.end}] {t.text!r} {t.type} value={t.value}{reading} anchor={t.anchor}"
                     f" ({t.anchor_kind})")
    lines.append(f"\nentities ({len(result.entities)}):")
    for e in result.entities:
        n = len(e.mentions)
        lines.append(f"  {e.id} {e.type} {e.name!r} ({n} mention{'' if n == 1 else 's'})")
    return _for_terminal("\n".join(lines))


def _clip(text: str, limit: int) -> str:
    """The text, cut at ``limit`` characters with an ellipsis that says it was cut (the JSON has it whole)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _number(value: float | None) -> float | int | None:
    """36.0 as 36: counts of people and events are whole numbers but stored as floats."""
    return int(value) if value is not None and float(value).is_integer() else value


# -- reviewers (web review and API writes) --------------------------------------------------------------


@main.group()
def reviewer() -> None:
    """Manage the reviewers who may correct the ledger in the web UI or write through the API.

    \b
    Example:
      newsledger reviewer add alice --db newsledger.db
      newsledger reviewer list
    """


@reviewer.command(name="add")
@click.argument("name")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL).")
def reviewer_add(name: str, db: str) -> None:
    """Create a reviewer (or give one a new token) and print the token once.

    \b
    Example:
      newsledger reviewer add alice
    """
    from .review import hash_secret, new_secret
    from .store import Store

    name = name.strip()
    if not name or len(name) > 100:
        raise click.BadParameter("give a name of 1 to 100 characters", param_hint="NAME")
    token = new_secret()
    try:
        with Store(db) as store:
            store.add_reviewer(name, hash_secret(token))
    except NewsledgerError as exc:
        raise _fail(exc) from exc
    click.echo(token)
    click.echo(f"reviewer {name} can now log in at /login with this token, or send it to the API as "
               f"'Authorization: Bearer TOKEN'; it is not stored, keep it safe", err=True)


@reviewer.command(name="list")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite file (or postgresql:// URL).")
def reviewer_list(db: str) -> None:
    """List reviewers by name.

    \b
    Example:
      newsledger reviewer list
    """
    with _open_existing(db) as store:
        for name in store.list_reviewers():
            click.echo(name)


if __name__ == "__main__":  # pragma: no cover
    main()
