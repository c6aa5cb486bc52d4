"""Shared fixtures for the edge tests (ingest, store, CLI, web).

Cheap fixtures are function-scoped (``fresh_store`` is an in-memory database).
Only the costly ones are session-scoped: the spaCy model, the processed seed
article (``seed_result``) and the PostgreSQL server (``postgres_server``; each test
asking for ``pg_url`` gets an empty database in it).  ``hostile_result`` is built by hand, so the web and
store tests do not depend on what the extractors find in it; its text, title,
URL, quote and removed line are invented and full of markup that must never be
rendered as HTML.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from newsledger.annotate import load_nlp
from newsledger.clean import article_id
from newsledger.ingest import read_file
from newsledger.model import (Article, ArticleResult, Count, Entity, Event, InferredDate, Mention, Place, Quote,
                              RawArticle, Removal, Span, TimeExpr)
from newsledger.pipeline import build_result, prepare
from newsledger.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "000_dee408f9bab61627.txt"
DATA = Path(__file__).resolve().parent / "data"
SCHEMA = ROOT / "src" / "newsledger" / "schema" / "article_result.schema.json"
SEED_PUBLISHED = "2016-07-21"


@pytest.fixture(scope="session")
def nlp():
    """The real English model, loaded once (about half a second)."""
    return load_nlp()


@pytest.fixture(scope="session")
def seed_result(nlp) -> ArticleResult:
    """The shipped sample article, read from disk and processed as `newsledger ingest --published` would."""
    raw = next(read_file(SAMPLE, published=SEED_PUBLISHED))
    assert isinstance(raw, RawArticle)
    article = prepare(raw)
    return build_result(article, nlp(article.text))


HOSTILE_TITLE = '<script>alert("title")</script> Exampleton harbour protest'
HOSTILE_URL = "javascript:alert(1)"
HOSTILE_TEXT = (
    "Protesters blocked the <script>alert(1)</script> harbour road in Exampleton on Monday.\n"
    '"<b>We will not move</b> <img src=x onerror=alert(2)>," said Jane Example.\n'
    "About 200 people marched, organisers said."
)
HOSTILE_REMOVED = '<a href="javascript:alert(4)">Share this</a>'


def _at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_hostile_result() -> ArticleResult:
    """A hand-built result whose every free-text field carries markup."""
    text = HOSTILE_TEXT
    raw_text = text + "\n" + HOSTILE_REMOVED
    line1 = _at(text, text.split("\n")[0])
    line2 = _at(text, text.split("\n")[1])
    line3 = _at(text, text.split("\n")[2])
    town = _at(text, "Exampleton")
    jane = _at(text, "Jane Example")
    monday = _at(text, "Monday")
    quote = _at(text, "<b>We will not move</b> <img src=x onerror=alert(2)>,")
    about = _at(text, "About 200")
    blocked, marched = _at(text, "blocked"), _at(text, "marched")
    article = Article(
        id=article_id(text), text=text, raw_text=raw_text, title=HOSTILE_TITLE, url=HOSTILE_URL,
        source="<i>Example Gazette</i>", published=None,
        published_inferred=InferredDate("2021-03", 0.4, [{"text": "<b>Monday</b>", "start": monday[0],
                                                           "end": monday[1], "reasoning": "<em>weekday</em>"}],
                                        "weekday"),
        path="hostile/<script>.txt",
        removed=[Removal(HOSTILE_REMOVED, "share button", len(text) + 1, len(raw_text))],
    )
    entities = [
        Entity("E1", "Exampleton", "GPE", [Mention(*town, "Exampleton")]),
        Entity("E2", "Jane Example", "PERSON", [Mention(*jane, "Jane Example")]),
    ]
    times = [TimeExpr("T1", "Monday", *monday, "DATE", "2021-03-01", "2021-03", "inferred")]
    places = [Place("P1", "Exampleton", *town, "E1", "GPE")]
    quotes = [Quote("Q1", text[quote[0]:quote[1]], *quote, "E2", "Jane Example", "direct", *jane, "said")]
    counts = [Count("C1", "About 200", *about, None, 200.0, None, "people", about[1] + 1, about[1] + 7,
                    None, "organisers", *_at(text, "organisers"))]
    events = [
        Event("V1", "PROTEST", "obstruct", "blocked", *blocked, "occurred", False, agent=None,
              agent_text="Protesters", target=None, target_text="the <script>alert(1)</script> harbour road",
              place="P1", place_text="Exampleton", time="T1", time_value="2021-03-01",
              evidence=[Span(*line1)]),
        Event("V2", "PROTEST", "demonstrate", "marched", *marched, "claimed", False, agent_text="About 200 people",
              count="C1", count_best=200.0, claimed_by=None, claimed_by_text="<u>organisers</u>",
              evidence=[Span(*line3)]),
        Event("V3", "COERCE", "threaten", "move", *_at(text, "move"), "denied", True, agent="E2",
              agent_text="Jane Example", claimed_by="E2", claimed_by_text="Jane Example", evidence=[Span(*line2)]),
    ]
    return ArticleResult(article, entities, times, places, quotes, counts, events)


@pytest.fixture(scope="session")
def hostile_result() -> ArticleResult:
    return make_hostile_result()


@pytest.fixture
def fresh_store():
    """An empty in-memory database."""
    store = Store(":memory:")
    yield store
    store.close()


# ------------------------------------------------------------------ a PostgreSQL server for the store tests

SERVER_BIN_DIRS = ["/usr/lib/postgresql/15/bin"]


def _server_bin() -> Path | None:
    """The folder holding PostgreSQL's initdb and pg_ctl (15 preferred), or None."""
    candidates = [Path(d) for d in SERVER_BIN_DIRS]
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(found).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    return _free_port()


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server on loopback for this session; yields its base URL ``postgresql://USER:PW@HOST:PORT``."""
    bin_dir = _server_bin()
    if bin_dir is None:
        message = ("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/15/bin or on "
                   "the PATH: install them with `apt-get install postgresql-15` (.ci/run does)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:  # the server refuses to run as root
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root but there is no 'postgres' user to run the server as; "
                        "`apt-get install postgresql-15` creates it")
        as_user = ["runuser", "-u", "postgres", "--"]
    # Under /tmp when root, so that the postgres user can reach the folder whatever TMPDIR says.
    root = Path(tempfile.mkdtemp(prefix="newsledger-pg-", dir="/tmp" if owner is not None else None))
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    password = secrets.token_hex(16)
    (root / "pw").write_text(password + "\n")
    if owner is not None:
        os.chown(root / "pw", owner.pw_uid, owner.pw_gid)
    data, log, port = root / "data", root / "server.log", _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=60)
        if done.returncode:
            server_log = log.read_text() if log.exists() else ""
            pytest.fail(f"{' '.join(args[:2])} failed ({done.returncode}):\n{done.stdout}{done.stderr}{server_log}")

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=scram-sha-256",
            f"--pwfile={root / 'pw'}", "--no-locale", "--encoding=UTF8", "--no-sync")
        options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off")
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start")
        base = f"postgresql://postgres:{password}@127.0.0.1:{port}"
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE newsledger")
        yield base
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def _admin(postgres_server):
    import psycopg

    with psycopg.connect(f"{postgres_server}/newsledger", autocommit=True) as conn:
        yield conn


@pytest.fixture
def pg_url(postgres_server, _admin) -> str:
    """The URL of an empty database (its ``public`` schema dropped and made again)."""
    _admin.execute("SET client_min_messages = warning")
    _admin.execute("DROP SCHEMA public CASCADE")
    _admin.execute("CREATE SCHEMA public")
    return f"{postgres_server}/newsledger"

