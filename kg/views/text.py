"""Note text made to fit: cut at a sentence, wrapped between words.

Notes mix Chinese, which may break between any two characters, with Latin
words, numbers and ``file:line`` places, which must never break.  Both
:func:`shorten` (evidence cut to a length) and :func:`break_offsets` (lines on
a terminal) work on the same units: a run of Latin text, or one CJK character.

>>> shorten("LoRA是一种微调方法。它冻结原模型的权重,只训练低秩矩阵。", 30)
'LoRA是一种微调方法。…'
>>> break_offsets("QLoRA在LoRA的基础上引入量化", 10)
[6, 13]
"""
from __future__ import annotations

import re

from rich.cells import cell_len

__all__ = ["shorten", "break_offsets", "units"]

# one CJK character (ideographs, kana, hangul, CJK and full-width punctuation) or a run of anything else but space
_UNIT = re.compile(r"\s+|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")
# no line starts with these, and none ends with the openers
_CLOSERS = set("，。、；：！？）】」』》〉…,.;:!?)]}%")
_OPENERS = set("（【「『《〈([{")
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\.(?=\s|$)")
_CLAUSE_END = re.compile(r"[，、：,:]")
ELLIPSIS = "…"


def units(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces a line may break between."""
    return [m.span() for m in _UNIT.finditer(text)]


def _may_break_before(text: str, start: int) -> bool:
    if start <= 0 or start >= len(text):
        return False
    return text[start] not in _CLOSERS and text[start - 1] not in _OPENERS


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break ``text`` into lines of at most ``width`` cells, never inside a word.

    A word wider than a whole line is the only thing ever cut.
    """
    if width <= 0:
        return []
    offsets: list[int] = []
    line_start, last_break = 0, 0
    for start, end in units(text):
        if text[start:end].isspace():
            continue
        if start > line_start and _may_break_before(text, start):
            last_break = start
        if cell_len(text[line_start:end]) <= width:
            continue
        if last_break > line_start:
            offsets.append(last_break)
            line_start = last_break
        if cell_len(text[line_start:end]) > width and start > line_start:
            offsets.append(start)  # no good break: before this piece, even if it is a closing mark
            line_start = start
        while cell_len(text[line_start:end]) > width:  # a word wider than a line
            line_start += max(1, _prefix_within(text[line_start:end], width))
            offsets.append(line_start)
    return offsets


def longest_unit(text: str) -> int:
    """Cells of the widest piece of ``text`` that no line may break: a column's least width."""
    return max((cell_len(text[s:e]) for s, e in units(text) if not text[s:e].isspace()), default=0)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` cells: after a sentence if one ends far enough in, else between words, then ``…``.

    >>> shorten("short", 10)
    'short'
    >>> shorten("Adam combines momentum and RMSProp, which adapts the step size per weight", 40)
    'Adam combines momentum and RMSProp,…'
    """
    text = " ".join(text.split())
    if cell_len(text) <= limit:
        return text
    room = limit - cell_len(ELLIPSIS)
    fits = _prefix_within(text, room)
    for pattern in (_SENTENCE_END, _CLAUSE_END):
        ends = [m.end() for m in pattern.finditer(text, 0, fits)]
        if ends and cell_len(text[: ends[-1]]) >= room // 3:
            return text[: ends[-1]].rstrip() + ELLIPSIS
    cut = max((s for s, _ in units(text) if 0 < s <= fits and _may_break_before(text, s)), default=0)
    if cut == 0:  # one word longer than the limit
        cut = fits
    return text[:cut].rstrip() + ELLIPSIS


def _prefix_within(text: str, cells: int) -> int:
    """Length of the longest prefix of ``text`` within ``cells`` cells."""
    used = 0
    for i, char in enumerate(text):
        used += cell_len(char)
        if used > cells:
            return i
    return len(text)
