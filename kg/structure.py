"""Structure: relations an author states by layout rather than by a sentence.

* a list under a lead line: ``X 的核心组成部分包括:`` (parts), ``常见的 X 有:``
  or a bare ``X`` heading over items of its kind (kinds), ``如何防止 X?``
  (remedies), a model over its components;
* items under a heading on what something brings in (``### 关键架构创新``)
  in the section of a model: the model uses them;
* a heading that is two names and nothing else (``静态/动态量化``,
  ``LoRA vs QLoRA``) sets them side by side; a model and its part
  (``Q-Former (BLIP-2)``, ``## CNN 卷积层篇``) relate the part to the model;
* tables are read in :mod:`kg.tables`.

Clauses inside list items are read by :mod:`kg.relate` with the item's
context as their subject; this module only adds what the layout itself says.
"""
from __future__ import annotations

import re

from kg.clauses import KIND_NOUN
from kg.clean import strip_numbering
from kg.cues import load_cues
from kg.context import Context, Subject, head_concepts
from kg.extract import LineMentions
from kg.model import Document, Evidence
from kg.nameshape import ends_in_activity, english_kind

__all__ = ["structure_relations"]

_WEIGHT = 0.6
_PARTS_LEAD = re.compile(r"⟨(\d+)⟩(?:[^⟨:,]{0,4}?的)?[^⟨:,]{0,6}?(?:核心|主要|关键|基本)?(?:组成部分|组成模块|组件|模块|组成|部分|子模块)"
                         r"[^⟨:]{0,8}$|⟨(\d+)⟩(?:主要)?(?:由|包括|包含)[^⟨:]{0,10}(?:组成|构成|部分|模块)[^⟨:]{0,4}$")
# "GRU 的每个单元包含两个门:", "每个单元有三个核心门控机制:": a count of parts the items name
_COUNTED_PARTS_LEAD = re.compile(r"(?:⟨(\d+)⟩[^⟨:]{0,16}?)?(?:包含|包括|含有|拥有|由|有)\s*(?:[两二三四五六七八九几\d]|多)\s*个"
                                 r"[^⟨:,]{0,6}?(?:门|模块|组件|部分|子模块|子网络|单元|层|分支|⟨\d+⟩)(?:组成|构成)?\s*(?:,?\s*分别是)?$")
# "RLHF 的训练分为两步走:", "DPO 的流程包括三个阶段:": the items are its stages
_STEPS_LEAD = re.compile(r"⟨(\d+)⟩[^⟨:]{0,10}?(?:分为|分成|包括|包含|有)\s*[两二三四五六七八九几\d]\s*(?:个)?(?:步|步骤|阶段)(?:走)?\s*$")
_KINDS_LEAD = re.compile(rf"(?:常见|常用|主流|典型|经典|主要)的?⟨(\d+)⟩[^⟨:]{{0,8}}$|⟨(\d+)⟩的?(?:{KIND_NOUN})?(?:类型|种类|类别|分类|变体|(?:有哪些|有哪几种|包括哪些)(?!\s*(?:基本|主要|常见|常用)?(?!{KIND_NOUN})[\u4e00-\u9fff]))[^⟨:]{{0,8}}$")
# "Mask R-CNN 有哪些创新点?", "vLLM 的主要特性:": the items name what X brings in
_FEATURES_LEAD = re.compile(r"⟨(\d+)⟩[^⟨。!?;]{0,6}?(?:有哪些|有什么|的)?(?:主要|核心|关键)?(?:创新点|创新|改进点|改进|贡献|特性|特点|亮点|核心技术|关键技术|技术要点|tricks?|技巧)"
                            r"[^⟨]{0,6}$", re.I)
# "### 关键架构创新", "主要改进:" naming no one: the items are what the section's topic brings in
_FEATURES_UNNAMED = re.compile(r"(?:其|它的|模型的?|架构的?)?(?:[两二三四五六七八九十几\d]+\s*(?:个|大|项|点|种)?)?(?:主要|核心|关键|重要)?(?:的)?(?:架构|结构|技术|设计|模型)?(?:上的)?"
                               r"(?:创新点|创新|改进点|改进|改动|变化|贡献|亮点|核心技术|关键技术)(?:有哪些|是什么)?"
                               # "我们用了两个熟知的技术:": what the section's topic is built with
                               r"|(?:我们|作者|它|其|本文|该方法|该模型)?(?:主要)?(?:用|使用|采用|利用|引入|借助|结合)了?(?:以下|如下|下面)?的?"
                               r"(?:[两二三四五六七八九几\d]+\s*(?:个|种|项|点|大))?[^⟨:,]{0,6}?(?:技术|方法|技巧|手段|策略|模块|组件|机制)")
