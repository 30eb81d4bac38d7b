"""The ``kg`` command: wiring only; the work lives in build, answers, store and views.

Query commands import neither spaCy nor jieba, so they start fast.
"""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from kg.cli_common import (
    Backend, BackendOpt, CorrectionsOpt, DatabaseOpt, JsonOpt, StoreOpt, UriOpt, UserOpt,
    concept as _concept, conn as _conn, fail as _fail, friendly as _friendly, output as _output,
    print_json as _print_json, reader as _reader,
)
from kg.store import StoreError
from kg.views.subgraph import DEFAULT_LIMIT

app = typer.Typer(
    help="Build a concept graph from ML study notes and ask it what to learn, and in what order.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
export_app = typer.Typer(help="Write the whole graph (or part of it) to a file (docs/export.md).", no_args_is_help=True)
app.add_typer(export_app, name="export")

class CsvTable(str, Enum):
    concepts = "concepts"
    relations = "relations"
    evidence = "evidence"


# exit status of `kg path` when both concepts exist but nothing connects them
NO_PATH = 4


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"kg {version('kg')}")
        except PackageNotFoundError:
            typer.echo("kg (version unknown: not installed)")
        raise typer.Exit()


@app.callback()
def main_options(
    show_version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version of kg and exit.")] = False,
) -> None:
    """Build a concept graph from ML study notes and ask it what to learn, and in what order."""


def _names(backend) -> dict[str, str]:
    return {cid: name for cid, name, _, _ in backend.names()}


@app.command()
@_friendly
def build(
    paths: Annotated[list[str], typer.Argument(help="Note files and folders (.md, .txt, .html), read recursively.")],
    store: StoreOpt = ".kg",
    backend: BackendOpt = Backend.embedded,
    uri: UriOpt = None,
    username: UserOpt = None,
    database: DatabaseOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes for extraction (0: all cores). A rebuild that reads only a few changed notes again uses one, started early.")] = 0,
    explain: Annotated[Optional[list[str]], typer.Option("--explain", help="After building, say why CONCEPT was found and what relates it (repeatable).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Extract every document again, ignoring cached results.")] = False,
    corrections: CorrectionsOpt = None,
) -> None:
    """Read notes and (re)build the concept graph; notes no longer given drop out of it.

    The corrections in kg.yaml of each folder given (or in --corrections) are applied (docs/corrections.md).
    Exit status: 0 built, 1 nothing built (a bad corrections file, say), 3 built but some files were skipped.
    """
    import gc

    from kg.build import build_graph
    from kg.corrections import CorrectionError, load_corrections
    from kg.store import open_writer
    from kg.views.summary import BuildProgress, print_explain, print_summary

    # a build keeps hundreds of thousands of objects alive to the end: collecting
    # every 700 allocations would walk them over and over (about 15% of a rebuild)
    gc.set_threshold(50_000, 20, 20)

    try:
        fixes = load_corrections(paths, corrections)
    except CorrectionError as exc:
        _fail(f"{exc} (nothing was changed in the store)")
    conn = _conn(store, backend, uri, username, database)
    try:
        writer = open_writer(conn)
        with writer.lock():
            cache = None if no_cache else writer.cache_dir
            with BuildProgress() as progress:
                graph, report = build_graph(paths, cache_dir=cache, jobs=jobs or os.cpu_count() or 1, progress=progress.update,
                                            corrections=fixes)
            if not graph.documents:
                for skip in report.skipped:
                    if skip.warning:
                        typer.echo(f"kg: skipped {skip.path}: {skip.reason}", err=True)
                _fail("no notes to build from (nothing was changed in the store)")
            writer.write(graph)
    except StoreError as exc:
        _fail(str(exc))
    except CorrectionError as exc:
        _fail(f"{exc} (nothing was changed in the store)")
    print_summary(graph, report, conn.describe())
    for name in explain or []:
        print_explain(graph, name)
    gc.freeze()  # the graph lives until exit: the last collections need not walk it
    if any(s.warning for s in report.skipped):
        raise typer.Exit(3)


