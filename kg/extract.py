"""Extract: what each document names, in two passes.

Pass 1, :class:`Extractor` (per document, cacheable, parallel): reads every
cleaned line for name-shaped words and heading names; the few lines that may
declare a name are cut by jieba with part-of-speech tags (the lexicon's
Chinese terms registered as nouns, so that ``LoRA微调`` or
``旋转位置编码RoPE`` cut around them) to find where a Chinese name begins.
It returns the names, declared name pairs and heading names of the document
(:mod:`kg.discover`).

Pass 2, :func:`find_mentions` (after :mod:`kg.resolve` has fixed one concept
per thing): every surface form of every concept is searched in every line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.discover import Candidate, Declared, find_candidates, find_declared, heading_name, looks_like_name, may_declare
from kg.lexicon import Lexicon, SurfaceIndex
from kg import slots
from kg.model import Document, Line
from kg.names import has_cjk, name_key
from kg.resources import load_yaml

__all__ = ["EXTRACTOR_VERSION", "DocExtraction", "LineMentions", "Extractor", "find_mentions"]

# Bump when pass 1 changes what it returns: cached results of other versions are not reused.
EXTRACTOR_VERSION = "5"


@dataclass
class DocExtraction:
    """Pass-1 result for one document: plain data, safe to cache and pickle."""

    doc: Document
    candidates: list[Candidate] = field(default_factory=list)
    declared: list[Declared] = field(default_factory=list)

    def summary(self) -> tuple:
        """Everything but the document's body, as plain tuples (fast to unpickle)."""
        doc = self.doc
        return ((doc.sha256, doc.lines, doc.title),
                [(c.surface, c.line, c.strong, c.how) for c in self.candidates],
                [(d.first, d.second, d.line, d.text, d.needs_known) for d in self.declared])

    @classmethod
    def from_summary(cls, summary: tuple, doc_id: str, path: str) -> DocExtraction:
        """The extraction of :meth:`summary`; its document has no body (the build cache keeps it apart)."""
        (sha256, lines, title), candidates, declared = summary
        return cls(Document(doc_id, path, sha256, lines, title),
                   [Candidate(*c) for c in candidates], [Declared(*d) for d in declared])


@dataclass(frozen=True)
class Found:
    concept: str
    start: int
    end: int
    surface: str


@dataclass
class LineMentions:
    line: Line
    index: int  # position of the line in Document.body
    found: list[Found]
    _templates: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def template(self, start: int = 0, end: int | None = None):
        """The line from ``start`` to ``end`` as a :func:`kg.clauses.template`.

        Kept with the line: pass 2 reads a lead line again for each item under it.
        """
        from kg.clauses import template

        end = len(self.line.text) if end is None else end
        kept = self._templates.get((start, end))
        if kept is None or kept[0] is not self.found:  # computed for the mentions the line has now
            kept = self._templates[start, end] = (self.found, template(self.line.text, self.found, start, end))
        return kept[1]