# "对 GAN 的改进有哪些?", "BERT 的后续改进模型:": the items improve on X
_IMPROVEMENTS_LEAD = re.compile(r"对\s*⟨(\d+)⟩\s*的(?:改进|优化|扩展|改良)|⟨(\d+)⟩\s*的?(?:后续|主要|常见|经典)?(?:改进模型|变体|变种|改进版本|衍生模型)"
                                r"|⟨(\d+)⟩[^⟨:]{0,8}?(?:的|其)(?:后续|主要|常见|经典)?(?:改进工作|改进算法|改进方法)(?:有哪些|是什么)?\s*[:?？]?\s*$")
# "### 后续发展" under a model's section: the items are later models built on it
_LATER_WORK = re.compile(r"(?:后续|之后的|后来的)?(?:发展|工作|改进|演进|衍生模型|变体|改进模型)|后续研究|影响与发展")
_PREVENT = re.compile(r"(?:防止|缓解|解决|避免|处理|应对|减轻|克服|改善|消除)[^⟨]{0,4}⟨(\d+)⟩")
_COMPARE_WORDS = re.compile(r"区别|对比|比较|异同|不同|vs", re.I)
_PAIR_HEADING = re.compile(r"^⟨(\d+)⟩\s*(?:/|、|和|与|vs\.?|VS|versus|对比|及)\s*⟨(\d+)⟩$", re.I)


def structure_relations(doc: Document, lines: list[LineMentions], context: Context, collector) -> None:
    by_index = {lm.index: lm for lm in lines}
    headings = {lm.line.section: lm for lm in lines if lm.line.kind == "heading"}
    for lm in lines:
        if lm.line.kind == "item" and _KIND_FIELD_WORD.search(lm.line.text):
            _kind_field(doc, lm, context, collector)
        if lm.line.kind == "item" and len(lm.found) >= 2:
            head = lm.template(len(lm.line.text) - len(strip_numbering(lm.line.text)))
            if _OWNED_HEAD.fullmatch(head.text):
                _owned_in_brackets(doc, lm, head, collector)
            elif _LISTED_FEATURES.fullmatch(head.text):
                _listed_features(doc, lm, head, collector)
        if lm.line.kind in ("item", "text") and len(lm.found) >= 3 and ("+" in lm.line.text or "/" in lm.line.text or "或" in lm.line.text
                                                                       or " or " in lm.line.text):
            _labelled_choices(doc, lm, collector)
        if lm.line.kind in ("item", "text") and len(lm.found) >= 2 and "+" in lm.line.text:
            _ingredients(doc, lm, context, collector)
        if lm.line.kind in ("item", "text") and len(lm.found) >= 2 and _ARROW.search(lm.line.text):
            _stages(doc, lm, headings, collector)
        if lm.line.kind == "item" and lm.line.parent >= 0:
            # a lead that names nothing still says how its items relate ("### 后续发展")
            parent = _asked_above(doc, by_index, by_index.get(lm.line.parent) or LineMentions(doc.body[lm.line.parent], lm.line.parent, []))
            heads = head_concepts(lm)
            _list_item(doc, lm, heads, parent, context, collector)
            _solution_item(doc, lm, heads, by_index, context, collector)
        elif lm.line.kind == "heading":
            _pair_heading(doc, lm, collector)
            _section_in_section(doc, lm, context, headings, collector)
        if lm.line.kind in ("text", "item") and _SOLUTIONS_LINE.match(strip_numbering(lm.line.text)):
            _solution_line(doc, lm, headings, collector)
    from kg.tables import table_relations

    table_relations(doc, lines, context, collector)


def _asked_above(doc: Document, by_index: dict[int, LineMentions], parent: LineMentions) -> LineMentions:
    """"**X 有哪些创新点?**", one sentence summing up the answer, then the list: the list answers the question."""
    above = parent.index - 1
    if parent.line.kind != "text" or above < 0 or parent.line.text.rstrip().endswith((":", "：", "?", "？")):
        return parent
    line = doc.body[above]
    if line.kind not in ("heading", "text") or not line.text.rstrip(" *").endswith(("?", "？")):
        return parent
    return by_index.get(above) or LineMentions(line, above, [])


def _ev(doc: Document, lm: LineMentions) -> Evidence:
    return Evidence(doc.id, lm.line.number, lm.line.raw or lm.line.text)


# "常见的解决方法", "应对措施": words that name the ways of solving a problem
_SOLVING = r"(?:常见|常用|主要|一般)?的?(?:解决|应对|缓解|改善|预防)"
_WAYS_OF = r"(?:方法|办法|方案|措施|手段|思路|策略)"
# "#### 常见解决方法" under "### 过拟合", "梯度消失的解决办法:": what the list under it names solves the problem
_SOLUTIONS_LEAD = re.compile(rf"^(?:⟨(\d+)⟩\s*(?:问题)?\s*的?)?\s*{_SOLVING}{_WAYS_OF}(?:有哪些|是什么)?\s*[?:]?\s*$")
# "解决方法: 梯度裁剪、BN" under "## 梯度爆炸与梯度消失", "如何缓解 — …": what the line names solves the heading's problems
_SOLUTIONS_LINE = re.compile(rf"^\s*(?:{_SOLVING}{_WAYS_OF}?|(?:怎么|如何)(?:解决|缓解|应对|避免|压|防止))\s*(?:[:：]|——|—|\s-\s)")


