"""The ``kg`` command: wiring only; the work lives in build, answers, store and views.

Query commands import neither spaCy nor jieba, so they start fast.
"""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.store import Connection, StoreError

app = typer.Typer(
    help="Build a concept graph from ML study notes and ask it what to learn, and in what order.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
export_app = typer.Typer(help="Write the whole graph (or part of it) to a file.", no_args_is_help=True)
app.add_typer(export_app, name="export")
correct_app = typer.Typer(
    help="Write a correction to the notes' corrections file (kg.yaml, docs/corrections.md); the next kg build applies it.",
    no_args_is_help=True)
app.add_typer(correct_app, name="correct")


class Backend(str, Enum):
    embedded = "embedded"
    neo4j = "neo4j"


class PlanFormat(str, Enum):
    table = "table"
    md = "md"


StoreOpt = Annotated[str, typer.Option("--store", envvar="KG_STORE", help="Folder of the embedded store.", show_default=True)]
BackendOpt = Annotated[Backend, typer.Option("--backend", envvar="KG_BACKEND", help="Where the graph lives.", case_sensitive=False)]
UriOpt = Annotated[Optional[str], typer.Option("--uri", envvar="NEO4J_URI", help="Neo4j URI (bolt://host:7687, neo4j+s://…).", show_default=False)]
UserOpt = Annotated[Optional[str], typer.Option("--username", envvar="NEO4J_USERNAME", help="Neo4j user name.", show_default=False)]
DatabaseOpt = Annotated[Optional[str], typer.Option("--database", envvar="NEO4J_DATABASE", help="Neo4j database name.", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object (spec/export.md) instead of tables.")]
CorrectionsOpt = Annotated[Optional[str], typer.Option(
    "--corrections", envvar="KG_CORRECTIONS", show_default=False,
    help="Corrections file to apply instead of kg.yaml in the folders given (docs/corrections.md).")]


def _conn(store: str, backend: Backend, uri: str | None, username: str | None, database: str | None) -> Connection:
    # the password is read from the environment only, so it never appears in shell history
    return Connection(backend.value, store, uri, username, os.environ.get("NEO4J_PASSWORD"), database)


def _friendly(command):
    """A store that fails mid-command (a server going down) is one line on stderr, not a traceback."""
    import functools

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except StoreError as exc:
            _fail(str(exc))

    return run


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"kg: {message}", err=True)
    raise typer.Exit(code)


def _reader(conn: Connection):
    from kg.store import open_reader

    try:
        return open_reader(conn)
    except StoreError as exc:
        _fail(str(exc))


def _concept(backend, name: str):
    from kg.answers import resolve_name
    from kg.store.base import UnknownConcept

    try:
        return resolve_name(backend, name)
    except UnknownConcept as exc:
        _fail(str(exc))


def _print_json(value) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _console():
    from rich.console import Console

    return Console(soft_wrap=False)


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
        render.show(_console(), card, _names(reader), reader.documents())


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
    _print_json(answer) if as_json else render.related(_console(), answer)


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
    _print_json({"query": text, "results": hits}) if as_json else render.search(_console(), hits, text)


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
    _print_json(numbers) if as_json else render.stats(_console(), numbers)


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
        render.prereqs(_console(), answer, _names(reader), reader.documents())


@app.command()
@_friendly
def path(
    source: Annotated[str, typer.Argument(help="Where the path starts (any name).")],
    target: Annotated[str, typer.Argument(help="Where it ends (any name).")],
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """How two concepts are connected, hop by hop, each hop with its evidence."""
    from kg import answers
    from kg.views import render

    reader = _reader(_conn(store, backend, uri, username, database))
    a, b = _concept(reader, source), _concept(reader, target)
    answer = answers.path(reader, a, b)
    _print_json(answer) if as_json else render.path(_console(), answer, _names(reader), reader.documents(), a.name, b.name)


@app.command("study-order")
@_friendly
def study_order(
    targets: Annotated[list[str], typer.Argument(help="What you want to learn (any names).")],
    known: Annotated[Optional[list[str]], typer.Option("--known", "-k", help="Concepts you already know (repeatable).")] = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="table, or md for a Markdown checklist.")] = PlanFormat.table,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None, username: UserOpt = None,
    database: DatabaseOpt = None, as_json: JsonOpt = False,
) -> None:
    """One study plan for all TARGETS: prerequisites first, in levels, with where to read and questions to practise."""
    from kg import answers
    from kg.views import render

    reader = _reader(_conn(store, backend, uri, username, database))
    wanted = [_concept(reader, t) for t in targets]
    knows = [_concept(reader, k) for k in known or []]
    plan = answers.study_order(reader, wanted, knows)
    if as_json:
        _print_json(plan)
    elif fmt is PlanFormat.md:
        typer.echo(render.study_order_markdown(plan), nl=False)
    else:
        render.study_order(_console(), plan)


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
    _print_json(answer) if as_json else render.questions(_console(), answer)


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
    from rich.table import Table

    table = Table(*columns, header_style="bold")
    for row in rows:
        table.add_row(*(json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for v in row))
    _console().print(table)


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
    try:
        Path(output).write_bytes(data if isinstance(data, bytes) else (data + "\n").encode("utf-8"))
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror}")


