"""What every ``kg`` command shares: the store options, one-line errors, name lookup.

Kept apart from :mod:`kg.cli` so that the command modules (:mod:`kg.cli_study`)
can share it without importing each other.
"""
from __future__ import annotations

import functools
import json
import os
import re
from enum import Enum
from typing import Annotated, Optional

import typer

from kg.store import Connection, StoreError

__all__ = [
    "Backend", "StoreOpt", "BackendOpt", "UriOpt", "UserOpt", "DatabaseOpt", "JsonOpt", "KnownOpt", "CorrectionsOpt",
    "conn", "friendly", "fail", "reader", "concept", "concepts", "split_names", "print_json", "output",
]


class Backend(str, Enum):
    embedded = "embedded"
    neo4j = "neo4j"


StoreOpt = Annotated[str, typer.Option("--store", envvar="KG_STORE", help="Folder of the embedded store.", show_default=True)]
BackendOpt = Annotated[Backend, typer.Option("--backend", envvar="KG_BACKEND", help="Where the graph lives.", case_sensitive=False)]
UriOpt = Annotated[Optional[str], typer.Option("--uri", envvar="NEO4J_URI", help="Neo4j URI (bolt://host:7687, neo4j+s://…).", show_default=False)]
UserOpt = Annotated[Optional[str], typer.Option("--username", envvar="NEO4J_USERNAME", help="Neo4j user name.", show_default=False)]
DatabaseOpt = Annotated[Optional[str], typer.Option("--database", envvar="NEO4J_DATABASE", help="Neo4j database name.", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object (docs/export.md) instead of tables.")]
KnownOpt = Annotated[Optional[list[str]], typer.Option(
    "--known", "-k",
    help="Concepts you already know: repeat the option (--known A --known B) or give a comma list (--known A,B). "
         "Names after a single --known are targets, not known concepts.")]


CorrectionsOpt = Annotated[Optional[str], typer.Option(
    "--corrections", envvar="KG_CORRECTIONS", show_default=False,
    help="Corrections file to apply instead of kg.yaml in the folders given (docs/corrections.md).")]


def conn(store: str, backend: Backend, uri: str | None, username: str | None, database: str | None) -> Connection:
    # the password is read from the environment only, so it never appears in shell history
    return Connection(backend.value, store, uri, username, os.environ.get("NEO4J_PASSWORD"), database)


def friendly(command):
    """A store that fails mid-command (a server going down) is one line on stderr, not a traceback."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except StoreError as exc:
            fail(str(exc))

    return run


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"kg: {message}", err=True)
    raise typer.Exit(code)


def reader(connection: Connection):
    from kg.store import open_reader

    try:
        return open_reader(connection)
    except StoreError as exc:
        fail(str(exc))


def concept(backend, name: str):
    from kg.answers import resolve_name
    from kg.store.base import UnknownConcept

    try:
        return resolve_name(backend, name)
    except UnknownConcept as exc:
        fail(str(exc))


def split_names(values: list[str] | None) -> list[str]:
    """Names given as repeated options and comma lists (``,``, ``，`` or ``、``), in order."""
    return [name.strip() for value in values or [] for name in re.split(r"[,，、]", value) if name.strip()]


def concepts(backend, names: list[str]) -> list:
    return [concept(backend, name) for name in names]


def print_json(value) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def output():
    from kg.views.output import Output

    return Output()
