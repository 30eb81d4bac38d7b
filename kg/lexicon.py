"""The concept lexicon (``schema/lexicon.yaml``) and fast surface-form search.

:class:`SurfaceIndex` finds every known surface form in a line in one pass
(Aho-Corasick) on a *compact* copy of the line: case-folded, with spaces,
hyphens, underscores and dots removed, so ``Q-Former``, ``Qformer`` and
``Q former`` are one pattern.  Matches are mapped back to the original line
and must respect Latin word boundaries (``BN`` is not inside ``BNN``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence
from functools import lru_cache

from kg.model import CATEGORIES
from kg.names import is_cjk, name_key, slug
from kg.resources import load_yaml

__all__ = ["LexiconError", "Entry", "Lexicon", "Match", "SurfaceIndex", "common_word", "compact_text", "load_lexicon"]

_IGNORED = frozenset(" \t-_.·‐‑‒–—・")


class LexiconError(ValueError):
    """The lexicon file is malformed; the message names the entry."""


@dataclass
class Entry:
    id: str
    name: str
    category: str
    aliases: list[str] = field(default_factory=list)

    @property
    def surfaces(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    key: str  # name_key of the surface pattern that matched

    def text(self, line: str) -> str:
        return line[self.start : self.end]


class Lexicon:
    """Known concepts, looked up by any of their names (see :func:`kg.names.name_key`)."""

    def __init__(self, entries: list[Entry], case_words: frozenset[str] = frozenset()):
        self.entries = entries
        self.by_key: dict[str, Entry] = {}
        self.by_id: dict[str, Entry] = {}
        for entry in entries:
            if entry.category not in CATEGORIES:
                raise LexiconError(f"lexicon entry {entry.name!r}: unknown category {entry.category!r}")
            if entry.id in self.by_id:
                raise LexiconError(f"lexicon entry {entry.name!r}: id {entry.id!r} used twice")
            self.by_id[entry.id] = entry
            for surface in entry.surfaces:
                key = name_key(surface)
                other = self.by_key.get(key)
                if other is not None and other is not entry:
                    raise LexiconError(f"lexicon: {surface!r} names both {other.name!r} and {entry.name!r}")
                self.by_key[key] = entry
        # names that are also English words ("clip", "east") never match in
        # lower case; two-letter acronyms ("BN", "LN" but not "ln") only as written
        self.case_words = case_words

    def lookup(self, surface: str) -> Entry | None:
        return self.by_key.get(name_key(surface))

    def case_rule(self, surface: str) -> str | None:
        """``"exact"``, ``"not-lower"`` or None: how strictly ``surface`` must match its case."""
        if surface.isupper() and len(name_key(surface)) <= 2:
            return "exact"
        if surface.casefold() in self.case_words:
            return "not-lower"
        return None

    def case_rules(self) -> dict[str, str]:
        rules = {}
        for entry in self.entries:
            for surface in entry.surfaces:
                rule = self.case_rule(surface)
                if rule:
                    rules[surface] = rule
        return rules


@lru_cache(maxsize=4)
def load_lexicon(name: str = "lexicon.yaml") -> Lexicon:
    """Load and validate the lexicon shipped in ``schema/``."""
    raw = load_yaml(name)
    if not isinstance(raw, list):
        raise LexiconError(f"{name}: expected a list of entries")
    entries: list[Entry] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not item.get("name"):
            raise LexiconError(f"{name}: entry {number} has no name")
        aliases = [str(a) for a in item.get("aliases") or [] if str(a).strip()]
        entries.append(Entry(slug(str(item["name"])), str(item["name"]), str(item.get("category", "concept")), aliases))
    words = load_yaml("terms.yaml").get("case_sensitive_words", [])
    return Lexicon(entries, frozenset(w.casefold() for w in words))


class _CompactTable(dict):
    """``str.translate`` table of :func:`compact`: ignored characters dropped, the others lower-cased."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        low = ch.lower()
        self[code] = value = None if ch in _IGNORED else (low if len(low) == 1 else ch)
        return value


_COMPACT = _CompactTable()


def compact_text(text: str) -> str:
    """The compact form of ``text``: what :class:`SurfaceIndex` searches.

    >>> compact_text("Q-Former 与 Layer Norm")
    'qformer与layernorm'
    """
    return text.translate(_COMPACT)


def compact(line: str) -> tuple[str, Sequence[int]]:
    """The compact form of ``line`` and, for each of its characters, the index in ``line``."""
    text = compact_text(line)
    return text, _kept(line, text)


