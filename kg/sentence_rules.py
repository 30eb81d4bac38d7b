"""Sentence rules: relations read from a whole sentence's shape rather than from one cue.

A role filled in a model ("FPN 的 backbone 是 ResNet"), a kind written with
its member ("流水线并行方案 GPipe"), a remedy for a problem met, a whole named
with its parts, a succession ("从 A 到 B 的发展"), a variant in a section on
variants, who adopted the thing in context ("LLaMA、PaLM 等模型都采用了").
"""
from __future__ import annotations

import re

from kg.clauses import GROUP, KIND_NOUN, Template, group_members, marker_indices
from kg.collector import Collector
from kg.context import Context, Subject
from kg.cues import CueBook
from kg.model import Evidence
from kg.names import has_cjk
from kg.subjects import STAGE, Sentence, written_subject

__all__ = ["sentence_rules", "KIND_CATEGORIES", "KIND_CONCEPT", "NOT_BUILT_WITH", "NOT_DOERS", "compounds", "kind_fits"]


_INTRODUCED = re.compile(r"\s*(?:由[^⟨,。]{0,20}?|[^⟨,。]{0,6}?)提出(?:了)?的\s*(⟨\d+⟩)")


# a subject category that cannot do what a cue says
KIND_CATEGORIES = frozenset({"method", "technique", "model", "component", "loss", "optimizer", "metric", "concept", "tool"})


# who cannot do what a cue says when the sentence leaves the subject to its context: a section about a task
NOT_DOERS = frozenset({"task", "problem", "metric", "dataset"})


# what nothing is built with or extends: "在目标检测的基础上" names a task, not a base
NOT_BUILT_WITH = frozenset({"problem", "task", "metric", "dataset"})


# a role no concept names: "LightGBM基模型是决策树"
_ROLE_WORDS = r"基模型|基础模型"
_ROLE = re.compile(rf"(?:(?P<owner>⟨\d+⟩)\s*(?:的)?\s*|(?P<ref>其|它的)\s*)?(?P<role>⟨\d+⟩|{_ROLE_WORDS})\s*(?:就|也|则)?\s*(?:是|为|采用|使用|用的是|选用|:)\s*"
                   rf"(?:[A-Za-z][A-Za-z0-9\-.]{{1,24}}\s*[+、,和]\s*)*(?P<B>{GROUP})")


# "ResNet 被用作 Faster R-CNN 的主干网络", "以 VGG16 作为 SSD 的 backbone": what serves in a model's role
_SERVES_AS = re.compile(rf"(?P<B>{GROUP})\s*(?:常|通常|常常|一般|也|则)?\s*(?:被|可以被|可被|可以|可)?\s*(?:用作|用做|作为|当作|当做|充当)(?:了)?\s*"
                        rf"(?P<owner>⟨\d+⟩)\s*(?:中|里)?\s*的\s*(?P<role>⟨\d+⟩|{_ROLE_WORDS})")


def _earlier_subject(sentence: Sentence, position: int) -> Subject | None:
    """"A 是…, 其 backbone 是 B": a 其 after the sentence's own subject is that subject."""
    index = sentence.clause_at(position)
    return written_subject(sentence, 0) if index > 0 else None


