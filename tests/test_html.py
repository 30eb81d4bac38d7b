"""The HTML view without a browser: what it selects, what the file holds, where its links lead.

The page itself, in headless Chromium, is tested in ``test_html_page.py``.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_kg
from html_fixtures import IMG_PAYLOAD, SCRIPT_PAYLOAD, big_export, concept, relation, small_export
from kg.views.html import (
    HtmlSummary,
    InvalidViewOptionError,
    MalformedExportError,
    UnknownConceptError,
    select_view,
    write_html,
)
from kg.views.links import note_links

SPEC_SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "export.schema.json"


def ids(view) -> set[str]:
    return {c["id"] for c in view.concepts}


def edges_of(view) -> set[tuple[str, str, str]]:
    return {(r["source"], r["target"], r["type"]) for r in view.relations}


def page_data(path: Path) -> dict:
    """The JSON the page script reads, from a written page."""
    text = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1))


# --------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------


def test_test_exports_follow_the_export_schema():
    import jsonschema

    schema = json.loads(SPEC_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(small_export(), schema)
    jsonschema.validate(big_export(50, 80), schema)


def test_whole_graph_draws_every_type_but_prerequisites():
    view = select_view(small_export())
    assert len(view.concepts) == 10
    assert {r["type"] for r in view.relations} == {
        "PART_OF", "USES", "COMPARED_WITH", "EXTENDS", "IS_A", "ADDRESSES", "RELATED_TO"}
    assert len(view.relations) == 8
    assert not view.hierarchical and view.centre is None


def test_around_follows_stated_relations_only():
    export = small_export()
    view = select_view(export, around="lora")
    assert ids(view) == {"lora", "qlora", "peft"}
    assert {r["type"] for r in view.relations} == {"EXTENDS", "IS_A"}
    assert ids(select_view(export, around="lora", depth=2)) == {"lora", "qlora", "peft"}
    assert ids(select_view(export, around="lora", depth=0)) == {"lora"}


def test_around_with_related_also_follows_co_occurrence():
    export = small_export()
    view = select_view(export, around="lora", with_related=True)
    assert ids(view) == {"lora", "qlora", "peft", "transformer"}
    assert ("lora", "transformer", "RELATED_TO") in edges_of(view)
    assert ids(select_view(export, around="lora", depth=2, with_related=True)) == {
        "lora", "qlora", "peft", "transformer", "attention", "bert", "gpt"}


def test_around_walks_edges_in_both_directions():
    # transformer is only ever a target; its neighbours are all sources.
    assert ids(select_view(small_export(), around="transformer")) == {
        "transformer", "attention", "bert", "gpt"}


def _star_export() -> dict:
    """hub - a (0.9), b (0.5), c (0.5, more mentioned); a - a2; b - b2."""
    concepts = [concept("hub", "Hub", "model", 10), concept("a", "A", "model", 1), concept("b", "B", "model", 1),
                concept("c", "C", "model", 7), concept("a2", "A2", "model", 50), concept("b2", "B2", "model", 1)]
    relations = [relation("hub", "a", "USES", confidence=0.9), relation("b", "hub", "IS_A", confidence=0.5),
                 relation("hub", "c", "PART_OF", confidence=0.5), relation("a", "a2", "USES", confidence=0.3),
                 relation("b", "b2", "USES", confidence=0.99)]
    return {"concepts": concepts, "relations": relations}


@pytest.mark.parametrize("limit, kept", [
    (1, {"hub"}),
    (2, {"hub", "a"}),                   # the most confident link first
    (3, {"hub", "a", "c"}),              # equal confidence: the more mentioned
    (4, {"hub", "a", "b", "c"}),         # every first hop before any second
    (5, {"hub", "a", "b", "c", "b2"}),   # then the best supported second hop
])
def test_limit_keeps_the_nearest_then_the_best_supported(limit, kept):
    view = select_view(_star_export(), around="hub", depth=2, limit=limit)
    assert ids(view) == kept
    assert view.available == 6 and view.cut == (limit < 6) and view.limit == limit


def test_limit_keeps_a_connected_neighbourhood_of_the_centre():
    rng = random.Random(3)
    for trial in range(40):
        export = big_export(nodes=60, edges=rng.randint(40, 160), seed=trial)
        centre, depth, limit = f"c{rng.randrange(60)}", rng.randint(1, 3), rng.randint(1, 20)
        view = select_view(export, around=centre, depth=depth, limit=limit)
        full = select_view(export, around=centre, depth=depth, limit=None)
        assert len(view.concepts) == min(limit, len(full.concepts)) and view.available == len(full.concepts)
        assert ids(view) <= ids(full)
        # every kept concept reaches the centre through kept concepts
        linked = {centre}
        grew = True
        while grew:
            grew = False
            for source, target, _ in edges_of(view):
                for one, other in ((source, target), (target, source)):
                    if one in linked and other not in linked:
                        linked.add(other)
                        grew = True
        assert linked == ids(view), (trial, centre, depth, limit)


def test_limit_does_not_cut_other_views():
    export = big_export(nodes=60, edges=80)
    assert len(select_view(export, limit=5).concepts) == 60


def test_around_skips_prerequisites_unless_types_include_them():
    export = small_export()
    view = select_view(export, around="qlora")
    assert ids(view) == {"qlora", "lora"}
    assert edges_of(view) == {("qlora", "lora", "EXTENDS")}
    view = select_view(export, around="qlora", depth=2, types=["PREREQUISITE_OF"])
    assert ids(view) == {"qlora", "lora", "peft"}
    assert {r["type"] for r in view.relations} == {"PREREQUISITE_OF"}


def test_prereqs_of_keeps_the_concept_and_all_its_ancestors():
    export = small_export()
    view = select_view(export, prereqs_of="qlora")
    assert ids(view) == {"qlora", "lora", "peft"}
    assert edges_of(view) == {("peft", "lora", "PREREQUISITE_OF"), ("lora", "qlora", "PREREQUISITE_OF")}
    assert view.hierarchical and view.centre == "qlora"
    assert view.levels == {"peft": 0, "lora": 1, "qlora": 2}
    view = select_view(export, prereqs_of="bert")
    assert ids(view) == {"bert", "transformer", "attention"}
    assert view.levels["attention"] < view.levels["transformer"] < view.levels["bert"]


def test_a_prerequisite_sits_right_above_what_first_needs_it():
    # basics -> a -> b -> target, and basics2 needed by the target alone
    export = {"concepts": [concept(c, c, "concept", 1) for c in ("basics", "a", "b", "target", "basics2")],
              "relations": [relation("basics", "a", "PREREQUISITE_OF"), relation("a", "b", "PREREQUISITE_OF"),
                            relation("b", "target", "PREREQUISITE_OF"),
                            relation("basics2", "target", "PREREQUISITE_OF"),
                            relation("basics", "target", "PREREQUISITE_OF")]}
    levels = select_view(export, prereqs_of="target").levels
    assert levels == {"basics": 0, "a": 1, "b": 2, "basics2": 2, "target": 3}


def test_prereqs_of_a_root_is_the_root_alone():
    view = select_view(small_export(), prereqs_of="attention")
    assert ids(view) == {"attention"} and view.relations == []


def test_prerequisite_levels_survive_a_cycle():
    export = small_export()
    export["relations"].append(relation("qlora", "peft", "PREREQUISITE_OF"))
    view = select_view(export, prereqs_of="qlora")
    assert ids(view) == {"qlora", "lora", "peft"}
    assert set(view.levels) == {"qlora", "lora", "peft"}


def test_types_filter_draws_only_those_types():
    view = select_view(small_export(), types=["USES", "COMPARED_WITH"])
    assert len(view.concepts) == 10
    assert edges_of(view) == {("bert", "transformer", "USES"), ("gpt", "transformer", "USES"),
                              ("bert", "gpt", "COMPARED_WITH")}


def test_a_lone_string_is_one_type_not_its_letters():
    assert edges_of(select_view(small_export(), types="EXTENDS")) == {("qlora", "lora", "EXTENDS")}


def test_min_mentions_drops_rare_concepts_but_keeps_the_centre():
    export = small_export()
    assert ids(select_view(export, min_mentions=17)) == {"transformer", "attention", "bert", "gpt", "lora"}
    view = select_view(export, around="qlora", min_mentions=10)
    assert ids(view) == {"qlora", "lora"}
    view = select_view(export, around="lora", min_mentions=10, with_related=True)
    assert ids(view) == {"lora", "transformer"}
    assert edges_of(view) == {("lora", "transformer", "RELATED_TO")}


def test_categories_filter_keeps_the_centre():
    export = small_export()
    assert ids(select_view(export, categories=["model"])) == {"transformer", "bert", "gpt"}
    view = select_view(export, around="lora", depth=2, categories={"model"}, with_related=True)
    assert ids(view) == {"lora", "transformer", "bert", "gpt"}
    assert ("bert", "gpt", "COMPARED_WITH") in edges_of(view)


@pytest.mark.parametrize("option", ["around", "prereqs_of"])
def test_unknown_concept_id_is_a_value_error_naming_close_ids(option):
    with pytest.raises(UnknownConceptError) as caught:
        select_view(small_export(), **{option: "qlor"})
    assert isinstance(caught.value, ValueError)
    assert "'qlor'" in str(caught.value) and "qlora" in str(caught.value)
    assert caught.value.suggestions[0] == "qlora"


def test_write_html_raises_before_writing_for_an_unknown_id(tmp_path):
    with pytest.raises(ValueError, match="unknown concept 'nope'"):
        write_html(small_export(), tmp_path / "g.html", around="nope")
    assert not (tmp_path / "g.html").exists()


@pytest.mark.parametrize("options, message", [
    ({"types": ["EXTEND"]}, "unknown relation type EXTEND"),
    ({"categories": ["modle"]}, "unknown category modle"),
    ({"around": "lora", "prereqs_of": "qlora"}, "either around or prereqs_of"),
    ({"around": "lora", "depth": -1}, "depth must be 0 or more"),
    ({"around": "lora", "limit": 0}, "limit must be 1 or more"),
])
def test_bad_options_are_value_errors(options, message):
    with pytest.raises(InvalidViewOptionError, match=message):
        select_view(small_export(), **options)


def test_relation_to_a_missing_concept_is_reported():
    export = small_export()
    export["relations"].append(relation("lora", "ghost", "USES"))
    with pytest.raises(MalformedExportError, match="unknown concept 'ghost'"):
        select_view(export)
    with pytest.raises(MalformedExportError, match="no 'concepts' list"):
        select_view({"relations": []})


# --------------------------------------------------------------------------
# The file (no browser)
# --------------------------------------------------------------------------


def _page(tmp_path, export=None, **options) -> tuple[HtmlSummary, str]:
    summary = write_html(export or small_export(), tmp_path / "graph.html", **options)
    return summary, summary.path.read_text(encoding="utf-8")


def test_write_html_reports_what_it_drew(tmp_path):
    summary, text = _page(tmp_path, around="lora", with_related=True)
    assert summary == HtmlSummary(nodes=4, edges=3, path=tmp_path / "graph.html", available=4)
    assert text.startswith("<!DOCTYPE html>")
    summary, _ = _page(tmp_path)
    assert (summary.nodes, summary.unconnected) == (10, 1)  # adam has no relation
    summary, _ = _page(tmp_path, around="lora", with_related=True, depth=2, limit=5)
    assert (summary.nodes, summary.available, summary.cut) == (5, 7, True)


def test_page_is_written_with_the_mode_of_other_exports(tmp_path):
    previous = os.umask(0o022)
    try:
        summary, _ = _page(tmp_path)
        (tmp_path / "other.json").write_text("{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(summary.path.stat().st_mode) == 0o644
    assert stat.S_IMODE(summary.path.stat().st_mode) == stat.S_IMODE((tmp_path / "other.json").stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_cut_neighbourhood_is_announced_in_the_page_data(tmp_path):
    summary = write_html(small_export(), tmp_path / "g.html", around="lora", depth=2, with_related=True, limit=5)
    data = page_data(summary.path)
    assert data["notice"] == {"shown": 5, "available": 7, "limit": 5, "depth": 2}
    assert page_data(write_html(small_export(), tmp_path / "h.html", around="lora").path)["notice"] is None


def test_page_loads_nothing_from_any_host(tmp_path):
    _, text = _page(tmp_path)
    assert re.findall(r"""\b(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", text, re.I) == []
    assert re.findall(r"""(?:url\(\s*["']?|@import\s+["']?)(?:[a-z]+:)?//""", text, re.I) == []
    assert "<link" not in text.lower()
    assert len(re.findall(r"<script\b[^>]*\bsrc\s*=", text, re.I)) == 0
    assert "vis.Network" in text and "vis-network" in text  # inlined, not fetched
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src &#x27;none&#x27;" in csp


def test_policy_hashes_match_the_inline_scripts(tmp_path):
    _, text = _page(tmp_path)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    scripts = re.findall(r"<script(?![^>]*type=)[^>]*>(.*?)</script>", text, re.S)
    assert len(scripts) == 2  # vis-network, and the page script
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"sha256-{digest}" in csp


def test_note_text_reaches_the_file_only_escaped(tmp_path):
    _, text = _page(tmp_path, title=f"notes {SCRIPT_PAYLOAD}")
    assert IMG_PAYLOAD not in text and SCRIPT_PAYLOAD not in text
    assert "<img" not in text
    assert "\\u003cimg src=x onerror=" in text
    assert "<title>notes &lt;script&gt;window.__pwned=2&lt;/script&gt;</title>" in text


def test_placeholder_text_in_a_note_stays_literal(tmp_path):
    export = small_export()
    export["concepts"][0]["aliases"].append("{{KG_VIS_JS}}")
    _, text = _page(tmp_path, export)
    assert text.count("vis-network") == _page(tmp_path)[1].count("vis-network")
    assert '"{{KG_VIS_JS}}"' in text


def test_same_export_gives_the_same_page(tmp_path):
    script = (
        "import json, sys; from kg.views.html import write_html; "
        "write_html(json.load(open(sys.argv[1])), sys.argv[2])"
    )
    export_path = tmp_path / "export.json"
    export_path.write_text(json.dumps(big_export(300, 600)), encoding="utf-8")
    pages = []
    for seed in ("1", "2"):
        page = tmp_path / f"page{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(export_path), str(page)], env=env, check=True)
        pages.append(page.read_bytes())
    assert pages[0] == pages[1]


def test_empty_selection_still_writes_a_page(tmp_path):
    summary, text = _page(tmp_path, categories=["dataset"])
    assert (summary.nodes, summary.edges) == (0, 0)
    assert "No concept matches the filters." in text




# --------------------------------------------------------------------------
# What the cards get
# --------------------------------------------------------------------------


def test_cards_carry_definitions_questions_and_the_reason_of_each_prerequisite(tmp_path):
    data = page_data(write_html(small_export(), tmp_path / "g.html").path)
    lora = data["concepts"]["lora"]
    assert lora["definition"] == {"doc": "d1", "line": 39, "text": "LoRA是一种参数高效的微调方法。"}
    assert lora["aliases"] == ["Low-Rank Adaptation", "低秩适配"]
    assert lora["documents"] == [{"doc": "d1", "lines": [39, 40, 41, 42, 45, 46]}]
    about_lora = [q["text"] for q in data["questions"] if "lora" in q["concepts"]]
    assert about_lora == ["LoRA的原理是什么?", "QLoRA和LoRA有什么区别?"]
    prerequisite = next(r for r in data["relations"] if (r["source"], r["target"], r["type"]) ==
                        ("peft", "lora", "PREREQUISITE_OF"))
    assert prerequisite["derived_from"] == [{"type": "IS_A", "source": "lora", "target": "peft"}]
    assert prerequisite["edge"] is None  # an overview does not draw prerequisites; the card still lists them
    assert data["documents"]["d1"]["path"] == "notes/llm.md"


def test_prerequisite_edges_are_labelled_with_their_reason_read_top_down(tmp_path):
    data = page_data(write_html(small_export(), tmp_path / "g.html", prereqs_of="qlora").path)
    labels = {(e["from"], e["to"]): e["text"] for e in data["edges"]}
    # "LoRA is a kind of PEFT" gives PEFT before LoRA: read down, PEFT includes LoRA
    assert labels == {("peft", "lora"): "includes", ("lora", "qlora"): "is extended by"}
    data = page_data(write_html(small_export(), tmp_path / "h.html").path)
    assert {e["text"] for e in data["edges"] if e["relationType"] == "EXTENDS"} == {"EXTENDS"}


def test_unconnected_concepts_are_set_apart_in_an_overview_only(tmp_path):
    nodes = {n["id"]: n for n in page_data(write_html(small_export(), tmp_path / "g.html").path)["nodes"]}
    assert nodes["adam"]["isolated"] and nodes["adam"]["hidden"]
    assert not any(n.get("isolated") for cid, n in nodes.items() if cid != "adam")
    data = page_data(write_html(small_export(), tmp_path / "h.html", categories=["optimizer"]).path)
    assert not any(n.get("hidden") for n in data["nodes"])  # all unconnected: nothing to set apart


# --------------------------------------------------------------------------
# Links to the notes
# --------------------------------------------------------------------------


def test_links_are_relative_to_the_page(tmp_path):
    notes = tmp_path / "notes"
    (notes / "sub dir").mkdir(parents=True)
    documents = [{"id": "a", "path": "notes/a.md"}, {"id": "b", "path": str(notes / "sub dir" / "笔记.md")},
                 {"id": "c", "path": "javascript:alert(1).md"}]
    links = note_links(documents, tmp_path / "site" / "graph.html", base_dir=tmp_path)
    assert links["a"] == "../notes/a.md"
    assert links["b"] == "../notes/sub%20dir/%E7%AC%94%E8%AE%B0.md"
    assert links["c"] == "../javascript%3Aalert%281%29.md"
    assert note_links(documents[:1], tmp_path / "graph.html", base_dir=tmp_path)["a"] == "notes/a.md"


def test_links_open_obsidian_when_the_notes_are_a_vault(tmp_path):
    vault = tmp_path / "My Vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "ml").mkdir()
    documents = [{"id": "a", "path": "My Vault/ml/LoRA 笔记.md"}, {"id": "b", "path": "elsewhere.md"}]
    links = note_links(documents, tmp_path / "out" / "graph.html", base_dir=tmp_path)
    assert links["a"] == "obsidian://open?vault=My%20Vault&file=ml%2FLoRA%20%E7%AC%94%E8%AE%B0.md"
    assert links["b"] == "../elsewhere.md"


# --------------------------------------------------------------------------
# kg export html on the example notes
# --------------------------------------------------------------------------


def _typed_neighbourhood(export: dict, centre: str, depth: int) -> dict[str, int]:
    """Hops from ``centre`` along stated relations, either way, up to ``depth``."""
    stated = {"IS_A", "PART_OF", "USES", "EXTENDS", "ADDRESSES", "COMPARED_WITH"}
    hops, frontier = {centre: 0}, [centre]
    for hop in range(1, depth + 1):
        following = []
        for relation_ in export["relations"]:
            if relation_["type"] not in stated:
                continue
            for one, other in ((relation_["source"], relation_["target"]), (relation_["target"], relation_["source"])):
                if one in frontier and other not in hops:
                    hops[other] = hop
                    following.append(other)
        frontier = following
    return hops


def test_around_lora_on_the_examples_keeps_typed_neighbours_within_the_limit(example_store, example_export, tmp_path):
    page = tmp_path / "lora.html"
    proc = run_kg("export", "html", "--store", str(example_store), "--around", "LoRA", "--depth", "2",
                  "-o", str(page))
    assert proc.returncode == 0, proc.stderr
    data = page_data(page)
    lora = next(c["id"] for c in example_export["concepts"] if c["name"] == "LoRA")
    typed = _typed_neighbourhood(example_export, lora, 2)
    drawn = {n["conceptId"] for n in data["nodes"]}
    assert drawn == set(typed) and len(drawn) <= 300 and data["notice"] is None
    assert {e["relationType"] for e in data["edges"]} <= {"IS_A", "PART_OF", "USES", "EXTENDS", "ADDRESSES", "COMPARED_WITH"}
    assert f"wrote {page}: {len(drawn)} concepts" in proc.stderr

    with_related = tmp_path / "related.html"
    run_kg("export", "html", "--store", str(example_store), "--around", "LoRA", "--depth", "2",
           "--with-related", "-o", str(with_related), check=True)
    assert len(page_data(with_related)["nodes"]) > len(drawn)

    cut = tmp_path / "cut.html"
    proc = run_kg("export", "html", "--store", str(example_store), "--around", "LoRA", "--depth", "2",
                  "--with-related", "--max", "6", "-o", str(cut), check=True)
    data = page_data(cut)
    assert len(data["nodes"]) == 6 and data["notice"]["limit"] == 6 and data["notice"]["available"] > 6
    assert "cut to 6 of" in proc.stderr
    # the nearest first, and of those the ones joined by the most confident relation
    kept = {n["conceptId"] for n in data["nodes"]} - {lora}
    joined = {}
    for r in example_export["relations"]:
        if r["type"] != "PREREQUISITE_OF" and lora in (r["source"], r["target"]):
            other = r["target"] if r["source"] == lora else r["source"]
            joined[other] = max(joined.get(other, 0), r["confidence"])
    assert len(joined) >= 5 and kept <= set(joined)
    assert min(joined[c] for c in kept) >= max(joined[c] for c in set(joined) - kept)


def test_export_html_cards_carry_the_stored_definitions_and_questions(example_store, tmp_path):
    page = tmp_path / "graph.html"
    run_kg("export", "html", "--store", str(example_store), "-o", str(page), check=True)
    data = page_data(page)
    shown = data["concepts"]["lora"]
    answer = json.loads(run_kg("show", "LoRA", "--store", str(example_store), "--json", check=True).stdout)
    assert shown["definition"] == {k: answer["definition"][k] for k in ("doc", "line", "text")}
    asked = json.loads(run_kg("questions", "LoRA", "--store", str(example_store), "--json", check=True).stdout)
    assert [q["text"] for q in data["questions"] if "lora" in q["concepts"]] == [q["text"] for q in asked["questions"]]
    assert {m["doc"]: m["lines"] for m in answer["mentioned_at"]} == {d["doc"]: d["lines"] for d in shown["documents"]}


def test_export_html_links_lead_to_the_notes_from_where_the_page_is(example_store, tmp_path):
    page = tmp_path / "out" / "graph.html"
    page.parent.mkdir()
    run_kg("export", "html", "--store", str(example_store), "-o", str(page), check=True)
    for document in page_data(page)["documents"].values():
        target = (page.parent / document["href"].replace("%20", " ")).resolve()
        assert target == Path(document["path"]).resolve() and target.is_file()


def test_export_html_rejects_a_bad_max(example_store, tmp_path):
    proc = run_kg("export", "html", "--store", str(example_store), "--around", "LoRA", "--max", "0",
                  "-o", str(tmp_path / "g.html"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert not (tmp_path / "g.html").exists()


def test_links_start_where_the_build_ran_wherever_the_export_runs(tmp_path):
    vault = tmp_path / "vault"
    (vault / "ml").mkdir(parents=True)
    (vault / "ml" / "lora.md").write_text("# LoRA\n\nQLoRA在LoRA的基础上引入了量化。LoRA是一种PEFT方法。\n", encoding="utf-8")
    run_kg("build", "vault", "--store", "store", cwd=tmp_path, check=True)
    (tmp_path / "elsewhere").mkdir()
    proc = run_kg("export", "html", "--store", str(tmp_path / "store"), "-o", "../site/g.html", cwd=tmp_path / "elsewhere")
    assert proc.returncode == 1 and proc.stderr == "kg: ../site/g.html: cannot write: No such file or directory\n"
    (tmp_path / "site").mkdir()
    run_kg("export", "html", "--store", str(tmp_path / "store"), "-o", "../site/g.html",
           cwd=tmp_path / "elsewhere", check=True)
    (document,) = page_data(tmp_path / "site" / "g.html")["documents"].values()
    assert document["path"] == "vault/ml/lora.md" and document["href"] == "../vault/ml/lora.md"

    (vault / ".obsidian").mkdir()
    run_kg("export", "html", "--store", str(tmp_path / "store"), "-o", "../site/g.html",
           cwd=tmp_path / "elsewhere", check=True)
    (document,) = page_data(tmp_path / "site" / "g.html")["documents"].values()
    assert document["href"] == "obsidian://open?vault=vault&file=ml%2Flora.md"
