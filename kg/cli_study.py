"""The study commands: ``kg study-order``, ``kg next`` and ``kg learned``; wiring only (the work is in :mod:`kg.plan`)."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from kg.cli_common import (
    Backend, BackendOpt, DatabaseOpt, JsonOpt, KnownOpt, StoreOpt, UriOpt, UserOpt,
    concepts, conn, fail, friendly, output, print_json, reader, split_names,
)

__all__ = ["study_order", "next_concepts", "learned_app"]

learned_app = typer.Typer(help="What you have learned: kept with the store across rebuilds, left out of plans.",
                          no_args_is_help=True)


class PlanFormat(str, Enum):
    table = "table"
    md = "md"


@friendly
def study_order(
    targets: Annotated[list[str], typer.Argument(help="What you want to learn (any names).")],
    known: KnownOpt = None,
    show_all: Annotated[bool, typer.Option("--all", help="Keep what you marked learned in the plan (marked learned).")] = False,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="table, or md for a Markdown checklist.")] = PlanFormat.table,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """One study plan for all TARGETS: prerequisites first, in levels.

    Each step says why it is there (the later step that needs it, the relation and its line in the notes), what it is, where to read, and the interview questions to practise.

    What you know (--known) or marked learned (kg learned add) is left out, with what only it needs.
    """
    from kg import plan
    from kg.views import render

    graph = reader(conn(store, backend, uri, username, database))
    wanted = concepts(graph, targets)
    knows = concepts(graph, split_names(known))
    learned = plan.learned(graph)
    answer = plan.study_order(graph, wanted, knows, learned_ids=set(learned.concepts), include_learned=show_all)
    if as_json:
        print_json(answer)
    elif fmt is PlanFormat.md:
        typer.echo(render.study_order_markdown(answer), nl=False)
    else:
        render.study_order(output(), answer)


@friendly
def next_concepts(
    targets: Annotated[Optional[list[str]], typer.Argument(help="Toward these (any names); without: what your learned concepts open up.")] = None,
    known: KnownOpt = None,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """The next concepts to study: not learned yet, and every prerequisite learned (or known)."""
    from kg import plan
    from kg.views import render

    graph = reader(conn(store, backend, uri, username, database))
    wanted = concepts(graph, targets or [])
    knows = concepts(graph, split_names(known))
    learned = plan.learned(graph)
    answer = plan.next_steps(graph, wanted, knows, learned_ids=set(learned.concepts))
    print_json(answer) if as_json else render.next_steps(output(), answer)


NamesArg = Annotated[list[str], typer.Argument(help="Concept names (any alias; commas allowed: A,B).")]


@learned_app.command("add")
@friendly
def learned_add(
    names: NamesArg,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Mark concepts learned. An unknown name is an error and nothing is marked."""
    graph = reader(conn(store, backend, uri, username, database))
    found = concepts(graph, split_names(names))
    graph.set_learned([(c.id, c.name) for c in found], set())
    typer.echo(f"learned: {', '.join(dict.fromkeys(c.name for c in found))}", err=True)


@learned_app.command("remove")
@friendly
def learned_remove(
    names: NamesArg,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Forget that concepts were learned (also ones no longer in the graph, by the name they were learned as)."""
    from kg import plan

    graph = reader(conn(store, backend, uri, username, database))
    try:
        ids = plan.learned_ids_for(graph, split_names(names))
    except LookupError as exc:
        fail(str(exc.args[0]))
    graph.set_learned([], ids)
    typer.echo(f"no longer learned: {', '.join(split_names(names))}", err=True)


@learned_app.command("list")
@friendly
def learned_list(
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """What you marked learned, and any of it no longer in the graph."""
    from kg import plan
    from kg.views import render

    graph = reader(conn(store, backend, uri, username, database))
    answer = plan.learned_list(graph)
    print_json(answer) if as_json else render.learned(output(), answer)