def _roles(sentence: Sentence, context: Context, book: CueBook, collector: Collector, related: set) -> None:
    """"FPN 的 backbone 是 ResNet-101", "其 backbone 是 …", "(Mask R-CNN:) Backbone: ResNeXt-101+FPN":
    what fills a role in a model is used by the model."""
    tmpl = sentence.tmpl
    last_owners = None
    for m in _SERVES_AS.finditer(tmpl.text):
        role = m.group("role")
        if role.startswith("⟨") and not book.names_role(tmpl.surfaces[int(role[1:-1])]):
            continue
        owner = tmpl.concepts[int(m.group("owner")[1:-1])]
        for k in group_members(m.group("B")):
            used = tmpl.concepts[k]
            if owner != used and collector.add(owner, used, "USES", 0.75, [sentence.evidence], "USES role: serves as a model's backbone (encoder…)"):
                related.add(frozenset((owner, used)))
    for m in _ROLE.finditer(tmpl.text):
        named = m.group("role").startswith("⟨")
        role = int(m.group("role")[1:-1]) if named else None
        if named and not book.names_role(tmpl.surfaces[role]) or not named and not m.group("owner"):
            continue
        evidence = [sentence.evidence]
        if m.group("owner"):
            owners = last_owners = (tmpl.concepts[int(m.group("owner")[1:-1])],)
        elif last_owners and not m.group("ref"):
            owners = last_owners  # "X 的激活函数是 A, 优化器采用 B": the same owner
        else:
            subject = _earlier_subject(sentence, m.start()) if m.group("ref") else None
            if subject is None:
                subject = context.referent(sentence.lm, "其", [], []) if m.group("ref") else context.inherited(sentence.lm, own_head=False)
            if subject is None:
                continue
            owners = subject.concepts
            if subject.evidence is not None and not set(owners) & set(tmpl.concepts):
                evidence = [subject.evidence, sentence.evidence]
        if named and tmpl.concepts[role] in owners or re.match(r"\s*(?:中|里|之中|当中|的一)", tmpl.text[m.end() :]):
            continue  # "(## 模态编码器) 模态编码器是多模态大模型中的一个组件": the role is what the sentence is about
        if named:
            related.add(frozenset((tmpl.concepts[role], tmpl.concepts[int(m.group("B").split("⟩")[0][1:])])))
        for owner in owners:
            for k in group_members(m.group("B")):
                used = tmpl.concepts[k]
                if owner != used and collector.categories.get(used) not in NOT_BUILT_WITH:
                    collector.add(owner, used, "USES", 0.75, evidence, "USES role: the backbone (encoder…) of a model")
                    related.add(frozenset((owner, used)))


# (the second name in a lookahead: "⟨微批次⟩⟨流水线并行⟩方案⟨GPipe⟩" is read at each name)
_APPOSITION = re.compile(rf"⟨(\d+)⟩\s*(?:{KIND_NOUN})?\s*(?=⟨(\d+)⟩(?!\s*(?:[、和与及]|\(⟨)))")
# "参数高效微调方法 LoRA、AdaLoRA、QLoRA": a named kind before a list names the kind of each
_KIND_BEFORE_LIST = re.compile(rf"⟨(\d+)⟩\s*(?P<kind>{KIND_NOUN})?\s*(?P<list>⟨\d+⟩(?:\s*[、和与及]\s*⟨\d+⟩)+)")
_ENDS_IN_KIND = re.compile(rf"(?:{KIND_NOUN}|方案)$")


