"""The embedded store's answers, straight from its SQLite file.

Each query reads only the rows it needs through indexes (aliases by key,
relations by endpoint), so answering does not grow with the size of the
graph, let alone of the notes.  Orderings match :mod:`kg.store.memory`.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict, deque
from functools import lru_cache

from kg.model import STATED_TYPES, Concept, Evidence, KnowledgeGraph, Question, Relation
from kg.store.embedded import EmbeddedStore, StoreError
from kg.store.learned import LearnedFile

__all__ = ["SqliteBackend"]

_WALKED = tuple(STATED_TYPES) + ("RELATED_TO",)


class SqliteBackend:
    """:class:`kg.store.base.GraphBackend` over the embedded store's file."""

    def __init__(self, store: EmbeddedStore):
        if not store.exists():
            raise StoreError(f"{store.folder}: no graph here yet; run 'kg build NOTES' first (or pass --store)")
        self.store = store
        try:
            self.con = sqlite3.connect(f"file:{store.file}?mode=ro", uri=True)
            fmt = self.con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"{store.file}: cannot read the store ({exc}); rebuild it with 'kg build'") from None
        from kg.store.embedded import FORMAT_VERSION

        if fmt is None or json.loads(fmt[0]) != FORMAT_VERSION:
            raise StoreError(f"{store.file}: the store is from another kg version; rebuild it with 'kg build'")

    @staticmethod
    def _concept(row) -> Concept:
        cid, name, category, mentions, aliases, docs, lines, definition, origin = row
        return Concept(cid, name, json.loads(aliases), category, mentions, json.loads(docs), json.loads(lines),
                       Evidence(**json.loads(definition)) if definition else None, json.loads(origin))

    @staticmethod
    def _relation(row) -> Relation:
        s, t, ty, conf, ev, df, cues = row
        return Relation(s, t, ty, conf, [Evidence(**e) for e in json.loads(ev)], json.loads(df), json.loads(cues))

    _CONCEPT_COLUMNS = "id, name, category, mentions, aliases, documents, lines, definition, origin"
    _RELATION_COLUMNS = "source, target, type, confidence, evidence, derived_from, cues"

    def concept_by_key(self, key: str) -> Concept | None:
        row = self.con.execute(
            f"SELECT {self._CONCEPT_COLUMNS} FROM concepts WHERE id = (SELECT concept FROM aliases WHERE key = ?)", (key,)
        ).fetchone()
        return self._concept(row) if row else None

    def names(self) -> list[tuple[str, str, list[str], int]]:
        return [(cid, name, json.loads(aliases), mentions)
                for cid, name, aliases, mentions in self.con.execute("SELECT id, name, aliases, mentions FROM concepts ORDER BY id")]

    @lru_cache(maxsize=None)
    def concept(self, cid: str) -> Concept:
        row = self.con.execute(f"SELECT {self._CONCEPT_COLUMNS} FROM concepts WHERE id = ?", (cid,)).fetchone()
        if row is None:
            raise KeyError(cid)
        return self._concept(row)

    def _touching(self, cid: str, types: tuple[str, ...] | None = None) -> list[Relation]:
        rows = self.con.execute(
            f"SELECT {self._RELATION_COLUMNS} FROM relations WHERE source = ? UNION "
            f"SELECT {self._RELATION_COLUMNS} FROM relations WHERE target = ?", (cid, cid)).fetchall()
        rels = [self._relation(r) for r in rows]
        return [r for r in rels if types is None or r.type in types]

    def _ends(self, cid: str, types: tuple[str, ...]) -> list[tuple[str, str, str]]:
        """(source, target, type) of the relations touching ``cid``, without their evidence."""
        marks = ",".join("?" * len(types))
        return self.con.execute(
            f"SELECT source, target, type FROM relations WHERE source = ? AND type IN ({marks}) UNION "
            f"SELECT source, target, type FROM relations WHERE target = ? AND type IN ({marks})",
            (cid, *types, cid, *types)).fetchall()

    def relations_of(self, cid: str) -> list[Relation]:
        return sorted(self._touching(cid), key=lambda r: (r.type, r.source, r.target))

    def neighbours(self, cid: str, types: list[str] | None, depth: int) -> list[tuple[str, int]]:
        allowed = tuple(types) if types else _WALKED
        seen = {cid: 0}
        queue = deque([cid])
        while queue:
            current = queue.popleft()
            if seen[current] >= depth:
                continue
            for source, target, _ in self._ends(current, allowed):
                other = target if source == current else source
                if other not in seen:
                    seen[other] = seen[current] + 1
                    queue.append(other)
        return sorted(((c, d) for c, d in seen.items() if c != cid), key=lambda x: (x[1], x[0]))

    def prerequisite_edges(self, cids: list[str], depth: int | None = None) -> list[Relation]:
        edges: dict[tuple[str, str], Relation] = {}
        level = {c: 0 for c in cids}
        queue = deque(cids)
        while queue:
            current = queue.popleft()
            if depth is not None and level[current] >= depth:
                continue
            for row in self.con.execute(
                    f"SELECT {self._RELATION_COLUMNS} FROM relations WHERE target = ? AND type = 'PREREQUISITE_OF'", (current,)):
                r = self._relation(row)
                edges[(r.source, r.target)] = r
                if r.source not in level:
                    level[r.source] = level[current] + 1
                    queue.append(r.source)
        return sorted(edges.values(), key=lambda r: (r.source, r.target))

    def shortest_paths(self, a: str, b: str, max_hops: int = 8) -> list[list[Relation]]:
        dist = {a: 0}
        parents: dict[str, list[tuple[str, tuple[str, str, str]]]] = defaultdict(list)
        frontier = [a]
        while frontier and b not in dist and dist[frontier[0]] < max_hops:
            following = []
            for node in frontier:
                for ends in self._ends(node, _WALKED):
                    other = ends[1] if ends[0] == node else ends[0]
                    if other not in dist:
                        dist[other] = dist[node] + 1
                        following.append(other)
                    if dist[other] == dist[node] + 1:
                        parents[other].append((node, ends))
            frontier = following
        if b not in dist:
            return []
        paths: list[list[tuple[str, str, str]]] = []

        def walk(node: str, tail: list) -> None:
            if node == a:
                paths.append(list(reversed(tail)))
                return
            for parent, ends in parents[node]:
                if len(paths) < 5000:  # all of them, within reason: answers.path ranks them
                    walk(parent, tail + [ends])

        walk(b, [])
        return [[self._one(*ends) for ends in path] for path in paths]

    def _one(self, source: str, target: str, rtype: str) -> Relation:
        row = self.con.execute(f"SELECT {self._RELATION_COLUMNS} FROM relations WHERE source = ? AND target = ? AND type = ?",
                               (source, target, rtype)).fetchone()
        return self._relation(row)

    def questions(self, cids: list[str]) -> list[Question]:
        marks = ",".join("?" * len(cids))
        rows = self.con.execute(
            f"SELECT DISTINCT q.rowid, q.doc, q.line, q.text, q.concepts, q.answer FROM questions q "
            f"JOIN question_concepts qc ON qc.question = q.rowid WHERE qc.concept IN ({marks}) ORDER BY q.rowid", cids)
        return [Question(doc, line, text, tuple(json.loads(cs)), answer) for _, doc, line, text, cs, answer in rows]

    def documents(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT id, path FROM documents ORDER BY rowid"))

    def graph_meta(self) -> dict:
        return {k: json.loads(v) for k, v in self.con.execute("SELECT key, value FROM meta")}

    def learned(self) -> list[tuple[str, str]]:
        return LearnedFile(self.store.folder).read()

    def set_learned(self, add: list[tuple[str, str]], remove: set[str]) -> None:
        LearnedFile(self.store.folder).update(add, remove)

    def counts(self) -> dict:
        meta = self.graph_meta()
        by_type = dict(self.con.execute("SELECT type, count(*) FROM relations GROUP BY type ORDER BY type"))
        by_category = dict(self.con.execute("SELECT category, count(*) FROM concepts GROUP BY category ORDER BY category"))
        one = lambda sql: self.con.execute(sql).fetchone()[0]
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "concepts": one("SELECT count(*) FROM concepts"),
            "relations": sum(by_type.values()),
            "relations_by_type": by_type,
            "concepts_by_category": by_category,
            "questions": one("SELECT count(*) FROM questions"),
            "broken_cycles": meta.get("broken_cycles", []),
            "skipped": meta.get("skipped", []),
        }

    def export(self) -> KnowledgeGraph:
        return self.store.read()
