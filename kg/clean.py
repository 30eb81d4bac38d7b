"""Clean the raw lines of a note and recover its structure.

Input is ``(line number, raw text)`` pairs; output is the :class:`Line` list
extraction reads (headings, list items, table rows, text) and the section tree.
What is dropped: web boilerplate (``schema/noise.yaml``), ``<think>`` blocks,
fenced and pasted code (including code flattened into a line-number gutter;
a comment in it written in Chinese is kept as prose), LaTeX, images and URLs.  What is kept: every sentence with the number of the
line it came from.  An HTML table pasted into a note becomes table rows.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

try:  # Python 3.11+
    import re._parser as _parser
    from re._constants import AT, AT_BEGINNING
except ImportError:  # Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]
    from sre_constants import AT, AT_BEGINNING  # type: ignore[no-redef]

from kg.model import Line, Section
from kg.names import fold
from kg.resources import load_yaml

__all__ = ["clean_lines", "strip_inline", "strip_numbering"]

_HEADING_MD = re.compile(r"^(#{1,6})\s*(.+?)\s*#*\s*$")
_HEADING_HTML = re.compile(r"^<h([1-6])\b[^>]*>(.*?)(?:</h\1>)?\s*$", re.I)
_HEADING_CN = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|问题\s*[0-9一二三四五六七八九十]{1,3}\s*[:：])\s*\S")
# "**粗体**:" opens a paragraph, not an item: a Markdown bullet is followed by a space
_ITEM = re.compile(r"^(\s*)(?:([-*+](?=\s)|[•·▪◦])|(\d{1,3})[.、．)）]|[（(](\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|([①-⑳]))\s*(.*)$")
_TOC_ENTRY = re.compile(r"^\s*\[[^\]]*\]\(#[^)]*\)\s*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?)?\s*\|?\s*$")
_GUTTER = re.compile(r"^\s*1 2 3( \d+)*\s*(\||$)")
_FENCE = re.compile(r"^\s*(```|~~~)")
# a fence with no language (or a text one) may box prose: "```\n✅ 持续演进中:\n  - A、B 等变体\n```"
_TEXT_FENCE = re.compile(r"^\s*(?:```|~~~)\s*(?:text|txt|plain|plaintext|markdown|md)?\s*$", re.I)
_BOX = str.maketrans({c: " " for c in "│┃┆┊┌┐└┘├┤┬┴┼─━┄┈═║╔╗╚╝╠╣╦╩╬╭╮╯╰"})
_DIAGRAM = re.compile(r"[→←↓↑⇒⟶]|-+>|=+>")
_WORDY = re.compile(r"[A-Za-z\u4e00-\u9fff]{2}")
# a comment in fenced code written in Chinese, four characters or more
_PROSE_COMMENT = re.compile(r"(?:^|\s)(?:#+|//+)\s*((?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){4}.*)$")
_CODE = re.compile(
    r"^\s*(import \w|from [\w.]+ import |def \w+\(|class \w+[(:]|return\b|for \w[\w, ]* in .+:$"
    r"|if .+:$|elif .+:$|else:$|try:$|except\b.*:$|with .+:$|while .+:$|@\w+"
    r"|\w+(\.\w+)*\s*[-+*/]?=\s*[\w.\[(]|\w+(\.\w+)+\(.*\)\s*$|print\(|super\(\)|[}\])]+;?$)"
)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.I)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# "> [!TIP] 标题", "> [!note]-": an Obsidian / GitHub callout's type is layout, not a word of the text
_CALLOUT = re.compile(r"\[![A-Za-z]+\][+-]?")
_URL = re.compile(r"(https?|ftp)://\S+|www\.\S+", re.I)
_TAG = re.compile(r"</?[a-zA-Z][\w-]*(\s[^<>]*)?/?>")
_BR = re.compile(r"<br\s*/?>", re.I)
_MATH_INLINE = re.compile(r"\$\$.*?\$\$|\$[^$\n]{1,200}\$|\\\(.*?\\\)|\\\[.*?\\\]")
# a formula that opens a clause and is followed by its predicate is the clause's subject
_MATH_SUBJECT = re.compile(r"(?<![^\s,，:：;；。、(（])(?:" + _MATH_INLINE.pattern + r")(?=\s*[\u4e00-\u9fff])")
# a formula that is one word names a thing: "$tanh$ 比 $sigmoid$ 收敛更快", "$\\text{Softmax}$"
_MATH_WORD = re.compile(r"(?<!\$)\$\s*\\?(?:(?:text|mathrm|operatorname|textrm|rm|mathit)\s*\{)?\s*([A-Za-z][A-Za-z0-9-]{2,24})\s*\}?\s*\$(?!\$)")
_MATH_FUNCTIONS = frozenset({"log", "exp", "sin", "cos", "tan", "max", "min", "sum", "prod", "arg", "lim", "sup", "inf", "det", "dim",
                             "mod", "sqrt", "frac", "cdot", "times", "top", "ldots", "cdots", "dots", "alpha", "beta", "gamma",
                             "delta", "epsilon", "theta", "lambda", "sigma", "omega", "mu", "pi", "phi", "psi", "eta", "tau", "rho"})
_EMPHASIS = re.compile(r"\*\*|__|==|~~|`")
# zero-width spaces and joiners pasted from web pages ("\u200b ResNet是…") are not text
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_NUMBERING = re.compile(
    r"^\s*(?:问题\s*[0-9一二三四五六七八九十]+\s*[:：、.．]?|Q\d+\s*[:：.]|"
    r"[（(]?\d{1,3}(?:\.\d{1,3})*[)）.、．]?(?=\s|[^\d.])|[（(][一二三四五六七八九十]{1,3}[)）]|"
    r"[一二三四五六七八九十]{1,3}[、.．]|[①-⑳])\s*"
)


class _Boilerplate:
    """The ``drop_line`` patterns: those anchored at the start are tried there only, not at every character."""

    def __init__(self, patterns: list[str]):
        anchored = [p for p in patterns if _parser.parse(p).data[:1] == [(AT, AT_BEGINNING)]]
        self._at_start = re.compile("|".join(f"(?:{p})" for p in anchored), re.I) if anchored else None
        rest = [p for p in patterns if p not in anchored]
        self._anywhere = re.compile("|".join(f"(?:{p})" for p in rest), re.I) if rest else None

    def search(self, text: str) -> bool:
        return bool(self._at_start and self._at_start.match(text) or self._anywhere and self._anywhere.search(text))


@lru_cache(maxsize=1)
def _noise() -> tuple[_Boilerplate, re.Pattern]:
    data = load_yaml("noise.yaml")
    section = re.compile("|".join(f"(?:{p})" for p in data["drop_section"]), re.I)
    return _Boilerplate(data["drop_line"]), section


def strip_inline(text: str) -> str:
    """Remove Markdown/HTML markup, images, links' targets, URLs and inline LaTeX."""
    # most lines have no markup: each pattern is tried only when a character it needs is there
    if "<" in text or "!" in text:
        text = _IMAGE.sub(" ", _CALLOUT.sub(" ", text))
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "/" in text or "." in text:
        text = _URL.sub(" ", text)
    if "<" in text:
        text = _BR.sub(" ", text)
        text = _TAG.sub(" ", text)
    if "$" in text:
        text = _MATH_WORD.sub(lambda m: m.group(0) if m.group(1).lower() in _MATH_FUNCTIONS else f" {m.group(1)} ", text)
    if "$" in text or "\\" in text:
        text = _MATH_SUBJECT.sub(" 公式 ", text)  # a noun: "$f(x)$ 是 Sigmoid" has a subject, only not a concept
        text = _MATH_INLINE.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return fold(_INVISIBLE.sub("", text))


