"""The concept graph as one self-contained, offline HTML page (vis-network).

``write_html`` takes a graph in the export form of ``spec/export.md`` (what
``kg export json`` writes), keeps the part the caller asked for (a
neighbourhood, a concept's prerequisites, some relation types or
categories) and writes a page that needs nothing but a browser:

- vis-network's script and style (shipped inside the pyvis package) are
  inlined and a Content-Security-Policy forbids every other load, so opening
  the page makes no request to any host.
- Note text reaches the page only as JSON inside a
  ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
  escaped, and the page script puts it into the DOM with ``textContent``
  only; the CSP allows just the page's own scripts (by hash), so injected
  markup could not run even if it were parsed.
- The layout is computed once, then physics is switched off: vis-network's
  own for a small graph, a start from Python (communities apart) polished
  by a bounded number of physics iterations for a big one, top-down rows
  for a prerequisite view. ``window.kgReady`` and ``window.kgStabilisedMs``
  tell tests and benchmarks when and how fast.

Which part of the export is drawn is chosen in :mod:`kg.views.subgraph`;
the start layout of a big graph comes from :mod:`kg.views.layout`. The page
script lives in ``html_template.html`` beside this module.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.files import write_atomically
from kg.model import CATEGORIES, RELATION_TYPES, SYMMETRIC_TYPES
from kg.views.layout import SMALL_GRAPH, start_layout
from kg.views.subgraph import (
    PREREQUISITE,
    GraphView,
    InvalidViewOptionError,
    MalformedExportError,
    UnknownConceptError,
    ViewError,
    concepts_by_id,
    select_view,
)

__all__ = [
    "HtmlSummary",
    "GraphView",
    "ViewError",
    "UnknownConceptError",
    "InvalidViewOptionError",
    "MalformedExportError",
    "AssetError",
    "CATEGORY_COLOURS",
    "RELATION_COLOURS",
    "select_view",
    "render_page",
    "write_html",
]

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
MIN_NODE_SIZE = 8.0
MAX_NODE_SIZE = 40.0
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

_TEMPLATE_NAME = "html_template.html"
_PLACEHOLDER = re.compile(r"\{\{(KG_[A-Z_]+)\}\}")
_EXECUTABLE_SCRIPT = re.compile(r"<script(?![^>]*\btype=)[^>]*>(.*?)</script>", re.S)


class AssetError(RuntimeError):
    """vis-network's files are missing from pyvis or cannot be inlined safely."""


@dataclass(frozen=True)
class HtmlSummary:
    """What :func:`write_html` drew: node and edge counts and the page path."""

    nodes: int
    edges: int
    path: Path


# --------------------------------------------------------------------------
# What the page script receives
# --------------------------------------------------------------------------


def _node_size(mentions: int) -> float:
    """Dot radius for a concept: square root of its mentions, clamped."""
    size = MIN_NODE_SIZE + 4.0 * math.sqrt(max(mentions, 0))
    return round(min(size, MAX_NODE_SIZE), 1)


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


def _vis_node(concept: dict, view: GraphView, position: tuple[float, float] | None) -> dict:
    """A vis-network node for ``concept``: label, size, row or start point.

    Its colours come from the page script, by ``category`` (:func:`_styles`).
    """
    size = _node_size(concept.get("mentions", 0))
    node = {
        "id": _vis_id(concept["id"]),
        "conceptId": concept["id"],
        "label": str(concept.get("name", concept["id"])),
        "category": str(concept.get("category", "")),
        "size": size,
        # Labels grow with the node: zoomed out, vis-network hides small
        # text, so the names of the most mentioned concepts stay readable.
        "font": {"size": round(12 + 0.35 * size)},
    }
    if concept["id"] == view.centre:
        node["borderWidth"] = 4
    if view.hierarchical:
        node["level"] = view.levels.get(concept["id"], 0)
    elif position is not None:
        node["x"], node["y"] = position
    return node


