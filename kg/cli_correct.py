"""``kg correct``: write corrections to the notes' corrections file; wiring only (the work is in :mod:`kg.corrections`)."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from kg.cli_common import (
    Backend, BackendOpt, CorrectionsOpt, DatabaseOpt, StoreOpt, UriOpt, UserOpt, concept, conn, fail, friendly, reader,
)
from kg.store import Connection, StoreError

__all__ = ["correct_app"]

correct_app = typer.Typer(
    help="Write a correction to the notes' corrections file (kg.yaml, docs/corrections.md); the next kg build applies it.",
    no_args_is_help=True)


def _correct(action: str, names: list[str], known: list[str], corrections: str | None, connection: Connection, **options) -> None:
    """Append one entry to the corrections file, after checking that the names it needs are concepts."""
    from kg.corrections import CorrectionError, append_entry, entry_text, target_file
    from kg.store import open_reader

    try:
        graph = open_reader(connection)
    except StoreError as exc:
        if not corrections:
            fail(f"{exc}; or name the corrections file with --corrections PATH")
        graph = None  # nothing built yet: the build will check the names
    for name in known if graph else []:
        concept(graph, name)
    try:
        path, display = target_file(corrections, graph.graph_meta() if graph else None)
        entry = append_entry(path, display, entry_text(action, names, **options))
    except CorrectionError as exc:
        fail(str(exc))
    typer.echo(f"{entry.where}: {entry.action} {', '.join(entry.names)} (the next kg build applies it)")


NameArg = Annotated[str, typer.Argument(help="Any name of a concept.", show_default=False)]


@correct_app.command("concept")
@friendly
def correctconcept(
    name: Annotated[str, typer.Argument(help="The concept's name (a new one, or one kg knows).")],
    alias: Annotated[Optional[list[str]], typer.Option("--alias", "-a", help="Another name of it (repeatable); taken from the concept that had it.")] = None,
    category: Annotated[Optional[str], typer.Option("--category", "-c", help="Its category: model, method, component, loss, …", show_default=False)] = None,
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """NAME is a concept (with these other names and category): kg correct concept FlashAttention -a 闪电注意力 -c method."""
    _correct("concept", [name], [], corrections, conn(store, backend, uri, username, database),
             aliases=list(alias or []), category=category)


@correct_app.command("alias-drop")
@friendly
def correct_alias_drop(
    concept: NameArg, alias: Annotated[str, typer.Argument(help="The name that is not the concept's.", show_default=False)],
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """ALIAS is not a name of CONCEPT: kg correct alias-drop BN xx."""
    _correct("alias-drop", [concept, alias], [concept], corrections, conn(store, backend, uri, username, database))


@correct_app.command("not-concept")
@friendly
def correct_notconcept(
    name: Annotated[str, typer.Argument(help="A name kg should never take for a concept.", show_default=False)],
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """NAME is no concept, nor a name of one: kg correct not-concept 目录."""
    _correct("not-concept", [name], [], corrections, conn(store, backend, uri, username, database))


@correct_app.command("merge")
@friendly
def correct_merge(
    name: NameArg, other: Annotated[str, typer.Argument(help="Another name of the same thing.", show_default=False)],
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """NAME and OTHER are one concept, called NAME: kg correct merge 注意力机制 Attention."""
    _correct("merge", [name, other], [name, other], corrections, conn(store, backend, uri, username, database))


@correct_app.command("apart")
@friendly
def correct_apart(
    name: NameArg, other: Annotated[str, typer.Argument(help="A name kg took for the same concept.", show_default=False)],
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """NAME and OTHER are two concepts: kg correct apart BLIP BLIP2."""
    _correct("apart", [name, other], [name, other], corrections, conn(store, backend, uri, username, database))


RelationTypeArg = Annotated[str, typer.Argument(help="IS_A, PART_OF, USES, EXTENDS, ADDRESSES, COMPARED_WITH or RELATED_TO.", show_default=False)]


@correct_app.command("relation")
@friendly
def correct_relation(
    source: NameArg, rtype: RelationTypeArg, target: NameArg,
    reason: Annotated[Optional[str], typer.Option("--reason", "-r", help="Why: shown as the relation's evidence.", show_default=False)] = None,
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """SOURCE TYPE TARGET holds: kg correct relation QLoRA EXTENDS LoRA -r 'QLoRA quantises what LoRA adapts'."""
    _correct("relation", [source, rtype, target], [source, target], corrections, conn(store, backend, uri, username, database),
             reason=reason)


@correct_app.command("relation-drop")
@friendly
def correct_relation_drop(
    source: NameArg, rtype: RelationTypeArg, target: NameArg,
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """SOURCE TYPE TARGET does not hold: kg correct relation-drop BN COMPARED_WITH Dropout."""
    _correct("relation-drop", [source, rtype, target], [source, target], corrections, conn(store, backend, uri, username, database))


@correct_app.command("list")
@friendly
def correct_list(
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """The corrections in the file, one per line: file:line, what, names."""
    from kg.corrections import CorrectionError, load_file, target_file

    graph = None if corrections else reader(conn(store, backend, uri, username, database))
    try:
        path, display = target_file(corrections, graph.graph_meta() if graph else None)
        if not path.exists():
            typer.echo(f"no corrections yet ({display})", err=True)
            return
        entries, _ = load_file(path, display)
    except CorrectionError as exc:
        fail(str(exc))
    for c in entries:
        extra = [f"aliases: {', '.join(c.aliases)}"] * bool(c.aliases) + [f"category: {c.category}"] * bool(c.category)
        extra += [f"reason: {c.reason}"] * bool(c.reason)
        typer.echo("\t".join([c.where, c.action, ", ".join(c.names), *extra]))
