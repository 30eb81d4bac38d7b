"""The concept graph as one self-contained, offline HTML page (vis-network).

``write_html`` takes a graph in the export form of ``spec/export.md`` (what
``kg export json`` writes, or :func:`kg.views.cards.page_export`, which adds
definitions and questions), keeps the part the caller asked for (a
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

- The page is written atomically, with the mode any new file gets.

Which part of the export is drawn is chosen in :mod:`kg.views.subgraph`;
what the page script receives (nodes, edges, styles, options) is made in
:mod:`kg.views.network`, the cards' content in :mod:`kg.views.cards`, the
links to the notes in :mod:`kg.views.links`, the start layout of a big
graph in :mod:`kg.views.layout`. What the page does with it is the page
script beside this module, inlined into ``html_template.html``: ``page.js``
(the network, focus, filters, labels, the search box), ``page_card.js``
(cards and tooltips), ``page_labels.js`` (where labels fit) and
``page_search.js`` (search scored as ``kg search`` scores).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.files import write_atomically
from kg.views.network import CATEGORY_COLOURS, RELATION_COLOURS, page_data, set_apart
from kg.views.subgraph import (
    DEFAULT_LIMIT,
    GraphView,
    InvalidViewOptionError,
    MalformedExportError,
    UnknownConceptError,
    ViewError,
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
    "DEFAULT_LIMIT",
    "select_view",
    "render_page",
    "write_html",
]

_TEMPLATE_NAME = "html_template.html"
_SCRIPT_NAMES = {"KG_SEARCH_JS": "page_search.js", "KG_LABELS_JS": "page_labels.js",
                 "KG_CARD_JS": "page_card.js", "KG_APP_JS": "page.js"}
_PLACEHOLDER = re.compile(r"\{\{(KG_[A-Z_]+)\}\}")
_EXECUTABLE_SCRIPT = re.compile(r"<script(?![^>]*\btype=)[^>]*>(.*?)</script>", re.S)


class AssetError(RuntimeError):
    """vis-network's files are missing from pyvis or cannot be inlined safely."""


@dataclass(frozen=True)
class HtmlSummary:
    """What :func:`write_html` drew and where.

    ``nodes`` and ``edges`` count what the page holds; ``unconnected`` of
    the nodes are set apart (hidden until asked for) in an overview;
    ``available`` is how many concepts the selection found before its
    limit (``nodes`` when nothing was cut).
    """

    nodes: int
    edges: int
    path: Path
    unconnected: int = 0
    available: int = 0

    @property
    def cut(self) -> bool:
        return self.available > self.nodes


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
def _assets() -> tuple[str, dict[str, str], str]:
    """The page template, the scripts it inlines (by placeholder) and vis-network's style sheet.

    Raises
    ------
    AssetError
        A file is missing, or a script or style holds text that would end or
        unbalance its inline ``<script>``/``<style>`` block.
    """
    vis = _vis_directory()
    own = resources.files("kg.views")
    try:
        scripts = {"KG_VIS_JS": vis.joinpath("vis-network.min.js").read_text(encoding="utf-8")}
        scripts.update({key: own.joinpath(name).read_text(encoding="utf-8") for key, name in _SCRIPT_NAMES.items()})
        style = vis.joinpath("vis-network.css").read_text(encoding="utf-8")
        template = own.joinpath(_TEMPLATE_NAME).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise AssetError(f"HTML view asset missing: {err}") from err
    checks = [(key, text, "</script") for key, text in scripts.items()] + [("KG_VIS_CSS", style, "</style")]
    for key, text, closing in checks:
        lowered = text.lower()
        if closing in lowered or "<!--" in lowered:
            raise AssetError(f"{key} cannot be inlined: it contains {closing!r} or '<!--'")
    return template, scripts, style


def _script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _content_security_policy(template: str, assets: dict[str, str]) -> str:
    """A policy that allows the page's own scripts and no load from anywhere.

    Only asset placeholders may appear inside executable ``<script>`` blocks,
    so their hashes are known before any note text is inserted. Links to
    the notes are navigation, which the policy does not govern.
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


def render_page(view: GraphView, export: dict, page: str | Path, title: str = "kg") -> str:
    """The complete HTML text of a page for ``view``, to be written at ``page``
    (links to the notes are relative to it).

    Raises
    ------
    AssetError
        See :func:`_assets`.
    """
    template, scripts, style = _assets()
    assets = {**scripts, "KG_VIS_CSS": style}
    values = {
        **assets,
        "KG_CSP": html.escape(_content_security_policy(template, assets)),
        "KG_TITLE": html.escape(title),
        "KG_DATA": _json_for_script(page_data(view, export, Path(page))),
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
    with_related: bool = False,
    min_mentions: int = 0,
    categories: Collection[str] | None = None,
    limit: int | None = DEFAULT_LIMIT,
    title: str = "kg",
) -> HtmlSummary:
    """Write the graph (or the chosen part of it) as a self-contained HTML page.

    Parameters
    ----------
    export : dict
        A graph in the ``kg-export`` form (``kg export json``); with the
        fields of :func:`kg.views.cards.page_export` the cards also show
        definitions, questions and every mention line.
    path : str or Path
        Where to write the page; its directory must exist.
    around, depth, prereqs_of, types, with_related, min_mentions, categories, limit
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
        export, around=around, depth=depth, prereqs_of=prereqs_of, types=types, with_related=with_related,
        min_mentions=min_mentions, categories=categories, limit=limit,
    )
    target = Path(path)
    write_atomically(target, render_page(view, export, target, title))
    return HtmlSummary(nodes=len(view.concepts), edges=len(view.relations), path=target,
                       unconnected=len(set_apart(view)), available=view.available)
