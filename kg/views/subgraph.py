"""Which part of an exported concept graph a page draws.

``select_view`` checks an export dict (``spec/export.md``) and the view
options against each other and keeps the concepts and relations asked for:
a neighbourhood (``around``, along stated relations unless asked for
``RELATED_TO`` too, and at most ``limit`` concepts, the nearest and best
supported first), a concept's prerequisites (``prereqs_of``, with their
top-down rows), some relation types, categories or a mention threshold.
The result, a :class:`GraphView`, holds plain export dicts;
:mod:`kg.views.html` draws it.
"""
from __future__ import annotations

import difflib
import heapq
from collections import defaultdict, deque
from collections.abc import Collection
from dataclasses import dataclass, field

from kg.model import CATEGORIES, RELATION_TYPES, STATED_TYPES

from kg.store.base import UnknownConcept

__all__ = [
    "PREREQUISITE",
    "RELATED",
    "DEFAULT_LIMIT",
    "GraphView",
    "ViewError",
    "UnknownConceptError",
    "InvalidViewOptionError",
    "MalformedExportError",
    "select_view",
    "concepts_by_id",
]

PREREQUISITE = "PREREQUISITE_OF"
RELATED = "RELATED_TO"
# Concepts an ``around`` view keeps at most, unless told otherwise: a few
# hundred stay readable and lay out in well under a second.
DEFAULT_LIMIT = 300


class ViewError(ValueError):
    """The export or the view options cannot make a page."""


class UnknownConceptError(ViewError, UnknownConcept):
    """A concept id given as ``around`` or ``prereqs_of`` is not in the export."""

    def __init__(self, concept_id: str, suggestions: list[str]):
        UnknownConcept.__init__(self, concept_id, suggestions)
        self.concept_id = concept_id


class InvalidViewOptionError(ViewError):
    """A filter names an unknown relation type or category, or options clash."""


class MalformedExportError(ViewError):
    """The export dict does not follow ``spec/export.md``."""


@dataclass
class GraphView:
    """The part of an export a page draws.

    ``concepts`` and ``relations`` are the export's own dicts, in export
    order; ``relations`` holds only the drawn edges (both ends kept, type
    selected). ``levels`` (prerequisite views only) maps a concept id to its
    row, 0 at the top. ``available`` counts the concepts the selection
    found before ``limit`` cut it (equal to ``len(concepts)`` when nothing
    was cut); ``depth`` is the hop count of an ``around`` view.
    """

    concepts: list[dict]
    relations: list[dict]
    centre: str | None = None
    hierarchical: bool = False
    levels: dict[str, int] = field(default_factory=dict)
    available: int = 0
    limit: int | None = None
    depth: int | None = None

    @property
    def cut(self) -> bool:
        """Whether ``limit`` left concepts out."""
        return self.available > len(self.concepts)

    @property
    def overview(self) -> bool:
        """A view of the whole graph (no centre), where unconnected concepts are set apart."""
        return self.centre is None

    @property
    def isolated(self) -> set[str]:
        """Ids of the drawn concepts no drawn relation touches."""
        linked = {end for r in self.relations for end in (r["source"], r["target"])}
        return {c["id"] for c in self.concepts} - linked


