"""Senses: a note that spells out a known abbreviation as something else.

``小型投机模型 (SSM)`` in a note on speculative decoding, ``渐进神经网络
(progressive neural networks, PNN)`` in one on transfer learning: the note
declares its own meaning of an abbreviation the lexicon gives another. In
that note the abbreviation names what the note spells out; everywhere else
it keeps the lexicon's meaning.
"""
from __future__ import annotations

import re

from kg.discover import Declared, _initials_match
from kg.names import has_cjk, name_key
from kg.nameshape import cn_term_head

__all__ = ["abbreviation", "own_senses", "spells_other"]


def own_senses(declared: list[Declared], by_key: dict[str, str], concepts: dict, variant_of) -> dict[str, tuple[str, str]]:
    """The abbreviations a note spells out only as something the lexicon does not mean by them.

    Returns ``{abbreviation key: (abbreviation, spelled-out name)}``.
    ``variant_of(key, spelling)`` names the known concept a spelling is a
    form of (:meth:`kg.resolve._KnownForms.variant_of`).
    """
    spelled: dict[str, list[tuple[str, str, bool]]] = {}
    for pair in declared + _bracketed_together(declared):
        for short, full in ((pair.first, pair.second), (pair.second, pair.first)):
            key = name_key(short)
            # a name kg knows is no spelling-out (激活函数GELU): only a new name may give a new sense
            if (abbreviation(short) and not abbreviation(full) and key in by_key and name_key(full) not in by_key
                    and _bracketed(pair.text, short, full)):
                other = spells_other(short, full, concepts[by_key[key]].surfaces, lambda k, s: variant_of(k, s)[0] == by_key[key])
                spelled.setdefault(key, []).append((short, full, other))
    # one spelling that differs and none that agrees: an English one, say, while the concept has no Chinese name
    return {key: next((short, full) for short, full, other in forms if other)
            for key, forms in spelled.items() if any(other for _, _, other in forms) and not any(other is False for _, _, other in forms)}


def spells_other(short: str, full: str, names: set[str], same_concept) -> bool | None:
    """Does ``full`` spell out ``short`` as something else than the concept called ``names``?

    Known only when the concept has a name to compare in the same script
    (None when not): an English long name for an English one (no telling
    word in common: *progressive* neural networks, *product-based* neural
    network), a Chinese name for a Chinese one (no character in common
    besides a shared ending such as 模型).

    >>> spells_other("PNN", "progressive neural networks", {"PNN", "Product-based Neural Network"}, lambda k, s: False)
    True
    >>> spells_other("LN", "layer normalisation", {"LN", "Layer Normalization", "层归一化"}, lambda k, s: False)
    False
    >>> spells_other("SSM", "小型投机模型", {"SSM", "状态空间模型"}, lambda k, s: False)
    True
    """
    key = name_key(full)
    if key in {name_key(s) for s in names} or same_concept(key, full):
        return False
    if has_cjk(full):
        if cn_term_head(full) is None:
            return None  # "DPO（黄色散点）": a gloss, not another name
        chinese = [s for s in names if has_cjk(s)]
        return not any(_share_characters(full, s) for s in chinese) if chinese else None
    if not _initials_match(short, full):
        return None
    english = [_content(s) for s in names if not has_cjk(s) and len(_words(s)) >= 2]
    english = [words for words in english if words]
    return not any(words & _content(full) for words in english) if english else None


def _bracketed_together(declared: list[Declared]) -> list[Declared]:
    """渐进神经网络(progressive neural networks, PNN) declares each bracketed name of the Chinese one: so, one of the other."""
    by_name: dict[tuple[str, int], list[Declared]] = {}
    for pair in declared:
        by_name.setdefault((pair.first, pair.line), []).append(pair)
    return [Declared(a.second, b.second, a.line, a.text) for pairs in by_name.values()
            for i, a in enumerate(pairs) for b in pairs[i + 1:]]


def _bracketed(text: str, short: str, full: str) -> bool:
    """The abbreviation is given in brackets after the name it shortens, or with it, or before it:
    ``X (SSM)``, ``(x y, PNN)``, ``EMD（Enhanced Mask Decoder）``.

    A name glued to an abbreviation (``增强版数据并行ZeRO``) may only describe it.
    """
    for m in re.finditer(r"[（(]([^（()）]*)[)）]", text):
        inside = m.group(1)
        before = text[: m.start()].rstrip()
        if re.search(rf"(?<![A-Za-z]){re.escape(short)}(?![A-Za-z])", inside) and (full in inside or before.endswith(full)):
            return True
        if full in inside and before.endswith(short):
            return True  # 简称EMD（Enhanced Mask Decoder）
    return False


def abbreviation(surface: str) -> bool:
    """Written like an abbreviation: one word, (nearly) all capitals (``PNN``, ``LoRA``)."""
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and " " not in surface.strip() and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-–—/]+", text.casefold()) if w]


# words in many long names, that tell none apart
_COMMON = frozenset({"neural", "network", "networks", "model", "models", "learning", "language", "method", "algorithm", "layer",
                     "function", "based", "with", "deep", "the", "for", "and", "of"})


def _content(name: str) -> set[str]:
    """The telling words of a name, by their first four letters (normalisation / Normalization alike)."""
    return {w[:4] for w in _words(name) if len(w) >= 3 and w not in _COMMON}


def _share_characters(a: str, b: str) -> bool:
    end = 0
    while end < min(len(a), len(b)) and a[-1 - end] == b[-1 - end]:
        end += 1
    rest_a, rest_b = a[: len(a) - end], b[: len(b) - end]
    return not rest_a or not rest_b or bool(set(rest_a) & set(rest_b))
