"""Exports of the whole graph: JSON (``docs/export.md``), GraphML and CSV."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile

from kg.model import KnowledgeGraph

__all__ = ["to_json", "to_graphml", "csv_tables", "to_csv_zip", "dumps"]

# XML 1.0 cannot hold most control characters, even escaped
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def to_json(graph: KnowledgeGraph) -> str:
    return dumps(graph.export())


def _xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def to_graphml(graph: KnowledgeGraph) -> bytes:
    """GraphML with one node per concept and one edge per relation (evidence as JSON text)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for c in graph.concepts:
        g.add_node(c.id, name=_xml_safe(c.name), category=c.category, mentions=c.mentions,
                   aliases=_xml_safe(json.dumps(c.aliases, ensure_ascii=False)))
    for r in graph.relations:
        g.add_edge(r.source, r.target, key=r.type, type=r.type, confidence=float(r.confidence),
                   evidence=_xml_safe(json.dumps([e.export() for e in r.evidence], ensure_ascii=False)))
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8")
    return buffer.getvalue()


def csv_tables(graph: KnowledgeGraph) -> dict[str, str]:
    """``concepts.csv``, ``relations.csv`` and ``evidence.csv``, by file name."""
    def table(header, rows) -> str:
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue()

    paths = {d.id: d.path for d in graph.documents}
    return {
        "concepts.csv": table(
            ["id", "name", "category", "mentions", "aliases"],
            [(c.id, c.name, c.category, c.mentions, "|".join(c.aliases)) for c in graph.concepts]),
        "relations.csv": table(
            ["source", "target", "type", "confidence"],
            [(r.source, r.target, r.type, r.confidence) for r in graph.relations]),
        "evidence.csv": table(
            ["source", "target", "type", "path", "line", "text"],
            [(r.source, r.target, r.type, paths.get(e.doc, e.doc), e.line, e.text) for r in graph.relations for e in r.evidence]),
    }


def to_csv_zip(tables: dict[str, str]) -> bytes:
    """The tables of :func:`csv_tables` in one zip file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in tables.items():
            z.writestr(name, text)
    return buffer.getvalue()