def _appositions(sentence: Sentence, collector: Collector, related: set) -> None:
    """A kind right before a name is what the name is: "流水线并行方案 GPipe", "参数高效微调方法 LoRA";
    and a kind right after it: "Swish 激活函数"."""
    tmpl = sentence.tmpl
    for first, second in compounds(tmpl):
        if KIND_CONCEPT.fullmatch(tmpl.surfaces[second]) and not has_cjk(tmpl.surfaces[first]):
            a, b = tmpl.concepts[first], tmpl.concepts[second]
            ca, cb = collector.categories.get(a, "concept"), collector.categories.get(b, "concept")
            if a != b and cb in KIND_CATEGORIES and ca != "concept" and kind_fits(ca, cb) and \
                    collector.add(a, b, "IS_A", 0.6, [sentence.evidence], "IS_A: a name written with its kind"):  # (not "LLM 推理框架")
                related.add(frozenset((a, b)))
    for m in _KIND_BEFORE_LIST.finditer(tmpl.text):
        if not (m.group("kind") or _ENDS_IN_KIND.search(tmpl.surfaces[int(m.group(1))])):
            continue
        b = tmpl.concepts[int(m.group(1))]
        for k in group_members(m.group("list")):
            a = tmpl.concepts[k]
            ca, cb = collector.categories.get(a, "concept"), collector.categories.get(b, "concept")
            if a != b and not has_cjk(tmpl.surfaces[k]) and cb in KIND_CATEGORIES and kind_fits(ca, cb):
                if collector.add(a, b, "IS_A", 0.7, [sentence.evidence], "IS_A apposition: a kind, then the names of its members"):
                    related.add(frozenset((a, b)))
    for m in _APPOSITION.finditer(tmpl.text):
        general, specific = int(m.group(1)), int(m.group(2))
        between = tmpl.text[m.end(1) + 1 : m.start(2) - 1]
        named_kind = between.strip() or _ENDS_IN_KIND.search(tmpl.surfaces[general]) or has_cjk(tmpl.surfaces[general])
        if has_cjk(tmpl.surfaces[specific]) or not named_kind or STAGE.fullmatch(tmpl.surfaces[general].strip()):
            continue  # "大模型微调", "PyTorch FSDP", "预训练 LLM": a compound, two names or a stage, not a kind and its member
        if _VERB_BEFORE.search(tmpl.text[: m.start()]):
            continue  # "为什么要量化 KV Cache": a verb and what it acts on
        a, b = tmpl.concepts[specific], tmpl.concepts[general]
        ca, cb = collector.categories.get(a, "concept"), collector.categories.get(b, "concept")
        # "增强版数据并行 ZeRO": an enhanced version of the kind extends it
        rtype = "EXTENDS" if re.search(r"(?:增强|改进|简化|升级|优化|轻量|加速|扩展)版(?:的)?\s*$", tmpl.text[: m.start()]) else "IS_A"
        if a == b or cb not in KIND_CATEGORIES or rtype == "IS_A" and not kind_fits(ca, cb) or ca not in KIND_CATEGORIES:
            continue
        if not (between.strip() or _ENDS_IN_KIND.search(tmpl.surfaces[general])) and (cb == "concept" or ca == "model" != cb):
            continue  # "多模态 LLM", "自训练 ViT": a field or a way of making it, said of the name, no kind it belongs to
        if collector.add(a, b, rtype, 0.7, [sentence.evidence], f"{rtype} apposition: a kind, then its name"):
            related.add(frozenset((a, b)))


# what makes the word after it a verb: "要量化 KV Cache", "如何剪枝 BERT"
_VERB_BEFORE = re.compile(r"(?:要|需要|来|去|如何|怎么|怎样|能够|能|可以|会|将|把|先|再|不|没有|已经|直接|同时|进一步)\s*$")


_REMEDY = re.compile(
    rf"(?:遇到|出现|存在|发生|面临|产生)[^。;]{{0,16}}?(?P<P>{GROUP})[^。;]{{0,24}}?(?:时|的时候|的情况下|情况时)\s*,?"
    rf"[^⟨。;]{{0,8}}?(?:尝试|使用|采用|用|加入|引入|借助|利用)(?:了)?\s*(?P<R>{GROUP})\s*(?:来|去|以)?(?:解决|缓解|处理|应对|避免|克服)")


def _remedy(sentence: Sentence, collector: Collector, related: set) -> None:
    """"遇到梯度爆炸等状况时可以尝试 BN 来解决": the remedy addresses the problem met."""
    for m in _REMEDY.finditer(sentence.tmpl.text):
        problems = [sentence.tmpl.concepts[k] for k in group_members(m.group("P")) if sentence.categories.get(sentence.tmpl.concepts[k]) == "problem"]
        for remedy in (sentence.tmpl.concepts[k] for k in group_members(m.group("R"))):
            for problem in problems:
                if sentence.categories.get(remedy) != "problem" and collector.add(remedy, problem, "ADDRESSES", 0.75, [sentence.evidence], "ADDRESSES: 遇到 B 时用 A 来解决"):
                    related.add(frozenset((remedy, problem)))


# "解决类别不平衡的常用方法有: 过采样、欠采样", "处理多重共线性, 常用的方法包括 PCA": each way named solves it
_WAYS_LISTED = re.compile(
    rf"(?:解决|缓解|处理|应对|防止|避免|克服|减轻)(?:了)?\s*(?P<P>{GROUP})\s*(?:问题|现象)?\s*[,]?\s*的?\s*(?:常用|常见|主要|一般|典型)?的?"
    rf"(?:方法|办法|手段|措施|方案|策略|技巧|思路|做法)(?:主要)?(?:有|包括|包含|是|为|如)(?:以下几种|下面几种|如下)?\s*:?\s*(?P<S>{GROUP})")
