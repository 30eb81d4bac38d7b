"""Interview questions in a note, found as their authors write them, each with its answer.

What counts as a question (``docs/design.md`` has examples):

- a heading that asks: ``### 问题3：QKV为什么除以根号d``, ``## BN和LN的区别？``,
  ``#### (1) 简述ViT模型架构``;
- an item of a question list, question mark or not (``介绍一下LoRA（字节）``,
  ``说下BN的作用。``): a list under a heading, item or line that names
  interview questions (面试题, 常见问题, Q&A, ``…有哪些问题``), or a list
  most of whose items ask;
- a ``Q:`` / ``问:`` line (its answer after ``A:`` / ``答:``);
- a line that is one question and nothing else (``训练过程为什么需要 Mask 机制?``),
  and a list item that is, or that asks without a question mark and is
  followed by a note line (``1. FasterR-CNN 和 Yolo区别、优缺点`` + its answer).

What does not: a question inside prose (``交叉熵:…,需要多少信息量?``), one
that points back at the text around it (``为什么有这些区别?``), and the
sub-questions inside another question's answer.  A question asked twice in
one note (a heading and its table-of-contents entry) is one question: the
one with an answer, else the heading.

The answer is the text that follows a question in the note: a heading's
section (up to the next heading of its level or above, or the next
question), an item's own sub-items and note lines, a line's following lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.clean import strip_numbering
from kg.model import Document, Line, Question

__all__ = ["find_questions", "question_key", "MAX_ANSWER_CHARS"]

MAX_ANSWER_CHARS = 1500  # an answer longer than this is cut after a line, with "…"

_COLLECTION = re.compile(
    r"面试题|面试问题|面试真题|面经|八股|真题|考题|题库|问答|Q\s*&\s*A|(?<![A-Za-z])(?:QA|FAQs?)(?![A-Za-z])"
    r"|(?:常见|高频|经典|典型|相关|基础|进阶|常考|必考|热门|核心|面试)问题|问题(?:汇总|合集|集锦|集|列表|清单|整理|总结|有哪些)"
    r"|哪些问题|^问题\s*[:：]?$",
    re.I,
)
_NUMBERED_ASK = re.compile(r"^\s*(?:问题\s*[0-9一二三四五六七八九十]+|Q\d+)\s*[:：、.．]?", re.I)
_Q_MARK = re.compile(r"^\s*(?:Q\d*|问题?\d*|提问)\s*[:：]\s*", re.I)
_A_MARK = re.compile(r"(?:^|\s)(?:A\d*|答|回答|答案)\s*[:：]\s*", re.I)
_A_LEAD = re.compile(r"^\s*(?:A\d*|答|回答|答案)\s*[:：]\s*", re.I)
_COLLECTION_HINT = re.compile(r"[题经股问答QqFf]")  # a character every collection title has: a cheap first test
_INTERROGATIVE = re.compile(r"什么|为什么|为何|为啥|如何|怎么|怎样|哪些|哪个|哪种|哪里|多少|是否|能否|可否|有没有|[吗呢嘛][?？]?\s*$")
_ASK_VERB = re.compile(
    r"^(?:请|简单)?(?:介绍|讲讲|讲一讲|讲一下|讲下|说说|说一说|说一下|说下|谈谈|谈一谈|聊聊|简述|阐述|描述一下|解释一下|推导|手写|手撕|列举|比较一下|对比一下)"
)
_ASK_TOPIC = re.compile(r"区别|异同|优缺点|优劣|优势|不同点|原理|作用|流程")
_RHETORICAL = re.compile(
    r"^(?:那么|那|所以|但是|但|可是|然而|因此|于是|而且|而|并且|这|此|它|难道)|这些|这个|这种|这样|这里|这时|那些|那个|那种|上述|以上|上面|难道|岂"
)
_SENTENCE_END = re.compile(r"[。！!；;]")
_DEFINITION_COLON = re.compile(r"^[^?？]{1,40}?[:：]\s*\S")
_NUMBER_IN_NAME = re.compile(r"^\s*\d{1,3}[A-Za-z]")
_ITEM_MARKER = re.compile(r"^\s*(\d{1,3}[.、．)）]|[（(]\d{1,3}[)）]|[（(][一二三四五六七八九十]{1,3}[)）]|[①-⑳])")


@dataclass
class _Found:
    index: int  # in Document.body
    text: str  # the question as written, numbering removed
    start: int  # where the question starts in the line's text (for its concepts)
    end: int
    inline: str  # what follows the question on its own line: the start of its answer
    rank: int  # 0 heading, 1 item, 2 line: which of two equal questions to keep


def find_questions(doc: Document, concepts_at: dict[int, list[tuple[int, int, str]]]) -> list[Question]:
    """The interview questions of ``doc``, each once, in the order of the note.

    ``concepts_at`` maps a body index to the concept mentions of that line,
    as ``(start, end, concept id)``: a question is about the concepts it names.
    """
    body = doc.body
    asking = _Reader(doc)
    found = [q for i in range(len(body)) if (q := asking.question_at(i)) is not None]
    starts = {q.index for q in found}
    best: dict[str, tuple[_Found, str | None]] = {}
    for q in found:
        answer = _answer(body, doc, q, starts)
        key = question_key(q.text)
        kept = best.get(key)
        if kept is None or (answer and not kept[1]) or (bool(answer) == bool(kept[1]) and q.rank < kept[0].rank):
            best[key] = (q, answer)
    questions = []
    for q, answer in sorted(best.values(), key=lambda pair: pair[0].index):
        concepts = tuple(dict.fromkeys(cid for start, end, cid in concepts_at.get(q.index, ()) if start >= q.start and end <= q.end))
        questions.append(Question(doc.id, body[q.index].number, q.text, concepts, answer))
    return questions


def question_key(text: str) -> str:
    """What two wordings of one question share: case, spaces and punctuation do not count.

    >>> question_key("BN和LN的区别？") == question_key("**BN 和 LN 的区别?**")
    True
    """
    return re.sub(r"[\W_]+", "", text.casefold())


def _asks(text: str) -> int:
    """How clearly ``text`` asks something: 2 a question, 1 an ask without a question word, 0 not.

    ``遗忘门:决定遗忘多少旧信息`` explains a term: it asks nothing.
    """
    if _DEFINITION_COLON.match(text):
        return 0
    if _ends_asking(text) or _INTERROGATIVE.search(text):
        return 2
    topic = _ASK_TOPIC.search(text)
    # "BN的作用" asks; "工作流程" is a section title
    return 1 if _ASK_VERB.match(text) or (topic and len(text) <= 40 and len(text) - len(topic.group()) >= 3) else 0


def _strip(text: str) -> str:
    """``text`` without its numbering (``问题1：``, ``(2)``, ``6 ``), but ``2D图像…`` keeps its 2."""
    return text.strip() if _NUMBER_IN_NAME.match(text) else strip_numbering(text)


def _alone(text: str) -> bool:
    """Is ``text`` one question and nothing else (not a question inside prose, not one pointing back)?"""
    head = text[: max(text.rfind("?"), text.rfind("？"))]
    return (4 <= len(text) <= 150 and not _SENTENCE_END.search(head) and not _DEFINITION_COLON.match(head)
            and not _RHETORICAL.search(text))


def _ends_asking(text: str) -> bool:
    return text.rstrip().endswith(("?", "？"))


def _is_collection(text: str) -> bool:
    return bool(_COLLECTION_HINT.search(text)) and bool(_COLLECTION.search(_strip(text)))


class _Reader:
    """Which lines of one document ask a question."""

    def __init__(self, doc: Document):
        self.body = doc.body
        self.sections = doc.sections
        heading_at = {}
        for i, line in enumerate(self.body):
            if line.kind == "heading":
                heading_at[line.section] = i
        self.heading_at = heading_at  # section index -> body index of its heading
        self.siblings: dict[tuple[int, int], list[Line]] = {}  # (parent, depth) -> the items of one list
        for line in self.body:
            if line.kind == "item":
                self.siblings.setdefault((line.parent, line.depth), []).append(line)
        self._cache: dict[int, _Found | None] = {}
        self._lists: dict[tuple[int, int], bool] = {}
        self._question_sections: dict[int, bool] = {}

    def question_at(self, i: int) -> _Found | None:
        if i not in self._cache:
            self._cache[i] = self._question(i)
        return self._cache[i]

    def _question(self, i: int) -> _Found | None:
        line = self.body[i]
        if line.kind == "row" or _is_collection(line.text):
            return None
        if line.kind == "heading":
            return self._heading(i, line)
        if self._in_question_section(line.section):
            return None  # part of the answer under a question heading
        if line.kind == "item":
            return self._item(i, line)
        return self._text(i, line)

    def _heading(self, i: int, line: Line) -> _Found | None:
        numbered = bool(_NUMBERED_ASK.match(line.text))
        text = _strip(line.text)
        if numbered or (_asks(text) and not _RHETORICAL.search(text) and len(text) <= 120):
            return _span(i, line.text, text, 0)
        return None

    def _item(self, i: int, line: Line) -> _Found | None:
        parent = line.parent
        while parent >= 0 and self.body[parent].kind == "item":
            if self.question_at(parent) is not None:
                return None  # a detail of its parent question's answer
            if _is_collection(self.body[parent].text):
                break
            parent = self.body[parent].parent
        marked = self._marked(i, line)
        if marked is not None:
            return marked
        text = _strip(line.text)
        if len(text) < 4:
            return None
        if self._question_list(line):
            found = _span(i, line.text, text, 1)
            if _asks(found.text) or (len(found.text) <= 60 and not found.inline):
                return found
            return None
        if (_ends_asking(text) or (_asks(text) and self._has_note(i))) and _alone(text):
            return _span(i, line.text, text, 1)
        return None

    def _has_note(self, i: int) -> bool:
        """Is the item followed by a line of its own: text, or an item under it?"""
        following = self.body[i + 1] if i + 1 < len(self.body) else None
        return following is not None and (following.kind == "text" or (following.kind == "item" and following.depth > self.body[i].depth))

    def _question_list(self, line: Line) -> bool:
        """Is ``line`` an item of a list of questions?"""
        key = (line.parent, line.depth)
        if key not in self._lists:
            self._lists[key] = self._list_asks(line)
        return self._lists[key]

    def _list_asks(self, line: Line) -> bool:
        parent = self.body[line.parent] if line.parent >= 0 else None
        if parent is not None and _is_collection(parent.text):
            return True
        siblings = self.siblings[line.parent, line.depth]
        if len(siblings) >= 2 and sum(_asks(_strip(s.text)) > 0 for s in siblings) >= 0.6 * len(siblings):
            return True
        if parent is not None and parent.kind == "text" and parent.text.rstrip().endswith((":", "：")):
            return False  # a list a sentence leads into: "它有以下好处："
        return self._in_collection_section(line.section)

    def _marked(self, i: int, line: Line) -> _Found | None:
        """A ``Q:`` / ``问:`` line, its answer after ``A:`` / ``答:`` on the same line or the next."""
        marked = _Q_MARK.match(line.text)
        if not marked:
            return None
        rest = line.text[marked.end():]
        inline = _A_MARK.search(rest)
        question = (rest[: inline.start()] if inline else rest).strip()
        if len(question) < 2:
            return None
        found = _span(i, line.text, question, 2)
        found.inline = rest[inline.end():].strip() if inline else found.inline
        return found

    def _text(self, i: int, line: Line) -> _Found | None:
        marked = self._marked(i, line)
        if marked is not None:
            return marked
        text = _strip(line.text)
        if _ends_asking(text) and _alone(text):
            return _span(i, line.text, text, 2)
        return None

    def _section_chain(self, section: int):
        while section >= 0:
            yield section
            section = self.sections[section].parent

    def _in_question_section(self, section: int) -> bool:
        if section not in self._question_sections:
            self._question_sections[section] = any(
                s in self.heading_at and self.question_at(self.heading_at[s]) is not None for s in self._section_chain(section))
        return self._question_sections[section]

    def _in_collection_section(self, section: int) -> bool:
        return any(_is_collection(self.sections[s].title) for s in self._section_chain(section))


def _span(i: int, line_text: str, question: str, rank: int) -> _Found:
    """The question's place in its line; a question followed by more text on its line keeps that text as ``inline``."""
    start = max(line_text.find(question), 0)
    last = max(question.rfind("?"), question.rfind("？"))
    if last < 0:
        end = _SENTENCE_END.search(question)
        last = end.start() if end else -1
    inline = ""
    if 0 <= last < len(question) - 1 and _asks(question[last + 1 :].strip()) == 0:
        question, inline = question[: last + 1], question[last + 1 :].strip()
    return _Found(i, question.strip(), start, start + len(question), inline, rank)


