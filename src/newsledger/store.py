"""Storage: schema, migrations, transactional writes and queries, on SQLite or PostgreSQL.

One article is written in one transaction (a crash never leaves half an
article).  Re-processing an article replaces its rows.  ``MIGRATIONS`` is an
ordered list; ``schema_version`` in ``meta`` records how many were applied, so
an older database is upgraded on open and a newer one is refused.

``Store(path)`` opens an SQLite file (the default; ``:memory:`` for tests);
``Store("postgresql://user@host:5432/db")`` opens a PostgreSQL (15+) database
through psycopg 3.  There is one set of queries, written in SQLite's dialect;
on PostgreSQL ``self.conn`` is a ``_PostgresConnection`` that takes the same
calls (``execute``, ``executemany``, ``with conn:`` for a transaction, rows by
index or by name, ``dict(row)``) and rewrites each statement once (cached):

- ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
- ``INSERT OR IGNORE`` becomes ``INSERT ... ON CONFLICT DO NOTHING``;
  ``INSERT OR REPLACE INTO t (cols) ...`` an upsert on ``t``'s primary key;
- ``x IS ?`` / ``x IS NOT ?`` become ``IS [NOT] DISTINCT FROM``;
- ``LIKE`` becomes ``ILIKE`` (SQLite's LIKE ignores ASCII case, and the
  PostgreSQL columns use the "C" collation, so ILIKE folds ASCII only too);
- ``GLOB 'pattern'`` becomes ``SIMILAR TO`` (``*`` -> ``%``, ``?`` -> ``_``);
- ``CAST(x AS REAL)`` becomes ``CAST(x AS DOUBLE PRECISION)``;
- every ``ORDER BY`` item gets SQLite's NULL order (``NULLS FIRST`` ascending,
  ``NULLS LAST`` descending).

The PostgreSQL schema is made from the same ``MIGRATIONS`` by
``_postgres_migration``: every table gets a hidden ``rowid`` identity column
(so ``ORDER BY rowid`` keeps insertion order), TEXT is ``COLLATE "C"``
(byte order, as in SQLite), REAL is DOUBLE PRECISION,
AUTOINCREMENT is an identity column, and the FTS5 table is replaced by a
weighted ``tsvector`` column ``articles.fts`` with a GIN index.  Columns named
``rowid`` and ``fts`` never appear in rows, just as SQLite's rowid is not in
``SELECT *``.

To write a query that works on both:

- write it for SQLite with ``?`` placeholders and run it through ``self.conn``;
- use standard SQL otherwise (``coalesce``, ``substr``, ``length``, ``||``,
  ``CASE``, ``LIKE ... ESCAPE '\\'``, ``ON CONFLICT(...) DO UPDATE``), avoid
  ``NOT <integer>`` (write ``x = 0``), give every subquery in FROM an alias,
  and do not name a SELECT alias in HAVING (repeat the expression);
- PostgreSQL is strict about types: the branches of a CASE or coalesce need
  one type (``CAST(text AS DOUBLE PRECISION)``), and a parameter that may be
  None in a SELECT list needs a cast (``CAST(? AS INTEGER)``);
- write inside ``with self.conn:`` (one transaction; on PostgreSQL in
  pipeline mode, so a write's error may surface at the next read or at the
  end of the block, and rolls the whole block back);
- ask the schema through ``self._columns(table)`` / ``self._table_exists(name)``
  (not ``PRAGMA``/``sqlite_master``), search text with ``self._fts_filter``
  (not ``articles_fts MATCH``), and get a new row's id with
  ``self._insert_id`` (not ``cursor.lastrowid``);
- a new migration is SQLite DDL appended to ``MIGRATIONS``; check that
  ``_postgres_migration`` turns it into valid PostgreSQL (the tests in
  ``tests/test_store_postgres.py`` run every migration on a real server).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import asdict, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import ArticleNotFound, NewsledgerError, SchemaTooNew
from .extract.event_codes import event_codes
from .model import (Article, ArticleResult, Count, Entity, Event, InferredDate, Mention, Place, Quote, Rejection,
                    Removal, Span, TimeExpr)

__all__ = ["Store", "MIGRATIONS", "SCHEMA_VERSION", "DatabaseUnavailable", "CrossEntityNotFound", "SearchSyntaxError",
           "BadCorrection", "redact_url", "fold", "words", "fts_query", "CSV_CELL_LIMIT", "EXPORT_COLUMNS",
           "NUMBER_COLUMNS", "BOOLEAN_COLUMNS",
           "export_row", "csv_cell", "write_events_csv", "events_csv", "events_geojson"]

# The full-text index: an FTS5 table kept by triggers on SQLite; on PostgreSQL (``_postgres_migration``
# swaps it in) a generated tsvector column, the title weighted A and the text B so that FTS5's
# ``title:word`` column filter has an equivalent.  The 'simple' configuration lowercases and does not
# stem, like FTS5's default unicode61 tokenizer.
_FTS_SQLITE = """
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    """
_FTS_POSTGRES = """
    ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', text), 'B'))
        STORED;
    CREATE INDEX articles_fts ON articles USING GIN (fts);
    """
_FTS_COLUMNS = {"title": "A", "text": "B"}

MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, path TEXT, title TEXT, url TEXT, source TEXT, published TEXT,
        published_inferred TEXT, text TEXT NOT NULL, raw_text TEXT NOT NULL, pipeline_version TEXT NOT NULL,
        processed_at TEXT NOT NULL
    );
    CREATE TABLE removed (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, seq INTEGER,
        text TEXT, reason TEXT, start INTEGER, "end" INTEGER);
    CREATE TABLE rejected (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, line INTEGER,
        reason TEXT NOT NULL, rejected_at TEXT NOT NULL, UNIQUE(path, line, reason));
    CREATE TABLE entities (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT,
        name TEXT, type TEXT, PRIMARY KEY (article_id, id));
    CREATE TABLE mentions (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_id TEXT,
        start INTEGER, "end" INTEGER, text TEXT);
    CREATE TABLE times (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT, text TEXT,
        start INTEGER, "end" INTEGER, type TEXT, value TEXT, anchor TEXT, anchor_kind TEXT, range_start TEXT,
        range_end TEXT, PRIMARY KEY (article_id, id));
    CREATE TABLE places (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT, name TEXT,
        start INTEGER, "end" INTEGER, entity TEXT, type TEXT, PRIMARY KEY (article_id, id));
    CREATE TABLE quotes (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT, text TEXT,
        start INTEGER, "end" INTEGER, speaker TEXT, speaker_text TEXT, kind TEXT, speaker_start INTEGER,
        speaker_end INTEGER, cue TEXT, PRIMARY KEY (article_id, id));
    CREATE TABLE counts (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT, text TEXT,
        start INTEGER, "end" INTEGER, min REAL, best REAL, max REAL, what TEXT, what_start INTEGER,
        what_end INTEGER, claimed_by TEXT, claimed_by_text TEXT, claimed_by_start INTEGER, claimed_by_end INTEGER,
        PRIMARY KEY (article_id, id));
    CREATE TABLE events (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT, type TEXT,
        mode TEXT, trigger TEXT, trigger_start INTEGER, trigger_end INTEGER, modality TEXT, background INTEGER,
        agent TEXT, agent_text TEXT, target TEXT, target_text TEXT, place TEXT, place_text TEXT, time TEXT,
        time_value TEXT, count TEXT, count_best REAL, claimed_by TEXT, claimed_by_text TEXT,
        PRIMARY KEY (article_id, id));
    CREATE TABLE event_arguments (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT, role TEXT, ref TEXT, text TEXT);
    CREATE TABLE evidence (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, event_id TEXT,
        start INTEGER, "end" INTEGER);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX evidence_event ON evidence(article_id, event_id);
    """ + _FTS_SQLITE,
    # 2: review (reviewers, their login sessions, the audit log and the current decision per event field,
    # keyed by the trigger's offsets so it survives re-processing) and cross-article incidents, which the
    # incident stage fills and the UI reads (with hand splits/merges kept as corrections).
    """
    CREATE TABLE reviewers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,
        token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
    CREATE TABLE review_sessions (id_hash TEXT PRIMARY KEY,
        reviewer_id INTEGER NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE, created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL);
    CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, reviewer TEXT NOT NULL,
        target TEXT NOT NULL, article_id TEXT, event_id TEXT, trigger_start INTEGER, trigger_end INTEGER,
        incident_id TEXT, field TEXT, action TEXT NOT NULL, old_value TEXT, new_value TEXT, note TEXT);
    CREATE INDEX reviews_event ON reviews(article_id, trigger_start, trigger_end);
    CREATE TABLE review_state (article_id TEXT NOT NULL, trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL, field TEXT NOT NULL, event_id TEXT, action TEXT NOT NULL, value TEXT,
        reviewer TEXT NOT NULL, updated_at TEXT NOT NULL, review_id INTEGER,
        PRIMARY KEY (article_id, trigger_start, trigger_end, field));
    CREATE TABLE incidents (id TEXT PRIMARY KEY, type TEXT, time_start TEXT, time_end TEXT, place_text TEXT,
        lat REAL, lon REAL, count_min REAL, count_best REAL, count_max REAL, reasons_json TEXT);
    CREATE TABLE incident_members (incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL, event_id TEXT NOT NULL, score REAL, reasons_json TEXT,
        PRIMARY KEY (incident_id, article_id, event_id));
    CREATE INDEX incident_members_event ON incident_members(article_id, event_id);
    CREATE TABLE incident_corrections (id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL, a TEXT NOT NULL,
        b TEXT NOT NULL, note TEXT, reviewer TEXT NOT NULL, created_at TEXT NOT NULL);
    """,
    # 3: CAMEO and ACLED codes on events.
    """
    ALTER TABLE events ADD COLUMN cameo TEXT;
    ALTER TABLE events ADD COLUMN acled_event_type TEXT;
    ALTER TABLE events ADD COLUMN acled_sub_type TEXT;
    """,
    # 4: geocoded places (GeoNames) and each event's place precision.
    """
    ALTER TABLE events ADD COLUMN place_precision TEXT;
    ALTER TABLE places ADD COLUMN text TEXT;
    ALTER TABLE places ADD COLUMN geonameid TEXT;
    ALTER TABLE places ADD COLUMN lat REAL;
    ALTER TABLE places ADD COLUMN lon REAL;
    ALTER TABLE places ADD COLUMN country_code TEXT;
    ALTER TABLE places ADD COLUMN country TEXT;
    ALTER TABLE places ADD COLUMN admin1 TEXT;
    ALTER TABLE places ADD COLUMN feature_code TEXT;
    ALTER TABLE places ADD COLUMN precision TEXT;
    ALTER TABLE places ADD COLUMN reason TEXT;
    """,
    # 5: the incident stage's full output: explanations, every source's figure, near-duplicate versions.
    """
    ALTER TABLE incidents ADD COLUMN mode TEXT;
    ALTER TABLE incidents ADD COLUMN agent TEXT;
    ALTER TABLE incidents ADD COLUMN title TEXT;
    ALTER TABLE incidents ADD COLUMN background_only INTEGER;
    ALTER TABLE incidents ADD COLUMN explanation TEXT;
    CREATE TABLE incident_figures (incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        article_id TEXT, event_id TEXT, count_id TEXT, text TEXT, min REAL, best REAL, max REAL, kind TEXT,
        claimed_by TEXT, credible INTEGER, note TEXT);
    CREATE TABLE article_versions (article_id TEXT PRIMARY KEY, canonical_id TEXT NOT NULL);
    """,
    # 6: people, organisations and places resolved across articles by the incident stage (ids ``N…``,
    # never colliding with incident ids ``I…``), each member an (article, entity) pair, with its explanation.
    """
    CREATE TABLE cross_entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, variants_json TEXT, explanation TEXT);
    CREATE TABLE cross_entity_members (entity_id TEXT NOT NULL REFERENCES cross_entities(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL, member_entity_id TEXT NOT NULL,
        PRIMARY KEY (entity_id, article_id, member_entity_id));
    CREATE INDEX cross_entity_members_member ON cross_entity_members(article_id, member_entity_id);
    """,
    # 7: the period an event spans ("since X", "as of Y"), pipeline 0.3.0.
    """
    ALTER TABLE events ADD COLUMN time_range_start TEXT;
    ALTER TABLE events ADD COLUMN time_range_end TEXT;
    """,
    # 8: the weapon or means an event names ("a roadside bomb", "with a knife"), pipeline 0.4.0.
    """
    ALTER TABLE events ADD COLUMN instrument_text TEXT;
    """,
    # 9: the whole a count is part of ("36 of the 40"), pipeline 0.4.6.
    """
    ALTER TABLE counts ADD COLUMN part_of TEXT;
    """,
    # 10: the wounded of an event apart from its dead ("killed three and injured 20"), pipeline 0.4.20.
    """
    ALTER TABLE events ADD COLUMN injured TEXT;
    ALTER TABLE events ADD COLUMN injured_best REAL;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

_CHILD_TABLES = {
    "times": TimeExpr, "places": Place, "quotes": Quote, "counts": Count,
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class DatabaseUnavailable(NewsledgerError):
    """A database cannot be opened: a PostgreSQL server unreachable or a bad URL, or an SQLite file that cannot
    be created (missing folder, no permission) or is not an SQLite database."""


class BadCorrection(NewsledgerError):
    """A hand merge or split names an article, event or entity that is not stored (or is malformed)."""


class CrossEntityNotFound(NewsledgerError):
    """No stored cross-article entity has that id."""


class SearchSyntaxError(sqlite3.OperationalError):
    """A full-text query that is not valid FTS5 syntax (raised on PostgreSQL as SQLite would)."""


def fold(text: str | None) -> str | None:
    """``text`` without diacritics and case, for matching what people type against stored names
    ("Tikrit" / "Tikrīt", "basra" / "Al Başrah")."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_table() -> tuple[str, str]:
    """The letters ``fold`` turns into one ASCII letter (Latin-1, Latin Extended-A/B, Latin Extended
    Additional), as the two arguments of PostgreSQL's ``translate``; ``lower`` does the rest."""
    source, target = [], []
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        folded = fold(char)
        if folded and len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char:
            source.append(char)
            target.append(folded)
    return "".join(source), "".join(target)