_SOLVERS = frozenset({"method", "technique", "component", "model", "loss", "optimizer"})


def _ways_listed(sentence: Sentence, collector: Collector, related: set) -> None:
    tmpl, categories = sentence.tmpl, sentence.categories
    for m in _WAYS_LISTED.finditer(tmpl.text):
        problems = [tmpl.concepts[k] for k in group_members(m.group("P")) if categories.get(tmpl.concepts[k]) in ("problem", "concept")]
        for way in (tmpl.concepts[k] for k in group_members(m.group("S"))):
            for problem in problems:
                if categories.get(way) in _SOLVERS and collector.add(way, problem, "ADDRESSES", 0.75, [sentence.evidence], "ADDRESSES: 解决 B 的方法有 A"):
                    related.add(frozenset((way, problem)))


_COMBINED = re.compile(rf"将?\s*(?P<parts>{GROUP})\s*(?:相|进行|一起)?(?:结合|组合|融合|混合)(?:起来|使用|在一起)?[^⟨。;]{{0,8}}?(?:被)?(?:称为|叫做|称作|叫|即)\s*(?P<whole>⟨\d+⟩)")
_PARTS_INSIDE = re.compile(rf"在(?:每个|每一个|每一|每)?\s*(?P<whole>⟨\d+⟩)\s*(?:层|模块|块|结构|单元)?(?:中|里|内)?\s*(?:都)?(?:包含|包括|含有|由)(?:了)?\s*:?\s*(?P<parts>{GROUP})")


def _combined(sentence: Sentence, collector: Collector, related: set) -> None:
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


# "前面讲了 A、B 和 C 等多种方式, …通常会组合这些方式一起使用": the thing the section is about combines them
_COMBINED_BACK = re.compile(rf"(?P<parts>{GROUP})[^。;]*?(?:组合|结合|融合|混合|综合)(?:使用|运用|起)?(?:了)?\s*"
                            rf"(?:这些|这几种|这两种|这三种|上述|以上|前面的|前述的?|多种|几种)[^⟨,。;]{{0,6}}?(?:{KIND_NOUN}|方式|技术|手段)")


def _combined_back(sentence: Sentence, context: Context, collector: Collector, related: set) -> None:
    m = _COMBINED_BACK.search(sentence.tmpl.text)
    members = [sentence.tmpl.concepts[k] for k in group_members(m.group("parts"))] if m else []
    if len(members) < 2:
        return
    whole = context.inherited(sentence.lm, own_head=False)
    if whole is None or len(whole.concepts) != 1 or whole.concepts[0] in members:
        return
    evidence = [e for e in (whole.evidence, sentence.evidence) if e is not None]
    for part in members:
        if collector.add(whole.concepts[0], part, "USES", 0.7, evidence, "USES: combines the things listed before"):
            related.add(frozenset((whole.concepts[0], part)))


_NEEDS_ADOPTED = re.compile(r"(?:采用|使用|沿用|用到|应用|借鉴)(?:了)?\s*(?:它|这|该|此)?[^⟨,;。.!?]{0,3}(?:[,;。.!?]|$)")
_USED_IN = re.compile(rf"(?P<B>{GROUP})[^⟨,。]{{0,4}}?(?:也|还|同样|都)?(?:被)?(?:在|于)(?:该|这个|整个)?(?:模型|网络|架构|结构|其中|框架)(?:中|里|内)?"
                      r"(?:被)?(?:广泛|大量|普遍|多次|频繁)?地?(?:应用|使用|采用|用到)")


