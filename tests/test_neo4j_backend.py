"""The Neo4j backend against a real server, through the CLI as users run it.

Run with a server:  eval "$(scripts/neo4j-local start)" && pytest tests/test_neo4j_backend.py
Without NEO4J_URI the tests are skipped (on CI, CI=true, they fail instead).

Neo4j Community has one user database, so this module owns it while it runs:
it removes kg's nodes at the start, and its tests run in file order, one at a
time. Tests that build another graph rebuild the example notes when they end.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_kg
from neo4j_fixtures import neo4j_database, neo4j_driver, neo4j_settings  # noqa: F401  (fixture)

pytestmark = pytest.mark.neo4j

KG_LABELS = ("Document", "Concept", "Question", "KgMeta", "KgLock", "KgLearned")
INJECTION = "x' }) DETACH DELETE n //"


def cypher(driver, query: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(query, params, database_=neo4j_database())
    return [r.data() for r in records]


def graph_counts(driver) -> dict:
    """Nodes by label and relationships by type: what must not change when nothing should."""
    nodes = cypher(driver, "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label")
    rels = cypher(driver, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type")
    return {"nodes": {r["label"]: r["n"] for r in nodes}, "relationships": {r["type"]: r["n"] for r in rels}}


@pytest.fixture(scope="module")
def env(neo4j_driver, tmp_path_factory) -> dict:
    """The environment of every kg command here: the server, and a fixed hash seed.

    The builds compared here must make the same graph, since what is compared
    is the stores, not the builds: a fixed hash seed keeps any dependence of
    the pipeline on set iteration order out of these tests.
    """
    settings = neo4j_settings()
    for label in KG_LABELS:
        cypher(neo4j_driver, f"MATCH (n:{label}) DETACH DELETE n")
    return {
        "NEO4J_URI": settings["uri"],
        "NEO4J_USERNAME": settings["user"],
        "NEO4J_PASSWORD": settings["password"],
        "NEO4J_DATABASE": neo4j_database(),
        "PYTHONHASHSEED": "0",
        "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("xdg-cache")),
    }


def build_examples(env: dict) -> None:
    proc = run_kg("build", str(EXAMPLES), "--backend", "neo4j", env=env)
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def stores(env, tmp_path_factory) -> Path:
    """The example notes built into Neo4j and into an embedded store; returns the embedded store."""
    store = tmp_path_factory.mktemp("embedded") / "kg"
    proc = run_kg("build", str(EXAMPLES), "--store", str(store), env=env)
    assert proc.returncode == 0, proc.stderr
    build_examples(env)
    return store


def both(env: dict, store: Path, *args: str):
    """The same command on both backends: (embedded, neo4j) completed processes."""
    embedded = run_kg(*args, "--store", str(store), env=env)
    neo4j = run_kg(*args, "--backend", "neo4j", env=env)
    return embedded, neo4j


def assert_same_json(env: dict, store: Path, *args: str) -> dict:
    embedded, neo4j = both(env, store, *args, "--json")
    assert embedded.returncode == 0, embedded.stderr
    assert neo4j.returncode == 0, neo4j.stderr
    assert "Traceback" not in neo4j.stderr
    answer = json.loads(embedded.stdout)
    assert json.loads(neo4j.stdout) == answer
    return answer


# ---------------------------------------------------------------- the same answers


def test_export_json_is_identical(env, stores):
    embedded, neo4j = both(env, stores, "export", "json")
    assert embedded.returncode == neo4j.returncode == 0, neo4j.stderr
    assert neo4j.stdout == embedded.stdout
    graph = json.loads(neo4j.stdout)
    assert len(graph["documents"]) == 5 and len(graph["concepts"]) > 300 and len(graph["relations"]) > 300


@pytest.mark.parametrize("view", [(), ("--around", "LoRA", "--depth", "2"), ("--prereqs-of", "BLIP2")],
                         ids=["whole", "around", "prereqs"])
def test_export_html_is_identical(env, stores, tmp_path, view):
    """The page's cards (definitions, mention lines, questions, reasons) come alike from both stores."""
    embedded, neo4j = tmp_path / "embedded.html", tmp_path / "neo4j.html"
    run_kg("export", "html", *view, "--store", str(stores), "-o", str(embedded), env=env, check=True)
    run_kg("export", "html", *view, "--backend", "neo4j", "-o", str(neo4j), env=env, check=True)
    text = embedded.read_text(encoding="utf-8")
    assert neo4j.read_text(encoding="utf-8") == text
    assert '"definition":{"doc"' in text and '"questions":[{"doc"' in text