@app.command()
@_friendly
def show(
    concept: Annotated[str, typer.Argument(help="Any name of the concept (alias, abbreviation, Chinese or English).")],
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """A concept: names, category, where it is mentioned, definition, relations with evidence."""
    from kg import answers
    from kg.views import render

    reader = _reader(_conn(store, backend, uri, username, database))
    card = answers.show(reader, _concept(reader, concept))
    if as_json:
        _print_json(card)
    else:
        render.show(_output(), card, _names(reader), answers.shown_paths(reader))


@app.command()
@_friendly
def related(
    concept: Annotated[str, typer.Argument(help="Any name of the concept.")],
    types: Annotated[Optional[list[str]], typer.Option("--type", "-t", help="Only these relation types (repeatable), e.g. USES.")] = None,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, max=6, help="How many hops away.")] = 1,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """Concepts related to CONCEPT, nearest first."""
    from kg import answers
    from kg.model import RELATION_TYPES
    from kg.views import render

    wanted = [t.upper() for t in types or []]
    bad = [t for t in wanted if t not in RELATION_TYPES]
    if bad:
        _fail(f"unknown relation type {bad[0]!r}; use one of {', '.join(RELATION_TYPES)}", 2)
    reader = _reader(_conn(store, backend, uri, username, database))
    answer = answers.related(reader, _concept(reader, concept), wanted or None, depth)
    _print_json(answer) if as_json else render.related(_output(), answer)


