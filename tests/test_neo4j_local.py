"""scripts/neo4j-local: a server it did not start is never reused nor stopped; a taken port is named.

The full test starts a server of its own on a free port (Java and the cached
Maven jars needed: skipped without them, except on CI).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
from contextlib import closing

import pytest

from conftest import REPO

SCRIPT = REPO / "scripts" / "neo4j-local"


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int) -> bool:
    with closing(socket.socket()) as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def script(*args: str, env: dict | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("KG_NEO4J_", "NEO4J_"))}
    full["KG_PYTHON"] = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv").exists() else "python3"
    full.update(env or {})
    return subprocess.run(["bash", str(SCRIPT), *args], env=full, capture_output=True, text=True, timeout=timeout)


def exports(text: str) -> dict:
    out = {}
    for line in text.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        out[key] = value
    return out


def test_a_taken_port_is_named_and_its_server_left_alone(tmp_path):
    with closing(socket.socket()) as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        proc = script("start", env={"KG_NEO4J_PORT": str(port), "KG_NEO4J_HOME": str(tmp_path / "home")})
        assert proc.returncode == 1 and proc.stdout == ""
        assert f"port {port} on 127.0.0.1 is taken" in proc.stderr and "KG_NEO4J_PORT" in proc.stderr
        assert answers(port)


def test_port_picks_a_free_one_when_none_is_given(tmp_path):
    with closing(socket.socket()) as held:
        try:
            held.bind(("127.0.0.1", 7687))
            held.listen()
        except OSError:
            pass  # someone else holds 7687: just as good
        proc = script("port", env={"KG_NEO4J_HOME": str(tmp_path / "home")})
        assert proc.returncode == 0, proc.stderr
        port = int(proc.stdout)
        assert port != 7687 and 7687 < port < 7787 and not answers(port)
        assert "port 7687 on 127.0.0.1 is taken; using" in proc.stderr


def test_stop_without_its_run_folder_stops_nothing(tmp_path):
    proc = script("stop")
    assert proc.returncode == 1 and "KG_NEO4J_RUN_DIR is not set" in proc.stderr
    proc = script("stop", env={"KG_NEO4J_RUN_DIR": str(tmp_path / "not-ours")})
    assert proc.returncode == 0 and "nothing stopped" in proc.stderr


@pytest.mark.neo4j
def test_a_server_it_did_not_start_keeps_running(tmp_path):
    if not (shutil.which("java") and shutil.which("mvn")):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but java or mvn is missing")
        pytest.skip("needs java and mvn")
    port = free_port()
    started = script("start", env={"KG_NEO4J_PORT": str(port)})
    assert started.returncode == 0, started.stderr
    mine = exports(started.stdout)
    assert mine["NEO4J_URI"] == f"bolt://127.0.0.1:{port}" and mine["KG_NEO4J_RUN_DIR"]
    try:
        assert answers(port)
        # another start on its port is refused, not handed this server
        again = script("start", env={"KG_NEO4J_PORT": str(port)})
        assert again.returncode == 1 and again.stdout == "" and f"port {port}" in again.stderr
        # a start given this run folder does not reuse the server either
        reuse = script("start", env={"KG_NEO4J_RUN_DIR": mine["KG_NEO4J_RUN_DIR"], "KG_NEO4J_PORT": str(free_port())})
        assert reuse.returncode == 1 and "not reused" in reuse.stderr
        # stop and status of another shell (no run folder, or another one) leave it running
        assert script("stop").returncode == 1
        assert script("stop", env={"KG_NEO4J_RUN_DIR": str(tmp_path / "other")}).returncode == 0
        assert script("status", env={"KG_NEO4J_RUN_DIR": str(tmp_path / "other")}).returncode == 1
        assert answers(port)
        status = script("status", env={"KG_NEO4J_RUN_DIR": mine["KG_NEO4J_RUN_DIR"]})
        assert status.returncode == 0 and f":{port}" in status.stdout
    finally:
        stopped = script("stop", env={"KG_NEO4J_RUN_DIR": mine["KG_NEO4J_RUN_DIR"]})
    assert stopped.returncode == 0 and "stopped" in stopped.stderr, stopped.stderr
    assert not answers(port)
    assert not os.path.exists(mine["KG_NEO4J_RUN_DIR"]), "the run folder start made is removed with its server"