def _answer(body: list[Line], doc: Document, q: _Found, starts: set[int]) -> str | None:
    """The text that answers ``q`` in the note, or None."""
    line = body[q.index]
    parts = [q.inline] if q.inline else []
    level = doc.sections[line.section].level if line.kind == "heading" else 0
    size = len(q.inline)
    for j in range(q.index + 1, len(body)):
        following = body[j]
        if j in starts:
            break
        if following.kind == "heading" and (line.kind != "heading" or doc.sections[following.section].level <= level):
            break
        if line.kind == "item" and following.kind == "item" and following.depth <= line.depth:
            break
        parts.append(_answer_line(following, line.depth + 1 if line.kind == "item" else 0))
        size += len(parts[-1])
        if size > MAX_ANSWER_CHARS:
            parts.append("…")
            break
    if parts:
        parts[0] = _A_LEAD.sub("", parts[0])
    text = "\n".join(p for p in parts if p.strip())
    return text or None


def _answer_line(line: Line, base_depth: int) -> str:
    """A line of an answer as text: list items keep their marker and indentation."""
    if line.kind != "item":
        return line.text
    marker = _ITEM_MARKER.match(line.raw)
    prefix = marker.group(1) + " " if marker else "- "
    return "  " * max(line.depth - base_depth, 0) + prefix + line.text
