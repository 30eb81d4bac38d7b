"""The CLI on real notes: build, show, search, related, stats, exports, errors."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, REPO, kg_json, run_kg

SPEC_SCHEMA = REPO / "docs" / "export.schema.json"


def test_build_summary_and_exit_status(tmp_path):
    proc = run_kg("build", str(EXAMPLES), "--store", str(tmp_path / "s"))
    assert proc.returncode == 0, proc.stderr
    assert "5 documents read" in proc.stderr
    assert "concepts" in proc.stderr and "relations" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_export_json_matches_the_spec(example_export):
    jsonschema.validate(example_export, json.loads(SPEC_SCHEMA.read_text(encoding="utf-8")))
    assert example_export["format"] == "kg-export" and example_export["version"] == 1
    ids = {c["id"] for c in example_export["concepts"]}
    docs = {d["id"] for d in example_export["documents"]}
    seen_surfaces: dict[str, str] = {}
    from kg.names import name_key

    for c in example_export["concepts"]:
        assert c["name"] in c["aliases"]
        assert set(c["documents"]) <= docs
        for alias in c["aliases"]:
            owner = seen_surfaces.setdefault(name_key(alias), c["id"])
            assert owner == c["id"], f"{alias!r} belongs to {owner} and {c['id']}"
    for r in example_export["relations"]:
        assert r["source"] in ids and r["target"] in ids
        if r["type"] != "PREREQUISITE_OF":
            assert r["evidence"], r
        else:
            assert r["derived_from"], r


def test_evidence_lines_point_into_the_documents(example_export):
    paths = {d["id"]: Path(d["path"]) for d in example_export["documents"]}
    for r in example_export["relations"][:400]:
        for ev in r["evidence"]:
            lines = paths[ev["doc"]].read_text(encoding="utf-8").splitlines()
            window = re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(lines[max(ev["line"] - 2, 0) : ev["line"] + 2])))
            assert re.sub(r"\s+", "", ev["text"])[:10] in window, (r["source"], r["type"], r["target"], ev)


def test_show_accepts_any_alias_case_and_width(example_store):
    by_abbr = kg_json("show", "bn", "--store", str(example_store))
    by_chinese = kg_json("show", "批归一化", "--store", str(example_store))
    by_fullwidth = kg_json("show", "ＢＮ", "--store", str(example_store))
    assert by_abbr["id"] == by_chinese["id"] == by_fullwidth["id"]
    assert "Batch Normalization" in by_abbr["aliases"]
    ln = kg_json("show", "LayerNorm", "--store", str(example_store))
    assert ln["id"] != by_abbr["id"], "BN and LN must stay apart"
    assert any(r["type"] == "COMPARED_WITH" and {r["source"], r["target"]} == {ln["id"], by_abbr["id"]} for r in ln["relations"])


def test_show_prints_evidence_for_people(example_store):
    proc = run_kg("show", "QLoRA", "--store", str(example_store))
    assert proc.returncode == 0
    assert "QLoRA" in proc.stdout and "mentioned in" in proc.stdout


def test_unknown_concept_is_one_line_with_suggestions(example_store):
    proc = run_kg("show", "Qformr", "--store", str(example_store))
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown concept" in lines[0] and "Q-Former" in lines[0]


def test_search_partial_chinese_and_typo(example_store):
    hits = kg_json("search", "归一化", "--store", str(example_store))["results"]
    assert {"BN", "LN"} <= {h["name"] for h in hits}
    typo = kg_json("search", "Tranformer", "--store", str(example_store))["results"]
    assert typo and typo[0]["name"] == "Transformer"


def test_related_filters_by_type_and_depth(example_store):
    one = kg_json("related", "LoRA", "--store", str(example_store))["related"]
    two = kg_json("related", "LoRA", "--depth", "2", "--store", str(example_store))["related"]
    assert len(two) > len(one) > 0
    assert all(r["depth"] == 1 for r in one)
    compared = kg_json("related", "BN", "--type", "COMPARED_WITH", "--store", str(example_store))["related"]
    assert "LN" in {r["name"] for r in compared}
    bad = run_kg("related", "BN", "--type", "LIKES", "--store", str(example_store))
    assert bad.returncode == 2 and "unknown relation type" in bad.stderr


def test_stats(example_store):
    numbers = kg_json("stats", "--store", str(example_store))
    assert numbers["documents"] == 5
    assert numbers["concepts"] > 50
    assert numbers["relations_by_type"].get("PREREQUISITE_OF", 0) > 0


def test_graphml_and_csv_exports_are_valid(example_store, tmp_path):
    import zipfile

    import networkx as nx

    run_kg("export", "graphml", "--store", str(example_store), "-o", str(tmp_path / "g.graphml"), check=True)
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_nodes() > 50
    run_kg("export", "csv", "--store", str(example_store), "-o", str(tmp_path / "g.zip"), check=True)
    with zipfile.ZipFile(tmp_path / "g.zip") as z:
        assert {"concepts.csv", "relations.csv", "evidence.csv"} <= set(z.namelist())


def test_rebuild_is_identical_and_removed_notes_disappear(tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(EXAMPLES, notes)
    store = str(tmp_path / "store")
    run_kg("build", str(notes), "--store", store, check=True)
    first = run_kg("export", "json", "--store", store, check=True).stdout
    run_kg("build", str(notes), "--store", store, check=True)
    assert run_kg("export", "json", "--store", store, check=True).stdout == first
    (notes / "004_a6ba97ddb93a7609.txt").unlink()
    run_kg("build", str(notes), "--store", store, check=True)
    after = json.loads(run_kg("export", "json", "--store", store, check=True).stdout)
    assert len(after["documents"]) == 4
    assert not any("004_" in d["path"] for d in after["documents"])
    assert "controlnet" not in {c["id"] for c in after["concepts"]}


def test_store_from_environment(tmp_path):
    store = tmp_path / "envstore"
    note = tmp_path / "n.md"
    note.write_text("# LoRA\nQLoRA在LoRA的基础上引入了量化。\n", encoding="utf-8")
    run_kg("build", str(note), env={"KG_STORE": str(store)}, check=True)
    assert (store / "graph.sqlite").exists()
    card = json.loads(run_kg("show", "qlora", "--json", env={"KG_STORE": str(store)}, check=True).stdout)
    assert any(r["type"] == "EXTENDS" and r["target"] == "lora" for r in card["relations"])


def test_query_commands_do_not_import_spacy_or_jieba(example_store):
    code = (
        "import sys; from typer.testing import CliRunner; from kg.cli import app; "
        f"r = CliRunner().invoke(app, ['show', 'LoRA', '--store', {str(example_store)!r}, '--json']); "
        "assert r.exit_code == 0, r.output; "
        "bad = [m for m in ('spacy', 'jieba', 'kg.extract', 'kg.build') if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_missing_store_is_a_clear_error(tmp_path):
    proc = run_kg("show", "LoRA", "--store", str(tmp_path / "nothing"))
    assert proc.returncode == 1 and "no graph here yet" in proc.stderr and "Traceback" not in proc.stderr


def test_help_on_every_command():
    for command in ("build", "show", "related", "search", "stats", "prereqs", "path", "study-order", "questions", "query", "export",
                    "correct"):
        proc = run_kg(command, "--help")
        assert proc.returncode == 0 and "Usage" in proc.stdout, command