def _used_in_context(sentence: Sentence, context: Context, collector: Collector, related: set) -> None:
    """"(Inception v3:) 批量归一化也在模型中广泛应用": the model of the context uses it."""
    m = _USED_IN.search(sentence.tmpl.text)
    if m is None:
        return
    whole = context.inherited(sentence.lm, own_head=False)
    if whole is None or len(whole.concepts) != 1 or collector.categories.get(whole.concepts[0]) in NOT_DOERS:
        return
    model = whole.concepts[0]
    evidence = ([whole.evidence] if whole.evidence is not None and model not in sentence.tmpl.concepts else []) + [sentence.evidence]
    for k in group_members(m.group("B")):
        used = sentence.tmpl.concepts[k]
        if used != model and collector.add(model, used, "USES", 0.7 * whole.weight, evidence, "USES: X 在模型中广泛应用 (the model in context)"):
            related.add(frozenset((model, used)))


# "LLaMA、PaLM 等模型都采用了(这种方法)。", "被 LLaMA 等模型广泛使用": who adopted the thing the text is about, the thing left unwritten
_ADOPTED = (r"(?:[^⟨,。;:()被]{0,8}?)?\s*(?:都|均|也|已|已经|同样|纷纷|普遍|广泛|大量|所)*\s*(?:采用|使用|沿用|用到|应用|借鉴)(?:了)?\s*"
            rf"(?:它|这种?(?:{KIND_NOUN}|技术|设计)|该(?:{KIND_NOUN}|技术|设计)|此(?:{KIND_NOUN}|技术|设计))?\s*(?=[,;。.!?]|$)")
_ADOPTERS = re.compile(rf"(?:^|(?<=[,;:]))\s*(?:目前|现在|如今|后来|后续|包括)?\s*(?:(?:它|[这该此][^⟨,]{{0,4}}?)\s*(?=被))?(?P<by>被|为)?\s*(?P<B>{GROUP}){_ADOPTED}")


def _adopters(sentence: Sentence, context: Context, book: CueBook, collector: Collector, related: set) -> None:
    """A clause naming only who adopted something ("LLaMA、PaLM 等主流模型都使用了它。", "被 A、B 等采用。")
    says they use the thing the paragraph or section is about."""
    tmpl = sentence.tmpl
    for m in _ADOPTERS.finditer(tmpl.text):
        if book.negated_anywhere(tmpl.text[: m.end()]):
            continue  # "不适用于 GAN、VAE 使用": the negation may stand far before the verb
        users = [tmpl.concepts[k] for k in group_members(m.group("B"))]
        # "SwiGLU 结合了 A 和 B, LLaMA 中使用了它": the sentence's own subject before the paragraph's
        thing = _earlier_subject(sentence, m.start() + 1) or context.paragraph(sentence.lm) or context.inherited(sentence.lm, own_head=False)
        if thing is None or len(thing.concepts) != 1 or thing.concepts[0] in users:
            continue
        used = thing.concepts[0]
        if collector.categories.get(used) in NOT_BUILT_WITH:
            continue
        evidence = ([thing.evidence] if thing.evidence is not None else []) + [sentence.evidence]
        adopters = ("model", "tool") if collector.categories.get(used) == "model" else ("model", "method", "tool", "technique")
        for user in users:
            if collector.categories.get(user) in adopters and \
                    collector.add(user, used, "USES", 0.7 * thing.weight, evidence, "USES: who adopted the thing in context"):
                related.add(frozenset((user, used)))


# "- IPO、cDPO、KTO 等变体" (under DPO): names listed as the variants of the thing in context, with no verb
_LISTED_VARIANTS = re.compile(rf"(?:^|(?<=[,;:]))\s*(?P<A>{GROUP})\s*(?:等|这些|这几种)?\s*(?:几种|多种|各种)?\s*(?:变体|变种|改进版本?|衍生版本?|衍生方法|改进方法)\s*(?=[,;。.!?)]|$)")


def _listed_variants(sentence: Sentence, context: Context, collector: Collector, related: set) -> None:
    tmpl = sentence.tmpl
    for m in _LISTED_VARIANTS.finditer(tmpl.text):
        base = context.paragraph(sentence.lm) or context.inherited(sentence.lm, own_head=False)
        if base is None or len(base.concepts) != 1:
            continue
        evidence = ([base.evidence] if base.evidence is not None else []) + [sentence.evidence]
        for k in group_members(m.group("A")):
            variant = tmpl.concepts[k]
            if variant != base.concepts[0] and collector.categories.get(variant) == collector.categories.get(base.concepts[0]) and \
                    collector.add(variant, base.concepts[0], "EXTENDS", 0.65 * base.weight, evidence, "EXTENDS: listed as variants of the thing in context"):
                related.add(frozenset((variant, base.concepts[0])))