@pytest.mark.parametrize("args", [
    ("show", "bn"),
    ("show", "批归一化"),
    ("show", "ＢＮ"),
    ("show", "LayerNorm"),
    ("show", "QLoRA"),
    ("show", "Q-Former"),
    ("prereqs", "QLoRA"),
    ("prereqs", "BLIP2"),
    ("prereqs", "BLIP2", "--depth", "1"),
    ("study-order", "BLIP2", "QLoRA", "Adam"),
    ("study-order", "BLIP2", "QLoRA", "Adam", "--known", "LoRA", "--known", "Transformer"),
    ("path", "QLoRA", "Adam"),
    ("path", "bn", "LayerNorm"),
    ("path", "BLIP2", "LoRA"),
    ("related", "LoRA"),
    ("related", "LoRA", "--depth", "2"),
    ("related", "Transformer", "--depth", "3", "--type", "USES", "--type", "IS_A"),
    ("search", "归一化"),
    ("search", "lora"),
    ("search", "Qformr"),
    ("stats",),
    ("questions", "LoRA"),
    ("questions", "批归一化"),
    ("study-order", "BLIP2", "QLoRA", "--known", "LoRA,Transformer", "--format", "md"),
    ("next", "BLIP2"),
    ("learned", "list"),
], ids=lambda args: " ".join(args))
def test_query_commands_answer_alike(env, stores, args):
    answer = assert_same_json(env, stores, *args)
    assert answer


def test_answers_are_not_empty(env, stores):
    """The parity above compares real answers, not two empty ones."""
    show = assert_same_json(env, stores, "show", "批归一化")
    assert "Batch Normalization" in show["aliases"] and show["relations"]
    assert assert_same_json(env, stores, "prereqs", "QLoRA")["prerequisites"]
    plan = assert_same_json(env, stores, "study-order", "BLIP2", "QLoRA", "Adam")
    assert len(plan["steps"]) > 3
    assert assert_same_json(env, stores, "path", "QLoRA", "Adam")["found"]
    assert assert_same_json(env, stores, "questions", "LoRA")["questions"]


def test_questions_and_their_answers_are_stored_alike(env, stores, neo4j_driver, tmp_path):
    embedded, neo4j = both(env, stores, "export", "json")
    questions = json.loads(neo4j.stdout)["questions"]
    assert questions == json.loads(embedded.stdout)["questions"]
    assert len(questions) > 150 and sum(q["answer"] is not None for q in questions) > 100
    stored = cypher(neo4j_driver, "MATCH (q:Question) WHERE q.answer IS NOT NULL RETURN count(q) AS n")[0]["n"]
    assert stored == sum(q["answer"] is not None for q in questions)
    answered = assert_same_json(env, stores, "questions", "BN")["questions"]
    assert any(q["answer"] for q in answered)
    # the Anki deck of either backend is the same deck
    decks = []
    for where, extra in (("embedded", ("--store", str(stores))), ("neo4j", ("--backend", "neo4j"))):
        out = tmp_path / f"{where}.apkg"
        run_kg("export", "anki", *extra, "-o", str(out), env=env, check=True)
        with zipfile.ZipFile(out) as z:
            z.extract("collection.anki2", tmp_path / where)
        with sqlite3.connect(tmp_path / where / "collection.anki2") as con:
            decks.append(sorted(con.execute("SELECT guid, mid, flds, tags FROM notes")))
    assert decks[0] == decks[1] and len(decks[0]) > 150


