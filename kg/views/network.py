"""The network a page draws: vis-network nodes, edges, styles and options.

:func:`page_data` turns a :class:`~kg.views.subgraph.GraphView` and the
export it came from into the JSON the page script (``page.js``) reads: the
nodes and edges with their start positions or rows, the look of each
category and relation type, vis-network's options (a layout computed once),
the legend, and the cards' content (:mod:`kg.views.cards`) with links to
the notes (:mod:`kg.views.links`).
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from kg.model import CATEGORIES, RELATION_TYPES, SYMMETRIC_TYPES
from kg.views.cards import REASONS, card_data
from kg.views.layout import SMALL_GRAPH, start_layout
from kg.views.links import note_links
from kg.views.subgraph import PREREQUISITE, GraphView

__all__ = ["CATEGORY_COLOURS", "RELATION_COLOURS", "page_data", "set_apart"]

CATEGORY_COLOURS = {
    "model": "#4e79a7",
    "method": "#f28e2b",
    "component": "#59a14f",
    "loss": "#e15759",
    "optimizer": "#b07aa1",
    "metric": "#76b7b2",
    "problem": "#ff9da7",
    "task": "#9c755f",
    "technique": "#edc948",
    "dataset": "#8cd17d",
    "tool": "#79706e",
    "concept": "#bab0ac",
}
OTHER_CATEGORY_COLOUR = "#d3d3d3"

RELATION_COLOURS = {
    "IS_A": "#1f77b4",
    "PART_OF": "#2ca02c",
    "USES": "#ff7f0e",
    "EXTENDS": "#9467bd",
    "ADDRESSES": "#d62728",
    "COMPARED_WITH": "#17becf",
    "RELATED_TO": "#b0b0b0",
    PREREQUISITE: "#8c564b",
}
OTHER_RELATION_COLOUR = "#888888"

# barnesHut as tuned on a 2,000-node graph (bench/html_stabilise.py): a
# looser theta than vis-network's 0.5 halves the cost of an iteration with
# no visible loss, and weak central gravity keeps the communities laid out
# in Python from collapsing into one ball.
FORCE_LAYOUT = {
    "gravitationalConstant": -6000,
    "centralGravity": 0.05,
    "springLength": 110,
    "springConstant": 0.04,
    "damping": 0.4,
    "avoidOverlap": 0.05,
    "theta": 1.0,
}
# A small graph has no communities to keep apart: stronger gravity holds
# its components together, and overlap avoidance is affordable.
SMALL_FORCE_LAYOUT = {"centralGravity": 0.3, "avoidOverlap": 0.3}
BIG_GRAPH = 500
# Dots grow with the square root of a concept's mentions, from the least to
# the most mentioned concept drawn. Sized here rather than by vis-network's
# ``scaling``: with a ``value`` per node, vis-network resizes every node at
# each change to any item, which makes focusing a big graph slow. Labels are
# sized by the page script for the zoom and the concept's rank; one it
# sizes below DRAW_THRESHOLD screen pixels is not drawn.
NODE_SIZES = (8, 40)
DRAW_THRESHOLD = 5
# The page's own font stack: a CJK face where the system has one.
FONT_FACE = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", sans-serif'
# A prerequisite view reads as rows: every label on one row fits in its
# node's slot (NODE_SPACING), wrapped to LABEL_WIDTH, and rows are far
# enough apart for a dot and three lines of label.
TREE_NODE_SIZES = (8, 20)
TREE_LABEL_SIZE = 16
LABEL_WIDTH = 130
NODE_SPACING = 160
LEVEL_SEPARATION = 140
# Past these sizes curved edges and long polishing cost more time than they
# buy in readability: iterations shrink as nodes grow, so a layout takes a
# few seconds whatever the size.
CURVED_EDGE_LIMIT = 1500
ITERATION_BUDGET = 150_000
MIN_ITERATIONS, MAX_ITERATIONS = 60, 500

# vis-network keeps nodes in plain objects, so an id that names an
# Object.prototype member ("constructor", "toString") breaks its physics.
_JS_OBJECT_NAMES = frozenset({
    "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
    "toLocaleString", "toString", "valueOf", "__proto__", "__defineGetter__",
    "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
})
_SAFE_PREFIX = "kg:"


def _darker(colour: str, factor: float = 0.7) -> str:
    """``#rrggbb`` scaled towards black (node borders)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in rgb)


def _category_colour(category: str | None) -> str:
    return CATEGORY_COLOURS.get(category, OTHER_CATEGORY_COLOUR)


def _relation_colour(relation_type: str) -> str:
    return RELATION_COLOURS.get(relation_type, OTHER_RELATION_COLOUR)