def _kept(line: str, text: str) -> Sequence[int]:
    """For each character of ``text``, the compact form of ``line``, its index in ``line``."""
    if len(text) == len(line):  # nothing dropped
        return range(len(line))
    return [i for i, ch in enumerate(line) if ch not in _IGNORED]


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # ASCII letters and digits


class SurfaceIndex:
    """Find surface forms in text: leftmost-longest, boundary-checked.

    >>> index = SurfaceIndex({"BN": "bn", "BLIP": "blip", "BLIP2": "blip2", "ANN": "ann"})
    >>> [m.key for m in index.find("BLIP2和BLIP, BNN不是BN, an n by n 的窗口")]
    ['blip2', 'blip', 'bn']
    """

    def __init__(self, surfaces: dict[str, str], case_rules: dict[str, str] | None = None, cjk_words: bool = True):
        """``surfaces`` maps surface form -> a label kept with each match;
        ``case_rules`` maps some surfaces to ``"exact"`` or ``"not-lower"``;
        ``cjk_words``: a short Chinese match must not split a word of the line (``互信息`` in ``交互信息``)."""
        self._cjk_words = cjk_words
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        self._exact: dict[str, set[str]] = {}
        self._not_lower: set[str] = set()
        self._solid: set[str] = set()  # acronyms (ANN, BN): written without a space, "an n by n" is none
        case_rules = case_rules or {}
        for surface, label in surfaces.items():
            key, _ = compact(surface)
            if len(key) < 2 and not is_cjk(key[:1]):
                continue
            self._automaton.add_word(key, (key, label))
            if surface.isascii() and surface.isalnum() and surface.isupper():
                self._solid.add(key)
            rule = case_rules.get(surface)
            if rule == "exact":
                self._exact.setdefault(key, set()).add(compact_case(surface))
            elif rule == "not-lower":
                self._not_lower.add(key)
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, line: str) -> list[Match]:
        if self.empty:
            return []
        text = compact_text(line)
        found: list[tuple[int, int, str]] = []
        where: list[int] = []
        for end, (key, label) in self._automaton.iter(text):
            if not where:
                where = _kept(line, text)
            start = end - len(key) + 1
            o_start, o_end = where[start], where[end] + 1
            if not self._bounded(line, o_start, o_end):
                continue
            if key in self._exact and compact_case(line[o_start:o_end]) not in self._exact[key]:
                continue
            if key in self._not_lower and line[o_start:o_end].islower():
                continue
            if key in self._solid and " " in line[o_start:o_end]:
                continue
            if self._cjk_words and not whole_words(line, o_start, o_end):
                continue
            found.append((o_start, o_end, label))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        matches: list[Match] = []
        last_end = -1
        for start, end, label in found:
            if start >= last_end:
                matches.append(Match(start, end, label))
                last_end = end
        return matches

    @staticmethod
    def _bounded(line: str, start: int, end: int) -> bool:
        if line[start] in _WORD_CHARS and start > 0 and line[start - 1] in _WORD_CHARS:
            return False
        if line[end - 1] in _WORD_CHARS and end < len(line) and line[end] in _WORD_CHARS:
            return False
        # "LoRA" must not match the front of "LoRA-FA"-style names with a tail, nor "Norm" the end of "pre-Norm"
        if end + 1 < len(line) and line[end] in "-." and line[end - 1] in _WORD_CHARS and line[end + 1] in _WORD_CHARS:
            return False
        if start >= 2 and line[start - 1] == "-" and line[start] in _WORD_CHARS and line[start - 2].isascii() and line[start - 2].isalpha():
            return False
        if " " in line[start:end] and _SPELLED_APART.search(line[start:end]):
            return False  # "S S B E": letters one by one (a tag sequence), not the acronym they spell
        if (start > 0 and line[start - 1] == "_" or end < len(line) and line[end] == "_") and "_" not in line[start:end]:
            return False  # "llava1_5_lora_sft.yaml": a piece of an identifier or a file name
        # "C_in", "W_q": a symbol with its subscript, not the name its letters spell
        return "_" not in line[start:end] or not _SUBSCRIPTED.search(line[start:end])


_SPELLED_APART = re.compile(r"(?<![A-Za-z])[A-Za-z] [A-Za-z](?![A-Za-z])")
_SUBSCRIPTED = re.compile(r"^[A-Za-z]_|_[A-Za-z0-9]{1,3}$")
SHORT_CJK = 4  # Chinese matches this short or shorter are checked against the words around them