def _vis_edge(
    index: int,
    relation: dict,
    positions: dict[str, tuple[float, float]],
    community_of: dict[str, int],
) -> dict:
    """A vis-network edge for ``relation``, styled by the page script by type.

    An edge between two communities gets its starting length as its
    spring's rest length, so the physics polish does not pull the
    communities into each other.
    """
    source, target = relation["source"], relation["target"]
    edge = {"id": f"r{index}", "from": _vis_id(source), "to": _vis_id(target),
            "relationType": relation["type"]}
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
    dashed grey without a label, so the stated relations stand out; its
    tooltip and the legend still name it.
    """
    colour = _relation_colour(relation_type)
    related = relation_type == "RELATED_TO"
    return {
        "label": "" if related else relation_type,
        "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.85},
        "arrows": {"to": {"enabled": relation_type not in SYMMETRIC_TYPES, "scaleFactor": 0.6}},
        "dashes": related,
    }


def _styles(view: GraphView) -> dict:
    """Node styles by category and edge styles by type, for what the view draws."""
    categories = {str(c.get("category", "")) for c in view.concepts}
    types = {r["type"] for r in view.relations}
    return {
        "categories": {category: _node_style(category) for category in sorted(categories)},
        "relations": {relation_type: _edge_style(relation_type) for relation_type in sorted(types)},
    }


def _documents_by_id(export: dict) -> dict[str, dict]:
    return {d["id"]: d for d in export.get("documents", []) if isinstance(d, dict) and "id" in d}


def _evidence_item(evidence: dict, documents: dict[str, dict]) -> dict:
    """One evidence entry with its document path resolved."""
    doc = documents.get(evidence.get("doc"), {})
    return {
        "path": doc.get("path", evidence.get("doc", "?")),
        "line": evidence.get("line"),
        "text": str(evidence.get("text", "")),
    }


def _document_lines(concept: dict, relations: Iterable[dict], documents: dict[str, dict]) -> list[dict]:
    """The concept's documents with the lines known to mention it.

    Lines come from ``concepts[].lines`` (``{doc: [line, ...]}``) when the
    export carries it, else from the evidence of the concept's relations.
    """
    lines = defaultdict(set)
    declared = concept.get("lines")
    if isinstance(declared, dict):
        for doc, numbers in declared.items():
            lines[doc].update(n for n in numbers if isinstance(n, int))
    else:
        for relation in relations:
            for evidence in relation.get("evidence", []):
                if isinstance(evidence.get("line"), int):
                    lines[evidence.get("doc")].add(evidence["line"])
    doc_ids = list(dict.fromkeys([*concept.get("documents", []), *lines]))
    return [
        {
            "path": documents.get(doc, {}).get("path", doc),
            "title": documents.get(doc, {}).get("title"),
            "lines": sorted(lines.get(doc, ())),
        }
        for doc in doc_ids
        if doc is not None
    ]


def _card_concept(concept: dict, shown: bool, relations: list[dict], documents: dict) -> dict:
    """What a concept's card and tooltip show."""
    card = {
        "name": str(concept.get("name", concept["id"])),
        "category": str(concept.get("category", "")),
        "shown": shown,
    }
    if shown:
        card.update(
            aliases=[str(a) for a in concept.get("aliases", [])],
            mentions=concept.get("mentions", 0),
            documents=_document_lines(concept, relations, documents),
        )
    return card


def _card_data(view: GraphView, export: dict) -> tuple[dict[str, dict], list[dict]]:
    """What the cards show: concepts by id, and every relation of a drawn concept.

    A card lists all relations of its concept, also those the filters left
    out of the drawing (marked by ``edge`` being None); concepts at their
    far end come with their name only.
    """
    documents = _documents_by_id(export)
    all_concepts = concepts_by_id(export)
    shown = {c["id"] for c in view.concepts}
    edge_ids = {id(r): f"r{i}" for i, r in enumerate(view.relations)}
    touching = [r for r in export.get("relations", []) if r["source"] in shown or r["target"] in shown]
    relations_of = defaultdict(list)
    for relation in touching:
        relations_of[relation["source"]].append(relation)
        relations_of[relation["target"]].append(relation)
    card_ids = dict.fromkeys([*(c["id"] for c in view.concepts), *relations_of])
    concepts = {
        cid: _card_concept(all_concepts[cid], cid in shown, relations_of[cid], documents)
        for cid in card_ids
    }
    relations = [
        {
            "source": r["source"],
            "target": r["target"],
            "type": r["type"],
            "confidence": r.get("confidence"),
            "evidence": [_evidence_item(e, documents) for e in r.get("evidence", [])],
            "edge": edge_ids.get(id(r)),
        }
        for r in touching
    ]
    return concepts, relations


