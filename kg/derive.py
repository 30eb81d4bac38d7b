"""Derive: prerequisites ("learn X before Y") from the stated relations.

Only relations that imply a learning order give one, in the order a teacher
would sign: the base before what extends it, the parts a model is built
from and the methods it uses before the model, a problem before its remedy.
Some relations of those types still imply nothing:

* a detail or a measure is not learned before the thing it belongs to
  (stride is part of a convolution, learned with it, not before);
* a library or a dataset a note happens to use is no prerequisite;
* a family is not a prerequisite of each member (LoRA IS_A PEFT: LoRA is
  learned as one kind of PEFT, not after it; VGG16 IS_A VGGNet): IS_A gives
  an order only when the general one is an architecture the specific one is
  built as (Q-Former IS_A Transformer, AlexNet IS_A CNN).

The result is always a DAG: cycles are broken at their weakest edge, and
each break is reported.
"""
from __future__ import annotations

from collections import defaultdict

from kg.model import Relation

__all__ = ["PREREQUISITE_RULES", "LEARNED_FIRST", "derive_prerequisites"]

# relation type -> (is the prerequisite its source?, how strongly it implies one)
PREREQUISITE_RULES: dict[str, tuple[bool, float]] = {
    "EXTENDS": (False, 1.0),   # QLoRA EXTENDS LoRA: LoRA first
    "PART_OF": (True, 0.9),    # Q-Former PART_OF BLIP2: Q-Former first
    "USES": (False, 0.8),      # BLIP2 USES Q-Former: Q-Former first
    "ADDRESSES": (False, 0.5),  # Dropout ADDRESSES 过拟合: 过拟合 first
    "IS_A": (False, 0.7),      # AlexNet IS_A CNN: CNN first, when CNN is an architecture
}

# relation type -> the categories the prerequisite may have; None: any
LEARNED_FIRST: dict[str, frozenset[str] | None] = {
    "EXTENDS": None,
    # parts worth learning first: components, techniques, sub-models; not details, measures or tools
    "PART_OF": frozenset({"component", "technique", "method", "model", "loss", "optimizer"}),
    # what a model uses, except the libraries, datasets and measures of a note's examples
    "USES": frozenset({"component", "technique", "method", "model", "loss", "optimizer", "concept"}),
    "ADDRESSES": frozenset({"problem"}),
    # an architecture, not a family of methods (PEFT), a category label or a version family
    "IS_A": frozenset({"model"}),
}
# cues of relations read off names, not stated: a family gives no order before its sizes
_NAME_ONLY = ("family: a size of",)


def _learned_first(rtype: str, category: str | None) -> bool:
    """Is the prerequisite side of a ``rtype`` relation worth learning first? Without categories
    every order holds but that of IS_A, which needs to know the general one is an architecture."""
    allowed = LEARNED_FIRST[rtype]
    if allowed is None:
        return True
    return rtype != "IS_A" if category is None else category in allowed


def derive_prerequisites(relations: list[Relation], categories: dict[str, str] | None = None) -> tuple[list[Relation], list[dict]]:
    """``PREREQUISITE_OF`` relations (a DAG) and the edges removed to break cycles.

    ``categories`` (concept id -> category) decides which parts and used
    things are worth learning first; without it every one is.

    >>> from kg.model import Relation
    >>> prereqs, broken = derive_prerequisites([Relation("qlora", "lora", "EXTENDS", 0.9)])
    >>> [(r.source, r.target) for r in prereqs], broken
    ([('lora', 'qlora')], [])
    >>> derive_prerequisites([Relation("conv", "stride", "USES", 0.9)], {"stride": "metric"})[0]
    []
    """
    import networkx as nx

    categories = categories or {}
    reasons: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for rel in relations:
        rule = PREREQUISITE_RULES.get(rel.type)
        if rule is None:
            continue
        source_first, strength = rule
        before, after = (rel.source, rel.target) if source_first else (rel.target, rel.source)
        if not _learned_first(rel.type, categories.get(before, "concept") if categories else None):
            continue
        if rel.cues and all(cue.startswith(_NAME_ONLY) for cue in rel.cues):
            continue
        reasons[(before, after)].append(rel)
        weights[(before, after)] = max(weights[(before, after)], rel.confidence * strength)

    graph = nx.DiGraph()
    graph.add_edges_from(reasons)
    broken: list[dict] = []
    while True:
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            break
        weakest = min(((u, v) for u, v in cycle), key=lambda e: (weights[e], e))
        graph.remove_edge(*weakest)
        broken.append({
            "before": weakest[0],
            "after": weakest[1],
            "weight": round(weights[weakest], 4),
            "cycle": [u for u, _ in cycle],
        })

    prerequisites = []
    for before, after in sorted(graph.edges):
        stated = sorted(reasons[(before, after)], key=lambda r: (-r.confidence, r.type))
        prerequisites.append(Relation(
            before, after, "PREREQUISITE_OF", round(weights[(before, after)], 4),
            [ev for r in stated for ev in r.evidence][:3],
            [{"type": r.type, "source": r.source, "target": r.target} for r in stated],
        ))
    return prerequisites, broken