_FOLD_FROM, _FOLD_TO = _fold_table()

# What separates words for the actor, claimant and place filters: white space and punctuation (ASCII and the
# usual typographic marks).  Listed one by one, not as a regular-expression class, so that SQLite (``words``, a
# Python function) and PostgreSQL (``translate``, whatever the collation) split text at the same characters.
_WORD_SEPARATORS = (" \t\n\r\f\v\u00a0\u2009\u200b\u3000" + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
                    + "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2010\u2011\u2012"
                    "\u2013\u2014\u2015\u2026\u00b7\u2022\u2032\u2033\u00bf\u00a1\u060c\u061b\u061f\u3001\u3002\uff0c")
_TO_SPACES = str.maketrans(_WORD_SEPARATORS, " " * len(_WORD_SEPARATORS))


def words(text: str | None) -> str | None:
    """``text`` folded (``fold``) as space-separated words with a space at each end — `` al qadhi `` for
    "Al-Qādhi" — so that ``words(column) LIKE '% ' || words(query).strip() || ' %'`` is a whole-word match."""
    folded = fold(text)
    if folded is None:
        return None
    return " " + " ".join(w for w in folded.translate(_TO_SPACES).split(" ") if w) + " "

# A full-text query, token by token: a "string" (perhaps unterminated), a parenthesis, a comma, or a run of anything
# else.
_SEARCH_TOKEN = re.compile(r'"(?:[^"]|"")*"?|[(),]|[^\s(),"]+')
# Tokens FTS5 reads as they are: operators, plain words (with a prefix star, a ^ or a column filter).
_FTS_KEEP = re.compile(r"AND|OR|NOT|\+|\*|(?:[^\W\d]\w*:)?\^?\w+\*?|[^\W\d]\w*:")


def fts_query(query: str) -> str:
    """A search as typed, made safe for FTS5: every word that FTS5 would read as syntax (``al-Qadhi``,
    ``U.S.``, ``don't``, ``10:30``) becomes a "phrase" (``"al-Qadhi"``, prefix ``al-Qad*`` → ``"al-Qad"*``,
    ``title:al-Qadhi`` → ``title:"al-Qadhi"``), and a comma between words ("Mosul, Iraq") is a space;
    FTS5's own syntax — "phrases", ``AND``/``OR``/``NOT``, ``prefix*``, ``a + b``, parentheses, ``NEAR(a b, 5)``
    and column filters (``title:``, ``text:``) — is kept, so a malformed query still fails as FTS5 says."""
    out, pos, depth, near_depth, previous = [], 0, 0, None, ""
    for match in _SEARCH_TOKEN.finditer(query):
        out.append(query[pos:match.start()])
        pos = match.end()
        token = match.group(0)
        if token == "(":
            depth += 1
            if previous == "NEAR" and near_depth is None:
                near_depth = depth
        elif token == ")":
            if near_depth == depth:
                near_depth = None
            depth -= 1
        elif token == ",":
            token = token if near_depth is not None else " "
        elif token[0] != '"' and not _FTS_KEEP.fullmatch(token):
            # A column filter (FTS5 says so when there is no such column) is a name, a colon and a word or phrase;
            # "http://…" is an address, and was an error: "no such column: http".
            column = re.match(r"[^\W\d]\w*:(?=[\w\"^]|$)", token)
            prefix = column.group(0) if column else ""
            word = token[len(prefix):]
            star = "*" if word.endswith("*") and word.strip("*") else ""
            token = f'{prefix}"{word.rstrip("*") if star else word}"{star}'
        out.append(token)
        previous = match.group(0)
    out.append(query[pos:])
    return "".join(out)


def _is_postgres_url(path: str) -> bool:
    return path.startswith(("postgresql://", "postgres://"))


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, for messages (other locations come back unchanged)."""
    url = re.sub(r"([?&]password=)[^&]*", r"\1***", url)
    return re.sub(r"^(postgres(?:ql)?://[^/:@]*):[^/@]*@", r"\1:***@", url)


# -- PostgreSQL dialect ---------------------------------------------------------------------------
# Columns kept out of every row on PostgreSQL: the identity column standing in for SQLite's rowid and
# the full-text vector.
_HIDDEN_COLUMNS = frozenset({"rowid", "fts"})


def _postgres_migration(sql: str) -> list[str]:
    """The statements of one SQLite migration, in PostgreSQL's dialect (see the module docstring)."""
    sql = sql.replace(_FTS_SQLITE, _FTS_POSTGRES)
    sql = sql.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    sql = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql)
    statements = []
    for statement in (s.strip() for s in sql.split(";")):
        if statement.startswith("CREATE TABLE"):
            close = statement.rindex(")")
            statement = statement[:close] + ", rowid BIGINT GENERATED ALWAYS AS IDENTITY" + statement[close:]
        if statement:
            statements.append(statement)
    return statements