def _solution_line(doc: Document, lm: LineMentions, headings: dict[int, LineMentions], collector) -> None:
    heading = headings.get(lm.line.section)
    problems = [f.concept for f in heading.found if collector.categories.get(f.concept) == "problem"] if heading else []
    text = strip_numbering(lm.line.text)
    start = len(lm.line.text) - len(text) + _SOLUTIONS_LINE.match(text).end()
    for f in lm.found:
        if re.match(r"\s*(?:换|改|用|使用|采用)", lm.line.text[f.end:]):
            continue  # "隐藏层换 ReLU": the part changed is no solution, what it changes to is
        if f.start >= start and collector.categories.get(f.concept) in _SOLUTION_KINDS:
            for problem in dict.fromkeys(problems):
                collector.add(f.concept, problem, "ADDRESSES", _WEIGHT, [_ev(doc, heading), _ev(doc, lm)], "a line of solutions under B's heading")


_SOLUTION_KINDS = frozenset({"method", "technique", "component", "model", "optimizer", "loss"})


def _solution_item(doc: Document, lm: LineMentions, heads: list[str], by_index: dict[int, LineMentions], context: Context, collector) -> None:
    """An item under a lead on the solutions to a problem, the problem named by the lead or by its section
    (``### 过拟合`` > ``#### 常见解决方法``); items in between that name no way of doing something (the
    causes: ``- 训练数据不足``, ``- 学习率太大``) are passed over to the lead above them."""
    items = [c for c in heads if collector.categories.get(c) in _SOLUTION_KINDS]
    if not items:
        return
    index = lm.line.parent
    while index >= 0 and doc.body[index].kind == "item":
        above = by_index.get(index)
        if above is not None and any(collector.categories.get(f.concept) in _SOLUTION_KINDS for f in above.found):
            return  # "- 数据增强" over "- Mixup": a kind of what the item above names, not a solution of its own
        index = doc.body[index].parent
    if index < 0:
        return
    lead = by_index.get(index) or LineMentions(doc.body[index], index, [])
    if lead.line.kind != "heading" and not lead.line.text.rstrip().endswith((":", "：")):
        return
    asked = _SOLUTIONS_LEAD.match(strip_numbering(lead.template().text).strip())
    if asked is None:
        return
    if asked.group(1) is not None:
        problem = lead.found[int(asked.group(1))].concept, _ev(doc, lead)
    else:
        own = context.sections.get(lead.line.section)
        problem = own.topic if own is not None and not lead.found else None
    if problem is None or collector.categories.get(problem[0]) != "problem":
        return
    evidence = [problem[1], _ev(doc, lead), _ev(doc, lm)] if problem[1] is not None else [_ev(doc, lead), _ev(doc, lm)]
    for item in items:
        collector.add(item, problem[0], "ADDRESSES", _WEIGHT, list(dict.fromkeys(evidence)), "items under 'the solutions to B'")


