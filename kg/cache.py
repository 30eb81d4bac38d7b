"""The build cache: what each note gave in pass 1 and pass 2, kept between builds.

One SQLite file in the store's cache folder.  Pass-1 results are keyed by the
sha256 of the note's bytes; the parsed body is kept apart from the small
summary (names, declared pairs) so that a rebuild reads a body only when it
has to run pass 2 on it.  Pass-2 facts are keyed by note content and
document id, and tagged with a digest of the resolution they were computed
under.  The whole cache belongs to one version of kg's code and data
(``version``): opened by another, it starts empty.  A build that read all
its notes drops the entries of notes it did not see, so the cache never
outgrows the notes.

A cache that cannot be read or written only costs time: every failure turns
into a miss.
"""
from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path
from typing import Callable

__all__ = ["BuildCache"]

FORMAT = "2"  # of the tables below: a cache of another format starts empty
_TABLES = ("kept", "extractions", "facts")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS extractions (sha TEXT PRIMARY KEY, summary BLOB NOT NULL, body BLOB NOT NULL, text TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (sha TEXT NOT NULL, doc TEXT NOT NULL, digest TEXT NOT NULL, value BLOB NOT NULL,
                                  PRIMARY KEY (sha, doc)) WITHOUT ROWID;
"""


class BuildCache:
    """``get_*``/``put_*`` pickled plain values; ``commit()``, ``forget_unseen()``, ``close()``."""

    FILE = "build.sqlite"

    def __init__(self, folder: Path, version: str):
        self.path = folder / self.FILE
        self.seen: set[str] = set()
        self._con: sqlite3.Connection | None = None
        self._facts: dict | None = None
        for _attempt in range(2):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self._con = self._open(version)
                return
            except sqlite3.DatabaseError as exc:
                if "not a database" not in str(exc) and "malformed" not in str(exc):
                    return  # locked or unwritable: build without the cache
                self._remove()  # damaged: start a new one
            except OSError:
                return

    def _open(self, version: str) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30)
        try:
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA synchronous = NORMAL")
            con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            version = f"{FORMAT}-{version}"
            row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != version:
                con.executescript("".join(f"DROP TABLE IF EXISTS {table};" for table in _TABLES))
                con.executescript(_SCHEMA)
                con.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
                con.commit()
            return con
        except sqlite3.Error:
            con.close()
            raise

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            try:
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            except OSError:
                pass

    def _drop(self) -> None:
        if self._con is not None:
            self._con.close()
        self._con = None

    def _rows(self, query: str, args: tuple = ()) -> list[tuple]:
        if self._con is None:
            return []
        try:
            return self._con.execute(query, args).fetchall()
        except sqlite3.Error:
            return []

    def _get(self, query: str, args: tuple):
        """The unpickled first column of the one row ``query`` finds, or None."""
        rows = self._rows(query, args)
        return self._loads(rows[0][0]) if rows else None

    @staticmethod
    def _loads(value: bytes):
        try:
            return pickle.loads(value)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, IndexError, TypeError):
            return None

    def _put(self, query: str, args: tuple) -> None:
        if self._con is None:
            return
        try:
            self._con.execute(query, args)
        except sqlite3.Error:
            self._drop()

    @staticmethod
    def _blob(value) -> bytes:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def known(self) -> set[str]:
        """The notes (by sha256) whose pass-1 results are kept."""
        return {sha for (sha,) in self._rows("SELECT sha FROM extractions")}

    def preload_facts(self, convert: Callable[[object, str], object]) -> None:
        """Read every kept pass-2 result now (while waiting for pass 1 elsewhere); ``get_facts`` then costs nothing.

        ``convert(value, doc)`` turns each value into what ``get_facts`` returns from then on.
        """
        if self._con is not None and self._facts is None:
            facts = {}
            for sha, doc, digest, value in self._rows("SELECT sha, doc, digest, value FROM facts"):
                plain = self._loads(value)
                facts[sha, doc] = (digest, None if plain is None else convert(plain, doc))
            self._facts = facts

    def get_value(self, key: str):
        """A value kept under ``key`` for this version of kg (the parsed lexicon, say)."""
        return self._get("SELECT value FROM kept WHERE key = ?", (key,))

    def put_value(self, key: str, value) -> None:
        self._put("INSERT OR REPLACE INTO kept VALUES (?, ?)", (key, self._blob(value)))

    def get_summary(self, sha: str):
        self.seen.add(sha)
        return self._get("SELECT summary FROM extractions WHERE sha = ?", (sha,))

    def get_body(self, sha: str):
        return self._get("SELECT body FROM extractions WHERE sha = ?", (sha,))

    def get_text(self, sha: str) -> str | None:
        """The text kept with the summary (the build keeps the note's compact text there)."""
        rows = self._rows("SELECT text FROM extractions WHERE sha = ?", (sha,))
        return rows[0][0] if rows else None

    def put_extraction(self, sha: str, summary, body, text: str) -> None:
        self.seen.add(sha)
        self._put("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?)", (sha, self._blob(summary), self._blob(body), text))

    def get_facts(self, sha: str, doc: str) -> tuple[str, object] | None:
        """(digest, converted value) of the facts preloaded for the note ``sha`` at ``doc``."""
        self.seen.add(sha)
        return (self._facts or {}).get((sha, doc))

    def retag_facts(self, old: str, new: str) -> None:
        """Facts computed under digest ``old`` that the build found still valid now belong to ``new``."""
        self._put("UPDATE facts SET digest = ? WHERE digest = ?", (new, old))

    def put_facts(self, sha: str, doc: str, digest: str, value) -> None:
        self._put("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?)", (sha, doc, digest, self._blob(value)))

    def commit(self) -> None:
        if self._con is None:
            return
        try:
            self._con.commit()
        except sqlite3.Error:
            self._drop()

    def forget_unseen(self) -> None:
        """Drop the entries of notes this build did not read (call when the build has read them all)."""
        if self._con is None:
            return
        try:
            self._con.execute("CREATE TEMP TABLE IF NOT EXISTS seen (sha TEXT PRIMARY KEY)")
            self._con.executemany("INSERT OR IGNORE INTO seen VALUES (?)", ((sha,) for sha in self.seen))
            for table in ("extractions", "facts"):
                self._con.execute(f"DELETE FROM {table} WHERE sha NOT IN (SELECT sha FROM seen)")
        except sqlite3.Error:
            self._drop()

    def close(self) -> None:
        self.commit()
        self._drop()
