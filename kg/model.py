"""Plain data passed between the pipeline stages and the stores.

Every stage of ``ingest -> extract -> resolve -> relate -> derive`` takes and
returns these dataclasses; nothing here knows about spaCy, files or Neo4j.
The export form of a :class:`KnowledgeGraph` is ``docs/export.md``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = [
    "RELATION_TYPES",
    "STATED_TYPES",
    "SYMMETRIC_TYPES",
    "CATEGORIES",
    "Line",
    "Section",
    "Document",
    "Mention",
    "Concept",
    "Evidence",
    "Relation",
    "Question",
    "KnowledgeGraph",
]

STATED_TYPES = ("IS_A", "PART_OF", "USES", "EXTENDS", "ADDRESSES", "COMPARED_WITH")
SYMMETRIC_TYPES = frozenset({"COMPARED_WITH", "RELATED_TO"})
RELATION_TYPES = STATED_TYPES + ("RELATED_TO", "PREREQUISITE_OF")
CATEGORIES = (
    "model", "method", "component", "loss", "optimizer", "metric",
    "problem", "task", "technique", "dataset", "tool", "concept",
)


@dataclass(frozen=True)
class Line:
    """One logical line of a document after cleaning.

    ``number`` is the 1-based line of the decoded document the text starts on;
    ``kind`` is ``heading``, ``item`` (list item), ``row`` (table row),
    or ``text``; ``section`` indexes ``Document.sections``; ``parent`` indexes
    ``Document.body``: the line a list item hangs under (its heading or lead
    line), -1 for none.
    """

    number: int
    text: str
    kind: str = "text"
    section: int = -1
    depth: int = 0  # an item's nesting; 1 on a table's header row (the row above its |---| rule)
    parent: int = -1
    raw: str = ""  # the source line as written (white space folded): evidence quotes it


@dataclass(frozen=True)
class Section:
    """A heading and where it sits in the section tree (``parent`` index or -1)."""

    title: str
    line: int
    level: int
    parent: int = -1


@dataclass
class Document:
    id: str
    path: str
    sha256: str
    lines: int
    title: str | None = None
    body: list[Line] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """A surface form found in a document line, before resolution."""

    surface: str
    doc: str
    line: int
    start: int
    end: int
    source: str = "lexicon"  # lexicon | declared | pattern | heading


@dataclass
class Concept:
    id: str
    name: str
    aliases: list[str]
    category: str = "concept"
    mentions: int = 0
    documents: list[str] = field(default_factory=list)
    # doc id -> sorted line numbers where the concept is mentioned
    lines: dict[str, list[int]] = field(default_factory=dict)
    definition: Evidence | None = None
    # why the concept exists: "lexicon", "declared: 旋转位置编码RoPE (d1:12)", ...
    origin: list[str] = field(default_factory=list)

    def export(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "category": self.category,
            "mentions": self.mentions,
            "documents": list(self.documents),
        }


@dataclass(frozen=True)
class Evidence:
    doc: str
    line: int
    text: str

    def export(self) -> dict:
        return {"doc": self.doc, "line": self.line, "text": self.text}


@dataclass
class Relation:
    source: str
    target: str
    type: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    # for PREREQUISITE_OF: [{"type": "EXTENDS", "source": "qlora", "target": "lora"}]
    derived_from: list[dict] = field(default_factory=list)
    # which cue or structure produced each piece of evidence (for --explain)
    cues: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)

    def export(self) -> dict:
        out = {
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "confidence": round(self.confidence, 4),
            "evidence": [e.export() for e in self.evidence],
        }
        if self.derived_from:
            out["derived_from"] = list(self.derived_from)
        return out


@dataclass(frozen=True)
class Question:
    """An interview question found in the notes, the concepts it is about, and the answer that follows it there."""

    doc: str
    line: int
    text: str
    concepts: tuple[str, ...] = ()
    answer: str | None = None

    def export(self) -> dict:
        return {"doc": self.doc, "line": self.line, "text": self.text, "concepts": list(self.concepts), "answer": self.answer}


@dataclass
class KnowledgeGraph:
    documents: list[Document] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    # facts about the build: cycles broken, skipped files, versions
    meta: dict = field(default_factory=dict)

    def export(self) -> dict:
        """The graph as the ``kg-export`` JSON object of ``docs/export.md``."""
        return {
            "format": "kg-export",
            "version": 1,
            "documents": [
                {"id": d.id, "path": d.path, "title": d.title, "sha256": d.sha256, "lines": d.lines}
                for d in self.documents
            ],
            "concepts": [c.export() for c in self.concepts],
            "relations": [r.export() for r in self.relations],
            "questions": [q.export() for q in self.questions],
        }


def as_dict(obj) -> dict:
    """A dataclass as plain nested dicts (for JSON)."""
    return asdict(obj)
