"""The Neo4j backend: the graph in a Neo4j server, written in batches, read with Cypher.

:class:`Neo4jWriter` is what ``kg build --backend neo4j`` writes with: it
applies ``schema/*.cypher``, takes a build lock, and writes the whole graph in
one transaction of batched ``UNWIND … MERGE`` statements, stamping everything
with a build id and removing what lacks the stamp at the end. A build that
fails leaves the previous graph as it was; one that succeeds leaves no
trace of notes no longer given. :class:`Neo4jBackend` answers the
:class:`kg.store.base.GraphBackend` questions with the Cypher in
``queries/*.cypher``, giving exactly the answers of the embedded store's
:class:`kg.store.sqlite_backend.SqliteBackend` for the same graph.
``docs/neo4j.md`` describes the model.

Names and note text are only ever query parameters; relationship types, which
Cypher cannot take as parameters, come from :data:`kg.model.RELATION_TYPES`.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import logging
import math
import os
import re
import socket
import threading
import uuid
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from kg.model import RELATION_TYPES, STATED_TYPES, Concept, Document, Evidence, KnowledgeGraph, Question, Relation
from kg.names import name_key
from kg.resources import query_text
from kg.store.embedded import StoreBusy, StoreError

__all__ = ["Neo4jBackend", "Neo4jWriter", "FORMAT", "DEFAULT_URI", "jsonable"]

FORMAT = 1  # version of the model in docs/neo4j.md; readers refuse other versions
DEFAULT_URI = "neo4j://localhost:7687"  # what Neo4j's own tools assume
URI_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
BATCH_ROWS = 5000  # rows per UNWIND
LOCK_STALE_SECONDS = 60  # a lock without heartbeat for this long is from a crashed build
HEARTBEAT_SECONDS = 10
PATH_TYPES = STATED_TYPES + ("RELATED_TO",)  # what `kg path` walks (queries/shortest_paths.cypher)
PATH_MAX_HOPS = 8  # the bound written in queries/shortest_paths.cypher
NEIGHBOUR_MAX_DEPTH = 6  # the bound written in queries/neighbours.cypher


# ---------------------------------------------------------------- connection

_drivers: dict[tuple, object] = {}


def _driver(conn):
    """The process's one driver for this server and user (the driver pools connections)."""
    uri = conn.uri or DEFAULT_URI
    key = (uri, conn.username or "neo4j", conn.password or "")
    if key not in _drivers:
        from neo4j import GraphDatabase
        from neo4j.exceptions import ConfigurationError

        scheme = uri.partition("://")[0].lower() if "://" in uri else ""
        if scheme not in URI_SCHEMES:
            raise StoreError(f"NEO4J_URI {uri!r} is not a Neo4j address: use bolt://host:7687 or neo4j://host:7687 (neo4j+s:// for TLS, as on Aura)")
        # retries and server notices are the driver's to log; kg reports one line per failure
        if not logging.getLogger("neo4j").handlers:
            logging.getLogger("neo4j").addHandler(logging.NullHandler())
        try:
            _drivers[key] = GraphDatabase.driver(
                uri, auth=(key[1], key[2]), connection_timeout=10.0, max_transaction_retry_time=10.0,
                user_agent="kg", notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"NEO4J_URI {uri!r} is not a Neo4j address ({_one_line(exc)}); use e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io") from None
        if len(_drivers) == 1:
            atexit.register(_close_drivers)
    return _drivers[key]


def _close_drivers() -> None:
    for driver in _drivers.values():
        driver.close()
    _drivers.clear()


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())


_CREDENTIAL_CODES = (
    "Neo.ClientError.Security.Unauthorized",
    "Neo.ClientError.Security.AuthenticationRateLimit",
    "Neo.ClientError.Security.CredentialsExpired",
)


