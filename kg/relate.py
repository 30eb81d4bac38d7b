"""Relate: typed relations between concepts, each with the evidence it came from.

Per document, :func:`relate_document` reads every sentence that mentions a
concept as a template (:mod:`kg.clauses`), finds the cues in it
(:mod:`kg.cues`, words from ``schema/relation_cues.yaml``) and decides for
each cue who its subject is: the group its clause opens with, what a
reference word points at, the previous clause's subject, or the line's and
section's context (:mod:`kg.context`).  Negations, conditions and yes/no
questions state nothing.  Structure adds what the author wrote as layout
(:mod:`kg.structure`: lists under a lead line, tables, headings).

:func:`combine` joins the findings of all documents: confidence grows with
independent support, ``1 - Π(1 - best weight per document)``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from kg.clauses import GROUP, KIND_NOUN, Clause, Template, clauses, coordinated, group_members, sentences, template
from kg.context import Context, Subject
from kg.cues import PROBLEM_REF, Cue, CueBook, Hit, load_cues
from kg.extract import LineMentions
from kg.lexicon import common_word
from kg.model import Document, Evidence, Relation, SYMMETRIC_TYPES
from kg.names import fold, has_cjk, name_key, slug
from kg.nameshape import ends_in_activity

__all__ = ["Findings", "Collector", "relate_document", "combine", "kinds_by_name", "sentences", "evidence_text", "load_cues"]

# patterns used on every sentence, compiled once (re's own cache is too small for all of kg's)
_INTRODUCED = re.compile(rf"\s*(?:由[^⟨,。]{{0,20}}?|[^⟨,。]{{0,6}}?)提出(?:了)?的\s*(⟨\d+⟩)")
_OWNED = re.compile(r"⟨(\d+)⟩\s*的\s*⟨(\d+)⟩")
_GROUP_BEFORE_CUE = re.compile(rf"({GROUP})([^⟨]{{0,8}})$")
_INSTRUMENT_CLAUSE = re.compile(rf"[^⟨,]{{0,6}}?(?:使用|采用|利用|通过|引入|借助|加入|添加|用)(?:了)?[^⟨,]{{0,8}}?({GROUP})")
_GROUP_AT_END = re.compile(rf"({GROUP})\s*$")
_KIND_NOUN_AT = re.compile(rf"\s*({KIND_NOUN})")
_KIND_NOUN_AFTER_MARKER = re.compile(rf"⟨\d+⟩\s*({KIND_NOUN})\s*$")
# a subject category that cannot do what a cue says
_KIND_CATEGORIES = frozenset({"method", "technique", "model", "component", "loss", "optimizer", "metric", "concept", "tool"})
# "vLLM 的吞吐量比 HF 高": an attribute of the subject, not the subject
_ATTRIBUTES = frozenset({"metric", "concept"})
# quantities a model has, whatever their category: "上下文长度从 2048 扩到 4096"
_MEASURES = frozenset({"context-window", "throughput", "latency", "flops", "parameters", "gpu-memory", "batch-size"})
# who cannot do what a cue says when the sentence leaves the subject to its context: a section about a task
_NOT_DOERS = frozenset({"task", "problem", "metric", "dataset"})
# "再加上 softmax 的精简", "改掉 X 的缺点": a change to the object or its flaw is what the verb takes
_NOT_USED = re.compile(r"[^⟨,。]{0,8}?的(?:精简|简化|改进|优化|改动|缺点|问题|不足|局限|瓶颈|替代|替换|去除|删除|移除)"
                       r"|[^⟨,。]{0,4}?(?:发现|证明|表明|验证|得出|观察到|看出|可知)"
                       r"|\s*(?:等|这些|多种|各种)\s*(?:主流|常见|开源)?(?:模型|大模型)"  # "支持 A、B 等模型": what it runs
                       r"|\s*(?:的)?\s*(?:收益|效果|作用|好处|功效)"  # "提供了正则化收益": an effect it has, not a part
                       r"|\s*(?:模型)?\s*的\s*(?:备份|副本|拷贝|复制品?)"  # "提供了 SFT 模型的备份": a copy of it
                       r"|[^⟨,。]{0,6}?(?:时|的时候|时候)(?![间序代刻期])")  # "使用 DDP 时需…": a circumstance, not what the subject uses
# "解决梯度消失的方法有": the verb is in a clause that names methods, not in the statement
_RELATIVE = re.compile(r"\s*(?:的|之)?\s*(?:方法|办法|措施|手段|途径|技巧|策略|方案|思路)")
# "X 并不是…, 然后…, 而是…": the clauses before 而是 are denied
_DENIED = re.compile(r"(?:不是|并非|并不是|而非)")
# what nothing is built with or extends: "在目标检测的基础上" names a task, not a base
_NOT_BUILT_WITH = frozenset({"problem", "task", "metric", "dataset"})
_VERSION_SUFFIX = re.compile(r"^(?:\+\+|plus|v?\d+(?:\.\d+)?|next|pro|max|xl|large)$")


def evidence_text(raw: str, sentence: str) -> str:
    """The sentence as the document writes it, or the whole source line when
    markup inside the sentence makes it differ from the source."""
    head = "".join(sentence.split())[:12]
    if head and head in "".join(fold(raw).split()):
        return sentence.strip()
    return raw


@dataclass
class Collector:
    """Evidence for relations as it is found, before confidences are computed."""

    categories: dict[str, str]
    kinds: frozenset[tuple[str, str]] = frozenset()  # (specific, general) by their Chinese names
    evidence: dict[tuple[str, str, str], list[tuple[float, Evidence, str]]] = field(default_factory=lambda: defaultdict(list))
    cooccur: dict[tuple[str, str], list[Evidence]] = field(default_factory=lambda: defaultdict(list))

    def add(self, source: str, target: str, rtype: str, weight: float, evidence: list[Evidence], cue: str) -> bool:
        if source == target:
            return False
        if rtype == "USES" and weight < 0.6 and (source, target) in self.kinds:
            rtype = "IS_A"  # "Weight Normalization 进行 normalization": a kind of what it does
        if rtype == "USES" and (target, source) in self.kinds or rtype == "PART_OF" and (source, target) in self.kinds:
            return False  # "正则化: 通过L1正则化…" — L1正则化 is a kind of 正则化, not used by it nor part of it
        if rtype == "IS_A" and (target, source) in self.kinds:
            return False  # the general one is never a kind of the specific one
        if rtype in SYMMETRIC_TYPES and source > target:
            source, target = target, source
        for ev in evidence:
            self.evidence[(source, target, rtype)].append((weight, ev, cue))
        return True


@dataclass
class Findings:
    """What one document says about relations: plain data, cacheable per document."""

    evidence: list[tuple[tuple[str, str, str], float, Evidence, str]] = field(default_factory=list)
    cooccur: list[tuple[tuple[str, str], Evidence]] = field(default_factory=list)


def relate_document(doc: Document, lines: list[LineMentions], categories: dict[str, str],
                    kinds: frozenset[tuple[str, str]] = frozenset()) -> Findings:
    """The relation evidence in one document, given its concept mentions.

    ``kinds`` holds (specific, general) pairs read off Chinese names
    (L2正则化 ends with 正则化): the general one never uses the specific one.
    """
    from kg.structure import structure_relations

    collector = Collector(categories, kinds)
    book = load_cues()
    context = Context(doc, lines, categories)
    for lm in lines:
        context.enter(lm)
        _read_line(doc, lm, context, book, collector)
        context.mentioned(lm)
    structure_relations(doc, lines, context, collector)
    return Findings(
        [(key, weight, ev, cue) for key, items in collector.evidence.items() for weight, ev, cue in items],
        [(pair, ev) for pair, evs in collector.cooccur.items() for ev in evs],
    )


@dataclass
class _Sentence:
    """One sentence being read: its template, clauses, evidence and the subjects found so far."""

    lm: LineMentions
    tmpl: Template
    clauses: list[Clause]
    evidence: Evidence
    categories: dict[str, str]
    subjects: dict[int, Subject] = field(default_factory=dict)  # clause index -> subject
    start: int = 0  # where the sentence starts in its line

    def clause_at(self, position: int) -> int:
        for i, clause in enumerate(self.clauses):
            if clause.start <= position <= clause.end:
                return i
        return len(self.clauses) - 1

    def members(self, span: tuple[int, int]) -> tuple[str, ...]:
        return tuple(self.tmpl.concepts[k] for k in group_members(self.tmpl.text[span[0] : span[1]]))


def _read_line(doc: Document, lm: LineMentions, context: Context, book: CueBook, collector: Collector) -> None:
    text = lm.line.text
    for start, end in sentences(text):
        tmpl = template(text, lm.found, start, end)
        if not tmpl.concepts:
            continue
        sentence = _Sentence(lm, tmpl, clauses(tmpl.text), Evidence(doc.id, lm.line.number, evidence_text(lm.line.raw or text, text[start:end])),
                             context.categories, start=start)
        asks = bool(book.yes_no.search(text[start:end]))
        related: set[frozenset[str]] = set()
        if not asks:
            _sentence_rules(sentence, context, book, collector, related)
        for hit in book.hits(tmpl.text):
            if asks and hit.cue.type != "COMPARED_WITH":
                continue  # "可以防止过拟合吗?" asks, it does not state
            _apply(hit, sentence, context, book, collector, related)
        first = _written_subject(sentence, 0)
        if first is not None:
            context.wrote(lm, first.concepts)
        ids = sorted(set(tmpl.concepts))
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if frozenset((a, b)) not in related:
                    collector.cooccur[(a, b)].append(sentence.evidence)


_ROLE = re.compile(rf"(?:(?P<owner>⟨\d+⟩)\s*(?:的)?\s*|(?P<ref>其|它的)\s*)?(?P<role>⟨\d+⟩)\s*(?:就|也|则)?\s*(?:是|为|采用|使用|用的是|选用|:)\s*"
                   rf"(?:[A-Za-z][A-Za-z0-9\-.]{{1,24}}\s*[+、,和]\s*)*(?P<B>{GROUP})")


def _roles(sentence: _Sentence, context: Context, book: CueBook, collector: Collector, related: set) -> None:
    """"FPN 的 backbone 是 ResNet-101", "其 backbone 是 …", "(Mask R-CNN:) Backbone: ResNeXt-101+FPN":
    what fills a role in a model is used by the model."""
    tmpl = sentence.tmpl
    for m in _ROLE.finditer(tmpl.text):
        role = int(m.group("role")[1:-1])
        if not book.roles.fullmatch(tmpl.surfaces[role]):
            continue
        evidence = [sentence.evidence]
        if m.group("owner"):
            owners = (tmpl.concepts[int(m.group("owner")[1:-1])],)
        else:
            subject = context.referent(sentence.lm, "其", [], []) if m.group("ref") else context.inherited(sentence.lm, own_head=False)
            if subject is None:
                continue
            owners = subject.concepts
            if subject.evidence is not None and not set(owners) & set(tmpl.concepts):
                evidence = [subject.evidence, sentence.evidence]
        if tmpl.concepts[role] in owners or re.match(r"\s*(?:中|里|之中|当中|的一)", tmpl.text[m.end() :]):
            continue  # "(## 模态编码器) 模态编码器是多模态大模型中的一个组件": the role is what the sentence is about
        related.add(frozenset((tmpl.concepts[role], tmpl.concepts[int(m.group("B").split("⟩")[0][1:])])))
        for owner in owners:
            for k in group_members(m.group("B")):
                used = tmpl.concepts[k]
                if owner != used and collector.categories.get(used) not in _NOT_BUILT_WITH:
                    collector.add(owner, used, "USES", 0.75, evidence, "USES role: the backbone (encoder…) of a model")
                    related.add(frozenset((owner, used)))


_APPOSITION = re.compile(rf"⟨(\d+)⟩\s*(?:{KIND_NOUN})?\s*⟨(\d+)⟩(?!\s*(?:[、和与及]|\(⟨))")
# "参数高效微调方法 LoRA、AdaLoRA、QLoRA": a named kind before a list names the kind of each
_KIND_BEFORE_LIST = re.compile(rf"⟨(\d+)⟩\s*(?P<kind>{KIND_NOUN})?\s*(?P<list>⟨\d+⟩(?:\s*[、和与及]\s*⟨\d+⟩)+)")
_ENDS_IN_KIND = re.compile(rf"(?:{KIND_NOUN}|方案)$")


def _appositions(sentence: _Sentence, collector: Collector, related: set) -> None:
    """A kind right before a name is what the name is: "流水线并行方案 GPipe", "参数高效微调方法 LoRA";
    and a kind right after it: "Swish 激活函数"."""
    tmpl = sentence.tmpl
    for first, second in _compounds(tmpl):
        if _KIND_CONCEPT.fullmatch(tmpl.surfaces[second]) and not has_cjk(tmpl.surfaces[first]):
            a, b = tmpl.concepts[first], tmpl.concepts[second]
            ca, cb = collector.categories.get(a, "concept"), collector.categories.get(b, "concept")
            if a != b and cb in _KIND_CATEGORIES and _kind_fits(ca, cb) and collector.add(a, b, "IS_A", 0.6, [sentence.evidence], "IS_A: a name written with its kind"):
                related.add(frozenset((a, b)))
    for m in _KIND_BEFORE_LIST.finditer(tmpl.text):
        if not (m.group("kind") or _ENDS_IN_KIND.search(tmpl.surfaces[int(m.group(1))])):
            continue
        b = tmpl.concepts[int(m.group(1))]
        for k in group_members(m.group("list")):
            a = tmpl.concepts[k]
            ca, cb = collector.categories.get(a, "concept"), collector.categories.get(b, "concept")
            if a != b and not has_cjk(tmpl.surfaces[k]) and cb in _KIND_CATEGORIES and _kind_fits(ca, cb):
                if collector.add(a, b, "IS_A", 0.7, [sentence.evidence], "IS_A apposition: a kind, then the names of its members"):
                    related.add(frozenset((a, b)))
    for m in _APPOSITION.finditer(tmpl.text):
        general, specific = int(m.group(1)), int(m.group(2))
        between = tmpl.text[m.end(1) + 1 : m.start(2) - 1]
        named_kind = between.strip() or _ENDS_IN_KIND.search(tmpl.surfaces[general]) or has_cjk(tmpl.surfaces[general])
        if has_cjk(tmpl.surfaces[specific]) or not named_kind or _STAGE.fullmatch(tmpl.surfaces[general].strip()):
            continue  # "大模型微调", "PyTorch FSDP", "预训练 LLM": a compound, two names or a stage, not a kind and its member
        if _VERB_BEFORE.search(tmpl.text[: m.start()]):
            continue  # "为什么要量化 KV Cache": a verb and what it acts on
        a, b = tmpl.concepts[specific], tmpl.concepts[general]
        ca, cb = collector.categories.get(a, "concept"), collector.categories.get(b, "concept")
        # "增强版数据并行 ZeRO": an enhanced version of the kind extends it
        rtype = "EXTENDS" if re.search(r"(?:增强|改进|简化|升级|优化|轻量|加速|扩展)版(?:的)?\s*$", tmpl.text[: m.start()]) else "IS_A"
        if a == b or cb not in _KIND_CATEGORIES or rtype == "IS_A" and not _kind_fits(ca, cb) or ca not in _KIND_CATEGORIES:
            continue
        if collector.add(a, b, rtype, 0.7, [sentence.evidence], f"{rtype} apposition: a kind, then its name"):
            related.add(frozenset((a, b)))


# what makes the word after it a verb: "要量化 KV Cache", "如何剪枝 BERT"
_VERB_BEFORE = re.compile(r"(?:要|需要|来|去|如何|怎么|怎样|能够|能|可以|会|将|把|先|再|不|没有|已经|直接|同时|进一步)\s*$")


_REMEDY = re.compile(
    rf"(?:遇到|出现|存在|发生|面临|产生)[^。;]{{0,16}}?(?P<P>{GROUP})[^。;]{{0,24}}?(?:时|的时候|的情况下|情况时)\s*,?"
    rf"[^⟨。;]{{0,8}}?(?:尝试|使用|采用|用|加入|引入|借助|利用)(?:了)?\s*(?P<R>{GROUP})\s*(?:来|去|以)?(?:解决|缓解|处理|应对|避免|克服)")


def _remedy(sentence: _Sentence, collector: Collector, related: set) -> None:
    """"遇到梯度爆炸等状况时可以尝试 BN 来解决": the remedy addresses the problem met."""
    for m in _REMEDY.finditer(sentence.tmpl.text):
        problems = [sentence.tmpl.concepts[k] for k in group_members(m.group("P")) if sentence.categories.get(sentence.tmpl.concepts[k]) == "problem"]
        for remedy in (sentence.tmpl.concepts[k] for k in group_members(m.group("R"))):
            for problem in problems:
                if sentence.categories.get(remedy) != "problem" and collector.add(remedy, problem, "ADDRESSES", 0.75, [sentence.evidence], "ADDRESSES: 遇到 B 时用 A 来解决"):
                    related.add(frozenset((remedy, problem)))


_COMBINED = re.compile(rf"将?\s*(?P<parts>{GROUP})\s*(?:相|进行|一起)?(?:结合|组合|融合|混合)(?:起来|使用|在一起)?[^⟨。;]{{0,8}}?(?:被)?(?:称为|叫做|称作|叫|即)\s*(?P<whole>⟨\d+⟩)")
_PARTS_INSIDE = re.compile(rf"在(?:每个|每一个|每一|每)?\s*(?P<whole>⟨\d+⟩)\s*(?:层|模块|块|结构|单元)?(?:中|里|内)?\s*(?:都)?(?:包含|包括|含有|由)(?:了)?\s*:?\s*(?P<parts>{GROUP})")


def _combined(sentence: _Sentence, collector: Collector, related: set) -> None:
    """"将数据并行、流水线并行和张量并行相结合, 被称为 3D 并行": the named whole uses each;
    "在每个 Transformer 层包含: A、B": each is part of the whole."""
    tmpl = sentence.tmpl
    for pattern, rtype in ((_COMBINED, "USES"), (_PARTS_INSIDE, "PART_OF")):
        for m in pattern.finditer(tmpl.text):
            whole = tmpl.concepts[int(m.group("whole")[1:-1])]
            for k in group_members(m.group("parts")):
                part = tmpl.concepts[k]
                source, target = (whole, part) if rtype == "USES" else (part, whole)
                if part != whole and collector.add(source, target, rtype, 0.75, [sentence.evidence], f"{rtype}: a whole named with its parts"):
                    related.add(frozenset((part, whole)))


_USED_IN = re.compile(rf"(?P<B>{GROUP})[^⟨,。]{{0,4}}?(?:也|还|同样|都)?(?:被)?(?:在|于)(?:该|这个|整个)?(?:模型|网络|架构|结构|其中|框架)(?:中|里|内)?"
                      r"(?:被)?(?:广泛|大量|普遍|多次|频繁)?地?(?:应用|使用|采用|用到)")


def _used_in_context(sentence: _Sentence, context: Context, collector: Collector, related: set) -> None:
    """"(Inception v3:) 批量归一化也在模型中广泛应用": the model of the context uses it."""
    m = _USED_IN.search(sentence.tmpl.text)
    if m is None:
        return
    whole = context.inherited(sentence.lm, own_head=False)
    if whole is None or len(whole.concepts) != 1 or collector.categories.get(whole.concepts[0]) in _NOT_DOERS:
        return
    model = whole.concepts[0]
    evidence = ([whole.evidence] if whole.evidence is not None and model not in sentence.tmpl.concepts else []) + [sentence.evidence]
    for k in group_members(m.group("B")):
        used = sentence.tmpl.concepts[k]
        if used != model and collector.add(model, used, "USES", 0.7 * whole.weight, evidence, "USES: X 在模型中广泛应用 (the model in context)"):
            related.add(frozenset((model, used)))


def _variant(sentence: _Sentence, context: Context, collector: Collector, related: set) -> None:
    """In a section presenting variants of X ("LSTM 流行的变体"), what a sentence introduces as its subject extends X."""
    base = context.variants_of(sentence.lm)
    if base is None or not sentence.clauses:
        return
    first = _written_subject(sentence, 0) or _introduced(sentence)
    if first is None:
        return
    for concept in first.concepts:
        if concept != base[0] and collector.categories.get(concept) in ("model", "method", "component", "technique"):
            evidence = ([base[1]] if base[0] not in sentence.tmpl.concepts else []) + [sentence.evidence]
            if collector.add(concept, base[0], "EXTENDS", 0.6, evidence, "EXTENDS: introduced in a section on variants of B"):
                related.add(frozenset((concept, base[0])))


def _introduced(sentence: _Sentence) -> Subject | None:
    """"由 Cho 等人提出的 GRU, 其…": the name a sentence opens by introducing."""
    m = _INTRODUCED.match(sentence.tmpl.text)
    return Subject((sentence.tmpl.concepts[int(m.group(1)[1:-1])],), None, 0.9) if m else None


_SUCCESSION = re.compile(rf"从\s*(?P<chain>{GROUP})\s*(?:再)?(?:到|至)\s*(?P<last>⟨\d+⟩)[^⟨,。;]{{0,10}}?(?:发展|演进|演变|进化|迭代|演化|变迁|脉络|历程|改进)")


def _succession(sentence: _Sentence, collector: Collector, related: set) -> None:
    """"从 MHA、MQA、GQA 到 MLA 一路发展": each later one extends the ones before it."""
    tmpl = sentence.tmpl
    for m in _SUCCESSION.finditer(tmpl.text):
        chain = [tmpl.concepts[k] for k in group_members(m.group("chain"))] + [tmpl.concepts[int(m.group("last")[1:-1])]]
        chain = list(dict.fromkeys(chain))
        for i, later in enumerate(chain):
            for j, earlier in enumerate(chain[:i]):
                weight = 0.75 if j == i - 1 else 0.6
                if collector.add(later, earlier, "EXTENDS", weight, [sentence.evidence], "EXTENDS succession: 从 A、B 到 C 的发展"):
                    related.add(frozenset((later, earlier)))


# a name kg does not know right after a group, or after its 的: the group only qualifies it
_UNKNOWN_HEAD = re.compile(r"\s*(?:(?:中|里|内)?的\s*)?[A-Za-z][A-Za-z0-9\-]{1,20}(?![A-Za-z0-9⟨])")


# what each rule over a whole sentence needs in it, checked before its pattern is tried
_NEEDS_REMEDY = re.compile(r"(?:遇到|出现|存在|发生|面临|产生).*(?:解决|缓解|处理|应对|避免|克服)")
_NEEDS_COMBINED = re.compile(r"结合|组合|融合|混合|包含|包括|由")
_NEEDS_USED_IN = re.compile(r"应用|使用|采用|用到")
_NEEDS_SUCCESSION = re.compile(r"从.*(?:到|至)")


def _sentence_rules(sentence: _Sentence, context: Context, book: CueBook, collector: Collector, related: set) -> None:
    """The rules that read a whole sentence rather than one cue."""
    text = sentence.tmpl.text
    if _NEEDS_REMEDY.search(text):
        _remedy(sentence, collector, related)
    if _NEEDS_COMBINED.search(text):
        _combined(sentence, collector, related)
    if _NEEDS_USED_IN.search(text):
        _used_in_context(sentence, context, collector, related)
    _variant(sentence, context, collector, related)
    if any(book.roles.fullmatch(surface) for surface in sentence.tmpl.surfaces):
        _roles(sentence, context, book, collector, related)
    if len(sentence.tmpl.concepts) > 1:
        _appositions(sentence, collector, related)
    if _NEEDS_SUCCESSION.search(text):
        _succession(sentence, collector, related)


def _written_subject(sentence: _Sentence, index: int, says: bool = False) -> Subject | None:
    """The subject clause ``index`` writes out, reading ``A 的 B …`` as B and ``A 中的 B`` as B.

    With ``says``, only a subject that its clause says something about, or
    the head of a ``name: …`` line: not a bare item of an enumeration.
    """
    clause = sentence.clauses[index] if index < len(sentence.clauses) else None
    if clause is None or clause.subject is None:
        return None
    start, end = clause.subject
    rest = sentence.tmpl.text[end : clause.end]
    if says and len(rest.strip()) < 2 and sentence.tmpl.text[clause.end : clause.end + 1] != ":":
        return None
    owned = re.match(r"(?:中|里|内)?的\s*(⟨\d+⟩)", rest)
    if owned:
        k = int(owned.group(1)[1:-1])
        if sentence.categories.get(sentence.tmpl.concepts[k]) not in _ATTRIBUTES:
            return Subject((sentence.tmpl.concepts[k],), None, 1.0)
    if _UNKNOWN_HEAD.match(rest):
        return None  # "GAN Loss 为…", "度量学习中的 Center loss 结合…": the subject is a thing kg does not know
    return Subject(sentence.members((start, end)), None, 1.0)


def _subject(hit: Hit, sentence: _Sentence, context: Context) -> Subject | None:
    """Who does what ``hit`` says, when its frame does not name it."""
    glossed = _glossed(sentence.tmpl.text, hit.start) if hit.cue.type == "ADDRESSES" else None
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
        subject = _written_subject(sentence, index)
        if subject is not None:
            members = group_members(sentence.tmpl.text[clause.subject[0] : clause.subject[1]])
            versioned = tuple(_versioned_by_topic(sentence, context, k) for k in members) if len(members) == len(subject.concepts) else subject.concepts
            subject = Subject(versioned, None, 1.0, written=True)
    elif clause.reference in ("前者", "后者"):
        named = _last_pair(sentence.tmpl.text[: clause.start], sentence.tmpl.concepts)
        if named is None and sentence.start > 0:  # "A 和 B 都是…。前者…": the sentence before
            before = template(sentence.lm.line.text, sentence.lm.found, 0, sentence.start)
            named = _last_pair(before.text, before.concepts)
        if named is None:
            return None
        return Subject((named[0] if clause.reference == "前者" else named[-1],), None, 0.9, written=True)
    elif clause.reference is not None:
        earlier = [sentence.tmpl.concepts[k] for k in group_members(sentence.tmpl.text[: clause.start])]
        if clause.reference in ("这", "此") and index >= 2 and _SUMMING_UP.match(sentence.tmpl.text, clause.start):
            return None  # "…, 通过反复这样的循环, 这就是强化学习": the whole account, not the last thing in it
        if clause.reference in ("这", "此") and earlier:
            return Subject((earlier[-1],), None, 0.9)  # "如 Stable Diffusion, 这是…": the thing just named
        introduced = _introduced_as(sentence.tmpl.text[: clause.start], clause.reference)
        if introduced is not None:
            return Subject((sentence.tmpl.concepts[introduced],), None, 0.9)
        said = [s for i in range(index) if (s := sentence.subjects.get(i) or _written_subject(sentence, i, says=True))]
        subject = context.referent(sentence.lm, clause.reference, earlier, said)
    elif (clause.subject is None and (_fills(hit, clause, sentence) or _opens_with_comparison(hit, clause, sentence))
          and index + 1 < len(sentence.clauses) and not _WHAT_DIFFERS.search(sentence.tmpl.text[clause.start : clause.end])):
        # "在 B 的基础上, A 提出了…": the phrase stands before the clause that names its subject
        subject = _written_subject(sentence, index + 1)
    if subject is None and not _implicit(sentence.tmpl.text[clause.start : hit.start], sentence.tmpl.text[hit.start : hit.end]):
        return None  # "损失是通过 Softmax 计算的", "但有些参数必须采用 FP32": the clause has a subject, only not a concept
    if subject is None:
        # "A 和 B, 基本都…": 都 and 分别 look back to a plural topic standing alone before the comma
        plural = _BACK_TO_TOPIC.search(sentence.tmpl.text[clause.start : hit.start]) is not None
        for earlier_index in range(index - 1, -1, -1):
            found = sentence.subjects.get(earlier_index) or _written_subject(sentence, earlier_index, says=not plural)
            earlier_clause = sentence.clauses[earlier_index]
            if found is None and earlier_clause.reference is not None:
                earlier = [sentence.tmpl.concepts[k] for k in group_members(sentence.tmpl.text[: earlier_clause.start])]
                found = context.referent(sentence.lm, earlier_clause.reference, earlier, [])  # "因为它让…, 基本解决了…"
            if found is not None and all(sentence.categories.get(c) == "metric" or c in _MEASURES for c in found.concepts):
                continue  # "上下文长度从 2048 扩到 4096, 引入 GQA": a measure of the subject, not the subject
            if found is not None:
                subject = Subject(found.concepts, found.evidence, found.weight * 0.95)
                break
    if subject is None:
        paragraph = context.paragraph(sentence.lm)
        if paragraph is not None:
            subject = Subject(paragraph.concepts, paragraph.evidence if paragraph.evidence.line != sentence.lm.line.number else None, 0.9,
                              paragraph.evidence.line == sentence.lm.line.number)
    if subject is None:
        subject = context.inherited(sentence.lm)
    if subject is not None:
        sentence.subjects[index] = subject
    return subject


_PREPOSITION = re.compile(r"(?:在|对于|对|与|和|跟|同|比|从|于|把|将|为了|为|给|向|由|被|以|按照|按|据|当|除了|关于|针对|"
                          r"相比|相较|经过|基于|通过|利用|借助|使用|采用|用|如|比如|例如|包括)[^⟨,]{0,6}$")
_BACK_TO_TOPIC = re.compile(r"^[^⟨]{0,6}?(?:都|均|全都|全|分别|各自)")
_INSTRUMENT = re.compile(r"(?:通过|利用|借助|使用|采用|用)\s*$")
# "A 最典型的(就)是 B", "A 中最常用的是 B": the subject names a class, its typical member follows
_SUPERLATIVE = re.compile(r"⟩[^⟨,]{0,4}?(?:中|里|当中|之中)?(?:的)?\s*(?:最|最为)(?:具|有)?(?:常用|常见|典型|代表性|著名|知名|有名|流行|经典|广泛使用|广为使用|为人熟知)的(?:一种|一个|例子|代表)?\s*(?:就|也|则|当属|要数)?\s*$")
# "A 的作用是 B", "A 学出的是 B": the predicate names what A does or yields
_CLEFT = re.compile(r"⟩\s*(?:的(?:作用|目的|功能|任务|思想|思路|做法|原理|意义|优势|优点|缺点|贡献|目标|输出|输入|结果)|[^⟨,的]{1,6}的)\s*(?:就|也|则)?\s*$")
# a group counted or governed by a verb is an object: "你需要 8 个⟨GPU⟩才能实现…"
_OBJECT_BEFORE = re.compile(r"(?:需要|需|增加|添加|加入|引入|去掉|删除|移除|[\d两几多]+\s*[个块张台种])\s*$")
# what may stand between a subject and its verb: adverbs, modals, "的作用是"; not a noun the group modifies
_SUBJECT_GAP = re.compile(
    r"(?:\s|也|还|则|就|都|又|才|再|便|仍然|仍|依然|同样|主要|通常|一般|往往|常常|经常|常|一直|已经|已|曾经|曾|首先|进一步|"
    r"直接|有效地|有效|很好地|较好地|能够|能|可以|可|会|将|要|需要|需|得以|用于|用来|被用来|旨在|专门|首次|率先|最终|共同|同时|分别|"
    r"不仅|不但|也是|则是|就是|是|被|可被|算法|方法|模型|网络|技术|机制|结构|模块|层|[A-Za-z]{1,8}(?=\s)|"
    r"的(?:作用|目的|核心|关键|思路|做法|主要任务|任务|意义|优势|优点|贡献)(?:就|则|也)?(?:是|在于))*")


# what a clause without a subject may say before its verb: connectives, adverbs, times and places, a step
_IMPLICIT = re.compile(
    r"(?:\s|[-*•>#\d.、()]|而且|而是|而|但是|但|并且|并|同时|此外|另外|因此|所以|于是|其中|首先|其次|然后|接着|最后|之后|随后|"
    r"就是|也是|即是|则是|便是|是|"
    r"先|再|还|也|则|就|又|都|只|仅|主要|通常|一般|往往|常常|基本上|基本|大体上|大体|大致上|大致|总体上|大多|大都|几乎|差不多|多少|可以|能够|能|可|会|需要|需|要|将|已经|已|进一步|直接|"
    r"简单来说|具体来说|具体而言|具体地|一般来说|实际上|事实上|当然|例如|比如|即|换言之|总之|除此之外|此外|值得注意的是|需要注意的是|"
    r"取而代之的是|取而代之|进而|从而|以此|借此|由此|相应地|同样地|类似地|这就|这也|这样|如此|"
    r"以[^⟨,]{0,12}?(?=力压|超过|优于|胜过|击败|实现|达到|$)|凭借[^⟨,]{0,10}|依靠[^⟨,]{0,10}|"
    r"在[^⟨,]{0,12}?(?:时|中|上|下|后|前|里|阶段|过程中|情况下)|每(?:个|一个|一|次|一次)?[^,;]{1,14}?(?:之后|之前|后|前|时|中|里)|⟨\d+⟩(?:之后|之前|后面|前面)|[\u4e00-\u9fff]{1,4}(?:时|的时候)|实现上|结构上|架构上|"
    r"对于[^⟨,]{0,8}|为了[^⟨,]{0,8}|(?:通过)?对\s*⟨\d+⟩[^⟨,]{0,6}?(?=采用|使用|引入|应用|进行|做|用)|前面|后面|中间|上面|下面|顶部|底部)*"
    # a clause that opens with its verb has no subject of its own: "提供了 X(支持使用 Y)"
    r"(?:(?:提供|支持|实现|包括|包含|具有|拥有|采用|使用|引入|加入|通过|利用|借助|结合|融合|设计)(?:了)?.*)?")


_LABEL = re.compile(r"[^⟨,]{0,10}(?:任务|方法|技术|特性|功能|模块|组件|步骤|特点|改进|优化|策略|部分|内容|目标|损失)")


_STAGE = re.compile(r"(?i)预训练|微调|训练|推理|部署|测试|评估|pre-?training|fine-?tuning|training|inference")


def _last_pair(text: str, concepts: tuple[str, ...]) -> list[str] | None:
    """The things last named together, that "前者 … 后者 …" point at: "对比 A 和 B, …, 前者用 X" """
    groups = coordinated(text)
    return [concepts[k] for k in groups[-1]] if groups else None


def _stage_of_context(sentence: _Sentence, context: Context, near: list[int]) -> Subject | None:
    """"(## GPT-1) 预训练使用的是 BooksCorpus": a stage of the model in context does what the model does."""
    if len(near) != 1 or not _STAGE.fullmatch(sentence.tmpl.surfaces[near[0]].strip()):
        return None
    whole = context.inherited(sentence.lm, own_head=False)
    if whole is None or len(whole.concepts) != 1 or sentence.categories.get(whole.concepts[0]) not in ("model", "method", "tool"):
        return None
    return Subject(whole.concepts, whole.evidence, whole.weight, False, False)


# "与 B 不同的是, …": what follows is how the subject differs, its first noun is no subject
_WHAT_DIFFERS = re.compile(r"(?:的是|在于|之处是)\s*$")
# "分为 A 和 B 两个步骤": what a thing is divided into are its steps or parts
_STEPS = re.compile(r"\s*(?:等)?\s*(?:[两二三四五六七八九十几多\d]+\s*个?)?(?:步骤|阶段|环节|步|部分|组成部分|过程)")
_STATE_OF = re.compile(r"⟨(\d+)⟩\s*的?\s*状态")
_DOING_A_TASK = re.compile(r"⟨(\d+)⟩\s*(?:分类|检测|分割|识别|翻译|问答|摘要|检索)(?![\u4e00-\u9fff]*(?:器|头|网络|模型|层|模块))")
_SUMMING_UP = re.compile(r"\s*(?:这|此)(?:就|便|正|也就|其实就|也)是")


def _introduced_as(before: str, reference: str) -> int | None:
    """"子网络结构⟨Inception⟩, 该结构…": a reference with a kind noun points at what that noun introduced."""
    noun = re.search(rf"{KIND_NOUN}$", reference)
    if noun is None:
        return None
    word = re.escape(noun.group(0))
    glued = [int(m.group(1) or m.group(2)) for m in re.finditer(rf"{word}\s*⟨(\d+)⟩|⟨(\d+)⟩\s*{word}(?![\u4e00-\u9fff])", before)]
    return glued[-1] if glued else None


def _versioned_by_topic(sentence: _Sentence, context: Context, k: int) -> str:
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
    return group_members(m.group(1))


def _instrument(sentence: _Sentence, index: int) -> tuple[str, ...] | None:
    """The group a subjectless clause opens by using: "使用⟨Dropout⟩…"."""
    clause = sentence.clauses[index]
    if clause.subject is not None or clause.reference is not None:
        return None
    m = _INSTRUMENT_CLAUSE.match(sentence.tmpl.text[clause.start : clause.end])
    return tuple(sentence.tmpl.concepts[k] for k in group_members(m.group(1))) if m else None


def _in_brackets(text: str, position: int) -> bool:
    opening = text.rfind("(", 0, position)
    return opening >= 0 and ")" not in text[opening:position]


def _glossed(text: str, position: int) -> list[int] | None:
    """The group a bracketed remark at ``position`` is attached to: "使用⟨0⟩(避免⟨1⟩)" -> [0]."""
    opening = text.rfind("(", 0, position)
    if opening < 0 or ")" in text[opening:position]:
        return None
    m = _GROUP_AT_END.search(text[:opening])
    return group_members(m.group(1)) if m else None


def _gloss_owner(text: str, k: int) -> int:
    """The name marker ``k`` is another name of: "⟨0⟩(⟨1⟩、⟨2⟩)" -> 0 for 1 and 2; ``k`` itself when it stands alone."""
    at = text.find(f"⟨{k}⟩")
    opening = text.rfind("(", 0, at)
    if opening < 0 or not re.fullmatch(r"\(\s*(?:⟨\d+⟩\s*(?:[、,/]|或)?\s*)+\)?", text[opening : text.find(")", at) + 1 or len(text)]):
        return k
    owner = _glossed(text, at)
    return owner[-1] if owner else k


def _opens_with_comparison(hit: Hit, clause: Clause, sentence: _Sentence) -> bool:
    """"相较于 GPTQ 的做法…, AWQ 更直观": a comparison the clause opens with is about the next clause's subject."""
    return hit.cue.type == "COMPARED_WITH" and hit.start - clause.start <= 1 and sentence.tmpl.text[clause.start : clause.start + 2] in ("相比", "相较", "相对", "比起", "对比", "较之")


