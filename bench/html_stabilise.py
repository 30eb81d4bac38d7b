"""How long a big HTML view takes to lay out in headless Chromium.

Generates a random export (2,000 concepts and about 4,000 relations by
default), writes it with ``kg.views.html.write_html``, opens the page in
Debian's Chromium with the network cut off and prints the time until
``window.kgReady`` together with the drawn node and edge counts, then how
long focusing the most connected concept (every node and edge dimmed or lit)
and clearing the focus take in the page.

    python bench/html_stabilise.py [--nodes 2000] [--edges 4000] [--runs 3] [--all-types]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.model import CATEGORIES, RELATION_TYPES
from kg.views.html import write_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def random_export(nodes: int, edges: int, seed: int = 7, topics: int = 40) -> dict:
    """A ``kg-export`` dict shaped like real notes.

    Concepts fall into ``topics`` (one per note file); most relations stay
    inside a topic and favour concepts that already have many (hubs such as
    Transformer), a few cross topics. That structure, not a uniform random
    graph, is what a layout has to untangle.
    """
    rng = random.Random(seed)
    documents = [{"id": f"d{i}", "path": f"notes/{i:03d}.md", "title": f"note {i}",
                  "sha256": "0" * 64, "lines": 800} for i in range(topics)]
    topic_of = [rng.randrange(topics) for _ in range(nodes)]
    members: list[list[int]] = [[] for _ in range(topics)]
    for index, topic in enumerate(topic_of):
        members[topic].append(index)
    concepts = [
        {
            "id": f"c{i}", "name": f"Concept {i}", "aliases": [f"Concept {i}", f"C-{i}"],
            "category": rng.choice(CATEGORIES), "mentions": int(rng.paretovariate(1.3)),
            "documents": [f"d{topic_of[i]}"],
        }
        for i in range(nodes)
    ]
    # Each index appears once per relation it takes part in: picking from
    # this list prefers well-connected concepts.
    ends: list[list[int]] = [list(m) for m in members]
    keys: set[tuple[int, int, str]] = set()
    relations = []
    while len(relations) < edges:
        source = rng.randrange(nodes)
        topic = topic_of[source] if rng.random() < 0.9 else rng.randrange(topics)
        if not ends[topic]:
            continue
        target = rng.choice(ends[topic])
        kind = rng.choice(RELATION_TYPES)
        if source == target or (source, target, kind) in keys:
            continue
        keys.add((source, target, kind))
        ends[topic_of[source]].append(source)
        ends[topic_of[target]].append(target)
        relations.append({
            "source": f"c{source}", "target": f"c{target}", "type": kind,
            "confidence": round(rng.uniform(0.3, 1.0), 2),
            "evidence": [{"doc": f"d{topic_of[source]}", "line": rng.randint(1, 800),
                          "text": f"Concept {source} and Concept {target} evidence sentence."}],
        })
    return {"format": "kg-export", "version": 1, "documents": documents,
            "concepts": concepts, "relations": relations}


def measure(page_path: Path, timeout_s: float = 300.0) -> dict:
    """Open the page offline and time it until ``window.kgReady``."""
    from playwright.sync_api import sync_playwright

    page_url = page_path.resolve().as_uri()
    outside = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda route: route.continue_() if route.request.url == page_url
                       else (outside.append(route.request.url), route.abort()))
            started = time.perf_counter()
            page.goto(page_url)
            # Polled from Python: the page's CSP forbids the eval that
            # page.wait_for_function relies on.
            while not page.evaluate("window.kgReady === true"):
                if time.perf_counter() - started > timeout_s:
                    raise TimeoutError(f"page not ready after {timeout_s:.0f} s")
                time.sleep(0.02)
            wall_ms = (time.perf_counter() - started) * 1000
            drawn = page.evaluate(
                "({stabilisedMs: window.kgStabilisedMs, nodes: kgData.nodes.length,"
                " edges: kgData.edges.length, shownNodes: kgNetwork.body.nodeIndices.length,"
                " shownEdges: kgNetwork.body.edgeIndices.length})"
            )
            hub = page.evaluate(
                "kgData.nodes.get().map(n => [n.conceptId, kgNetwork.getConnectedEdges(n.id).length])"
                ".sort((a, b) => b[1] - a[1])[0][0]"
            )
            # Timed in the page; the page's CSP allows no eval, but DevTools may.
            drawn["focusMs"] = round(page.evaluate(
                "(id) => { const t = performance.now(); kgFocus(id); return performance.now() - t; }", hub))
            drawn["clearMs"] = round(page.evaluate(
                "() => { const t = performance.now(); kgClearFocus(); return performance.now() - t; }"))
        finally:
            browser.close()
    return {**drawn, "wallMs": round(wall_ms), "outsideRequests": outside}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--all-types", action="store_true",
                        help="draw PREREQUISITE_OF too (hidden by default), so every relation is an edge")
    parser.add_argument("--keep", type=Path, help="also write the page here")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2

    export = random_export(args.nodes, args.edges)
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(args.keep or Path(folder) / "bench.html")
        started = time.perf_counter()
        types = RELATION_TYPES if args.all_types else None
        summary = write_html(export, page_path, types=types, title="html_stabilise bench")
        write_ms = (time.perf_counter() - started) * 1000
        size_kb = page_path.stat().st_size / 1024
        print(f"export: {args.nodes} concepts, {len(export['relations'])} relations")
        print(f"write_html: {summary.nodes} nodes, {summary.edges} edges drawn, "
              f"{write_ms:.0f} ms, page {size_kb:.0f} KiB")
        results = [measure(page_path) for _ in range(args.runs)]
    for i, result in enumerate(results, 1):
        print(f"run {i}: stabilised in {result['stabilisedMs']} ms (kgStabilisedMs), "
              f"{result['wallMs']} ms from navigation to kgReady; "
              f"nodes {result['nodes']} (drawn {result['shownNodes']}), "
              f"edges {result['edges']} (drawn {result['shownEdges']}); "
              f"focus {result['focusMs']} ms, back to the whole view {result['clearMs']} ms; "
              f"outside requests: {len(result['outsideRequests'])}")
    print(f"median kgStabilisedMs: {statistics.median(r['stabilisedMs'] for r in results):.0f} ms; "
          f"median to kgReady: {statistics.median(r['wallMs'] for r in results):.0f} ms; "
          f"median focus: {statistics.median(r['focusMs'] for r in results):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
