"""The embedded backend's answers: the stored graph loaded into memory.

Loading reads only the graph (concepts, relations, evidence), never note
text, so it does not grow with the size of the notes.
"""
from __future__ import annotations

from collections import defaultdict, deque

from kg.model import STATED_TYPES, Concept, KnowledgeGraph, Question, Relation
from kg.names import name_key

__all__ = ["MemoryBackend"]


class MemoryBackend:
    """:class:`kg.store.base.GraphBackend` over a :class:`KnowledgeGraph`."""

    def __init__(self, graph: KnowledgeGraph):
        self.graph = graph
        self._concepts = {c.id: c for c in graph.concepts}
        self._by_key: dict[str, str] = {}
        for c in sorted(graph.concepts, key=lambda c: (-c.mentions, c.id)):
            for alias in [c.name, *c.aliases]:
                self._by_key.setdefault(name_key(alias), c.id)
        self._touching: dict[str, list[Relation]] = defaultdict(list)
        self._prereq_in: dict[str, list[Relation]] = defaultdict(list)
        for r in graph.relations:
            self._touching[r.source].append(r)
            if r.target != r.source:
                self._touching[r.target].append(r)
            if r.type == "PREREQUISITE_OF":
                self._prereq_in[r.target].append(r)

    def concept_by_key(self, key: str) -> Concept | None:
        cid = self._by_key.get(key)
        return self._concepts.get(cid) if cid else None

    def names(self) -> list[tuple[str, str, list[str], int]]:
        return [(c.id, c.name, c.aliases, c.mentions) for c in self.graph.concepts]

    def concept(self, cid: str) -> Concept:
        return self._concepts[cid]

    def relations_of(self, cid: str) -> list[Relation]:
        return sorted(self._touching.get(cid, []), key=lambda r: (r.type, r.source, r.target))

    def neighbours(self, cid: str, types: list[str] | None, depth: int) -> list[tuple[str, int]]:
        allowed = set(types) if types else set(STATED_TYPES) | {"RELATED_TO"}
        seen = {cid: 0}
        queue = deque([cid])
        while queue:
            current = queue.popleft()
            if seen[current] >= depth:
                continue
            for r in self._touching.get(current, []):
                if r.type not in allowed:
                    continue
                other = r.target if r.source == current else r.source
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
            for r in self._prereq_in.get(current, []):
                edges[(r.source, r.target)] = r
                if r.source not in level:
                    level[r.source] = level[current] + 1
                    queue.append(r.source)
        return sorted(edges.values(), key=lambda r: (r.source, r.target))

    def shortest_paths(self, a: str, b: str, max_hops: int = 8) -> list[list[Relation]]:
        stated = set(STATED_TYPES) | {"RELATED_TO"}
        dist = {a: 0}
        parents: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
        frontier = [a]
        while frontier and b not in dist and dist[frontier[0]] < max_hops:
            following = []
            for node in frontier:
                for r in self._touching.get(node, []):
                    if r.type not in stated:
                        continue
                    other = r.target if r.source == node else r.source
                    if other not in dist:
                        dist[other] = dist[node] + 1
                        following.append(other)
                    if dist[other] == dist[node] + 1:
                        parents[other].append((node, r))
            frontier = following
        if b not in dist:
            return []
        paths: list[list[Relation]] = []

        def walk(node: str, tail: list[Relation]) -> None:
            if node == a:
                paths.append(list(reversed(tail)))
                return
            for parent, rel in parents[node]:
                if len(paths) < 50:
                    walk(parent, tail + [rel])

        walk(b, [])
        return paths

    def questions(self, cids: list[str]) -> list[Question]:
        wanted = set(cids)
        return [q for q in self.graph.questions if wanted & set(q.concepts)]

    def documents(self) -> dict[str, str]:
        return {d.id: d.path for d in self.graph.documents}

    def counts(self) -> dict:
        by_type: dict[str, int] = defaultdict(int)
        for r in self.graph.relations:
            by_type[r.type] += 1
        by_category: dict[str, int] = defaultdict(int)
        for c in self.graph.concepts:
            by_category[c.category] += 1
        return {
            "documents": len(self.graph.documents),
            "concepts": len(self.graph.concepts),
            "relations": sum(by_type.values()),
            "relations_by_type": dict(sorted(by_type.items())),
            "concepts_by_category": dict(sorted(by_category.items())),
            "questions": len(self.graph.questions),
            "broken_cycles": self.graph.meta.get("broken_cycles", []),
            "skipped": self.graph.meta.get("skipped", []),
        }

    def export(self) -> KnowledgeGraph:
        return self.graph