@lru_cache(maxsize=4096)  # pass 2 asks again for each item's lead and heading
def strip_numbering(title: str) -> str:
    """``"(1)简述ViT模型架构"`` -> ``"简述ViT模型架构"``; ``"问题二：Qformer介绍"`` -> ``"Qformer介绍"``."""
    return _NUMBERING.sub("", title, count=1).strip()


def clean_lines(numbered: list[tuple[int, str]]) -> tuple[list[Line], list[Section]]:
    """Turn raw numbered lines into cleaned :class:`Line` records and sections."""
    drop_line, drop_section = _noise()
    body: list[Line] = []
    sections: list[Section] = []
    open_sections: list[int] = []  # indexes of the enclosing sections, outermost first
    bold: set[int] = set()  # sections headed by a bold line: the next bold line is their sibling, not their child
    lists: list[tuple[int, str, int]] = []  # (depth, marker kind, body index) of open list items
    lead = -1  # the body index a list that starts now would hang under
    # the last top-level numbered item: (its section, its number, its parent); "2." after paragraphs goes on its list
    run: tuple[int, int, int] | None = None
    skip_until: re.Pattern | None = None
    in_think = in_math = in_prose = dropping_section = False
    pasted: dict[int, str] = {}  # line number -> its source text, for evidence: a row of a pasted HTML table, a line of a boxed drawing
    pending: list[tuple[int, str]] = list(_split_long(_html_tables(numbered, pasted)))

    for pos, (number, raw) in enumerate(pending):
        stripped = raw.strip()
        if skip_until is not None:
            if skip_until.match(stripped):
                skip_until = None
            elif comment := _PROSE_COMMENT.search(stripped):  # "# AdamW 自带权重衰减": a note in the code is prose
                body.append(Line(number, strip_inline(comment.group(1)), "text", open_sections[-1] if open_sections else -1, 0, -1, fold(raw)))
            continue
        if in_think:
            in_think = "</think>" not in stripped.lower()
            continue
        if stripped.lower().startswith("<think>"):
            in_think = "</think>" not in stripped.lower()
            continue
        if in_math:
            in_math = not stripped.endswith("$$")
            continue
        if stripped.startswith("$$") and (stripped == "$$" or not stripped.endswith("$$")):
            in_math = True
            continue
        if in_prose:
            if _FENCE.match(stripped):
                in_prose = False
                continue
            if _DIAGRAM.search(stripped):
                continue  # "偏好数据 → 训练 RM → PPO": a drawing's flow, with no heading to say whose
            pasted[number] = raw
            raw = raw.translate(_BOX).rstrip()
            stripped = raw.strip()
            if not _WORDY.search(stripped):
                continue
        elif _FENCE.match(stripped):
            if _TEXT_FENCE.match(stripped) and _boxes_prose(pending, pos):
                in_prose = True
            else:
                skip_until = re.compile(r"^\s*(```|~~~)\s*$")
            continue
        if not stripped or _GUTTER.match(stripped) or _is_code(stripped, pending, pos):
            continue

        marked = _heading(stripped)
        heading = marked
        if marked is None and stripped.startswith("**"):
            level = next((sections[i].level for i in reversed(open_sections) if i not in bold), 0)
            heading = _bold_heading(stripped, level)
        if heading is not None:
            level, title = heading
            if drop_section.match(title) or drop_line.search(title):
                dropping_section = bool(drop_section.match(title))
                continue
            dropping_section = False
            while open_sections and sections[open_sections[-1]].level >= level:
                open_sections.pop()
            parent = open_sections[-1] if open_sections else -1
            sections.append(Section(title=title, line=number, level=level, parent=parent))
            open_sections.append(len(sections) - 1)
            if marked is None:
                bold.add(len(sections) - 1)
            body.append(Line(number, title, "heading", len(sections) - 1, 0, -1, fold(raw)))
            lists.clear()
            lead = len(body) - 1
            continue
        if dropping_section:
            continue

        section = open_sections[-1] if open_sections else -1
        if _TABLE_ROW.match(raw):
            if _TABLE_RULE.match(raw):
                if body and body[-1].kind == "row":
                    body[-1] = replace(body[-1], depth=1)  # the row above the rule is the table's header
                continue
            cells = [strip_inline(c) for c in stripped.strip("|").split("|")]
            text = " | ".join(cells)
            if text.strip(" |"):
                body.append(Line(number, text, "row", section, 0, lead, fold(pasted.get(number, raw))))
            continue

        item = _ITEM.match(raw)
        if item and _TOC_ENTRY.match(item.group(6) or ""):
            continue  # "- [4.1 Cross Entropy](#41cross-entropy)": a table of contents repeats the headings
        if item and (item.group(6) or "").strip():
            text = strip_inline(item.group(6))
            if not text or drop_line.search(text):
                continue
            if drop_section.match(text):
                dropping_section = True
                continue
            depth = len(item.group(1).expandtabs(4)) // 2
            marker = "bullet" if item.group(2) else "number" if item.group(3) else "paren" if item.group(4) else "circled"
            while lists and (lists[-1][0] > depth or (lists[-1][0] == depth and lists[-1][1] == marker)):
                lists.pop()
            parent = lists[-1][2] if lists else lead
            if marker == "number" and depth == 0:
                value = int(item.group(3))
                if not lists and run is not None and run[:2] == (section, value - 1):
                    parent = run[2]  # "1. …" paragraphs "2. 重要性采样": the numbered list goes on under its first lead
                run = (section, value, parent)
            body.append(Line(number, text, "item", section, depth, parent, fold(pasted.get(number, raw))))
            lists.append((depth, marker, len(body) - 1))
            continue

        text = strip_inline(stripped)
        if not text or drop_line.search(text):
            continue
        if drop_section.match(text):
            dropping_section = True
            continue
        body.append(Line(number, text, "text", section, 0, -1, fold(pasted.get(number, raw))))
        lists.clear()
        lead = len(body) - 1
    return body, sections


