"""Answers drawn for people: tables on a terminal, tab-separated lines in a pipe (:mod:`kg.views.output`).

Places are ``path:line`` with the path relative to the notes folder and are
never cut; evidence is cut after a sentence (:func:`kg.views.text.shorten`).
"""
from __future__ import annotations

from kg.views.output import Column, Output
from kg.views.text import shorten

__all__ = [
    "show", "related", "search", "stats", "prereqs", "path", "study_order", "study_order_markdown",
    "next_steps", "learned", "questions",
]

EVIDENCE = 120  # cells of evidence in a table cell
DEFINITION = 100


def _where(paths: dict[str, str], ev: dict | None) -> str:
    return f"{paths.get(ev['doc'], ev['doc'])}:{ev['line']}" if ev else ""


def _place(item: dict | None) -> str:
    """``path:line`` of an answer item that carries its (already relative) path."""
    return f"{item['path']}:{item['line']}" if item else ""


def show(out: Output, card: dict, names: dict[str, str], paths: dict[str, str]) -> None:
    out.line(f"{card['name']}  ({card['category']}, {card['mentions']} mentions, id {card['id']})", style="bold")
    others = [a for a in card["aliases"] if a != card["name"]]
    if others:
        out.line(f"aliases: {', '.join(others)}")
    if card.get("definition"):
        d = card["definition"]
        out.line(f"definition: {d['text']}  ({_where(paths, d)})")
    for m in card.get("mentioned_at", []):
        lines = ", ".join(str(n) for n in m["lines"][:12]) + (" …" if len(m["lines"]) > 12 else "")
        out.line(f"mentioned in {m['path']}: lines {lines}")
    if not card["relations"]:
        out.line("no relations")
        return
    rows = []
    for r in card["relations"]:
        outgoing = r["source"] == card["id"]
        other = r["target"] if outgoing else r["source"]
        ev = r["evidence"][0] if r["evidence"] else None
        rows.append([f"{r['type']} →" if outgoing else f"← {r['type']}", names.get(other, other), f"{r['confidence']:.2f}",
                     shorten(ev["text"], EVIDENCE) if ev else "", _where(paths, ev)])
    out.table([Column("relation"), Column("concept", "name"), Column("conf.", "number"), Column("evidence"),
               Column("where", "where", attach=True)], rows)


def related(out: Output, answer: dict) -> None:
    if not answer["related"]:
        out.line(f"{answer['concept']['name']}: no related concepts")
        return
    out.table([Column("depth", "number"), Column("concept", "name"), Column("category")],
              [[r["depth"], r["name"], r["category"]] for r in answer["related"]])


def search(out: Output, hits: list[dict], text: str) -> None:
    if not hits:
        out.line(f"no concept matches {text!r}")
        return
    out.table([Column("concept", "name"), Column("matched"), Column("score", "number"), Column("mentions", "number")],
              [[h["name"], h["matched"], f"{h['score']:.0f}", h["mentions"]] for h in hits])


def stats(out: Output, numbers: dict) -> None:
    out.line(f"documents {numbers['documents']}, concepts {numbers['concepts']}, relations {numbers['relations']}, "
             f"questions {numbers['questions']}")
    if numbers.get("root"):
        out.line(f"notes folder: {numbers['root']}")
    out.table([Column("relation type"), Column("count", "number")], [[t, n] for t, n in numbers["relations_by_type"].items()])
    out.table([Column("category"), Column("concepts", "number")], [[c, n] for c, n in numbers["concepts_by_category"].items()])
    broken = numbers.get("broken_cycles") or []
    out.line(f"prerequisite cycles broken: {len(broken)}")
    for b in broken[:10]:
        out.line(f"  dropped {b['before']} before {b['after']} (weight {b['weight']}) in cycle {' → '.join(b['cycle'])}")
    for s in numbers.get("skipped") or []:
        out.line(f"skipped {s['path']}: {s['reason']}")


def _because(edge: dict) -> str:
    return ", ".join(d["type"] for d in edge["derived_from"][:2])


