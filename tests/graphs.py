"""Build a graph in-process from note text written to a temporary folder."""
from __future__ import annotations

from pathlib import Path

from kg.build import build_graph


def graph_of(folder: Path, *texts: str):
    """The graph of the given notes (one file each); returns (export dict, name -> id)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"note{i}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    graph, _ = build_graph(paths)
    export = graph.export()
    by_name = {}
    for c in export["concepts"]:
        for alias in c["aliases"]:
            by_name[alias] = c["id"]
    return export, by_name


def relations(export: dict, types: tuple[str, ...] | None = None) -> set[tuple[str, str, str]]:
    return {(r["source"], r["type"], r["target"]) for r in export["relations"] if types is None or r["type"] in types}
