"""Subjects: who does what a cue says when its clause does not write the subject out.

A cue's subject is the group right before it, the group its clause opens
with, what a reference word (它, 该方法, 前者) points at, an earlier clause's
subject, or the paragraph's, line's and section's topic (:mod:`kg.context`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.clauses import GROUP, KIND_NOUN, Clause, Template, coordinated, group_members
from kg.context import Context, Subject
from kg.cues import Hit
from kg.extract import LineMentions
from kg.model import Evidence

__all__ = ["Sentence", "STAGE", "glossed_group", "subject_of", "written_subject"]


_OWNED = re.compile(r"⟨(\d+)⟩\s*的\s*⟨(\d+)⟩")
# "ReLU 函数的左侧导数": what an attribute belongs to, with a kind noun or a side between them
_OWNED_LOOSELY = re.compile(r"⟨(\d+)⟩[^⟨,;:。]{0,3}的[^⟨,;:。的]{0,3}⟨(\d+)⟩")
_GROUP_BEFORE_CUE = re.compile(rf"({GROUP})([^⟨]{{0,10}})$")
_INSTRUMENT_CLAUSE = re.compile(rf"[^⟨,]{{0,6}}?(?:使用|采用|利用|通过|引入|借助|加入|添加|用)(?:了)?[^⟨,]{{0,8}}?({GROUP})")
_GROUP_AT_END = re.compile(rf"({GROUP})\s*$")


# "vLLM 的吞吐量比 HF 高": an attribute of the subject, not the subject
_ATTRIBUTES = frozenset({"metric", "concept"})
# quantities a model has, whatever their category: "上下文长度从 2048 扩到 4096"
_MEASURES = frozenset({"context-window", "throughput", "latency", "flops", "parameters", "gpu-memory", "batch-size"})


@dataclass
class Sentence:
    """One sentence being read: its template, clauses, evidence and the subjects found so far."""

    lm: LineMentions
    tmpl: Template
    clauses: list[Clause]
    evidence: Evidence
    categories: dict[str, str]
    subjects: dict[int, Subject] = field(default_factory=dict)  # clause index -> subject
    start: int = 0  # where the sentence starts in its line
    referred: dict[str, Evidence] = field(default_factory=dict)  # a thing 这种… points at, named on another line -> that line

    def clause_at(self, position: int) -> int:
        for i, clause in enumerate(self.clauses):
            if clause.start <= position <= clause.end:
                return i
        return len(self.clauses) - 1

    def members(self, span: tuple[int, int]) -> tuple[str, ...]:
        return tuple(self.tmpl.concepts[k] for k in group_members(self.tmpl.text[span[0] : span[1]]))


# a name kg does not know right after a group, or after its 的: the group only qualifies it
_UNKNOWN_HEAD = re.compile(r"\s*(?:(?:中|里|内)?的\s*)?[A-Za-z][A-Za-z0-9\-]{1,20}(?![A-Za-z0-9⟨])")


_FIELDS = frozenset({"task", "problem", "metric", "dataset", "concept"})


def written_subject(sentence: Sentence, index: int, says: bool = False) -> Subject | None:
    """The subject clause ``index`` writes out, reading ``A 的 B …`` as B and ``A 中的 B`` as B.

    With ``says``, only a subject that its clause says something about, or
    the head of a ``name: …`` line: not a bare item of an enumeration.
    """
    clause = sentence.clauses[index] if index < len(sentence.clauses) else None
    if clause is None or clause.subject is None:
        return None
    start, end = clause.subject
    rest = sentence.tmpl.text[end : clause.end]
    placed = clause.placed
    if placed and all(sentence.categories.get(c) in _FIELDS for c in sentence.members((start, end))):
        return None  # "在目标检测中常用 FPN": a field a thing is used in does not use it
    if says and len(rest.strip()) < 2 and sentence.tmpl.text[clause.end : clause.end + 1] != ":" and not placed:
        return None  # (but "在 BERT 中, 使用了 GELU": the clause places what follows in BERT)
    owned = re.match(r"(?:中|里|内)?的\s*(⟨\d+⟩)", rest)
    if owned:
        k = int(owned.group(1)[1:-1])
        if sentence.categories.get(sentence.tmpl.concepts[k]) not in _ATTRIBUTES:
            return Subject((sentence.tmpl.concepts[k],), None, 1.0)
    if _UNKNOWN_HEAD.match(rest):
        return None  # "GAN Loss 为…", "度量学习中的 Center loss 结合…": the subject is a thing kg does not know
    return Subject(sentence.members((start, end)), None, 1.0)


def subject_of(hit: Hit, sentence: Sentence, context: Context) -> Subject | None:
    """Who does what ``hit`` says, when its frame does not name it."""
    glossed = glossed_group(sentence.tmpl.text, hit.start) if hit.cue.type == "ADDRESSES" else None
    if glossed is not None:
        return Subject(tuple(sentence.tmpl.concepts[k] for k in glossed), None, 1.0)
    index = sentence.clause_at(hit.start)
    clause = sentence.clauses[index]
    near = _near_subject(sentence.tmpl.text, clause.start, hit)
    if near is not None and len(near) == 1 and sentence.categories.get(sentence.tmpl.concepts[near[0]]) in _ATTRIBUTES:
        owner = next((int(m.group(1)) for m in _OWNED.finditer(sentence.tmpl.text) if int(m.group(2)) == near[0]), None)
        near = [owner] if owner is not None else near
    if near is not None:
        staged = _stage_of_context(sentence, context, near)
        if staged is not None:
            return staged
        return Subject(tuple(_versioned_by_topic(sentence, context, k) for k in near), None, 1.0, written=True)
    if index in sentence.subjects:
        return sentence.subjects[index]
    if hit.cue.type == "ADDRESSES" and clause.subject is None and clause.reference is None and index > 0:
        instrument = _instrument(sentence, index - 1)
        if instrument is not None:
            return Subject(instrument, None, 0.95)  # "使用 Dropout …, 避免过拟合": the instrument avoids it
    subject = None
    if clause.subject is not None and clause.subject[1] <= hit.start:
        subject = written_subject(sentence, index)
        if subject is not None:
            members = group_members(sentence.tmpl.text[clause.subject[0] : clause.subject[1]])
            versioned = tuple(_versioned_by_topic(sentence, context, k) for k in members) if len(members) == len(subject.concepts) else subject.concepts
            subject = Subject(versioned, None, 1.0, written=True)
    elif clause.reference in ("前者", "后者"):
        named = _last_pair(sentence.tmpl.text[: clause.start], sentence.tmpl.concepts)
        if named is None and sentence.start > 0:  # "A 和 B 都是…。前者…": the sentence before
            before = sentence.lm.template(0, sentence.start)
            named = _last_pair(before.text, before.concepts)
        if named is None:
            return None
        return Subject((named[0] if clause.reference == "前者" else named[-1],), None, 0.9, written=True)
    elif clause.reference is not None and re.fullmatch(r"[两二三四五六]者", clause.reference):
        # "A、B 和 C …, 三者都…", "### A、B、C、D" then "四者都属于…": the last N things named together
        count = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}[clause.reference[0]]
        named = _last_group(sentence.tmpl.text[: clause.start], sentence.tmpl.concepts, count)
        if named is None and sentence.start > 0:
            before = sentence.lm.template(0, sentence.start)
            named = _last_group(before.text, before.concepts, count)
        if named is not None:
            return Subject(named, None, 0.9, written=True)
        return context.named_in_heading(sentence.lm, count)
    elif clause.reference is not None:
        earlier = [sentence.tmpl.concepts[k] for k in group_members(sentence.tmpl.text[: clause.start])]
        if clause.reference in ("这", "此") and index >= 2 and _SUMMING_UP.match(sentence.tmpl.text, clause.start):
            return None  # "…, 通过反复这样的循环, 这就是强化学习": the whole account, not the last thing in it
        if clause.reference in ("这", "此") and earlier:
            concepts = sentence.tmpl.concepts
            owner = next((int(m.group(1)) for m in _OWNED_LOOSELY.finditer(sentence.tmpl.text, 0, clause.start)
                          if concepts[int(m.group(2))] == earlier[-1]), None) if sentence.categories.get(earlier[-1]) in _ATTRIBUTES else None
            if owner is not None:
                return Subject((concepts[owner],), None, 0.9)  # "ReLU 的导数为 1, 这就避免了…": ReLU does
            return Subject((earlier[-1],), None, 0.9)  # "如 Stable Diffusion, 这是…": the thing just named
        introduced = _introduced_as(sentence.tmpl.text[: clause.start], clause.reference)
        if introduced is not None:
            return Subject((sentence.tmpl.concepts[introduced],), None, 0.9)
        said = [s for i in range(index) if (s := sentence.subjects.get(i) or written_subject(sentence, i, says=True))]
        subject = context.referent(sentence.lm, clause.reference, earlier, said)
    elif ((clause.subject is None or hit.start < clause.subject[0]) and (_fills(hit, clause, sentence) or _opens_with_comparison(hit, clause, sentence))
          and index + 1 < len(sentence.clauses) and not _WHAT_DIFFERS.search(sentence.tmpl.text[clause.start : clause.end])
          and not sentence.clauses[index + 1].placed and not any(written_subject(sentence, i) for i in range(index))):
        # "在 B 的基础上, A 提出了…": the phrase stands before the clause that names its subject (unless one came
        # before it: "A 是…, 相当于 B + C 的效果, 即 D 的…" is still about A)
        subject = written_subject(sentence, index + 1)
    if subject is None and index == 0 and sentence.start > 0 and _BACK_TO_TOPIC.search(sentence.tmpl.text[clause.start : hit.start]):
        subject = _each_said_before(sentence)
    if subject is None and not _implicit(sentence.tmpl.text[clause.start : hit.start], sentence.tmpl.text[hit.start : hit.end]):
        return None  # "损失是通过 Softmax 计算的", "但有些参数必须采用 FP32": the clause has a subject, only not a concept
    if subject is None:
        # "A 和 B, 基本都…": 都 and 分别 look back to a plural topic standing alone before the comma
        plural = _BACK_TO_TOPIC.search(sentence.tmpl.text[clause.start : hit.start]) is not None
        for earlier_index in range(index - 1, -1, -1):
            found = sentence.subjects.get(earlier_index) or written_subject(sentence, earlier_index, says=not plural)
            earlier_clause = sentence.clauses[earlier_index]
            if found is None and earlier_clause.reference is not None:
                earlier = [sentence.tmpl.concepts[k] for k in group_members(sentence.tmpl.text[: earlier_clause.start])]
                found = context.referent(sentence.lm, earlier_clause.reference, earlier, [])  # "因为它让…, 基本解决了…"
            if found is not None and all(sentence.categories.get(c) == "metric" or c in _MEASURES for c in found.concepts):
                continue  # "上下文长度从 2048 扩到 4096, 引入 GQA": a measure of the subject, not the subject
            if found is not None:
                subject = Subject(found.concepts, found.evidence, found.weight * 0.95)
                break
    objects = {sentence.tmpl.concepts[k] for k in hit.objects}  # "(### RoBERTa) - BERT 的改进版": not what the line is about
    if subject is None:
        paragraph = context.paragraph(sentence.lm)
        if paragraph is not None and not set(paragraph.concepts) <= objects:
            subject = Subject(paragraph.concepts, paragraph.evidence if paragraph.evidence.line != sentence.lm.line.number else None, 0.9,
                              paragraph.evidence.line == sentence.lm.line.number)
    if subject is None:
        subject = context.inherited(sentence.lm)
        if subject is not None and objects and set(subject.concepts) <= objects:
            subject = context.inherited(sentence.lm, own_head=False)
    if subject is not None and (clause.subject is None or clause.subject[0] <= hit.start):
        sentence.subjects[index] = subject  # (not the subject of a phrase before the clause's own: "在 A 中采用了 B")
    return subject


_PREPOSITION = re.compile(r"(?:在|对于|对|与|和|跟|同|比|从|于|把|将|为了|为|给|向|由|被|以|按照|按|据|当|除了|关于|针对|"
                          r"相比|相较|经过|基于|通过|利用|借助|使用|采用|用|如|比如|例如|包括)[^⟨,]{0,6}$")
_BACK_TO_TOPIC = re.compile(r"^[^⟨]{0,6}?(?:都|均|全都|全|分别|各自)")
_INSTRUMENT = re.compile(r"(?:通过|利用|借助|使用|采用|用)\s*$")


# a group counted or governed by a verb is an object: "你需要 8 个⟨GPU⟩才能实现…"
_OBJECT_BEFORE = re.compile(r"(?:需要|需|增加|添加|加入|引入|去掉|删除|移除|[\d两几多]+\s*[个块张台种])\s*$")
# what may stand between a subject and its verb: adverbs, modals, "的作用是"; not a noun the group modifies
_SUBJECT_GAP = re.compile(
    r"(?:\s|也|还|则|就|都|又|才|再|便|仍然|仍|依然|同样|主要|通常|一般|往往|常常|经常|常|一直|已经|已|曾经|曾|首先|进一步|"
    r"直接|有效地|有效|很好地|较好地|能够|能|可以|可|会|将|要|需要|需|得以|用于|用来|被用来|旨在|专门|首次|率先|最终|共同|同时|分别|"
    r"不仅|不但|也是|则是|就是|是|被|可被|算法|方法|模型|网络|技术|机制|结构|模块|层|[A-Za-z]{1,8}(?=\s)|"
    r"的(?:作用|目的|核心|关键|思路|做法|主要任务|任务|意义|优势|优点|贡献)(?:就|则|也)?(?:是|在于)|"
    # "⟨ModelX⟩的 Deep 部分采用⟨MLP⟩": what a part of the subject uses, the subject uses
    r"的\s*(?:[A-Za-z]{1,10}|[\u4e00-\u9fff]{1,2})?\s*(?:部分|分支|子网络|侧))*")


# what a clause without a subject may say before its verb: connectives, adverbs, times and places, a step
_IMPLICIT = re.compile(
    r"(?:\s|[-*•>#\d.、()]|而且|而是|而|但是|但|并且|并|同时|此外|另外|因此|所以|于是|其中|首先|其次|然后|接着|最后|之后|随后|"
    r"就是|也是|即是|则是|便是|是|(?:其|它的)?(?:主要|核心|基本|整体)?(?:思路|思想|做法|想法|原理|改进|创新|贡献)(?:就|则|也)?是|"
    r"先|再|还|也|则|就|又|都|只|仅|主要|通常|一般|往往|常常|基本上|基本|大体上|大体|大致上|大致|总体上|大多|大都|几乎|差不多|多少|可以|能够|能|可|会|需要|需|要|将|已经|已|进一步|直接|"
    r"简单来说|具体来说|具体而言|具体地|一般来说|实际上|事实上|当然|例如|比如|即|换言之|总之|除此之外|此外|值得注意的是|需要注意的是|"
    r"取而代之的是|取而代之|进而|从而|以此|借此|由此|相应地|同样地|类似地|这就|这也|这样|如此|"
    r"以[^⟨,]{0,12}?(?=力压|超过|优于|胜过|击败|实现|达到|$)|凭借[^⟨,]{0,10}|依靠[^⟨,]{0,10}|"
    r"在[^⟨,]{0,12}?(?:时|中|上|下|后|前|里|阶段|过程中|情况下)|每(?:个|一个|一|次|一次)?[^,;]{1,14}?(?:之后|之前|后|前|时|中|里)|⟨\d+⟩(?:之后|之前|后面|前面)|[\u4e00-\u9fff]{1,4}(?:时|的时候)|实现上|结构上|架构上|"
    r"对于[^⟨,]{0,8}|为了[^⟨,]{0,8}|(?:把|将)[^⟨,;:]{1,12}|(?:通过)?对\s*⟨\d+⟩[^⟨,]{0,6}?(?=采用|使用|引入|应用|进行|做|用)|前面|后面|中间|上面|下面|顶部|底部)*"
    # a clause that opens with its verb has no subject of its own: "提供了 X(支持使用 Y)"
    r"(?:(?:提供|支持|实现|包括|包含|具有|拥有|采用|使用|引入|加入|通过|利用|借助|结合|融合|设计)(?:了)?.*)?")


_LABEL = re.compile(r"[^⟨,]{0,10}(?:任务|方法|技术|特性|功能|模块|组件|步骤|特点|改进|优化|策略|部分|内容|目标|损失)")


STAGE = re.compile(r"(?i)预训练|微调|训练|推理|部署|测试|评估|pre-?training|fine-?tuning|training|inference")


_OPENING_NAME = re.compile(r"(?:^|[;。!?])\s*(?:[-*\d.、()]\s*)*(⟨\d+⟩)(?!\s*[、和与及])")


def _each_said_before(sentence: Sentence) -> Subject | None:
    """"A 在…; B 在…; C 在…; 均为 X": 均 and 都 opening a sentence gather the subjects of the sentences before it in the line."""
    before = sentence.lm.template(0, sentence.start)
    said = list(dict.fromkeys(before.concepts[int(m.group(1)[1:-1])] for m in _OPENING_NAME.finditer(before.text)))
    return Subject(tuple(said), None, 0.85, written=True) if len(said) >= 2 else None


def _last_group(text: str, concepts: tuple[str, ...], count: int) -> tuple[str, ...] | None:
    groups = [g for g in coordinated(text) if len(set(concepts[k] for k in g)) == count]
    return tuple(dict.fromkeys(concepts[k] for k in groups[-1])) if groups else None


def _last_pair(text: str, concepts: tuple[str, ...]) -> list[str] | None:
    """The things last named together, that "前者 … 后者 …" point at: "对比 A 和 B, …, 前者用 X" """
    groups = coordinated(text)
    return [concepts[k] for k in groups[-1]] if groups else None


def _stage_of_context(sentence: Sentence, context: Context, near: list[int]) -> Subject | None:
    """"(## GPT-1) 预训练使用的是 BooksCorpus": a stage of the model in context does what the model does."""
    if len(near) != 1 or not STAGE.fullmatch(sentence.tmpl.surfaces[near[0]].strip()):
        return None
    whole = context.inherited(sentence.lm, own_head=False)
    if whole is None or len(whole.concepts) != 1 or sentence.categories.get(whole.concepts[0]) not in ("model", "method", "tool"):
        return None
    return Subject(whole.concepts, whole.evidence, whole.weight, False, False)


# "与 B 不同的是, …": what follows is how the subject differs, its first noun is no subject
_WHAT_DIFFERS = re.compile(r"(?:的是|在于|之处是)\s*$")


_SUMMING_UP = re.compile(r"\s*(?:这|此)(?:就|便|正|也就|其实就|也)是")


def _introduced_as(before: str, reference: str) -> int | None:
    """"子网络结构⟨Inception⟩, 该结构…": a reference with a kind noun points at what that noun introduced."""
    noun = re.search(rf"{KIND_NOUN}$", reference)
    if noun is None:
        return None
    word = re.escape(noun.group(0))
    glued = [int(m.group(1) or m.group(2)) for m in re.finditer(rf"{word}\s*⟨(\d+)⟩|⟨(\d+)⟩\s*{word}(?![\u4e00-\u9fff])", before)]
    return glued[-1] if glued else None


def _versioned_by_topic(sentence: Sentence, context: Context, k: int) -> str:
    return context.as_topic_version(sentence.lm, sentence.tmpl.concepts[k], sentence.tmpl.surfaces[k])


def _implicit(before: str, cue_text: str) -> bool:
    """Does a clause say nothing before its verb but connectives, adverbs and circumstances?

    A list announced after a label ("不同的交互任务如下: …") still belongs to the context.
    """
    if re.match(r"\s*(?:如下|包括|包含|主要有|有以下|分别是|分别为)", cue_text) and _LABEL.fullmatch(before):
        return True
    return bool(_IMPLICIT.fullmatch(before))


def _near_subject(text: str, clause_start: int, hit: Hit) -> list[int] | None:
    """The group right before a cue, when nothing but a few words stand between:
    "Add 表示⟨残差连接⟩用于防止⟨网络退化⟩".  A group governed by a preposition is no
    subject ("⟨A⟩在⟨B⟩上采用⟨C⟩"); an instrument is, of a solving verb ("使用⟨Dropout⟩来防止").
    """
    before = text[clause_start : hit.start]
    m = _GROUP_BEFORE_CUE.search(before)
    if m is None or not _SUBJECT_GAP.fullmatch(m.group(2)):
        return None
    preceding = before[: m.start(1)]
    if _INSTRUMENT.search(preceding):
        # "使用⟨Dropout⟩来防止": the instrument solves; "⟨LSTM⟩通过⟨门控⟩解决": the clause's subject does
        return group_members(m.group(1)) if hit.cue.type == "ADDRESSES" and "⟨" not in preceding else None
    if _PREPOSITION.search(preceding) or _OBJECT_BEFORE.search(preceding):
        return None
    members = _MEMBERS_BEFORE_KIND.search(preceding)
    if members is not None and len(group_members(m.group(1))) == 1:
        return group_members(members.group(1))  # "⟨T5⟩、⟨OPT⟩ 等主流⟨大模型⟩转向了…": the members do it
    return group_members(m.group(1))


# the members before 等 and the kind that follows it: "⟨1⟩、⟨2⟩ 等主流"
_MEMBERS_BEFORE_KIND = re.compile(rf"({GROUP})(?<=等)\s*[^⟨,;:。]{{0,4}}$")


def _instrument(sentence: Sentence, index: int) -> tuple[str, ...] | None:
    """The group a subjectless clause opens by using: "使用⟨Dropout⟩…"."""
    clause = sentence.clauses[index]
    if clause.subject is not None or clause.reference is not None:
        return None
    m = _INSTRUMENT_CLAUSE.match(sentence.tmpl.text[clause.start : clause.end])
    return tuple(sentence.tmpl.concepts[k] for k in group_members(m.group(1))) if m else None


def glossed_group(text: str, position: int) -> list[int] | None:
    """The group a bracketed remark at ``position`` is attached to: "使用⟨0⟩(避免⟨1⟩)" -> [0]."""
    opening = text.rfind("(", 0, position)
    if opening < 0 or ")" in text[opening:position]:
        return None
    m = _GROUP_AT_END.search(text[:opening])
    return group_members(m.group(1)) if m else None


def _opens_with_comparison(hit: Hit, clause: Clause, sentence: Sentence) -> bool:
    """"相较于 GPTQ 的做法…, AWQ 更直观", "不同于 Adapter 在层间插模块, Prefix Tuning …", "与 A 不同, B …": a comparison
    the clause opens with is about the next clause's subject."""
    opening = sentence.tmpl.text[clause.start : clause.start + 2]
    return hit.cue.type == "COMPARED_WITH" and hit.start - clause.start <= 1 and (
        opening in ("相比", "相较", "相对", "比起", "对比", "较之", "不同", "区别", "有别", "不像") or opening[:1] in "与和跟同")


def _fills(hit: Hit, clause: Clause, sentence: Sentence) -> bool:
    """Is the cue phrase (nearly) all its clause says?"""
    if hit.cue.frame != "around" or hit.end > clause.end:
        return False
    body = sentence.tmpl.text[clause.start : clause.end]
    return len(re.sub(r"[\s,.;:]", "", body)) - (hit.end - hit.start) <= 4