def _fills(hit: Hit, clause: Clause, sentence: _Sentence) -> bool:
    """Is the cue phrase (nearly) all its clause says?"""
    if hit.cue.frame != "around" or hit.end > clause.end:
        return False
    body = sentence.tmpl.text[clause.start : clause.end]
    return len(re.sub(r"[\s,.;:]", "", body)) - (hit.end - hit.start) <= 4


def _apply(hit: Hit, sentence: _Sentence, context: Context, book: CueBook, collector: Collector,
           related: set[frozenset[str]]) -> None:
    cue = hit.cue
    tmpl = sentence.tmpl
    clause = sentence.clauses[sentence.clause_at(hit.start)]
    body_before = tmpl.text[clause.start : hit.start]
    if cue.type != "COMPARED_WITH":
        if any(book.hedge.search(tmpl.text[c.start : c.end]) for c in sentence.clauses if c.start <= clause.start):
            return  # "如果使用 X", "如果你想…, 可以用 X": a condition states nothing
        if book.expository.search(tmpl.text[clause.start : clause.end]):
            return  # "本文将结合 X 的例子介绍 Y": the note says what it does
        if book.negated(body_before) or _denied(tmpl.text, clause):
            return  # "不用单独训奖励模型", "并不是…, 然后…, 而是…"
        if re.search(r"(?:在|当)\s*$", body_before) and cue.frame == "verb":
            return  # "RNN 在处理长期依赖时…": a circumstance, not what it does
    if hit.modified and cue.bare_object:
        return  # "基于 Transformer 的神经网络": B modifies a noun, it is not what the clause is based on
    if cue.type == "USES" and cue.frame == "verb" and _MOVED_INTO.search(body_before) and _INTO_VERB.match(tmpl.text, hit.start):
        return  # "将门控引入激活函数": what follows the verb is where something goes, not what is used
    if cue.type == "USES" and hit.object_end >= 0 and _NOT_USED.match(tmpl.text, hit.object_end):
        return  # "加上 softmax 的精简", "通过消融实验发现": a change to B, or a finding, not B used
    if cue.type == "PART_OF" and _in_brackets(tmpl.text, hit.start):
        return  # "采用 ReLU(还包括 tanh 和 sigmoid)": examples in brackets, not parts
    if cue.frame == "verb" and hit.object_end >= 0 and _in_method_name(tmpl.text, hit, clause):
        return  # "解决 RNN 中梯度消失的方法主要有": a verb inside a name for methods
    evidence = [sentence.evidence]
    if hit.subjects is not None:
        subjects = tuple(tmpl.concepts[k] for k in hit.subjects)
        weight, written, local = cue.weight, True, True
    else:
        subject = _subject(hit, sentence, context)
        if cue.type == "IS_A" and subject is not None and subject.written and _noun_between(tmpl.text, clause, hit):
            return  # "逻辑回归推导出的经验风险函数是…": what is said to be a kind is the noun, not the subject
        if cue.frame == "copula" and subject is not None and not subject.written and re.match(r"\s*其中", body_before):
            return  # "其中 $\pi$ 是参考模型": a legend says what a symbol is, not what the topic is
        if subject is None or cue.frame == "copula" and not (subject.written or clause.reference or _after_bare_subject(sentence, clause) and _opens(body_before)):
            return  # "是一种…" says what its clause's subject is: not "剩下的3层为全连接层", nor "它有一条路线, 就是 X"
        if cue.own_subject and not subject.written:
            return  # "采用了多种改进, 包括 A、B": 包括 continues the object, it says nothing of parts
        subjects, written, local = subject.concepts, subject.written, subject.local or subject.written
        if not (subject.local or written) and any(collector.categories.get(s) in _NOT_DOERS for s in subjects):
            return  # a section about a task or a concept does not use things
        weight = cue.weight * subject.weight
        if subject.evidence is not None and not set(subjects) & set(tmpl.concepts):
            evidence = [subject.evidence, sentence.evidence]
    if hit.object_ref is not None:
        if re.fullmatch(PROBLEM_REF, hit.object_ref):
            named = context.problem(sentence.lm) if re.search(r"问题|现象|困难", hit.object_ref) else None
        else:
            earlier = [tmpl.concepts[k] for k in group_members(tmpl.text[: hit.start])]
            named = context.thing(sentence.lm, hit.object_ref, earlier, set(subjects))
        if named is None:
            return
        objects = (named[0],)
        if named[0] not in tmpl.concepts:
            evidence = evidence + [named[1]]
    else:
        # "引入了 Anchor Boxes(先验框、锚框、候选框)": names in brackets after an object are other names for it
        named = [_gloss_owner(tmpl.text, k) for k in hit.objects]
        # … unless the name before them is a kind they are examples of: "其他优化器(Adam、RMSProp)"
        named = [k if re.fullmatch(KIND_NOUN, tmpl.surfaces[o]) or name_key(tmpl.surfaces[o]) in book.generic else o
                 for o, k in zip(named, hit.objects)]
        objects = tuple(dict.fromkeys(tmpl.concepts[k] for k in named))
    if cue.type == "ADDRESSES" and hit.object_ref is None and not any(collector.categories.get(o) == "problem" for o in objects):
        objects = _problem_after(sentence, hit.start, clause.end) or objects  # "解决了深层网络训练中的梯度消失问题"
    generic = {tmpl.concepts[k] for k, surface in enumerate(tmpl.surfaces) if name_key(surface) in book.generic}
    surfaces = {c: s for c, s in sorted(zip(tmpl.concepts, tmpl.surfaces), key=lambda cs: has_cjk(cs[1]))}  # Chinese names win
    modifiers, kinds = _compound_modifiers(tmpl)
    # "引入 Swish 激活函数": the kind a name is written with is not a second thing
    objects = tuple(o for o in objects if o not in kinds) or objects
    if cue.type in ("USES", "PART_OF", "EXTENDS"):
        # "将⟨优化器⟩状态分布到多个 NPU 上": the state of a thing is not the thing;
        # "CLIP 能够实现 zero-shot 分类": a way of doing a task is what a model can do, not what it uses
        other = {tmpl.concepts[int(m.group(1))] for m in _STATE_OF.finditer(tmpl.text)}
        if cue.type == "USES":
            other |= {tmpl.concepts[a] for a, b in _compounds(tmpl) if collector.categories.get(tmpl.concepts[b]) == "task"}
            other |= {tmpl.concepts[int(m.group(1))] for m in _DOING_A_TASK.finditer(tmpl.text)}
        objects = tuple(o for o in objects if o not in other)
        if not objects:
            return
    subjects = tuple(s for s in subjects if s not in kinds) or subjects
    if (not written and set(subjects) <= set(objects) and sentence.lm.line.kind == "item"
            and cue.type == "USES" and _PUT_TO_USE.search(tmpl.text, hit.start, hit.end)):
        # "- **BN**: 每个卷积后都使用 BN": the item names what its section's topic uses, not a thing using itself
        outer = context.inherited(sentence.lm, own_head=False)
        if outer is None or set(outer.concepts) & set(objects):
            return
        subjects, weight = outer.concepts, cue.weight * outer.weight
        if outer.evidence is not None:
            evidence = [outer.evidence, sentence.evidence]
    if cue.type in ("IS_A", "COMPARED_WITH", "EXTENDS"):
        # "大模型微调", "混合精度训练 FP16": in a compound only the head says what the thing is
        objects = tuple(o for o in objects if o not in modifiers) or objects
        subjects = tuple(s for s in subjects if s not in modifiers) or subjects
    if cue.type == "IS_A" and hit.object_end >= 0 and _wrong_kind_noun(tmpl.text, hit, objects, collector.categories):
        return
    if cue.frame == "copula" and re.search(r"(?<!所)(?:以|使用|采用|用|选用|选择|利用)(?:了)?[^⟨,的]{0,4}⟨\d+⟩\s*$", tmpl.text[: hit.start]):
        return  # "以 A 为 B", "使用 A 作为 B": A is taken as B, and the subject is no kind of B
    attribute = _ATTRIBUTE_BEFORE_COPULA.search(body_before) if cue.frame == "copula" else None
    if attribute:
        # "BERT 所使用的激活函数是 GELU": GELU is the activation function BERT uses, BERT is no kind of GELU
        noun = tmpl.concepts[int(attribute.group(2))]
        for o in objects:
            if o != noun and _kind_fits(collector.categories.get(o, "concept"), collector.categories.get(noun, "concept")):
                collector.add(o, noun, "IS_A", cue.weight * 0.9, evidence, f"IS_A copula (what an attribute is): {cue.name}")
            if attribute.group(1) and o not in subjects:
                for a in subjects:
                    collector.add(a, o, "USES", cue.weight * 0.9, evidence, f"USES copula (what it uses is named): {cue.name}")
        return
    if cue.frame == "copula" and _SUPERLATIVE.search(body_before):
        subjects, objects = objects, subjects  # "A 最具代表性的就是 B": B is the typical A
    elif cue.type == "IS_A" and (_CLEFT.search(body_before) or tmpl.text.startswith("为", hit.start) and (
            re.search(r"将|把", body_before) or _done_into(tmpl, hit.start))):
        return  # "RoI Pooling 的作用是…", "强化学习出的是 reward", "将区域池化为…", "反量化为 FP16": what it does or yields, not what it is
    steps = cue.frame == "kinds" and _STEPS.match(tmpl.text, hit.end) is not None
    for a in dict.fromkeys(subjects):
        for b in dict.fromkeys(objects):
            if a == b or frozenset((a, b)) in related:
                continue
            rtype, source, target = _typed(cue, a, b, hit, collector.categories, local)
            if rtype == "IS_A" and steps:
                rtype = "PART_OF"  # "RLHF 分为奖励模型训练和 PPO 两个步骤": steps of it, not kinds
            if rtype == "PART_OF" and cue.frame == "verb" and _same_head(surfaces.get(a, ""), surfaces.get(b, "")):
                rtype, source, target = "IS_A", b, a  # "一般池化包括最大池化和平均池化": one head noun, kinds of it
            if rtype is None:
                continue
            if rtype in ("USES", "PART_OF", "EXTENDS") and (b in generic and not written or a in generic and rtype != "PART_OF"):
                # "(SegNet:) 使用卷积", "卷积层采用了卷积核": building blocks; a model whose part uses something uses it
                if rtype == "USES" and b not in generic and hit.subjects is None:
                    _lend_to_whole(a, b, weight, evidence, sentence, context, collector, cue)
                continue
            if collector.add(source, target, rtype, weight, evidence, f"{cue.type} {cue.frame}: {cue.name}"):
                related.add(frozenset((a, b)))
                if rtype == "USES" and hit.subjects is None:
                    _lend_to_whole(a, b, weight, evidence, sentence, context, collector, cue)
                owner = _named_owner(surfaces.get(b, ""), collector.categories) if rtype == "USES" else None
                if owner is not None and owner != a:  # "GPT 用 Transformer 解码器": it uses the Transformer too
                    collector.add(a, owner, "USES", weight * 0.9, evidence, f"{cue.type} {cue.frame} (the model a part is named by): {cue.name}")


