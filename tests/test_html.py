"""The HTML view: what it selects, what the file holds, and the page in Chromium.

Browser tests open the written page in Debian's headless Chromium with every
request other than the page itself aborted and recorded. They skip when
/usr/bin/chromium is missing, except in CI (CI=true), where they must run.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.model import CATEGORIES, RELATION_TYPES
from kg.views.html import (
    HtmlSummary,
    InvalidViewOptionError,
    MalformedExportError,
    UnknownConceptError,
    select_view,
    write_html,
)

SPEC_SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "export.schema.json"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">'
SCRIPT_PAYLOAD = "<script>window.__pwned=2</script>"
SHA = "0" * 64


# --------------------------------------------------------------------------
# Exports
# --------------------------------------------------------------------------


def _concept(cid, name, category, mentions, aliases=(), documents=("d1",)):
    return {"id": cid, "name": name, "aliases": [name, *aliases], "category": category,
            "mentions": mentions, "documents": list(documents)}


def _relation(source, target, kind, line=1, text=None, doc="d1", confidence=0.8):
    evidence = [] if kind == "PREREQUISITE_OF" else [
        {"doc": doc, "line": line, "text": text or f"{source} {kind} {target}"}]
    relation = {"source": source, "target": target, "type": kind,
                "confidence": confidence, "evidence": evidence}
    if kind == "PREREQUISITE_OF":
        relation["derived_from"] = [{"type": "EXTENDS", "source": target, "target": source}]
    return relation


def small_export() -> dict:
    """Ten concepts of ML notes; ``peft`` carries markup in its aliases and evidence."""
    return {
        "format": "kg-export",
        "version": 1,
        "documents": [
            {"id": "d1", "path": "notes/llm.md", "title": "大模型", "sha256": SHA, "lines": 400},
            {"id": "d2", "path": "notes/dl.md", "title": "深度学习", "sha256": SHA, "lines": 300},
        ],
        "concepts": [
            _concept("transformer", "Transformer", "model", 40),
            _concept("attention", "Self-Attention", "component", 30, ["自注意力"]),
            _concept("bert", "BERT", "model", 20),
            _concept("gpt", "GPT", "model", 18),
            _concept("lora", "LoRA", "method", 17, ["Low-Rank Adaptation", "低秩适配"]),
            _concept("qlora", "QLoRA", "method", 5),
            _concept("peft", "PEFT", "technique", 9, [IMG_PAYLOAD, SCRIPT_PAYLOAD]),
            _concept("overfitting", "过拟合", "problem", 6, ["Overfitting"], ["d2"]),
            _concept("dropout", "Dropout", "technique", 8, [], ["d2"]),
            _concept("adam", "Adam", "optimizer", 3, [], ["d2"]),
        ],
        "relations": [
            _relation("attention", "transformer", "PART_OF", 10, "Transformer由Self-Attention组成"),
            _relation("bert", "transformer", "USES", 20),
            _relation("gpt", "transformer", "USES", 21),
            _relation("bert", "gpt", "COMPARED_WITH", 30, "BERT和GPT的区别"),
            _relation("qlora", "lora", "EXTENDS", 40, "QLoRA在LoRA的基础上引入了量化"),
            _relation("lora", "peft", "IS_A", 41, f"LoRA是一种PEFT方法 {IMG_PAYLOAD} {SCRIPT_PAYLOAD}"),
            _relation("dropout", "overfitting", "ADDRESSES", 7, "Dropout防止过拟合", doc="d2"),
            _relation("lora", "transformer", "RELATED_TO", 42),
            _relation("attention", "transformer", "PREREQUISITE_OF"),
            _relation("transformer", "bert", "PREREQUISITE_OF"),
            _relation("transformer", "gpt", "PREREQUISITE_OF"),
            _relation("peft", "lora", "PREREQUISITE_OF"),
            _relation("lora", "qlora", "PREREQUISITE_OF"),
        ],
    }


def big_export(nodes: int = 2000, edges: int = 4000, seed: int = 11) -> dict:
    """A random export of ``nodes`` concepts and ``edges`` distinct relations."""
    rng = random.Random(seed)
    concepts = [_concept(f"c{i}", f"Concept {i}", rng.choice(CATEGORIES), rng.randint(0, 60))
                for i in range(nodes)]
    keys, relations = set(), []
    while len(relations) < edges:
        source, target = rng.randrange(nodes), rng.randrange(nodes)
        kind = rng.choice(RELATION_TYPES)
        if source != target and (source, target, kind) not in keys:
            keys.add((source, target, kind))
            relations.append(_relation(f"c{source}", f"c{target}", kind, rng.randint(1, 400)))
    return {"format": "kg-export", "version": 1,
            "documents": [{"id": "d1", "path": "notes/big.md", "title": None, "sha256": SHA, "lines": 400}],
            "concepts": concepts, "relations": relations}


def ids(view) -> set[str]:
    return {c["id"] for c in view.concepts}


def edges_of(view) -> set[tuple[str, str, str]]:
    return {(r["source"], r["target"], r["type"]) for r in view.relations}


# --------------------------------------------------------------------------
# Selection (no browser)
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


def test_around_depth_one_and_two():
    export = small_export()
    assert ids(select_view(export, around="lora")) == {"lora", "qlora", "peft", "transformer"}
    assert ids(select_view(export, around="lora", depth=2)) == {
        "lora", "qlora", "peft", "transformer", "attention", "bert", "gpt"}
    assert ids(select_view(export, around="lora", depth=0)) == {"lora"}


def test_around_walks_edges_in_both_directions():
    # transformer is only ever a target; its neighbours are all sources.
    assert ids(select_view(small_export(), around="transformer")) == {
        "transformer", "attention", "bert", "gpt", "lora"}


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


def test_prereqs_of_a_root_is_the_root_alone():
    view = select_view(small_export(), prereqs_of="attention")
    assert ids(view) == {"attention"} and view.relations == []


def test_prerequisite_levels_survive_a_cycle():
    export = small_export()
    export["relations"].append(_relation("qlora", "peft", "PREREQUISITE_OF"))
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
    view = select_view(export, around="lora", min_mentions=10)
    assert ids(view) == {"lora", "transformer"}
    assert edges_of(view) == {("lora", "transformer", "RELATED_TO")}


def test_categories_filter_keeps_the_centre():
    export = small_export()
    assert ids(select_view(export, categories=["model"])) == {"transformer", "bert", "gpt"}
    view = select_view(export, around="lora", depth=2, categories={"model"})
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
])
def test_bad_options_are_value_errors(options, message):
    with pytest.raises(InvalidViewOptionError, match=message):
        select_view(small_export(), **options)


def test_relation_to_a_missing_concept_is_reported():
    export = small_export()
    export["relations"].append(_relation("lora", "ghost", "USES"))
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
    summary, text = _page(tmp_path, around="lora")
    assert summary == HtmlSummary(nodes=4, edges=3, path=tmp_path / "graph.html")
    assert text.startswith("<!DOCTYPE html>")


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
    assert len(scripts) == 2
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
# The page in Chromium
# --------------------------------------------------------------------------


class PageLog:
    """Requests, failures and errors seen while a page was open."""

    def __init__(self, page_url: str):
        self.page_url = page_url
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []

    def outside(self) -> list[str]:
        return [u for u in self.requests if u != self.page_url and not u.startswith("data:")]


def _need(available: bool, what: str) -> None:
    """Skip without ``what``, except in CI, where the browser tests must run."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing; CI must run the browser tests")
    pytest.skip(f"{what} is missing; browser tests skipped outside CI")


