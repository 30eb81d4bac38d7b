"""Start positions for a big graph's page, computed in Python.

``start_layout`` gives each Louvain community of the drawn graph its own
patch (a spring layout, or a sunflower where that is too big), so the page's
physics only polishes. A small graph, and a prerequisite view (rows by
level), are left to vis-network. Concepts the page sets apart (unconnected
ones in an overview, placed by the page when shown) take no part.
"""
from __future__ import annotations

import math
from collections.abc import Collection

import networkx as nx

from kg.views.subgraph import GraphView

__all__ = ["SMALL_GRAPH", "start_layout"]

SMALL_GRAPH = 100
# Start layout: distance between neighbouring concepts of a community, and
# extra room between communities.
START_SPACING = 60.0
COMMUNITY_GAP = 1.4
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# networkx lays out at most this many nodes with its dense (numpy) spring
# layout; bigger communities get the sunflower.
SPRING_LIMIT = 400


def start_layout(
    view: GraphView, apart: Collection[str] = ()
) -> tuple[dict[str, tuple[float, float]], dict[str, int]]:
    """Start positions and communities of the concepts not in ``apart``, or
    nothing where vis-network places nodes itself."""
    if view.hierarchical or len(view.concepts) - len(apart) <= SMALL_GRAPH:
        return {}, {}
    return _initial_positions(view, set(apart))


def _initial_positions(
    view: GraphView, apart: set[str], seed: int = 1
) -> tuple[dict[str, tuple[float, float]], dict[str, int]]:
    """Start positions that give each community of the graph its own patch.

    Louvain communities sit apart on a sunflower spiral (largest in the
    middle), each laid out on its own; the page's physics then only
    polishes. Started from vis-network's default (every node on one ring),
    a 2,000-node graph needs hundreds of iterations, and its communities
    still end up in one ball. Seeded, so an export always gives the same
    page.

    Returns
    -------
    positions : dict
        Concept id to (x, y).
    community_of : dict
        Concept id to its community's index.
    """
    graph = nx.Graph()
    graph.add_nodes_from(c["id"] for c in view.concepts if c["id"] not in apart)
    graph.add_edges_from((r["source"], r["target"]) for r in view.relations)
    order = {cid: i for i, cid in enumerate(graph)}
    communities = sorted(
        nx.community.louvain_communities(graph, seed=seed),
        key=lambda members: (-len(members), min(order[m] for m in members)),
    )
    positions = {}
    community_of = {}
    placed = 0
    for index, members in enumerate(communities):
        community_of.update(dict.fromkeys(members, index))
        radius = START_SPACING * COMMUNITY_GAP * math.sqrt(placed + len(members) / 2)
        placed += len(members)
        centre_x, centre_y = _polar(radius, index * GOLDEN_ANGLE)
        for cid, (x, y) in _community_layout(_induced(graph, members, order), order, seed).items():
            positions[cid] = (round(centre_x + x, 1), round(centre_y + y, 1))
    return positions, community_of


def _induced(graph: nx.Graph, members: set[str], order: dict[str, int]) -> nx.Graph:
    """The subgraph on ``members``, nodes in export order.

    ``graph.subgraph`` may iterate its nodes in set order, which changes
    with the hash seed, and the spring layout follows node order.
    """
    ordered = sorted(members, key=order.__getitem__)
    community = nx.Graph()
    community.add_nodes_from(ordered)
    community.add_edges_from((u, v) for u in ordered for v in graph[u] if v in members)
    return community


def _community_layout(
    community: nx.Graph, order: dict[str, int], seed: int
) -> dict[str, tuple[float, float]]:
    """One community's concepts around (0, 0), about ``START_SPACING`` apart.

    A spring layout (networkx, dense, needs numpy) when the community is
    small enough for it, else a sunflower with the hubs in the middle.
    """
    extent = START_SPACING * math.sqrt(len(community))
    if 2 < len(community) <= SPRING_LIMIT:
        try:
            layout = nx.spring_layout(community, seed=seed, scale=extent)
        except ImportError:
            pass  # no numpy: the sunflower below still groups the community
        else:
            return {cid: (float(x), float(y)) for cid, (x, y) in layout.items()}
    ranked = sorted(community, key=lambda cid: (-community.degree(cid), order[cid]))
    return {
        cid: _polar(START_SPACING * math.sqrt(rank + 0.5), rank * GOLDEN_ANGLE)
        for rank, cid in enumerate(ranked)
    }


def _polar(radius: float, angle: float) -> tuple[float, float]:
    return radius * math.cos(angle), radius * math.sin(angle)