def _store_error(exc: Exception, conn) -> StoreError:
    """A one-line :class:`StoreError` saying what went wrong with the server and what to do."""
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

    uri = conn.uri or DEFAULT_URI
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, AuthError) or code in _CREDENTIAL_CODES:
        hint = "NEO4J_PASSWORD is not set" if not conn.password else "check NEO4J_USERNAME and NEO4J_PASSWORD"
        return StoreError(f"Neo4j at {uri} refused the credentials of user {conn.username or 'neo4j'!r}: {_one_line(exc)} ({hint})")
    if isinstance(exc, (ServiceUnavailable, SessionExpired)) or isinstance(exc, OSError):
        reason = re.search(r"reason (?:\[Errno -?\d+\] )?([^)]+)", _one_line(exc))
        return StoreError(f"cannot reach Neo4j at {uri}: {reason.group(1) if reason else _one_line(exc)} (is the server running? check NEO4J_URI)")
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return StoreError(f"Neo4j at {uri} has no database {conn.database!r} (check NEO4J_DATABASE)")
    if isinstance(exc, Neo4jError):
        return StoreError(f"Neo4j at {uri}: {_one_line(exc)}" + (f" [{code}]" if code else ""))
    return StoreError(f"Neo4j at {uri}: {_one_line(exc)}")


def _driver_errors() -> tuple[type[Exception], ...]:
    from neo4j.exceptions import DriverError, Neo4jError

    return (Neo4jError, DriverError, OSError)


@lru_cache(maxsize=None)
def _cypher(name: str) -> str:
    return query_text(name)


def schema_statements() -> list[str]:
    """The statements of ``schema/*.cypher`` (file order, then statement order), comments removed."""
    from importlib import resources

    statements = []
    files = sorted((p for p in resources.files("kg.schema").iterdir() if p.name.endswith(".cypher")), key=lambda p: p.name)
    for path in files:
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("//"))
        statements.extend(s.strip() for s in text.split(";") if s.strip())
    return statements


# ---------------------------------------------------------------- writing


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _batches(rows: list, size: int):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _check(graph: KnowledgeGraph) -> None:
    """Refuse a graph the model cannot hold exactly, before anything is written."""
    docs = [d.id for d in graph.documents]
    if len(set(docs)) != len(docs):
        raise StoreError("the graph has two documents with one id; nothing was written")
    concepts = {c.id for c in graph.concepts}
    if len(concepts) != len(graph.concepts):
        raise StoreError("the graph has two concepts with one id; nothing was written")
    doc_ids = set(docs)
    for c in graph.concepts:
        missing = (set(c.lines) | set(c.documents)) - doc_ids
        if missing:
            raise StoreError(f"concept {c.id!r} is mentioned in unknown document {sorted(missing)[0]!r}; nothing was written")
    keys = set()
    for r in graph.relations:
        if r.type not in RELATION_TYPES:
            raise StoreError(f"relation type {r.type!r} is not one of {', '.join(RELATION_TYPES)}; nothing was written")
        if r.source not in concepts or r.target not in concepts:
            raise StoreError(f"relation {r.source} {r.type} {r.target} names an unknown concept; nothing was written")
        if r.key in keys:
            raise StoreError(f"relation {r.source} {r.type} {r.target} is in the graph twice; nothing was written")
        keys.add(r.key)


def _question_ids(questions: list[Question]) -> list[str]:
    """Stable ids: a question keeps its id across builds while its document, line and text stay."""
    ids, seen = [], defaultdict(int)
    for q in questions:
        base = f"{q.doc}:{q.line}:{hashlib.sha1(q.text.encode('utf-8')).hexdigest()[:12]}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}:{seen[base]}")
    return ids


def graph_rows(graph: KnowledgeGraph) -> list[tuple[str, list[dict]]]:
    """Each write statement (``queries/write_*.cypher``) with the rows it is run with, in writing order."""
    documents = [
        {"id": d.id, "path": d.path, "title": d.title, "sha256": d.sha256, "lines": d.lines, "ord": i}
        for i, d in enumerate(graph.documents)
    ]
    concepts = [
        {
            "id": c.id, "name": c.name, "aliases": list(c.aliases),
            "alias_keys": sorted({name_key(a) for a in [c.name, *c.aliases]}),
            "category": c.category, "mentions": c.mentions, "documents": list(c.documents),
            "definition": c.definition.text if c.definition else None,
            "definition_doc": c.definition.doc if c.definition else None,
            "definition_line": c.definition.line if c.definition else None,
            "origin": list(c.origin),
        }
        for c in graph.concepts
    ]
    mentions = [{"concept": c.id, "doc": doc, "lines": list(lines)} for c in graph.concepts for doc, lines in c.lines.items()]
    relations: dict[str, list[dict]] = defaultdict(list)
    for r in sorted(graph.relations, key=lambda r: (r.type, r.source, r.target)):
        relations[r.type].append({
            "source": r.source, "target": r.target,
            "confidence": float(r.confidence),
            "evidence_docs": [e.doc for e in r.evidence],
            "evidence_lines": [e.line for e in r.evidence],
            "evidence_texts": [e.text for e in r.evidence],
            "derived_from": _json(r.derived_from) if r.derived_from else None,
            "cues": list(r.cues),
        })
    questions = [
        {"id": qid, "doc": q.doc, "line": q.line, "text": q.text, "concepts": list(q.concepts), "answer": q.answer, "ord": i}
        for i, (qid, q) in enumerate(zip(_question_ids(graph.questions), graph.questions))
    ]
    return [
        (_cypher("write_documents"), documents),
        (_cypher("write_concepts"), concepts),
        (_cypher("write_mentions"), mentions),
        *((_relations_statement(rtype), rows) for rtype, rows in relations.items()),
        (_cypher("write_questions"), questions),
    ]