def _glob_to_similar(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "[":  # a character class is the same in both
            end = pattern.index("]", i + 2 if pattern[i + 1:i + 2] in ("]", "^") else i + 1)
            out.append(pattern[i:end + 1])
            i = end + 1
            continue
        out.append("%" if c == "*" else "_" if c == "?" else "\\" + c if c in "%_|+{}()\\" else c)
        i += 1
    return "".join(out)


_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|[^'\"]+")


def _null_order(sql: str) -> str:
    """Give each ORDER BY item SQLite's NULL order (NULLs are the smallest value there)."""
    out, pos = [], 0
    for match in re.finditer(r"\bORDER BY\b", sql, re.IGNORECASE):
        if match.start() < pos:
            continue
        out.append(sql[pos:match.end()])
        depth, quote, i, item_start, items = 0, "", match.end(), match.end(), []
        while i < len(sql):
            c = sql[i]
            if quote:
                quote = "" if c == quote else quote
            elif c in "'\"":
                quote = c
            elif c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and c == ",":
                items.append(sql[item_start:i])
                item_start = i + 1
            elif depth == 0 and re.match(r"\s(LIMIT|OFFSET)\b", sql[i:i + 8], re.IGNORECASE):
                break
            i += 1
        items.append(sql[item_start:i])
        fixed = []
        for item in items:
            item = _null_order(item)  # an ORDER BY inside a subquery in this one
            bare = item.rstrip()
            if re.search(r"\bNULLS\s+(FIRST|LAST)$", bare, re.IGNORECASE):
                fixed.append(item)
            else:
                nulls = " NULLS LAST" if re.search(r"\bDESC$", bare, re.IGNORECASE) else " NULLS FIRST"
                fixed.append(bare + nulls + item[len(bare):])
        out.append(",".join(fixed))
        pos = i
    out.append(sql[pos:])
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _postgres_sql(sql: str) -> str:
    """One statement in SQLite's dialect, rewritten for PostgreSQL (see the module docstring)."""
    sql = re.sub(r"\bGLOB\s+'([^']*)'", lambda m: f"SIMILAR TO '{_glob_to_similar(m[1])}'", sql)
    parts = []
    for token in _TOKENS.findall(sql):
        token = token.replace("%", "%%")
        if token[0] not in "'\"":
            token = re.sub(r"\bIS\s+NOT\s+\?", "IS DISTINCT FROM ?", token, flags=re.IGNORECASE)
            token = re.sub(r"\bIS\s+\?", "IS NOT DISTINCT FROM ?", token, flags=re.IGNORECASE)
            token = re.sub(r"(?<!\w)(NOT\s+)?LIKE\b", lambda m: (m[1] or "") + "ILIKE", token, flags=re.IGNORECASE)
            token = re.sub(r"\bAS\s+REAL\b", "AS DOUBLE PRECISION", token, flags=re.IGNORECASE)
            token = token.replace("?", "%s")
        parts.append(token)
    sql = "".join(parts)
    ignore = re.match(r"\s*INSERT\s+OR\s+IGNORE\s+INTO\b", sql, re.IGNORECASE)
    if ignore:
        sql = "INSERT INTO" + sql[ignore.end():] + " ON CONFLICT DO NOTHING"
    upsert = re.match(r"\s*INSERT\s+OR\s+REPLACE\s+INTO\s+(\w+)\s*\(([^)]*)\)", sql, re.IGNORECASE)
    if upsert:
        columns = [c.strip() for c in upsert[2].split(",")]
        sql = (f"INSERT INTO {sql[upsert.start(1):]} ON CONFLICT ON CONSTRAINT {upsert[1]}_pkey DO UPDATE SET "
               + ", ".join(f"{c} = excluded.{c}" for c in columns))
    return _null_order(sql)


class _PostgresRow:
    """A result row like ``sqlite3.Row``: by index or column name, ``keys()``, ``dict(row)``, ``tuple(row)``."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]):
        self._index, self._values = index, values

    def __getitem__(self, key: int | str | slice) -> Any:
        return self._values[self._index[key]] if isinstance(key, str) else self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"_PostgresRow({dict(zip(self._index, self._values))!r})"


def _postgres_row_factory(cursor: Any) -> Any:
    names = [d.name for d in cursor.description or ()]
    keep = [i for i, name in enumerate(names) if name not in _HIDDEN_COLUMNS]
    index = {names[i]: n for n, i in enumerate(keep)}
    if len(keep) == len(names):
        return lambda values: _PostgresRow(index, values)
    return lambda values: _PostgresRow(index, [values[i] for i in keep])


class _PostgresConnection:
    """A psycopg 3 connection taking the ``sqlite3.Connection`` calls ``Store`` makes.

    Outside ``with conn:`` every statement commits on its own (sqlite3 only opens a transaction for
    writes, so reads there see committed data too).  ``with conn:`` is one transaction, committed on
    success and rolled back on an exception; a lock keeps other threads' statements out of it.
    """

    def __init__(self, url: str):
        import psycopg
        from psycopg.types.numeric import NumericLoader

        class _NumberLoader(NumericLoader):
            # SUM() of integers is NUMERIC on PostgreSQL; SQLite gives an int.
            def load(self, data: Any) -> Any:
                value = super().load(data)
                return int(value) if value.is_finite() and value == value.to_integral_value() else float(value)

        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=_postgres_row_factory)
        except psycopg.Error as exc:
            reason = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
            reason = re.sub(r"^connection (failed|is bad): ", "", reason) or type(exc).__name__
            raise DatabaseUnavailable(f"cannot open PostgreSQL database {redact_url(url)}: {reason}; check the URL "
                                      "(postgresql://USER:PASSWORD@HOST:PORT/DBNAME), that the server is running "
                                      "and that the database exists (createdb DBNAME)") from None
        self._conn.adapters.register_loader("numeric", _NumberLoader)
        self._lock = threading.RLock()
        self._transactions: list[Any] = []

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            cursor = self._conn.cursor()
            cursor.execute(_postgres_sql(sql), tuple(params))
            return cursor

    def executemany(self, sql: str, rows: Any) -> Any:
        rows = [tuple(r) for r in rows]
        with self._lock:
            cursor = self._conn.cursor()
            if rows:
                cursor.executemany(_postgres_sql(sql), rows)
            return cursor

    def execute_ddl(self, statement: str) -> None:
        """One schema statement as it is (no placeholder rewriting)."""
        with self._lock:
            self._conn.execute(statement.encode())

    def __enter__(self) -> _PostgresConnection:
        self._lock.acquire()
        try:
            # Pipeline mode sends the transaction's statements without waiting for each answer (a read
            # waits for its own); an article's save is then about one round trip instead of twenty.
            stack = contextlib.ExitStack()
            if not self._transactions:
                stack.enter_context(self._conn.pipeline())
            stack.enter_context(self._conn.transaction())
        except BaseException:
            self._lock.release()
            raise
        self._transactions.append(stack)
        return self

    def __exit__(self, *exc: Any) -> bool:
        stack = self._transactions.pop()
        try:
            return bool(stack.__exit__(*exc))
        finally:
            self._lock.release()

    def commit(self) -> None:
        """Nothing to do: outside ``with conn:`` each statement is already committed."""

    def close(self) -> None:
        self._conn.close()


# -- full-text queries on PostgreSQL ----------------------------------------------------------------
_FTS5_TOKEN = re.compile(r'\s*(?:(")((?:[^"]|"")*)("?)|([()*:+])|(\w+)|(\S))')


def _fts5_to_tsquery(query: str) -> str:
    """An FTS5 query (words, "phrases", a + b, prefix*, AND, OR, NOT, (), title:/text:) as ``to_tsquery`` text.

    Raises ``SearchSyntaxError`` where FTS5 would raise a syntax error, so a query means the same and
    fails the same on both databases.
    """
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(query):
        match = _FTS5_TOKEN.match(query, pos)
        if match is None:  # only blanks left
            break
        pos = match.end()
        if match[1]:
            if not match[3]:
                raise SearchSyntaxError("unterminated string")
            tokens.append(("term", match[2].replace('""', '"')))
        elif match[4]:
            tokens.append((match[4], match[4]))
        elif match[5]:
            word = match[5]
            tokens.append((word, word) if word in ("AND", "OR", "NOT") else ("term", word))
        elif match[6]:
            raise SearchSyntaxError(f"fts5: syntax error near \"{match[6]}\"")
    position = 0

    def peek() -> str | None:
        return tokens[position][0] if position < len(tokens) else None

    def fail() -> SearchSyntaxError:
        near = tokens[position][1] if position < len(tokens) else ""
        return SearchSyntaxError(f"fts5: syntax error near \"{near}\"")

    def take(kind: str) -> str:
        nonlocal position
        if peek() != kind:
            raise fail()
        position += 1
        return tokens[position - 1][1]

    def primary(weight: str) -> str:
        nonlocal position
        if peek() == "(":
            take("(")
            inner = or_expr(weight)
            take(")")
            return f"({inner})"
        term = take("term")
        if term == "NEAR" and peek() == "(":
            raise SearchSyntaxError("NEAR(...) queries are not supported on PostgreSQL; use a \"phrase\" or AND")
        while peek() == "+":  # a + b is the phrase "a b"
            take("+")
            term += " " + take("term")
        if peek() == ":":
            if term not in _FTS_COLUMNS:
                raise SearchSyntaxError(f"no such column: {term}")
            take(":")
            return primary(_FTS_COLUMNS[term])
        prefix = peek() == "*"
        if prefix:
            take("*")
        words = re.findall(r"\w+", term)
        if not words:
            # No word: to_tsquery drops the operand (alone, the query matches nothing), as FTS5 does.
            return "'.'"
        # A phrase is its words in a row; the prefix mark applies to the last word only, as in FTS5.
        lexemes = []
        for n, word in enumerate(words):
            suffix = ("*" if prefix and n == len(words) - 1 else "") + weight
            lexemes.append(f"'{word}'" + (":" + suffix if suffix else ""))  # \w+ holds no quote or backslash
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"

    def not_expr(weight: str) -> str:
        out = primary(weight)
        while peek() == "NOT":
            take("NOT")
            out = f"{out} & !{primary(weight)}"
        return out

    def and_expr(weight: str) -> str:
        parts = [not_expr(weight)]
        while peek() in ("AND", "term", "("):
            if peek() == "AND":
                take("AND")
            parts.append(not_expr(weight))
        return " & ".join(parts)

    def or_expr(weight: str) -> str:
        parts = [and_expr(weight)]
        while peek() == "OR":
            take("OR")
            parts.append(and_expr(weight))
        return "(" + " | ".join(parts) + ")" if len(parts) > 1 else parts[0]

    result = or_expr("")
    if position != len(tokens):
        raise fail()
    return result


class _FetchedCursor:
    """A finished statement's rows and attributes, read while the connection was held (``_SharedSqlite``)."""

    def __init__(self, cursor: sqlite3.Cursor, rows: list[Any]) -> None:
        self._rows = rows
        self._next = 0
        self.lastrowid = cursor.lastrowid
        self.rowcount = cursor.rowcount
        self.description = cursor.description

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rows, self._next = self._rows[self._next:], len(self._rows)
        return rows

    def __iter__(self) -> Any:
        return iter(self.fetchall())


class _SharedSqlite:
    """One sqlite3 connection that the web server's threads take turns on.

    ``check_same_thread=False`` lets threads share a connection but does not make that safe: two threads
    stepping statements at once can deadlock the process (the map's and the timeline's requests of one page
    froze ``newsledger serve`` for good).  Each statement therefore runs, and its rows are read, under one lock,
    and a ``with conn:`` transaction holds the lock throughout, as ``_PostgresConnection`` does.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.RLock()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _FetchedCursor:
        with self._lock:
            cursor = self._conn.execute(sql, params)
            return _FetchedCursor(cursor, cursor.fetchall())

    def executemany(self, sql: str, rows: Any) -> _FetchedCursor:
        with self._lock:
            cursor = self._conn.executemany(sql, rows)
            return _FetchedCursor(cursor, [])

    def executescript(self, script: str) -> None:
        with self._lock:
            self._conn.executescript(script)

    def __enter__(self) -> _SharedSqlite:
        self._lock.acquire()
        try:
            self._conn.__enter__()
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc: Any) -> bool:
        try:
            return bool(self._conn.__exit__(*exc))
        finally:
            self._lock.release()

    def commit(self) -> None:
        with self._lock:
            self._conn.commit()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class Store:
    """A newsledger database: an SQLite file (``:memory:`` for tests) or a ``postgresql://`` URL."""

    def __init__(self, path: str | Path = "newsledger.db"):
        """Open (and create or upgrade) the database.

        Args:
            path: an SQLite file name, ``:memory:``, or a PostgreSQL URL such as
                ``postgresql://newsledger:secret@127.0.0.1:5432/newsledger`` (the database must exist).
        """
        self.path = str(path)
        self.dialect = "postgresql" if _is_postgres_url(self.path) else "sqlite"
        self.conn: Any
        if self.dialect == "postgresql":
            self.conn = _PostgresConnection(self.path)
        else:
            self._open_sqlite()
            return
        self._migrate()

    def _open_sqlite(self) -> None:
        """Open (create, upgrade) the SQLite file; ``DatabaseUnavailable`` naming the file and the reason when
        it cannot be created or is not an SQLite database."""
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise DatabaseUnavailable(self._sqlite_problem(exc)) from None
        self.conn = _SharedSqlite(conn)
        try:
            conn.row_factory = sqlite3.Row
            conn.create_function("nl_fold", 1, fold, deterministic=True)
            conn.create_function("nl_words", 1, words, deterministic=True)
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                # One sync per checkpoint, not per article: under WAL this cannot corrupt the file; a power cut
                # can lose the last commits, and a re-run re-processes exactly those (their hash is missing).
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise DatabaseUnavailable(self._sqlite_problem(exc)) from None
        except BaseException:
            self.conn.close()
            raise

    def _sqlite_problem(self, exc: sqlite3.Error) -> str:
        path = Path(self.path)
        reason = str(exc) or type(exc).__name__
        if not path.parent.is_dir():
            reason = f"folder {path.parent} does not exist"
        elif path.is_dir():
            reason = "it is a folder"
        elif "not a database" in reason:
            reason = "the file is not an SQLite database (give --db a new file name or an existing newsledger database)"
        return f"cannot open database {self.path}: {reason}"

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------
    def schema_version(self) -> int:
        if not self._table_exists("meta"):
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _table_exists(self, name: str) -> bool:
        """True when the table (or, on SQLite, any schema object) ``name`` exists."""
        if self.dialect == "postgresql":
            sql = "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
        else:
            sql = "SELECT 1 FROM sqlite_master WHERE name = ?"
        return self.conn.execute(sql, (name,)).fetchone() is not None

    def _migrate(self) -> None:
        if self.dialect == "postgresql":
            self._migrate_postgres()
            return
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(f"{self.path} has schema version {version}; this newsledger knows up to "
                               f"{SCHEMA_VERSION}. Upgrade newsledger or use another --db file.")
        for number in range(version, SCHEMA_VERSION):
            # One script per migration, schema change and version bump in the same transaction.
            self.conn.executescript(
                "BEGIN;" + MIGRATIONS[number]
                + f";INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '{number + 1}');COMMIT;")

    def _migrate_postgres(self) -> None:
        # All pending migrations and their version bumps in one transaction (PostgreSQL's DDL is
        # transactional), under an advisory lock so that two processes opening a new database do not
        # both create the tables.
        with self.conn:
            self.conn.execute("SELECT pg_advisory_xact_lock(?)", (0x6E6C6467,))  # "nldg"
            version = self.schema_version()
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(f"{redact_url(self.path)} has schema version {version}; this newsledger knows up to "
                                   f"{SCHEMA_VERSION}. Upgrade newsledger or use another --db database.")
            for number in range(version, SCHEMA_VERSION):
                for statement in _postgres_migration(MIGRATIONS[number]):
                    self.conn.execute_ddl(statement)
                self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                                  (str(number + 1),))

    # -- writes -----------------------------------------------------------
    def has_article(self, article_id: str, pipeline_version: str | None = None) -> bool:
        """True when this article is stored (by this pipeline version, if given)."""
        row = self.conn.execute("SELECT pipeline_version FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None and (pipeline_version is None or row[0] == pipeline_version)

    def save(self, result: ArticleResult, pipeline_version: str) -> None:
        """Write one article and everything found in it, replacing any earlier version, atomically."""
        a = result.article
        with self.conn:
            self.conn.execute("DELETE FROM articles WHERE id = ?", (a.id,))
            for table in ("removed", "entities", "mentions", "times", "places", "quotes", "counts", "events",
                          "event_arguments", "evidence"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (a.id,))
            inferred = json.dumps(asdict(a.published_inferred)) if a.published_inferred else None
            self.conn.execute(
                "INSERT INTO articles (id, path, title, url, source, published, published_inferred, text, raw_text,"
                " pipeline_version, processed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (a.id, a.path, a.title, a.url, a.source, a.published, inferred, a.text, a.raw_text,
                 pipeline_version, _now()))
            self.conn.executemany(
                'INSERT INTO removed (article_id, seq, text, reason, start, "end") VALUES (?,?,?,?,?,?)',
                [(a.id, i, r.text, r.reason, r.start, r.end) for i, r in enumerate(a.removed)])
            self.conn.executemany("INSERT INTO entities (article_id, id, name, type) VALUES (?,?,?,?)",
                                  [(a.id, e.id, e.name, e.type) for e in result.entities])
            self.conn.executemany(
                'INSERT INTO mentions (article_id, entity_id, start, "end", text) VALUES (?,?,?,?,?)',
                [(a.id, e.id, m.start, m.end, m.text) for e in result.entities for m in e.mentions])
            for table, cls in _CHILD_TABLES.items():
                self._insert_rows(table, a.id, getattr(result, table), cls)
            event_columns = [f.name for f in fields(Event) if f.name != "evidence"]
            self._insert_rows("events", a.id, result.events, Event, event_columns)
            arguments = []
            for ev in result.events:
                for role in ("agent", "target", "place", "time", "count", "claimed_by"):
                    ref = getattr(ev, role)
                    text = {"agent": ev.agent_text, "target": ev.target_text, "place": ev.place_text,
                            "time": ev.time_value, "count": ev.count_best, "claimed_by": ev.claimed_by_text}[role]
                    if ref is not None or text is not None:
                        arguments.append((a.id, ev.id, role, ref, None if text is None else str(text)))
            self.conn.executemany(
                "INSERT INTO event_arguments (article_id, event_id, role, ref, text) VALUES (?,?,?,?,?)", arguments)
            self.conn.executemany(
                'INSERT INTO evidence (article_id, event_id, start, "end") VALUES (?,?,?,?)',
                [(a.id, ev.id, s.start, s.end) for ev in result.events for s in ev.evidence])

    def _insert_rows(self, table: str, article_id: str, items: list[Any], cls: type,
                     columns: list[str] | None = None) -> None:
        columns = columns or [f.name for f in fields(cls)]
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in range(len(columns) + 1))
        self.conn.executemany(
            f"INSERT INTO {table} (article_id, {quoted}) VALUES ({marks})",
            [(article_id, *[_sql_value(getattr(item, c)) for c in columns]) for item in items])

    def reject(self, rejection: Rejection) -> None:
        """Record an input that could not be processed (once per path, line and reason)."""
        with self.conn:
            # UNIQUE(path, line, reason) does not catch repeats when line is NULL (NULLs are distinct
            # in SQLite), so check with IS, which treats NULL = NULL as a match.
            self.conn.execute(
                "INSERT OR IGNORE INTO rejected (path, line, reason, rejected_at) SELECT ?, CAST(? AS INTEGER), ?, ?"
                " WHERE NOT EXISTS (SELECT 1 FROM rejected WHERE path = ? AND line IS ? AND reason = ?)",
                (rejection.path, rejection.line, rejection.reason, _now(),
                 rejection.path, rejection.line, rejection.reason))

    def forget_rejections(self, path: str) -> None:
        """Forget the rejections of an input now read as an article (``Article.path``): a file fixed since it was
        rejected, or a JSON Lines record (``feed.jsonl:3``: that line's rejections, and those of the whole file
        — it can be read now).  Otherwise the quarantine would list the fixed input for ever.  A Reuters story
        (``reut2-000.sgm#5``) forgets only its own: a truncated file stays truncated while its other stories
        are read."""
        record = re.fullmatch(r"(.+):(\d+)", path)
        with self.conn:
            self.conn.execute("DELETE FROM rejected WHERE path = ? AND line IS NULL", (path,))
            if record:
                self.conn.execute("DELETE FROM rejected WHERE path = ? AND (line IS NULL OR line = ?)",
                                  (record.group(1), int(record.group(2))))

    # -- reads ------------------------------------------------------------
    def load(self, article_id: str) -> ArticleResult:
        """One stored article with everything found in it."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:  # a unique prefix is enough
            row = self.conn.execute("SELECT * FROM articles WHERE id = ?",
                                    (self.load_article_id(article_id),)).fetchone()
        aid = row["id"]
        removed = [Removal(r["text"], r["reason"], r["start"], r["end"]) for r in
                   self.conn.execute("SELECT * FROM removed WHERE article_id = ? ORDER BY seq", (aid,))]
        inferred = None
        if row["published_inferred"]:
            inferred = InferredDate(**json.loads(row["published_inferred"]))
        article = Article(aid, row["text"], row["raw_text"], row["title"], row["url"], row["source"],
                          row["published"], inferred, row["path"], removed)
        mentions: dict[str, list[Mention]] = {}
        for m in self.conn.execute('SELECT * FROM mentions WHERE article_id = ? ORDER BY start', (aid,)):
            mentions.setdefault(m["entity_id"], []).append(Mention(m["start"], m["end"], m["text"]))
        entities = [Entity(e["id"], e["name"], e["type"], mentions.get(e["id"], [])) for e in
                    self.conn.execute("SELECT * FROM entities WHERE article_id = ? ORDER BY rowid", (aid,))]
        children = {table: self._load_rows(table, aid, cls) for table, cls in _CHILD_TABLES.items()}
        evidence: dict[str, list[Span]] = {}
        for s in self.conn.execute('SELECT * FROM evidence WHERE article_id = ? ORDER BY rowid', (aid,)):
            evidence.setdefault(s["event_id"], []).append(Span(s["start"], s["end"]))
        events = []
        for r in self.conn.execute("SELECT * FROM events WHERE article_id = ? ORDER BY rowid", (aid,)):
            values = {f.name: r[f.name] for f in fields(Event) if f.name != "evidence"}
            values["background"] = bool(values["background"])
            events.append(Event(**values, evidence=evidence.get(r["id"], [])))
        return ArticleResult(article, entities, children["times"], children["places"], children["quotes"],
                             children["counts"], events)

    def _load_rows(self, table: str, article_id: str, cls: type) -> list[Any]:
        names = [f.name for f in fields(cls)]
        return [cls(**{n: r[n] for n in names}) for r in
                self.conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY rowid", (article_id,))]

    def article_ids(self) -> Iterator[str]:
        for row in self.conn.execute("SELECT id FROM articles ORDER BY published, id"):
            yield row[0]

    def list_articles(self, limit: int = 50, offset: int = 0, query: str | None = None) -> list[dict[str, Any]]:
        """Article summaries, newest first; ``query`` is an FTS5 full-text search."""
        sql = ("SELECT a.id, a.title, a.url, a.source, a.published, a.published_inferred, a.path,"
               " (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events,"
               " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes FROM articles a")
        params: list[Any] = []
        if query:
            match, term = self._fts_filter("a.rowid", query)
            sql += f" WHERE {match}"
            params.append(term)
        sql += " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?"
        params += [limit, offset]
        return [dict(r) for r in self.conn.execute(sql, params)]

    def list_events(self, limit: int = 100, offset: int = 0, type: str | None = None,
                    modality: str | None = None, article_id: str | None = None) -> list[dict[str, Any]]:
        """Events with their article's title and date, in a stable order."""
        sql = ("SELECT e.*, a.title AS article_title, a.published AS article_published FROM events e"
               " JOIN articles a ON a.id = e.article_id WHERE 1=1")
        params: list[Any] = []
        for column, value in (("e.type", type), ("e.modality", modality), ("e.article_id", article_id)):
            if value:
                sql += f" AND {column} = ?"
                params.append(value)
        sql += " ORDER BY a.published IS NULL, a.published DESC, e.article_id, e.rowid LIMIT ? OFFSET ?"
        params += [limit, offset]
        return [dict(r) for r in self.conn.execute(sql, params)]

    def list_rejected(self, limit: int = 100) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM rejected ORDER BY id LIMIT ?", (limit,))]

    def summary(self) -> dict[str, int]:
        """Row counts a user wants after a run."""
        out = {}
        for table in ("articles", "events", "quotes", "counts", "entities", "rejected"):
            out[table] = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return out

    # -- browsing, review and incidents (the web UI and the REST API) --------------------------------
    # Reviewers' decisions live apart from the extracted rows (``save`` never touches them) and are
    # joined in on every read by article id and trigger offsets, so they survive re-processing.

    def _columns(self, table: str) -> set[str]:
        """The column names of ``table`` (without PostgreSQL's hidden ones)."""
        if self.dialect == "postgresql":
            return {row[0] for row in self.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = ?", (table,))} - _HIDDEN_COLUMNS
        return {row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")}

    def _fts_filter(self, rowid: str, query: str) -> tuple[str, str]:
        """A condition that the article whose rowid is the SQL expression ``rowid`` matches the full-text
        ``query`` (FTS5 syntax; words FTS5 would misread, such as ``al-Qadhi``, are quoted by ``fts_query``), and
        its one parameter."""
        query = fts_query(query)
        if self.dialect == "postgresql":
            return (f"{rowid} IN (SELECT rowid FROM articles WHERE fts @@ to_tsquery('simple', ?))",
                    _fts5_to_tsquery(query))
        return f"{rowid} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", query

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT into a table with an ``id`` identity column; the new row's id."""
        if self.dialect == "postgresql":
            return self.conn.execute(sql + " RETURNING id", params).fetchone()[0]
        return self.conn.execute(sql, params).lastrowid

    def _effective_events_sql(self) -> str:
        """A CTE ``ev``: every event with decisions applied, its article, place coordinates and calendar date."""
        from .review import REVIEW_FIELDS

        casts = {"count_best": "CAST({} AS REAL)", "background": "CAST({} AS INTEGER)"}
        joins, columns = [], []
        key = "{r}.article_id = e.article_id AND {r}.trigger_start = e.trigger_start AND {r}.trigger_end = e.trigger_end"
        for field in REVIEW_FIELDS:
            alias = f"r_{field}"
            joins.append(f"LEFT JOIN review_state {alias} ON {key.format(r=alias)} AND {alias}.field = '{field}'")
            new = casts.get(field, "{}").format(f"{alias}.value")
            # A decision's value (a correction, or a confirmation of one) replaces the extracted value; a
            # rejection blanks it; a confirmation of the extracted value leaves it.
            columns.append(f"CASE WHEN {alias}.value IS NOT NULL THEN {new} WHEN {alias}.action = 'reject' THEN NULL"
                           f" ELSE e.{field} END AS {field}")
        joins.append(f"LEFT JOIN review_state r_event ON {key.format(r='r_event')} AND r_event.field = ''")
        other = (f"SELECT 1 FROM review_state x WHERE {key.format(r='x')} AND x.field <> ''"
                 " AND substr(x.field, 1, 1) <> '_'")  # ``_lat`` …: derived from a decision, not one
        status = (f"CASE WHEN r_event.action = 'reject' THEN 'rejected'"
                  f" WHEN EXISTS ({other} AND (x.action = 'reject' OR x.value IS NOT NULL)) THEN 'corrected'"
                  f" WHEN r_event.action = 'confirm' OR EXISTS ({other}) THEN 'confirmed'"
                  f" ELSE 'unreviewed' END AS review_status")
        place_columns, event_columns = self._columns("places"), self._columns("events")
        # A corrected place is where the reviewer's words were geocoded (``_relocate``); a rejected one nowhere.
        moved = "(r_place_text.action = 'reject' OR r_place_text.value IS NOT NULL)"
        geo = []
        for column in ("lat", "lon", "country", "country_code", "precision"):
            # An event's own location (if the pipeline stores one) wins over its place mention's.
            sources = [f'{t}."{column}"' for t, have in (("e", event_columns), ("p", place_columns)) if column in have]
            value = (sources[0] if len(sources) == 1 else f"coalesce({', '.join(sources)})") if sources else "NULL"
            alias = f"g_{column}"
            joins.append(f"LEFT JOIN review_state {alias} ON {key.format(r=alias)} AND {alias}.field = '_{column}'")
            relocated = f"CAST({alias}.value AS REAL)" if column in {"lat", "lon"} else f"{alias}.value"
            geo.append(f"CASE WHEN {moved} THEN {relocated} ELSE {value} END AS {column}")
        # For the place filter: the gazetteer's name and the article's own words for the place (hidden columns).
        for column, alias in (("name", "_place_name"), ("text", "_place_words")):
            value = f'p."{column}"' if column in place_columns else "NULL"
            geo.append(f"CASE WHEN {moved} THEN NULL ELSE {value} END AS {alias}")
        # The figure's range and what it counts (a corrected figure has no known range; a rejected one nothing).
        counted = "(r_count_best.action = 'reject' OR r_count_best.value IS NOT NULL)"
        geo += [f'CASE WHEN {counted} THEN NULL ELSE c."min" END AS count_min',
                f'CASE WHEN {counted} THEN NULL ELSE c."max" END AS count_max',
                "CASE WHEN r_count_best.action = 'reject' THEN NULL ELSE c.what END AS count_what"]
        # For the actor and claimant filters: the names of the linked entities, unless a reviewer changed the words.
        for role in ("agent", "target", "claimed_by"):
            geo.append(f"CASE WHEN r_{role}_text.action = 'reject' OR r_{role}_text.value IS NOT NULL THEN NULL"
                       f" ELSE n_{role}.name END AS _{role}_name")
            joins.append(f"LEFT JOIN entities n_{role} ON n_{role}.article_id = e.article_id AND n_{role}.id = e.{role}")
        joins.append("LEFT JOIN counts c ON c.article_id = e.article_id AND c.id = e.count")
        # The CAMEO/ACLED codes follow a corrected (or blanked) type, mode, agent or target (``query_events``).
        recode = " OR ".join(f"r_{f}.action = 'reject' OR r_{f}.value IS NOT NULL"
                             for f in ("type", "mode", "agent_text", "target_text"))
        geo.append(f"CASE WHEN {recode} THEN 1 ELSE 0 END AS _recode")
        tv = "time_value"
        year = "[0-9][0-9][0-9][0-9]"
        calendar = f"{tv} GLOB '{year}*'"
        # An event with no calendar time of its own is dated by its article: the publication date as given, else
        # the one inferred from the text (``date_source`` says which; a background event gets neither).
        inferred = ("json_extract(a.published_inferred, '$.value')" if self.dialect == "sqlite"
                    else "(CAST(a.published_inferred AS json) ->> 'value')")
        geo.append(f"CASE WHEN a.published IS NOT NULL THEN NULL"
                   f" WHEN {inferred} GLOB '{year}-[0-9][0-9]-[0-9][0-9]*' THEN substr({inferred}, 1, 10)"
                   f" WHEN {inferred} GLOB '{year}-[0-9][0-9]*' THEN substr({inferred}, 1, 7)"
                   f" WHEN {inferred} GLOB '{year}*' THEN substr({inferred}, 1, 4) END AS _inferred_date")
        date = (f"CASE WHEN {tv} GLOB '{year}-[0-9][0-9]-[0-9][0-9]*' THEN substr({tv}, 1, 10)"
                f" WHEN {tv} GLOB '{year}-[0-9][0-9]*' THEN substr({tv}, 1, 7)"
                f" WHEN {calendar} THEN substr({tv}, 1, 4)"
                f" WHEN coalesce(background, 0) = 0 THEN coalesce(article_published, _inferred_date) END")
        handled = {"article_id", "id", "trigger", "trigger_start", "trigger_end", "lat", "lon", "country",
                   "country_code", "precision", "count_min", "count_max", "count_what", *REVIEW_FIELDS}
        extra = "".join(f'e."{c}", ' for c in sorted(event_columns - handled))  # columns added by later migrations
        return (
            "WITH base AS (SELECT e.article_id, e.id, e.trigger, e.trigger_start, e.trigger_end, "
            + ", ".join(columns) + ", " + extra + "a.title AS article_title, a.published AS article_published,"
            " a.url AS article_url, "
            "a.rowid AS _article_rowid, e.rowid AS _rowid, " + status + ", " + ", ".join(geo)
            + " FROM events e JOIN articles a ON a.id = e.article_id"
            " LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place " + " ".join(joins) + "),"
            f" dated AS (SELECT base.*, {date} AS date, CASE WHEN {calendar} THEN 'event time'"
            f" WHEN time_value IS NULL OR NOT {calendar} THEN CASE WHEN coalesce(background, 0) = 0"
            f" AND article_published IS NOT NULL THEN 'publication date' WHEN coalesce(background, 0) = 0"
            f" AND _inferred_date IS NOT NULL THEN 'inferred publication date' END END AS date_source FROM base),"
            " ev AS (SELECT dated.*,"
            " CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END AS date_start,"
            " CASE length(date) WHEN 4 THEN date || '-12-31' WHEN 7 THEN date || '-31' ELSE date END AS date_end"
            " FROM dated)")

    def _folded(self, expr: str) -> str:
        """SQL for ``fold(expr)``: a Python function on SQLite; on PostgreSQL ``translate`` of the accented
        Latin letters, then ``lower`` (other scripts keep their case there)."""
        if self.dialect == "postgresql":
            return f"lower(translate({expr}, '{_FOLD_FROM}', '{_FOLD_TO}'))"
        return f"nl_fold({expr})"

    def _matches(self, columns: Sequence[str], value: str) -> tuple[str, list[Any]]:
        """A condition that any of ``columns`` contains ``value``, ignoring accents and case, and its parameters."""
        like = self._like(fold(value) or "")
        return ("(" + " OR ".join(f"{self._folded(c)} LIKE ? ESCAPE '\\'" for c in columns) + ")",
                [like] * len(columns))

    def _words(self, expr: str) -> str:
        """SQL for ``words(expr)`` (see ``words``; on PostgreSQL folded as by ``_folded``)."""
        if self.dialect == "postgresql":
            separators = _WORD_SEPARATORS.replace("'", "''")
            return (f"' ' || trim(regexp_replace(translate({self._folded(expr)}, '{separators}', "
                    f"'{' ' * len(_WORD_SEPARATORS)}'), ' +', ' ', 'g')) || ' '")
        return f"nl_words({expr})"

    def _matches_words(self, columns: Sequence[str], value: str) -> tuple[str, list[Any]]:
        """A condition that any of ``columns`` holds the words of ``value`` in a row, as whole words, ignoring
        accents, case and punctuation ("UN" finds "the UN", not "Community"; "al-Qadhi" finds "Al Qādhi"), and
        its parameters."""
        wanted = (words(value) or "").strip()
        if not wanted:  # only punctuation: nothing has those words
            return "(1 = 0)", []
        like = self._like(" " + wanted + " ")
        return ("(" + " OR ".join(f"{self._words(c)} LIKE ? ESCAPE '\\'" for c in columns) + ")",
                [like] * len(columns))

    @staticmethod
    def _like(text: str) -> str:
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    def _event_where(self, types: list[str] | None = None, modalities: list[str] | None = None,
                     article_id: str | None = None, event_id: str | None = None, actor: str | None = None,
                     claimant: str | None = None, place: str | None = None,
                     bbox: tuple[float, float, float, float] | None = None, since: str | None = None,
                     until: str | None = None, q: str | None = None, background: bool | None = None,
                     reviewed: str = "any", include_rejected: bool = False,
                     located: bool | None = None) -> tuple[str, list[Any]]:
        """The WHERE clause over ``ev`` for the event filters (dates already as YYYY-MM-DD bounds)."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, values in (("type", types), ("modality", modalities)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params += list(values)
        for column, value in (("article_id", article_id), ("id", event_id)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        # Words people type match the stored words, whatever the accents and case ("Tikrit" finds "Tikrīt"),
        # and the linked entity's or gazetteer's name as well as the article's words.
        # Whole words only: "UN" is not the "un" of "Community", "IQ" not the "iq" of "Miquelon".
        for value, columns, is_place in (
                (actor, ("agent_text", "target_text", "_agent_name", "_target_name"), False),
                (claimant, ("claimed_by_text", "_claimed_by_name"), False),
                (place, ("place_text", "_place_name", "_place_words", "country"), True)):
            if value:
                clause, values = self._matches_words(columns, value)
                if is_place:  # a place is also its country's code: place=IQ is Iraq
                    clause = f"({clause} OR upper(country_code) = ?)"
                    values = [*values, value.strip().upper()]
                clauses.append(clause)
                params += values
        if bbox:
            west, south, east, north = bbox
            clauses.append("lat BETWEEN ? AND ?")
            params += [south, north]
            # A box across the antimeridian has west > east.
            clauses.append("lon BETWEEN ? AND ?" if west <= east else "(lon >= ? OR lon <= ?)")
            params += [west, east]
        if since:
            clauses.append("date_end >= ?")
            params.append(since)
        if until:
            clauses.append("date_start <= ?")
            params.append(until)
        if q:
            match, term = self._fts_filter("_article_rowid", q)
            clauses.append(match)
            params.append(term)
        if background is not None:
            clauses.append("background = ?")
            params.append(int(background))
        if located is not None:
            clauses.append("lat IS NOT NULL AND lon IS NOT NULL" if located else "(lat IS NULL OR lon IS NULL)")
        if reviewed == "only":
            clauses.append("review_status IN ('confirmed', 'corrected')")
        elif reviewed == "unreviewed":
            clauses.append("review_status = 'unreviewed'")
        if not include_rejected:
            clauses.append("review_status <> 'rejected'")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    EVENT_SORTS = {
        "-date": "date IS NULL, date_start DESC, date_end DESC",
        "date": "date IS NULL, date_start, date_end",
        "type": "type IS NULL, type",
        "modality": "modality",
        "-count": "count_best IS NULL, count_best DESC",
        "count": "count_best IS NULL, count_best",
        "-published": "article_published IS NULL, article_published DESC",
        "published": "article_published IS NULL, article_published",
        "place": "place_text IS NULL, place_text",
    }

    def query_events(self, *, limit: int | None = 100, offset: int = 0, sort: str = "-date",
                     with_evidence: bool = False, **filters: Any) -> tuple[list[dict[str, Any]], int]:
        """Events (decisions applied) matching ``filters`` (see ``_event_where``), in a stable order, and the total."""
        where, params = self._event_where(**filters)
        cte = self._effective_events_sql()
        total = self.conn.execute(f"{cte} SELECT COUNT(*) FROM ev{where}", params).fetchone()[0]
        order = self.EVENT_SORTS[sort] + ", article_id, trigger_start, trigger_end, id"
        sql = f"{cte} SELECT * FROM ev{where} ORDER BY {order}"
        page = list(params)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            page += [limit, offset]
        rows = []
        for row in self.conn.execute(sql, page):
            item = {k: row[k] for k in row.keys() if not k.startswith("_")}
            item["background"] = None if item["background"] is None else bool(item["background"])
            if row["_recode"] and "acled_sub_type" in item:
                # the codes follow a corrected type, mode, agent or target ("Iraqi security forces" retook it);
                # an event whose type a reviewer rejected has none
                codes = event_codes(item["type"], item.get("mode"), item.get("agent_text"),
                                    item.get("target_text")) if item.get("type") else None
                item.update(cameo=codes and codes.cameo, acled_event_type=codes and codes.acled_type,
                            acled_sub_type=codes and codes.acled_sub_type)
            rows.append(item)
        if with_evidence and rows:
            self._attach_evidence(rows)
        return rows, total

    def _attach_evidence(self, rows: list[dict[str, Any]]) -> None:
        wanted = {(r["article_id"], r["id"]) for r in rows}
        article_ids = sorted({r["article_id"] for r in rows})
        spans: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for chunk in range(0, len(article_ids), 500):
            ids = article_ids[chunk:chunk + 500]
            for s in self.conn.execute(
                    'SELECT ev.article_id, ev.event_id, ev.start, ev."end", substr(a.text, ev.start + 1,'
                    ' ev."end" - ev.start) AS text FROM evidence ev JOIN articles a ON a.id = ev.article_id'
                    f" WHERE ev.article_id IN ({', '.join('?' for _ in ids)}) ORDER BY ev.rowid", ids):
                if (s[0], s[1]) in wanted:
                    spans.setdefault((s[0], s[1]), []).append({"start": s[2], "end": s[3], "text": s[4]})
        for row in rows:
            row["evidence"] = spans.get((row["article_id"], row["id"]), [])

    def event_facets(self, top: int = 25, **filters: Any) -> dict[str, list[dict[str, Any]]]:
        """Counts of the filtered events by type, modality, review status, place, year and country."""
        where, params = self._event_where(**filters)
        cte = self._effective_events_sql()
        out: dict[str, list[dict[str, Any]]] = {}
        for name, expr in (("type", "type"), ("modality", "modality"), ("review_status", "review_status"),
                           ("place", "place_text"), ("year", "substr(date, 1, 4)"), ("country", "country")):
            rows = self.conn.execute(
                f"{cte} SELECT {expr} AS value, COUNT(*) AS n FROM ev{where} GROUP BY value"
                f" HAVING {expr} IS NOT NULL ORDER BY n DESC, value LIMIT ?", [*params, top]).fetchall()
            out[name] = [{"value": r[0], "count": r[1]} for r in rows]
        return out

    def event_timeline(self, interval: str = "year", **filters: Any) -> list[dict[str, Any]]:
        """Filtered events per year (or month; events dated only to a year stay in a year bucket), oldest first."""
        where, params = self._event_where(**filters)
        width = 4 if interval == "year" else 7
        cte = self._effective_events_sql()
        where = where + (" AND " if where else " WHERE ") + "date IS NOT NULL"
        rows = self.conn.execute(
            f"{cte} SELECT substr(date, 1, {width}) AS period, COUNT(*) AS n, SUM(count_best) AS total"
            f" FROM ev{where} GROUP BY period ORDER BY period", params).fetchall()
        return [{"period": r[0], "count": r[1], "count_best_sum": r[2]} for r in rows]

    def count_articles(self, query: str | None = None) -> int:
        """How many articles ``list_articles`` would page through."""
        if query:
            match, term = self._fts_filter("rowid", query)
            return self.conn.execute(f"SELECT COUNT(*) FROM articles WHERE {match}", (term,)).fetchone()[0]
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def list_entities(self, *, q: str | None = None, type: str | None = None, limit: int = 100,
                      offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Entities grouped by name and type across articles, most widely reported first."""
        where, params = " WHERE 1=1", []
        if q:
            where += " AND e.name LIKE ? ESCAPE '\\'"
            params.append(self._like(q))
        if type:
            where += " AND e.type = ?"
            params.append(type)
        grouped = ("SELECT e.name, e.type, COUNT(*) AS articles, SUM((SELECT COUNT(*) FROM mentions m"
                   " WHERE m.article_id = e.article_id AND m.entity_id = e.id)) AS mentions FROM entities e"
                   f"{where} GROUP BY e.name, e.type")
        total = self.conn.execute(f"SELECT COUNT(*) FROM ({grouped}) AS grouped", params).fetchone()[0]
        rows = self.conn.execute(f"{grouped} ORDER BY articles DESC, mentions DESC, e.name, e.type LIMIT ? OFFSET ?",
                                 [*params, limit, offset])
        return [dict(r) for r in rows], total

    def list_quotes(self, *, q: str | None = None, speaker: str | None = None, kind: str | None = None,
                    article_id: str | None = None, limit: int = 100,
                    offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Quotes with their speaker's name and article, newest article first."""
        where, params = " WHERE 1=1", []
        if q:
            where += " AND q.text LIKE ? ESCAPE '\\'"
            params.append(self._like(q))
        if speaker:
            where += " AND coalesce(en.name, q.speaker_text) LIKE ? ESCAPE '\\'"
            params.append(self._like(speaker))
        for column, value in (("q.kind", kind), ("q.article_id", article_id)):
            if value:
                where += f" AND {column} = ?"
                params.append(value)
        base = ("FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities en"
                f" ON en.article_id = q.article_id AND en.id = q.speaker{where}")
        total = self.conn.execute(f"SELECT COUNT(*) {base}", params).fetchone()[0]
        rows = self.conn.execute(
            'SELECT q.article_id, q.id, q.text, q.kind, q.start, q."end", q.cue, q.speaker,'
            " coalesce(en.name, q.speaker_text) AS speaker_name, a.title AS article_title,"
            f" a.published AS article_published {base}"
            " ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return [dict(r) for r in rows], total

    def list_places(self, *, q: str | None = None, limit: int = 100,
                    offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Place names across articles with mention counts and, once geocoded, coordinates."""
        available = self._columns("places")
        geo = [c for c in ("lat", "lon", "country", "precision") if c in available]
        where, params = "", list[Any]()
        if q:  # the gazetteer's name or the article's words, whatever the accents and case ("Basra": "Al Başrah")
            clause, params = self._matches(["p.name"] + (["p.text"] if "text" in available else []), q)
            where = f" WHERE {clause}"
        keys = ", ".join(["p.name", "p.type"] + [f'p."{c}"' for c in geo])
        grouped = (f"SELECT {keys}, COUNT(DISTINCT p.article_id || ':' || p.id) AS mentions,"
                   " COUNT(DISTINCT p.article_id) AS articles, COUNT(e.id) AS events FROM places p"
                   f" LEFT JOIN events e ON e.article_id = p.article_id AND e.place = p.id{where} GROUP BY {keys}")
        total = self.conn.execute(f"SELECT COUNT(*) FROM ({grouped}) AS grouped", params).fetchone()[0]
        rows = [dict(r) for r in self.conn.execute(
            f"{grouped} ORDER BY mentions DESC, p.name, p.type LIMIT ? OFFSET ?", [*params, limit, offset])]
        for row in rows:
            for column in ("lat", "lon", "country", "precision"):
                row.setdefault(column, None)
        return rows, total

    # -- review ---------------------------------------------------------------------------------------
    def add_reviewer(self, name: str, token_hash: str) -> None:
        """Register a reviewer (or give an existing one a new token)."""
        with self.conn:
            self.conn.execute("INSERT INTO reviewers (name, token_hash, created_at) VALUES (?,?,?)"
                              " ON CONFLICT(name) DO UPDATE SET token_hash = excluded.token_hash",
                              (name, token_hash, _now()))

    def reviewer_by_token(self, token_hash: str) -> str | None:
        row = self.conn.execute("SELECT name FROM reviewers WHERE token_hash = ?", (token_hash,)).fetchone()
        return row[0] if row else None

    def list_reviewers(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM reviewers ORDER BY name")]

    def start_session(self, reviewer: str, session_hash: str, hours: int = 12) -> None:
        """Record a login; the caller keeps the session secret, the database only its hash."""
        from datetime import timedelta

        now = datetime.now(timezone.utc)
        with self.conn:
            self.conn.execute("DELETE FROM review_sessions WHERE expires_at < ?", (now.isoformat(),))
            self.conn.execute(
                "INSERT INTO review_sessions (id_hash, reviewer_id, created_at, expires_at)"
                " SELECT ?, id, ?, ? FROM reviewers WHERE name = ?",
                (session_hash, now.isoformat(timespec="seconds"), (now + timedelta(hours=hours)).isoformat(),
                 reviewer))

    def session_reviewer(self, session_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT r.name FROM review_sessions s JOIN reviewers r ON r.id = s.reviewer_id"
            " WHERE s.id_hash = ? AND s.expires_at > ?", (session_hash, datetime.now(timezone.utc).isoformat())
        ).fetchone()
        return row[0] if row else None

    def end_session(self, session_hash: str) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM review_sessions WHERE id_hash = ?", (session_hash,))

    def get_event(self, article_id: str, event_id: str, *, include_rejected: bool = True) -> dict[str, Any]:
        """One event with decisions applied, its evidence, original values and current decisions."""
        from .review import EventNotFound

        rows, _ = self.query_events(limit=1, article_id=article_id, event_id=event_id,
                                    include_rejected=include_rejected, with_evidence=True)
        if not rows:
            raise EventNotFound(f"no stored event {event_id!r} in article {article_id!r}; the events table "
                                f"(/api/events) lists them")
        event = rows[0]
        original = self.conn.execute("SELECT * FROM events WHERE article_id = ? AND id = ?",
                                     (article_id, event_id)).fetchone()
        event["original"] = {k: original[k] for k in original.keys() if k != "article_id"}
        event["original"]["background"] = bool(event["original"]["background"])
        event["decisions"] = [dict(r) for r in self.conn.execute(
            "SELECT field, action, value, reviewer, updated_at FROM review_state WHERE article_id = ?"
            " AND trigger_start = ? AND trigger_end = ? AND substr(field, 1, 1) <> '_' ORDER BY field",
            (article_id, event["trigger_start"], event["trigger_end"]))]
        return event

    def add_review(self, article_id: str, event_id: str, field: str | None, action: str, value: str | None,
                   reviewer: str, note: str | None = None) -> dict[str, Any]:
        """Store one decision (already checked by ``review.check_review``) and its audit row; the new state."""
        event = self.get_event(article_id, event_id)
        state_field = field or ""
        old = event["review_status"] if not state_field else event[state_field]
        new: Any = action if not state_field else (value if action == "correct" else
                                                    None if action == "reject" else old)
        state_action, state_value = action, (value if action == "correct" else None)
        if state_field and action == "confirm":
            # Confirming keeps the current value: after a correction, the corrected value (kept with the confirm,
            # so the field still reads as corrected); after a rejection, the blank (the field stays rejected).
            prior = self.conn.execute(
                "SELECT action, value FROM review_state WHERE article_id = ? AND trigger_start = ? AND trigger_end = ?"
                " AND field = ?", (article_id, event["trigger_start"], event["trigger_end"], state_field)).fetchone()
            if prior is not None and prior[0] == "reject":
                state_action = "reject"
            elif prior is not None and prior[1] is not None:
                state_value = prior[1]
        with self.conn:
            review_id = self._insert_id(
                "INSERT INTO reviews (created_at, reviewer, target, article_id, event_id, trigger_start,"
                " trigger_end, field, action, old_value, new_value, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (_now(), reviewer, "event", article_id, event_id, event["trigger_start"], event["trigger_end"],
                 state_field or None, action, None if old is None else str(old),
                 None if new is None else str(new), note))
            self.conn.execute(
                "INSERT OR REPLACE INTO review_state (article_id, trigger_start, trigger_end, field, event_id,"
                " action, value, reviewer, updated_at, review_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (article_id, event["trigger_start"], event["trigger_end"], state_field, event_id, state_action,
                 state_value, reviewer, _now(), review_id))
            if state_field == "place_text" and action != "confirm":  # a confirmed place stays where it is
                self._relocate(article_id, event, event_id, value if action == "correct" else None, reviewer,
                               review_id)
        return self.get_event(article_id, event_id)

    def _relocate(self, article_id: str, event: dict[str, Any], event_id: str, place: str | None, reviewer: str,
                  review_id: int) -> None:
        """Geocode a reviewer's corrected place in its article's context, so the event stays on the map.

        The location is kept as derived review rows (fields ``_lat``, ``_lon`` … , never shown as decisions);
        a rejected place, or a name the gazetteer does not know, has none.
        """
        from .geo.events import PlaceMention, geocode_name

        key = (article_id, event["trigger_start"], event["trigger_end"])
        self.conn.execute("DELETE FROM review_state WHERE article_id = ? AND trigger_start = ? AND trigger_end = ?"
                          " AND field IN ('_lat', '_lon', '_country', '_country_code', '_precision')", key)
        if not place:
            return
        article = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        places = [PlaceMention(r[0], r[1], r[2]) for r in self.conn.execute(
            'SELECT start, "end", type FROM places WHERE article_id = ?', (article_id,))]
        hit = geocode_name(place, article[0], places) if article else None
        if hit is None:
            return
        for field, value in (("_lat", hit.lat), ("_lon", hit.lon), ("_country", hit.country),
                             ("_country_code", hit.country_code), ("_precision", hit.precision)):
            if value is not None:
                self.conn.execute(
                    "INSERT INTO review_state (article_id, trigger_start, trigger_end, field, event_id, action, value,"
                    " reviewer, updated_at, review_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (*key, field, event_id, "correct", str(value), reviewer, _now(), review_id))

    def list_reviews(self, *, article_id: str | None = None, event_id: str | None = None,
                     incident_id: str | None = None, limit: int = 100,
                     offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """The audit log, newest first."""
        where, params = " WHERE 1=1", []
        for column, value in (("article_id", article_id), ("event_id", event_id), ("incident_id", incident_id)):
            if value:
                where += f" AND {column} = ?"
                params.append(value)
        total = self.conn.execute(f"SELECT COUNT(*) FROM reviews{where}", params).fetchone()[0]
        rows = self.conn.execute(f"SELECT * FROM reviews{where} ORDER BY id DESC LIMIT ? OFFSET ?",
                                 [*params, limit, offset])
        return [dict(r) for r in rows], total

    # -- incidents ------------------------------------------------------------------------------------
    def _has_incidents(self) -> bool:
        return self._table_exists("incidents") and self._table_exists("incident_members")

    def list_incidents(self, *, type: str | None = None, since: str | None = None, until: str | None = None,
                       place: str | None = None, limit: int = 100,
                       offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Cross-article incidents (empty until the incident stage has run), newest first."""
        if not self._has_incidents():
            return [], 0
        where, params = " WHERE 1=1", []
        if type:
            where += " AND i.type = ?"
            params.append(type)
        if since:
            where += " AND coalesce(i.time_end, i.time_start) >= ?"
            params.append(since)
        if until:
            where += " AND i.time_start <= ?"
            params.append(until)
        if place:  # accents and case ignored, as for events
            clause, values = self._matches_words(["i.place_text"], place)
            where += f" AND {clause}"
            params += values
        total = self.conn.execute(f"SELECT COUNT(*) FROM incidents i{where}", params).fetchone()[0]
        rows = self.conn.execute(
            "SELECT i.*, (SELECT COUNT(*) FROM incident_members m WHERE m.incident_id = i.id) AS events,"
            " (SELECT COUNT(DISTINCT m.article_id) FROM incident_members m WHERE m.incident_id = i.id) AS articles"
            f" FROM incidents i{where} ORDER BY i.time_start IS NULL, i.time_start DESC, i.id LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return [_incident_row(r) for r in rows], total

    def get_incident(self, incident_id: str) -> dict[str, Any]:
        """One incident with every source: the article, the event, its figure and who claims it, and why."""
        from .review import IncidentNotFound

        row = self.conn.execute(
            "SELECT i.*, (SELECT COUNT(*) FROM incident_members m WHERE m.incident_id = i.id) AS events,"
            " (SELECT COUNT(DISTINCT m.article_id) FROM incident_members m WHERE m.incident_id = i.id) AS articles"
            " FROM incidents i WHERE i.id = ?", (incident_id,)).fetchone() if self._has_incidents() else None
        if row is None:
            raise IncidentNotFound(f"no stored incident has id {incident_id!r}; /api/incidents lists them")
        incident = _incident_row(row)
        members = []
        for m in self.conn.execute("SELECT * FROM incident_members WHERE incident_id = ? ORDER BY score DESC,"
                                   " article_id, event_id", (incident_id,)):
            member = {"article_id": m["article_id"], "event_id": m["event_id"], "score": m["score"],
                      "reasons": json.loads(m["reasons_json"]) if m["reasons_json"] else []}
            events, _ = self.query_events(limit=1, article_id=m["article_id"], event_id=m["event_id"],
                                          include_rejected=True, with_evidence=True)
            member["event"] = events[0] if events else None
            count = None
            if events and events[0]["count"]:
                c = self.conn.execute("SELECT * FROM counts WHERE article_id = ? AND id = ?",
                                      (m["article_id"], events[0]["count"])).fetchone()
                count = dict(c) if c else None
                if count:
                    count.pop("article_id", None)
            member["count"] = count
            members.append(member)
        incident["members"] = members
        return incident

    def _incident_figures(self, incident_id: str) -> None:
        """Recompute an incident's range from its members' figures after a hand split or merge."""
        figures = [r[0] for r in self.conn.execute(
            "SELECT e.count_best FROM incident_members m JOIN events e ON e.article_id = m.article_id"
            " AND e.id = m.event_id WHERE m.incident_id = ? AND e.count_best IS NOT NULL", (incident_id,))]
        if figures:
            figures.sort()
            self.conn.execute("UPDATE incidents SET count_min = ?, count_best = ?, count_max = ? WHERE id = ?",
                              (figures[0], figures[len(figures) // 2], figures[-1], incident_id))

    def _incident_reason(self, incident_id: str, reason: str) -> None:
        row = self.conn.execute("SELECT reasons_json FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        reasons = json.loads(row[0]) if row and row[0] else []
        reasons.append(reason)
        self.conn.execute("UPDATE incidents SET reasons_json = ? WHERE id = ?", (json.dumps(reasons), incident_id))

    def _member_keys(self, incident_id: str) -> list[str]:
        return [f"{r[0]}:{r[1]}" for r in self.conn.execute(
            "SELECT article_id, event_id FROM incident_members WHERE incident_id = ? ORDER BY article_id, event_id",
            (incident_id,))]

    def merge_incidents(self, incident_id: str, other_id: str, reviewer: str, note: str | None = None) -> dict:
        """Move every member of ``other_id`` into ``incident_id``, logged and kept as a correction."""
        from .review import BadReview

        if incident_id == other_id:
            raise BadReview("an incident cannot be merged with itself; give another incident id")
        self.get_incident(incident_id), self.get_incident(other_id)  # both must exist
        a, b = self._member_keys(incident_id), self._member_keys(other_id)
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO incident_members (incident_id, article_id, event_id, score,"
                              " reasons_json) SELECT ?, article_id, event_id, score, reasons_json"
                              " FROM incident_members WHERE incident_id = ?", (incident_id, other_id))
            self.conn.execute("DELETE FROM incidents WHERE id = ?", (other_id,))
            self.conn.execute("DELETE FROM incident_members WHERE incident_id = ?", (other_id,))
            self._incident_reason(incident_id, f"merged with incident {other_id} by reviewer {reviewer}"
                                  + (f": {note}" if note else ""))
            self._incident_figures(incident_id)
            if a and b:
                self.conn.execute("INSERT INTO incident_corrections (action, a, b, note, reviewer, created_at)"
                                  " VALUES ('merge', ?, ?, ?, ?, ?)", (a[0], b[0], note, reviewer, _now()))
            self.conn.execute(
                "INSERT INTO reviews (created_at, reviewer, target, incident_id, action, old_value, new_value, note)"
                " VALUES (?, ?, 'incident', ?, 'merge', ?, ?, ?)",
                (_now(), reviewer, incident_id, json.dumps({incident_id: a, other_id: b}),
                 json.dumps({incident_id: a + b}), note))
        return self.get_incident(incident_id)

    def split_incident(self, incident_id: str, members: list[str], reviewer: str,
                       note: str | None = None) -> dict:
        """Move ``members`` (``article_id:V3`` keys) into a new incident; returns the new one."""
        from .review import BadReview

        incident = self.get_incident(incident_id)
        current = self._member_keys(incident_id)
        moving = sorted(set(members))
        unknown = [m for m in moving if m not in current]
        if unknown:
            raise BadReview(f"{', '.join(unknown)} not in incident {incident_id}; its members: {', '.join(current)}")
        if not moving or len(moving) == len(current):
            raise BadReview("a split moves some members, not none or all; tick the events that form another "
                            "incident")
        n = 1
        while self.conn.execute("SELECT 1 FROM incidents WHERE id = ?", (f"{incident_id}.{n}",)).fetchone():
            n += 1
        new_id = f"{incident_id}.{n}"
        staying = [m for m in current if m not in moving]
        with self.conn:
            self.conn.execute(
                "INSERT INTO incidents (id, type, time_start, time_end, place_text, lat, lon, reasons_json)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (new_id, incident["type"], incident["time_start"], incident["time_end"], incident["place_text"],
                 incident["lat"], incident["lon"],
                 json.dumps([f"split from incident {incident_id} by reviewer {reviewer}"
                             + (f": {note}" if note else "")])))
            for key in moving:
                article_id, _, event_id = key.partition(":")
                self.conn.execute("UPDATE incident_members SET incident_id = ? WHERE incident_id = ? AND"
                                  " article_id = ? AND event_id = ?", (new_id, incident_id, article_id, event_id))
                self.conn.execute("INSERT INTO incident_corrections (action, a, b, note, reviewer, created_at)"
                                  " VALUES ('split', ?, ?, ?, ?, ?)", (key, staying[0], note, reviewer, _now()))
            self._incident_reason(incident_id, f"split: {', '.join(moving)} moved to incident {new_id} by "
                                  f"reviewer {reviewer}" + (f": {note}" if note else ""))
            for target in (incident_id, new_id):
                self.conn.execute("UPDATE incidents SET count_min = NULL, count_best = NULL, count_max = NULL"
                                  " WHERE id = ?", (target,))
                self._incident_figures(target)
            self.conn.execute(
                "INSERT INTO reviews (created_at, reviewer, target, incident_id, action, old_value, new_value, note)"
                " VALUES (?, ?, 'incident', ?, 'split', ?, ?, ?)",
                (_now(), reviewer, incident_id, json.dumps({incident_id: current}),
                 json.dumps({incident_id: staying, new_id: moving}), note))
        return self.get_incident(new_id)

    def incidents_of_event(self, article_id: str, event_id: str) -> list[str]:
        if not self._has_incidents():
            return []
        return [r[0] for r in self.conn.execute(
            "SELECT incident_id FROM incident_members WHERE article_id = ? AND event_id = ? ORDER BY incident_id",
            (article_id, event_id))]

    # -- incident stage (cross-article clustering) -------------------------
    def incident_corrections(self) -> list[tuple[str, str, str]]:
        """Hand corrections (action, a, b) in the order reviewers made them, to replay on every re-clustering."""
        if not self._has_incidents():
            return []
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT action, a, b FROM incident_corrections ORDER BY id")]

    def save_clustering(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Replace every incident with a fresh clustering (``incidents.clustering_rows``), in one transaction.

        Hand corrections live in ``incident_corrections`` and are not touched:
        the clustering that produced ``rows`` has already applied them.
        """
        columns = ("id", "type", "mode", "time_start", "time_end", "place_text", "agent", "title", "count_min",
                   "count_best", "count_max", "background_only", "explanation")
        figure_columns = ("incident_id", "article_id", "event_id", "count_id", "text", "min", "best", "max", "kind",
                          "claimed_by", "credible", "note")
        with self.conn:
            for table in ("incident_figures", "incident_members", "incidents", "article_versions",
                          "cross_entity_members", "cross_entities"):
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.executemany(
                "INSERT INTO cross_entities (id, name, type, variants_json, explanation) VALUES (?, ?, ?, ?, ?)",
                [(e["id"], e.get("name"), e.get("type"), json.dumps(e.get("variants", []), ensure_ascii=False),
                  e.get("explanation")) for e in rows.get("cross_entities", [])])
            self.conn.executemany(
                "INSERT OR IGNORE INTO cross_entity_members (entity_id, article_id, member_entity_id)"
                " VALUES (?, ?, ?)",
                [(m["entity_id"], m["article_id"], m["member_entity_id"])
                 for m in rows.get("cross_entity_members", [])])
            self.conn.executemany(
                f"INSERT INTO incidents ({', '.join(columns)}, reasons_json)"
                f" VALUES ({', '.join('?' * (len(columns) + 1))})",
                [(*[row.get(c) for c in columns], json.dumps(row.get("reasons", []), ensure_ascii=False))
                 for row in rows["incidents"]])
            self.conn.executemany(
                "INSERT OR IGNORE INTO incident_members (incident_id, article_id, event_id, score, reasons_json)"
                " VALUES (?, ?, ?, ?, ?)",
                [(m["incident_id"], m["article_id"], m["event_id"], m.get("score"),
                  json.dumps(m.get("reasons", []), ensure_ascii=False)) for m in rows["members"]])
            quoted = ", ".join(f'"{c}"' for c in figure_columns)
            self.conn.executemany(
                f"INSERT INTO incident_figures ({quoted}) VALUES ({', '.join('?' * len(figure_columns))})",
                [tuple(f.get(c) for c in figure_columns) for f in rows["figures"]])
            self.conn.executemany("INSERT INTO article_versions (article_id, canonical_id) VALUES (?, ?)",
                                  [(v["article_id"], v["canonical_id"]) for v in rows["versions"]])
            # An incident is drawn where its first located member event placed at the incident's place is
            # (so the name and the point agree), else where its first located member event is.
            first_located = ("(SELECT p.{} FROM incident_members m JOIN events e ON e.article_id = m.article_id"
                             " AND e.id = m.event_id JOIN places p ON p.article_id = e.article_id AND p.id = e.place"
                             " WHERE m.incident_id = incidents.id AND p.lat IS NOT NULL{}"
                             " ORDER BY m.article_id, m.event_id LIMIT 1)")
            for condition in (" AND p.name = incidents.place_text", ""):
                self.conn.execute(f"UPDATE incidents SET lat = {first_located.format('lat', condition)},"
                                  f" lon = {first_located.format('lon', condition)} WHERE lat IS NULL")

    def incident_explanation(self, incident_id: str) -> str:
        """The stored explanation of one incident: what it is and why each member joined."""
        row = self.conn.execute("SELECT explanation FROM incidents WHERE id = ?", (incident_id,)).fetchone() \
            if self._has_incidents() else None
        if row is None:
            from .review import IncidentNotFound
            raise IncidentNotFound(f"no stored incident has id {incident_id!r}; /api/incidents and the Incidents "
                                   "page list them")
        return row[0] or ""

    def list_cross_entities(self, *, search: str | None = None, type: str | None = None, limit: int = 100,
                            offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Entities resolved across articles by ``newsledger cluster``, most widely named first.

        Args:
            search: a substring of the entity's name or of any of its spellings (case-insensitive).
            type: only entities of this spaCy label (``PERSON``, ``ORG``, ``GPE`` …).
            limit, offset: the page.

        Returns the rows (``id``, ``name``, ``type``, ``variants``, ``articles``,
        ``members``) and the total number matching.
        """
        where, params = " WHERE 1=1", []
        if search:
            where += " AND (c.name LIKE ? ESCAPE '\\' OR c.variants_json LIKE ? ESCAPE '\\')"
            params += [self._like(search), self._like(search)]
        if type:
            where += " AND c.type = ?"
            params.append(type)
        total = self.conn.execute(f"SELECT COUNT(*) FROM cross_entities c{where}", params).fetchone()[0]
        rows = self.conn.execute(
            "SELECT c.id, c.name, c.type, c.variants_json,"
            " (SELECT COUNT(DISTINCT m.article_id) FROM cross_entity_members m WHERE m.entity_id = c.id) AS articles,"
            " (SELECT COUNT(*) FROM cross_entity_members m WHERE m.entity_id = c.id) AS members"
            f" FROM cross_entities c{where} ORDER BY articles DESC, c.name, c.id LIMIT ? OFFSET ?",
            [*params, limit, offset])
        out = []
        for r in rows:
            row = dict(r)
            variants = row.pop("variants_json")
            row["variants"] = json.loads(variants) if variants else []
            out.append(row)
        return out, total

    def cross_entity_explanation(self, entity_id: str) -> str:
        """The stored explanation of one cross-article entity: its spellings, members and why each joined."""
        row = self.conn.execute("SELECT explanation FROM cross_entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise CrossEntityNotFound(f"no stored entity has id {entity_id!r}; `newsledger entities` lists them "
                                      "(run `newsledger cluster` first)")
        return row[0] or ""

    def correction_member(self, key: str) -> str:
        """The stored member a correction key names: an article id (a unique prefix is enough), ``ARTICLE:V3``
        (an event) or ``ARTICLE:E2`` (an entity), with the full article id; ``BadCorrection`` when nothing
        stored has that key."""
        given = key
        key = key.strip()
        article, sep, item = key.partition(":")
        if not article:
            raise BadCorrection(f"{given!r} names no article; give an article id, ARTICLE:V3 (an event) or "
                                "ARTICLE:E2 (an entity)")
        if sep and not re.fullmatch(r"[VE]\d+", item):
            raise BadCorrection(f"{given!r}: after the article id comes an event id (V3) or an entity id (E2), "
                                f"not {item!r}")
        try:
            article_id = self.load_article_id(article)
        except ArticleNotFound as exc:
            raise BadCorrection(f"{given!r}: {exc}") from None
        if not sep:
            return article_id
        table, what = ("events", "event") if item[0] == "V" else ("entities", "entity")
        if self.conn.execute(f"SELECT 1 FROM {table} WHERE article_id = ? AND id = ?",
                             (article_id, item)).fetchone() is None:
            raise BadCorrection(f"{given!r}: article {article_id} has no {what} {item}; `newsledger show "
                                f"{article_id}` lists its {table}")
        return f"{article_id}:{item}"

    def load_article_id(self, article_id: str) -> str:
        """The full id of a stored article given its id or a unique prefix; ``ArticleNotFound`` otherwise."""
        row = self.conn.execute("SELECT id FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            return row[0]
        # Compare with substr, not LIKE, so "%" and "_" are not wildcards.
        rows = self.conn.execute("SELECT id FROM articles WHERE substr(id, 1, length(?)) = ? LIMIT 2",
                                 (article_id, article_id)).fetchall() if article_id else []
        if len(rows) > 1:
            raise ArticleNotFound(f"id prefix {article_id!r} matches several articles; give more characters "
                                  f"(`newsledger list` shows the ids)")
        if not rows:
            raise ArticleNotFound(f"no stored article has id {article_id!r}; `newsledger list` shows the ids")
        return rows[0][0]

    def add_incident_correction(self, action: str, a: str, b: str, note: str | None = None,
                                reviewer: str = "cli") -> tuple[str, str]:
        """Record a hand merge or split of two members (article ids, ``article:V3`` event keys or ``article:E2``
        entity keys), after checking that both are stored and of one kind; returns the keys as recorded (with
        full article ids).  ``BadCorrection`` otherwise."""
        if action not in {"merge", "split"}:
            raise ValueError(f"action must be 'merge' or 'split', not {action!r}")
        a, b = self.correction_member(a), self.correction_member(b)
        kinds = [("an event" if ":V" in k else "an entity" if ":E" in k else "an article") for k in (a, b)]
        if kinds[0] != kinds[1]:
            raise BadCorrection(f"{a} is {kinds[0]} but {b} is {kinds[1]}; {action} two articles, two events "
                                f"(ARTICLE:V3) or two entities (ARTICLE:E2)")
        if a == b:
            raise BadCorrection(f"{a} and {b} are the same {kinds[0][kinds[0].index(' ') + 1:]}; give two "
                                "different ones")
        with self.conn:
            self.conn.execute("INSERT INTO incident_corrections (action, a, b, note, reviewer, created_at)"
                              " VALUES (?, ?, ?, ?, ?, ?)", (action, a, b, note, reviewer, _now()))
        return a, b

    def iter_results(self, *, without_rejected: bool = False) -> Iterator[ArticleResult]:
        """Every stored article result, one at a time (the incident stage reads them all).

        With ``without_rejected``, the results are the reviewed ledger: events a reviewer rejected are left out,
        as the exports leave them out, and corrected fields carry the reviewer's value (see ``_reviewed_event``).
        """
        rejected: set[tuple[str, int, int]] = set()
        decisions: dict[tuple[str, int, int], dict[str, tuple[str, str | None]]] = {}
        if without_rejected:
            for row in self.conn.execute(
                    "SELECT article_id, trigger_start, trigger_end, field, action, value FROM review_state"):
                key = (row[0], row[1], row[2])
                if row[3] == "":
                    if row[4] == "reject":
                        rejected.add(key)
                elif not row[3].startswith("_"):
                    decisions.setdefault(key, {})[row[3]] = (row[4], row[5])
        for article_id in list(self.article_ids()):
            result = self.load(article_id)
            if rejected or decisions:
                result = replace(result, events=[
                    _reviewed_event(e, decisions.get((article_id, e.trigger_start, e.trigger_end), {}))
                    for e in result.events if (article_id, e.trigger_start, e.trigger_end) not in rejected])
            yield result


# The entity, time, place or count an event links to no longer stands for a field the reviewer changed.
_LINK_OF_FIELD = {"agent_text": "agent", "target_text": "target", "claimed_by_text": "claimed_by",
                  "time_value": "time", "place_text": "place", "count_best": "count"}


def _reviewed_event(event: Event, decisions: dict[str, tuple[str, str | None]]) -> Event:
    """The event as the reviewed ledger has it: a corrected field takes the reviewer's value, a rejected one is
    blank, and the link behind a changed field (its entity, time, place or count) is dropped, so the incident
    stage reads what the reviewer said, as ``query_events`` and the exports do."""
    changes: dict[str, Any] = {}
    for field, (action, value) in decisions.items():
        if value is None and action != "reject":
            continue  # a confirmation of the extracted value
        if field == "count_best":
            changes[field] = float(value) if value is not None else None
        elif field == "background":
            changes[field] = value == "1"
        elif field in {"type", "mode", "modality"} and value is None:
            continue  # an event keeps a type, mode and modality; only a whole-event rejection removes it
        else:
            changes[field] = value
        if field in _LINK_OF_FIELD:
            changes[_LINK_OF_FIELD[field]] = None
    return replace(event, **changes) if changes else event


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value


def _incident_row(row: Any) -> dict[str, Any]:
    incident = dict(row)
    reasons = incident.pop("reasons_json", None)
    incident["reasons"] = json.loads(reasons) if reasons else []
    if incident.get("background_only") is not None:  # stored 0/1: JSON says false/true, as an event's background
        incident["background_only"] = bool(incident["background_only"])
    return incident


# -- event exports -------------------------------------------------------------------------------
# The columns of every event export — /api/events.csv, .geojson properties and `newsledger export` (CSV,
# Parquet, GeoJSON) — named as in the JSON contract (docs/schema.md, "Event exports").
EXPORT_COLUMNS = [
    "article_id", "id", "type", "mode", "modality", "background", "trigger", "agent_text", "target_text",
    "instrument_text", "place_text", "place_precision", "lat", "lon", "country", "country_code", "time_value", "time_range_start",
    "time_range_end", "date", "date_source", "count_best", "count_min", "count_max", "count_what", "injured_best",
    "claimed_by_text", "review_status", "article_title", "article_published", "article_url", "evidence",
]
# Numeric and boolean columns (kept as numbers in CSV, typed in Parquet); every other column is text.
NUMBER_COLUMNS = frozenset({"lat", "lon", "count_best", "count_min", "count_max", "injured_best"})
BOOLEAN_COLUMNS = frozenset({"background"})
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event (a ``Store.query_events`` row with evidence) as an export row: ``EXPORT_COLUMNS`` only, the
    evidence sentences joined by ' … '."""
    out = {k: row.get(k) for k in EXPORT_COLUMNS}
    out["evidence"] = " … ".join(s["text"] for s in row.get("evidence") or [])
    return out


# The most characters a spreadsheet cell holds (Excel, LibreOffice); Python's csv reader refuses a field over
# 131,072 by default.  Longer text cells are cut, and say so.
CSV_CELL_LIMIT = 32_767


def _truncated(text: str, limit: int = CSV_CELL_LIMIT) -> str:
    if len(text) <= limit:
        return text
    marker = ""
    for _ in range(2):  # the marker's length depends on the number it gives
        keep = limit - len(marker)
        marker = f" […truncated: {len(text) - keep:,} more characters]"
    return text[:limit - len(marker)] + marker


def _is_number(text: str) -> bool:
    """Whether a numeric column's text is a plain number ("-5", "1e3"), which a spreadsheet reads as one."""
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower().lstrip("+-") not in ("inf", "infinity", "nan")


def csv_cell(column: str, value: Any) -> Any:
    """A value as a CSV cell: text that a spreadsheet would run as a formula (it starts with = + - @, a tab or a
    carriage return) gets a leading single quote (OWASP), and so does text in a numeric column that is not a
    number; text longer than a spreadsheet cell holds (``CSV_CELL_LIMIT`` characters) is cut and ends with
    "[…truncated: N more characters]"; numbers, and numbers as text ("-5"), stay numbers."""
    if isinstance(value, str) and (column not in NUMBER_COLUMNS or not _is_number(value)):
        if value.startswith(_FORMULA_START):
            value = "'" + value
        return _truncated(value)
    return value


def write_events_csv(out: Any, rows: Any) -> int:
    """Write events (``Store.query_events`` rows with evidence) to a text stream as CSV; how many rows."""
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: csv_cell(k, v) for k, v in export_row(row).items()})
        n += 1
    return n


def events_csv(rows: list[dict[str, Any]]) -> str:
    """Events as CSV (RFC 4180: one row per event, CRLF line ends, the evidence sentences joined by ' … ')."""
    out = io.StringIO()
    write_events_csv(out, rows)
    return out.getvalue()


GEONAMES_CREDIT = "Places and coordinates: GeoNames (geonames.org), CC BY 4.0"


def events_geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Located events as a GeoJSON FeatureCollection (events without coordinates are left out)."""
    features = []
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            continue
        properties = {k: row.get(k) for k in EXPORT_COLUMNS if k not in ("lat", "lon", "evidence")}
        properties["url"] = f"/events/{row['article_id']}/{row['id']}"
        properties["evidence"] = [s["text"] for s in row.get("evidence", [])]
        features.append({"type": "Feature", "id": f"{row['article_id']}:{row['id']}",
                         "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                         "properties": properties})
    # GeoNames data is CC BY 4.0: the coordinates carry its credit wherever they go (docs/geo.md).
    return {"type": "FeatureCollection", "attribution": GEONAMES_CREDIT, "features": features}
