"""Batched ``UNWIND … MERGE`` writes against one statement per row, on a real Neo4j server.

    eval "$(scripts/neo4j-local start)"
    python bench/neo4j_writes.py [--concepts 20000] [--relations 100000] [--naive-fraction 0.1] [--replace]

Generates a graph of ``--concepts`` concepts and ``--relations`` relations
(one piece of evidence each) plus documents, mentions and questions, then in
one run:

1. writes it with :meth:`kg.store.neo4j_store.Neo4jWriter.write` (batched: one
   ``UNWIND`` per ``BATCH_ROWS`` rows, all in one transaction) into an empty
   database, and again over itself (a rebuild: every MERGE finds its node);
2. writes it with the same ``queries/write_*.cypher`` statements run once per
   row (``$rows`` a one-row list), 1,000 statements per transaction, and the
   first ``--autocommit-rows`` rows with one transaction per statement;
3. prints times, rows/s and the ratios as a Markdown table. Figures for the
   whole graph that were not measured (one transaction per row; the per-row
   write with ``--naive-fraction`` below 1, which writes a graph of the same
   shape scaled down) are extrapolated from the measured rows/s and marked so.

It replaces whatever graph the database holds, so it refuses a database with
a kg graph in it unless ``--replace`` is given.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time

from kg.model import STATED_TYPES, Concept, Document, Evidence, KnowledgeGraph, Question, Relation
from kg.store import Connection
from kg.store.neo4j_store import BATCH_ROWS, Neo4jWriter, graph_rows

TYPES = STATED_TYPES + ("RELATED_TO", "PREREQUISITE_OF")


def synthetic(concepts: int, relations: int, seed: int = 7) -> KnowledgeGraph:
    """A graph shaped like kg's: names in two languages, mention lines, one evidence sentence per relation."""
    rng = random.Random(seed)
    docs = [Document(f"d{i:04d}", f"notes/topic-{i}.md", f"{i:064x}", 800, f"笔记 {i}") for i in range(max(1, concepts // 50))]
    nodes = []
    for i in range(concepts):
        home = docs[i % len(docs)].id
        other = docs[(i * 7 + 3) % len(docs)].id
        lines = {home: sorted(rng.sample(range(1, 800), 3))}
        if other != home:
            lines[other] = [rng.randint(1, 800)]
        nodes.append(Concept(
            f"c{i:05d}", f"Concept {i}", [f"Concept {i}", f"概念{i}", f"C{i}"], rng.choice(("method", "model", "loss", "concept")),
            rng.randint(1, 40), list(lines), lines, Evidence(home, lines[home][0], f"Concept {i} 是一种方法。"), ["lexicon"],
        ))
    found: dict[tuple[str, str, str], Relation] = {}
    while len(found) < relations:
        a, b = rng.randrange(concepts), rng.randrange(concepts)
        if a == b:
            continue
        rtype = rng.choice(TYPES)
        key = (nodes[a].id, nodes[b].id, rtype)
        if key in found:
            continue
        doc = nodes[a].documents[0]
        found[key] = Relation(
            key[0], key[1], rtype, round(rng.uniform(0.3, 0.95), 4),
            [Evidence(doc, rng.randint(1, 800), f"Concept {a} 在 Concept {b} 的基础上引入了新的结构,效果更好。")],
            [{"type": "EXTENDS", "source": key[1], "target": key[0]}] if rtype == "PREREQUISITE_OF" else [],
            ["A 在 B 的基础上"],
        )
    questions = [Question(nodes[i].documents[0], 10 + i % 700, f"Concept {i} 和 Concept {(i + 1) % concepts} 的区别是什么?",
                          (nodes[i].id, nodes[(i + 1) % concepts].id)) for i in range(0, concepts, 5)]
    return KnowledgeGraph(docs, nodes, sorted(found.values(), key=lambda r: (r.source, r.type, r.target)), questions,
                          {"broken_cycles": [], "skipped": []})


def rows_of(graph: KnowledgeGraph) -> int:
    """Rows the writer sends: documents, concepts, mentions, relations, questions."""
    return sum(len(rows) for _, rows in graph_rows(graph))


def clear(writer: Neo4jWriter) -> None:
    """Empty the database of kg's nodes, in chunks (one huge delete would need a huge transaction).

    Then wait a little: the server tidies up after big deletes, and that work
    would otherwise be timed with the next write.
    """
    while writer._run("MATCH (n) WHERE n:Document OR n:Concept OR n:Question OR n:KgMeta "
                      "WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n")[0]["n"]:
        pass
    time.sleep(5)


def batched(writer: Neo4jWriter, graph: KnowledgeGraph) -> float:
    start = time.perf_counter()
    writer.write(graph)
    return time.perf_counter() - start


def per_row(writer: Neo4jWriter, graph: KnowledgeGraph, per_transaction: int, limit: int | None = None) -> tuple[float, int]:
    """The same statements, one row each; ``per_transaction`` statements per transaction. Returns (seconds, rows)."""
    build = "bench-per-row"
    start, done = time.perf_counter(), 0
    with writer._driver.session(database=writer.database) as session:
        for cypher, rows in graph_rows(graph):
            for first in range(0, len(rows), per_transaction):
                chunk = rows[first : first + per_transaction]
                if limit is not None:
                    chunk = chunk[: max(0, limit - done)]
                if not chunk:
                    break

                def work(tx, chunk=chunk):
                    for row in chunk:
                        tx.run(cypher, rows=[row], build=build).consume()

                session.execute_write(work)
                done += len(chunk)
    return time.perf_counter() - start, done


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--concepts", type=int, default=20000)
    ap.add_argument("--relations", type=int, default=100000)
    ap.add_argument("--naive-fraction", type=float, default=1.0,
                    help="Scale of the graph written one row per statement (1: the whole graph; less: extrapolated).")
    ap.add_argument("--autocommit-rows", type=int, default=3000, help="Rows written with one transaction per statement (extrapolated).")
    ap.add_argument("--replace", action="store_true", help="Replace the kg graph the database holds.")
    a = ap.parse_args()
    gc.set_threshold(50_000, 20, 20)  # as `kg build` does (kg/cli.py): the graph stays alive throughout

    if not os.environ.get("NEO4J_URI"):
        sys.exit('neo4j_writes: set NEO4J_URI etc. (eval "$(scripts/neo4j-local start)")')
    conn = Connection("neo4j", uri=os.environ["NEO4J_URI"], username=os.environ.get("NEO4J_USERNAME"),
                      password=os.environ.get("NEO4J_PASSWORD"), database=os.environ.get("NEO4J_DATABASE"))
    writer = Neo4jWriter.connect(conn)
    if writer._run("MATCH (m:KgMeta) RETURN count(m) AS n")[0]["n"] and not a.replace:
        sys.exit(f"neo4j_writes: {conn.describe()} holds a kg graph; pass --replace to let the benchmark overwrite it")
    version = writer._run("CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v")[0]["v"]

    full = synthetic(a.concepts, a.relations)
    whole = a.naive_fraction >= 1
    small = full if whole else synthetic(max(10, int(a.concepts * a.naive_fraction)), max(10, int(a.relations * a.naive_fraction)), seed=8)
    full_rows, small_rows = rows_of(full), rows_of(small)
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    log(f"Neo4j {version}; {len(full.concepts)} concepts, {len(full.relations)} relations, {full_rows} rows")

    writer.apply_schema()
    clear(writer)
    # a server's first big write also compiles its code (JIT): warm it up, as the per-row runs below find it
    batched(writer, synthetic(a.concepts // 5, a.relations // 5, seed=9))
    clear(writer)
    t_full = batched(writer, full)
    log(f"batched, empty database: {t_full:.1f} s")
    t_again = batched(writer, full)
    log(f"batched, rebuild over itself: {t_again:.1f} s")
    counts = writer._run("MATCH (c:Concept) WITH count(c) AS c MATCH (:Concept)-[r]->(:Concept) RETURN c, count(r) AS r")[0]

    t_small = t_full
    if not whole:
        clear(writer)
        t_small = batched(writer, small)
    clear(writer)
    t_naive, naive_rows = per_row(writer, small, per_transaction=1000)
    log(f"one row per statement, 1,000 per transaction: {t_naive:.1f} s for {naive_rows} rows")
    clear(writer)
    t_auto, auto_rows = per_row(writer, small, per_transaction=1, limit=a.autocommit_rows)
    clear(writer)

    naive_rate, auto_rate = naive_rows / t_naive, auto_rows / t_auto
    scope = "whole graph" if whole else f"{a.naive_fraction:.0%} subset"
    table = [  # (write, rows, time, rows/s)
        ("batched `UNWIND … MERGE`, one transaction, empty database", full_rows, f"{t_full:.1f} s", full_rows / t_full),
        ("batched, rebuild over the same graph (every MERGE matches)", full_rows, f"{t_again:.1f} s", full_rows / t_again),
    ]
    if not whole:
        table.append((f"batched, {scope}", small_rows, f"{t_small:.1f} s", small_rows / t_small))
    table += [
        (f"one row per statement, 1,000 statements per transaction, {scope}", naive_rows, f"{t_naive:.1f} s", naive_rate),
        (f"one row per statement, one transaction each (first {auto_rows} rows)", auto_rows, f"{t_auto:.1f} s", auto_rate),
    ]
    if not whole:
        table.append(("one row per statement, 1,000 per transaction, whole graph: **extrapolated**", full_rows,
                      f"≈{full_rows / naive_rate:.0f} s", naive_rate))
    table.append(("one row per statement, one transaction each, whole graph: **extrapolated**", full_rows,
                  f"≈{full_rows / auto_rate / 60:.0f} min", auto_rate))
    lines = [
        f"Neo4j {version} (scripts/neo4j-local: heap 1 GB, page cache 256 MB), Python {platform.python_version()}, "
        f"neo4j driver {driver_version()}, {os.cpu_count()} CPUs shared by client and server. Batches of {BATCH_ROWS} rows.",
        "",
        f"Graph: {len(full.concepts):,} concepts, {len(full.relations):,} relations (one evidence each), "
        f"{len(full.documents):,} documents, {len(full.questions):,} questions: {full_rows:,} rows "
        f"(stored: {counts['c']:,} concepts, {counts['r']:,} relationships between them).",
        "",
        "| write | rows | time | rows/s |",
        "| --- | ---: | ---: | ---: |",
        *(f"| {what} | {n:,} | {took} | {rate:,.0f} |" for what, n, took, rate in table),
        "",
        f"Batched writes are **{(small_rows / t_small) / naive_rate:.1f}×** as fast as one row per statement "
        f"({scope}, measured) and **{(full_rows / t_full) / auto_rate:.0f}×** as fast as one transaction per row.",
    ]
    print("\n".join(lines))


def driver_version() -> str:
    from importlib.metadata import version

    return version("neo4j")


if __name__ == "__main__":
    main()