_PUT_TO_USE = re.compile(r"使用|采用|用|引入|加入|加上|接")


# a component named by the model it belongs to: "Transformer Decoder", "Transformer 解码器", "BERT 编码器"
_COMPONENT_OF = re.compile(r"([A-Za-z][A-Za-z0-9\-.]*)\s*(?:Encoder|Decoder|Block|Layer|编码器|解码器|模块|层)")


def _named_owner(surface: str, categories: dict[str, str]) -> str | None:
    m = _COMPONENT_OF.fullmatch(surface.strip())
    owner = slug(m.group(1)) if m else None
    return owner if owner is not None and categories.get(owner) == "model" else None


def _in_method_name(text: str, hit: Hit, clause: Clause) -> bool:
    if _RELATIVE.match(text, hit.object_end):
        return True
    after = text[hit.start : clause.end]
    return bool(re.search(r"⟨\d+⟩(?:问题)?\s*(?:的)?\s*(?:方法|办法|措施|手段|途径|技巧|策略)", after)) and hit.cue.type == "ADDRESSES"


def _same_head(whole: str, part: str) -> bool:
    """Is ``part`` named as a kind of ``whole`` by its head noun (池化 / 最大池化, 一般池化 / 平均池化)?"""
    if len(whole) >= 2 and has_cjk(whole) and len(part) > len(whole) and part.endswith(whole):
        return True
    return len(whole) > 2 and len(part) > 2 and whole[-2:] == part[-2:] and has_cjk(whole[-2:])