def prereqs(out: Output, answer: dict, names: dict[str, str], paths: dict[str, str]) -> None:
    """The prerequisite tree: a rich tree on a terminal, one edge per line (depth first) elsewhere."""
    root_id = answer["concept"]["id"]
    if not answer["prerequisites"]:
        out.line(f"{answer['concept']['name']}: no prerequisites found in the notes")
        return
    by_target: dict[str, list[dict]] = {}
    for e in answer["edges"]:
        by_target.setdefault(e["target"], []).append(e)
    rows: list[tuple[int, dict]] = []

    def walk(cid: str, depth: int, trail: set[str]) -> None:
        for e in sorted(by_target.get(cid, []), key=lambda e: names.get(e["source"], e["source"]).casefold()):
            rows.append((depth, e))
            if e["source"] not in trail:
                walk(e["source"], depth + 1, trail | {e["source"]})

    walk(root_id, 1, {root_id})
    if not out.terminal:
        out.table([Column("depth", "number"), Column("prerequisite", "name"), Column("needed for", "name"), Column("because"),
                   Column("evidence"), Column("where", "where")],
                  [[d, names.get(e["source"], e["source"]), names.get(e["target"], e["target"]), _because(e),
                    shorten(e["evidence"][0]["text"], EVIDENCE) if e["evidence"] else "",
                    _where(paths, e["evidence"][0] if e["evidence"] else None)] for d, e in rows])
        return
    from rich.tree import Tree

    from kg.views.output import WrapText

    tree = Tree(WrapText(answer["concept"]["name"], style="bold"))
    stack = [tree]
    for depth, e in rows:
        del stack[depth:]
        ev = e["evidence"][0] if e["evidence"] else None
        label = WrapText(names.get(e["source"], e["source"]))
        detail = f"  ({_because(e)}" + (f"; {shorten(ev['text'], 80)} {_where(paths, ev)})" if ev else ")")
        label.append(detail, style="dim")
        stack.append(stack[-1].add(label))
    out.console.print(tree)


def path(out: Output, answer: dict, names: dict[str, str], paths: dict[str, str], a: str, b: str) -> None:
    if not answer["found"]:
        out.line(f"no path between {a} and {b} in the graph")
        return
    rows = []
    for i, hop in enumerate(answer["hops"], start=1):
        ev = hop["evidence"][0] if hop["evidence"] else None
        rows.append([i, names.get(hop["source"], hop["source"]), hop["type"], names.get(hop["target"], hop["target"]),
                     shorten(ev["text"], 160) if ev else "", _where(paths, ev)])
    out.table([Column("hop", "number"), Column("from", "name"), Column("relation"), Column("to", "name"),
               Column("evidence"), Column("where", "where", attach=True)], rows)


def _reason(step: dict, r: dict) -> str:
    """``QLoRA (QLoRA EXTENDS LoRA) 001.txt:1722``: the later step and the stated relation that puts this one first."""
    names = {step["id"]: step["name"], r["id"]: r["name"]}
    rel = r["relation"]
    where = f" {_place(r['evidence'])}" if r["evidence"] else ""
    return f"{r['name']} ({names.get(rel['source'], rel['source'])} {rel['type']} {names.get(rel['target'], rel['target'])}){where}"


def _status(step: dict) -> str:
    return ", ".join(word for word, on in (("target", step["target"]), ("learned", step["learned"])) if on)


def _reasons(step: dict, most: int = 3) -> str:
    reasons = [_reason(step, r) for r in step["needed_for"]]
    more = f"; +{len(reasons) - most} more" if len(reasons) > most else ""
    return "; ".join(reasons[:most]) + more


def study_order(out: Output, plan: dict) -> None:
    """On a terminal one row per step, its cell holding name, definition and reasons; elsewhere one field each."""
    if not plan["steps"]:
        out.line("nothing left to study for " + ", ".join(t["name"] for t in plan["targets"]) + _left_out(plan))
        return
    bold = {i for i, step in enumerate(plan["steps"]) if step["target"]}
    if out.terminal:
        out.table([Column("#", "number"), Column("level", "number", label="lvl"), Column("step", "name"),
                   Column("read", "where"), Column("questions", "number", label="q")],
                  [[i, step["level"], _step_lines(step), _place(step["read"]), len(step["questions"])]
                   for i, step in enumerate(plan["steps"], start=1)], bold=bold)
    else:
        out.table([Column("#", "number"), Column("level", "number"), Column("concept", "name"), Column("status"),
                   Column("needed for"), Column("definition"), Column("read", "where"), Column("questions", "number")],
                  [[i, step["level"], step["name"], _status(step), _reasons(step),
                    shorten(step["definition"]["text"], DEFINITION) if step["definition"] else "",
                    _place(step["read"]), len(step["questions"])] for i, step in enumerate(plan["steps"], start=1)], bold=bold)
    left = _left_out(plan)
    if left:
        out.line(left.strip(" ()"))