MAX_LINE = 5000


_TABLE_OPEN = re.compile(r"^\s*<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)


def _html_tables(numbered: list[tuple[int, str]], pasted: dict[int, str]) -> list[tuple[int, str]]:
    """An HTML ``<table>`` pasted into a Markdown note becomes Markdown rows, its first row the header.

    Each row keeps the number of the source line its first text is on, and that line's text
    (tags dropped) goes into ``pasted`` as what the row's evidence quotes.
    """
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(numbered):
        number, raw = numbered[i]
        if not _TABLE_OPEN.match(raw):
            out.append(numbered[i])
            i += 1
            continue
        end = next((j for j in range(i, min(len(numbered), i + 2000)) if _TABLE_CLOSE.search(numbered[j][1])), None)
        if end is None:
            out.append(numbered[i])
            i += 1
            continue
        from kg.htmltext import html_lines

        block = numbered[i : end + 1]
        rows = [text for _, text in html_lines("\n".join(line for _, line in block)) if text.startswith("|")]
        at = 0
        for k, row in enumerate(rows):
            first = next((c.strip() for c in row.strip("|").split(" | ") if c.strip()), "")
            at = next((j for j in range(at, len(block)) if first and first in block[j][1]), at)
            number, source = block[at]
            pasted[number] = re.sub(r"<[^>]*>", " ", source).strip()
            out.append((number, row))
            if k == 0:
                out.append((number, "| --- |"))
            at += 1
        i = end + 1
    return out


def _split_long(numbered: list[tuple[int, str]]):
    """Very long lines (minified pages, pasted dumps) become several lines with
    the same number, cut after a sentence end where there is one."""
    for number, raw in numbered:
        while len(raw) > MAX_LINE:
            cut = max(raw.rfind(mark, MAX_LINE // 2, MAX_LINE) for mark in "。.!?！？;；\n")
            cut = cut + 1 if cut > 0 else MAX_LINE
            yield number, raw[:cut]
            raw = raw[cut:]
        yield number, raw


# "### GLM（130B）": a heading that gives its model's size in brackets is about that size
_SIZED_NAME = re.compile(r"(?<![A-Za-z0-9\-])([A-Za-z][A-Za-z\-]*[A-Za-z])\s*[（(]\s*(\d+(?:\.\d+)?[BMKT])\s*[)）]")


def _heading(stripped: str) -> tuple[int, str] | None:
    match = _HEADING_MD.match(stripped)
    if match and not stripped.startswith("#!"):
        level, title = len(match.group(1)), strip_inline(match.group(2))
    elif match := _HEADING_HTML.match(stripped):
        level, title = int(match.group(1)), strip_inline(match.group(2))
    elif _HEADING_CN.match(stripped) and len(stripped) <= 60:
        level, title = (3 if stripped.startswith("问题") else 2), strip_inline(stripped)
    else:
        return None
    return (level, _SIZED_NAME.sub(r"\1-\2", title)) if title else None


# "**ModelQ 有哪些创新点？**" alone on its line: a question or title set in bold heads what follows, like a heading
_BOLD_LINE = re.compile(r"^\*\*([^*]{2,40})\*\*$")


def _bold_heading(stripped: str, level: int) -> tuple[int, str] | None:
    """A bold line that heads a part of the current section (one level below it); not a bold sentence
    (``**BN 的本质是归一化。**``) nor a lead ending in a colon (``**Paged Optimizer**:``).

    >>> _bold_heading("**ModelZ 有哪些创新点？**", 2), _bold_heading("**重点：BN 要在激活前。**", 2), _bold_heading("**X**: 说明", 2)
    ((3, 'ModelZ 有哪些创新点?'), None, None)
    """
    match = _BOLD_LINE.match(stripped)
    if not match or re.search(r"[。.;；!！]\s*$|[,，].*[,，]", match.group(1)):
        return None
    title = strip_inline(match.group(1))
    return (min(level + 1, 6), title) if title else None


def _boxes_prose(lines: list[tuple[int, str]], pos: int) -> bool:
    """The fence opening at ``pos`` holds Chinese prose (most lines), no line of code and no formula."""
    inside = []
    for _, raw in lines[pos + 1 :]:
        stripped = raw.strip()
        if _FENCE.match(stripped):
            break
        if stripped:
            inside.append(stripped)
    else:
        return False  # never closed: read as code, as before
    if not inside or any(_CODE.match(line) or "\\" in line or "$" in line for line in inside):
        return False
    return sum(1 for line in inside if _has_cjk_prose(line)) >= 0.6 * len(inside)


def _is_code(stripped: str, lines: list[tuple[int, str]], pos: int) -> bool:
    """Pasted source code: a code-shaped line, or a ``#`` comment just above code."""
    if stripped.startswith("#") and not stripped.startswith("##"):
        following = next((raw.strip() for _, raw in lines[pos + 1 : pos + 3] if raw.strip()), "")
        return bool(following) and not _has_cjk_prose(following) and bool(_CODE.match(following))
    return not _has_cjk_prose(stripped) and bool(_CODE.match(stripped))


_TWO_HAN = re.compile(r"[\u4e00-\u9fff][^\u4e00-\u9fff]*[\u4e00-\u9fff]")


def _has_cjk_prose(text: str) -> bool:
    """Chinese outside a trailing ``#`` comment means prose, not code."""
    code = text.split(" #", 1)[0]
    return _TWO_HAN.search(code) is not None