# "(# AlexNet) 共11层: 5个卷积层, 3个池化层": layers counted after the total are the parts of the thing in context
_COUNTED_PARTS = re.compile(r"^[^⟨]{0,4}(?:共|一共|总共)\s*\d+\s*层\s*:\s*(?P<list>(?:\d+\s*(?:个|层)\s*[^⟨,;:]{0,6}?⟨\d+⟩\s*[,、;和]?\s*)+)")


def _counted_parts(sentence: Sentence, context: Context, collector: Collector, related: set) -> None:
    m = _COUNTED_PARTS.match(sentence.tmpl.text)
    whole = context.inherited(sentence.lm, own_head=False) if m else None
    if whole is None or len(whole.concepts) != 1 or collector.categories.get(whole.concepts[0]) != "model":
        return
    evidence = ([whole.evidence] if whole.evidence is not None else []) + [sentence.evidence]
    for k in marker_indices(m.group("list")):
        part = sentence.tmpl.concepts[k]
        if collector.categories.get(part) == "component" and collector.add(part, whole.concepts[0], "PART_OF", 0.7 * whole.weight, evidence,
                                                                           "PART_OF: layers counted after the total"):
            related.add(frozenset((part, whole.concepts[0])))


def _variant(sentence: Sentence, context: Context, collector: Collector, related: set) -> None:
    """In a section presenting variants of X ("LSTM 流行的变体"), what a sentence introduces as its subject extends X."""
    base = context.variants_of(sentence.lm)
    if base is None or not sentence.clauses:
        return
    first = written_subject(sentence, 0) or _introduced(sentence)
    if first is None:
        return
    for concept in first.concepts:
        if base[2] is not None and concept != base[2]:
            continue  # "#### ConvLSTM" under "### LSTM 的变体": only ConvLSTM, not the CNN a sentence there names, is the variant
        if concept != base[0] and collector.categories.get(concept) in ("model", "method", "component", "technique"):
            evidence = ([base[1]] if base[0] not in sentence.tmpl.concepts else []) + [sentence.evidence]
            if collector.add(concept, base[0], "EXTENDS", 0.6, evidence, "EXTENDS: introduced in a section on variants of B"):
                related.add(frozenset((concept, base[0])))


def _introduced(sentence: Sentence) -> Subject | None:
    """"由 Cho 等人提出的 GRU, 其…": the name a sentence opens by introducing."""
    m = _INTRODUCED.match(sentence.tmpl.text)
    return Subject((sentence.tmpl.concepts[int(m.group(1)[1:-1])],), None, 0.9) if m else None


_SUCCESSION = re.compile(rf"从\s*(?P<chain>{GROUP})\s*(?:再)?(?:到|至)\s*(?P<last>⟨\d+⟩)[^⟨,。;]{{0,10}}?(?:发展|演进|演变|进化|迭代|演化|变迁|脉络|历程|改进)")


def _succession(sentence: Sentence, collector: Collector, related: set) -> None:
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


# what each rule over a whole sentence needs in it, checked before its pattern is tried
_NEEDS_REMEDY = re.compile(r"(?:遇到|出现|存在|发生|面临|产生).*(?:解决|缓解|处理|应对|避免|克服)")
_NEEDS_WAYS = re.compile(r"(?:解决|缓解|处理|应对|防止|避免|克服|减轻).*(?:方法|办法|手段|措施|方案|策略|技巧|思路|做法)")
_NEEDS_COMBINED = re.compile(r"结合|组合|融合|混合|包含|包括|由")
_NEEDS_USED_IN = re.compile(r"应用|使用|采用|用到")
_NEEDS_SUCCESSION = re.compile(r"从.*(?:到|至)")


