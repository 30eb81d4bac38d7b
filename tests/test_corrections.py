"""Corrections that stick: kg.yaml in the notes folder, applied by every build, through the CLI on real notes."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_kg, store_tables


@pytest.fixture()
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(EXAMPLES, folder)
    return folder


def build(notes: Path, store: Path, *extra: str, **kw):
    return run_kg("build", str(notes), "--store", str(store), *extra, **kw)


def show(store: Path, name: str) -> dict | None:
    proc = run_kg("show", name, "--store", str(store), "--json")
    return json.loads(proc.stdout) if proc.returncode == 0 else None


def relations(card: dict) -> set[tuple[str, str, str]]:
    return {(r["source"], r["type"], r["target"]) for r in card["relations"]}


def write(notes: Path, text: str) -> Path:
    path = notes / "kg.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_added_concept_is_found_with_its_names_and_category(notes, tmp_path):
    (notes / "blockwise.md").write_text(
        "# 长序列\n\n块式注意力把序列切成块，只在块内计算注意力。\n\n"
        "块式注意力可以降低显存。Blockwise Attention 常用于长文本。\n\n块式注意力和稀疏注意力相似。\n", encoding="utf-8")
    store = tmp_path / "s"
    build(notes, store, check=True)
    assert show(store, "块式注意力") is None
    write(notes, "- concept: 块式注意力\n  aliases: [Blockwise Attention]\n  category: method\n")
    proc = build(notes, store, check=True)
    assert "corrections: 1 of 1 applied" in proc.stderr
    card = show(store, "blockwise attention")
    assert card and card["name"] == "块式注意力" and card["category"] == "method"
    assert {"块式注意力", "Blockwise Attention"} <= set(card["aliases"]) and card["mentions"] >= 4
    # an alias named as a concept leaves the concept that had it
    bn = show(store, "BN")
    alias = next(a for a in bn["aliases"] if a.isascii() and " " in a)
    write(notes, f"- concept: {alias}\n  category: concept\n")
    build(notes, store, check=True)
    card = show(store, alias)
    assert card["name"] == alias and card["id"] != bn["id"] and alias not in show(store, "BN")["aliases"]


def test_a_dropped_alias_is_no_name_of_the_concept(notes, tmp_path):
    store = tmp_path / "s"
    build(notes, store, check=True)
    before = show(store, "BN")
    assert "批归一化" in before["aliases"]
    write(notes, "# what kg got wrong\n- alias-drop: [BN, 批归一化]\n")
    build(notes, store, check=True)
    after = show(store, "BN")
    assert "批归一化" not in after["aliases"] and after["mentions"] < before["mentions"]
    other = show(store, "批归一化")
    assert other is None or other["id"] != before["id"]


def test_a_forbidden_name_is_no_concept(notes, tmp_path):
    store = tmp_path / "s"
    build(notes, store, check=True)
    transformer = show(store, "Transformer")
    assert transformer and transformer["relations"]
    write(notes, "- not-concept: Transformer\n")
    build(notes, store, check=True)
    assert show(store, "Transformer") is None
    graph = json.loads(run_kg("export", "json", "--store", str(store), check=True).stdout)
    assert transformer["id"] not in {c["id"] for c in graph["concepts"]}
    assert not any(transformer["id"] in (r["source"], r["target"]) for r in graph["relations"])


def test_merge_and_apart(notes, tmp_path):
    store = tmp_path / "s"
    build(notes, store, check=True)
    lora, qlora, bn = show(store, "LoRA"), show(store, "QLoRA"), show(store, "BN")
    assert lora["id"] != qlora["id"] and show(store, "批归一化")["id"] == bn["id"]
    write(notes, "- merge: [LoRA, QLoRA]\n- apart: [BN, 批归一化]\n")
    proc = build(notes, store, check=True)
    assert "corrections: 2 of 2 applied" in proc.stderr
    merged = show(store, "QLoRA")
    assert merged["id"] == lora["id"] and merged["name"] == "LoRA" and "QLoRA" in merged["aliases"]
    assert merged["mentions"] >= lora["mentions"] + qlora["mentions"] - 1
    assert not any(r["source"] == r["target"] for r in merged["relations"])
    apart = show(store, "批归一化")
    assert apart["id"] != bn["id"] and apart["name"] == "批归一化"
    assert "批归一化" not in show(store, "BN")["aliases"]


def test_relations_added_with_their_reason_and_removed(notes, tmp_path):
    store = tmp_path / "s"
    build(notes, store, check=True)
    assert ("qlora", "EXTENDS", "lora") in relations(show(store, "QLoRA"))
    path = write(notes, "- relation-drop: [QLoRA, EXTENDS, LoRA]\n"
                        "- relation: [QLoRA, USES, Adam]\n  reason: QLoRA 的适配器用 Adam 训练\n")
    build(notes, store, check=True)
    card = show(store, "QLoRA")
    found = relations(card)
    assert ("qlora", "EXTENDS", "lora") not in found
    added = next(r for r in card["relations"] if (r["source"], r["type"], r["target"]) == ("qlora", "USES", "adam"))
    assert added["confidence"] == 1.0
    evidence = added["evidence"][0]
    assert evidence["text"] == "QLoRA 的适配器用 Adam 训练" and evidence["line"] == 2
    assert show(store, "QLoRA")["mentioned_at"]
    documents = json.loads(run_kg("export", "json", "--store", str(store), check=True).stdout)["documents"]
    assert next(d for d in documents if d["id"] == evidence["doc"])["path"] == str(path)
    prereqs = json.loads(run_kg("prereqs", "QLoRA", "--store", str(store), "--json", check=True).stdout)
    assert "Adam" in {p["name"] for p in prereqs["prerequisites"]}
    human = run_kg("show", "QLoRA", "--store", str(store), check=True).stdout
    assert "kg.yaml:2" in human.replace("\n", "").replace("│", "").replace(" ", "")


def test_entries_with_nothing_to_do_are_noted_not_errors(notes, tmp_path):
    store = tmp_path / "s"
    write(notes, "- not-concept: 没有这个名字\n- merge: [BN, Batch Normalization]\n")
    proc = build(notes, store, check=True)
    assert "corrections: 0 of 2 applied" in proc.stderr
    assert "kg.yaml:1: not-concept 没有这个名字: nothing to do" in proc.stderr
    assert "kg.yaml:2: merge BN, Batch Normalization: nothing to do (already one concept)" in proc.stderr


@pytest.mark.parametrize("text, line, problem", [
    ("- merge: [LoRA, QLoRA\n- apart: [BN, LN]\n", 2, "not valid YAML"),
    ("# fine so far\n- merge: [LoRA, QLoRA]\n- rename: [BN, LN]\n", 3, "unknown correction 'rename'"),
    ("- merge: [LoRA, QLoRA]\n\n- merge: [LoRA, NoSuchConceptAnywhere]\n", 3, "unknown concept 'NoSuchConceptAnywhere'"),
    ("- relation: [QLoRA, LIKES, LoRA]\n", 1, "unknown relation type 'LIKES'"),
    ("- concept: 块式注意力\n  category: algorithm\n", 1, "unknown category 'algorithm'"),
    ("- apart: [BN]\n", 1, "apart takes [NAME, OTHER]"),
    ("- relation: [QLoRA, PREREQUISITE_OF, LoRA]\n", 1, "prerequisites are derived"),
    ("merge: [LoRA, QLoRA]\n", 1, "expected a list of corrections"),
], ids=["yaml", "action", "concept", "type", "category", "shape", "derived", "not-a-list"])
def test_a_bad_corrections_file_is_one_line_and_leaves_the_store(notes, tmp_path, text, line, problem):
    store = tmp_path / "s"
    build(notes, store, check=True)
    before = hashlib.sha256((store / "graph.sqlite").read_bytes()).hexdigest()
    write(notes, text)
    proc = build(notes, store)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith(f"kg: {notes / 'kg.yaml'}:{line}: ") and problem in proc.stderr, proc.stderr
    assert hashlib.sha256((store / "graph.sqlite").read_bytes()).hexdigest() == before


def test_edited_corrections_rebuild_like_builds_from_nothing(notes, tmp_path):
    """The build cache never serves results made under other corrections."""
    store = tmp_path / "s"
    build(notes, store, check=True)

    def same_as_fresh() -> None:
        build(notes, store, "--jobs", "1", check=True)
        fresh = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
        build(notes, fresh, "--no-cache", check=True)
        assert store_tables(store) == store_tables(fresh)

    write(notes, "- merge: [LoRA, QLoRA]\n- alias-drop: [BN, 批归一化]\n")
    same_as_fresh()
    assert show(store, "QLoRA")["id"] == show(store, "LoRA")["id"]
    ln = show(store, "LN")
    alias = next(a for a in ln["aliases"] if a.isascii() and a.casefold() != ln["name"].casefold())
    write(notes, f"- alias-drop: [BN, 批归一化]\n- concept: 块式注意力\n  aliases: [{alias}]\n")
    same_as_fresh()
    assert show(store, "QLoRA")["id"] != show(store, "LoRA")["id"]
    assert show(store, alias)["name"] == "块式注意力"  # the name moved from LN
    (notes / "kg.yaml").unlink()
    same_as_fresh()
    assert show(store, alias)["name"] == ln["name"] and "批归一化" in show(store, "BN")["aliases"]


def test_kg_correct_writes_what_the_next_build_applies(notes, tmp_path):
    store = tmp_path / "s"
    build(notes, store, check=True)
    (notes / "kg.yaml").write_text("# my corrections\n- not-concept: 没有这个名字   # kept as written\n", encoding="utf-8")
    for args in (("merge", "LoRA", "QLoRA"), ("alias-drop", "BN", "批归一化"),
                 ("relation", "Adam", "USES", "SGD", "--reason", "Adam 在 SGD 上加了动量和自适应学习率"),
                 ("concept", "块式注意力", "--alias", "Blockwise Attention", "--category", "method")):
        proc = run_kg("correct", *args, "--store", str(store))
        assert proc.returncode == 0, proc.stderr
        assert "kg.yaml:" in proc.stdout
    text = (notes / "kg.yaml").read_text(encoding="utf-8")
    assert text.startswith("# my corrections\n- not-concept: 没有这个名字   # kept as written\n")
    assert "- merge: [LoRA, QLoRA]\n" in text

    listed = run_kg("correct", "list", "--store", str(store), check=True).stdout.splitlines()
    assert [line.split("\t")[1] for line in listed] == ["not-concept", "merge", "alias-drop", "relation", "concept"]
    assert listed[1].split("\t")[0].endswith("kg.yaml:3")

    bad = run_kg("correct", "merge", "LoRA", "Qlorra-nothing", "--store", str(store))
    assert bad.returncode == 1 and "unknown concept" in bad.stderr and bad.stderr.count("\n") == 1
    bad = run_kg("correct", "relation", "LoRA", "LIKES", "QLoRA", "--store", str(store))
    assert bad.returncode == 1 and "unknown relation type 'LIKES'" in bad.stderr
    assert (notes / "kg.yaml").read_text(encoding="utf-8") == text

    proc = build(notes, store, check=True)
    assert "corrections: 4 of 5 applied" in proc.stderr
    assert show(store, "QLoRA")["name"] == "LoRA" and "批归一化" not in show(store, "BN")["aliases"]
    assert ("adam", "USES", "sgd") in relations(show(store, "Adam"))


def test_a_corrections_file_named_on_the_command_line_or_in_the_environment(notes, tmp_path):
    elsewhere = tmp_path / "fixes.yaml"
    elsewhere.write_text("- merge: [LoRA, QLoRA]\n", encoding="utf-8")
    write(notes, "- not-concept: Transformer\n")  # replaced by the file named
    store = tmp_path / "s"
    build(notes, store, "--corrections", str(elsewhere), check=True)
    assert show(store, "QLoRA")["name"] == "LoRA" and show(store, "Transformer") is not None
    env_store = tmp_path / "e"
    build(notes, env_store, env={"KG_CORRECTIONS": str(elsewhere)}, check=True)
    assert store_tables(env_store) == store_tables(store)
    # kg correct writes to the file the build read
    run_kg("correct", "alias-drop", "BN", "批归一化", "--store", str(store), check=True)
    assert "alias-drop" in elsewhere.read_text(encoding="utf-8")
    missing = build(notes, store, "--corrections", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 1 and "no such corrections file" in missing.stderr