def _list_item(doc: Document, lm: LineMentions, items: list[str], parent: LineMentions, context: Context, collector) -> None:
    """An item naming a concept (``items``: the concepts of its head), under a line that says how its items relate to something."""
    if not items:
        return
    parent_text = parent.line.text
    lead = parent.template()
    lead_text = re.sub(r"\s*[:：]\s*$", "", lead.text)
    evidence = [_ev(doc, parent), _ev(doc, lm)]
    categories = collector.categories

    prevented = _PREVENT.search(lead.text)
    if prevented and re.search(r"[?？]\s*$|方法|措施|手段|办法", parent_text):
        problem = lead.concepts[int(prevented.group(1))]
        if categories.get(problem) == "problem":
            for item in items:
                collector.add(item, problem, "ADDRESSES", _WEIGHT, evidence, "items under 'how to prevent B?'")
        return
    if _COMPARE_WORDS.search(parent_text):
        return
    exact_items = head_concepts(lm, exact=True)
    parts = _PARTS_LEAD.search(lead_text)
    if parts and exact_items:
        whole = lead.concepts[int(parts.group(1) or parts.group(2))]
        for item in exact_items:
            collector.add(item, whole, "PART_OF", _WEIGHT, evidence, "items under 'the parts of B'")
        return
    counted = _COUNTED_PARTS_LEAD.search(lead_text)
    if counted and exact_items:
        owner = lead.concepts[int(counted.group(1))] if counted.group(1) else None
        if owner is None:
            subject = context.inherited(parent, own_head=False)
            owner = subject.concepts[0] if subject is not None and len(subject.concepts) == 1 else None
            if subject is not None and subject.evidence is not None:
                evidence = [subject.evidence] + evidence
        for item in exact_items:
            if owner is not None and item != owner and categories.get(item) in ("component", "technique", "concept", "method"):
                collector.add(item, owner, "PART_OF", _WEIGHT, evidence, "items under 'B has N parts'")
        return
    staged = _STEPS_LEAD.search(lead_text)
    if staged:
        whole = lead.concepts[int(staged.group(1))]
        for item in items[:1]:
            if item != whole and categories.get(item) in ("method", "technique", "model", "component", "loss"):
                collector.add(item, whole, "PART_OF", _WEIGHT, evidence, "items under 'B goes in N steps'")
        return
    improved = _IMPROVEMENTS_LEAD.search(lead_text)
    leading_item = _leading_concept(lm)
    later = parent.line.kind == "heading" and not lead.concepts and _LATER_WORK.fullmatch(strip_numbering(parent_text).strip(" :?？"))
    if later and leading_item is not None and _name_headed(lm):
        topic = context.sections[parent.line.section].topic if parent.line.section in context.sections else None
        if topic is not None and topic[0] != leading_item and categories.get(leading_item) == categories.get(topic[0]) == "model":
            collector.add(leading_item, topic[0], "EXTENDS", _WEIGHT, [e for e in (topic[1], _ev(doc, parent), _ev(doc, lm)) if e],
                          "items under 'later work' in the section of a model")
        return
    if improved and leading_item is not None and _name_headed(lm):
        base = lead.concepts[int(next(g for g in improved.groups() if g is not None))]
        if base != leading_item and categories.get(leading_item) in ("model", "method", "technique", "optimizer", "loss", "component"):
            collector.add(leading_item, base, "EXTENDS", _WEIGHT, evidence, "items under 'improvements on B'")
        return
    features = _FEATURES_LEAD.search(lead_text)
    leading = _leading_concept(lm)
    if features and leading is not None:
        owner = lead.concepts[int(features.group(1))]
        # a lead naming its model is explicit enough for a thing kg could only call a concept ("位置编码表")
        if owner != leading and categories.get(leading) in ("technique", "component", "method", "loss", "model", "concept") \
                and not load_cues().names_role(lm.found[0].surface):  # "Backbone: ResNeXt" fills a role
            collector.add(owner, leading, "USES", _WEIGHT, evidence, "items under 'what B brings in'")
        return
    last = _last_sentence(parent_text)
    if not parent.template(last).concepts and leading is not None and _name_headed(lm) \
            and _FEATURES_UNNAMED.fullmatch(strip_numbering(parent_text[last:]).strip(" :?？")):
        # "## Mistral 7B" … "### 关键架构创新" / "主要改进:": what the section's model brings in;
        # "QLoRA = A + B。三个关键技术:": what the lead's subject brings in
        opening = _leading_concept(parent) if last else None
        subject = Subject((opening,), None, 1.0) if opening else context.inherited(parent, own_head=False)
        owner = subject.concepts[0] if subject is not None and len(subject.concepts) == 1 else None
        if owner is not None and owner != leading and categories.get(owner) in ("model", "method", "tool", "technique") and \
                categories.get(leading) in ("technique", "component", "method", "loss", "optimizer"):
            collector.add(owner, leading, "USES", _WEIGHT, [e for e in (subject.evidence, *evidence) if e], "items under 'what it brings in' in a section on B")
        return
    kinds = _KINDS_LEAD.search(lead_text)
    if kinds and exact_items:
        general = lead.concepts[int(kinds.group(1) or kinds.group(2))]
        for item in exact_items:
            if _same_kind(categories.get(item, "concept"), categories.get(general, "concept")):
                collector.add(item, general, "IS_A", _WEIGHT, evidence, "items under 'kinds of B'")
        return
    topics = head_concepts(parent, exact=True)
    if not topics and parent.line.kind != "heading" and _bare_name(lm):
        # "### Llama 2" / a paragraph / "5. PreNorm": a bare name listed in a model's section is what the model uses
        topic = context.sections[lm.line.section].topic if lm.line.section in context.sections else None
        item = lm.found[0].concept
        uses = {"model": ("component", "technique", "method", "loss"), "method": ("component", "technique", "loss")}
        if topic is not None and categories.get(item) in uses.get(categories.get(topic[0]), ()):
            collector.add(topic[0], item, "USES", _WEIGHT, [e for e in (topic[1], _ev(doc, lm)) if e], "bare name listed in a model's section")
        return
    if len(topics) != 1 or not exact_items:
        return
    topic = topics[0]
    ct = categories.get(topic, "concept")
    bare_parent = not _after_head(parent_text)
    class_heading = parent.line.kind == "heading" and _names_a_class(parent)
    for item in exact_items:
        ci = categories.get(item, "concept")
        if class_heading and ci not in ("concept", "model") and ct != "model" and _same_kind(ci, ct) and item != topic:
            collector.add(item, topic, "IS_A", _WEIGHT, evidence, "items under a heading naming their class")
        elif ct == ci and ct not in ("model", "concept") and bare_parent and parent.line.kind != "heading":
            collector.add(item, topic, "IS_A", _WEIGHT, evidence, "list under its kind")
        elif ct == "model" and ci in ("component", "technique", "method", "loss"):
            collector.add(topic, item, "USES", _WEIGHT, evidence, "list under a model")
        elif ct == "method" and ci in ("component", "technique", "loss") and parent.line.kind == "heading":
            # "# TRPO" … "2. 重要性采样": a technique listed under a method is one it uses (methods listed are its kinds or rivals)
            collector.add(topic, item, "USES", _WEIGHT, evidence, "list under a method")