def _page_data(view: GraphView, export: dict) -> dict:
    """Everything the page script needs, as plain JSON-ready data."""
    positions, community_of = start_layout(view)
    concepts, relations = _card_data(view, export)
    return {
        "centre": view.centre,
        "hierarchical": view.hierarchical,
        "options": _vis_options(view),
        "nodes": [_vis_node(c, view, positions.get(c["id"])) for c in view.concepts],
        "edges": [_vis_edge(i, r, positions, community_of) for i, r in enumerate(view.relations)],
        "styles": _styles(view),
        "concepts": concepts,
        "relations": relations,
        "typeColours": {t: _relation_colour(t) for t in sorted({r["type"] for r in relations})},
        "legend": _legend(view),
    }


def _iterations(node_count: int) -> int:
    """Stabilisation iterations: many for small graphs, fewer for big ones."""
    return max(MIN_ITERATIONS, min(MAX_ITERATIONS, ITERATION_BUDGET // max(node_count, 1)))


def _vis_options(view: GraphView) -> dict:
    """vis-network options: look, interaction, and a one-off layout."""
    big = len(view.concepts) > BIG_GRAPH
    stabilization = {
        "enabled": True,
        "iterations": _iterations(len(view.concepts)),
        "updateInterval": 25,
        "fit": True,
    }
    if view.hierarchical:
        layout = {"hierarchical": {
            "enabled": True, "direction": "UD", "sortMethod": "directed",
            "levelSeparation": 120, "nodeSpacing": 170, "treeSpacing": 220,
        }}
        physics = {
            "enabled": True, "solver": "hierarchicalRepulsion",
            "hierarchicalRepulsion": {"nodeDistance": 160, "avoidOverlap": 0.6},
            "stabilization": stabilization,
        }
    else:
        # vis-network's own start (Kamada-Kawai) suits a small graph best;
        # for a big one it is slow and the Python start is better.
        small = len(view.concepts) <= SMALL_GRAPH
        layout = {"improvedLayout": small, "randomSeed": 1}
        physics = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {**FORCE_LAYOUT, **SMALL_FORCE_LAYOUT} if small else dict(FORCE_LAYOUT),
            "minVelocity": 0.2 if small else 1.5,
            "stabilization": stabilization,
        }
    curved = len(view.relations) <= CURVED_EDGE_LIMIT
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "font": {"size": 14, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "width": 1.2,
            "selectionWidth": 2,
            "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.12} if curved else False,
        },
        "interaction": {
            "hover": True, "tooltipDelay": 150, "keyboard": False,
            "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
        },
        "layout": layout,
        "physics": physics,
    }


def _legend(view: GraphView) -> dict:
    """Categories and relation types present in the view, with their colours."""
    present = {c.get("category") for c in view.concepts}
    ordered = [c for c in CATEGORIES if c in present] + sorted(str(c) for c in present - set(CATEGORIES))
    types = {r["type"] for r in view.relations}
    ordered_types = [t for t in RELATION_TYPES if t in types] + sorted(types - set(RELATION_TYPES))
    return {
        "categories": [[c, _category_colour(c)] for c in ordered],
        "types": [[t, _relation_colour(t), t not in SYMMETRIC_TYPES] for t in ordered_types],
    }


# --------------------------------------------------------------------------
# The page itself
# --------------------------------------------------------------------------


