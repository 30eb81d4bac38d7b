"""What a cue's object is: the name a bracketed gloss belongs to, the examples after a kind, the
problem past the nouns a solving verb governs, a kind noun that names another thing, the head of a
compound of names, and what a thing is used to do (``使用 A 进行 B``) or set between (``A 和 B 之间``).

Helpers of :mod:`kg.relate`, which applies the cues.
"""
from __future__ import annotations

import re

from kg.clauses import KIND_NOUN, Template, group_members
from kg.collector import Collector
from kg.cues import Hit
from kg.nameshape import ends_in_activity
from kg.names import has_cjk
from kg.sentence_rules import KIND_CONCEPT, compounds, kind_fits
from kg.subjects import STAGE, Sentence, glossed_group

_KIND_NOUN_AT = re.compile(rf"\s*({KIND_NOUN})")
_KIND_NOUN_AFTER_MARKER = re.compile(rf"⟨\d+⟩\s*({KIND_NOUN})\s*$")


def in_brackets(text: str, position: int) -> bool:
    opening = text.rfind("(", 0, position)
    return opening >= 0 and ")" not in text[opening:position]


# "(## 量化) 使用 GPTQ 进行权重量化": what the tool is used for follows it
_FOR_DOING = re.compile(r"\s*(?:来|去)?(?:进行|做|实现|完成)(?:了)?\s*⟨(\d+)⟩")


def means_to(sentence: Sentence, objects: tuple[str, ...], subjects: tuple[str, ...], hit: Hit, collector: Collector,
              related: set[frozenset[str]]) -> bool:
    """"使用 A 进行 B" with no one written doing it: A is a way of doing B (a kind of it, when their sorts fit).
    Under a section on B or on what B is a kind of (## 量化 > "使用 GPTQ 进行权重量化") the topic uses nothing:
    returns True; a model's section still uses A to do B."""
    m = _FOR_DOING.match(sentence.tmpl.text, hit.object_end)
    if m is None:
        return False
    done = sentence.tmpl.concepts[int(m.group(1))]
    if done in subjects:
        return False  # "(## LoRA) 用低秩矩阵进行 LoRA": the topic is what is done, and it does use the object
    categories = collector.categories
    for a in objects:
        if a != done and categories.get(a) in ("method", "technique", "optimizer") and categories.get(done) in ("method", "technique") \
                and kind_fits(categories.get(a), categories.get(done)):
            if collector.add(a, done, "IS_A", 0.6, [sentence.evidence], "IS_A: 使用 A 进行 B, a way of doing B"):
                related.add(frozenset((a, done)))
    return any((done, s) in collector.kinds for s in subjects)


def between(hit: Hit, sentence: Sentence, collector: Collector, related: set[frozenset[str]]) -> None:
    """"精确率和召回率之间要做权衡", with no one written doing it: the two are set against each other."""
    objects = list(dict.fromkeys(sentence.tmpl.concepts[k] for k in hit.objects))
    for i, a in enumerate(objects):
        for b in objects[i + 1:]:
            if collector.add(a, b, "COMPARED_WITH", hit.cue.weight * 0.9, [sentence.evidence], "COMPARED_WITH: the two a trade-off is between"):
                related.add(frozenset((a, b)))


_EXAMPLES = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,4})?\(\s*(?:如|比如|例如|e\.g\.,?)\s*([^()]{1,60})\)")


def examples_after(text: str, k: int) -> list[int]:
    """"与传统的语言模型(如 ⟨GPT⟩)不同", "使用一个骨干网络(如 ⟨ResNet⟩)": what is set against or used as a
    kind, its examples are too."""
    m = _EXAMPLES.match(text, text.find(f"⟨{k}⟩") + len(f"⟨{k}⟩"))
    return group_members(m.group(1)) if m else []


