"""What a store must answer: the primitives every query command is built on.

Both backends (:mod:`kg.store.sqlite_backend` over the embedded file, and
:mod:`kg.store.neo4j_store` over Cypher in ``queries/``) implement
:class:`GraphBackend`; :mod:`kg.answers` turns the primitives into the
answers the CLI prints, so both backends give the same answers.
Orderings are fixed here so that answers are deterministic.
"""
from __future__ import annotations

from typing import Protocol

from kg.model import Concept, KnowledgeGraph, Question, Relation

__all__ = ["GraphBackend", "CypherBackend", "UnknownConcept"]


class UnknownConcept(LookupError):
    """No concept goes by that name; ``suggestions`` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown concept {name!r}{hint}")


class GraphBackend(Protocol):
    def concept_by_key(self, key: str) -> Concept | None:
        """The concept one of whose aliases has this :func:`kg.names.name_key`."""

    def names(self) -> list[tuple[str, str, list[str], int]]:
        """``(id, name, aliases, mentions)`` of every concept, for search and suggestions."""

    def concept(self, cid: str) -> Concept:
        ...

    def relations_of(self, cid: str) -> list[Relation]:
        """Every relation the concept takes part in, ordered by (type, source, target)."""

    def neighbours(self, cid: str, types: list[str] | None, depth: int) -> list[tuple[str, int]]:
        """Concepts within ``depth`` hops (either direction) over ``types``, with their distance."""

    def prerequisite_edges(self, cids: list[str], depth: int | None = None) -> list[Relation]:
        """The ``PREREQUISITE_OF`` edges among the ancestors of ``cids`` (up to ``depth`` levels)."""

    def shortest_paths(self, a: str, b: str, max_hops: int = 8) -> list[list[Relation]]:
        """All shortest undirected paths from ``a`` to ``b`` over stated relations, as relation lists."""

    def questions(self, cids: list[str]) -> list[Question]:
        ...

    def documents(self) -> dict[str, str]:
        """Document id -> path."""

    def graph_meta(self) -> dict:
        """What the build recorded: broken cycles, skipped files, the notes folder (``root``)…"""

    def learned(self) -> list[tuple[str, str]]:
        """``(id, name)`` of the concepts the user marked learned (kept across builds), ordered by id."""

    def set_learned(self, add: list[tuple[str, str]], remove: set[str]) -> None:
        """Mark ``(id, name)`` entries learned and forget the ids in ``remove``, in one write."""

    def counts(self) -> dict:
        """Numbers for ``kg stats``: documents, concepts, relations by type, categories, meta."""

    def export(self) -> KnowledgeGraph:
        ...


class CypherBackend(GraphBackend, Protocol):
    """A backend that can also run read-only Cypher (``kg query``)."""

    def read_query(self, cypher: str, params: dict) -> tuple[list[str], list[list]]:
        """Column names and rows of a read-only query; raises :class:`kg.store.StoreError`."""
