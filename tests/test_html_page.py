"""The HTML page in headless Chromium: drawing, focus, filters, search, cards, links.

Every test opens the page offline (requests other than the page itself are
aborted and recorded) and ends by checking that no request left the page and
no error reached the console. What the page shows is read from the network's
data sets and the DOM, never from pixels.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_kg
from html_fixtures import (  # noqa: F401  (fixtures)
    IMG_PAYLOAD,
    SCRIPT_PAYLOAD,
    assert_clean,
    assert_drawn,
    big_export,
    browser,
    concept,
    dimmed,
    empty_point,
    node_point,
    open_file,
    open_page,
    overlapping_labels,
    relation,
    small_export,
    visible_nodes,
)
from kg.views.html import select_view

pytestmark = pytest.mark.browser


def ids(view) -> set[str]:
    return {c["id"] for c in view.concepts}


def edges_of(view) -> set[tuple[str, str, str]]:
    return {(r["source"], r["target"], r["type"]) for r in view.relations}


def search(page, text: str) -> str:
    page.fill("#kg-search", text)
    return page.inner_text("#kg-results")


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------


def test_small_page_is_offline_and_draws_the_filtered_graph(open_page):
    page, summary, log = open_page(small_export())
    assert (summary.nodes, summary.edges, summary.unconnected) == (10, 8, 1)
    assert_drawn(page, summary)
    assert "adam" not in visible_nodes(page)
    assert_clean(log)
    assert log.requests == [log.page_url]


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
    assert_clean(log)


def test_edge_labels_show_on_hover_and_around_the_focus_only(open_page):
    page, _, log = open_page(small_export(), around="qlora", depth=2, with_related=True)
    labels = lambda: dict(page.evaluate("kgData.edges.get().map(e => [e.id, (e.label || '').trim()])"))  # noqa: E731
    assert set(labels().values()) == {""}
    extends = page.evaluate("kgData.edges.get().find(e => e.relationType === 'EXTENDS').id")
    page.evaluate("kgNetwork.setOptions({edges: {smooth: false}})")
    middle = page.evaluate("""(id) => {
      const edge = kgData.edges.get(id), p = kgNetwork.getPositions([edge.from, edge.to]);
      const canvas = kgNetwork.canvasToDOM({x: (p[edge.from].x + p[edge.to].x) / 2, y: (p[edge.from].y + p[edge.to].y) / 2});
      const box = document.getElementById('kg-graph').getBoundingClientRect();
      return [box.left + canvas.x, box.top + canvas.y];
    }""", extends)
    page.mouse.move(*middle)
    page.wait_for_timeout(300)
    assert labels()[extends] == "EXTENDS"
    page.mouse.move(*empty_point(page))
    page.wait_for_timeout(300)
    assert labels()[extends] == ""

    page.evaluate("kgFocus('lora')")
    page.wait_for_timeout(600)  # labels are placed again for the zoom the focus ends at
    shown = {page.evaluate("(id) => kgData.edges.get(id).relationType", edge): text
             for edge, text in labels().items() if text}
    # the edges of LoRA, as many as fit beside the names and dots
    assert len(shown) >= 2 and shown.items() <= {"EXTENDS": "EXTENDS", "IS_A": "IS_A", "RELATED_TO": "RELATED_TO"}.items()
    assert overlapping_labels(page) == []
    assert_clean(log)


def test_prerequisite_view_draws_prerequisites_above_dependents(open_page):
    page, summary, log = open_page(small_export(), prereqs_of="qlora")
    assert_drawn(page, summary)
    y = {cid: p["y"] for cid, p in page.evaluate("kgNetwork.getPositions()").items()}
    assert y["peft"] < y["lora"] < y["qlora"]
    assert page.evaluate("kgNetwork.layoutEngine.options.hierarchical.enabled") is True
    page.evaluate("kgFocus('lora')")
    texts = dict(page.evaluate("kgData.edges.get().map(e => [e.from + '>' + e.to, (e.label || '').trim()])"))
    assert texts == {"peft>lora": "includes", "lora>qlora": "is extended by"}
    assert_clean(log)


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


def test_concept_ids_that_name_object_properties_work(open_page):
    export = small_export()
    export["concepts"] += [concept("constructor", "Constructor", "concept", 2),
                           concept("toString", "toString", "concept", 2)]
    export["relations"].append(relation("constructor", "toString", "USES", 5))
    page, summary, log = open_page(export, around="constructor")
    assert_drawn(page, summary)
    assert sorted(page.evaluate("kgData.nodes.getIds()")) == ["kg:constructor", "kg:toString"]
    search(page, "tostring")
    page.press("#kg-search", "Enter")
    assert page.inner_text("#kg-card h2") == "toString"
    assert "Constructor USES toString" in page.inner_text("#kg-card")
    assert_clean(log)


def test_empty_page_is_ready_and_says_so(open_page):
    page, summary, log = open_page(small_export(), categories=["dataset"])
    assert_drawn(page, summary)
    assert page.is_visible("#kg-empty")
    assert_clean(log)


def test_a_cut_neighbourhood_says_so(open_page):
    page, _, log = open_page(small_export(), around="lora", depth=2, with_related=True, limit=5)
    notice = page.inner_text("#kg-notice")
    assert "Cut to 5 of the 7 concepts within 2 hops of LoRA" in notice and "--max" in notice
    page2, _, _ = open_page(small_export(), name="whole.html", around="lora")
    assert not page2.is_visible("#kg-notice")
    assert_clean(log)


def test_two_thousand_nodes_settle_and_stop(open_page):
    page, summary, log = open_page(big_export(), timeout_s=90)
    assert_drawn(page, summary)
    assert summary.nodes == 2000 and summary.edges > 3000
    assert page.evaluate("kgNetwork.physics.options.enabled") is False
    before = page.evaluate("kgNetwork.getPositions(['c0', 'c1'])")
    page.wait_for_timeout(300)
    assert page.evaluate("kgNetwork.getPositions(['c0', 'c1'])") == before
    # still answers: focus, search
    page.evaluate("kgFocus('c0')")
    assert not dimmed(page)["c0"] and sum(dimmed(page).values()) > 1000
    assert search(page, "Concept 1999").startswith("Concept 1999")
    assert_clean(log)


# --------------------------------------------------------------------------
# Focus
# --------------------------------------------------------------------------


def test_clicking_a_concept_dims_all_but_its_neighbours_and_escape_restores(open_page):
    page, _, log = open_page(small_export())
    page.mouse.click(*node_point(page, "lora"))
    page.wait_for_selector("#kg-card", state="visible", timeout=5000)
    faded = dimmed(page)
    assert {cid for cid, dim in faded.items() if not dim} == {"lora", "qlora", "peft", "transformer"}
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["lora"]
    page.keyboard.press("Escape")
    assert not any(dimmed(page).values())
    assert not page.is_visible("#kg-card")
    assert_clean(log)


def test_a_click_on_empty_space_restores_the_view(open_page):
    page, _, log = open_page(small_export())
    page.mouse.click(*node_point(page, "bert"))
    assert any(dimmed(page).values())
    page.wait_for_timeout(600)  # the focus animation
    page.mouse.click(*empty_point(page))
    assert not any(dimmed(page).values())
    assert page.evaluate("kgNetwork.getSelectedNodes()") == []
    assert_clean(log)


def test_the_depth_control_changes_the_neighbourhood_shown(open_page):
    page, _, log = open_page(small_export())
    page.evaluate("kgFocus('qlora')")
    lit = lambda: {cid for cid, dim in dimmed(page).items() if not dim}  # noqa: E731
    assert lit() == {"qlora", "lora"}
    page.select_option("#kg-depth", "2")
    assert lit() == {"qlora", "lora", "peft", "transformer"}
    page.select_option("#kg-depth", "3")
    assert lit() == {"qlora", "lora", "peft", "transformer", "attention", "bert", "gpt"}

    page.check("#kg-local")  # only the neighbourhood: the rest is hidden, not dimmed
    assert visible_nodes(page) == {"qlora", "lora", "peft", "transformer", "attention", "bert", "gpt"}
    page.select_option("#kg-depth", "1")
    assert visible_nodes(page) == {"qlora", "lora"}
    page.keyboard.press("Escape")
    assert len(visible_nodes(page)) == 9  # all but the unconnected Adam
    assert_clean(log)


# --------------------------------------------------------------------------
# Filters in the page
# --------------------------------------------------------------------------


def test_toggling_a_relation_type_in_the_legend_hides_its_edges(open_page):
    page, _, log = open_page(small_export())
    hidden = lambda kind: page.evaluate(  # noqa: E731
        "(kind) => kgData.edges.get().filter(e => e.relationType === kind).map(e => e.hidden === true)", kind)
    drawn_edges = lambda: page.evaluate("kgNetwork.body.edgeIndices.length")  # noqa: E731
    assert hidden("USES") == [False, False] and drawn_edges() == 8
    page.click("#kg-legend li[data-type=USES] button")
    assert hidden("USES") == [True, True] and drawn_edges() == 6
    assert page.get_attribute("#kg-legend li[data-type=USES] button", "aria-pressed") == "false"
    page.click("#kg-legend li[data-type=USES] button")
    assert hidden("USES") == [False, False] and drawn_edges() == 8
    assert_clean(log)


def test_toggling_a_category_hides_its_concepts_and_their_edges(open_page):
    page, _, log = open_page(small_export())
    page.click("#kg-legend li[data-category=model] button")
    assert visible_nodes(page).isdisjoint({"transformer", "bert", "gpt"})
    assert page.evaluate("kgNetwork.body.edgeIndices.length") == 3  # EXTENDS, IS_A, ADDRESSES
    page.click("#kg-legend li[data-category=model] button")
    assert {"transformer", "bert", "gpt"} <= visible_nodes(page)
    assert_clean(log)


def test_the_mention_slider_hides_rare_concepts(open_page):
    page, _, log = open_page(small_export())
    slider = page.locator("#kg-min-mentions")
    counts = sorted({c["mentions"] for c in small_export()["concepts"]})
    index = counts.index(17)
    slider.evaluate("(e, value) => { e.value = value; e.dispatchEvent(new Event('input')); }", str(index))
    assert visible_nodes(page) == {"transformer", "attention", "bert", "gpt", "lora"}
    assert "at least 17" in page.inner_text("#kg-legend")
    assert_clean(log)


def test_unconnected_concepts_are_shown_on_request_below_the_graph(open_page):
    page, summary, log = open_page(small_export())
    assert "1 unconnected hidden" in page.inner_text("#kg-status")
    page.check("#kg-isolated")
    assert "adam" in visible_nodes(page)
    positions = page.evaluate("kgNetwork.getPositions()")
    assert positions["adam"]["y"] > max(p["y"] for cid, p in positions.items() if cid != "adam")
    page.uncheck("#kg-isolated")
    assert "adam" not in visible_nodes(page)
    search(page, "adam")  # found, and shown while in focus
    page.press("#kg-search", "Enter")
    assert "adam" in visible_nodes(page) and page.inner_text("#kg-card h2") == "Adam"
    page.keyboard.press("Escape")
    assert "adam" not in visible_nodes(page)
    assert_clean(log)


# --------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["low-RANK adaptation", "低秩", "lORA"])
def test_search_finds_a_concept_by_any_name_and_selects_it(open_page, query):
    page, _, log = open_page(small_export())
    assert search(page, query).startswith("LoRA")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["lora"]
    assert page.inner_text("#kg-card h2") == "LoRA"
    assert not dimmed(page)["lora"] and dimmed(page)["bert"]
    assert_clean(log)


def test_search_forgives_a_typo(open_page):
    page, _, log = open_page(small_export())
    assert search(page, "Qlroa").startswith("QLoRA")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["qlora"]
    assert page.inner_text("#kg-card h2") == "QLoRA"
    assert_clean(log)


def test_search_says_when_nothing_matches(open_page):
    page, _, log = open_page(small_export())
    assert search(page, "zzqxv") == "No concept matches “zzqxv”"
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == []
    assert_clean(log)


QUERIES = ["Qlroa", "lora", "低秩", "批归一", "bn", "transfomer", "q-former", "ＢＥＲＴ", "注意力", "adam",
           "Batch Norm", "dropuot", "正则", "xyzzy", "LLaVA", "blip2", "过拟合", "gradient desent", "SGD", "vit"]


def test_search_in_the_page_answers_as_kg_search(example_store, tmp_path, open_file):
    page_path = tmp_path / "graph.html"
    run_kg("export", "html", "--store", str(example_store), "-o", str(page_path), check=True)
    page, log = open_file(page_path)
    for query in QUERIES:
        expected = json.loads(run_kg("search", query, "--store", str(example_store), "--json", check=True).stdout)
        found = page.evaluate("(q) => kgSearch(q, 10)", query)
        assert [(h["id"], h["matched"], h["score"]) for h in found] == \
            [(h["id"], h["matched"], h["score"]) for h in expected["results"]], query
    assert_clean(log)


# --------------------------------------------------------------------------
# The card
# --------------------------------------------------------------------------


def test_card_shows_definition_prerequisites_with_their_reason_and_questions(open_page):
    page, _, log = open_page(small_export())
    page.evaluate("kgFocus('lora')")
    card = page.locator("#kg-card")
    assert card.locator("h2").inner_text() == "LoRA"
    assert "LoRA是一种参数高效的微调方法。" in card.locator("#kg-definition").inner_text()
    assert "method · 17 mentions" in card.inner_text()
    assert "Also called: Low-Rank Adaptation, 低秩适配" in card.inner_text()
    text = card.inner_text()
    first, leads = text.index("LEARN FIRST"), text.index("LEADS TO")
    assert "PEFT — LoRA is a kind of PEFT" in text[first:leads]
    assert "QLoRA — QLoRA extends LoRA" in text[leads:]
    assert card.locator("#kg-questions li").all_inner_texts() == [
        "LoRA的原理是什么? notes/llm.md:45", "QLoRA和LoRA有什么区别? notes/llm.md:46"]
    # a prerequisite in the card focuses it
    card.locator("li[data-concept=peft] button.kg-link").click()
    assert page.inner_text("#kg-card h2") == "PEFT"
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["peft"]
    assert_clean(log)


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
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('body script').length") == 3
    assert page.title() == f"notes {SCRIPT_PAYLOAD}"
    assert_clean(log)


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


def test_file_links_in_the_card_open_the_note(example_store, tmp_path, open_file):
    page_path = tmp_path / "site" / "graph.html"
    page_path.parent.mkdir()
    run_kg("export", "html", "--store", str(example_store), "-o", str(page_path), check=True)
    page, log = open_file(page_path)
    page.evaluate("kgFocus('lora')")
    link = page.locator("#kg-definition a")
    where = link.inner_text()
    path, line = where.rsplit(":", 1)
    assert path.endswith("003_6edd4a02de49fa8e.txt") and line == "80"
    assert link.evaluate("a => a.href") == Path(path).resolve().as_uri()
    assert not link.get_attribute("href").startswith(("file:", "/"))  # relative to the page
    hrefs = page.eval_on_selector_all("#kg-card a", "links => links.map(a => a.href)")
    assert hrefs and all(href.startswith("file:///") and Path(href[7:]).is_file() for href in hrefs)
    assert_clean(log)


def test_obsidian_links_when_the_notes_are_a_vault(tmp_path, open_file):
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "lora.md").write_text("# LoRA\n\nLoRA是一种PEFT方法。\n\nQLoRA在LoRA的基础上引入了量化。\n", encoding="utf-8")
    run_kg("build", "vault", "--store", "store", cwd=tmp_path, check=True)
    run_kg("export", "html", "--store", "store", "-o", "g.html", cwd=tmp_path, check=True)
    page, log = open_file(tmp_path / "g.html")
    page.evaluate("kgFocus('lora')")
    hrefs = set(page.eval_on_selector_all("#kg-card a", "links => links.map(a => a.getAttribute('href'))"))
    assert hrefs == {"obsidian://open?vault=vault&file=lora.md"}
    assert_clean(log)


# --------------------------------------------------------------------------
# Readable at every size
# --------------------------------------------------------------------------


def test_no_label_sits_on_another_in_the_prerequisite_view(example_store, tmp_path, open_file):
    page_path = tmp_path / "blip2.html"
    run_kg("export", "html", "--store", str(example_store), "--prereqs-of", "BLIP2", "-o", str(page_path), check=True)
    page, log = open_file(page_path)
    assert page.evaluate("kgData.nodes.length") > 15
    assert overlapping_labels(page) == []
    for width, height in ((1400, 900), (1440, 820), (1100, 700)):
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("kgFocus('q-former')")  # nine prerequisites meet in Q-Former
        page.wait_for_timeout(800)
        labelled = page.evaluate("kgData.edges.get().filter(e => (e.label || '').trim()).length")
        assert labelled >= 2 and overlapping_labels(page) == [], (width, height)
        page.keyboard.press("Escape")
    assert_clean(log)


def test_labels_follow_zoom_and_importance_without_piling_up(example_store, tmp_path, open_file):
    page_path = tmp_path / "graph.html"
    run_kg("export", "html", "--store", str(example_store), "-o", str(page_path), check=True)
    page, log = open_file(page_path)
    named = lambda: page.evaluate(  # noqa: E731
        "kgData.nodes.get().filter(n => !n.hidden && n.font.size > 1).map(n => n.id)")
    whole = named()
    assert 10 <= len(whole) <= 60 and overlapping_labels(page) == []
    mentions = dict(page.evaluate("kgData.nodes.get().map(n => [n.id, n.mentions])"))
    shown = [n for n in page.evaluate("kgNetwork.body.nodeIndices.slice()")]
    top = sorted(shown, key=lambda cid: -mentions[cid])[0]
    assert top in whole  # the most mentioned concept is named
    page.evaluate("kgNetwork.moveTo({scale: kgNetwork.getScale() * 3})")
    page.evaluate("() => { kgNetwork.emit('animationFinished'); }")
    assert len(named()) > len(whole) and overlapping_labels(page) == []
    assert_clean(log)
