"""Exports to draw and the headless Chromium the HTML tests open pages in.

Browser tests open the written page in Debian's headless Chromium with every
request other than the page itself aborted and recorded. They skip when
/usr/bin/chromium is missing, except in CI (CI=true), where they must run.
Test modules import the fixtures by name (``browser``, ``open_page``).
"""
from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from kg.model import CATEGORIES, RELATION_TYPES
from kg.views.html import HtmlSummary, write_html

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


def concept(cid, name, category, mentions, aliases=(), documents=("d1",)):
    return {"id": cid, "name": name, "aliases": [name, *aliases], "category": category,
            "mentions": mentions, "documents": list(documents)}


def relation(source, target, kind, line=1, text=None, doc="d1", confidence=0.8, derived=None):
    evidence = [] if kind == "PREREQUISITE_OF" else [
        {"doc": doc, "line": line, "text": text or f"{source} {kind} {target}"}]
    found = {"source": source, "target": target, "type": kind, "confidence": confidence, "evidence": evidence}
    if kind == "PREREQUISITE_OF":
        found["derived_from"] = [derived or {"type": "EXTENDS", "source": target, "target": source}]
    return found


def small_export() -> dict:
    """Ten concepts of ML notes; ``peft`` carries markup in its aliases and evidence.

    Besides the ``kg-export`` fields it has what ``page_export`` adds: a
    definition and mention lines for LoRA, and interview questions.
    """
    export = {
        "format": "kg-export",
        "version": 1,
        "documents": [
            {"id": "d1", "path": "notes/llm.md", "title": "大模型", "sha256": SHA, "lines": 400},
            {"id": "d2", "path": "notes/dl.md", "title": "深度学习", "sha256": SHA, "lines": 300},
        ],
        "concepts": [
            concept("transformer", "Transformer", "model", 40),
            concept("attention", "Self-Attention", "component", 30, ["自注意力"]),
            concept("bert", "BERT", "model", 20),
            concept("gpt", "GPT", "model", 18),
            concept("lora", "LoRA", "method", 17, ["Low-Rank Adaptation", "低秩适配"]),
            concept("qlora", "QLoRA", "method", 5),
            concept("peft", "PEFT", "technique", 9, [IMG_PAYLOAD, SCRIPT_PAYLOAD]),
            concept("overfitting", "过拟合", "problem", 6, ["Overfitting"], ["d2"]),
            concept("dropout", "Dropout", "technique", 8, [], ["d2"]),
            concept("adam", "Adam", "optimizer", 3, [], ["d2"]),
        ],
        "relations": [
            relation("attention", "transformer", "PART_OF", 10, "Transformer由Self-Attention组成"),
            relation("bert", "transformer", "USES", 20),
            relation("gpt", "transformer", "USES", 21),
            relation("bert", "gpt", "COMPARED_WITH", 30, "BERT和GPT的区别"),
            relation("qlora", "lora", "EXTENDS", 40, "QLoRA在LoRA的基础上引入了量化"),
            relation("lora", "peft", "IS_A", 41, f"LoRA是一种PEFT方法 {IMG_PAYLOAD} {SCRIPT_PAYLOAD}"),
            relation("dropout", "overfitting", "ADDRESSES", 7, "Dropout防止过拟合", doc="d2"),
            relation("lora", "transformer", "RELATED_TO", 42),
            relation("attention", "transformer", "PREREQUISITE_OF",
                     derived={"type": "PART_OF", "source": "attention", "target": "transformer"}),
            relation("transformer", "bert", "PREREQUISITE_OF",
                     derived={"type": "USES", "source": "bert", "target": "transformer"}),
            relation("transformer", "gpt", "PREREQUISITE_OF",
                     derived={"type": "USES", "source": "gpt", "target": "transformer"}),
            relation("peft", "lora", "PREREQUISITE_OF",
                     derived={"type": "IS_A", "source": "lora", "target": "peft"}),
            relation("lora", "qlora", "PREREQUISITE_OF"),
        ],
        "questions": [
            {"doc": "d1", "line": 45, "text": "LoRA的原理是什么?", "concepts": ["lora"]},
            {"doc": "d1", "line": 46, "text": "QLoRA和LoRA有什么区别?", "concepts": ["qlora", "lora"]},
            {"doc": "d2", "line": 9, "text": "如何防止过拟合?", "concepts": ["overfitting"]},
        ],
        "base_dir": None,
    }
    for item in export["concepts"]:
        item["definition"] = None
    lora = next(c for c in export["concepts"] if c["id"] == "lora")
    lora["definition"] = {"doc": "d1", "line": 39, "text": "LoRA是一种参数高效的微调方法。"}
    lora["lines"] = {"d1": [39, 40, 41, 42, 45, 46]}
    return export


