"""Context: who a clause is about when it does not say.

Technical notes leave subjects out all the time: a list item under
``vLLM 的主要特性:``, a paragraph under the heading ``### 9.4 SegNet``, a
sentence that opens with 它 or 该结构.  :class:`Context` reads a document's
lines in order and answers, for a line, the concept it is about and the line
that names it (evidence), from

* the line itself: an item's head (``- **LoRA**: …``), the subject of its
  first sentence;
* its list parent (the lead line or item it hangs under);
* the paragraph so far (the subject of an earlier sentence of the line);
* the discourse: the last subject written out in the section;
* the heading path: the nearest heading above that is about one concept
  (``## vLLM`` > ``### 主要特性``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.clauses import KIND_NOUN, clauses, group_members
from kg.clean import strip_numbering
from kg.extract import LineMentions
from kg.model import Document, Evidence
from kg.names import name_key

__all__ = ["Context", "Subject", "heading_topic", "head_concepts"]

# words a heading about one concept may carry besides its name
# "为什么要加入 X", "加入 X 的作用是什么": a question on why X is used is about X
_ASKING = re.compile(r"^(?:简单|简要)?(?:介绍|讲讲|讲|说说|说|谈谈|谈|聊聊|解释|了解|理解|浅谈|详解|图解|回顾)?(?:一下|下)?(?:什么是|什么叫)?"
                     r"(?:为什么要?|为何要?|为啥要?)?(?:加入|引入|使用|采用|添加|加上|用)?\s*")
_HEADING_TAIL = re.compile(
    r"(?:\s*(?:的|之|与|和|及|以及|、|&)?(?:简介|介绍|详解|关键点|亮点|核心点|超详细解|原理|基本原理|工作原理|是什么|作用|架构|结构|框架|概述|总结|讲解|解读|概览|"
    r"主要特性|特性|特点|功能|核心功能|主要功能|优点|缺点|优缺点|优势|不足|创新点|改进点|改进|贡献|细节|实现|"
    r"论文|系列|家族|原理图|流程|步骤|思想|思路|设计|网络结构|模型结构|整体结构|结构图|算法流程|训练过程|训练|推理|"
    r"解决方案|方法|核心思想|要点|笔记|速览|详细介绍|入门|教程|面试题|相关问题|常见问题|问答|Q&A|"
    r"有什么作用|有什么用|有什么好处|有何作用|有哪些作用|有哪些好处|意义|目的|好处|用处|用途))*\s*[?:]?\s*$",
    re.I,
)
_KIND_NOUNS = re.compile(KIND_NOUN)
# a question about what its subject changed or brought: "X 做了哪些改进?", "X 的创新点有哪些", "X 相比 Y 有什么优化"
_WHAT_IT_CHANGED = re.compile(
    r"\s*(?:的)?(?:主要|核心)?(?:(?:做了|作了|有|进行了|带来了|引入了)\s*(?:哪些|什么|哪几点|几点|哪些方面的)?|哪些|什么)?\s*"
    r"(?:主要|核心)?(?:改进|优化|创新|改进点|创新点|改动|变化|升级|新特性|特点|贡献)(?:点)?"
    r"(?:\s*(?:有哪些|是什么|有什么|都有哪些))?\s*[?]?\s*$")
# "X 相比 Y …", "相比 Y, X …": Y is what X is measured against, not a second topic
_AGAINST = re.compile(r"\s*(?:相比|相较|对比|比起|较之|与|和|对)(?:于)?\s*$")
_AGAINST_FIRST = re.compile(r"^\s*(?:相比|相较|对比|比起)(?:于)?\s*$")
# a paper's title after the name of what it presents: ": A Lite BERT for …", ", a distilled version of …"
_PAPER_AFTER_NAME = re.compile(r"\s*[:,]\s*(?:an?\s+)?[A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){3,}")
_PAPER_TITLE = re.compile(r"[A-Z][A-Za-z0-9\-:,' ]{12,120}\s*\(\s*([^()]{2,30}?)\s*\)")
_VERSION = re.compile(r"v?\d+(?:\.\d+)?\+{0,2}|\+{1,2}|plus")
# "6.11.4 LSTM流行的变体", "BERT 的改进模型": the section presents variants of ⟨k⟩
_VARIANTS_HEADING = re.compile(r"⟨(\d+)⟩\s*(?:的)?(?:流行|常见|主要|经典|后续|其他)?的?(?:变体|变种|改进模型|改进版本|改进方法|后续工作|衍生模型|扩展)")
# "与 SGD 的区别", "和 vLLM、TGI 的对比": a heading setting the section's topic against others
_SET_AGAINST_TOPIC = re.compile(r"^\s*(?:与|和|跟|同|对比|相比|相较于?|比较)\s*⟨")
# which categories a kind noun in a reference points at ("该结构" -> a component)
_REFERENT_KIND = (
    (re.compile(r"结构|模块|组件|层|单元"), ("component",)),
    (re.compile(r"网络|模型|架构"), ("model",)),
    (re.compile(r"方法|算法|技术|机制|策略|方案|技巧|思想|操作"), ("method", "technique", "optimizer", "component")),
    (re.compile(r"函数|损失"), ("loss", "component")),
)


@dataclass(frozen=True)
class Subject:
    concepts: tuple[str, ...]
    evidence: Evidence | None  # the line that names it, when not the sentence itself
    weight: float  # how sure: 1 when written in the clause, less the further it is inherited
    local: bool = True  # named in the sentence itself (written out, a reference, an earlier clause)
    written: bool = False  # written out in the clause of the cue


def _referent_categories(reference: str) -> tuple[str, ...]:
    """The categories a reference with a kind noun (该结构, 这种网络) may point at; none for 它, 其."""
    return next((categories for kind, categories in _REFERENT_KIND if kind.search(reference)), ())


def heading_topic(lm: LineMentions) -> str | None:
    """The concept a heading is about, when it is about one: ``8.2.5 FPN``, ``vLLM简介``, ``问题24:介绍RLHF``.

    A heading naming two things (``BN和LN的区别``) or saying more than its
    name (``Transformer为什么用LN``) is about none.
    """
    concepts = {f.concept for f in lm.found}
    if lm.line.kind != "heading" or not concepts:
        return None
    title = lm.line.text
    skip = len(title) - len(strip_numbering(title))
    if len(concepts) == 2 and len(lm.found) == 2:
        first, second = lm.found
        if (not title[skip : first.start].strip(" *") and re.fullmatch(r"\s*\(\s*", title[first.end : second.start])
                and re.fullmatch(r"\s*\)[\s*]*", title[second.end :])):
            return first.concept  # "Q-Former (BLIP-2)": a known name, with the model it comes from (not a paper's title)
    titled = _PAPER_TITLE.fullmatch(strip_numbering(title).strip())
    if titled and lm.found[-1].surface == titled.group(1):
        return lm.found[-1].concept  # "Deep Residual Learning for Image Recognition (ResNet)": a paper and its model
    first = lm.found[0]
    if not title[skip : first.start].strip() and _PAPER_AFTER_NAME.match(title, first.end):
        return first.concept  # "DistilBERT, a distilled version of BERT: smaller, faster…", "ALBERT: A Lite BERT for…": a paper on it
    if len(concepts) == 2 and len(lm.found) == 2:
        return _compared_subject(lm, skip)
    if len(concepts) != 1:
        return None
    first, last = lm.found[0], lm.found[-1]
    before = _ASKING.sub("", title[skip : first.start], count=1)
    after = title[last.end :]
    glossed = re.sub(r"^\s*\([^()]*\)|^\s*\)", "", after)  # a gloss: "RoPE (Rotary Position Embedding)", "批归一化(BN)"
    # … and its Chinese name after it: "GRPO (Group Relative Policy Optimization) 组内相对策略优化"
    after = re.sub(r"^\s*[\u4e00-\u9fff]{2,12}\s*$", "", glossed) if glossed != after else glossed
    after = _HEADING_TAIL.sub("", _WHAT_IT_CHANGED.sub("", _KIND_NOUNS.sub("", after, count=1), count=1), count=1)
    middle = "".join(title[a.end : b.start] for a, b in zip(lm.found, lm.found[1:]))  # between its names: "DPO (…) 直接偏好优化"
    # an organisation or a prefix before the name ("HuggingFace TGI") may stay
    before = re.sub(r"^[A-Za-z][A-Za-z0-9\-]{1,15}\s+$", "", before)
    # a label before the name, a subtitle after it: "核心公式解析 1: KL Penalty", "Stage 3: PPO —— 自我进化"
    before = re.sub(r"^[^:]{1,16}:\s*$", "", before)
    after = re.sub(r"^\s*(?:——|—|--|\s-\s|:).*$", "", after)
    if before.strip(" -*#,:、.") or after.strip(" -*#.") or re.sub(r"[\s()（）/、,]+", "", middle):
        return None
    return first.concept


def _compared_subject(lm: LineMentions, skip: int) -> str | None:
    """The subject of a question on what it changed against another: "Mistral 相比 LLaMA 做了哪些改进",
    "相比 LLaMA, Mistral 有什么优化"; the answer below goes on about Mistral."""
    first, second = lm.found
    between = lm.line.text[first.end : second.start]
    if not _WHAT_IT_CHANGED.fullmatch(lm.line.text[second.end :]):
        return None
    if _AGAINST.fullmatch(between) and not lm.line.text[skip : first.start].strip():
        return first.concept
    if _AGAINST_FIRST.fullmatch(lm.line.text[skip : first.start]) and re.fullmatch(r"\s*[,]?\s*", between):
        return second.concept
    return None


@dataclass
class _Section:
    topic: tuple[str, Evidence] | None = None
    topic_surface: str = ""  # how the heading writes its topic
    heading_problem: tuple[str, Evidence] | None = None  # the one problem the heading names
    variants_of: tuple[str, Evidence] | None = None  # "LSTM 流行的变体": the section presents variants of a concept
    variant: str | None = None  # in a subsection of such a section, the one variant it is about
    subject: tuple[str, Evidence, int] | None = None  # last subject written out: concept, evidence, line number
    problem: tuple[str, Evidence] | None = None  # last problem named
    heading_names: tuple[tuple[str, ...], Evidence] | None = None  # the things the heading names, in order


@dataclass
class Context:
    """Reads a document's lines in order (:meth:`enter`), remembering subjects per section."""

    doc: Document
    lines: list[LineMentions]
    categories: dict[str, str]
    sections: dict[int, _Section] = field(default_factory=dict)
    line_subjects: dict[int, tuple[str, Evidence] | None] = field(default_factory=dict)  # body index -> subject
    _lines: dict[int, LineMentions] = field(default_factory=dict)  # body index -> the line, once read
    # the subject the current paragraph wrote out: (its line, its kind, its section, the subject)
    _paragraph: tuple[int, str, int, Subject] | None = None

    def __post_init__(self) -> None:
        topics = {lm.line.section: lm for lm in self.lines if lm.line.kind == "heading"}
        for index, section in enumerate(self.doc.sections):
            state = _Section()
            lm = topics.get(index)
            topic = heading_topic(lm) if lm is not None else None
            if topic is not None:
                state.topic = (topic, _evidence(self.doc, lm))
                state.topic_surface = next(f.surface for f in lm.found if f.concept == topic)
            heading = lm.template().text if lm is not None else ""
            if lm is not None:
                state.heading_names = (tuple(dict.fromkeys(f.concept for f in lm.found)), _evidence(self.doc, lm))
                problems = {f.concept for f in lm.found if self.categories.get(f.concept) == "problem"}
                if len(problems) == 1:
                    state.heading_problem = (problems.pop(), _evidence(self.doc, lm))
                variants = _VARIANTS_HEADING.search(heading)
                if variants:
                    k = int(variants.group(1))
                    state.variants_of = (lm.found[k].concept if k < len(lm.found) else None, _evidence(self.doc, lm))
            if section.parent >= 0 and (lm is None or topic is None and _SET_AGAINST_TOPIC.match(strip_numbering(heading))):
                # a heading about no one concept ("### 主要特性") or comparing the topic with another
                # ("### 与 vLLM、TGI 的对比") keeps the topic of the section it is in
                state.topic = self.sections[section.parent].topic
                state.topic_surface = self.sections[section.parent].topic_surface
            if state.variants_of is None and section.parent >= 0:
                # "#### GRU" under "### LSTM 的变体": the subsection's own topic, when it has one, is the variant
                base = self.sections[section.parent].variants_of
                own = topic
                state.variants_of = base if base is None or own != base[0] else None
                state.variant = own if state.variants_of else None
            self.sections[index] = state

    # -- reading

    def enter(self, lm: LineMentions) -> None:
        """Note a line as read (its own subject is worked out when asked for)."""
        self._lines[lm.index] = lm

    def line_subject(self, index: int) -> tuple[str, Evidence] | None:
        """The concept the line at body ``index`` is about by its own words, with the line."""
        if index not in self.line_subjects:
            lm = self._lines.get(index)
            subject = self._own_subject(lm) if lm is not None else None
            self.line_subjects[index] = (subject, _evidence(self.doc, lm)) if subject is not None else None
        return self.line_subjects[index]

    def wrote(self, lm: LineMentions, concepts: tuple[str, ...]) -> None:
        """A sentence of ``lm`` wrote ``concepts`` out as its subject."""
        evidence = _evidence(self.doc, lm)
        self._paragraph = (lm.line.number, lm.line.kind, lm.line.section, Subject(concepts, evidence, 1.0))
        state = self.sections.get(lm.line.section)
        if state is not None and len(concepts) == 1:
            state.subject = (concepts[0], evidence, lm.line.number)

    def paragraph(self, lm: LineMentions) -> Subject | None:
        """The subject written out earlier in the paragraph of ``lm``: its own line, or the
        lines of running text just above it (notes hard-wrap sentences)."""
        if self._paragraph is None:
            return None
        line, kind, section, subject = self._paragraph
        if line == lm.line.number or (line == lm.line.number - 1 and kind == lm.line.kind == "text" and section == lm.line.section):
            self._paragraph = (lm.line.number, kind, section, subject)
            return subject
        return None

    def mentioned(self, lm: LineMentions) -> None:
        """After a line is read: remember the last problem it named."""
        state = self.sections.get(lm.line.section)
        if state is None:
            return
        for f in lm.found:
            if self.categories.get(f.concept) == "problem":
                state.problem = (f.concept, _evidence(self.doc, lm))

    # -- answers

    def inherited(self, lm: LineMentions, own_head: bool = True) -> Subject | None:
        """The subject of a clause of ``lm`` that writes none: its head, its list parent, the section.

        Without ``own_head``, not the item's own head ("Backbone: ResNet" is about its model).
        """
        own = self.line_subject(lm.index) if own_head and lm.line.kind == "item" else None
        if own is not None:
            return Subject((own[0],), own[1], 0.9, False)
        parent = self.line_subject(lm.line.parent) if lm.line.parent >= 0 and lm.line.kind in ("item", "row") else None
        if parent is not None and lm.line.kind in ("item", "row"):
            return Subject((parent[0],), parent[1], 0.85, False)
        topic = self._topic(lm)
        if topic is not None:
            return Subject((topic[0],), topic[1], 0.8, False)
        return None

    def referent(self, lm: LineMentions, reference: str, earlier: list[str], subjects: list[Subject]) -> Subject | None:
        """What a reference word (它, 其, 该结构, 论文…) at a clause start points at.

        A reference with a kind noun (该结构, 这种网络) points at the latest
        concept of that kind named before it in the sentence (``earlier``);
        any other at the subject of an earlier clause (``subjects``), of the
        paragraph, the last one written out in the section, or its topic.
        """
        kind_categories = _referent_categories(reference)
        for concept in reversed(earlier if kind_categories else []):
            if self.categories.get(concept) in kind_categories:
                return Subject((concept,), None, 0.9)
        if re.search(r"论文|本文|该文|文章|作者|研究", reference):
            topic = self._topic(lm)  # "论文提出了…": the paper the section is about
            if topic is not None:
                return Subject((topic[0],), topic[1], 0.85)
        single = reference in ("它", "其", "该", "此", "这")  # a singular pronoun does not point at "A、B、C"
        if subjects and not (single and len(subjects[-1].concepts) > 1):
            return Subject(subjects[-1].concepts, subjects[-1].evidence, 0.9)
        paragraph = self.paragraph(lm)
        if paragraph is not None and not (single and len(paragraph.concepts) > 1):
            return Subject(paragraph.concepts, paragraph.evidence, 0.9)
        state = self.sections.get(lm.line.section)
        topic = self._topic(lm)
        if topic is not None and self.categories.get(topic[0]) in kind_categories:
            return Subject((topic[0],), topic[1], 0.85)  # "该模型" in the section of a model, past another paragraph: that model
        if state is not None and state.subject is not None and lm.line.number - state.subject[2] <= 6:
            return Subject((state.subject[0],), state.subject[1], 0.9)
        return Subject((topic[0],), topic[1], 0.85) if topic is not None else None

    def thing(self, lm: LineMentions, reference: str, earlier: list[str], exclude: set[str]) -> tuple[str, Evidence | None] | None:
        """What an object written as a reference (基于该模型, 使用这种方法) points at.

        The latest concept of its kind named before it in the sentence, else the
        section's topic or the last subject written out in the section, if of
        that kind; never the clause's own subject.
        """
        categories = _referent_categories(reference)

        def fits(concept: str) -> bool:  # a bare 其, 它, 此 (no kind noun) may point at any sort
            return concept not in exclude and (not categories or self.categories.get(concept) in categories)

        for concept in reversed(earlier):
            if fits(concept):
                return concept, None
        paragraph = self.paragraph(lm) if not categories else None  # 其, 它, 此: or the one subject of the paragraph
        if paragraph is not None and len(paragraph.concepts) == 1 and fits(paragraph.concepts[0]):
            return paragraph.concepts[0], paragraph.evidence
        state = self.sections.get(lm.line.section)
        candidates = [state.topic, state.subject and state.subject[:2]] if state is not None else []
        if lm.line.kind == "item" and lm.line.parent >= 0:
            candidates.insert(0, self.line_subject(lm.line.parent))  # "**Paged Optimizer**:" / "- QLoRA 使用此方案"
        for candidate in candidates:
            if candidate is not None and fits(candidate[0]):
                return candidate
        return None

    def of_kind(self, concept: str, general: str, surface: str) -> bool:
        """Whether ``concept`` may be what "这种<surface>" points at: ``general`` names a class ("激活函数")
        whose kind noun fits ``concept``'s category (GELU is a component)."""
        categories = _referent_categories(surface)
        return concept != general and self.categories.get(general) == "concept" and bool(categories) \
            and self.categories.get(concept) in categories

    def problem(self, lm: LineMentions) -> tuple[str, Evidence] | None:
        """The problem "这个问题" points at: the one the section's heading names, the last one named, or its topic."""
        state = self.sections.get(lm.line.section)
        if state is None:
            return None
        if state.heading_problem is not None:
            return state.heading_problem
        if state.problem is not None:
            return state.problem
        if state.topic is not None and self.categories.get(state.topic[0]) == "problem":
            return state.topic
        return None

    def as_topic_version(self, lm: LineMentions, concept: str, surface: str) -> str:
        """In the section of "DeepLabv1", a bare "DeepLab" means DeepLabv1."""
        state = self.sections.get(lm.line.section)
        if state is None or state.topic is None or state.topic[0] == concept:
            return concept
        family, topic = name_key(surface), name_key(state.topic_surface)
        if family and topic.startswith(family) and _VERSION.fullmatch(topic[len(family):]):
            return state.topic[0]
        return concept

    def named_in_heading(self, lm: LineMentions, count: int) -> Subject | None:
        """"### A、B、C、D" then "四者都属于…": the ``count`` things the heading of ``lm``'s section names."""
        state = self.sections.get(lm.line.section)
        if state is None or state.heading_names is None or len(state.heading_names[0]) != count:
            return None
        return Subject(state.heading_names[0], state.heading_names[1], 0.9)

    def variants_of(self, lm: LineMentions) -> tuple[str, Evidence, str | None] | None:
        """What the section of ``lm`` presents variants of, and the one variant a subsection is about (or None)."""
        state = self.sections.get(lm.line.section)
        return (*state.variants_of, state.variant) if state is not None and state.variants_of and state.variants_of[0] else None

    def _topic(self, lm: LineMentions) -> tuple[str, Evidence] | None:
        state = self.sections.get(lm.line.section)
        return state.topic if state is not None else None

    def _own_subject(self, lm: LineMentions) -> str | None:
        """The concept a line is about by its own words: a heading's topic, an item's head, its first subject."""
        if lm.line.kind == "heading":
            return heading_topic(lm)
        heads = head_concepts(lm, exact=True)
        if len(heads) == 1:
            return heads[0]
        text = lm.line.text
        if text.rstrip().endswith(":") and len({f.concept for f in lm.found}) == 1:
            lead = lm.template().text
            if re.search(r"⟨\d+⟩[^⟨:]{0,6}的[^⟨:]{0,8}:\s*$", lead):
                return lm.found[0].concept  # "下面我们来说一下 BN 算法的优点:" leads a list about BN
        head = _head(text)
        if head is not None:
            # "高效推理引擎 TurboMind: …": a short description, then the name; "多 GPU 部署和量化: …" is not one name
            last = [f for f in lm.found if f.end <= head]
            skip = len(text) - len(strip_numbering(text))
            if last and not text[last[-1].end : head].strip(" *") and re.fullmatch(r"[^、,和与及/+⟨]{0,8}", text[skip : last[-1].start].strip(" *")):
                if len({f.concept for f in last}) == 1 or last[-1].start - skip > 0 and (
                        len(last) == 1 or not text[last[-2].end : last[-1].start].strip()):
                    return last[-1].concept  # (also "高效推理引擎 TurboMind:": a described kind, then the name)
            return None
        tmpl = lm.template()
        for clause in clauses(tmpl.text)[:2]:
            if clause.subject is not None and not clause.placed:
                members = group_members(tmpl.text[clause.subject[0] : clause.subject[1]])
                if len(set(members)) == 1:
                    return tmpl.concepts[members[0]]
                return None
        return None


