"""What ``kg build`` tells the user: a progress bar, a summary, ``--explain``."""
from __future__ import annotations

import sys
from collections import Counter

from rich.console import Console
from rich.markup import escape

from kg.build import BuildReport
from kg.model import KnowledgeGraph
from kg.names import name_key
from kg.paths import shown_path
from kg.views.text import shorten

__all__ = ["BuildProgress", "print_summary", "print_explain"]

_err = Console(stderr=True, highlight=False, soft_wrap=True)


class BuildProgress:
    """A rich progress bar on a terminal; silent when stderr is a file or pipe."""

    def __init__(self) -> None:
        self._progress = None
        self._task = None

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("reading notes"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                      TextColumn("{task.description}"), console=_err, transient=True)
            self._progress.__enter__()
        return self

    def update(self, done: int, total: int, path: str) -> None:
        if self._progress is None:
            return
        if self._task is None:
            self._task = self._progress.add_task("", total=total)
        self._progress.update(self._task, completed=done, description=escape(path[-50:]))

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)


def print_summary(graph: KnowledgeGraph, report: BuildReport, where: str) -> None:
    by_type = Counter(r.type for r in graph.relations)
    skipped = [s for s in report.skipped if s.warning]
    quiet = len(report.skipped) - len(skipped)
    for s in skipped:
        _err.print(f"kg: skipped {escape(s.path)}: {escape(s.reason)}")
    _err.print(
        f"built {escape(where)}: {report.documents} documents read"
        + (f" ({report.cached} unchanged)" if report.cached else "")
        + f", {len(skipped)} skipped" + (f" (+{quiet} other files ignored)" if quiet else "")
        + f", {len(graph.concepts)} concepts, {sum(by_type.values())} relations in {report.seconds:.1f}s"
    )
    _err.print("relations: " + ", ".join(f"{t} {n}" for t, n in sorted(by_type.items())))
    fixes = report.corrections
    if fixes and fixes.files:
        _err.print(f"corrections: {len(fixes.applied)} of {len(fixes.entries)} applied "
                   f"({escape(', '.join(f.display for f in fixes.files))})")
        for note in fixes.notes:
            _err.print(f"  {escape(note)}")
    broken = graph.meta.get("broken_cycles") or []
    if broken:
        _err.print(f"prerequisite cycles broken: {len(broken)} (see 'kg stats')")


def print_explain(graph: KnowledgeGraph, name: str) -> None:
    """Why a concept is in the graph and where each of its relations came from."""
    key = name_key(name)
    concept = next((c for c in graph.concepts if key in {name_key(a) for a in [c.name, *c.aliases]}), None)
    out = Console(highlight=False, soft_wrap=True)
    if concept is None:
        out.print(f"explain {escape(name)}: not in the graph (not in the lexicon, and not found as a name in the notes)")
        return
    paths = {d.id: shown_path(d.path, graph.meta) for d in graph.documents}
    out.print(f"[bold]{escape(concept.name)}[/bold] ({concept.category}, id {concept.id}, {concept.mentions} mentions)")
    out.print(f"  found by: {escape('; '.join(dict.fromkeys(concept.origin)))}")
    out.print(f"  names seen: {escape(', '.join(concept.aliases))}")
    for r in graph.relations:
        if concept.id not in (r.source, r.target) or r.type == "RELATED_TO":
            continue
        cues = ", ".join(r.cues) if r.cues else ", ".join(f"{d['type']} {d['source']}→{d['target']}" for d in r.derived_from)
        out.print(f"  {r.source} {r.type} {r.target} ({r.confidence:.2f}) by {escape(cues)}")
        for ev in r.evidence[:3]:
            out.print(f"    {escape(paths.get(ev.doc, ev.doc))}:{ev.line}: {escape(shorten(ev.text, 140))}")