def _vis_id(concept_id: str) -> str:
    """The vis-network id of a concept: its own id where vis-network can take it.

    Ids that name an ``Object.prototype`` member get a prefix, and so do ids
    that already start with it, which keeps the mapping one to one.
    """
    if concept_id in _JS_OBJECT_NAMES or concept_id.startswith(_SAFE_PREFIX):
        return _SAFE_PREFIX + concept_id
    return concept_id


def _node_sizes(view: GraphView) -> dict[str, float]:
    """Dot radius of each concept: linear in the square root of its mentions."""
    low, high = TREE_NODE_SIZES if view.hierarchical else NODE_SIZES
    roots = {c["id"]: math.sqrt(max(c.get("mentions", 0), 0)) for c in view.concepts}
    least, most = min(roots.values(), default=0.0), max(roots.values(), default=0.0)
    if most == least:
        return {cid: (low + high) / 2 for cid in roots}
    return {cid: round(low + (root - least) / (most - least) * (high - low), 1) for cid, root in roots.items()}


def _vis_node(
    concept: dict, view: GraphView, size: float, position: tuple[float, float] | None, apart: bool
) -> dict:
    """A vis-network node for ``concept``: label, size, row or start point.

    Its colours come from the page script, by ``category`` (:func:`_styles`).
    A node set apart (unconnected, in an overview) starts hidden and out of
    the physics; the page shelves it below the graph when it is shown.
    """
    mentions = concept.get("mentions", 0)
    node = {
        "id": _vis_id(concept["id"]),
        "conceptId": concept["id"],
        "label": str(concept.get("name", concept["id"])),
        "category": str(concept.get("category", "")),
        "mentions": mentions,
        "size": size,
    }
    if concept["id"] == view.centre:
        node["borderWidth"] = 4
    if apart:
        node.update(isolated=True, hidden=True, physics=False)
    if view.hierarchical:
        node["level"] = view.levels.get(concept["id"], 0)
    elif position is not None:
        node["x"], node["y"] = position
    return node


def _reason(relation: dict) -> str:
    """The label of a prerequisite edge, read from the prerequisite down:
    "LoRA is extended by QLoRA" is labelled "is extended by"."""
    for derived in relation.get("derived_from", []):
        if not isinstance(derived, dict) or derived.get("type") not in REASONS:
            continue
        active, passive = REASONS[derived["type"]]
        return active if derived.get("source") == relation["source"] else passive
    return "before"


def _vis_edge(
    index: int,
    relation: dict,
    positions: dict[str, tuple[float, float]],
    community_of: dict[str, int],
) -> dict:
    """A vis-network edge for ``relation``, styled by the page script by type.

    ``text`` is the label the page shows on hover and around the focused
    concept. An edge between two communities gets its starting length as
    its spring's rest length, so the physics polish does not pull the
    communities into each other.
    """
    source, target = relation["source"], relation["target"]
    kind = relation["type"]
    edge = {"id": f"r{index}", "from": _vis_id(source), "to": _vis_id(target), "relationType": kind,
            "text": _reason(relation) if kind == PREREQUISITE else kind}
    if community_of and community_of[source] != community_of[target]:
        (x1, y1), (x2, y2) = positions[source], positions[target]
        edge["length"] = round(math.hypot(x1 - x2, y1 - y2), 1)
    return edge


def _node_style(category: str) -> dict:
    """vis-network colours of a category's nodes."""
    colour = _category_colour(category)
    return {"color": {
        "background": colour,
        "border": _darker(colour),
        "highlight": {"background": colour, "border": "#111111"},
        "hover": {"background": colour, "border": "#111111"},
    }}


def _edge_style(relation_type: str) -> dict:
    """vis-network look of a relation type's edges.

    Arrows run source to target except for the symmetric types.
    ``RELATED_TO`` (weak co-occurrence, often the most common type) is
    dashed grey, so the stated relations stand out.
    """
    colour = _relation_colour(relation_type)
    return {
        "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.85},
        "arrows": {"to": {"enabled": relation_type not in SYMMETRIC_TYPES, "scaleFactor": 0.6}},
        "dashes": relation_type == "RELATED_TO",
    }


def _styles(view: GraphView) -> dict:
    """Node styles by category and edge styles by type, for what the view draws."""
    categories = {str(c.get("category", "")) for c in view.concepts}
    types = {r["type"] for r in view.relations}
    return {
        "categories": {category: _node_style(category) for category in sorted(categories)},
        "relations": {relation_type: _edge_style(relation_type) for relation_type in sorted(types)},
    }