def big_export(nodes: int = 2000, edges: int = 4000, seed: int = 11) -> dict:
    """A random export of ``nodes`` concepts and ``edges`` distinct relations."""
    rng = random.Random(seed)
    concepts = [concept(f"c{i}", f"Concept {i}", rng.choice(CATEGORIES), rng.randint(0, 60))
                for i in range(nodes)]
    keys, relations = set(), []
    while len(relations) < edges:
        source, target = rng.randrange(nodes), rng.randrange(nodes)
        kind = rng.choice(RELATION_TYPES)
        if source != target and (source, target, kind) not in keys:
            keys.add((source, target, kind))
            relations.append(relation(f"c{source}", f"c{target}", kind, rng.randint(1, 400),
                                      confidence=round(rng.uniform(0.3, 1.0), 2)))
    return {"format": "kg-export", "version": 1,
            "documents": [{"id": "d1", "path": "notes/big.md", "title": None, "sha256": SHA, "lines": 400}],
            "concepts": concepts, "relations": relations}


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


def open_offline(browser, path: Path, contexts: list, timeout_s: float = 60.0):
    """Open the page at ``path`` with every other request cut; returns (page, log)."""
    page_url = path.resolve().as_uri()
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
    return page, log


@pytest.fixture
def open_page(browser, tmp_path):
    """Write an export as a page and open it offline; returns (page, summary, log)."""
    contexts = []

    def opener(export, name="graph.html", timeout_s=60.0, **options):
        summary = write_html(export, tmp_path / name, **options)
        page, log = open_offline(browser, summary.path, contexts, timeout_s)
        return page, summary, log

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def open_file(browser):
    """Open a page already written (by ``kg export html``); returns (page, log)."""
    contexts = []
    yield lambda path, timeout_s=60.0: open_offline(browser, Path(path), contexts, timeout_s)
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
    """The page holds what write_html reported, and shows all of it but the
    unconnected concepts an overview sets apart."""
    drawn = page.evaluate(DRAWN)
    assert drawn["nodes"] == drawn["networkNodes"] == summary.nodes
    assert drawn["shownNodes"] == summary.nodes - summary.unconnected
    assert drawn["edges"] == drawn["networkEdges"] == drawn["shownEdges"] == summary.edges
    assert isinstance(drawn["stabilisedMs"], (int, float)) and drawn["stabilisedMs"] >= 0
    return drawn


def node_point(page, node_id: str) -> tuple[float, float]:
    """Where a node is on the screen (page coordinates)."""
    point = page.evaluate("""(id) => {
      const canvas = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
      const box = document.getElementById('kg-graph').getBoundingClientRect();
      return [box.left + canvas.x, box.top + canvas.y];
    }""", node_id)
    return point[0], point[1]


def empty_point(page) -> tuple[float, float]:
    """A point of the canvas far from every node and edge (a corner)."""
    box = page.eval_on_selector("#kg-graph", "e => { const r = e.getBoundingClientRect(); return [r.left, r.top]; }")
    return box[0] + 8, box[1] + 8


def dimmed(page) -> dict[str, bool]:
    """Node id -> whether the page dims it (its opacity in the network's data set)."""
    return dict(page.evaluate("kgData.nodes.get().map(n => [n.id, (n.opacity ?? 1) < 1])"))


def visible_nodes(page) -> set[str]:
    return set(page.evaluate("kgNetwork.body.nodeIndices.slice()"))


# Label boxes of the names and relation labels the network draws on screen:
# vis-network places a label when it draws it (labelModule.size, canvas
# units), and draws neither what is off screen nor names smaller than its
# draw threshold; a blank relation label is one space.
DRAWN_LABELS = """() => {
  const scale = kgNetwork.getScale();
  const canvas = document.getElementById('kg-graph');
  const onScreen = (x, y) => {
    const at = kgNetwork.canvasToDOM({x, y});
    return at.x >= 0 && at.y >= 0 && at.x <= canvas.clientWidth && at.y <= canvas.clientHeight;
  };
  const threshold = kgNetwork.body.nodes[kgNetwork.body.nodeIndices[0]].options.scaling.label.drawThreshold;
  const box = (id, size) => [id, size.left, size.top, size.width, size.height];
  const names = kgNetwork.body.nodeIndices.map(id => kgNetwork.body.nodes[id]).filter(node =>
    onScreen(node.x, node.y) && node.options.label && node.labelModule.fontOptions.size * scale >= threshold - 1
  ).map(node => box(node.id, node.labelModule.size));
  const relations = kgNetwork.body.edgeIndices.map(id => kgNetwork.body.edges[id]).filter(edge =>
    (edge.options.label || '').trim() && onScreen((edge.from.x + edge.to.x) / 2, (edge.from.y + edge.to.y) / 2)
  ).map(edge => box(edge.id, edge.labelModule.size));
  return names.concat(relations);
}"""


def overlapping_labels(page) -> list[tuple[str, str]]:
    page.evaluate("kgNetwork.redraw()")
    boxes = page.evaluate(DRAWN_LABELS)
    pairs = []
    for i, (a, ax, ay, aw, ah) in enumerate(boxes):
        for b, bx, by, bw, bh in boxes[i + 1:]:
            if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                pairs.append((a, b))
    return pairs