def _relations_statement(rtype: str) -> str:
    """``queries/write_relations.cypher`` for one relationship type (Cypher cannot take a type as a parameter)."""
    if rtype not in RELATION_TYPES:
        raise ValueError(f"not a relation type: {rtype!r}")
    return _cypher("write_relations").replace("REL_TYPE", rtype)


class Neo4jWriter:
    """What ``kg build --backend neo4j`` writes with: ``lock()``, ``write(graph)``, ``cache_dir``.

    >>> writer = Neo4jWriter.connect(Connection("neo4j", uri="bolt://localhost:7687", password="…"))  # doctest: +SKIP
    >>> with writer.lock():  # doctest: +SKIP
    ...     writer.write(graph)
    """

    def __init__(self, driver, conn, batch_rows: int = BATCH_ROWS):
        self._driver = driver
        self._conn = conn
        self.database = conn.database or None
        self.batch_rows = batch_rows
        self.last_removed: dict = {}
        self.lock_token: str | None = None  # set while this writer holds the build lock

    @classmethod
    def connect(cls, conn, batch_rows: int = BATCH_ROWS) -> "Neo4jWriter":
        """A writer to the server of ``conn``; raises :class:`StoreError` if it cannot be written to."""
        writer = cls(_driver(conn), conn, batch_rows)
        writer._run("RETURN 1")  # credentials, reachability and the database, before any work
        return writer

    @property
    def cache_dir(self) -> Path:
        """Per-server folder for the extraction cache (results keyed by note content)."""
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        server = f"{self._conn.uri or DEFAULT_URI}|{self.database or ''}"
        return base / "kg" / f"neo4j-{hashlib.sha1(server.encode('utf-8')).hexdigest()[:12]}"

    def _run(self, cypher: str, **params) -> list:
        """One auto-commit statement (schema changes cannot share a transaction with data)."""
        try:
            with self._driver.session(database=self.database) as session:
                return list(session.run(cypher, params))
        except _driver_errors() as exc:
            raise _store_error(exc, self._conn) from None

    def apply_schema(self) -> None:
        """Create the constraints and indexes of ``schema/*.cypher`` that do not exist yet."""
        for statement in schema_statements():
            self._run(statement)
        self._run("CALL db.awaitIndexes(300)")

    def lock(self) -> "_BuildLock":
        """A context manager held for the whole build; a second build is refused with :class:`StoreBusy`."""
        return _BuildLock(self)

    def write(self, graph: KnowledgeGraph) -> dict:
        """Replace the stored graph with ``graph`` in one transaction; returns what was removed as stale.

        Raises :class:`StoreError` (nothing written) if the graph is inconsistent or
        the server fails; the previous graph then stays as it was.
        """
        _check(graph)
        self.apply_schema()
        build = uuid.uuid4().hex
        plan = graph_rows(graph)
        meta = _json(graph.meta)

        def work(tx):
            if self.lock_token:
                # holding the lock node for the whole transaction: a build that
                # thinks ours crashed waits for this commit before taking over
                if not tx.run(_cypher("lock_heartbeat"), token=self.lock_token).single()["held"]:
                    raise StoreBusy(f"{self._conn.describe()}: another kg build took over the build lock (this build "
                                    f"stopped signalling for {LOCK_STALE_SECONDS} s); nothing was written")
            for statement, rows in plan:
                for batch in _batches(rows, self.batch_rows):
                    tx.run(statement, rows=batch, build=build).consume()
            tx.run(_cypher("write_meta"), build=build, meta=meta, format=FORMAT).consume()
            return tx.run(_cypher("delete_stale"), build=build).single().data()

        try:
            with self._driver.session(database=self.database) as session:
                self.last_removed = session.execute_write(work)
        except _driver_errors() as exc:
            raise _store_error(exc, self._conn) from None
        return self.last_removed