OutputOpt = Annotated[str, typer.Option("--output", "-o", help="File to write ('-' for standard output).")]


@export_app.command("json")
@_friendly
def export_json(
    output: OutputOpt = "-", store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """The whole graph as JSON, exactly per spec/export.md."""
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
    output: Annotated[str, typer.Option("--output", "-o", help="Zip file to write.")] = "graph-csv.zip",
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """concepts.csv, relations.csv and evidence.csv in one zip file."""
    from kg.views.export import to_csv_zip

    _, graph = _graph_for_export(store, backend, uri, username, database)
    _write_output(output, to_csv_zip(graph))


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
    around: Annotated[Optional[str], typer.Option("--around", help="Only the neighbourhood of this concept.")] = None,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, max=6, help="Hops around --around.")] = 1,
    prereqs_of: Annotated[Optional[str], typer.Option("--prereqs-of", help="The prerequisite tree of this concept, top-down.")] = None,
    types: Annotated[Optional[list[str]], typer.Option("--types", "-t", help="Only these relation types (repeatable).")] = None,
    min_mentions: Annotated[int, typer.Option("--min-mentions", min=0, help="Only concepts mentioned at least this often.")] = 0,
    category: Annotated[Optional[list[str]], typer.Option("--category", "-c", help="Only these categories (repeatable).")] = None,
    store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """An interactive HTML graph (one offline file): search, click a node for its card."""
    from kg.views.html import write_html

    reader, graph = _graph_for_export(store, backend, uri, username, database)
    centre = _concept(reader, around).id if around else None
    root = _concept(reader, prereqs_of).id if prereqs_of else None
    try:
        summary = write_html(graph.export(), output, around=centre, depth=depth, prereqs_of=root,
                             types=[t.upper() for t in types] if types else None, min_mentions=min_mentions,
                             categories=category or None)
    except (ValueError, OSError) as exc:
        _fail(f"{output}: {exc}")
    typer.echo(f"wrote {output}: {summary.nodes} concepts, {summary.edges} relations", err=True)


def _correct(action: str, names: list[str], known: list[str], corrections: str | None, conn: Connection, **options) -> None:
    """Append one entry to the corrections file, after checking that the names it needs are concepts."""
    from kg.corrections import CorrectionError, append_entry, entry_text, target_file
    from kg.store import open_reader

    try:
        reader = open_reader(conn)
    except StoreError as exc:
        if not corrections:
            _fail(f"{exc}; or name the corrections file with --corrections PATH")
        reader = None  # nothing built yet: the build will check the names
    for name in known if reader else []:
        _concept(reader, name)
    try:
        path, display = target_file(corrections, reader.meta if reader else None)
        entry = append_entry(path, display, entry_text(action, names, **options))
    except CorrectionError as exc:
        _fail(str(exc))
    typer.echo(f"{entry.where}: {entry.action} {', '.join(entry.names)} (the next kg build applies it)")


NameArg = Annotated[str, typer.Argument(help="Any name of a concept.", show_default=False)]