# a heading that is the name of a class of things: "激活函数", "子词分词器", "Optimizers"
_CLASS_NAME = re.compile(rf"(?:{KIND_NOUN}|器|编码|指标)$|(?i:functions|methods|models|optimizers|layers|encodings|algorithms|losses|metrics)$")


def _names_a_class(heading: LineMentions) -> bool:
    title = strip_numbering(heading.line.text).strip(" :?？*")
    return len(heading.found) == 1 and heading.found[0].surface.strip() == title and bool(_CLASS_NAME.search(title))


# "- **类型**：强化学习": a field of a profile saying what kind of thing the topic is
_KIND_FIELD_WORD = re.compile(r"(?:类型|类别|种类|type|category)\s*:", re.I)
_KIND_FIELD = re.compile(r"^\s*(?:类型|类别|所属类别|所属类型|种类|type|category)\s*:\s*⟨(\d+)⟩", re.I)


def _kind_field(doc: Document, lm: LineMentions, context: Context, collector) -> None:
    text = strip_numbering(lm.line.text)
    offset = len(lm.line.text) - len(text)
    m = _KIND_FIELD.match(lm.template(offset).text)
    if not m:
        return
    kind = [f for f in lm.found if f.start >= offset][int(m.group(1))].concept
    subject = context.inherited(lm, own_head=False)
    if subject is None or len(subject.concepts) != 1 or subject.concepts[0] == kind:
        return
    if collector.categories.get(kind) in ("problem", "dataset", "metric", "tool", "task"):
        return  # "类型：分类" names the task it does, not what it is
    evidence = [subject.evidence, _ev(doc, lm)] if subject.evidence is not None else [_ev(doc, lm)]
    collector.add(subject.concepts[0], kind, "IS_A", _WEIGHT, evidence, "a 'type:' field under its topic")


def _last_sentence(text: str) -> int:
    """Where the last clause of a lead starts: "QLoRA = A + B。三个关键技术:" leads with "三个关键技术:",
    "为了减少显存读写, 我们用了两个技术:" with "我们用了两个技术:"."""
    return max((i + 1 for i, ch in enumerate(text.rstrip(" :")) if ch in "。!?;,"), default=0)


def _leading_concept(lm: LineMentions) -> str | None:
    """The concept an item opens with: "RoI Align替换RoI Pooling" -> RoI Align."""
    text = lm.line.text
    skip = len(text) - len(strip_numbering(text))
    first = lm.found[0] if lm.found else None
    if first is None or text[skip : first.start].strip(" *-"):
        return None
    return first.concept


def _name_headed(lm: LineMentions) -> bool:
    """An item that is a name, alone or before its description ("Fast R-CNN: …"), not a sentence ("判别器去掉 sigmoid")."""
    text = strip_numbering(lm.line.text).strip(" *-")
    first = lm.found[0]
    rest = lm.line.text[first.end :].strip(" *")
    return not rest or rest[:1] in ":：(（-—,，" or text.endswith(first.surface)


def _bare_name(lm: LineMentions) -> bool:
    """An item that is one name and nothing else: "5. PreNorm", "- **RMSNorm**"."""
    return len(lm.found) == 1 and strip_numbering(lm.line.text).strip(" *-:") == lm.found[0].surface


def _same_kind(specific: str, general: str) -> bool:
    return specific == general or general in ("concept", "method", "technique") and specific not in ("problem", "dataset", "metric", "task")


def _after_head(text: str) -> str:
    """What a line says after its ``name:`` head ("" for a bare name line)."""
    colon = text.find(":")
    return text[colon + 1 :].strip() if colon >= 0 else ""


# "Q-Former (BLIP-2)", "**Continuous Batching**(vLLM): …": a part or technique and, in brackets, the model or tool it belongs to
_OWNED_HEAD = re.compile(r"[\s*]*⟨(\d+)⟩[\s*]*\(\s*⟨(\d+)⟩\s*\)[\s*]*(?::.*)?", re.S)


