"""Checks the Neo4j server the project relies on (see scripts/neo4j-local).

Run with a server:  eval "$(scripts/neo4j-local start)" && pytest -m neo4j
"""

from __future__ import annotations

import os
import sys
import uuid

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from neo4j_fixtures import neo4j_database, neo4j_driver  # noqa: E402,F401  (fixture)

pytestmark = pytest.mark.neo4j


def test_server_answers_return_1(neo4j_driver):
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS x", database_=neo4j_database())
    assert records[0]["x"] == 1


def test_cjk_fulltext_index_finds_chinese_substring(neo4j_driver):
    tag = uuid.uuid4().hex[:12]
    index = f"kg_test_cjk_{tag}"
    label = f"KgTestCjk_{tag}"
    db = neo4j_database()
    with neo4j_driver.session(database=db) as s:
        analyzers = [r["analyzer"] for r in s.run("CALL db.index.fulltext.listAvailableAnalyzers()")]
        assert "cjk" in analyzers
        try:
            # one node indexed by population, one by a later transactional update
            s.run(f"CREATE (:`{label}` {{name: '批归一化'}})").consume()
            s.run(
                f"CREATE FULLTEXT INDEX `{index}` IF NOT EXISTS FOR (n:`{label}`) ON EACH [n.name] "
                "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
            ).consume()
            s.run("CALL db.awaitIndex($name, 120)", name=index).consume()
            s.run(
                f"CREATE (:`{label}` {{name: '层归一化'}}), (:`{label}` {{name: '卷积网络'}})"
            ).consume()

            options = s.run(
                "SHOW FULLTEXT INDEXES YIELD name, options WHERE name = $name RETURN options",
                name=index,
            ).single()["options"]
            assert options["indexConfig"]["fulltext.analyzer"] == "cjk"

            hits = s.run(
                "CALL db.index.fulltext.queryNodes($name, '归一化') YIELD node, score "
                "RETURN node.name AS name ORDER BY score DESC",
                name=index,
            ).value("name")
            assert set(hits) == {"批归一化", "层归一化"}
        finally:
            s.run(f"DROP INDEX `{index}` IF EXISTS").consume()
            s.run(f"MATCH (n:`{label}`) DETACH DELETE n").consume()


def test_read_access_mode_refuses_writes(neo4j_driver):
    import neo4j
    from neo4j.exceptions import Neo4jError

    label = f"KgTestReadOnly_{uuid.uuid4().hex[:12]}"
    db = neo4j_database()
    try:
        with neo4j_driver.session(database=db, default_access_mode=neo4j.READ_ACCESS) as s:
            with pytest.raises(Neo4jError) as err:
                s.run(f"CREATE (n:`{label}`) RETURN n").consume()
        assert err.value.code and err.value.code.startswith("Neo.ClientError."), err.value.code
        with neo4j_driver.session(database=db) as s:
            assert s.run(f"MATCH (n:`{label}`) RETURN count(n) AS c").single()["c"] == 0
    finally:
        with neo4j_driver.session(database=db) as s:
            s.run(f"MATCH (n:`{label}`) DETACH DELETE n").consume()