@app.command()
@_friendly
def search(
    text: Annotated[str, typer.Argument(help="Part of a name, Chinese or English; small typos are fine.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")] = 10,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """Find concepts by name."""
    from kg import answers
    from kg.views import render

    reader = _reader(_conn(store, backend, uri, username, database))
    hits = answers.search(reader, text, limit)
    _print_json({"query": text, "results": hits}) if as_json else render.search(_output(), hits, text)


@app.command()
@_friendly
def stats(
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """Counts of documents, concepts and relations; prerequisite cycles that were broken."""
    from kg import answers
    from kg.views import render

    reader = _reader(_conn(store, backend, uri, username, database))
    numbers = answers.stats(reader)
    _print_json(numbers) if as_json else render.stats(_output(), numbers)


@app.command()
@_friendly
def prereqs(
    concept: Annotated[str, typer.Argument(help="Any name of the concept.")],
    depth: Annotated[Optional[int], typer.Option("--depth", "-d", min=1, help="Only this many levels.")] = None,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """What to learn before CONCEPT, as a tree; each edge with its reason and evidence line."""
    from kg import answers
    from kg.views import render

    reader = _reader(_conn(store, backend, uri, username, database))
    answer = answers.prereqs(reader, _concept(reader, concept), depth)
    if as_json:
        _print_json({k: answer[k] for k in ("concept", "prerequisites", "edges")})
    else:
        render.prereqs(_output(), answer, _names(reader), answers.shown_paths(reader))


@app.command()
@_friendly
def path(
    source: Annotated[str, typer.Argument(help="Where the path starts (any name).")],
    target: Annotated[str, typer.Argument(help="Where it ends (any name).")],
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """How two concepts are connected, hop by hop, each hop with its evidence.

    Exit status 4 when both concepts exist but no chain of relations connects them.
    """
    from kg import answers
    from kg.views import render

    reader = _reader(_conn(store, backend, uri, username, database))
    a, b = _concept(reader, source), _concept(reader, target)
    answer = answers.path(reader, a, b)
    _print_json(answer) if as_json else render.path(_output(), answer, _names(reader), answers.shown_paths(reader), a.name, b.name)
    if not answer["found"]:
        raise typer.Exit(NO_PATH)


@app.command()
@_friendly
def questions(
    concept: Annotated[str, typer.Argument(help="Any name of the concept.")],
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """Interview questions in the notes about CONCEPT, with where they are."""
    from kg import answers
    from kg.views import render

    reader = _reader(_conn(store, backend, uri, username, database))
    answer = answers.questions(reader, _concept(reader, concept))
    _print_json(answer) if as_json else render.questions(_output(), answer)


@app.command()
@_friendly
def query(
    cypher: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="Query parameter k=v (v parsed as JSON when it can be).")] = None,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.neo4j, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """Run read-only Cypher against the graph in Neo4j (writes are refused by the server)."""
    if backend is not Backend.neo4j:
        _fail("kg query runs Cypher, which needs --backend neo4j", 2)
    if not uri:
        _fail("kg query needs a Neo4j server and NEO4J_URI is not set: export NEO4J_URI, NEO4J_USERNAME and "
              "NEO4J_PASSWORD (or run: eval \"$(scripts/neo4j-local start)\")")
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            _fail(f"--param {item!r}: expected key=value", 2)
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    reader = _reader(_conn(store, backend, uri, username, database))
    try:
        columns, rows = reader.read_query(cypher, params)
    except StoreError as exc:
        _fail(str(exc))
    if as_json:
        _print_json({"columns": columns, "rows": rows})
        return
    from kg.views.output import Column

    _output().table([Column(c) for c in columns],
                    [[v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in row] for row in rows])


def _graph_for_export(store, backend, uri, username, database):
    reader = _reader(_conn(store, backend, uri, username, database))
    return reader, reader.export()


def _write_output(output: str, data: str | bytes) -> None:
    if output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            typer.echo(data)
        return
    from kg.files import write_atomically

    try:
        write_atomically(output, data if isinstance(data, bytes) else data + "\n")
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror}")


OutputOpt = Annotated[str, typer.Option("--output", "-o", help="File to write ('-' for standard output).")]


@export_app.command("json")
@_friendly
def export_json(
    output: OutputOpt = "-", store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """The whole graph as JSON, exactly per docs/export.md."""
    from kg.views.export import to_json

    _, graph = _graph_for_export(store, backend, uri, username, database)
    _write_output(output, to_json(graph))


@export_app.command("graphml")
@_friendly
def export_graphml(
    output: OutputOpt = "-", store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """The whole graph as GraphML (Gephi, yEd, networkx)."""
    from kg.views.export import to_graphml

    _, graph = _graph_for_export(store, backend, uri, username, database)
    _write_output(output, to_graphml(graph))


@export_app.command("csv")
@_friendly
def export_csv(
    output: Annotated[str, typer.Option("--output", "-o", help="A .csv file (or '-') for one table; a .zip file, or a folder (existing, or ending in /), for all three.")] = "graph-csv.zip",
    table: Annotated[CsvTable, typer.Option("--table", help="The table a .csv file or '-' gets.", case_sensitive=False)] = CsvTable.relations,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """The graph as CSV (docs/export.md): concepts.csv, relations.csv, evidence.csv.

    -o g.csv writes one table (--table, default relations); -o g.zip writes the three in a zip file; -o DIR/ writes them as three files in DIR.
    """
    from kg.views.export import csv_tables, to_csv_zip

    _, graph = _graph_for_export(store, backend, uri, username, database)
    tables = csv_tables(graph)
    if output != "-" and (output.endswith(("/", os.sep)) or os.path.isdir(output)):
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            _fail(f"{output}: cannot create the folder: {exc.strerror}")
        for name, text in tables.items():
            _write_output(os.path.join(output, name), text.encode("utf-8"))
    elif output.lower().endswith(".zip"):
        _write_output(output, to_csv_zip(tables))
    else:
        _write_output(output, tables[f"{table.value}.csv"].encode("utf-8"))


@export_app.command("anki")
@_friendly
def export_anki(
    output: Annotated[str, typer.Option("--output", "-o", help="Anki package (.apkg) to write.")] = "kg-questions.apkg",
    deck: Annotated[str, typer.Option("--deck", help="Name of the deck in Anki.")] = "kg interview questions",
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """The interview questions as an Anki deck: one card per question, the answer from the notes on the back.

    Import it again after a rebuild: cards keep their ids, so Anki updates them instead of adding copies.
    """
    from kg.views.anki import to_apkg

    _, graph = _graph_for_export(store, backend, uri, username, database)
    data, summary = to_apkg(graph, deck)
    _write_output(output, data)
    typer.echo(f"wrote {output}: {summary.notes} questions in deck {summary.deck!r}", err=True)


@export_app.command("html")
@_friendly
def export_html(
    output: Annotated[str, typer.Option("--output", "-o", help="HTML file to write.")] = "graph.html",
    around: Annotated[Optional[str], typer.Option("--around", help="Only the neighbourhood of this concept, along stated relations (IS_A, PART_OF, USES, EXTENDS, ADDRESSES, COMPARED_WITH).")] = None,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, max=6, help="Hops around --around.")] = 1,
    with_related: Annotated[bool, typer.Option("--with-related", help="With --around: follow and draw RELATED_TO (co-occurrence) links too.")] = False,
    max_concepts: Annotated[int, typer.Option("--max", min=1, help="With --around: at most this many concepts, the nearest first, then those joined by the most confident relations, then the most mentioned; the page says when it cut.")] = DEFAULT_LIMIT,
    prereqs_of: Annotated[Optional[str], typer.Option("--prereqs-of", help="The prerequisite tree of this concept, top-down.")] = None,
    types: Annotated[Optional[list[str]], typer.Option("--types", "-t", help="Only these relation types (repeatable).")] = None,
    min_mentions: Annotated[int, typer.Option("--min-mentions", min=0, help="Only concepts mentioned at least this often.")] = 0,
    category: Annotated[Optional[list[str]], typer.Option("--category", "-c", help="Only these categories (repeatable).")] = None,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """An interactive HTML graph in one offline file.

    Click or search a concept (any name, typos allowed) to focus it and its
    neighbours and read its card: definition, what to learn first and what
    it leads to (with the relation behind each), interview questions, and
    evidence linked to the notes (file:line, or Obsidian when the notes are a
    vault). Relation types, categories and rare or unconnected concepts can
    be shown and hidden in the page.
    """
    from kg.views.cards import page_export
    from kg.views.html import write_html

    reader, graph = _graph_for_export(store, backend, uri, username, database)
    centre = _concept(reader, around).id if around else None
    root = _concept(reader, prereqs_of).id if prereqs_of else None
    try:
        summary = write_html(page_export(graph), output, around=centre, depth=depth, prereqs_of=root,
                             types=[t.upper() for t in types] if types else None, with_related=with_related,
                             min_mentions=min_mentions, categories=category or None, limit=max_concepts)
    except ValueError as exc:
        _fail(f"{output}: {exc}")
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror or exc}")
    notes = []
    if summary.unconnected:
        notes.append(f"{summary.unconnected} unconnected concepts hidden until shown in the page")
    if summary.cut:
        notes.append(f"cut to {summary.nodes} of {summary.available} concepts by --max")
    extra = f" ({'; '.join(notes)})" if notes else ""
    typer.echo(f"wrote {output}: {summary.nodes} concepts, {summary.edges} relations{extra}", err=True)


from kg import cli_study  # noqa: E402  (the study commands live in their own module)

app.command("study-order")(cli_study.study_order)
app.command("next")(cli_study.next_concepts)
app.add_typer(cli_study.learned_app, name="learned")

from kg import cli_correct  # noqa: E402  (kg correct lives in its own module)

app.add_typer(cli_correct.correct_app, name="correct")


def main() -> None:  # pragma: no cover - console entry point
    app()