def head_concepts(lm: LineMentions, max_head: int = 24, exact: bool = False) -> list[str]:
    """Concepts a line is about: those before its first colon, when that head is short.

    With ``exact``, the head must be nothing but concept names (``MobileNet:``,
    ``参数高效微调PEFT``), not a phrase about one (``Transformer缺点:``).
    """
    text = lm.line.text
    skip = len(text) - len(strip_numbering(text))
    # the head ends at a colon, a bracket or a dash: "AdaGrad: …", "AdaGrad (…)", "**AdaGrad** — …"
    colon = min((i for i in (text.find(":", skip), text.find("(", skip), text.find("—", skip), text.find(" - ", skip)) if i >= 0), default=-1)
    limit = colon if 0 <= colon <= max_head + skip else (len(text) if len(text) <= max_head + skip else -1)
    if limit < 0:
        return []
    heads = [f for f in lm.found if skip <= f.start and f.end <= limit]
    if exact:
        rest = text[skip:limit]
        for f in reversed(heads):
            rest = rest[: f.start - skip] + rest[f.end - skip :]
        if len(_KIND_NOUNS.sub("", re.sub(r"[\s、,/和与及*:：()（）\-]+", "", rest))) > 1:
            return []
    return list(dict.fromkeys(f.concept for f in heads))


def _head(text: str) -> int | None:
    """Where the head of ``name: description`` ends, when the head is short."""
    skip = len(text) - len(strip_numbering(text))
    colon = text.find(":", skip)
    return colon if 0 <= colon - skip <= 30 else None


def _evidence(doc: Document, lm: LineMentions) -> Evidence:
    return Evidence(doc.id, lm.line.number, lm.line.raw or lm.line.text)
