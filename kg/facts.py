"""Pass 2 per document: what one note says, given the resolved concepts.

:func:`doc_facts` finds the mentions of every concept in a document and
gathers what the build needs from them: counts, lines, surfaces, definition
candidates, interview questions and relation findings.  The result depends
only on the document and the resolution, so the build cache keeps it between
builds (as plain tuples: see :meth:`DocFacts.to_plain`).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.extract import LineMentions, find_mentions
from kg.lexicon import SurfaceIndex
from kg.model import Document, Evidence, Question
from kg.relate import Findings, evidence_text, relate_document, sentences
from kg.resolve import Resolution

__all__ = ["DocFacts", "doc_facts"]

_QUESTION = re.compile(r"(?:[?？]\s*$)|^(?:问题\s*[0-9一二三四五六七八九十]+|Q\d*\s*[:：])")
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
            [(q.line, q.text, q.concepts) for q in self.questions],
            [(key, weight, ref(ev), cue) for key, weight, ev, cue in self.findings.evidence],
            [(pair, ref(ev)) for pair, ev in self.findings.cooccur],
            list(index),
        )

    @classmethod
    def from_plain(cls, plain: tuple, doc_id: str) -> DocFacts:
        counts, lines, surfaces, definitions, questions, evidence, cooccur, texts = plain
        evs = [Evidence(doc_id, line, text) for line, text in texts]
        return cls(
            Counter(counts),
            lines,
            {cid: set(found) for cid, found in surfaces.items()},
            {cid: (rank, evs[i]) for cid, (rank, i) in definitions.items()},
            [Question(doc_id, line, text, concepts) for line, text, concepts in questions],
            Findings([(key, weight, evs[i], cue) for key, weight, i, cue in evidence],
                     [(pair, evs[i]) for pair, i in cooccur]),
        )


def doc_facts(doc: Document, index: SurfaceIndex, resolution: Resolution, categories: dict[str, str],
              kinds: frozenset) -> DocFacts:
    """What ``doc`` says: its mentions of the resolved concepts and what they tell."""
    mentions = find_mentions(doc, index, resolution.by_key)
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
                    _questions(doc, mentions), relate_document(doc, mentions, categories, kinds))


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


def _questions(doc: Document, mentions: list[LineMentions]) -> list[Question]:
    """The interview questions of a document, each once (a heading rather than its table-of-contents entry)."""
    from kg.clean import strip_numbering

    by_text: dict[str, Question] = {}
    for lm in mentions:
        line = lm.line
        if line.kind == "row" or not _QUESTION.search(line.text):
            continue
        text = strip_numbering(line.text).strip()
        if len(text) < 4:
            continue
        question = Question(doc.id, line.number, text, tuple(dict.fromkeys(f.concept for f in lm.found)))
        key = re.sub(r"\W+", "", text)
        if key not in by_text or line.kind == "heading":
            by_text[key] = question
    return sorted(by_text.values(), key=lambda q: q.line)