_MOVED_INTO = re.compile(r"(?:将|把)[^,;:。]{1,16}$")
_INTO_VERB = re.compile(r"(?:引入|加入|融入|集成|融合|结合|嵌入|应用)")
# "A 所使用的 B 是", "A 的 B 是": the copula says what B is
_ATTRIBUTE_BEFORE_COPULA = re.compile(r"(?:(所?(?:使用|采用|用到|用|选用)(?:了)?)|[^⟨,;]{0,2})的\s*⟨(\d+)⟩\s*(?:就|也|则)?\s*$")


def _noun_between(text: str, clause: Clause, hit: Hit) -> bool:
    """Is there "的 + a noun" between the clause's last group before the cue and the cue?"""
    before = text[clause.start : hit.start]
    last = before.rfind("⟩")
    return last >= 0 and bool(re.search(r"的[\u4e00-\u9fffA-Za-z]{2,}", before[last + 1 :]))


def _after_bare_subject(sentence: _Sentence, clause: Clause) -> bool:
    """Does the clause before this one name only its subject ("QLoRA:", "LSTM,")?"""
    index = sentence.clauses.index(clause)
    if index == 0:
        return True
    before = sentence.clauses[index - 1]
    return before.subject is not None and not sentence.tmpl.text[before.subject[1] : before.end].strip()


