"""Study plans: what to learn, in what order, why, where to read it, what to practise.

Every step of a plan says which later step (or target) needs it and through
which stated relation, with the sentence of the notes that says so; what the
user knows (``--known``) or has marked learned (``kg learned``) leaves the
plan, with whatever only it needed.  Like :mod:`kg.answers`, every function
takes a :class:`kg.store.base.GraphBackend`, so both backends plan alike.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.answers import shown_paths
from kg.model import Concept, Relation
from kg.names import name_key
from kg.store.base import GraphBackend

__all__ = ["Learned", "learned", "learned_list", "learned_ids_for", "study_order", "next_steps"]


@dataclass
class Learned:
    """What the user marked learned: the concepts still in the graph, and entries no longer in it."""

    concepts: dict[str, Concept]
    missing: list[tuple[str, str]]


def learned(backend: GraphBackend) -> Learned:
    """The stored learned entries, found in the current graph by id, or else by name."""
    found: dict[str, Concept] = {}
    missing = []
    for cid, name in backend.learned():
        concept = _concept_or_none(backend, cid) or backend.concept_by_key(name_key(name))
        if concept is None:
            missing.append((cid, name))
        else:
            found[concept.id] = concept
    return Learned(found, missing)


def learned_list(backend: GraphBackend) -> dict:
    """``{"learned": [{"id", "name", "in_graph"}]}``, by name."""
    state = learned(backend)
    rows = [{"id": c.id, "name": c.name, "in_graph": True} for c in state.concepts.values()]
    rows += [{"id": cid, "name": name, "in_graph": False} for cid, name in state.missing]
    return {"learned": sorted(rows, key=lambda r: (r["name"].casefold(), r["id"]))}


def learned_ids_for(backend: GraphBackend, names: list[str]) -> set[str]:
    """The stored ids to forget for ``names``; raises ``LookupError`` naming one that is not marked learned."""
    stored = backend.learned()
    ids: set[str] = set()
    for name in names:
        key = name_key(name)
        concept = backend.concept_by_key(key)
        matches = {cid for cid, learned_as in stored
                   if cid == (concept.id if concept else None) or name_key(learned_as) == key or cid == name
                   or (concept is not None and backend.concept_by_key(name_key(learned_as)) == concept)}
        if not matches:
            raise LookupError(f"{name!r} is not marked learned (see 'kg learned list')")
        ids |= matches
    return ids


def _concept_or_none(backend: GraphBackend, cid: str) -> Concept | None:
    try:
        return backend.concept(cid)
    except KeyError:
        return None


class _Plan:
    """The prerequisite edges above some targets, and the concepts still to learn."""

    def __init__(self, backend: GraphBackend, target_ids: list[str], skip: set[str]):
        self.edges: dict[tuple[str, str], Relation] = {(r.source, r.target): r for r in backend.prerequisite_edges(target_ids)}
        self.parents: dict[str, set[str]] = defaultdict(set)
        for before, after in self.edges:
            self.parents[after].add(before)
        self.needed = {t for t in target_ids if t not in skip}
        frontier = list(self.needed)
        while frontier:
            node = frontier.pop()
            for p in self.parents[node]:
                if p not in skip and p not in self.needed:
                    self.needed.add(p)
                    frontier.append(p)
        self.level: dict[str, int] = {}
        for node in sorted(self.needed):
            self._level_of(node)

    def _level_of(self, node: str) -> int:
        # iterative: a deep chain of prerequisites must not exhaust Python's stack
        stack = [node]
        while stack:
            top = stack[-1]
            waiting = [p for p in self.parents[top] if p in self.needed and p not in self.level]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            self.level[top] = 1 + max((self.level[p] for p in self.parents[top] if p in self.needed), default=-1)
        return self.level[node]


class _Steps:
    """Builds the step dicts of plans and of ``kg next``: reasons, definition, where to read, questions."""

    def __init__(self, backend: GraphBackend, cids: list[str], learned_ids: set[str]):
        self.backend = backend
        self.paths = shown_paths(backend)
        self.learned_ids = learned_ids
        self.questions = defaultdict(list)
        for q in backend.questions(sorted(cids)) if cids else []:
            for cid in q.concepts:
                self.questions[cid].append(self.place(q.doc, q.line, q.text))

    def place(self, doc: str, line: int, text: str | None) -> dict:
        return {"doc": doc, "path": self.paths.get(doc, doc), "line": line, "text": text}

    def name(self, cid: str) -> str:
        return self.backend.concept(cid).name

    def reason(self, edge: Relation, later: str) -> dict:
        """Why ``edge.source`` comes before ``later``: the stated relation and its sentence."""
        stated = edge.derived_from[0] if edge.derived_from else {"type": edge.type, "source": edge.source, "target": edge.target}
        ev = edge.evidence[0] if edge.evidence else None
        return {
            "id": later,
            "name": self.name(later),
            "relation": {"type": stated["type"], "source": stated["source"], "target": stated["target"]},
            "evidence": self.place(ev.doc, ev.line, ev.text) if ev else None,
        }

    def step(self, cid: str, target: bool, needed_for: list[dict]) -> dict:
        concept = self.backend.concept(cid)
        d = concept.definition
        return {
            "id": cid,
            "name": concept.name,
            "target": target,
            "learned": cid in self.learned_ids,
            "needed_for": needed_for,
            "definition": self.place(d.doc, d.line, d.text) if d else None,
            "read": self.where_to_read(concept),
            "questions": self.questions.get(cid, []),
        }

    def where_to_read(self, concept: Concept) -> dict | None:
        """The sentence that defines the concept, else its first mention in the note that mentions it most."""
        if concept.definition:
            d = concept.definition
            return self.place(d.doc, d.line, d.text)
        best = max(concept.lines, key=lambda doc: (len(concept.lines[doc]), doc), default=None)
        return self.place(best, concept.lines[best][0], None) if best is not None else None


def study_order(backend: GraphBackend, targets: list[Concept], known: list[Concept] = (), *,
                learned_ids: set[str] = frozenset(), include_learned: bool = False) -> dict:
    """One plan for all targets: prerequisites first, in levels.

    What is known is left out, and so is what is learned unless
    ``include_learned`` (then its steps say ``"learned": true``); so is what
    only they need.  Within a level steps are ordered by name, so one graph
    always gives one plan.
    """
    known_ids = {k.id for k in known}
    target_ids = list(dict.fromkeys(t.id for t in targets))
    plan = _Plan(backend, target_ids, known_ids if include_learned else known_ids | set(learned_ids))
    everything = plan.needed if include_learned else _Plan(backend, target_ids, known_ids).needed
    order = sorted(plan.needed, key=lambda c: (plan.level[c], backend.concept(c).name.casefold(), c))
    position = {cid: i for i, cid in enumerate(order)}
    steps = _Steps(backend, order, set(learned_ids))
    out = []
    for cid in order:
        later = sorted((after for before, after in plan.edges if before == cid and after in plan.needed), key=position.get)
        step = {"level": plan.level[cid], **steps.step(cid, cid in target_ids, [steps.reason(plan.edges[(cid, a)], a) for a in later])}
        step["after"] = sorted(p for p in plan.parents[cid] if p in plan.needed)
        out.append(step)
    return {
        "targets": [{"id": t.id, "name": t.name} for t in targets],
        "known": sorted(known_ids),
        "learned": sorted(everything & set(learned_ids)),
        "include_learned": include_learned,
        "steps": out,
    }


def _opened_by(backend: GraphBackend, done: set[str]) -> dict[tuple[str, str], Relation]:
    """The prerequisite edges into the concepts that ``done`` opens up: not done, every prerequisite done."""
    edges = {}
    opened = {r.target for cid in done for r in backend.relations_of(cid) if r.type == "PREREQUISITE_OF" and r.source == cid}
    for cid in sorted(opened - done):
        before = backend.prerequisite_edges([cid], 1)
        if all(r.source in done for r in before):
            edges.update({(r.source, r.target): r for r in before})
    return edges


def next_steps(backend: GraphBackend, targets: list[Concept], known: list[Concept] = (), *,
               learned_ids: set[str] = frozenset()) -> dict:
    """The concepts to study next: not yet learned, every prerequisite learned (or known).

    With targets: the first steps of their plan.  Without: the concepts that the
    learned ones open up, most mentioned first.
    """
    known_ids = {k.id for k in known}
    done = known_ids | set(learned_ids)
    target_ids = list(dict.fromkeys(t.id for t in targets))
    if targets:
        plan = _Plan(backend, target_ids, done)
        edges, needed = plan.edges, plan.needed
        ready = sorted((c for c in needed if plan.level[c] == 0), key=lambda c: (backend.concept(c).name.casefold(), c))
    else:
        edges, needed = _opened_by(backend, done), set()
        ready = sorted({after for _, after in edges},
                       key=lambda c: (-backend.concept(c).mentions, backend.concept(c).name.casefold(), c))
    steps = _Steps(backend, ready, set(learned_ids))
    out = []
    for cid in ready:
        later = sorted(after for before, after in edges if before == cid and after in needed)
        step = steps.step(cid, cid in target_ids, [steps.reason(edges[(cid, a)], a) for a in later])
        step["builds_on"] = [{"id": b, "name": steps.name(b)} for b in sorted(b for b, a in edges if a == cid and b in done)]
        out.append(step)
    return {
        "targets": [{"id": t.id, "name": t.name} for t in targets],
        "known": sorted(known_ids),
        "learned": sorted(learned_ids),
        "next": out,
    }