# "- **ALBERT**：参数共享，句子顺序预测（SOP）": a name, a colon, and nothing but short noun phrases
_FEATURE = r"[^⟨,、;。:()!?]{0,8}?(?:⟨\d+⟩(?:\s*\([^()]{0,40}\))?)?[^⟨,、;。:()!?]{0,8}?"
_LISTED_FEATURES = re.compile(rf"[\s*]*⟨(\d+)⟩[\s*]*:\s*{_FEATURE}(?:\s*[,、;]\s*{_FEATURE})+\s*[。.]?\s*")
_DOING = re.compile(r"使用|采用|利用|通过|可以|能够|是|会|让|使|把|将|对|比|更|不|没有|用于|提高|降低|减少|增加|提升|导致")


def _listed_features(doc: Document, lm: LineMentions, tmpl, collector) -> None:
    """The bare names listed after a model's name and a colon are what it brings in; a part with a verb is prose."""
    owner = tmpl.concepts[int(_LISTED_FEATURES.fullmatch(tmpl.text).group(1))]
    parts = re.split(r"\s*[,、;]\s*", tmpl.text[tmpl.text.index(":") + 1 :])
    if collector.categories.get(owner) not in ("model", "method", "optimizer") or any(_DOING.search(re.sub(r"\(.*?\)", "", p)) for p in parts):
        return
    for part in parts:
        bare = re.fullmatch(r"\s*⟨(\d+)⟩\s*(?:\([^()]*\))?\s*[。.]?\s*", part)
        used = tmpl.concepts[int(bare.group(1))] if bare else None
        if used and used != owner and collector.categories.get(used) in ("technique", "component", "method", "loss", "concept"):
            collector.add(owner, used, "USES", _WEIGHT, [_ev(doc, lm)], "names listed after a model's name and a colon")


# "**Normalization**: LayerNorm or RMSNorm", "Qwen-VL (2023): 自训练 ViT + Cross-Attn + Qwen": a label, a colon, then
# names joined all by "or" (choices for it) or all by "+" (what it is put together from)
_CHOICE = r"\s*(?:(?<![A-Za-z])or(?![A-Za-z])|或者|或|/|\|)\s*"
_LABELLED = re.compile(r"[\s*]*⟨(\d+)⟩[\s*]*(?:\([^()]{0,30}\))?\s*[:=]\s*"
                       rf"(?P<names>[^⟨,;:。]{{0,4}}⟨\d+⟩[\s*]*(?:(?:{_CHOICE}|\s*\+\s*)[^⟨,;:。]{{0,4}}⟨\d+⟩[\s*]*)+)[。.]?\s*")


def _labelled_choices(doc: Document, lm: LineMentions, collector) -> None:
    from kg.sentence_rules import kind_fits

    tmpl = lm.template(len(lm.line.text) - len(strip_numbering(lm.line.text)))
    m = _LABELLED.fullmatch(tmpl.text)
    if m is None:
        return
    names = m.group("names")
    joined_by_plus = "+" in names
    if joined_by_plus == bool(re.search(_CHOICE, re.sub(r"⟨\d+⟩|\*", "", names))):
        return  # "A + B / C": mixed, no single reading
    label = tmpl.concepts[int(m.group(1))]
    members = [tmpl.concepts[int(k)] for k in re.findall(r"⟨(\d+)⟩", names)]
    categories = collector.categories
    for member in dict.fromkeys(members):
        if member == label:
            continue
        if joined_by_plus and categories.get(label) in ("model", "method", "optimizer", "technique", "tool"):
            collector.add(label, member, "USES", _WEIGHT, [_ev(doc, lm)], "names joined by + after a name and a colon")
        elif not joined_by_plus and categories.get(member) != "concept" and kind_fits(categories.get(member, "concept"), categories.get(label, "concept")):
            collector.add(member, label, "IS_A", _WEIGHT, [_ev(doc, lm)], "choices joined by or after a name and a colon")


# "**PagedAttention + 连续批处理**, 高吞吐" under "vLLM 的优势?": names joined by + opening a line, nothing said of them
_INGREDIENTS = re.compile(r"[\s*]*(?P<names>⟨\d+⟩(?:[\s*]*\+[\s*]*[^⟨,;:。+]{0,4}⟨\d+⟩)+)[\s*]*(?:[,;。]|$)")


def _ingredients(doc: Document, lm: LineMentions, context: Context, collector) -> None:
    """What a line opens by putting together, the topic of its section is built with."""
    tmpl = lm.template(len(lm.line.text) - len(strip_numbering(lm.line.text)))
    m = _INGREDIENTS.match(tmpl.text)
    topic = context.inherited(lm, own_head=False) if m else None
    if topic is None or len(topic.concepts) != 1 or collector.categories.get(topic.concepts[0]) not in ("model", "method", "tool"):
        return
    owner = topic.concepts[0]
    evidence = [e for e in (topic.evidence, _ev(doc, lm)) if e is not None]
    for k in re.findall(r"⟨(\d+)⟩", m.group("names")):
        used = tmpl.concepts[int(k)]
        if used != owner and collector.categories.get(used) in ("technique", "component", "method", "loss"):
            collector.add(owner, used, "USES", _WEIGHT, evidence, "names joined by + opening a line in a section on the topic")