def _opens(body_before: str) -> bool:
    """Does a cue open its clause ("QLoRA: 是一种…", "它是…"): nothing but a connective before it?"""
    return len(re.sub(r"[\s,:]|也|则|而|就|即|还|又|都|其实|本身|实际上", "", body_before)) == 0


def _denied(text: str, clause: Clause) -> bool:
    """Is the clause inside "不是 …, 而是 …" before the 而是?"""
    before, after = text[: clause.start], text[clause.end :]
    return bool(_DENIED.search(before) or _DENIED.search(text[clause.start : clause.end])) and "而是" in after


_NOUN_CATEGORY = (
    (re.compile(r"网络|模型|架构"), ("model",)),
    (re.compile(r"算法|方法|策略|技巧|方案"), ("method", "technique", "optimizer")),
    (re.compile(r"层|模块|结构|组件|单元|机制"), ("component", "technique")),
    (re.compile(r"框架|库|工具|引擎"), ("tool",)),
    (re.compile(r"函数|损失"), ("loss", "component")),
)


def _wrong_kind_noun(text: str, hit: Hit, objects: tuple[str, ...], categories: dict[str, str]) -> bool:
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


# a concept named after a name as its kind: "ReLU 激活函数", "Focal 损失", "GAN Loss"
_KIND_CONCEPT = re.compile(r"(?i).{0,6}(?:函数|损失|loss|激活|激活函数|网络|模型|算法|架构|框架|优化器|方法|机制)$")


