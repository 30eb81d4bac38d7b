"""What a page's concept cards show, and the export that carries it.

A card is what a learner reads about a concept (Metacademy's order): its
name and category, a one-line definition, its other names, what to learn
first and what it leads to (each with the stated relation behind the
``PREREQUISITE_OF`` edge), the interview questions about it in the notes,
its other relations with their evidence, and where the notes mention it,
every ``file:line`` a link to the note (:mod:`kg.views.links`).

The ``kg-export`` of ``spec/export.md`` has no definitions, mention lines
or questions; :func:`page_export` adds them from a stored graph (both
backends return the same :class:`~kg.model.KnowledgeGraph`), and
:func:`card_data` uses them when they are there.
"""
from __future__ import annotations

from collections import defaultdict

from kg.model import KnowledgeGraph
from kg.views.subgraph import GraphView, concepts_by_id

__all__ = ["REASONS", "page_export", "card_data"]

# How the relation behind a prerequisite reads, from its source and from
# its target: "QLoRA extends LoRA", "LoRA is extended by QLoRA". The page
# labels a prerequisite edge (drawn from the prerequisite down to what
# needs it) with the form that reads top-down.
REASONS = {
    "IS_A": ("is a kind of", "includes"),
    "PART_OF": ("is part of", "contains"),
    "USES": ("uses", "is used by"),
    "EXTENDS": ("extends", "is extended by"),
    "ADDRESSES": ("addresses", "is addressed by"),
    "COMPARED_WITH": ("is compared with", "is compared with"),
    "RELATED_TO": ("is related to", "is related to"),
}


def page_export(graph: KnowledgeGraph) -> dict:
    """``graph.export()`` with what the cards need besides.

    Each concept gains ``definition`` (``{doc, line, text}`` or None) and
    ``lines`` (``{doc: [line, ...]}``); the export gains ``questions``
    (``[{doc, line, text, concepts}]``) and ``base_dir``, the folder the
    build ran in, which relative document paths start from.
    """
    export = graph.export()
    for concept, exported in zip(graph.concepts, export["concepts"]):
        exported["definition"] = concept.definition.export() if concept.definition else None
        exported["lines"] = {doc: list(lines) for doc, lines in concept.lines.items()}
    export["questions"] = [
        {"doc": q.doc, "line": q.line, "text": q.text, "concepts": list(q.concepts)} for q in graph.questions
    ]
    export["base_dir"] = graph.meta.get("base_dir")
    return export


def _evidence(entries: object) -> list[dict]:
    """Evidence entries as the page shows them: document id, line, text."""
    if not isinstance(entries, list):
        return []
    return [
        {"doc": e.get("doc"), "line": e.get("line") if isinstance(e.get("line"), int) else None,
         "text": str(e.get("text", ""))}
        for e in entries if isinstance(e, dict)
    ]


def _mention_lines(concept: dict, relations: list[dict]) -> list[dict]:
    """Where the concept is mentioned: ``concepts[].lines`` when the export has
    it, else the evidence lines of its relations, for each of its documents."""
    lines = defaultdict(set)
    declared = concept.get("lines")
    if isinstance(declared, dict):
        for doc, numbers in declared.items():
            lines[doc].update(n for n in numbers if isinstance(n, int))
    else:
        for relation in relations:
            for evidence in _evidence(relation.get("evidence")):
                if evidence["line"] is not None:
                    lines[evidence["doc"]].add(evidence["line"])
    doc_ids = dict.fromkeys([*concept.get("documents", []), *lines])
    return [{"doc": doc, "lines": sorted(lines.get(doc, ()))} for doc in doc_ids if doc is not None]


def _definition(concept: dict) -> dict | None:
    definition = concept.get("definition")
    if not isinstance(definition, dict) or not definition.get("text"):
        return None
    return _evidence([definition])[0]


def _card(concept: dict, shown: bool, relations: list[dict]) -> dict:
    """One concept's card; a concept that is not drawn gets its name only."""
    name = str(concept.get("name", concept["id"]))
    card = {"name": name, "category": str(concept.get("category", "")), "shown": shown}
    if shown:
        card.update(
            aliases=[str(a) for a in concept.get("aliases", []) if str(a) != name],
            mentions=concept.get("mentions", 0),
            definition=_definition(concept),
            documents=_mention_lines(concept, relations),
        )
    return card


def card_data(view: GraphView, export: dict, links: dict[str, str]) -> dict:
    """Everything the cards of ``view``'s concepts show, as JSON-ready data.

    Returns a dict with ``concepts`` (card by id: the drawn concepts, and
    those at the far end of their relations with their name only),
    ``relations`` (every relation of a drawn concept, also those the view
    does not draw, ``edge`` then being None), ``questions`` (those about a
    drawn concept), ``documents`` (path, title and link by id) and
    ``reasons`` (:data:`REASONS`).
    """
    all_concepts = concepts_by_id(export)
    shown = {c["id"] for c in view.concepts}
    edge_ids = {id(r): f"r{i}" for i, r in enumerate(view.relations)}
    touching = [r for r in export.get("relations", []) if r["source"] in shown or r["target"] in shown]
    relations_of = defaultdict(list)
    for relation in touching:
        relations_of[relation["source"]].append(relation)
        relations_of[relation["target"]].append(relation)
    card_ids = dict.fromkeys([*(c["id"] for c in view.concepts), *relations_of])
    concepts = {cid: _card(all_concepts[cid], cid in shown, relations_of[cid]) for cid in card_ids}
    relations = [
        {
            "source": r["source"],
            "target": r["target"],
            "type": r["type"],
            "confidence": r.get("confidence"),
            "evidence": _evidence(r.get("evidence")),
            "derived_from": [d for d in r.get("derived_from", []) if isinstance(d, dict)],
            "edge": edge_ids.get(id(r)),
        }
        for r in touching
    ]
    questions = [
        {"doc": q.get("doc"), "line": q.get("line"), "text": str(q.get("text", "")),
         "concepts": [c for c in q.get("concepts", []) if c in shown]}
        for q in export.get("questions", [])
        if isinstance(q, dict) and any(c in shown for c in q.get("concepts", []))
    ]
    cited = {e["doc"] for r in relations for e in r["evidence"]}
    cited |= {q["doc"] for q in questions}
    for card in concepts.values():
        cited |= {d["doc"] for d in card.get("documents", ())}
        if card.get("definition"):
            cited.add(card["definition"]["doc"])
    documents = {
        d["id"]: {"path": str(d.get("path", d["id"])), "title": d.get("title"), "href": links.get(d["id"])}
        for d in export.get("documents", [])
        if isinstance(d, dict) and d.get("id") in cited
    }
    return {"concepts": concepts, "relations": relations, "questions": questions,
            "documents": documents, "reasons": REASONS}