@correct_app.command("concept")
@_friendly
def correct_concept(
    name: Annotated[str, typer.Argument(help="The concept's name (a new one, or one kg knows).")],
    alias: Annotated[Optional[list[str]], typer.Option("--alias", "-a", help="Another name of it (repeatable); taken from the concept that had it.")] = None,
    category: Annotated[Optional[str], typer.Option("--category", "-c", help="Its category: model, method, component, loss, …", show_default=False)] = None,
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """NAME is a concept (with these other names and category): kg correct concept FlashAttention -a 闪电注意力 -c method."""
    _correct("concept", [name], [], corrections, _conn(store, backend, uri, username, database),
             aliases=list(alias or []), category=category)


@correct_app.command("alias-drop")
@_friendly
def correct_alias_drop(
    concept: NameArg, alias: Annotated[str, typer.Argument(help="The name that is not the concept's.", show_default=False)],
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """ALIAS is not a name of CONCEPT: kg correct alias-drop BN xx."""
    _correct("alias-drop", [concept, alias], [concept], corrections, _conn(store, backend, uri, username, database))


@correct_app.command("not-concept")
@_friendly
def correct_not_concept(
    name: Annotated[str, typer.Argument(help="A name kg should never take for a concept.", show_default=False)],
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """NAME is no concept, nor a name of one: kg correct not-concept 目录."""
    _correct("not-concept", [name], [], corrections, _conn(store, backend, uri, username, database))


@correct_app.command("merge")
@_friendly
def correct_merge(
    name: NameArg, other: Annotated[str, typer.Argument(help="Another name of the same thing.", show_default=False)],
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """NAME and OTHER are one concept, called NAME: kg correct merge 注意力机制 Attention."""
    _correct("merge", [name, other], [name, other], corrections, _conn(store, backend, uri, username, database))


@correct_app.command("apart")
@_friendly
def correct_apart(
    name: NameArg, other: Annotated[str, typer.Argument(help="A name kg took for the same concept.", show_default=False)],
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """NAME and OTHER are two concepts: kg correct apart BLIP BLIP2."""
    _correct("apart", [name, other], [name, other], corrections, _conn(store, backend, uri, username, database))


RelationTypeArg = Annotated[str, typer.Argument(help="IS_A, PART_OF, USES, EXTENDS, ADDRESSES, COMPARED_WITH or RELATED_TO.", show_default=False)]


@correct_app.command("relation")
@_friendly
def correct_relation(
    source: NameArg, rtype: RelationTypeArg, target: NameArg,
    reason: Annotated[Optional[str], typer.Option("--reason", "-r", help="Why: shown as the relation's evidence.", show_default=False)] = None,
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """SOURCE TYPE TARGET holds: kg correct relation QLoRA EXTENDS LoRA -r 'QLoRA quantises what LoRA adapts'."""
    _correct("relation", [source, rtype, target], [source, target], corrections, _conn(store, backend, uri, username, database),
             reason=reason)


@correct_app.command("relation-drop")
@_friendly
def correct_relation_drop(
    source: NameArg, rtype: RelationTypeArg, target: NameArg,
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """SOURCE TYPE TARGET does not hold: kg correct relation-drop BN COMPARED_WITH Dropout."""
    _correct("relation-drop", [source, rtype, target], [source, target], corrections, _conn(store, backend, uri, username, database))


@correct_app.command("list")
@_friendly
def correct_list(
    corrections: CorrectionsOpt = None, store: StoreOpt = ".kg", backend: BackendOpt = Backend.embedded, uri: UriOpt = None,
    username: UserOpt = None, database: DatabaseOpt = None,
) -> None:
    """The corrections in the file, one per line: file:line, what, names."""
    from kg.corrections import CorrectionError, load_file, target_file

    reader = None if corrections else _reader(_conn(store, backend, uri, username, database))
    try:
        path, display = target_file(corrections, reader.meta if reader else None)
        if not path.exists():
            typer.echo(f"no corrections yet ({display})", err=True)
            return
        entries, _ = load_file(path, display)
    except CorrectionError as exc:
        _fail(str(exc))
    for c in entries:
        extra = [f"aliases: {', '.join(c.aliases)}"] * bool(c.aliases) + [f"category: {c.category}"] * bool(c.category)
        extra += [f"reason: {c.reason}"] * bool(c.reason)
        typer.echo("\t".join([c.where, c.action, ", ".join(c.names), *extra]))


def main() -> None:  # pragma: no cover - console entry point
    app()