def _compound_modifiers(tmpl: Template) -> tuple[set[str], set[str]]:
    """The concepts that only qualify another in a compound of adjacent names, and the kinds names are written with.

    The head of "⟨Transformer⟩⟨解码器⟩" is the decoder (the modifier: Transformer);
    of "⟨ReLU⟩⟨激活函数⟩" it is ReLU, the second naming its kind.
    """
    modifiers, kinds = set(), set()
    for first, second in _compounds(tmpl):
        if _KIND_CONCEPT.fullmatch(tmpl.surfaces[second]) and not has_cjk(tmpl.surfaces[first]):
            kinds.add(tmpl.concepts[second])
        elif _STAGE.fullmatch(tmpl.surfaces[second].strip()) and not has_cjk(tmpl.surfaces[first]):
            kinds.add(tmpl.concepts[second])  # "⟨RoBERTa⟩⟨预训练⟩的时候": the model at a stage, not a second thing
        else:
            modifiers.add(tmpl.concepts[first])
    return modifiers, kinds


def _compounds(tmpl: Template) -> list[tuple[int, int]]:
    return [(int(m.group(1)), int(m.group(2))) for m in re.finditer(r"⟨(\d+)⟩(?=⟨(\d+)⟩)", tmpl.text)]


def _done_into(tmpl: Template, at: int) -> bool:
    """``反量化为 FP16``: 为 after an activity (量化, 编码, 映射…) says what it turns something into."""
    m = re.search(r"⟨(\d+)⟩\s*$", tmpl.text[:at])
    return m is not None and ends_in_activity(tmpl.surfaces[int(m.group(1))])