def _step_lines(step: dict) -> list[str]:
    """A step as lines of one table cell: the name (and status), what it is, what needs it."""
    lines = [step["name"] + (f"  ({_status(step)})" if _status(step) else "")]
    if step["definition"]:
        lines.append("what: " + shorten(step["definition"]["text"], DEFINITION))
    lines += [f"for {_reason(step, r)}" for r in step["needed_for"][:3]]
    if len(step["needed_for"]) > 3:
        lines.append(f"(+{len(step['needed_for']) - 3} more: --format md lists them)")
    return lines


def _left_out(plan: dict) -> str:
    if not plan["learned"] or plan.get("include_learned"):
        return ""
    return f" (left out as learned: {len(plan['learned'])}; see 'kg learned list', or --all to show them)"


def study_order_markdown(plan: dict) -> str:
    """The plan as a Markdown checklist: every step with why, what it is, where to read, questions to practise."""
    lines = [f"# Study plan: {', '.join(t['name'] for t in plan['targets'])}", ""]
    left = _left_out(plan)
    if left:
        lines += [left.strip(" ()").capitalize() + ".", ""]
    level = None
    for step in plan["steps"]:
        if step["level"] != level:
            level = step["level"]
            lines += ["", f"## Level {level}", ""]
        mark = "x" if step["learned"] else " "
        status = f" ({_status(step)})" if _status(step) else ""
        lines.append(f"- [{mark}] **{step['name']}**{status}")
        if step["definition"]:
            lines.append(f"  - what: {step['definition']['text']} ({_place(step['definition'])})")
        for r in step["needed_for"]:
            lines.append(f"  - why: needed for {_reason(step, r)}")
            if r["evidence"]:
                lines.append(f"    > {r['evidence']['text']}")
        if step["read"]:
            lines.append(f"  - read: {_place(step['read'])}")
        for q in step["questions"]:
            lines.append(f"  - [ ] {q['text']} ({_place(q)})")
    return "\n".join(lines).replace("\n\n\n", "\n\n").strip() + "\n"


def next_steps(out: Output, answer: dict) -> None:
    if not answer["next"]:
        if answer["targets"]:
            out.line("nothing left to study for " + ", ".join(t["name"] for t in answer["targets"]))
        elif not answer["learned"]:
            out.line("nothing learned yet: give targets (kg next QLoRA) or mark what you know (kg learned add NAME…)")
        else:
            out.line("nothing new opens up from what you learned; give targets (kg next QLoRA)")
        return
    bold = {i for i, s in enumerate(answer["next"]) if s["target"]}
    if out.terminal:
        rows = [[_step_lines(s) + ([f"builds on {', '.join(b['name'] for b in s['builds_on'])}"] if s["builds_on"] else []),
                 _place(s["read"]), len(s["questions"])] for s in answer["next"]]
        out.table([Column("concept", "name"), Column("read", "where"), Column("questions", "number", label="q")], rows, bold=bold)
        return
    out.table([Column("concept", "name"), Column("status"), Column("builds on"), Column("needed for"), Column("definition"),
               Column("read", "where"), Column("questions", "number")],
              [[s["name"], _status(s), ", ".join(b["name"] for b in s["builds_on"]), _reasons(s),
                shorten(s["definition"]["text"], DEFINITION) if s["definition"] else "", _place(s["read"]), len(s["questions"])]
               for s in answer["next"]], bold=bold)


def learned(out: Output, answer: dict) -> None:
    if not answer["learned"]:
        out.line("nothing marked learned yet (kg learned add NAME…)")
        return
    out.table([Column("concept", "name"), Column("id"), Column("note")],
              [[e["name"], e["id"], "" if e["in_graph"] else "not in the graph any more"] for e in answer["learned"]])


def questions(out: Output, answer: dict) -> None:
    if not answer["questions"]:
        out.line(f"no questions about {answer['concept']['name']} in the notes")
        return
    out.table([Column("question"), Column("where", "where", attach=True)], [[q["text"], _place(q)] for q in answer["questions"]])
