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
from functools import lru_cache

from kg.model import CATEGORIES
from kg.names import is_cjk, name_key, slug
from kg.resources import load_yaml

__all__ = ["LexiconError", "Entry", "Lexicon", "Match", "SurfaceIndex", "compact_text", "load_lexicon"]

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


def compact(line: str) -> tuple[str, list[int]]:
    """The compact form of ``line`` and, for each of its characters, the index in ``line``."""
    return compact_text(line), [i for i, ch in enumerate(line) if ch not in _IGNORED]


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class SurfaceIndex:
    """Find surface forms in text: leftmost-longest, boundary-checked.

    >>> index = SurfaceIndex({"BN": "bn", "BLIP": "blip", "BLIP2": "blip2"})
    >>> [m.key for m in index.find("BLIP2和BLIP, BNN不是BN")]
    ['blip2', 'blip', 'bn']
    """

    def __init__(self, surfaces: dict[str, str], case_rules: dict[str, str] | None = None):
        """``surfaces`` maps surface form -> a label kept with each match;
        ``case_rules`` maps some surfaces to ``"exact"`` or ``"not-lower"``."""
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        self._exact: dict[str, set[str]] = {}
        self._not_lower: set[str] = set()
        case_rules = case_rules or {}
        for surface, label in surfaces.items():
            key, _ = compact(surface)
            if len(key) < 2 and not is_cjk(key[:1]):
                continue
            self._automaton.add_word(key, (key, label))
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
                where = compact(line)[1]
            start = end - len(key) + 1
            o_start, o_end = where[start], where[end] + 1
            if not self._bounded(line, o_start, o_end):
                continue
            if key in self._exact and compact_case(line[o_start:o_end]) not in self._exact[key]:
                continue
            if key in self._not_lower and line[o_start:o_end].islower():
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
        if _is_word_char(line[start]) and start > 0 and _is_word_char(line[start - 1]):
            return False
        if _is_word_char(line[end - 1]) and end < len(line) and _is_word_char(line[end]):
            return False
        # "LoRA" must not match the front of "LoRA-FA"-style names with a tail, nor "Norm" the end of "pre-Norm"
        if end + 1 < len(line) and line[end] in "-." and _is_word_char(line[end - 1]) and _is_word_char(line[end + 1]):
            return False
        if start >= 2 and line[start - 1] == "-" and _is_word_char(line[start]) and line[start - 2].isascii() and line[start - 2].isalpha():
            return False
        return True


def compact_case(text: str) -> str:
    return re.sub(r"[\s\-_.·]+", "", text)