_ARROW = re.compile(r"→|->|⇒|=>|➡|⟶")
_STAGES = r"阶段|步骤|流程|过程|环节|pipeline"
_STAGE_WORD = re.compile(rf"{_STAGES}|stages?|steps?", re.I)
# "R-CNN 的流程: A → B → C": a name, a word for its steps, a colon
_CHAIN_LEAD = re.compile(rf"[^⟨]{{0,6}}⟨(\d+)⟩[^⟨:]{{0,6}}?(?:{_STAGES})[^⟨:]{{0,4}}:")


def _stages(doc: Document, lm: LineMentions, headings: dict[int, LineMentions], collector) -> None:
    """"SFT → 训练 RM → PPO" under "RLHF 的三个阶段?": each step named is a part of the process."""
    tmpl = lm.template(len(lm.line.text) - len(strip_numbering(lm.line.text)))
    lead = _CHAIN_LEAD.match(tmpl.text)
    steps_text = tmpl.text[lead.end():] if lead else tmpl.text
    pieces = _ARROW.split(steps_text)
    if len(pieces) < 2 or any(len(re.findall(r"⟨\d+⟩", p)) > 1 for p in pieces):
        return  # each step names one thing at most
    heading = headings.get(lm.line.section)
    if lead:
        owner, evidence = tmpl.concepts[int(lead.group(1))], [_ev(doc, lm)]
    elif heading is not None and _STAGE_WORD.search(heading.line.text) and len({f.concept for f in heading.found}) == 1:
        owner, evidence = heading.found[0].concept, [_ev(doc, heading), _ev(doc, lm)]
    else:
        return
    for piece in pieces:
        k = re.search(r"⟨(\d+)⟩", piece)
        step = tmpl.concepts[int(k.group(1))] if k else None
        if step is None or step == owner or collector.categories.get(step) in ("concept", "problem", "task", "metric", "dataset"):
            continue
        if collector.categories.get(step) == "model":  # "… → SVM 分类": a model run as a step is used by the process
            collector.add(owner, step, "USES", _WEIGHT, evidence, "a model named in an arrow chain of a process's stages")
        else:
            collector.add(step, owner, "PART_OF", _WEIGHT, evidence, "a step named in an arrow chain of a process's stages")


def _owned_in_brackets(doc: Document, lm: LineMentions, tmpl, collector) -> None:
    owned = _OWNED_HEAD.fullmatch(tmpl.text)
    part, whole = tmpl.concepts[int(owned.group(1))], tmpl.concepts[int(owned.group(2))]
    cp, cw = collector.categories.get(part), collector.categories.get(whole)
    if cw == "model" and cp in ("component", "technique", "method"):
        collector.add(part, whole, "PART_OF", _WEIGHT, [_ev(doc, lm)], "a part and its model in brackets")
    elif cw == "tool" and cp in ("component", "technique", "method"):
        collector.add(whole, part, "USES", _WEIGHT, [_ev(doc, lm)], "a technique and the tool that has it in brackets")


def _pair_heading(doc: Document, lm: LineMentions, collector) -> None:
    """A heading that is two names side by side: "静态/动态量化", "LoRA vs QLoRA"; or a part and its model: "Q-Former (BLIP-2)"."""
    title = strip_numbering(lm.line.text)
    offset = len(lm.line.text) - len(title)
    tmpl = lm.template(offset)
    if _OWNED_HEAD.fullmatch(tmpl.text):
        _owned_in_brackets(doc, lm, tmpl, collector)
        return
    side = re.fullmatch(r"⟨(\d+)⟩\s*⟨(\d+)⟩\s*(?:篇|部分|章节|详解|介绍)?\s*", tmpl.text)
    if side:
        # "## Flamingo Perceiver Resampler", "## CNN 卷积层篇": a section on a model's part; a layer is part of it
        model, part = tmpl.concepts[int(side.group(1))], tmpl.concepts[int(side.group(2))]
        if ends_in_activity(tmpl.surfaces[int(side.group(2))]):
            return  # "## BERT 蒸馏", "## LLaMA 微调": something done to the model, not a part of it
        if collector.categories.get(model) == "model" and collector.categories.get(part) in ("component", "technique", "method"):
            if re.search(r"(?i)(?:层|layers?)$", tmpl.surfaces[int(side.group(2))]):
                collector.add(part, model, "PART_OF", _WEIGHT, [_ev(doc, lm)], "heading naming a model and its layer side by side")
            else:
                collector.add(model, part, "USES", _WEIGHT, [_ev(doc, lm)], "heading naming a model and its part side by side")
        return
    m = _PAIR_HEADING.match(re.sub(r"\s*[?？:：]?\s*$", "", tmpl.text))
    if m:
        a, b = tmpl.concepts[int(m.group(1))], tmpl.concepts[int(m.group(2))]
        if _comparable(collector.categories.get(a), collector.categories.get(b)):
            collector.add(a, b, "COMPARED_WITH", _WEIGHT, [_ev(doc, lm)], "heading naming two concepts")


