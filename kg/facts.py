"""Pass 2 per document: what one note says, given the resolved concepts.

:func:`doc_facts` finds the mentions of every concept in a document and
gathers what the build needs from them: counts, lines, surfaces, definition
candidates, interview questions and relation findings.  The result depends
only on the document and the resolution, so the build cache keeps it between
builds (as plain tuples: see :meth:`DocFacts.to_plain`).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from kg.clauses import sentences
from kg.collector import Findings
from kg.combine import kinds_by_name
from kg.extract import LineMentions, find_mentions
from kg.lexicon import SurfaceIndex, compact_text
from kg.model import Document, Evidence, Question
from kg.names import name_key
from kg.questions import find_questions
from kg.relate import evidence_text, relate_document
from kg.resolve import Resolution
from kg.variants import singular_key

__all__ = ["Change", "DocFacts", "Pass2Inputs", "doc_facts"]

_DEFINITION = re.compile(r"^[^,。:]{0,40}?(?:\([^)]{0,60}\))?\s*(?:是一种|是一类|是一个|是指|指的是|是|即|表示|is an?|is the|refers to)\s*\S")


@dataclass
class DocFacts:
    """Everything pass 2 learns from one document, given the resolution."""

    counts: Counter
    lines: dict[str, list[int]]
    surfaces: dict[str, set[str]]
    definitions: dict[str, tuple[tuple, Evidence]]
    questions: list[Question]
    findings: Findings
    elided: set[str]  # name keys the document may name by ellipsis (L1，L2正则化 names L1正则化)

    def to_plain(self) -> tuple:
        """Tuples, lists and dicts of strings and numbers only: ten times faster to unpickle than dataclasses.

        Every evidence, definition and question of a document belongs to that
        document, so its id is left out (a renamed note keeps its facts) and
        evidence is stored once, by index.
        """
        index: dict[tuple[int, str], int] = {}

        def ref(ev: Evidence) -> int:
            return index.setdefault((ev.line, ev.text), len(index))

        return (
            dict(self.counts),
            self.lines,
            {cid: sorted(found) for cid, found in self.surfaces.items()},
            {cid: (rank, ref(ev)) for cid, (rank, ev) in self.definitions.items()},
            [(q.line, q.text, q.concepts, q.answer) for q in self.questions],
            [(key, weight, ref(ev), cue) for key, weight, ev, cue in self.findings.evidence],
            [(pair, ref(ev)) for pair, ev in self.findings.cooccur],
            list(index),
            sorted(self.elided),
        )

    @classmethod
    def from_plain(cls, plain: tuple, doc_id: str) -> DocFacts:
        counts, lines, surfaces, definitions, questions, evidence, cooccur, texts, elided = plain
        evs = [Evidence(doc_id, line, text) for line, text in texts]
        return cls(
            Counter(counts),
            lines,
            {cid: set(found) for cid, found in surfaces.items()},
            {cid: (rank, evs[i]) for cid, (rank, i) in definitions.items()},
            [Question(doc_id, *question) for question in questions],
            Findings([(key, weight, evs[i], cue) for key, weight, i, cue in evidence],
                     [(pair, evs[i]) for pair, i in cooccur]),
            set(elided),
        )


@dataclass(frozen=True)
class Pass2Inputs:
    """All that pass 2 reads of the resolution: a document's facts change only when these do.

    Kept by the build cache with the facts, so that after a note introduces a
    new name only the notes that contain it run pass 2 again.
    """

    labels: dict[str, tuple[str, str, str | None]]  # surface -> (concept, category, case rule)
    keys: dict[str, str]  # name key -> concept: how elided names are looked up
    kinds: frozenset[tuple[str, str]]  # (specific, general) concepts, from names (L2正则化 / 正则化)
    senses: frozenset[tuple[str, str, str]] = frozenset()  # (document, abbreviation key, concept): Resolution.senses

    @classmethod
    def of(cls, resolution: Resolution) -> Pass2Inputs:
        surfaces = resolution.surface_labels()
        return cls(
            {s: (cid, resolution.concepts[cid].category, resolution.case_rules.get(s)) for s, cid in surfaces.items()},
            dict(resolution.by_key),
            kinds_by_name(surfaces),
            frozenset((doc, key, cid) for doc, own in resolution.senses.items() for key, cid in own.items()),
        )

    def digest(self) -> str:
        text = repr((sorted(self.labels.items()), sorted(self.keys.items()), sorted(self.kinds), sorted(self.senses)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def changes_since(self, before: Pass2Inputs) -> Change:
        respelled = {key for _, key, _ in self.senses ^ getattr(before, "senses", frozenset())}
        return Change(
            {s for s in self.labels.keys() | before.labels.keys() if self.labels.get(s) != before.labels.get(s)} | respelled,
            {k for k in self.keys.keys() | before.keys.keys() if self.keys.get(k) != before.keys.get(k)},
            {c for pair in self.kinds ^ before.kinds for c in pair},
        )


class Change:
    """What differs between two :class:`Pass2Inputs`, and whether it concerns a document."""

    def __init__(self, surfaces: set[str], keys: set[str], concepts: set[str]):
        import ahocorasick

        self._keys = keys | {name_key(s) for s in surfaces}
        self._concepts = concepts
        self._automaton = ahocorasick.Automaton()
        for surface in surfaces:
            if compact_text(surface):
                self._automaton.add_word(compact_text(surface), surface)
        self._any_surface = len(self._automaton) > 0
        if self._any_surface:
            self._automaton.make_automaton()

    def concerns(self, compact: str, facts: DocFacts) -> bool:
        """Could pass 2 of the document (``compact``: its :func:`compact_text`) find other facts now?

        Yes when a changed name occurs in its text (a superset of where it
        could match), when it may name a changed name by ellipsis, or when it
        mentions a concept whose kinds changed.
        """
        if self._any_surface and next(self._automaton.iter(compact), None) is not None:
            return True
        return bool(self._keys & facts.elided) or any(c in facts.counts for c in self._concepts)


def doc_facts(doc: Document, index: SurfaceIndex, resolution: Resolution, categories: dict[str, str],
              kinds: frozenset) -> DocFacts:
    """What ``doc`` says: its mentions of the resolved concepts and what they tell."""
    elided: set[str] = set()
    mentions = find_mentions(doc, index, resolution.by_key, elided)
    own = resolution.senses.get(doc.id)
    if own:  # an abbreviation the note spells out as another concept
        for lm in mentions:
            lm.found = [replace(f, concept=_own_sense(own, f.surface) or f.concept) for f in lm.found]
    counts: Counter[str] = Counter()
    lines: dict[str, set[int]] = defaultdict(set)
    surfaces: dict[str, set[str]] = defaultdict(set)
    definitions: dict[str, tuple[tuple, Evidence]] = {}
    for lm in mentions:
        for f in lm.found:
            counts[f.concept] += 1
            lines[f.concept].add(lm.line.number)
            surfaces[f.concept].add(f.surface)
        _definition_candidates(doc, lm, definitions)
    return DocFacts(counts, {c: sorted(ns) for c, ns in lines.items()}, dict(surfaces), definitions,
                    find_questions(doc, {lm.index: [(f.start, f.end, f.concept) for f in lm.found] for lm in mentions}),
                    relate_document(doc, mentions, categories, kinds), elided)


def _own_sense(own: dict[str, str], surface: str) -> str | None:
    """The concept a note means by ``surface`` (or by its singular: SSMs), when it spells that out its own way."""
    key = name_key(surface)
    return own.get(key) or own.get(singular_key(key) or "")


def _definition_candidates(doc: Document, lm: LineMentions, best: dict) -> None:
    """A sentence that starts with a concept and says what it is."""
    text = lm.line.text
    for start, end in sentences(text):
        first = next((f for f in lm.found if f.start >= start), None)
        if first is None or first.start - start > 2 or lm.line.kind in ("heading", "row"):
            continue
        sentence = text[start:end].strip()
        rest = text[first.end : end]
        if not 12 <= len(sentence) <= 220 or not _DEFINITION.match(rest):
            continue
        rank = (0 if "是一种" in rest[:30] or "是指" in rest[:30] else 1, len(sentence) > 120, doc.path, lm.line.number)
        if first.concept not in best or rank < best[first.concept][0]:
            best[first.concept] = (rank, Evidence(doc.id, lm.line.number, evidence_text(lm.line.raw or text, sentence)))
