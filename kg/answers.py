"""Answers to the query commands, as the plain dicts ``--json`` prints.

Every function takes a :class:`kg.store.base.GraphBackend`, so the embedded
store and Neo4j give the same answers; shapes follow ``docs/export.md``.
Paths in answers are relative to the folder the notes were built from
(:func:`shown_paths`).  Study plans are in :mod:`kg.plan`.
"""
from __future__ import annotations

from collections import defaultdict

from kg.model import Concept, Relation
from kg.names import name_key
from kg.store.base import GraphBackend, UnknownConcept

__all__ = [
    "resolve_name", "shown_paths", "show", "related", "search", "prereqs", "path", "questions", "stats",
]


def resolve_name(backend: GraphBackend, name: str) -> Concept:
    """The concept called ``name`` (any alias, any case or width); raises :class:`UnknownConcept`."""
    concept = backend.concept_by_key(name_key(name))
    if concept is None:
        raise UnknownConcept(name, [hit["name"] for hit in search(backend, name, limit=3, cutoff=50)])
    return concept


def shown_paths(backend: GraphBackend) -> dict[str, str]:
    """Document id -> its path relative to the notes folder of the build (:mod:`kg.paths`)."""
    from kg.paths import shown_path

    meta = backend.graph_meta()
    return {doc: shown_path(path, meta) for doc, path in backend.documents().items()}


def _brief(c: Concept) -> dict:
    return {"id": c.id, "name": c.name}


def show(backend: GraphBackend, concept: Concept) -> dict:
    """The concept as in the export, plus its relations, definition and mention lines."""
    paths = shown_paths(backend)
    out = concept.export()
    out["relations"] = [r.export() for r in backend.relations_of(concept.id)]
    d = concept.definition
    out["definition"] = {**d.export(), "path": paths.get(d.doc, d.doc)} if d else None
    out["mentioned_at"] = [
        {"doc": doc, "path": paths.get(doc, doc), "lines": lines} for doc, lines in concept.lines.items()
    ]
    return out


def related(backend: GraphBackend, concept: Concept, types: list[str] | None, depth: int) -> dict:
    rows = []
    for cid, distance in backend.neighbours(concept.id, types, depth):
        other = backend.concept(cid)
        rows.append({"id": cid, "name": other.name, "category": other.category, "depth": distance})
    return {"concept": _brief(concept), "related": rows}


def search(backend: GraphBackend, text: str, limit: int = 10, cutoff: int = 60) -> list[dict]:
    """Concepts whose names match ``text``: exactly, as a part, or nearly (typos)."""
    from rapidfuzz import fuzz

    query = name_key(text)
    if not query:
        return []
    hits = []
    for cid, name, aliases, mentions in backend.names():
        best, matched = 0.0, name
        for alias in [name, *aliases]:
            key = name_key(alias)
            if key == query:
                score = 100.0
            elif query in key:
                score = 90.0 - min(20.0, (len(key) - len(query)) * 0.5)
            elif len(query) >= 3 and key in query:
                score = 70.0
            else:
                score = fuzz.ratio(query, key) * 0.85
            if score > best:
                best, matched = score, alias
        if best >= cutoff:
            hits.append({"id": cid, "name": name, "matched": matched, "score": round(best, 1), "mentions": mentions})
    hits.sort(key=lambda h: (-h["score"], -h["mentions"], h["id"]))
    return hits[:limit]


def _prereq_levels(edges: list[Relation], targets: list[str]) -> dict[str, int]:
    """Distance of every ancestor from the nearest target (1 = direct prerequisite)."""
    parents = defaultdict(list)
    for r in edges:
        parents[r.target].append(r.source)
    depth = {t: 0 for t in targets}
    frontier = list(targets)
    while frontier:
        following = []
        for node in frontier:
            for p in sorted(parents[node]):
                if p not in depth:
                    depth[p] = depth[node] + 1
                    following.append(p)
        frontier = following
    return depth


def prereqs(backend: GraphBackend, concept: Concept, depth: int | None = None) -> dict:
    """The prerequisites of a concept, nearest first, and the edges of its prerequisite tree."""
    edges = backend.prerequisite_edges([concept.id], depth)
    levels = _prereq_levels(edges, [concept.id])
    rows = [
        {"id": cid, "name": backend.concept(cid).name, "depth": d}
        for cid, d in sorted(levels.items(), key=lambda x: (x[1], backend.concept(x[0]).name.casefold(), x[0]))
        if cid != concept.id and (depth is None or d <= depth)
    ]
    return {
        "concept": _brief(concept),
        "prerequisites": rows,
        "edges": [_edge(r) for r in edges if r.source in levels and r.target in levels],
    }


def _edge(r: Relation) -> dict:
    return {
        "source": r.source, "target": r.target, "confidence": r.confidence,
        "derived_from": r.derived_from, "evidence": [e.export() for e in r.evidence],
    }


def path(backend: GraphBackend, a: Concept, b: Concept) -> dict:
    """How ``a`` and ``b`` are connected: the best-supported shortest chain of stated relations."""
    if a.id == b.id:
        return {"found": True, "hops": []}
    candidates = backend.shortest_paths(a.id, b.id)
    if not candidates:
        return {"found": False, "hops": []}

    def rank(hops: list[Relation]):
        return (sum(h.type == "RELATED_TO" for h in hops), -sum(h.confidence for h in hops), [(h.source, h.type, h.target) for h in hops])

    best = min(candidates, key=rank)
    hops, at = [], a.id
    for r in best:
        nxt = r.target if r.source == at else r.source
        hops.append({"from": at, "to": nxt, "source": r.source, "target": r.target, "type": r.type,
                     "confidence": r.confidence, "evidence": [e.export() for e in r.evidence]})
        at = nxt
    return {"found": True, "hops": hops}


def questions(backend: GraphBackend, concept: Concept) -> dict:
    paths = shown_paths(backend)
    return {
        "concept": _brief(concept),
        "questions": [{"doc": q.doc, "path": paths.get(q.doc, q.doc), "line": q.line, "text": q.text, "answer": q.answer}
                      for q in backend.questions([concept.id])],
    }


def stats(backend: GraphBackend) -> dict:
    """The counts of :meth:`GraphBackend.counts` and the notes folder the paths of answers are relative to."""
    return {**backend.counts(), "root": backend.graph_meta().get("root")}
