"""SQLite storage: schema, migrations, transactional writes and queries.

One article is written in one transaction (a crash never leaves half an
article).  Re-processing an article replaces its rows.  ``MIGRATIONS`` is an
ordered list; ``schema_version`` in ``meta`` records how many were applied, so
an older database is upgraded on open and a newer one is refused.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import ArticleNotFound, SchemaTooNew
from .model import (Article, ArticleResult, Count, Entity, Event, InferredDate, Mention, Place, Quote, Rejection,
                    Removal, Span, TimeExpr)

__all__ = ["Store", "MIGRATIONS", "SCHEMA_VERSION"]

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
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    """,
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
]
SCHEMA_VERSION = len(MIGRATIONS)

_CHILD_TABLES = {
    "times": TimeExpr, "places": Place, "quotes": Quote, "counts": Count,
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A newsledger database (SQLite file, or ``:memory:`` for tests)."""

    def __init__(self, path: str | Path = "newsledger.db"):
        self.path = str(path)
        self.conn = sqlite3.connect(self.path, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self._migrate()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(f"{self.path} has schema version {version}; this newsledger knows up to "
                               f"{SCHEMA_VERSION}. Upgrade newsledger or use another --db file.")
        for number in range(version, SCHEMA_VERSION):
            # One script per migration, schema change and version bump in the same transaction.
            self.conn.executescript(
                "BEGIN;" + MIGRATIONS[number]
                + f";INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '{number + 1}');COMMIT;")

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
                "INSERT OR IGNORE INTO rejected (path, line, reason, rejected_at) SELECT ?,?,?,?"
                " WHERE NOT EXISTS (SELECT 1 FROM rejected WHERE path = ? AND line IS ? AND reason = ?)",
                (rejection.path, rejection.line, rejection.reason, _now(),
                 rejection.path, rejection.line, rejection.reason))

    # -- reads ------------------------------------------------------------
    def load(self, article_id: str) -> ArticleResult:
        """One stored article with everything found in it."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            # A unique prefix is enough; compare with substr, not LIKE, so "%" and "_" are not wildcards.
            rows = self.conn.execute("SELECT * FROM articles WHERE substr(id, 1, length(?)) = ? LIMIT 2",
                                     (article_id, article_id)).fetchall() if article_id else []
            if len(rows) > 1:
                raise ArticleNotFound(f"id prefix {article_id!r} matches several articles; give more characters "
                                      f"(`newsledger list` shows the ids)")
            if not rows:
                raise ArticleNotFound(f"no stored article has id {article_id!r}; `newsledger list` shows the ids")
            row = rows[0]
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
            sql += " WHERE a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            params.append(query)
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


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value
