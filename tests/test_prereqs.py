"""Prerequisites, paths and study plans through the CLI, on the example notes and on small graphs."""
from __future__ import annotations

from conftest import kg_json, run_kg

from kg.derive import derive_prerequisites
from kg.model import Evidence, Relation


def order_of(plan: dict) -> list[str]:
    return [s["name"] for s in plan["steps"]]


def test_study_order_for_the_example_targets(example_store):
    plan = kg_json("study-order", "BLIP2", "QLoRA", "Adam", "--store", str(example_store))
    names = order_of(plan)
    assert {"BLIP-2", "QLoRA", "Adam"} <= set(names)
    assert names.index("LoRA") < names.index("QLoRA")
    assert names.index("Q-Former") < names.index("BLIP-2")
    assert names.index("Transformer") < names.index("BLIP-2")
    assert names.index("RMSProp") < names.index("Adam")
    levels = {s["id"]: s["level"] for s in plan["steps"]}
    for step in plan["steps"]:
        assert all(levels[p] < step["level"] for p in step["after"]), step
        assert step["read"] and step["read"]["line"] >= 1


def test_study_order_is_deterministic_and_ties_are_ordered_by_name(example_store):
    first = kg_json("study-order", "Adam", "QLoRA", "--store", str(example_store))
    second = kg_json("study-order", "QLoRA", "Adam", "--store", str(example_store))
    assert order_of(first) == order_of(second)
    for level in {s["level"] for s in first["steps"]}:
        names = [s["name"].casefold() for s in first["steps"] if s["level"] == level]
        assert names == sorted(names)


def test_known_concepts_and_what_only_they_need_are_left_out(example_store):
    full = order_of(kg_json("study-order", "QLoRA", "--store", str(example_store)))
    known = order_of(kg_json("study-order", "QLoRA", "--known", "LoRA", "--store", str(example_store)))
    assert "LoRA" in full and "LoRA" not in known and "QLoRA" in known
    assert len(known) < len(full)


def test_unknown_target_is_an_error(example_store):
    proc = run_kg("study-order", "BLIP2", "NoSuchThing", "--store", str(example_store))
    assert proc.returncode == 1 and proc.stdout == "" and "unknown concept 'NoSuchThing'" in proc.stderr


def test_markdown_plan(example_store):
    proc = run_kg("study-order", "QLoRA", "--format", "md", "--store", str(example_store), check=True)
    assert proc.stdout.startswith("# Study plan: QLoRA")
    assert "- [ ] **LoRA**" in proc.stdout and proc.stdout.index("**LoRA**") < proc.stdout.index("**QLoRA**")


def test_prereqs_tree_with_reasons(example_store):
    answer = kg_json("prereqs", "BLIP2", "--store", str(example_store))
    names = {p["name"]: p["depth"] for p in answer["prerequisites"]}
    assert names["Q-Former"] == 1 and names["BLIP"] == 1
    assert names["Transformer"] >= 2
    for edge in answer["edges"]:
        assert edge["derived_from"] and edge["evidence"]
    shallow = kg_json("prereqs", "BLIP2", "--depth", "1", "--store", str(example_store))
    assert all(p["depth"] == 1 for p in shallow["prerequisites"])
    text = run_kg("prereqs", "BLIP2", "--store", str(example_store), check=True).stdout
    assert "Q-Former" in text and "PART_OF" in text or "USES" in text


def test_path_hops_and_no_path(example_store, tmp_path):
    answer = kg_json("path", "QLoRA", "PEFT", "--store", str(example_store))
    assert answer["found"] and answer["hops"]
    assert answer["hops"][0]["from"] == "qlora" and answer["hops"][-1]["to"] == "peft"
    assert all(h["evidence"] for h in answer["hops"])
    note = tmp_path / "two.md"
    note.write_text("QLoRA在LoRA的基础上引入了量化。\n\nXGBoost和LightGBM的区别?\n", encoding="utf-8")
    store = str(tmp_path / "s")
    run_kg("build", str(note), "--store", store, check=True)
    none = run_kg("path", "QLoRA", "XGBoost", "--store", store, "--json")
    assert none.returncode == 4 and '"found": false' in none.stdout, "no path: exit status 4, the answer still printed"


def test_questions_about_a_concept(example_store):
    answer = kg_json("questions", "BN", "--store", str(example_store))
    texts = [q["text"] for q in answer["questions"]]
    assert any("BN" in t and "区别" in t for t in texts)
    assert all(q["line"] >= 1 for q in answer["questions"])


def _rel(source, target, conf):
    return Relation(source, target, "EXTENDS", conf, [Evidence("d", 1, f"{source} {target}")])


def test_cycles_are_broken_at_the_weakest_edge():
    prereqs, broken = derive_prerequisites([_rel("b", "a", 0.9), _rel("c", "b", 0.8), _rel("a", "c", 0.3)])
    edges = {(r.source, r.target) for r in prereqs}
    assert edges == {("a", "b"), ("b", "c")}
    assert broken and (broken[0]["before"], broken[0]["after"]) == ("c", "a")


def test_cycle_break_is_reported_by_stats(tmp_path):
    note = tmp_path / "cycle.md"
    note.write_text("QLoRA在LoRA的基础上改进。\nLoRA在AdaLoRA的基础上改进。\nAdaLoRA是QLoRA的改进版本。\n", encoding="utf-8")
    store = str(tmp_path / "s")
    run_kg("build", str(note), "--store", store, check=True)
    stats = kg_json("stats", "--store", store)
    assert len(stats["broken_cycles"]) == 1
    dropped = stats["broken_cycles"][0]
    assert (dropped["before"], dropped["after"]) == ("adalora", "lora")  # equal weights: the first edge by id
    plan = kg_json("study-order", "QLoRA", "--store", store)
    assert order_of(plan) == ["LoRA", "QLoRA"]


def _stated(rtype, source, target):
    return Relation(source, target, rtype, 0.8, [Evidence("d", 1, f"{source} {target}")])


def test_which_relations_give_which_order():
    categories = {
        "qlora": "method", "lora": "method", "peft": "method", "blip2": "model", "qformer": "component",
        "conv": "technique", "stride": "concept", "ocr": "model", "pytorch": "tool", "imagenet": "dataset",
        "dropout": "technique", "overfitting": "problem", "acc": "metric", "alexnet": "model", "cnn": "model",
    }
    prereqs, _ = derive_prerequisites([
        _stated("EXTENDS", "qlora", "lora"),        # the base first
        _stated("IS_A", "lora", "peft"),            # a family is no prerequisite of its members
        _stated("IS_A", "alexnet", "cnn"),          # an architecture is
        _stated("PART_OF", "qformer", "blip2"),     # a component before the whole
        _stated("PART_OF", "stride", "conv"),       # a detail is learned with the whole, not before
        _stated("USES", "blip2", "qformer"),
        _stated("USES", "ocr", "pytorch"),          # the library of an example is no prerequisite
        _stated("USES", "ocr", "imagenet"),         # nor its dataset
        _stated("USES", "ocr", "acc"),              # nor a measure
        _stated("ADDRESSES", "dropout", "overfitting"),  # the problem before its remedy
    ], categories)
    order = {(r.source, r.target) for r in prereqs}
    assert order == {("lora", "qlora"), ("qformer", "blip2"), ("overfitting", "dropout"), ("cnn", "alexnet")}
    reasons = {(r.source, r.target): {d["type"] for d in r.derived_from} for r in prereqs}
    assert reasons[("qformer", "blip2")] == {"PART_OF", "USES"}