def whole_words(line: str, start: int, end: int, longest: bool = False) -> bool:
    """A short Chinese match (any match, with ``longest``) begins and ends where jieba's dictionary would cut the line.

    Cheap first: only when a dictionary word crosses an edge of the match
    (``交互`` across ``交|互信息``) is the stretch around it cut.
    """
    if end - start > SHORT_CJK and not longest or not is_cjk(line[start]) or not is_cjk(line[end - 1]):
        return True
    left = start > 0 and is_cjk(line[start - 1])
    right = end < len(line) and is_cjk(line[end])
    if not left and not right:
        return True
    # only the stretch of Chinese around the match decides: the same stretch is decided once
    lo, hi = start, end
    while lo > 0 and start - lo < 6 and is_cjk(line[lo - 1]):
        lo -= 1
    while hi < len(line) and hi - end < 6 and is_cjk(line[hi]):
        hi += 1
    return _whole_words_in(line[lo:hi], start - lo, end - lo)


@lru_cache(maxsize=65536)
def _whole_words_in(line: str, start: int, end: int) -> bool:
    left, right = start > 0, end < len(line)
    words, particles = _base_words(), cn_particles()
    crossing = left and any(line[i:j] in words for i in range(max(0, start - 3), start)
                            if all(is_cjk(c) for c in line[i:start]) and line[i:start] not in particles
                            for j in range(start + 1, end))
    crossing = crossing or right and any(line[i:j] in words for i in range(start + 1, end)
                                         for j in range(end + 1, min(len(line), end + 3) + 1)
                                         if all(is_cjk(c) for c in line[end:j]) and line[end:j] not in particles)
    # a rare dictionary word holding the whole match (轻量化 around 量化) may cut it too
    freq = _tokenizer().FREQ
    crossing = crossing or any(freq.get(line[i:j]) for i, j in ((start - 1, end), (start, end + 1), (start - 1, end + 1))
                               if 0 <= i and j <= len(line) and (left or i == start) and (right or j == end))
    if not crossing:
        return True
    cuts = _best_cuts(line, start, end)
    return start in cuts and end in cuts


TERM_FREQ = 100  # how strongly a known term holds together, in jieba's counts: 显存|在, but 交互|信息


def _best_cuts(text: str, start: int, end: int) -> set[int]:
    """Where the likeliest cut of ``text`` into jieba's words cuts it, the term ``text[start:end]`` counted as a word.

    As jieba cuts (the most probable path through its dictionary), with the
    known term as one more word of low frequency: a common word across its
    edge wins (交互 in 交互信息, 力度 in 注意力度), a term before a particle keeps
    its edges (显存 in 显存在).
    """
    import math

    freq, total = _tokenizer().FREQ, _tokenizer().total
    n = len(text)
    best = [(-math.inf, 0)] * (n + 1)
    best[n] = (0.0, n)
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, min(n, i + 6) + 1):
            word = text[i:j]
            count = freq.get(word) or 0
            if (i, j) == (start, end):
                count = max(count, TERM_FREQ)
            if count <= 0 and j > i + 1:
                continue
            score = math.log(count or 1) - math.log(total) + best[j][0]
            if score > best[i][0]:
                best[i] = (score, j)
    cuts, at = {0}, 0
    while at < n:
        at = best[at][1]
        cuts.add(at)
    return cuts


def _tokenizer():
    from kg.segmenter import base_tokenizer

    return base_tokenizer()


class _Words:
    """Common words of jieba's own dictionary: rare entries (``防止网络``) do not cut a name."""

    COMMON = 100  # jieba counts; 交互 has 311, 防止网络 2

    def __init__(self) -> None:
        self._freq = _tokenizer().FREQ

    def __contains__(self, word: str) -> bool:
        return (self._freq.get(word) or 0) >= self.COMMON


@lru_cache(maxsize=1)
def cn_particles() -> frozenset[str]:
    """Single characters that are function words (``terms.yaml``: ``cn_particles``)."""
    return frozenset(load_yaml("terms.yaml").get("cn_particles", ()))


@lru_cache(maxsize=1)
def _base_words() -> _Words:
    return _Words()


def common_word(word: str) -> bool:
    """A common word of jieba's own dictionary (``序列``, ``交互``)."""
    return word in _base_words()


def compact_case(text: str) -> str:
    return re.sub(r"[\s\-_.·]+", "", text)