class Extractor:
    """Pass 1 over a document: ``Extractor(lexicon)(document) -> DocExtraction``."""

    def __init__(self, lexicon: Lexicon, light: bool = False):
        """``light``: few lines will be cut, so jieba reads its dictionary from disk as needed (:mod:`kg.segmenter`)."""
        from kg.segmenter import load_jieba

        segmenter = load_jieba(light)
        self.lexicon = lexicon
        # lexicon terms are single nouns to jieba: "LoRA微调", "旋转位置编码RoPE" cut around them
        for entry in lexicon.entries:
            for surface in entry.surfaces:
                if has_cjk(surface):
                    segmenter.add_word(surface, freq=20000, tag="n")
        generic = frozenset(load_yaml("terms.yaml")["cn_generic"])
        self._cn_terms = frozenset(s for e in lexicon.entries for s in e.surfaces
                                   if len(s) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in s) and s not in generic)

    def __call__(self, doc: Document) -> DocExtraction:
        result = DocExtraction(doc)
        for line in doc.body:
            heading = line.kind == "heading"
            result.candidates.extend(find_candidates(line.text, line.number, strong=heading))
            result.candidates.extend(Candidate(name, line.number, strong, how) for name, strong, how in self._slot_names(line))
            if heading:
                name = heading_name(line.text)
                if name and not self._work_on_known(name):
                    result.candidates.append(Candidate(name, line.number, True, "heading"))
                pair = slots.glossed_pair(line.text) if "(" in line.text else slots.bilingual_title(line.text)
                if pair:
                    result.candidates.extend(Candidate(name, line.number, True, "heading glossed in English") for name in pair)
                    result.declared.append(Declared(*pair, line.number, line.text))
            if may_declare(line.text):
                result.declared.extend(find_declared(line.text, line.number))
            translated = slots.translated_head(line.raw) if line.kind in ("item", "text") and _COLON_GLOSS.search(line.raw) else None
            if translated:
                english, chinese, needs_known = translated
                result.candidates.extend(Candidate(name, line.number, not needs_known, "term glossed after a colon") for name in (english, chinese))
                result.declared.append(Declared(chinese, english, line.number, line.text, needs_known))
            if "**" in line.raw[:8]:
                names, pairs = slots.defined_terms(line.raw)
                result.candidates.extend(Candidate(name, line.number, True, "bold head of a definition") for name in names)
                result.declared.extend(Declared(a, b, line.number, line.text) for a, b in pairs)
        return result

    def _slot_names(self, line: Line) -> list[tuple[str, bool, str]]:
        """Names found in the places notes put names (:mod:`kg.slots`): (name, one mention is enough, which place)."""
        text, heading = line.text, line.kind == "heading"
        names: list[tuple[str, bool, str]] = []
        if not text.isascii():
            if line.kind == "row" and line.depth == 1:
                names += [(t, True, "table header") for t in slots.header_terms(text)]
            if heading:
                names += [(t, True, "heading") for t in slots.heading_terms(text)]
            elif line.kind == "item":
                head = slots.item_head(text)
                if head:
                    names.append((head, True, "head of a list item"))
            if "**" in line.raw:
                names += [(t, True, "bold term") for t in slots.bold_terms(line.raw)]
            if "问题" in text:
                names += [(t, True, "problem after 解决/缓解/避免") for t in slots.problem_objects(text)]
            if "是" in text:
                names += [(t, False, "kind after 是一种") for t in slots.kind_names(text)]
            names += [(t, heading, "a known term after a modifier") for t in slots.modified_terms(text, _term_modifiers(), self._cn_terms)]
            if _LATIN_THEN_CJK.search(text) and not heading:
                names += [(t, True, "Latin name of a method put to use") for t in slots.introduced_terms(text)]
            if _LATIN_THEN_CJK.search(text) and not (heading and slots.bilingual_title(text)):
                names += [(t, heading, "Latin name with a Chinese head") for t in slots.hybrid_names(text)]
        if "**" in line.raw:
            names += [(t, True, "bold name") for t in slots.bold_names(line.raw, looks_like_name)]
        if _SPACED_NUMBER.search(text):
            names += [(t, heading, "name and version written apart") for t in slots.spaced_versions(text, looks_like_name)]
        if _TWO_CAPITALISED.search(text):
            names += [(t, heading, "Title Case name") for t in slots.title_case_names(text)]
        if _LISTED.search(text):
            known = self.lexicon.lookup
            names += [(t, True, "enumeration of names")
                      for t in slots.enumerated_names(text, lambda name: known(name) is not None, looks_like_name)]
        return [n for n in names if not self._work_on_known(n[0])]

    def _work_on_known(self, name: str) -> bool:
        """Is ``name`` a known term and the work done on it ("位置编码优化", "注意力改进"): a topic, not another concept?"""
        return name.endswith(_WORK_ON) and name[:-2] in self._cn_terms


# "X优化" over a known X names what is done to X
_WORK_ON = ("优化", "改进", "改良", "加速")
# cheap tests of whether a slot can be in a line at all
_COLON_GLOSS = re.compile(r"[A-Za-z]\**\s*[:：]\s*\**[\u4e00-\u9fff]")
_LATIN_THEN_CJK = re.compile(r"[A-Za-z0-9] ?[\u4e00-\u9fff]")
_SPACED_NUMBER = re.compile(r"[A-Za-z] v?\d")
_TWO_CAPITALISED = re.compile(r"[A-Z][A-Za-z\-]+ (?:(?:of|in|to) )?[A-Z]")
_LISTED = re.compile(r"[A-Za-z0-9.+]\s*[、,，/]\s*[A-Za-z]")


@lru_cache(maxsize=1)
def _term_modifiers() -> re.Pattern:
    return re.compile("|".join(sorted(load_yaml("terms.yaml")["cn_term_modifiers"], key=len, reverse=True)))


@lru_cache(maxsize=1)
def _person_after() -> re.Pattern:
    """A person or an organisation named after a field: "神经网络研究员" speaks of researchers, not networks."""
    return re.compile(r"\s*(?:" + "|".join(load_yaml("terms.yaml")["cn_person_heads"]) + ")")