def _problem_after(sentence: _Sentence, start: int, end: int) -> tuple[str, ...]:
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


def _lend_to_whole(part: str, used: str, weight: float, evidence: list[Evidence], sentence: _Sentence,
                   context: Context, collector: Collector, cue: Cue) -> None:
    """"(AlexNet:) 所有卷积层都使用 ReLU": what a component of the model in context uses, the model uses."""
    if sentence.categories.get(part) != "component":
        return
    whole = context.inherited(sentence.lm)
    if whole is None or len(whole.concepts) != 1 or sentence.categories.get(whole.concepts[0]) != "model":
        return
    model = whole.concepts[0]
    if model in (part, used):
        return
    extra = [whole.evidence] if whole.evidence is not None and model not in sentence.tmpl.concepts else []
    collector.add(model, used, "USES", weight * whole.weight * 0.8, extra + evidence, f"{cue.type} {cue.frame} (a part of the model in context): {cue.name}")


def _typed(cue: Cue, a: str, b: str, hit: Hit, categories: dict[str, str], local: bool = True) -> tuple[str | None, str, str]:
    """The relation a cue states between subject ``a`` and object ``b``, or None when their categories forbid it."""
    ca, cb = categories.get(a, "concept"), categories.get(b, "concept")
    if cue.when_a and ca not in cue.when_a or cue.when_b and cb not in cue.when_b:
        return None, a, b
    rtype = cue.type
    if rtype == "ADDRESSES":
        if cb != "problem":
            # "为了解决 RoI Pooling 的缺点, 提出了 RoI Align": what is proposed to fix a method's flaw improves on it
            # "LN 解决了 BN 的问题": so does a thing of B's kind said in so many words to solve B's problem
            same = ca == cb != "concept" and local
            if hit.flaw and (cue.frame == "purpose" or same) and cb in _KIND_CATEGORIES and ca in _KIND_CATEGORIES:
                return "EXTENDS", a, b
            return None, a, b
        if ca == "problem":
            return None, a, b
    elif rtype == "USES" and ca == "problem":
        return "ADDRESSES", b, a  # "样本不均衡如何处理: 使用GAN…"
    elif rtype == "USES" and cue.frame == "modifier" and ca == cb == "optimizer":
        return "EXTENDS", b, a  # "基于动量的 SGD": the optimizer named by what it adds is a variant of the one it modifies
    elif rtype == "IS_A":
        if cb not in _KIND_CATEGORIES or not _kind_fits(ca, cb) or hit.modified:
            return None, a, b
        if cue.frame == "copula" and hit.changed:
            return "EXTENDS", a, b  # "ZFNet 实际上是微调了的 AlexNet": a changed B is a variant of it
    elif rtype in ("USES", "EXTENDS", "PART_OF") and cb in _NOT_BUILT_WITH:
        return None, a, b
    elif rtype == "EXTENDS" and (ca not in _KIND_CATEGORIES or cb not in _KIND_CATEGORIES - {"metric"}):
        return None, a, b
    if rtype == "COMPARED_WITH" and _comparable(ca) != _comparable(cb):
        return None, a, b  # "HF 比吞吐量…": a tool is not compared with a measure
    if rtype == "PART_OF" and cue.frame == "verb" and ca == cb != "component":
        return None, a, b  # "集成学习包括 Bagging": two methods, a whole and its part or a kind, the sentence does not say
    if cue.reverse:
        return rtype, b, a
    return rtype, a, b


def _comparable(category: str) -> str:
    """What can be set against what: things (models, methods, tools…) against things, measures against measures."""
    return category if category in ("metric", "problem", "task", "dataset") else "thing"


def _kind_fits(specific: str, general: str) -> bool:
    """Can a concept of category ``specific`` be a kind of one of category ``general``?"""
    if specific == general or general == "concept":
        return True  # a concept (学习率, 步长) is a kind of no model, method or component
    families = ({"method", "technique", "optimizer", "loss"}, {"model", "method", "component"}, {"component", "technique"})
    return any(specific in f and general in f for f in families)