class _BuildLock:
    """The ``(:KgLock {id: 'build'})`` node, held by one build, kept alive by a heartbeat.

    A lock whose heartbeat stopped ``LOCK_STALE_SECONDS`` ago, or whose process
    is gone from this machine, is from a crashed build and is taken over.
    """

    def __init__(self, writer: Neo4jWriter):
        self.writer = writer
        self.token = uuid.uuid4().hex
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _acquire(self) -> dict:
        rows = self.writer._run(_cypher("lock_acquire"), token=self.token, pid=os.getpid(), host=socket.gethostname())
        return rows[0].data()

    def __enter__(self):
        self.writer.apply_schema()  # the lock relies on the KgLock.id constraint
        holder = self._acquire()
        if not holder["acquired"] and _is_stale(holder):
            self.writer._run(_cypher("lock_release"), token=holder["token"])
            holder = self._acquire()
        if not holder["acquired"]:
            where = self.writer._conn.describe()
            raise StoreBusy(
                f"another kg build is writing to {where} (pid {holder['pid']} on {holder['host']}, "
                f"started {holder['started']}, alive {holder['idle_seconds']} s ago); wait for it to finish "
                f"(a crashed build's lock is taken over {LOCK_STALE_SECONDS} s after its last sign of life)"
            )
        self.writer.lock_token = self.token
        self._thread = threading.Thread(target=self._beat, name="kg-lock-heartbeat", daemon=True)
        self._thread.start()
        return self

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                self.writer._run(_cypher("lock_heartbeat"), token=self.token)
            except StoreError:
                pass  # the build's own statements will report the server

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.writer.lock_token = None
        if self._thread:
            self._thread.join()
        try:
            self.writer._run(_cypher("lock_release"), token=self.token)
        except StoreError:
            if exc[0] is None:
                raise


