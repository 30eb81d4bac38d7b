"""Shared Neo4j connection fixture for tests marked ``@pytest.mark.neo4j``.

Connects with NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, as
printed by ``eval "$(scripts/neo4j-local start)"``. Without NEO4J_URI the tests
are skipped, except on CI (CI=true), where a missing server is a failure.
"""

from __future__ import annotations

import os

import pytest


def neo4j_settings() -> dict[str, str]:
    uri = os.environ.get("NEO4J_URI", "")
    if not uri:
        hint = 'start one with: eval "$(scripts/neo4j-local start)"'
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but NEO4J_URI is not set; {hint}", pytrace=False)
        pytest.skip(f"NEO4J_URI is not set (no Neo4j server); {hint}")
    return {
        "uri": uri,
        "user": os.environ.get("NEO4J_USERNAME", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD", ""),
    }


def neo4j_database() -> str:
    return os.environ.get("NEO4J_DATABASE") or "neo4j"


@pytest.fixture(scope="session")
def neo4j_driver():
    """A verified ``neo4j.Driver``; use it with ``database=neo4j_database()``."""
    settings = neo4j_settings()
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(settings["uri"], auth=(settings["user"], settings["password"]))
    try:
        driver.verify_connectivity()
    except Exception:
        driver.close()
        raise
    yield driver
    driver.close()