def gloss_owner(text: str, k: int) -> int:
    """The name marker ``k`` is another name of: "⟨0⟩(⟨1⟩、⟨2⟩)" -> 0 for 1 and 2; ``k`` itself when it stands alone."""
    at = text.find(f"⟨{k}⟩")
    opening = text.rfind("(", 0, at)
    if opening < 0 or not re.fullmatch(r"\(\s*(?:⟨\d+⟩\s*(?:[、,/]|或)?\s*)+\)?", text[opening : text.find(")", at) + 1 or len(text)]):
        return k
    owner = glossed_group(text, at)
    return owner[-1] if owner else k


_NOUN_CATEGORY = (
    (re.compile(r"模型"), ("model", "method")),  # "集成学习模型", "逻辑回归模型": a model made by the method
    (re.compile(r"网络|架构"), ("model",)),
    (re.compile(r"算法|方法|策略|技巧|方案"), ("method", "technique", "optimizer")),
    (re.compile(r"层|模块|结构|组件|单元|机制"), ("component", "technique")),
    (re.compile(r"框架|库|工具|引擎"), ("tool",)),
    (re.compile(r"函数|损失"), ("loss", "component")),
)


def wrong_kind_noun(text: str, hit: Hit, objects: tuple[str, ...], categories: dict[str, str]) -> bool:
    """"是一个大型卷积网络", "深度学习框架": a kind noun after B that B is not of names another thing (a CNN, a framework)."""
    m = _KIND_NOUN_AT.match(text, hit.object_end)
    noun = m.group(1) if m else None
    if noun is None:
        inner = _KIND_NOUN_AFTER_MARKER.search(text[hit.start : hit.object_end])
        noun = inner.group(1) if inner else None
    if noun is None:
        return False
    for pattern, fitting in _NOUN_CATEGORY:
        if pattern.fullmatch(noun):
            return any(categories.get(o, "concept") not in fitting for o in objects)
    return False


def compound_modifiers(tmpl: Template) -> tuple[set[str], set[str]]:
    """The concepts that only qualify another in a compound of adjacent names, and the kinds names are written with.

    The head of "⟨Transformer⟩⟨解码器⟩" is the decoder (the modifier: Transformer);
    of "⟨ReLU⟩⟨激活函数⟩" it is ReLU, the second naming its kind.
    """
    modifiers, kinds = set(), set()
    for first, second in compounds(tmpl):
        if KIND_CONCEPT.fullmatch(tmpl.surfaces[second]) and not has_cjk(tmpl.surfaces[first]):
            kinds.add(tmpl.concepts[second])
        elif STAGE.fullmatch(tmpl.surfaces[second].strip()) and not has_cjk(tmpl.surfaces[first]):
            kinds.add(tmpl.concepts[second])  # "⟨RoBERTa⟩⟨预训练⟩的时候": the model at a stage, not a second thing
        else:
            modifiers.add(tmpl.concepts[first])
    return modifiers, kinds


def done_into(tmpl: Template, at: int) -> bool:
    """``反量化为 FP16``: 为 after an activity (量化, 编码, 映射…) says what it turns something into."""
    m = re.search(r"⟨(\d+)⟩\s*$", tmpl.text[:at])
    return m is not None and ends_in_activity(tmpl.surfaces[int(m.group(1))])


def problem_after(sentence: Sentence, start: int, end: int) -> tuple[str, ...]:
    """The first problem named after a solving verb in its clause, past the nouns it qualifies, with those coordinated with it."""
    text = sentence.tmpl.text
    for k in group_members(text[start:end]):
        if sentence.categories.get(sentence.tmpl.concepts[k]) == "problem":
            problems = [sentence.tmpl.concepts[k]]
            after = re.match(r"(?:\s*(?:和|与|及|以及|或|、)\s*⟨\d+⟩)+", text[text.index(f"⟨{k}⟩", start) + len(f"⟨{k}⟩") :])
            for j in group_members(after.group(0)) if after else ():
                if sentence.categories.get(sentence.tmpl.concepts[j]) == "problem":
                    problems.append(sentence.tmpl.concepts[j])
            return tuple(dict.fromkeys(problems))
    return ()