def sentence_rules(sentence: Sentence, context: Context, book: CueBook, collector: Collector, related: set) -> None:
    """The rules that read a whole sentence rather than one cue."""
    text = sentence.tmpl.text
    if _NEEDS_REMEDY.search(text):
        _remedy(sentence, collector, related)
    if _NEEDS_WAYS.search(text):
        _ways_listed(sentence, collector, related)
    if _NEEDS_COMBINED.search(text):
        _combined(sentence, collector, related)
        _combined_back(sentence, context, collector, related)
    if _NEEDS_USED_IN.search(text):
        _used_in_context(sentence, context, collector, related)
    _variant(sentence, context, collector, related)
    if "变" in text or "改进" in text or "衍生" in text:
        _listed_variants(sentence, context, collector, related)
    if "层" in text and "共" in text:
        _counted_parts(sentence, context, collector, related)
    if _NEEDS_ADOPTED.search(text):
        _adopters(sentence, context, book, collector, related)
    if any(book.names_role(surface) for surface in sentence.tmpl.surfaces) or re.search(_ROLE_WORDS, text):
        _roles(sentence, context, book, collector, related)
    if len(sentence.tmpl.concepts) > 1:
        _appositions(sentence, collector, related)
    if _NEEDS_SUCCESSION.search(text):
        _succession(sentence, collector, related)
    if "(" in text:
        _implemented_by(sentence, collector, related)
    if _NEEDS_USER_AFTER.search(text):
        _user_after(sentence, book, collector, related)
    if _NEEDS_CONTRAST.search(text):
        _contrast(sentence, context, collector, related)


# "Adagrad 收敛很快; 但调好参数的 SGD 往往更准", "BN 用在 CNN, 而 LN 用在 RNN": two things of one sort set against each other
# 而且/而是/而言 go on or correct, they set nothing against the clause before
_CONTRAST = re.compile(rf"\s*(?:而(?![且是言已])|但是|但|然而|相反|反之|不过)\s*(?:[^,;:。]{{0,12}}?的)?\s*(?P<B>{GROUP})")
_NEEDS_CONTRAST = re.compile(r"(?:^|[,;])\s*(?:而(?![且是言已])|但|然而|相反|反之|不过)")
_GOES_ON = re.compile(r"\s*(?:无需|无须|不需要|不用|需要|可以|能够|能|会|也|都|并且|并|且|还|而且|从而|因此|进而|同时|使得|使|让)")
_SORTS = ({"method", "technique", "optimizer"}, {"model"}, {"component"}, {"loss"}, {"tool"})


def _contrast(sentence: Sentence, context: Context, collector: Collector, related: set) -> None:
    tmpl, evidence = sentence.tmpl, [sentence.evidence]
    first = context.paragraph(sentence.lm) if sentence.start > 0 else None  # "A …; 但 B …": the sentence before
    if first is not None:
        line = sentence.lm.line
        evidence = [first.evidence, sentence.evidence] if first.evidence is not None and first.evidence.line != line.number \
            else [Evidence(sentence.evidence.doc, line.number, line.raw or line.text)]
    for i, clause in enumerate(sentence.clauses):
        m = _CONTRAST.match(tmpl.text, clause.start, clause.end)
        if m is None:
            continue
        if i > 0:  # the clause right before says what is set against B ("其中 A 对应…, 而 B 在做…" is not about the sentence's subject),
            j = i - 1  # past clauses that go on with no subject of their own ("A 建模高阶交叉, 不用手工特征, 而 B …")
            while j > 0 and sentence.clauses[j].subject is None and _GOES_ON.match(tmpl.text, sentence.clauses[j].start):
                j -= 1
            first, evidence = written_subject(sentence, j, says=True), [sentence.evidence]
        if first is None:
            return
        for b in (tmpl.concepts[k] for k in group_members(m.group("B"))):
            for a in first.concepts:
                sort = {collector.categories.get(a), collector.categories.get(b)}
                if a != b and any(sort <= group for group in _SORTS) and \
                        collector.add(a, b, "COMPARED_WITH", 0.6, evidence, "COMPARED_WITH: A …, 而/但 B …"):
                    related.add(frozenset((a, b)))
        return