def select_view(
    export: dict,
    *,
    around: str | None = None,
    depth: int = 1,
    prereqs_of: str | None = None,
    types: Collection[str] | None = None,
    with_related: bool = False,
    min_mentions: int = 0,
    categories: Collection[str] | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> GraphView:
    """Choose the concepts and relations a page shows.

    Every option is a condition on concepts or relations and the view keeps
    what meets all of them; the ``around``/``prereqs_of`` centre is always
    kept. Hops and ancestors are counted in the whole graph, so
    ``around="lora", depth=2, categories=["model"]`` gives the models two
    hops from LoRA even when the concept between them is not a model.

    Without ``types``, the whole graph draws every relation type but
    ``PREREQUISITE_OF``; a neighbourhood walks and draws the stated types
    (``IS_A`` … ``COMPARED_WITH``), and ``RELATED_TO`` too with
    ``with_related``, since co-occurrence links would soon reach a large
    part of the graph; a prerequisite view draws only ``PREREQUISITE_OF``.

    Parameters
    ----------
    export : dict
        A graph in the ``kg-export`` form.
    around : str, optional
        Concept id; keep concepts within ``depth`` hops of it, along the
        selected relation types in either direction.
    depth : int
        Hops for ``around`` (0 keeps the centre alone).
    prereqs_of : str, optional
        Concept id; keep it and every concept it transitively depends on
        along ``PREREQUISITE_OF``, laid out top-down (prerequisites on top).
    types : collection of str, optional
        Relation types to draw (and to walk for ``around``).
    with_related : bool
        Add ``RELATED_TO`` to the types drawn and walked.
    min_mentions : int
        Drop concepts mentioned fewer times.
    categories : collection of str, optional
        Keep only concepts of these categories.
    limit : int, optional
        At most this many concepts around ``around``: nearer ones first,
        then those joined by the more confident relation, then the more
        mentioned, so that (filters aside) every kept concept is joined to
        the centre through kept concepts. None for no limit.

    Returns
    -------
    GraphView

    Raises
    ------
    UnknownConceptError
        ``around`` or ``prereqs_of`` is not a concept id of the export.
    InvalidViewOptionError
        Both centres given, a negative depth or limit, or an unknown type or
        category.
    MalformedExportError
        The export lacks its lists or a relation names a missing concept.

    Examples
    --------
    >>> export = {"concepts": [
    ...     {"id": "lora", "name": "LoRA", "category": "method", "mentions": 3},
    ...     {"id": "qlora", "name": "QLoRA", "category": "method", "mentions": 1},
    ...     {"id": "bert", "name": "BERT", "category": "model", "mentions": 9}],
    ...   "relations": [{"source": "qlora", "target": "lora", "type": "EXTENDS"}]}
    >>> [c["id"] for c in select_view(export, around="lora").concepts]
    ['lora', 'qlora']
    >>> view = select_view(export, around="lora", limit=1)
    >>> [c["id"] for c in view.concepts], view.available, view.cut
    (['lora'], 2, True)
    """
    concepts = concepts_by_id(export)
    relations = _checked_relations(export, concepts)
    if around is not None and prereqs_of is not None:
        raise InvalidViewOptionError("give either around or prereqs_of, not both")
    if depth < 0:
        raise InvalidViewOptionError(f"depth must be 0 or more, not {depth}")
    if limit is not None and limit < 1:
        raise InvalidViewOptionError(f"limit must be 1 or more, not {limit}")
    centre = around if around is not None else prereqs_of
    if centre is not None and centre not in concepts:
        raise UnknownConceptError(centre, _closest_ids(centre, concepts))
    edge_types = _edge_types(types, relations, around=around is not None,
                             prerequisite_view=prereqs_of is not None, with_related=with_related)
    wanted_categories = _categories(categories, concepts)

    if around is not None:
        reachable = _neighbourhood(around, concepts, relations, edge_types, depth)
    elif prereqs_of is not None:
        reachable = list(_ancestors(prereqs_of, relations))
    else:
        reachable = list(concepts)
    passing = [
        cid for cid in reachable
        if cid == centre or _passes(concepts[cid], min_mentions, wanted_categories)
    ]
    cut_at = limit if around is not None and limit is not None else len(passing)
    kept = set(passing[:cut_at])
    drawn = [
        r for r in relations
        if r["type"] in edge_types and r["source"] in kept and r["target"] in kept
    ]
    levels = _prerequisite_levels(reachable, relations) if prereqs_of is not None else {}
    return GraphView(
        concepts=[c for cid, c in concepts.items() if cid in kept],
        relations=drawn,
        centre=centre,
        hierarchical=prereqs_of is not None,
        levels={cid: level for cid, level in levels.items() if cid in kept},
        available=len(passing),
        limit=limit if around is not None else None,
        depth=depth if around is not None else None,
    )


def concepts_by_id(export: dict) -> dict[str, dict]:
    """The export's concepts keyed by id, in export order.

    Raises
    ------
    MalformedExportError
        ``concepts`` is missing, or a concept has no ``id``.
    """
    if not isinstance(export, dict) or not isinstance(export.get("concepts"), list):
        raise MalformedExportError("export has no 'concepts' list (see spec/export.md)")
    concepts = {}
    for concept in export["concepts"]:
        if not isinstance(concept, dict) or "id" not in concept:
            raise MalformedExportError(f"concept without an id: {concept!r:.80}")
        concepts[concept["id"]] = concept
    return concepts


def _checked_relations(export: dict, concepts: dict[str, dict]) -> list[dict]:
    """The export's relations, each checked to join two known concepts.

    Raises
    ------
    MalformedExportError
        ``relations`` is not a list, or a relation lacks a field or names a
        concept that is not in ``concepts``.
    """
    relations = export.get("relations", [])
    if not isinstance(relations, list):
        raise MalformedExportError("export 'relations' is not a list")
    for relation in relations:
        if not isinstance(relation, dict) or not {"source", "target", "type"} <= relation.keys():
            raise MalformedExportError(f"relation needs source, target and type: {relation!r:.80}")
        for end in (relation["source"], relation["target"]):
            if end not in concepts:
                raise MalformedExportError(
                    f"relation {relation['source']} -{relation['type']}-> {relation['target']} "
                    f"names unknown concept {end!r}"
                )
    return relations


def _closest_ids(wanted: str, concepts: dict[str, dict], limit: int = 3) -> list[str]:
    """Concept ids that look like ``wanted`` (by id, name or alias)."""
    by_form = {}
    for cid, concept in concepts.items():
        for form in (cid, concept.get("name", ""), *concept.get("aliases", ())):
            by_form.setdefault(str(form).lower(), cid)
    matches = difflib.get_close_matches(wanted.lower(), list(by_form), n=limit * 3, cutoff=0.5)
    return list(dict.fromkeys(by_form[m] for m in matches))[:limit]


def _as_set(values: Collection[str]) -> set[str]:
    """``values`` as a set, taking a lone string as one value, not its letters."""
    return {values} if isinstance(values, str) else set(values)


def _edge_types(
    types: Collection[str] | None, relations: list[dict], *,
    around: bool, prerequisite_view: bool, with_related: bool,
) -> set[str]:
    """The relation types a view draws and walks.

    Raises
    ------
    InvalidViewOptionError
        ``types`` names a type neither the spec nor the export knows.
    """
    present = {r["type"] for r in relations}
    if types is not None:
        chosen = _as_set(types)
        unknown = chosen - set(RELATION_TYPES) - present
        if unknown:
            raise InvalidViewOptionError(
                f"unknown relation type {', '.join(sorted(unknown))}; "
                f"known: {', '.join(RELATION_TYPES)}"
            )
    elif prerequisite_view:
        chosen = {PREREQUISITE}
    elif around:
        chosen = set(STATED_TYPES) | (present - set(RELATION_TYPES))
    else:
        chosen = (set(RELATION_TYPES) | present) - {PREREQUISITE}
    return chosen | {RELATED} if with_related else chosen


def _categories(categories: Collection[str] | None, concepts: dict[str, dict]) -> set[str] | None:
    """The categories a view keeps, or None for all.

    Raises
    ------
    InvalidViewOptionError
        A category neither the model nor the export knows.
    """
    if categories is None:
        return None
    chosen = _as_set(categories)
    known = set(CATEGORIES) | {c.get("category") for c in concepts.values()}
    unknown = chosen - known
    if unknown:
        raise InvalidViewOptionError(
            f"unknown category {', '.join(sorted(unknown))}; known: {', '.join(CATEGORIES)}"
        )
    return chosen


def _passes(concept: dict, min_mentions: int, categories: set[str] | None) -> bool:
    """Whether ``concept`` meets the mention and category filters."""
    if concept.get("mentions", 0) < min_mentions:
        return False
    return categories is None or concept.get("category") in categories


def _neighbourhood(
    centre: str, concepts: dict[str, dict], relations: list[dict], types: set[str], depth: int
) -> list[str]:
    """Concepts within ``depth`` hops of ``centre`` (edges taken either way), best first.

    Grown one concept at a time from the centre, always taking the waiting
    concept that is fewest hops away, then the one joined to what is taken
    by the most confident relation, then the most mentioned: any first
    ``n`` of the result form a connected neighbourhood of the centre.
    """
    joined = defaultdict(dict)  # concept -> neighbour -> best confidence between them
    for relation in relations:
        if relation["type"] in types and relation["source"] != relation["target"]:
            source, target = relation["source"], relation["target"]
            confidence = relation.get("confidence") or 0.0
            for one, other in ((source, target), (target, source)):
                joined[one][other] = max(joined[one].get(other, 0.0), confidence)
    mentions = lambda cid: concepts[cid].get("mentions", 0)  # noqa: E731
    taken, order = set(), []
    waiting = [(0, 0.0, 0, centre)]
    while waiting:
        hop, _, _, cid = heapq.heappop(waiting)
        if cid in taken:
            continue  # taken already, nearer or through a better link
        taken.add(cid)
        order.append(cid)
        if hop < depth:
            for other, confidence in joined[cid].items():
                if other not in taken:
                    heapq.heappush(waiting, (hop + 1, -confidence, -mentions(other), other))
    return order


def _ancestors(centre: str, relations: list[dict]) -> set[str]:
    """``centre`` and every concept that is, transitively, a prerequisite of it."""
    prerequisites = defaultdict(list)
    for relation in relations:
        if relation["type"] == PREREQUISITE:
            prerequisites[relation["target"]].append(relation["source"])
    seen, queue = {centre}, deque([centre])
    while queue:
        for source in prerequisites[queue.popleft()]:
            if source not in seen:
                seen.add(source)
                queue.append(source)
    return seen


def _prerequisite_levels(ids: set[str], relations: list[dict]) -> dict[str, int]:
    """Row of each concept in a top-down prerequisite layout, 0 at the top.

    A concept sits right above the highest row of what needs it (the
    longest chain of dependents below it fixes its row), so every
    prerequisite is drawn above what depends on it and as near its first
    use as it can be: a basic concept needed only by the target is not
    lifted to the top row. The derive stage makes the graph a DAG; should
    a cycle slip through, the concepts it holds up go on the top row
    rather than failing the page.
    """
    above = defaultdict(set)
    below = defaultdict(set)
    for relation in relations:
        source, target = relation["source"], relation["target"]
        if relation["type"] == PREREQUISITE and source in ids and target in ids and source != target:
            above[target].add(source)
            below[source].add(target)
    waiting = {cid: len(below[cid]) for cid in ids}
    chain = {}  # concept -> longest chain of dependents below it
    ready = deque(sorted(cid for cid, count in waiting.items() if count == 0))
    while ready:
        cid = ready.popleft()
        chain[cid] = max((chain[d] + 1 for d in below[cid]), default=0)
        for prerequisite in sorted(above[cid]):
            waiting[prerequisite] -= 1
            if waiting[prerequisite] == 0:
                ready.append(prerequisite)
    held_up = max(chain.values(), default=-1) + 1
    for cid in ids - chain.keys():
        chain[cid] = held_up
    bottom = max(chain.values(), default=0)
    return {cid: bottom - length for cid, length in chain.items()}