@pytest.fixture(scope="module")
def browser():
    _need(CHROMIUM.exists(), f"{CHROMIUM} (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        sync_api = None
    _need(sync_api is not None, "the playwright Python package (pip install -e .[test])")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, tmp_path):
    """Write an export as a page and open it offline; returns (page, summary, log)."""
    contexts = []

    def opener(export, name="graph.html", timeout_s=60.0, **options):
        summary = write_html(export, tmp_path / name, **options)
        page_url = summary.path.resolve().as_uri()
        log = PageLog(page_url)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)

        def route(route):
            if route.request.url == page_url:
                route.continue_()
            else:
                log.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("requestfailed", lambda request: log.failed.append(request.url))
        page.on("console", lambda message: message.type == "error" and log.errors.append(message.text))
        page.on("pageerror", lambda error: log.errors.append(str(error)))
        page.goto(page_url)
        wait_until_ready(page, log, timeout_s)
        return page, summary, log

    yield opener
    for context in contexts:
        context.close()


def wait_until_ready(page, log: PageLog, timeout_s: float) -> None:
    # Polled from here: the page's CSP forbids the eval behind wait_for_function.
    deadline = time.monotonic() + timeout_s
    while not page.evaluate("window.kgReady === true"):
        assert not log.errors, f"page failed before it was ready: {log.errors}"
        assert time.monotonic() < deadline, f"window.kgReady not set after {timeout_s} s"
        time.sleep(0.05)


