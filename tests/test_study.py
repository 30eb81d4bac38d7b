"""Plans a learner can follow, through the CLI on the example notes: reasons, definitions,
where to read, questions; --known lists; kg learned (kept across rebuilds); kg next."""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import EXAMPLES, kg_json, run_kg

from kg.derive import PREREQUISITE_RULES


def note_line(path: str, line: int) -> str:
    """Line ``line`` of an example note, folded the way kg folds it (NFKC, no white space)."""
    lines = (EXAMPLES / path).read_text(encoding="utf-8").splitlines()
    assert 1 <= line <= len(lines), f"{path}:{line} is past the end of the note"
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", lines[line - 1]))


def folded(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture()
def own_store(example_store, tmp_path) -> str:
    """A copy of the example store that a test may mark things learned in."""
    store = tmp_path / "kg"
    shutil.copytree(example_store, store)
    return str(store)


def names(plan: dict) -> list[str]:
    return [s["name"] for s in plan["steps"]]


def test_every_step_says_why_with_a_relation_and_its_line(example_store):
    plan = kg_json("study-order", "BLIP2", "QLoRA", "Adam", "--store", str(example_store))
    by_id = {s["id"]: s for s in plan["steps"]}
    position = {s["id"]: i for i, s in enumerate(plan["steps"])}
    for step in plan["steps"]:
        if not step["target"]:
            assert step["needed_for"], f"{step['name']} is in the plan without a reason"
        for reason in step["needed_for"]:
            later = by_id[reason["id"]]
            assert position[later["id"]] > position[step["id"]], "a step is needed by a later step"
            assert reason["name"] == later["name"]
            relation = reason["relation"]
            assert {relation["source"], relation["target"]} == {step["id"], later["id"]}
            source_first, _ = PREREQUISITE_RULES[relation["type"]]
            assert (relation["source"] if source_first else relation["target"]) == step["id"], relation
            # the relation is one the graph states, and the evidence is its sentence, at its line
            stated = kg_json("show", step["id"], "--store", str(example_store))["relations"]
            assert any((r["source"], r["type"], r["target"]) == (relation["source"], relation["type"], relation["target"])
                       for r in stated)
            ev = reason["evidence"]
            assert ev and not Path(ev["path"]).is_absolute()
            assert folded(ev["text"])[:10] in "".join(note_line(ev["path"], n) for n in (ev["line"], ev["line"] + 1))


def test_reasons_on_the_examples_are_the_expected_ones(example_store):
    plan = kg_json("study-order", "QLoRA", "--store", str(example_store))
    lora = next(s for s in plan["steps"] if s["name"] == "LoRA")
    (reason,) = [r for r in lora["needed_for"] if r["name"] == "QLoRA"]
    assert reason["relation"] == {"type": "EXTENDS", "source": "qlora", "target": "lora"}
    assert reason["evidence"]["path"] == "001_7091e38c02823429.txt" and reason["evidence"]["line"] == 1722
    assert "在LoRA" in reason["evidence"]["text"] and "基础上" in reason["evidence"]["text"]


def test_definitions_and_where_to_read(example_store):
    plan = kg_json("study-order", "BLIP2", "QLoRA", "Adam", "--store", str(example_store))
    steps = {s["name"]: s for s in plan["steps"]}
    lora = steps["LoRA"]["definition"]
    assert (lora["path"], lora["line"]) == ("003_6edd4a02de49fa8e.txt", 80)
    assert "LoRA" in lora["text"] and "是一种" in lora["text"]
    assert "Adam" in steps["Adam"]["definition"]["text"]
    with_definition = 0
    for step in plan["steps"]:
        d, read = step["definition"], step["read"]
        if d:
            with_definition += 1
            assert folded(d["text"])[:10] in note_line(d["path"], d["line"])
            assert (read["path"], read["line"]) == (d["path"], d["line"]), "a definition is where to read first"
        # where to read is a line that mentions the concept
        card = kg_json("show", step["id"], "--store", str(example_store))
        assert any(m["path"] == read["path"] and read["line"] in m["lines"] for m in card["mentioned_at"]), step["name"]
    assert with_definition >= 5


def test_questions_in_the_plan_are_the_concepts_questions(example_store):
    plan = kg_json("study-order", "QLoRA", "--store", str(example_store))
    lora = next(s for s in plan["steps"] if s["name"] == "LoRA")
    asked = kg_json("questions", "LoRA", "--store", str(example_store))["questions"]
    places = [{k: q[k] for k in ("doc", "path", "line", "text")} for q in asked]  # kg questions adds the answers
    assert lora["questions"] == places and asked
    md = run_kg("study-order", "QLoRA", "--format", "md", "--store", str(example_store), check=True).stdout
    table = run_kg("study-order", "QLoRA", "--store", str(example_store), check=True).stdout
    for q in asked:
        assert f"- [ ] {q['text']} ({q['path']}:{q['line']})" in md
    row = next(line.split("\t") for line in table.splitlines() if "\tLoRA\t" in line)
    assert row[-1] == str(len(asked)), "the table counts the questions"


def test_markdown_plan_says_what_why_and_where(example_store):
    md = run_kg("study-order", "QLoRA", "--format", "md", "--store", str(example_store), check=True).stdout
    block = md[md.index("- [ ] **LoRA**"):md.index("- [ ] **QLoRA**")]
    assert "  - what: " in block and "(003_6edd4a02de49fa8e.txt:80)" in block
    assert "  - why: needed for QLoRA (QLoRA EXTENDS LoRA) 001_7091e38c02823429.txt:1722" in block
    assert "  - read: 003_6edd4a02de49fa8e.txt:80" in block


@pytest.mark.parametrize("known", [("--known", "LoRA", "--known", "Transformer"), ("--known", "LoRA,Transformer"),
                                   ("-k", "LoRA，Transformer")])
def test_several_known_concepts_prune_all_of_them(example_store, known):
    full = names(kg_json("study-order", "BLIP2", "QLoRA", "--store", str(example_store)))
    plan = kg_json("study-order", "BLIP2", "QLoRA", *known, "--store", str(example_store))
    assert {"LoRA", "Transformer"} <= set(full)
    assert not {"LoRA", "Transformer"} & set(names(plan))
    assert {"BLIP-2", "QLoRA"} <= set(names(plan)) and plan["known"] == ["lora", "transformer"]
    assert [t["name"] for t in plan["targets"]] == ["BLIP-2", "QLoRA"]


def test_unknown_known_name_is_an_error_like_an_unknown_target(example_store):
    proc = run_kg("study-order", "QLoRA", "--known", "LoRA,NoSuchThing", "--store", str(example_store))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "unknown concept 'NoSuchThing'" in proc.stderr


def test_help_says_how_to_give_several_known_concepts():
    text = run_kg("study-order", "--help", env={"COLUMNS": "200"}).stdout
    assert "--known A --known B" in text and "--known A,B" in text


def test_learned_concepts_leave_plans_and_survive_a_rebuild(own_store):
    before = kg_json("study-order", "QLoRA", "--store", own_store)
    other = next(s["name"] for s in before["steps"] if s["level"] == 0)  # what LoRA comes after, whatever the notes say
    assert "LoRA" in names(before)
    added = run_kg("learned", "add", "LoRA", other, "--store", own_store)
    assert added.returncode == 0, added.stderr
    learned = sorted(["LoRA", other], key=str.casefold)
    assert [e["name"] for e in kg_json("learned", "list", "--store", own_store)["learned"]] == learned

    rebuilt = run_kg("build", str(EXAMPLES), "--store", own_store)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert [e["name"] for e in kg_json("learned", "list", "--store", own_store)["learned"]] == learned
    plan = kg_json("study-order", "QLoRA", "--store", own_store)
    assert not set(learned) & set(names(plan)) and "QLoRA" in names(plan)
    assert len(plan["learned"]) == 2 and "lora" in plan["learned"]
    table = run_kg("study-order", "QLoRA", "--store", own_store, check=True).stdout
    assert "left out as learned: 2" in table

    everything = kg_json("study-order", "QLoRA", "--all", "--store", own_store)
    assert names(everything) == names(before)
    assert {s["name"] for s in everything["steps"] if s["learned"]} == set(learned)
    md = run_kg("study-order", "QLoRA", "--all", "--format", "md", "--store", own_store, check=True).stdout
    assert "- [x] **LoRA** (learned)" in md

    removed = run_kg("learned", "remove", "Low-Rank Adaptation", "--store", own_store)
    assert removed.returncode == 0, removed.stderr
    assert "LoRA" in names(kg_json("study-order", "QLoRA", "--store", own_store))


def test_learned_add_with_an_unknown_name_marks_nothing(own_store):
    proc = run_kg("learned", "add", "LoRA", "NoSuchThing", "--store", own_store)
    assert proc.returncode == 1 and "unknown concept 'NoSuchThing'" in proc.stderr
    assert kg_json("learned", "list", "--store", own_store)["learned"] == []
    proc = run_kg("learned", "remove", "LoRA", "--store", own_store)
    assert proc.returncode == 1 and "not marked learned" in proc.stderr


def test_next_respects_what_is_learned(own_store):
    studied: list[str] = []
    for _ in range(12):  # learn what kg next says, until only the target is left
        plan = kg_json("study-order", "QLoRA", "--store", own_store)
        now = kg_json("next", "QLoRA", "--store", own_store)["next"]
        first = sorted((s["name"] for s in plan["steps"] if s["level"] == 0), key=str.casefold)
        assert [s["name"] for s in now] == first
        learned = {e["id"] for e in kg_json("learned", "list", "--store", own_store)["learned"]}
        for step in now:
            prerequisites = {p["id"] for p in kg_json("prereqs", step["id"], "--depth", "1", "--store", own_store)["prerequisites"]}
            assert step["id"] not in learned and prerequisites <= learned, step["name"]
            assert {b["id"] for b in step["builds_on"]} == prerequisites
        if [s["name"] for s in now] == ["QLoRA"]:
            break
        run_kg("learned", "add", ",".join(s["name"] for s in now if not s["target"]), "--store", own_store, check=True)
        studied += [s["name"] for s in now]
    assert [s["name"] for s in now] == ["QLoRA"] and "LoRA" in studied

    # without targets: what the learned concepts open up, each with every prerequisite learned
    learned = {e["id"] for e in kg_json("learned", "list", "--store", own_store)["learned"]}
    opened = kg_json("next", "--store", own_store)["next"]
    assert "qlora" in {s["id"] for s in opened}
    for step in opened:
        assert step["id"] not in learned
        prerequisites = {p["id"] for p in kg_json("prereqs", step["id"], "--depth", "1", "--store", own_store)["prerequisites"]}
        assert prerequisites and prerequisites <= learned, step["name"]
        assert {b["id"] for b in step["builds_on"]} == prerequisites


def test_a_learned_concept_gone_from_the_notes_is_listed_and_can_be_removed(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# LoRA\nQLoRA在LoRA的基础上引入了量化。\n\nXGBoost和LightGBM的区别?\n", encoding="utf-8")
    store = str(tmp_path / "s")
    run_kg("build", str(notes), "--store", store, check=True)
    run_kg("learned", "add", "XGBoost", "LoRA", "--store", store, check=True)
    (notes / "a.md").write_text("# LoRA\nQLoRA在LoRA的基础上引入了量化。\n", encoding="utf-8")
    run_kg("build", str(notes), "--store", store, check=True)
    listed = {e["name"]: e["in_graph"] for e in kg_json("learned", "list", "--store", store)["learned"]}
    assert listed == {"LoRA": True, "XGBoost": False}
    assert "not in the graph any more" in run_kg("learned", "list", "--store", store, check=True).stdout
    run_kg("learned", "remove", "xgboost", "--store", store, check=True)
    assert [e["name"] for e in kg_json("learned", "list", "--store", store)["learned"]] == ["LoRA"]


def test_a_damaged_learned_file_is_one_line(own_store):
    Path(own_store, "learned.json").write_text("{not json", encoding="utf-8")
    proc = run_kg("study-order", "QLoRA", "--store", own_store)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "learned.json" in proc.stderr
    assert "Traceback" not in proc.stderr