# "L1，L2正则化" and "L1/L2正则化" name both L1正则化 and L2正则化
_ELLIPSIS = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{0,3}\d{0,2})\s*(?:，|,|、|和|与|/|或)\s*([A-Za-z]{0,3}\d{0,2})([\u4e00-\u9fff]{2,6})")
# what a match that names a first half has: most lines have none, and the pattern is slow to say so
_ELLIPSIS_FIRST = re.compile(r"[A-Za-z0-9]\s*(?:，|,|、|和|与|/|或)")
# "静态/动态量化", "模型和数据并行" name 静态量化 and 模型并行 too (the head is shared); "梯度消失和爆炸" names 梯度爆炸 (the modifier is)
_SHARED_HEAD = re.compile(r"([\u4e00-\u9fff]{2,4})\s*(?:和|与|或|及|/|、)\s*$")
_CONJ_CHARS = frozenset("和与或及/、 ")
_SHARED_MODIFIER = re.compile(r"\s*(?:和|与|或|及|或者|/|、)\s*([\u4e00-\u9fff]{2,4})")


def find_mentions(doc: Document, index: SurfaceIndex, known: dict[str, str], elided: set[str] | None = None) -> list[LineMentions]:
    """Every concept mention in ``doc``: lines that mention at least one concept.

    ``index`` labels each match with its concept id; ``known`` maps the
    :func:`kg.names.name_key` of every surface to its concept id (for the
    elided first half of ``L1，L2正则化``).  ``elided``, when given, collects
    the name keys the document may name that way, known or not (the build
    cache needs them to tell whether a new name concerns the document).
    """
    out: list[LineMentions] = []
    for i, line in enumerate(doc.body):
        found = [Found(m.key, m.start, m.end, line.text[m.start : m.end]) for m in index.find(line.text)
                 if not _person_after().match(line.text, m.end)]
        for m in _ELLIPSIS.finditer(line.text) if _ELLIPSIS_FIRST.search(line.text) else ():
            first, second, suffix = m.groups()
            if not first or not second:
                continue
            prefixes = (suffix, suffix[:4], suffix[:3], suffix[:2])
            if elided is not None:
                elided.update(name_key(name + prefix) for name in (first, second) for prefix in prefixes)
            for prefix in prefixes:
                concept = known.get(name_key(first + prefix))
                if concept and known.get(name_key(second + prefix)):
                    if not any(f.start <= m.start(1) < f.end for f in found):
                        found.append(Found(concept, m.start(1), m.end(1), first + prefix))
                    break
        found += _shared_head(line.text, found, known, elided)
        found += _shared_modifier(line.text, found, known, elided)
        if found:
            found.sort(key=lambda f: f.start)
            out.append(LineMentions(line, i, found))
    return out


def _shared_head(text: str, found: list[Found], known: dict[str, str], elided: set[str] | None) -> list[Found]:
    """``模型和数据并行``: before 和 and a Chinese name, a word that with the name's head is a known name."""
    more = []
    for after in found:
        if after.start < 3 or text[after.start - 1] not in _CONJ_CHARS or len(after.surface) < 3 or not has_cjk(after.surface):
            continue
        offset = max(0, after.start - 8)
        m = _SHARED_HEAD.search(text[offset : after.start])
        if m is None or any(f.start < offset + m.end(1) and offset + m.start(1) < f.end for f in found):
            continue
        for first in dict.fromkeys(m.group(1)[-n:] for n in (4, 3, 2) if n <= len(m.group(1))):  # the longest known
            heads = [after.surface[i:] for i in range(1, len(after.surface) - 1)]
            if elided is not None:
                elided.update(name_key(first + head) for head in heads)
            named = next(((known[k], first + head) for head in heads if (k := name_key(first + head)) in known and known[k] != after.concept), None)
            if named:  # the mention spans what is written, its surface is the name it stands for
                more.append(Found(named[0], offset + m.end(1) - len(first), offset + m.end(1), named[1]))
                break
    return more


def _shared_modifier(text: str, found: list[Found], known: dict[str, str], elided: set[str] | None) -> list[Found]:
    """``梯度消失和爆炸``: after a Chinese name and 和, a word that with the name's first part is a known name."""
    more = []
    for f in found:
        if f.end >= len(text) or text[f.end] not in _CONJ_CHARS:
            continue
        m = _SHARED_MODIFIER.match(text, f.end)
        if m is None or not has_cjk(f.surface) or len(f.surface) < 3:
            continue
        if elided is not None:
            elided.update(name_key(f.surface[:cut] + m.group(1)[:n]) for cut in range(1, len(f.surface) - 1) for n in range(2, len(m.group(1)) + 1))
        for n in range(len(m.group(1)), 1, -1):
            word = m.group(1)[:n]
            named = next(((known[k], f.surface[:cut] + word) for cut in range(len(f.surface) - 2, 0, -1)
                          if (k := name_key(f.surface[:cut] + word)) in known and known[k] != f.concept), None)
            if named and not any(g.start < m.start(1) + n and m.start(1) < g.end for g in found):
                more.append(Found(named[0], m.start(1), m.start(1) + n, named[1]))
                break
    return more