def _json_for_script(data: object) -> str:
    """JSON that cannot end or alter the ``<script>`` block that holds it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _vis_directory() -> resources.abc.Traversable:
    """pyvis's newest bundled vis-network directory (``templates/lib/vis-X.Y.Z``).

    Raises
    ------
    AssetError
        pyvis is not installed or ships no vis-network.
    """
    try:
        lib = resources.files("pyvis").joinpath("templates", "lib")
        candidates = [d for d in lib.iterdir() if d.name.startswith("vis-") and d.is_dir()]
    except (ModuleNotFoundError, FileNotFoundError) as err:
        raise AssetError(f"pyvis with its vis-network files is needed for HTML pages: {err}") from err
    if not candidates:
        raise AssetError("pyvis ships no vis-network directory under templates/lib")
    version = lambda d: tuple(int(p) for p in re.findall(r"\d+", d.name))  # noqa: E731
    return max(candidates, key=version)


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    """The page template, vis-network's script and its style sheet.

    Raises
    ------
    AssetError
        A file is missing, or vis-network holds text that would end or
        unbalance an inline ``<script>``/``<style>`` block.
    """
    vis = _vis_directory()
    try:
        script = vis.joinpath("vis-network.min.js").read_text(encoding="utf-8")
        style = vis.joinpath("vis-network.css").read_text(encoding="utf-8")
        template = resources.files("kg.views").joinpath(_TEMPLATE_NAME).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise AssetError(f"HTML view asset missing: {err}") from err
    for name, text, closing in (("script", script, "</script"), ("style", style, "</style")):
        lowered = text.lower()
        if closing in lowered or "<!--" in lowered:
            raise AssetError(f"vis-network {name} cannot be inlined: it contains {closing!r} or '<!--'")
    return template, script, style


def _script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _content_security_policy(template: str, assets: dict[str, str]) -> str:
    """A policy that allows the page's own scripts and no load from anywhere.

    Only asset placeholders may appear inside executable ``<script>`` blocks,
    so their hashes are known before any note text is inserted.
    """
    fill = lambda m: assets[m.group(1)]  # noqa: E731
    hashes = " ".join(
        _script_hash(_PLACEHOLDER.sub(fill, body)) for body in _EXECUTABLE_SCRIPT.findall(template)
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def render_page(view: GraphView, export: dict, title: str = "kg") -> str:
    """The complete HTML text of a page for ``view``.

    Raises
    ------
    AssetError
        See :func:`_assets`.
    """
    template, script, style = _assets()
    assets = {"KG_VIS_JS": script, "KG_VIS_CSS": style}
    values = {
        **assets,
        "KG_CSP": html.escape(_content_security_policy(template, assets)),
        "KG_TITLE": html.escape(title),
        "KG_DATA": _json_for_script(_page_data(view, export)),
    }
    # One pass over the template: inserted text is never searched for
    # placeholders, so a note containing "{{KG_...}}" stays literal.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def write_html(
    export: dict,
    path: str | Path,
    *,
    around: str | None = None,
    depth: int = 1,
    prereqs_of: str | None = None,
    types: Collection[str] | None = None,
    min_mentions: int = 0,
    categories: Collection[str] | None = None,
    title: str = "kg",
) -> HtmlSummary:
    """Write the graph (or the chosen part of it) as a self-contained HTML page.

    Parameters
    ----------
    export : dict
        A graph in the ``kg-export`` form (``kg export json``).
    path : str or Path
        Where to write the page; its directory must exist.
    around, depth, prereqs_of, types, min_mentions, categories
        What to draw; see :func:`select_view`.
    title : str
        Page title (shown escaped).

    Returns
    -------
    HtmlSummary
        Nodes and edges drawn, and the page path.

    Raises
    ------
    ViewError
        (a ``ValueError``) an unknown concept id, type or category, clashing
        options, or a malformed export; see :func:`select_view`.
    AssetError
        pyvis's vis-network files are missing.
    OSError
        The page cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> export = {"concepts": [{"id": "bn", "name": "BN", "category": "technique"}],
    ...           "relations": []}
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
    >>> write_html(export, out).nodes
    1
    """
    view = select_view(
        export, around=around, depth=depth, prereqs_of=prereqs_of,
        types=types, min_mentions=min_mentions, categories=categories,
    )
    target = Path(path)
    write_atomically(target, render_page(view, export, title))
    return HtmlSummary(nodes=len(view.concepts), edges=len(view.relations), path=target)