def assert_clean(log: PageLog) -> None:
    assert log.outside() == [] and log.blocked == [], f"requests left the page: {log.outside() or log.blocked}"
    assert log.failed == [], f"failed requests: {log.failed}"
    assert log.errors == [], f"console errors: {log.errors}"


DRAWN = """() => ({
  nodes: kgData.nodes.length, edges: kgData.edges.length,
  networkNodes: kgNetwork.body.data.nodes.length, networkEdges: kgNetwork.body.data.edges.length,
  shownNodes: kgNetwork.body.nodeIndices.length, shownEdges: kgNetwork.body.edgeIndices.length,
  stabilisedMs: window.kgStabilisedMs,
})"""


def assert_drawn(page, summary: HtmlSummary) -> dict:
    drawn = page.evaluate(DRAWN)
    assert drawn["nodes"] == drawn["networkNodes"] == drawn["shownNodes"] == summary.nodes
    assert drawn["edges"] == drawn["networkEdges"] == drawn["shownEdges"] == summary.edges
    assert isinstance(drawn["stabilisedMs"], (int, float)) and drawn["stabilisedMs"] >= 0
    return drawn


def node_point(page, concept_id: str) -> tuple[float, float]:
    point = page.evaluate("""(id) => {
      const canvas = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
      const box = document.getElementById('kg-graph').getBoundingClientRect();
      return [box.left + canvas.x, box.top + canvas.y];
    }""", concept_id)
    return point[0], point[1]


@pytest.mark.browser
def test_small_page_is_offline_and_draws_the_filtered_graph(open_page):
    page, summary, log = open_page(small_export())
    assert (summary.nodes, summary.edges) == (10, 8)
    assert_drawn(page, summary)
    assert_clean(log)
    assert log.requests == [log.page_url]


@pytest.mark.browser
def test_edges_point_from_source_to_target_and_symmetric_ones_have_no_arrow(open_page):
    page, _, log = open_page(small_export())
    edges = page.evaluate("""() => kgData.edges.get().map(e => {
      const drawn = kgNetwork.body.edges[e.id];
      return [drawn.fromId, drawn.toId, e.relationType, drawn.options.arrows.to.enabled, drawn.options.color.color];
    })""")
    by_type = {label: (source, target, arrow, colour) for source, target, label, arrow, colour in edges}
    assert by_type["EXTENDS"][:3] == ("qlora", "lora", True)
    assert by_type["IS_A"][:3] == ("lora", "peft", True)
    assert by_type["COMPARED_WITH"][2] is False and by_type["RELATED_TO"][2] is False
    assert len({colour for *_, colour in by_type.values()}) == len(by_type)
    labels = dict(page.evaluate("kgData.edges.get().map(e => [e.relationType, e.label])"))
    assert labels["EXTENDS"] == "EXTENDS" and labels["RELATED_TO"] == ""
    assert_clean(log)


@pytest.mark.browser
def test_legend_lists_categories_and_relation_types_present(open_page):
    page, _, log = open_page(small_export(), around="lora")
    legend = page.inner_text("#kg-legend")
    for present in ("method", "technique", "model", "EXTENDS →", "IS_A →", "RELATED_TO —"):
        assert present in legend
    for absent in ("problem", "optimizer", "ADDRESSES"):
        assert absent not in legend
    assert_clean(log)


@pytest.mark.browser
def test_hover_and_click_show_markup_as_literal_text(open_page):
    page, _, log = open_page(small_export(), title=f"notes {SCRIPT_PAYLOAD}")
    x, y = node_point(page, "peft")
    page.mouse.move(x, y)
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    assert IMG_PAYLOAD in tooltip.text_content()

    page.mouse.click(x, y)
    card = page.wait_for_selector("#kg-card", state="visible", timeout=5000)
    text = card.inner_text()
    assert "PEFT" in text and IMG_PAYLOAD in text and SCRIPT_PAYLOAD in text
    assert "notes/llm.md:41" in text and "LoRA是一种PEFT方法" in text
    assert "notes/llm.md" in text and "lines 41" in text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('body script').length") == 3
    assert page.title() == f"notes {SCRIPT_PAYLOAD}"
    assert_clean(log)