def _is_stale(holder: dict) -> bool:
    if holder["idle_seconds"] is not None and holder["idle_seconds"] >= LOCK_STALE_SECONDS:
        return True
    if holder["host"] == socket.gethostname() and isinstance(holder["pid"], int):
        try:
            os.kill(holder["pid"], 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
    return False


# ---------------------------------------------------------------- reading


def _relation(record) -> Relation:
    evidence = [Evidence(d, n, t) for d, n, t in zip(record["evidence_docs"] or [], record["evidence_lines"] or [], record["evidence_texts"] or [])]
    derived = json.loads(record["derived_from"]) if record["derived_from"] else []
    return Relation(record["source"], record["target"], record["type"], record["confidence"], evidence, derived, list(record["cues"] or []))


def _concept(record) -> Concept:
    order = {doc: i for i, doc in enumerate(record["documents"])}
    # the builder lists a concept's mention lines in document order, as its documents
    mentioned = sorted(record["lines"], key=lambda pair: (order.get(pair[0], len(order)), pair[0]))
    definition = None
    if record["definition"] is not None:
        definition = Evidence(record["definition_doc"], record["definition_line"], record["definition"])
    return Concept(
        record["id"], record["name"], list(record["aliases"]), record["category"], record["mentions"],
        list(record["documents"]), {doc: list(lines) for doc, lines in mentioned}, definition, list(record["origin"] or []),
    )


def _question(record) -> Question:
    return Question(record["doc"], record["line"], record["text"], tuple(record["concepts"] or ()), record["answer"])


class Neo4jBackend:
    """:class:`kg.store.base.GraphBackend` over the graph in a Neo4j database.

    Concepts are cached for the life of the object (one command), so an answer
    that names many concepts asks the server once per concept at most.
    """

    def __init__(self, driver, conn, meta: dict):
        self._driver = driver
        self._conn = conn
        self.database = conn.database or None
        self.meta = meta
        self._concepts: dict[str, Concept] = {}
        self._documents: list[Document] | None = None

    @classmethod
    def connect(cls, conn) -> "Neo4jBackend":
        """A reader of the graph on the server of ``conn``; raises :class:`StoreError` if there is none."""
        import neo4j

        driver = _driver(conn)
        backend = cls(driver, conn, {})
        try:
            # one try, no retries: an unreachable server is reported at once
            with driver.session(database=backend.database, default_access_mode=neo4j.READ_ACCESS) as session:
                rows = list(session.run(_cypher("graph_meta")))
        except _driver_errors() as exc:
            raise _store_error(exc, conn) from None
        if not rows:
            raise StoreError(f"{conn.describe()}: no kg graph in this database yet; run 'kg build NOTES --backend neo4j' first")
        if rows[0]["format"] != FORMAT:
            raise StoreError(f"{conn.describe()}: the graph was written by another kg version (model {rows[0]['format']}, this kg reads {FORMAT}); rebuild it with 'kg build --backend neo4j'")
        backend.meta = json.loads(rows[0]["meta"])
        return backend

    def _read(self, name: str, **params) -> list:
        from neo4j import RoutingControl

        try:
            records, _, _ = self._driver.execute_query(_cypher(name), params, database_=self.database, routing_=RoutingControl.READ)
        except _driver_errors() as exc:
            raise _store_error(exc, self._conn) from None
        return records

    # -- GraphBackend

    def concept_by_key(self, key: str) -> Concept | None:
        rows = self._read("concept_by_key", key=key)
        if not rows:
            return None
        best = min(rows, key=lambda r: (-r["mentions"], r["id"]))
        return self.concept(best["id"])

    def names(self) -> list[tuple[str, str, list[str], int]]:
        rows = sorted(self._read("names"), key=lambda r: r["id"])
        return [(r["id"], r["name"], list(r["aliases"]), r["mentions"]) for r in rows]

    def _load(self, ids) -> None:
        wanted = sorted(set(ids) - self._concepts.keys())
        if wanted:
            for record in self._read("concepts", ids=wanted):
                self._concepts[record["id"]] = _concept(record)

    def concept(self, cid: str) -> Concept:
        self._load([cid])
        return self._concepts[cid]

    def relations_of(self, cid: str) -> list[Relation]:
        relations = {}
        for record in self._read("relations_of", id=cid, types=list(RELATION_TYPES)):
            r = _relation(record)
            relations[r.key] = r
        return sorted(relations.values(), key=lambda r: (r.type, r.source, r.target))

    def neighbours(self, cid: str, types: list[str] | None, depth: int) -> list[tuple[str, int]]:
        if depth > NEIGHBOUR_MAX_DEPTH:
            raise ValueError(f"neighbours: at most {NEIGHBOUR_MAX_DEPTH} hops (queries/neighbours.cypher), not {depth}")
        allowed = [t for t in RELATION_TYPES if t in set(types)] if types else list(PATH_TYPES)
        rows = self._read("neighbours", id=cid, types=allowed, depth=depth)
        found = sorted(((r["id"], r["depth"]) for r in rows if r["id"] != cid), key=lambda x: (x[1], x[0]))
        self._load(c for c, _ in found)
        return found

    def prerequisite_edges(self, cids: list[str], depth: int | None = None) -> list[Relation]:
        rows = self._read("prerequisite_edges", ids=list(cids), depth=depth)
        edges = {}
        for record in rows:
            r = _relation(record)
            edges[(r.source, r.target)] = r
        found = sorted(edges.values(), key=lambda r: (r.source, r.target))
        self._load([*cids, *(r.source for r in found)])
        return found

    def shortest_paths(self, a: str, b: str, max_hops: int = 8) -> list[list[Relation]]:
        if a == b:
            return [[]]
        # the hop limit is applied here: a WHERE on the path would make Neo4j fall
        # back to an exhaustive search when the shortest paths are too long
        rows = self._read("shortest_paths", source=a, target=b)
        paths = [[_relation(hop) for hop in row["hops"]] for row in rows if len(row["hops"]) <= max_hops]
        return sorted(paths, key=lambda hops: [(h.source, h.type, h.target) for h in hops])

    def questions(self, cids: list[str]) -> list[Question]:
        return [_question(r) for r in self._read("questions", ids=list(cids))]

    def _document_list(self) -> list[Document]:
        if self._documents is None:
            self._documents = [Document(r["id"], r["path"], r["sha256"], r["lines"], r["title"]) for r in self._read("documents")]
        return self._documents

    def documents(self) -> dict[str, str]:
        return {d.id: d.path for d in self._document_list()}

    def graph_meta(self) -> dict:
        return dict(self.meta)

    def learned(self) -> list[tuple[str, str]]:
        return [(r["id"], r["name"]) for r in self._read("learned")]

    def set_learned(self, add: list[tuple[str, str]], remove: set[str]) -> None:
        def work(tx):
            tx.run(_cypher("unlearn"), ids=sorted(remove)).consume()
            tx.run(_cypher("learn"), rows=[{"id": cid, "name": name} for cid, name in add]).consume()

        try:
            with self._driver.session(database=self.database) as session:
                session.execute_write(work)
        except _driver_errors() as exc:
            raise _store_error(exc, self._conn) from None

    def counts(self) -> dict:
        row = self._read("counts", types=list(RELATION_TYPES))[0]
        by_type = dict(sorted((t, n) for t, n in row["relations_by_type"]))
        meta = json.loads(row["meta"]) if row["meta"] else {}
        return {
            "documents": row["documents"],
            "concepts": row["concepts"],
            "relations": sum(by_type.values()),
            "relations_by_type": by_type,
            "concepts_by_category": dict(sorted((c, n) for c, n in row["concepts_by_category"])),
            "questions": row["questions"],
            "broken_cycles": meta.get("broken_cycles", []),
            "skipped": meta.get("skipped", []),
        }

    def export(self) -> KnowledgeGraph:
        concepts = sorted((_concept(r) for r in self._read("all_concepts")), key=lambda c: c.id)
        relations = sorted(
            (_relation(r) for r in self._read("all_relations", types=list(RELATION_TYPES))),
            key=lambda r: (r.source, r.type, r.target),
        )
        questions = [_question(r) for r in self._read("all_questions")]
        return KnowledgeGraph(list(self._document_list()), concepts, relations, questions, dict(self.meta))

    # -- kg query

    def read_query(self, cypher: str, params: dict | None = None) -> tuple[list[str], list[list]]:
        """Run a person's Cypher in a read-only session: ``(columns, rows)`` of JSON-able values.

        The server refuses writes in a READ session; its message becomes a :class:`StoreError`.
        """
        import neo4j

        try:
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                result = session.run(cypher, params or {})
                columns = list(result.keys())
                rows = [[jsonable(value) for value in record.values()] for record in result]
        except _driver_errors() as exc:
            code = getattr(exc, "code", None) or ""
            if code == "Neo.ClientError.Statement.AccessMode" or "read access mode" in _one_line(exc).lower():
                raise StoreError(f"kg query is read-only: the server refused to write ({_one_line(exc)})") from None
            raise _store_error(exc, self._conn) from None
        return columns, rows


def jsonable(value):
    """A value from the driver as plain JSON data: nodes and relationships as dicts of their properties.

    A relationship also gets ``type`` (and ``start``/``end``: the ``id`` property of
    its nodes, when they have one); a path becomes ``{"nodes": […], "relationships": […]}``;
    dates and times become ISO text.

    >>> jsonable([1, {"a": float("nan")}])
    [1, {'a': 'NaN'}]
    """
    from neo4j.graph import Node, Path as GraphPath, Relationship
    from neo4j.spatial import Point

    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value).replace("nan", "NaN").replace("inf", "Infinity")
    if isinstance(value, Node):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, Relationship):
        out = {"type": value.type}
        for end, node in (("start", value.start_node), ("end", value.end_node)):
            if node is not None and "id" in node:
                out[end] = jsonable(node["id"])
        out.update({k: jsonable(v) for k, v in value.items()})
        return out
    if isinstance(value, GraphPath):
        return {"nodes": [jsonable(n) for n in value.nodes], "relationships": [jsonable(r) for r in value.relationships]}
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if hasattr(value, "iso_format"):  # dates, times, durations (a Duration is also a tuple)
        return value.iso_format()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return str(value)