def _section_in_section(doc: Document, lm: LineMentions, context: Context, headings: dict[int, LineMentions], collector) -> None:
    """A section named by one concept inside a section says how the two relate: a technique inside a model's
    section (``# YOLOv2`` > ``### 4.2 Batch Normalization``) is used by it; a concept under a heading on
    the kinds of X (``## 激活函数的种类`` > ``### sigmoid``) is a kind of X."""
    own = context.sections.get(lm.line.section)
    section = doc.sections[lm.line.section] if lm.line.section >= 0 else None
    if own is None or own.topic is None or section is None or section.parent < 0:
        return
    part, categories = own.topic[0], collector.categories
    whole = context.sections[section.parent].topic if section.parent in context.sections else None
    parts_by_whole = {"model": ("technique", "component", "method", "loss", "optimizer"), "method": ("technique", "component", "loss")}
    if whole is not None and whole[0] != part and categories.get(whole[0]) in parts_by_whole:
        if categories.get(part) in parts_by_whole[categories.get(whole[0])]:
            evidence = [whole[1], _ev(doc, lm)] if whole[1] is not None else [_ev(doc, lm)]
            collector.add(whole[0], part, "USES", 0.55, evidence, "section on a technique inside the section of a model or method")
    if whole is not None and whole[0] != part and categories.get(part) == categories.get(whole[0]) in _WAYS | {"loss"}:
        # "### Adagrad" > "#### RMSprop": a variant of a named way; "## 正则化" > "### Dropout": a kind of a class
        surface = context.sections[section.parent].topic_surface or ""
        named = " " not in surface.strip() and english_kind(surface) == "name"  # Adagrad, not Gradient Descent
        own_surface = (own.topic_surface or "").strip().casefold()
        if own_surface.endswith(surface.strip().casefold()) and len(own_surface) > len(surface.strip()):
            named = False  # "#### Regularization" > "##### L2 regularization": the same head noun names a kind
        evidence = [whole[1], _ev(doc, lm)] if whole[1] is not None else [_ev(doc, lm)]
        collector.add(part, whole[0], "EXTENDS" if named else "IS_A", 0.55, evidence, "section on a way inside the section of another of its sort")
    above = headings.get(section.parent)
    if above is not None and len({f.concept for f in above.found}) == 1 and part != above.found[0].concept:
        asked = above.template().text
        if _HOW_IT_WORKS.search(asked) and categories.get(part) in ("technique", "component", "method", "loss"):
            collector.add(above.found[0].concept, part, "USES", _WEIGHT, [_ev(doc, above), _ev(doc, lm)],
                          "section under a heading asking how B does it")
    if above is None or not _KINDS_SECTION.search(doc.sections[section.parent].title) or _CHANGED_SECTION.search(doc.sections[section.parent].title):
        return  # "常见的 RNN 扩展和改进模型": variants of it, which the section's variants rule reads
    named = {f.concept for f in above.found}
    general = named.pop() if len(named) == 1 else None
    if general is not None and general != part and _same_kind(categories.get(part, "concept"), categories.get(general, "concept")):
        collector.add(part, general, "IS_A", _WEIGHT, [_ev(doc, above), _ev(doc, lm)], "section under a heading on the kinds of B")


# "FlashAttention 如何解决?" over "#### 方案 2: Kernel Fusion": the sections say how it does it
_HOW_IT_WORKS = re.compile(r"⟨\d+⟩\s*(?:是|又是|具体)?(?:如何|怎么|怎样|是怎么|是如何)(?:解决|优化|改进|实现|做到|缓解|加速|处理|工作)的?|"
                           r"⟨\d+⟩\s*的?(?:解决方案|解决方法|优化方法|优化手段|实现方式|核心技术|关键技术|核心改进|主要改进)\s*[?:]?\s*$")


# "激活函数的种类", "常用Tokenize算法", "常见的优化器": a heading over sections on kinds of its concept
_CHANGED_SECTION = re.compile(r"扩展|拓展|改进|改良|变体|变种|演进|衍生")
_KINDS_SECTION = re.compile(r"种类|类型|类别|分类|有哪些|哪几种|(?:常用|常见|主流|经典|典型)的?\s*[^,，。]{0,16}$")


# "LSTM 与门控机制" is a model and its mechanism, "BN 与 RNN" a technique in a model: not two things set side by side
_WAYS = frozenset({"method", "technique", "optimizer"})


def _comparable(a: str | None, b: str | None) -> bool:
    return a == b or a in _WAYS and b in _WAYS
