"""Answers drawn for people: rich tables and trees, and a Markdown study plan."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

__all__ = ["show", "related", "search", "stats", "prereqs", "path", "study_order", "study_order_markdown", "questions"]


def _where(paths: dict[str, str], ev: dict) -> str:
    return f"{paths.get(ev['doc'], ev['doc'])}:{ev['line']}"


def show(console: Console, card: dict, names: dict[str, str], paths: dict[str, str]) -> None:
    console.print(f"[bold]{card['name']}[/bold]  [dim]({card['category']}, {card['mentions']} mentions, id {card['id']})[/dim]")
    others = [a for a in card["aliases"] if a != card["name"]]
    if others:
        console.print(f"aliases: {', '.join(others)}", markup=False)
    if card.get("definition"):
        d = card["definition"]
        console.print(f"definition: {d['text']}  [dim]{_where(paths, d)}[/dim]", highlight=False)
    for m in card.get("mentioned_at", []):
        lines = ", ".join(str(n) for n in m["lines"][:12]) + (" …" if len(m["lines"]) > 12 else "")
        console.print(f"mentioned in {m['path']}: lines {lines}", markup=False, highlight=False)
    if not card["relations"]:
        console.print("[dim]no relations[/dim]")
        return
    table = Table(show_header=True, header_style="bold", expand=False)
    for column in ("relation", "concept", "conf.", "evidence"):
        table.add_column(column, overflow="fold")
    for r in card["relations"]:
        outgoing = r["source"] == card["id"]
        other = names.get(r["target"] if outgoing else r["source"], r["target"] if outgoing else r["source"])
        label = f"{r['type']} →" if outgoing else f"← {r['type']}"
        ev = r["evidence"][0] if r["evidence"] else None
        evidence = f"{ev['text'][:120]} ({_where(paths, ev)})" if ev else ""
        table.add_row(label, other, f"{r['confidence']:.2f}", evidence)
    console.print(table)


def related(console: Console, answer: dict) -> None:
    table = Table("depth", "concept", "category", header_style="bold")
    for row in answer["related"]:
        table.add_row(str(row["depth"]), row["name"], row["category"])
    console.print(table if answer["related"] else f"{answer['concept']['name']}: no related concepts")


def search(console: Console, hits: list[dict], text: str) -> None:
    if not hits:
        console.print(f"no concept matches {text!r}", markup=False)
        return
    table = Table("concept", "matched", "score", "mentions", header_style="bold")
    for h in hits:
        table.add_row(h["name"], h["matched"], f"{h['score']:.0f}", str(h["mentions"]))
    console.print(table)


def stats(console: Console, numbers: dict) -> None:
    console.print(f"documents {numbers['documents']}, concepts {numbers['concepts']}, relations {numbers['relations']}, questions {numbers['questions']}")
    table = Table("relation type", "count", header_style="bold")
    for t, n in numbers["relations_by_type"].items():
        table.add_row(t, str(n))
    console.print(table)
    table = Table("category", "concepts", header_style="bold")
    for c, n in numbers["concepts_by_category"].items():
        table.add_row(c, str(n))
    console.print(table)
    broken = numbers.get("broken_cycles") or []
    console.print(f"prerequisite cycles broken: {len(broken)}")
    for b in broken[:10]:
        console.print(f"  dropped {b['before']} before {b['after']} (weight {b['weight']}) in cycle {' → '.join(b['cycle'])}", markup=False)
    for s in numbers.get("skipped") or []:
        console.print(f"skipped {s['path']}: {s['reason']}", markup=False)


def prereqs(console: Console, answer: dict, names: dict[str, str], paths: dict[str, str]) -> None:
    root_id = answer["concept"]["id"]
    if not answer["prerequisites"]:
        console.print(f"{answer['concept']['name']}: no prerequisites found in the notes")
        return
    by_target: dict[str, list[dict]] = {}
    for e in answer["edges"]:
        by_target.setdefault(e["target"], []).append(e)
    tree = Tree(f"[bold]{answer['concept']['name']}[/bold]")

    def grow(node: Tree, cid: str, trail: set[str]) -> None:
        for e in sorted(by_target.get(cid, []), key=lambda e: names.get(e["source"], e["source"]).casefold()):
            reason = ", ".join(f"{d['type']}" for d in e["derived_from"][:2])
            ev = e["evidence"][0] if e["evidence"] else None
            label = f"{names.get(e['source'], e['source'])}  [dim]({reason}"
            label += f"; {ev['text'][:80]} {_where(paths, ev)})[/dim]" if ev else ")[/dim]"
            child = node.add(label)
            if e["source"] not in trail:
                grow(child, e["source"], trail | {e["source"]})

    grow(tree, root_id, {root_id})
    console.print(tree)


def path(console: Console, answer: dict, names: dict[str, str], paths: dict[str, str], a: str, b: str) -> None:
    if not answer["found"]:
        console.print(f"no path between {a} and {b} in the graph", markup=False)
        return
    for i, hop in enumerate(answer["hops"], start=1):
        ev = hop["evidence"][0] if hop["evidence"] else None
        console.print(f"{i}. {names.get(hop['source'], hop['source'])} —{hop['type']}→ {names.get(hop['target'], hop['target'])}", markup=False)
        if ev:
            console.print(f"   {ev['text'][:160]}  ({_where(paths, ev)})", markup=False, highlight=False)


def study_order(console: Console, plan: dict) -> None:
    table = Table("#", "level", "concept", "read", "questions", header_style="bold")
    for i, step in enumerate(plan["steps"], start=1):
        read = f"{step['read']['path']}:{step['read']['line']}" if step["read"] else ""
        name = f"[bold]{step['name']}[/bold]" if step["target"] else step["name"]
        table.add_row(str(i), str(step["level"]), name, read, str(len(step["questions"])))
    console.print(table)


def study_order_markdown(plan: dict) -> str:
    lines = [f"# Study plan: {', '.join(t['name'] for t in plan['targets'])}", ""]
    level = None
    for step in plan["steps"]:
        if step["level"] != level:
            level = step["level"]
            lines += ["", f"## Level {level}", ""]
        read = f" — read {step['read']['path']}:{step['read']['line']}" if step["read"] else ""
        lines.append(f"- [ ] **{step['name']}**{read}")
        for q in step["questions"]:
            lines.append(f"  - [ ] {q['text']} ({q['path']}:{q['line']})")
    return "\n".join(lines).replace("\n\n\n", "\n\n").strip() + "\n"


def questions(console: Console, answer: dict) -> None:
    if not answer["questions"]:
        console.print(f"no questions about {answer['concept']['name']} in the notes", markup=False)
        return
    for q in answer["questions"]:
        console.print(f"- {q['text']}  [dim]({q['path']}:{q['line']})[/dim]", highlight=False)
