"""The embedded store: one SQLite file in a folder (``./.kg`` by default).

A build writes a complete new database next to the old one and renames it
into place, so a build that fails or is killed (even ``kill -9``) leaves the
previous graph as it was.  A lock file keeps two builds off one store.
Reading needs only the standard library: query commands stay fast.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from kg.model import Concept, Document, Evidence, KnowledgeGraph, Question, Relation
from kg.names import name_key

__all__ = ["StoreError", "StoreBusy", "EmbeddedStore"]

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT, sha256 TEXT NOT NULL, lines INTEGER NOT NULL);
CREATE TABLE concepts (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL, mentions INTEGER NOT NULL,
  aliases TEXT NOT NULL, documents TEXT NOT NULL, lines TEXT NOT NULL, definition TEXT, origin TEXT NOT NULL
);
CREATE TABLE relations (
  source TEXT NOT NULL, target TEXT NOT NULL, type TEXT NOT NULL, confidence REAL NOT NULL,
  evidence TEXT NOT NULL, derived_from TEXT NOT NULL, cues TEXT NOT NULL,
  PRIMARY KEY (source, target, type)
);
CREATE TABLE questions (doc TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL, concepts TEXT NOT NULL, answer TEXT);
CREATE TABLE aliases (key TEXT PRIMARY KEY, concept TEXT NOT NULL);
CREATE TABLE question_concepts (question INTEGER NOT NULL, concept TEXT NOT NULL);
CREATE INDEX relations_by_target ON relations (target, type);
CREATE INDEX question_by_concept ON question_concepts (concept);
"""
FORMAT_VERSION = "3"


class StoreError(Exception):
    """The store cannot be used; the message says why and what to do."""


class StoreBusy(StoreError):
    pass


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class EmbeddedStore:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.file = self.folder / "graph.sqlite"

    @property
    def cache_dir(self) -> Path:
        return self.folder / "cache"

    def exists(self) -> bool:
        return self.file.is_file()

    def lock(self):
        """A lock held for the whole build; a second build is refused at once."""
        from filelock import FileLock, Timeout

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.folder}: cannot create the store folder: {exc.strerror}") from None
        lock = FileLock(str(self.folder / "build.lock"), timeout=0)

        class _Held:
            def __enter__(self_inner):
                try:
                    lock.acquire()
                except Timeout:
                    raise StoreBusy(f"{self.folder}: another kg build is writing to this store; wait for it to finish or use another --store") from None
                return self_inner

            def __exit__(self_inner, *exc):
                lock.release()

        return _Held()

    def write(self, graph: KnowledgeGraph) -> None:
        """Replace the stored graph with ``graph``, atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f"graph.sqlite.{os.getpid()}.tmp")
        if tmp.exists():
            tmp.unlink()
        con = sqlite3.connect(tmp)
        try:
            # a new file that is fsynced before it replaces the store: no journal needed
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.executescript(_SCHEMA)
            meta = dict(graph.meta, format=FORMAT_VERSION)
            con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, _dumps(v)) for k, v in meta.items()])
            con.executemany(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?)",
                [(d.id, d.path, d.title, d.sha256, d.lines) for d in graph.documents],
            )
            con.executemany(
                "INSERT INTO concepts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.id, c.name, c.category, c.mentions, _dumps(c.aliases), _dumps(c.documents), _dumps(c.lines),
                     _dumps(c.definition.export()) if c.definition else None, _dumps(c.origin))
                    for c in graph.concepts
                ],
            )
            con.executemany(
                "INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (r.source, r.target, r.type, r.confidence, _dumps([e.export() for e in r.evidence]),
                     _dumps(r.derived_from), _dumps(r.cues))
                    for r in graph.relations
                ],
            )
            con.executemany(
                "INSERT INTO questions (rowid, doc, line, text, concepts, answer) VALUES (?, ?, ?, ?, ?, ?)",
                [(i, q.doc, q.line, q.text, _dumps(list(q.concepts)), q.answer) for i, q in enumerate(graph.questions, start=1)],
            )
            con.executemany(
                "INSERT INTO question_concepts VALUES (?, ?)",
                [(i, c) for i, q in enumerate(graph.questions, start=1) for c in q.concepts],
            )
            # a name key shared by two concepts goes to the more mentioned one
            con.executemany(
                "INSERT OR IGNORE INTO aliases VALUES (?, ?)",
                [(name_key(a), c.id) for c in sorted(graph.concepts, key=lambda c: (-c.mentions, c.id)) for a in [c.name, *c.aliases]],
            )
            con.commit()
        finally:
            con.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.file)
        self._sync_folder()

    def _sync_folder(self) -> None:
        try:
            fd = os.open(self.folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def read(self) -> KnowledgeGraph:
        """The stored graph (without document text)."""
        if not self.exists():
            raise StoreError(f"{self.folder}: no graph here yet; run 'kg build NOTES' first (or pass --store)")
        try:
            con = sqlite3.connect(f"file:{self.file}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.file}: cannot open the store: {exc}") from None
        try:
            return self._read(con)
        except (sqlite3.Error, ValueError, KeyError) as exc:
            raise StoreError(f"{self.file}: the store is damaged or from another kg version ({exc}); rebuild it with 'kg build'") from None
        finally:
            con.close()

    @staticmethod
    def _read(con: sqlite3.Connection) -> KnowledgeGraph:
        meta = {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM meta")}
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"store format {meta.get('format')!r}")
        documents = [Document(id, path, sha, lines, title) for id, path, title, sha, lines in con.execute(
            "SELECT id, path, title, sha256, lines FROM documents ORDER BY rowid")]
        concepts = []
        for row in con.execute("SELECT id, name, category, mentions, aliases, documents, lines, definition, origin FROM concepts ORDER BY id"):
            cid, name, category, mentions, aliases, docs, lines, definition, origin = row
            concepts.append(Concept(
                cid, name, json.loads(aliases), category, mentions, json.loads(docs), json.loads(lines),
                Evidence(**json.loads(definition)) if definition else None, json.loads(origin),
            ))
        relations = [
            Relation(s, t, ty, conf, [Evidence(**e) for e in json.loads(ev)], json.loads(df), json.loads(cues))
            for s, t, ty, conf, ev, df, cues in con.execute(
                "SELECT source, target, type, confidence, evidence, derived_from, cues FROM relations ORDER BY source, type, target")
        ]
        questions = [Question(doc, line, text, tuple(json.loads(cs)), answer) for doc, line, text, cs, answer in con.execute(
            "SELECT doc, line, text, concepts, answer FROM questions ORDER BY rowid")]
        return KnowledgeGraph(documents, concepts, relations, questions, meta)
