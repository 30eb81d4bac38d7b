"""Where the graph lives: the embedded store (default) or a Neo4j server.

Only this package knows; the rest of kg sees a
:class:`kg.store.base.GraphBackend` to read and a ``write(graph)`` to store.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.store.embedded import EmbeddedStore, StoreBusy, StoreError

__all__ = ["Connection", "StoreError", "StoreBusy", "open_reader", "open_writer", "EmbeddedStore"]

BACKENDS = ("embedded", "neo4j")


@dataclass(frozen=True)
class Connection:
    """How to reach the graph: the embedded folder, or a Neo4j server."""

    backend: str = "embedded"
    store: str = ".kg"
    uri: str | None = None
    username: str | None = None
    password: str | None = None
    database: str | None = None

    def describe(self) -> str:
        return self.store if self.backend == "embedded" else f"{self.uri} (database {self.database or 'neo4j'})"


def _check(conn: Connection) -> None:
    if conn.backend not in BACKENDS:
        raise StoreError(f"unknown backend {conn.backend!r}: use one of {', '.join(BACKENDS)}")


def open_reader(conn: Connection):
    """A :class:`GraphBackend` over the stored graph."""
    _check(conn)
    if conn.backend == "neo4j":
        from kg.store.neo4j_store import Neo4jBackend

        return Neo4jBackend.connect(conn)
    from kg.store.sqlite_backend import SqliteBackend

    return SqliteBackend(EmbeddedStore(conn.store))


def open_writer(conn: Connection):
    """An object with ``lock()``, ``write(graph)`` and ``cache_dir`` for ``kg build``."""
    _check(conn)
    if conn.backend == "neo4j":
        from kg.store.neo4j_store import Neo4jWriter

        return Neo4jWriter.connect(conn)
    return EmbeddedStore(conn.store)