def test_corrections_are_stored_alike(env, stores, tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(EXAMPLES, notes)
    (notes / "kg.yaml").write_text("- merge: [LoRA, QLoRA]\n- relation: [Adam, USES, SGD]\n  reason: Adam 在 SGD 上加了动量\n"
                                   "- alias-drop: [BN, 批归一化]\n", encoding="utf-8")
    try:
        store = tmp_path / "embedded"
        run_kg("build", str(notes), "--store", str(store), env=env, check=True)
        proc = run_kg("build", str(notes), "--backend", "neo4j", env=env)
        assert proc.returncode == 0 and "corrections: 3 of 3 applied" in proc.stderr, proc.stderr
        embedded, neo4j = both(env, store, "export", "json")
        assert neo4j.stdout == embedded.stdout
        adam = assert_same_json(env, store, "show", "Adam")
        added = next(r for r in adam["relations"] if r["type"] == "USES" and r["target"] == "sgd")
        assert added["evidence"][0]["text"] == "Adam 在 SGD 上加了动量"
        assert assert_same_json(env, store, "show", "QLoRA")["name"] == "LoRA"
    finally:
        build_examples(env)


def test_learned_is_kept_in_neo4j_across_rebuilds_and_plans_alike(env, stores, neo4j_driver):
    try:
        for args in (("--store", str(stores)), ("--backend", "neo4j")):
            proc = run_kg("learned", "add", "LoRA", "PEFT,Fine-tuning", *args, env=env)
            assert proc.returncode == 0, proc.stderr
        stored = cypher(neo4j_driver, "MATCH (l:KgLearned) RETURN l.id AS id, l.name AS name ORDER BY id")
        assert stored == [{"id": "fine-tuning", "name": "Fine-tuning"}, {"id": "lora", "name": "LoRA"},
                          {"id": "peft", "name": "PEFT"}]
        build_examples(env)
        assert cypher(neo4j_driver, "MATCH (l:KgLearned) RETURN count(l) AS n")[0]["n"] == 3
        listed = assert_same_json(env, stores, "learned", "list")
        assert [e["name"] for e in listed["learned"]] == ["Fine-tuning", "LoRA", "PEFT"]
        plan = assert_same_json(env, stores, "study-order", "QLoRA")
        names = [s["name"] for s in plan["steps"]]
        assert names[-1] == "QLoRA" and not {"LoRA", "PEFT", "Fine-tuning"} & set(names) and "lora" in plan["learned"]
        everything = assert_same_json(env, stores, "study-order", "QLoRA", "--all")["steps"]
        assert {s["name"] for s in everything if s["learned"]} == {"LoRA"}
        after = assert_same_json(env, stores, "next", "QLoRA")
        assert [s["name"] for s in after["next"]] == names[:1]  # the first step not yet learned
        assert_same_json(env, stores, "next")
        for args in (("--store", str(stores)), ("--backend", "neo4j")):
            assert run_kg("learned", "remove", "lora", *args, env=env).returncode == 0
        assert [e["id"] for e in assert_same_json(env, stores, "learned", "list")["learned"]] == ["fine-tuning", "peft"]
    finally:
        cypher(neo4j_driver, "MATCH (l:KgLearned) DELETE l")
        (stores / "learned.json").unlink(missing_ok=True)


def test_unknown_concept_is_the_same_one_line_error(env, stores):
    embedded, neo4j = both(env, stores, "show", "Qformr")
    assert embedded.returncode == neo4j.returncode == 1
    assert neo4j.stderr == embedded.stderr and neo4j.stderr.count("\n") == 1
    assert neo4j.stdout == ""


def test_human_output_works(env, stores):
    proc = run_kg("show", "QLoRA", "--backend", "neo4j", env=env)
    assert proc.returncode == 0 and "QLoRA" in proc.stdout and "mentioned in" in proc.stdout


# ---------------------------------------------------------------- schema, idempotency, stale removal


def test_build_reports_the_server(env, stores):
    proc = run_kg("build", str(EXAMPLES), "--backend", "neo4j", env=env)
    assert proc.returncode == 0, proc.stderr
    assert env["NEO4J_URI"] in proc.stderr and "5 documents read" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_schema_constraints_and_cjk_fulltext_index(env, stores, neo4j_driver):
    constraints = {r["name"] for r in cypher(neo4j_driver, "SHOW CONSTRAINTS YIELD name")}
    assert {"kg_document_id", "kg_concept_id", "kg_question_id", "kg_meta_id", "kg_lock_id"} <= constraints
    index = cypher(neo4j_driver, "SHOW FULLTEXT INDEXES YIELD name, options, state WHERE name = 'kg_concept_names' RETURN options, state")
    assert index and index[0]["options"]["indexConfig"]["fulltext.analyzer"] == "cjk" and index[0]["state"] == "ONLINE"
    hits = cypher(neo4j_driver, "CALL db.index.fulltext.queryNodes('kg_concept_names', '归一化') YIELD node RETURN node.aliases AS aliases")
    names = {alias for hit in hits for alias in hit["aliases"]}
    assert {"批归一化", "层归一化"} <= names


def test_rebuild_is_idempotent(env, stores, neo4j_driver):
    before = graph_counts(neo4j_driver)
    build_examples(env)
    assert graph_counts(neo4j_driver) == before
    duplicates = cypher(neo4j_driver, "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS n WHERE n > 1 RETURN count(*) AS n")
    assert duplicates[0]["n"] == 0
    for label in ("Document", "Concept", "Question"):
        rows = cypher(neo4j_driver, f"MATCH (n:{label}) RETURN count(n) AS n, count(DISTINCT n.id) AS ids")
        assert rows[0]["n"] == rows[0]["ids"]
    stamps = cypher(neo4j_driver, "MATCH (n:Concept|Document|Question) RETURN count(DISTINCT n.build) AS n")
    assert stamps[0]["n"] == 1


def test_removed_note_leaves_no_trace(env, stores, neo4j_driver, tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(EXAMPLES, notes)
    # note text that looks like Cypher is stored as text, like any other
    (notes / "zz_cypher.md").write_text(
        f"# LoRA 和 QLoRA 的区别\n\nQLoRA 在 LoRA 的基础上引入了量化。{INJECTION} `}}) MATCH (n) DETACH DELETE n //\n",
        encoding="utf-8")
    try:
        proc = run_kg("build", str(notes), "--backend", "neo4j", env=env)
        assert proc.returncode == 0, proc.stderr
        exported = json.loads(run_kg("export", "json", "--backend", "neo4j", env=env, check=True).stdout)
        gone = next(d for d in exported["documents"] if d["path"].endswith("002_5029d28906389228.txt"))
        assert cypher(neo4j_driver, "MATCH (d:Document {id: $id})<-[m:MENTIONED_IN]-() RETURN count(m) AS n", id=gone["id"])[0]["n"] > 0
        assert any(ev["doc"] == gone["id"] for r in exported["relations"] for ev in r["evidence"])

        (notes / "002_5029d28906389228.txt").unlink()
        proc = run_kg("build", str(notes), "--backend", "neo4j", env=env)
        assert proc.returncode == 0, proc.stderr
        left = cypher(neo4j_driver, """
            RETURN COUNT { (d:Document {id: $id}) } AS documents,
                   COUNT { ()-[:MENTIONED_IN]->(:Document {id: $id}) } AS mentions,
                   COUNT { (q:Question {doc: $id}) } AS questions,
                   COUNT { (c:Concept) WHERE $id IN c.documents } AS concepts,
                   COUNT { ()-[r]->() WHERE $id IN r.evidence_docs } AS relations
            """, id=gone["id"])[0]
        assert left == {"documents": 0, "mentions": 0, "questions": 0, "concepts": 0, "relations": 0}

        # and what is left is exactly the graph of the remaining notes
        store = tmp_path / "embedded"
        run_kg("build", str(notes), "--store", str(store), env=env, check=True)
        embedded, neo4j = both(env, store, "export", "json")
        assert neo4j.stdout == embedded.stdout
        assert any(INJECTION in d["title"] or "zz_cypher" in d["path"] for d in json.loads(neo4j.stdout)["documents"])
    finally:
        build_examples(env)


# ---------------------------------------------------------------- kg query


def test_query_returns_rows_with_parameters(env, stores):
    proc = run_kg("query", "MATCH (c:Concept {id: $id}) RETURN c.name AS name, c.mentions > 0 AS mentioned, c",
                  "--param", "id=lora", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["columns"] == ["name", "mentioned", "c"]
    assert answer["rows"][0][:2] == ["LoRA", True]
    assert answer["rows"][0][2]["id"] == "lora" and "低秩适配" in answer["rows"][0][2]["aliases"]

    proc = run_kg("query", "UNWIND $ids AS id MATCH (c:Concept {id: id}) RETURN c.id AS id ORDER BY id",
                  "--param", 'ids=["qlora", "lora"]', "--json", env=env)
    assert json.loads(proc.stdout)["rows"] == [["lora"], ["qlora"]]

    proc = run_kg("query", "MATCH p = (:Concept {id: 'qlora'})-[:EXTENDS]->(:Concept) RETURN p LIMIT 1", "--json", env=env)
    path = json.loads(proc.stdout)["rows"][0][0]
    assert path["nodes"][0]["id"] == "qlora" and path["relationships"][0]["type"] == "EXTENDS"

    table = run_kg("query", "MATCH (c:Concept) RETURN count(c) AS concepts", env=env)
    assert table.returncode == 0 and "concepts" in table.stdout


@pytest.mark.parametrize("statement", [
    "CREATE (n:KgOops) RETURN n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (c:Concept {id: 'lora'}) SET c.name = 'hacked'",
    "CREATE INDEX kg_oops FOR (n:KgOops) ON (n.x)",
])
def test_query_refuses_writes(env, stores, neo4j_driver, statement):
    before = graph_counts(neo4j_driver)
    proc = run_kg("query", statement, env=env)
    assert proc.returncode == 1
    assert "read-only" in proc.stderr or "not allowed" in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert graph_counts(neo4j_driver) == before
    assert cypher(neo4j_driver, "MATCH (c:Concept {id: 'lora'}) RETURN c.name AS name")[0]["name"] == "LoRA"


def test_query_syntax_error_is_one_line(env, stores):
    proc = run_kg("query", "MATCH (n RETURN n", env=env)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "SyntaxError" in proc.stderr


# ---------------------------------------------------------------- errors and safety


def test_injection_looking_name_is_just_unknown(env, stores, neo4j_driver):
    before = graph_counts(neo4j_driver)
    for command in (("show", INJECTION), ("prereqs", INJECTION), ("path", INJECTION, "LoRA"), ("search", INJECTION)):
        proc = run_kg(*command, "--backend", "neo4j", env=env)
        assert "Traceback" not in proc.stderr
        if command[0] != "search":
            assert proc.returncode == 1 and "unknown concept" in proc.stderr
    assert graph_counts(neo4j_driver) == before


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PASSWORD = ({"NEO4J_PASSWORD": "not-the-password"}, "refused the credentials")
USER = ({"NEO4J_USERNAME": "kg-nobody"}, "refused the credentials")
UNREACHABLE = ({"NEO4J_URI": "bolt://127.0.0.1:{port}"}, "cannot reach Neo4j")
SCHEME = ({"NEO4J_URI": "http://127.0.0.1:7474"}, "not a Neo4j address")
DATABASE = ({"NEO4J_DATABASE": "kgnosuchdb"}, "no database 'kgnosuchdb'")


# Few wrong passwords in a row: the server locks a user out for a few seconds
# after three failed logins.
@pytest.mark.parametrize("command, problem", [
    (("build", str(EXAMPLES)), PASSWORD),
    (("show", "bn"), USER),
    (("stats",), UNREACHABLE),
    (("query", "RETURN 1"), PASSWORD),
    (("build", str(EXAMPLES)), UNREACHABLE),
    (("show", "bn"), SCHEME),
    (("build", str(EXAMPLES)), DATABASE),
    (("show", "bn"), DATABASE),
    (("query", "RETURN 1"), UNREACHABLE),
    (("export", "json"), USER),
], ids=lambda value: value[0] if isinstance(value[0], str) else next(iter(value[0])).lower().replace("neo4j_", ""))
def test_connection_problems_are_one_line(env, stores, neo4j_driver, command, problem):
    change, message = problem
    bad = {k: v.format(port=free_port()) for k, v in change.items()}
    before = graph_counts(neo4j_driver)
    started = time.monotonic()
    proc = run_kg(*command, *(() if command[0] == "query" else ("--backend", "neo4j")), env={**env, **bad})
    assert proc.returncode == 1, proc.stderr
    assert message in proc.stderr and proc.stderr.startswith("kg: ")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert time.monotonic() - started < 30
    assert graph_counts(neo4j_driver) == before


def test_build_before_any_graph_says_so(env, stores, neo4j_driver):
    cypher(neo4j_driver, "MATCH (m:KgMeta) SET m:KgMetaHidden REMOVE m:KgMeta")
    try:
        proc = run_kg("stats", "--backend", "neo4j", env=env)
        assert proc.returncode == 1 and "no kg graph" in proc.stderr and "kg build" in proc.stderr
    finally:
        cypher(neo4j_driver, "MATCH (m:KgMetaHidden) SET m:KgMeta REMOVE m:KgMetaHidden")


# ---------------------------------------------------------------- atomic writes and the build lock


def connection(env: dict):
    from kg.store import Connection

    return Connection("neo4j", uri=env["NEO4J_URI"], username=env["NEO4J_USERNAME"], password=env["NEO4J_PASSWORD"],
                      database=env["NEO4J_DATABASE"])


def test_failed_write_leaves_the_previous_graph(env, stores, neo4j_driver):
    """The server refuses a value half-way through the write: nothing of it stays."""
    from kg.model import Concept, KnowledgeGraph
    from kg.store import StoreError
    from kg.store.neo4j_store import Neo4jBackend, Neo4jWriter

    graph = Neo4jBackend.connect(connection(env)).export()
    before = graph_counts(neo4j_driver)
    build_before = cypher(neo4j_driver, "MATCH (m:KgMeta) RETURN m.build AS b")[0]["b"]
    broken = KnowledgeGraph(graph.documents, [*graph.concepts, Concept("zz-broken", "Broken", ["Broken"], "concept", 1)],
                            graph.relations, graph.questions, graph.meta)
    broken.concepts[-1].origin = [{"not": "a property value"}]  # maps cannot be stored: the server fails the statement
    writer = Neo4jWriter.connect(connection(env), batch_rows=50)
    with pytest.raises(StoreError):
        writer.write(broken)
    assert graph_counts(neo4j_driver) == before
    assert cypher(neo4j_driver, "MATCH (m:KgMeta) RETURN m.build AS b")[0]["b"] == build_before


def test_a_second_build_is_refused_while_one_runs(env, stores, neo4j_driver):
    from kg.store.neo4j_store import Neo4jWriter

    writer = Neo4jWriter.connect(connection(env))
    with writer.lock():
        proc = run_kg("build", str(EXAMPLES), "--backend", "neo4j", env=env)
        assert proc.returncode == 1
        assert "another kg build" in proc.stderr and f"pid {os.getpid()}" in proc.stderr, proc.stderr
        assert proc.stderr.count("\n") == 1
    assert cypher(neo4j_driver, "MATCH (l:KgLock) RETURN count(l) AS n")[0]["n"] == 0
    build_examples(env)


@pytest.mark.parametrize("lock", [
    {"pid": 2**22 + 12345, "host": socket.gethostname(), "idle": 0},  # a dead process on this machine
    {"pid": 1, "host": "some-other-machine", "idle": 3600},  # elsewhere, silent for an hour
], ids=["dead-process", "no-heartbeat"])
def test_a_crashed_builds_lock_is_taken_over(env, stores, neo4j_driver, lock):
    cypher(neo4j_driver, "CREATE (:KgLock {id: 'build', token: 'crashed', pid: $pid, host: $host, "
                         "started: datetime(), heartbeat: timestamp() - $idle * 1000})", **lock)
    try:
        proc = run_kg("build", str(EXAMPLES), "--backend", "neo4j", env=env)
        assert proc.returncode == 0, proc.stderr
        assert cypher(neo4j_driver, "MATCH (l:KgLock) RETURN count(l) AS n")[0]["n"] == 0
    finally:
        cypher(neo4j_driver, "MATCH (l:KgLock {token: 'crashed'}) DELETE l")


def test_a_live_lock_elsewhere_is_respected(env, stores, neo4j_driver):
    cypher(neo4j_driver, "CREATE (:KgLock {id: 'build', token: 'busy', pid: 4242, host: 'build-server-7', "
                         "started: datetime(), heartbeat: timestamp()})")
    try:
        proc = run_kg("build", str(EXAMPLES), "--backend", "neo4j", env=env)
        assert proc.returncode == 1
        assert "pid 4242 on build-server-7" in proc.stderr and "Traceback" not in proc.stderr
    finally:
        cypher(neo4j_driver, "MATCH (l:KgLock {token: 'busy'}) DELETE l")