@pytest.mark.browser
def test_clicking_an_edge_shows_its_evidence(open_page):
    page, _, log = open_page(small_export(), around="qlora")
    middle = page.evaluate("""() => {
      const p = kgNetwork.getPositions(['qlora', 'lora']);
      const canvas = kgNetwork.canvasToDOM({x: (p.qlora.x + p.lora.x) / 2, y: (p.qlora.y + p.lora.y) / 2});
      const box = document.getElementById('kg-graph').getBoundingClientRect();
      return [box.left + canvas.x, box.top + canvas.y];
    }""")
    page.evaluate("kgNetwork.setOptions({edges: {smooth: false}})")
    page.mouse.click(*middle)
    text = page.wait_for_selector("#kg-card", state="visible", timeout=5000).inner_text()
    assert "EXTENDS" in text and "QLoRA在LoRA的基础上引入了量化" in text and "notes/llm.md:40" in text
    assert_clean(log)


@pytest.mark.browser
@pytest.mark.parametrize("query", ["low-RANK adaptation", "低秩适配"])
def test_search_focuses_a_concept_by_alias(open_page, query):
    page, _, log = open_page(small_export())
    page.fill("#kg-search", query)
    assert page.inner_text("#kg-results").startswith("LoRA")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["lora"]
    assert page.inner_text("#kg-card h2") == "LoRA"
    page.wait_for_timeout(700)  # the focus animation
    x, y = node_point(page, "lora")
    box = page.eval_on_selector("#kg-graph", "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }")
    assert abs(x - (box[0] + box[2] / 2)) < 5 and abs(y - (box[1] + box[3] / 2)) < 5
    assert_clean(log)


@pytest.mark.browser
def test_prerequisite_view_draws_prerequisites_above_dependents(open_page):
    page, summary, log = open_page(small_export(), prereqs_of="qlora")
    assert_drawn(page, summary)
    y = {cid: p["y"] for cid, p in page.evaluate("kgNetwork.getPositions()").items()}
    assert y["peft"] < y["lora"] < y["qlora"]
    assert page.evaluate("kgNetwork.layoutEngine.options.hierarchical.enabled") is True
    assert_clean(log)


@pytest.mark.browser
@pytest.mark.parametrize("options", [
    {"types": ["EXTENDS", "IS_A"]},
    {"categories": ["model", "method"]},
    {"min_mentions": 10},
    {"around": "transformer", "depth": 1},
])
def test_filters_decide_what_is_drawn(open_page, options):
    export = small_export()
    view = select_view(export, **options)
    page, summary, log = open_page(export, **options)
    assert_drawn(page, summary)
    assert set(page.evaluate("kgData.nodes.getIds()")) == ids(view)
    drawn = page.evaluate("kgData.edges.get().map(e => [e.from, e.to, e.relationType])")
    assert {tuple(edge) for edge in drawn} == edges_of(view)
    assert_clean(log)


@pytest.mark.browser
def test_concept_ids_that_name_object_properties_work(open_page):
    export = small_export()
    export["concepts"] += [_concept("constructor", "Constructor", "concept", 2),
                           _concept("toString", "toString", "concept", 2)]
    export["relations"].append(_relation("constructor", "toString", "USES", 5))
    page, summary, log = open_page(export, around="constructor")
    assert_drawn(page, summary)
    assert sorted(page.evaluate("kgData.nodes.getIds()")) == ["kg:constructor", "kg:toString"]
    page.fill("#kg-search", "tostring")
    page.press("#kg-search", "Enter")
    assert page.inner_text("#kg-card h2") == "toString"
    assert "Constructor USES toString" in page.inner_text("#kg-card")
    assert_clean(log)


@pytest.mark.browser
def test_empty_page_is_ready_and_says_so(open_page):
    page, summary, log = open_page(small_export(), categories=["dataset"])
    assert_drawn(page, summary)
    assert page.is_visible("#kg-empty")
    assert_clean(log)


@pytest.mark.browser
def test_two_thousand_nodes_settle_and_stop(open_page):
    page, summary, log = open_page(big_export(), timeout_s=90)
    drawn = assert_drawn(page, summary)
    assert summary.nodes == 2000 and summary.edges > 3000
    assert drawn["stabilisedMs"] < 60_000
    assert page.evaluate("kgNetwork.physics.options.enabled") is False
    before = page.evaluate("kgNetwork.getPositions(['c0', 'c1'])")
    page.wait_for_timeout(300)
    assert page.evaluate("kgNetwork.getPositions(['c0', 'c1'])") == before
    assert_clean(log)