# "包含了 RoPE 的注意力机制 GQA", "采用 RMSNorm 的 LLaMA": a verb and its object modifying the name after 的, which uses it
_USER_AFTER = re.compile(rf"(?:包含|使用|采用|引入|加入|融合|结合|集成)(?:了)?\s*(?P<used>{GROUP})\s*的\s*(?:[^⟨,;:。()]{{0,8}}?)(?P<user>⟨\d+⟩(?:\s*⟨\d+⟩)*)")
_PART_NOUN = re.compile(r"\s*(?:部分|模块|结构|层|分支|组件)")
_DESCRIBES_SUBJECT = re.compile(r"(?:是|为|属于)\s*(?:一种|一个|一类|一款)?\s*$")
_NEEDS_USER_AFTER = re.compile(r"(?:包含|使用|采用|引入|加入|融合|结合|集成)(?:了)?\s*⟨[^。]*的")


def _user_after(sentence: Sentence, book: CueBook, collector: Collector, related: set) -> None:
    tmpl = sentence.tmpl
    for m in _USER_AFTER.finditer(tmpl.text):
        if book.negated(tmpl.text[: m.start()]) or _DESCRIBES_SUBJECT.search(tmpl.text[: m.start()]):
            continue  # "没有采用 A 的 B"; "X 是一种使用 A 的 B": the clause describes X, not every B
        user = tmpl.concepts[marker_indices(m.group("user"))[-1]]  # "的注意力机制 GQA": the name after its kind
        if collector.categories.get(user) not in ("model", "method", "component", "tool") or _PART_NOUN.match(tmpl.text, m.end()):
            continue  # "只用到了 Transformer 的编码器部分": a part of it, no user of it
        for k in group_members(m.group("used")):
            used = tmpl.concepts[k]
            if used != user and collector.categories.get(used) not in NOT_BUILT_WITH and \
                    collector.add(user, used, "USES", 0.7, [sentence.evidence], "USES: 包含了 A 的 B (B after the verb's object)"):
                related.add(frozenset((user, used)))


# "RMSNorm（LLaMA 采用）", "Pre-LN（GPT-2、GPT-3 使用）": the name in brackets is who uses the thing before them
_IMPLEMENTED_BY = re.compile(r"⟨(\d+)⟩\s*\(\s*(?:如|例如|比如)?\s*(?P<users>(?:⟨\d+⟩\s*(?:、|,|和|与|/)?\s*)+)(?:等)?\s*"
                             r"(?:中)?(?:的)?(?:实现|采用|使用|所用|用的|选用|默认)(?:的)?(?:方式|方案|做法)?\s*\)")


def _implemented_by(sentence: Sentence, collector: Collector, related: set) -> None:
    tmpl = sentence.tmpl
    for m in _IMPLEMENTED_BY.finditer(tmpl.text):
        used = tmpl.concepts[int(m.group(1))]
        for k in group_members(m.group("users")):
            user = tmpl.concepts[k]
            if user != used and collector.categories.get(user) in ("model", "tool", "method") and \
                    collector.add(user, used, "USES", 0.7, [sentence.evidence], "USES: (A 实现) after the thing A uses"):
                related.add(frozenset((user, used)))


# a concept named after a name as its kind: "ReLU 激活函数", "Focal 损失", "GAN Loss"
KIND_CONCEPT = re.compile(r"(?i).{0,6}(?:函数|损失|loss|激活|激活函数|网络|模型|算法|架构|框架|优化器|方法|机制)$")


def compounds(tmpl: Template) -> list[tuple[int, int]]:
    if "⟩⟨" not in tmpl.text:
        return []
    return [(int(m.group(1)), int(m.group(2))) for m in re.finditer(r"⟨(\d+)⟩(?=⟨(\d+)⟩)", tmpl.text)]


def kind_fits(specific: str, general: str) -> bool:
    """Can a concept of category ``specific`` be a kind of one of category ``general``?"""
    if specific == general or general == "concept":
        return True  # a concept (学习率, 步长) is a kind of no model, method or component
    families = ({"method", "technique", "optimizer", "loss"}, {"model", "method", "component"}, {"component", "technique"})
    return any(specific in f and general in f for f in families)
