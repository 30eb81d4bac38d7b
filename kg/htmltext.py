"""Saved web pages as numbered text lines, ready for :func:`kg.clean.clean_lines`.

Block elements become lines (headings as ``#``, list items as ``-``, table
rows as ``| a | b |``); scripts, styles and page furniture (navigation,
footers, forms) are dropped.  Each line keeps the number of the source line
its text starts on, so evidence points into the file the user has.
"""
from __future__ import annotations

import bisect
import html
import re

__all__ = ["html_lines"]

_DROP = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe", "svg", "button", "select", "template", "pre", "code")
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "blockquote", "dd", "dt", "figcaption", "body", "td", "th", "caption", "summary", "details", "center", "span"})


def html_lines(source: str) -> list[tuple[int, str]]:
    """``[(source line number, text line), ...]`` for an HTML document."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(source)
    for tag in _DROP:
        for node in tree.css(tag):
            if tag in ("pre", "code") and node.parent is not None and node.parent.tag not in ("pre", "body", "div", "section", "article", "main"):
                continue  # inline code inside a sentence stays text
            node.decompose()
    root = tree.body or tree.root
    lines: list[str] = []
    if root is not None:
        _emit(root, lines, 0)
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    located: list[tuple[int, str]] = []
    cursor = 0
    for text in lines:
        probe = _probe(text)
        where = source.find(probe, cursor) if probe else -1
        if where < 0:
            escaped = html.escape(probe, quote=False)
            where = source.find(escaped, cursor) if probe else -1
        if where >= 0:
            cursor = where
        located.append((bisect.bisect_right(starts, max(cursor, 0)), text))
    return located


def _probe(text: str) -> str:
    body = text.lstrip("#-| ").strip()
    return body[:12]


def _emit(node, lines: list[str], list_depth: int) -> None:
    tag = node.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        _push(lines, "#" * int(tag[1]) + " " + _text(node))
        return
    if tag == "li":
        own = _own_text(node)
        _push(lines, "  " * list_depth + "- " + own)
        for child in _children(node):
            if child.tag in ("ul", "ol"):
                _emit(child, lines, list_depth + 1)
        return
    if tag in ("ul", "ol"):
        for child in _children(node):
            _emit(child, lines, list_depth)
        return
    if tag == "tr":
        cells = [_text(c) for c in _children(node) if c.tag in ("td", "th")]
        if any(cells):
            _push(lines, "| " + " | ".join(cells) + " |")
        return
    if tag == "br":
        lines.append("")
        return
    children = list(_children(node))
    if not any(c.tag in _BLOCKS or c.tag in ("ul", "ol", "table", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tbody", "thead") for c in children):
        _push(lines, _text(node))
        return
    run: list[str] = []
    for child in children:
        if child.tag == "-text" or child.tag not in _BLOCKS | {"ul", "ol", "table", "tbody", "thead", "tr", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6"}:
            run.append(child.text(deep=True, separator=""))
            continue
        _push(lines, " ".join(run))
        run = []
        _emit(child, lines, list_depth)
    _push(lines, " ".join(run))


def _children(node):
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _text(node) -> str:
    return " ".join(node.text(deep=True, separator=" ").split())


def _own_text(node) -> str:
    parts = [c.text(deep=True, separator=" ") for c in _children(node) if c.tag not in ("ul", "ol")]
    return " ".join(" ".join(parts).split())


def _push(lines: list[str], text: str) -> None:
    for part in text.split("\n"):
        if part.strip():
            lines.append(part.rstrip())
