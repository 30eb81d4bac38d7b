"""Shared fixtures: the CLI run as users run it, and a store built from the example notes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "notes"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_kg(*args: str, cwd: Path | None = None, env: dict | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run the installed ``kg`` command in a subprocess, as a user would."""
    full_env = dict(os.environ)
    full_env.pop("KG_STORE", None)
    full_env.pop("KG_BACKEND", None)
    full_env.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def store_tables(store: Path) -> dict[str, list[tuple]]:
    """Every row of every table of an embedded store: what two builds must agree on."""
    import sqlite3

    with sqlite3.connect(store / "graph.sqlite") as con:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: list(con.execute(f"SELECT * FROM {n}")) for n in names}


def kg_json(*args: str, **kw) -> dict:
    proc = run_kg(*args, "--json", check=True, **kw)
    return json.loads(proc.stdout)


@pytest.fixture(scope="session")
def example_store(tmp_path_factory) -> Path:
    """A store built once from examples/notes; tests must not write to it."""
    store = tmp_path_factory.mktemp("store") / "kg"
    run_kg("build", str(EXAMPLES), "--store", str(store), check=True)
    return store


@pytest.fixture(scope="session")
def example_export(example_store, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("export") / "graph.json"
    run_kg("export", "json", "--store", str(example_store), "-o", str(out), check=True)
    return json.loads(out.read_text(encoding="utf-8"))