def combine(findings: list[Findings], categories: dict[str, str], names: dict[str, str] | None = None,
            mentions: Callable[[str], list[Evidence]] | None = None, surfaces: dict[str, str] | None = None) -> list[Relation]:
    """Relations with their confidence from the findings of every document.

    ``names`` (concept id -> name) links versions and sizes to their family
    (:func:`kg.families.family_links`: ``VGG16`` IS_A ``VGG``, ``LLaMA 2``
    EXTENDS ``LLaMA``) where a sentence names both, and lets a comparison of
    ``K-Means`` and ``K-Means++`` also state that the versioned one extends the other.
    ``mentions`` (concept id -> the first line naming it in each document)
    shows a family link no sentence states with a line naming each of the two,
    and a kind read off the names (``surfaces``, surface -> concept: 相对位置编码 / 位置编码) in a document naming both.
    """
    collector = Collector(categories)
    for found in findings:
        for key, weight, ev, cue in found.evidence:
            collector.evidence[key].append((weight, ev, cue))
        for pair, ev in found.cooccur:
            collector.cooccur[pair].append(ev)
    if names:
        _versioned(collector, names)
        _families(collector, names, mentions)
    if mentions is not None and surfaces:
        _named_kinds(collector, surfaces, mentions, names or {})
    return _finish(collector)


def _named_kinds(collector: Collector, surfaces: dict[str, str], mentions: Callable[[str], list[Evidence]], names: dict[str, str]) -> None:
    """相对位置编码 is a kind of 位置编码 when one document names both and no sentence relates them otherwise.

    The two are of one sort, or the general one is a kind noun (优化器, 神经网络, Loss Function): Adaptive
    Gradient is no kind of gradient, 梯度消失 none of 梯度.
    """
    categories = collector.categories
    for specific, general, head, surface in sorted(set(_named_heads(surfaces))):
        if any((specific, general, t) in collector.evidence or (general, specific, t) in collector.evidence for t in _TYPES_BETWEEN):
            continue
        cs, cg = categories.get(specific, "concept"), categories.get(general, "concept")
        same = cs == cg and cg not in ("concept", "problem", "metric") or {cs, cg} <= {"method", "technique"}
        if not (same or cg == "concept" and cs != "problem" and _KIND_HEAD.search(head)):
            continue
        if not _head_word(head, surface, names.get(general, "")):
            continue  # 轻量化 is not 轻量 + 量化; "Hyperparameter Tuning" is no fine-tuning though "Tuning" names it
        evidence = _one_line_each(mentions(specific), mentions(general))
        if evidence:
            collector.add(specific, general, "IS_A", 0.55, evidence, "kind: its name ends with the other's")


def _head_word(head: str, specific_surface: str, general_name: str) -> bool:
    """The head a name ends with stands as a word of it: an English head is the general concept's own
    name; a Chinese head does not begin inside a word (序列并行 is no 列并行), and one of two characters
    follows two or more (最大池化, not 轻量化)."""
    if head.isascii():
        return name_key(head) == name_key(general_name)
    start = len(specific_surface) - len(head)
    if common_word(specific_surface[start - 1 : start + 1]):
        return False  # 序列并行 is 序列 + 并行, not 序 + 列并行
    return len(head) >= 3 or start >= 2


_TYPES_BETWEEN = ("IS_A", "PART_OF", "USES", "EXTENDS", "COMPARED_WITH", "ADDRESSES")
_KIND_HEAD = re.compile(r"(?:器|网络|函数|模型|机制|算法|(?<!\w)(?:optimizer|network|function|model|mechanism|algorithm))$", re.I)


def _families(collector: Collector, names: dict[str, str], mentions: Callable[[str], list[Evidence]] | None) -> None:
    """A version extends its family's earlier one, a size is a kind of its family: shown by a sentence
    naming both, or else by a line naming each in one document (two notes that each name one show nothing)."""
    from kg.families import family_links

    for specific, family, rtype in family_links(names):
        if (specific, family, rtype) in collector.evidence:
            continue
        evidence = list(dict.fromkeys(collector.cooccur.get(tuple(sorted((specific, family))), [])))[:3]
        if not evidence and mentions is not None:
            evidence = _one_line_each(mentions(specific), mentions(family))
        if evidence:
            kind = "a version of" if rtype == "EXTENDS" else "a size of"
            collector.add(specific, family, rtype, 0.6, evidence, f"family: {kind} its family, by name")


def _one_line_each(specific: list[Evidence], family: list[Evidence]) -> list[Evidence]:
    """A line naming each concept, from a document naming both."""
    for ev in specific:
        same = next((other for other in family if other.doc == ev.doc), None)
        if same is not None:
            return [ev, same] if ev.line <= same.line else [same, ev]
    return []


# a prefix that makes the opposite or a near thing, not a kind: 非对称量化 is no 对称量化, 反量化 no 量化, 半监督学习 no 监督学习
_NEGATING = frozenset({"非", "反", "去", "无", "逆", "不", "未", "半", "拟", "伪"})


def kinds_by_name(surfaces: dict[str, str]) -> frozenset[tuple[str, str]]:
    """(specific, general) concept pairs where a Chinese name ends with another's: 旋转位置编码 / 位置编码.

    >>> sorted(kinds_by_name({"L2正则化": "l2", "正则化": "reg", "RoPE": "rope", "非对称量化": "asym", "对称量化": "sym"}))
    [('l2', 'reg')]
    """
    return frozenset((specific, general) for specific, general, _, _ in _named_heads(surfaces))


def _named_heads(surfaces: dict[str, str]):
    """(specific, general, the general's name as the head of the specific's, the specific's name) for names ending with another's."""
    chinese = {s: c for s, c in surfaces.items() if s and "\u4e00" <= s[-1] <= "\u9fff"}
    for surface, specific in chinese.items():
        for start in range(1, len(surface) - 1):
            general = chinese.get(surface[start:])
            if general and general != specific and surface[:start] not in _NEGATING:
                yield specific, general, surface[start:], surface
    # English names end with their head word too: "Weight Normalization" / "Normalization"
    latin = {s.casefold(): c for s, c in surfaces.items() if s.isascii() and " " in s.strip()}
    # the head must be a common noun (Normalization, Attention), not a name (LoRA in "Quantized LoRA")
    words = {s.casefold(): c for s, c in surfaces.items() if s.isascii() and s.isalpha() and len(s) > 5 and s[1:].islower()}
    for surface, specific in latin.items():
        head = surface.rsplit(" ", 1)[1]
        general = words.get(head)
        if general and general != specific:
            yield specific, general, head, surface


def _versioned(collector: Collector, names: dict[str, str]) -> None:
    from kg.names import name_key

    for (a, b, rtype), items in list(collector.evidence.items()):
        if rtype != "COMPARED_WITH":
            continue
        for base, later in ((a, b), (b, a)):
            kb, kl = name_key(names.get(base, "")), name_key(names.get(later, ""))
            if kb and kl.startswith(kb) and _VERSION_SUFFIX.match(kl[len(kb):]):
                for weight, ev, _ in items:
                    collector.add(later, base, "EXTENDS", min(weight, 0.6), [ev], "compared with its versioned name")


def _confidence(weights_by_doc: dict[str, float]) -> float:
    remaining = 1.0
    for weight in weights_by_doc.values():
        remaining *= 1.0 - weight
    return min(0.99, 1.0 - remaining)


def _finish(collector: Collector) -> list[Relation]:
    relations: dict[tuple[str, str, str], Relation] = {}
    for key, items in collector.evidence.items():
        best: dict[str, float] = {}
        for weight, ev, _ in items:
            best[ev.doc] = max(best.get(ev.doc, 0.0), weight)
        evidence = list(dict.fromkeys(ev for _, ev, _ in items))[:20]
        cues = list(dict.fromkeys(cue for _, _, cue in items))
        relations[key] = Relation(key[0], key[1], key[2], _confidence(best), evidence, [], cues)
    _drop_contradictions(relations)
    stated_pairs = {frozenset((s, t)) for s, t, _ in relations}
    for (a, b), evs in collector.cooccur.items():
        if frozenset((a, b)) in stated_pairs or len(evs) < 2:
            continue
        docs = {ev.doc for ev in evs}
        unique = list(dict.fromkeys(evs))
        relations[(a, b, "RELATED_TO")] = Relation(
            a, b, "RELATED_TO", min(0.6, 0.15 * len(unique) + 0.1 * len(docs)), unique[:5], [], ["co-occurrence"]
        )
    return sorted(relations.values(), key=lambda r: (r.source, r.type, r.target))


def _drop_contradictions(relations: dict[tuple[str, str, str], Relation]) -> None:
    """A IS_A/EXTENDS/PART_OF B and the reverse cannot both hold: keep the better supported."""
    for (source, target, rtype) in list(relations):
        if rtype in SYMMETRIC_TYPES:
            continue
        forward = relations.get((source, target, rtype))
        reverse = relations.get((target, source, rtype))
        if forward is None or reverse is None:
            continue
        weaker = min((forward, reverse), key=lambda r: (r.confidence, len(r.evidence), r.source))
        del relations[weaker.key]
