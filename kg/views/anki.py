"""The interview questions of the graph as an Anki deck (``kg export anki``), written with genanki.

One note per question: the question on the front, the answer from the notes
on the back, where it is (``file:line``) under it, one tag per concept it
names.  Every id is derived from stable data, so importing a newer export
updates the cards already in Anki instead of adding copies: the note type
and the deck ids from fixed names, each note's guid from its question text
(a question asked in two notes is one card, with both places).
"""
from __future__ import annotations

import hashlib
import html
import io
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import KnowledgeGraph
from kg.questions import question_key

__all__ = ["DEFAULT_DECK", "AnkiSummary", "to_apkg", "note_guid", "stable_id"]

DEFAULT_DECK = "kg interview questions"
MODEL_NAME = "kg interview question"
_FIELDS = ("Question", "Answer", "Source", "Concepts")
_FRONT = '<div class="question">{{Question}}</div>'
_BACK = ('{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
         '<div class="source">{{Source}}</div>')
_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background: white; }
.question { font-weight: bold; }
.answer { margin-top: 0.5em; }
.source { margin-top: 1em; font-size: 14px; color: #666; }
"""


def stable_id(name: str) -> int:
    """An id for a note type or deck that is the same in every export (within Anki's range).

    >>> stable_id("kg interview questions") == stable_id("kg interview questions")
    True
    """
    return (1 << 30) + int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % (1 << 30)


def note_guid(text: str) -> str:
    """The guid of the note of a question: Anki updates the note with this guid on import."""
    import genanki

    return genanki.guid_for("kg-question", question_key(text))


@dataclass
class _Card:
    question: str
    answer: str | None
    places: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AnkiSummary:
    notes: int
    deck: str


def _tag(name: str) -> str:
    """Anki tags are one word: white space becomes ``_``."""
    return re.sub(r"\s+", "_", name.strip())


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _cards(graph: KnowledgeGraph) -> dict[str, _Card]:
    paths = {d.id: d.path for d in graph.documents}
    names = {c.id: c.name for c in graph.concepts}
    cards: dict[str, _Card] = {}
    for q in graph.questions:
        card = cards.setdefault(note_guid(q.text), _Card(q.text, q.answer))
        if card.answer is None and q.answer:
            card.answer = q.answer
        card.places.append(f"{paths.get(q.doc, q.doc)}:{q.line}")
        for cid in q.concepts:
            name = names.get(cid, cid)
            if name not in card.concepts:
                card.concepts.append(name)
    return cards


def to_apkg(graph: KnowledgeGraph, deck_name: str = DEFAULT_DECK) -> tuple[bytes, AnkiSummary]:
    """The ``.apkg`` file of the graph's questions, and what it holds."""
    import genanki

    model = genanki.Model(
        stable_id(MODEL_NAME), MODEL_NAME,
        fields=[{"name": name} for name in _FIELDS],
        templates=[{"name": "Question", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
    )
    deck = genanki.Deck(stable_id(f"deck: {deck_name}"), deck_name)
    cards = _cards(graph)
    for guid, card in cards.items():
        deck.add_note(genanki.Note(
            model=model,
            fields=[_html(card.question), _html(card.answer or "(no answer in the notes)"),
                    _html(", ".join(card.places)), _html(", ".join(card.concepts))],
            tags=sorted({_tag(name) for name in card.concepts if _tag(name)}),
            guid=guid,
        ))
    return _package(genanki.Package(deck)), AnkiSummary(len(cards), deck_name)


def _package(package) -> bytes:
    """The zipped collection (genanki's own writer leaves its temporary database behind)."""
    import itertools
    import time

    with tempfile.TemporaryDirectory(prefix="kg-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        con = sqlite3.connect(database)
        try:
            now = time.time()
            package.write_to_db(con.cursor(), now, itertools.count(int(now * 1000)))
            con.commit()
        finally:
            con.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as apkg:
            apkg.write(database, "collection.anki2")
            apkg.writestr("media", "{}")
        return buffer.getvalue()
