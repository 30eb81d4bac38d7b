"""Derive: prerequisites ("learn X before Y") from the stated relations.

The base before what extends it, parts and used techniques before the whole,
the general kind before the specific, a problem before what solves it.  The
result is always a DAG: cycles are broken at their weakest edge, and each
break is reported.
"""
from __future__ import annotations

from collections import defaultdict

from kg.model import Relation

__all__ = ["PREREQUISITE_RULES", "derive_prerequisites"]

# relation type -> (is the prerequisite its source?, how strongly it implies one)
PREREQUISITE_RULES: dict[str, tuple[bool, float]] = {
    "EXTENDS": (False, 1.0),   # QLoRA EXTENDS LoRA: LoRA first
    "PART_OF": (True, 0.9),    # Q-Former PART_OF BLIP2: Q-Former first
    "USES": (False, 0.8),      # BLIP2 USES Q-Former: Q-Former first
    "IS_A": (False, 0.7),      # LoRA IS_A PEFT: PEFT first
    "ADDRESSES": (False, 0.5),  # Dropout ADDRESSES 过拟合: 过拟合 first
}


def derive_prerequisites(relations: list[Relation]) -> tuple[list[Relation], list[dict]]:
    """``PREREQUISITE_OF`` relations (a DAG) and the edges removed to break cycles.

    >>> from kg.model import Relation
    >>> prereqs, broken = derive_prerequisites([Relation("qlora", "lora", "EXTENDS", 0.9)])
    >>> [(r.source, r.target) for r in prereqs], broken
    ([('lora', 'qlora')], [])
    """
    import networkx as nx

    reasons: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for rel in relations:
        rule = PREREQUISITE_RULES.get(rel.type)
        if rule is None:
            continue
        source_first, strength = rule
        before, after = (rel.source, rel.target) if source_first else (rel.target, rel.source)
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