def _notice(view: GraphView) -> dict | None:
    """What the page says about a neighbourhood its limit cut, or None."""
    if not view.cut:
        return None
    return {"shown": len(view.concepts), "available": view.available, "limit": view.limit, "depth": view.depth}


def set_apart(view: GraphView) -> set[str]:
    """The concepts an overview hides until asked: those no drawn relation
    touches (all of them would be a blank page, so then none)."""
    return view.isolated if view.overview and view.relations else set()


def page_data(view: GraphView, export: dict, page: Path) -> dict:
    """Everything the page script needs, as plain JSON-ready data."""
    apart = set_apart(view)
    positions, community_of = start_layout(view, apart)
    sizes = _node_sizes(view)
    links = note_links(export.get("documents", []), page, export.get("base_dir"))
    return {
        "centre": view.centre,
        "hierarchical": view.hierarchical,
        "overview": view.overview,
        "notice": _notice(view),
        "options": _vis_options(view, len(view.concepts) - len(apart)),
        "nodes": [_vis_node(c, view, sizes[c["id"]], positions.get(c["id"]), c["id"] in apart) for c in view.concepts],
        "edges": [_vis_edge(i, r, positions, community_of) for i, r in enumerate(view.relations)],
        "styles": _styles(view),
        "typeColours": {t: _relation_colour(t) for t in RELATION_TYPES},
        "legend": _legend(view),
        **card_data(view, export, links),
    }


def _iterations(node_count: int) -> int:
    """Stabilisation iterations: many for small graphs, fewer for big ones."""
    return max(MIN_ITERATIONS, min(MAX_ITERATIONS, ITERATION_BUDGET // max(node_count, 1)))


def _vis_options(view: GraphView, laid_out: int) -> dict:
    """vis-network options: look, interaction, and a one-off layout of ``laid_out`` nodes."""
    big = laid_out > BIG_GRAPH
    stabilization = {
        "enabled": True,
        "iterations": _iterations(laid_out),
        "updateInterval": 25,
        "fit": True,
    }
    nodes = {
        "shape": "dot",
        "font": {"size": 14, "face": FONT_FACE, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "scaling": {"label": {"enabled": False, "drawThreshold": DRAW_THRESHOLD}},
    }
    if view.hierarchical:
        # Rows from the layout alone: physics would only shift nodes
        # sideways into each other's labels.
        layout = {"hierarchical": {
            "enabled": True, "direction": "UD", "sortMethod": "directed", "shakeTowards": "roots",
            "levelSeparation": LEVEL_SEPARATION, "nodeSpacing": NODE_SPACING, "treeSpacing": NODE_SPACING,
        }}
        physics = {"enabled": False}
        nodes["font"]["size"] = TREE_LABEL_SIZE
        nodes["widthConstraint"] = {"maximum": LABEL_WIDTH}
    else:
        # vis-network's own start (Kamada-Kawai) suits a small graph best;
        # for a big one it is slow and the Python start is better.
        small = laid_out <= SMALL_GRAPH
        layout = {"improvedLayout": small, "randomSeed": 1}
        physics = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {**FORCE_LAYOUT, **SMALL_FORCE_LAYOUT} if small else dict(FORCE_LAYOUT),
            "minVelocity": 0.2 if small else 1.5,
            "stabilization": stabilization,
        }
    if view.hierarchical:
        smooth = {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}
    elif len(view.relations) <= CURVED_EDGE_LIMIT:
        smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.12}
    else:
        smooth = False
    return {
        "autoResize": True,
        "nodes": nodes,
        "edges": {
            "width": 1.2,
            "selectionWidth": 2,
            "font": {"size": 11, "face": FONT_FACE, "color": "#444444", "strokeWidth": 4, "strokeColor": "#ffffff", "align": "horizontal"},
            "smooth": smooth,
        },
        "interaction": {
            "hover": True, "tooltipDelay": 150, "keyboard": False,
            "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
        },
        "layout": layout,
        "physics": physics,
    }


def _legend(view: GraphView) -> dict:
    """Categories and relation types present in the view, with colours and counts."""
    categories = Counter(str(c.get("category", "")) for c in view.concepts)
    ordered = [c for c in CATEGORIES if c in categories] + sorted(set(categories) - set(CATEGORIES))
    types = Counter(r["type"] for r in view.relations)
    ordered_types = [t for t in RELATION_TYPES if t in types] + sorted(set(types) - set(RELATION_TYPES))
    return {
        "categories": [[c, _category_colour(c), categories[c]] for c in ordered],
        "types": [[t, _relation_colour(t), t not in SYMMETRIC_TYPES, types[t]] for t in ordered_types],
    }
