"""Relate: typed relations between concepts, each with the evidence it came from.

Per document, :func:`relate_document` reads every sentence that mentions a
concept as a template (:mod:`kg.clauses`), finds the cues in it
(:mod:`kg.cues`, words from ``schema/relation_cues.yaml``) and decides for
each cue who its subject is (:mod:`kg.subjects`): the group its clause opens
with, what a reference word points at, the previous clause's subject, or the
line's and section's context (:mod:`kg.context`); and what its object is
(:mod:`kg.objects`: the name a gloss belongs to, examples in brackets, a
purpose after it).  Negations, conditions and
yes/no questions state nothing.  Rules over a whole sentence's shape are in
:mod:`kg.sentence_rules`; structure adds what the author wrote as layout
(:mod:`kg.structure`: lists under a lead line, tables, headings);
:mod:`kg.combine` joins the findings of all documents.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.answered import Asked, asked_in_heading, asks_what_it_has, bare_answer
from kg.clauses import GROUP, KIND_NOUN, Clause, Template, clauses, group_members, marker_indices, sentences
from kg.collector import Collector, Findings
from kg.context import Context
from kg.cues import PRONOUNS, PROBLEM_REF, Cue, CueBook, Hit, load_cues
from kg.extract import LineMentions
from kg.model import Document, Evidence
from kg.names import fold, has_cjk, name_key, slug
from kg.objects import (between, compound_modifiers, done_into, examples_after, gloss_owner, in_brackets, means_to,
                        problem_after, wrong_kind_noun)
from kg.sentence_rules import KIND_CATEGORIES, NOT_BUILT_WITH, NOT_DOERS, compounds, kind_fits, sentence_rules
from kg.subjects import Sentence, subject_of, written_subject

__all__ = ["relate_document", "evidence_text"]


# "借鉴了 B 中的 C": the part taken from B (not "改进了 Adam 的正则化", which still improves on Adam)
_BORROWED_PART = re.compile(r"\s*(?:中|里)?的\s*⟨(\d+)⟩")
_BORROWING = re.compile(r"借鉴|继承|沿用|吸取|吸收")
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


# what a clause's subject does something with, right before the verb: "采用了⟨数据增强⟩来", "通过⟨残差连接⟩"
_INSTRUMENT_BEFORE = re.compile(rf"(?:采用|使用|利用|通过|借助|引入|加入)(?:了)?\s*({GROUP})\s*(?:来|以|去|从而)?\s*(?:有效|进一步|很好地|较好地|大大)?\s*$")


_PROPOSED_AFTER = re.compile(r"[^。;⟨]{0,8}?(?:提出|设计|发明|构建)(?:了|出)?[^。;⟨]{0,20}?⟨\d+⟩")


def _problem_before(sentence: Sentence, position: int, collector: Collector) -> tuple[str, Evidence, set[str]] | None:
    """"RNN 存在梯度消失问题。LSTM 缓解了这一问题": the last problem named before ``position`` in its line, with
    the line quoted and the things named before it (whose problem it is)."""
    tmpl = sentence.tmpl
    named = [f.concept for f in sentence.lm.found if f.end <= sentence.start]
    here = [tmpl.concepts[k] for k in marker_indices(tmpl.text[:position])]
    for before, evidence in ((here, sentence.evidence), (named, whole_line(sentence))):
        problems = [i for i, c in enumerate(before) if collector.categories.get(c) == "problem"]
        if problems:
            owners = set(before[: problems[-1]]) | (set(named) if before is here else set())
            return before[problems[-1]], evidence, owners
    return None


def whole_line(sentence: Sentence) -> Evidence:
    line = sentence.lm.line
    return Evidence(sentence.evidence.doc, line.number, line.raw or line.text)


def evidence_text(raw: str, sentence: str) -> str:
    """The sentence as the document writes it, or the whole source line when
    markup inside the sentence makes it differ from the source."""
    head = "".join(sentence.split())[:12]
    if head and head in _squeezed(raw):
        return sentence.strip()
    return raw


@lru_cache(maxsize=64)  # asked once for each sentence of the line
def _squeezed(raw: str) -> str:
    return "".join(fold(raw).split())


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
    previous = None
    for lm in lines:
        context.enter(lm)
        _read_line(doc, lm, context, book, collector, asked_in_heading(doc, previous, lm))
        context.mentioned(lm)
        previous = lm
    structure_relations(doc, lines, context, collector)
    return Findings(
        [(key, weight, ev, cue) for key, items in collector.evidence.items() for weight, ev, cue in items],
        [(pair, ev) for pair, evs in collector.cooccur.items() for ev in evs],
    )


# "GRU: LSTM 的一种变体", "AdaLoRA: 一种参数高效微调方法": a name, a colon and what it is, read as "GRU 是…"
_DEFINING_COLON = re.compile(r"^(\s*⟨\d+⟩\s*):(?=\s*(?:一种|一类|一个|⟨\d+⟩\s*的?\s*(?:一种|一个|一类)?\s*(?:变体|变种|改进|扩展|简化|特例|升级|增强|加强|优化|轻量)))")


def _defining_colon(tmpl: Template) -> Template:
    return replace(tmpl, text=_DEFINING_COLON.sub(r"\1是", tmpl.text, count=1)) if ":" in tmpl.text else tmpl


def _read_line(doc: Document, lm: LineMentions, context: Context, book: CueBook, collector: Collector,
               asked: Asked | None = None) -> None:
    text = lm.line.text
    for start, end in sentences(text):
        tmpl = lm.template(start, end)
        if not tmpl.concepts:
            continue
        evidence = Evidence(doc.id, lm.line.number, evidence_text(lm.line.raw or text, text[start:end]))
        if asked is not None:
            bare_answer(tmpl, asked, evidence, collector)
        asked = asks_what_it_has(tmpl, evidence)
        tmpl, referred = _demonstrated(_defining_colon(tmpl), collector.kinds, context, lm)
        sentence = Sentence(lm, tmpl, clauses(tmpl.text), evidence, context.categories, start=start, referred=referred)
        asks = bool(book.yes_no.search(text[start:end]))
        related: set[frozenset[str]] = set()
        if not asks:
            sentence_rules(sentence, context, book, collector, related)
        for hit in book.hits(tmpl.text):
            if asks and hit.cue.type != "COMPARED_WITH":
                continue  # "可以防止过拟合吗?" asks, it does not state
            _apply(hit, sentence, context, book, collector, related)
        first = written_subject(sentence, 0)
        head = sentence.clauses[0].subject if sentence.clauses else None
        if first is not None and not (head and "+" in tmpl.text[head[0] : head[1]]):
            context.wrote(lm, first.concepts)  # "卷积+池化+卷积…" lists ingredients: no subject for what follows
        ids = sorted(set(tmpl.concepts))
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if frozenset((a, b)) not in related:
                    collector.cooccur[(a, b)].append(sentence.evidence)


# "这种位置编码", "此优化器": a demonstrative before a general name points at the specific one just discussed
_DEMONSTRATIVE = re.compile(r"(?:这种|这类|这个|这一|此类|此种|该|此|上述|前述)的?\s*⟨(\d+)⟩")
_IS_ONE = re.compile(r"⟨(\d+)⟩\s*(?:也|则|就)?(?:是|为)(?:一种|一类|一个)?[^⟨,]{0,6}$")


def _demonstrated(tmpl: Template, kinds: frozenset[tuple[str, str]], context: Context, lm: LineMentions) -> tuple[Template, dict[str, Evidence]]:
    """"相对位置编码…, NEZHA 也用到了这种位置编码": 这种位置编码 is the relative one named before, the
    latest concept whose name makes it a kind of the general one; "RoPE 是一种相对位置编码, …采用此位置编码":
    the thing said to be one. Else the section's topic, if of that kind; else the general name stays."""
    concepts = list(tmpl.concepts)
    referred: dict[str, Evidence] = {}  # a referent named on another line -> that line
    for m in _DEMONSTRATIVE.finditer(tmpl.text):
        k = int(m.group(1))
        general = tmpl.concepts[k]
        referent = None
        for earlier in re.finditer(r"⟨(\d+)⟩", tmpl.text[: m.start()]):
            specific = concepts[int(earlier.group(1))]
            if (specific, general) in kinds:
                one = _IS_ONE.search(tmpl.text[: earlier.start()])
                referent = concepts[int(one.group(1))] if one else specific
        if referent is None:
            topic = context.paragraph(lm) or context.inherited(lm, own_head=False)
            if topic is not None and len(topic.concepts) == 1 and ((topic.concepts[0], general) in kinds or context.of_kind(
                    topic.concepts[0], general, tmpl.surfaces[k])):
                referent = topic.concepts[0]  # (or "## GELU … BERT 都使用了这种激活函数": the one of that kind the text is about)
                if topic.evidence is not None:
                    referred[referent] = topic.evidence
        if referent is not None:
            concepts[k] = referent
    if concepts == list(tmpl.concepts):
        return tmpl, referred
    return Template(tmpl.text, tuple(concepts), tmpl.surfaces), referred


# "A 最典型的(就)是 B", "A 中最常用的是 B": the subject names a class, its typical member follows
_SUPERLATIVE = re.compile(r"⟩[^⟨,]{0,4}?(?:中|里|当中|之中)?(?:的)?\s*(?:最|最为)(?:具|有)?(?:常用|常见|典型|代表性|著名|知名|有名|流行|经典|广泛使用|广为使用|为人熟知)的(?:一种|一个|例子|代表)?\s*(?:就|也|则|当属|要数)?\s*$")
# "A 的作用是 B", "A 学出的是 B": the predicate names what A does or yields
_CLEFT = re.compile(r"⟩\s*(?:的(?:作用|目的|功能|任务|思想|思路|做法|原理|意义|优势|优点|缺点|贡献|目标|输出|输入|结果)|[^⟨,的]{1,6}的)\s*(?:就|也|则)?\s*$")


# "分为 A 和 B 两个步骤": what a thing is divided into are its steps or parts
_STEPS = re.compile(r"\s*(?:等)?\s*(?:[两二三四五六七八九十几多\d]+\s*个?)?(?:步骤|阶段|环节|步|部分|组成部分|过程)")
_NOT_A = re.compile(r"(?<!并)非(?!常)\s*$")
_USED_BY_KIND = re.compile(r"(?:使用|采用|用到|应用|沿用|基于)(?:了)?\s*$")
_STATE_OF = re.compile(r"⟨(\d+)⟩\s*的?\s*状态")
_DOING_A_TASK = re.compile(r"⟨(\d+)⟩\s*(?:分类|检测|分割|识别|翻译|问答|摘要|检索)(?![\u4e00-\u9fff]*(?:器|头|网络|模型|层|模块))")


def _apply(hit: Hit, sentence: Sentence, context: Context, book: CueBook, collector: Collector,
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
    if cue.type == "PART_OF" and in_brackets(tmpl.text, hit.start):
        return  # "采用 ReLU(还包括 tanh 和 sigmoid)": examples in brackets, not parts
    if cue.frame == "verb" and hit.object_end >= 0 and _in_method_name(tmpl.text, hit, clause):
        return  # "解决 RNN 中梯度消失的方法主要有": a verb inside a name for methods
    evidence = [sentence.evidence]
    if hit.subjects is not None:
        subjects = tuple(tmpl.concepts[k] for k in hit.subjects)
        weight, written, local = cue.weight, True, True
    else:
        subject = subject_of(hit, sentence, context)
        if cue.type == "COMPARED_WITH" and len(hit.objects) >= 2 and subject is None and "之间" in tmpl.text[hit.start:hit.end]:
            subject = written_subject(sentence, 0)  # "GQA …, 属于 MHA 和 MQA 之间的折中": the sentence's subject
            if subject is None or set(subject.concepts) & {tmpl.concepts[k] for k in hit.objects}:
                if "介于" not in tmpl.text[hit.start:hit.end]:  # "A 介于 B 和 C 之间" places a third thing between them
                    between(hit, sentence, collector, related)
                return
        if cue.type == "IS_A" and subject is not None and subject.written and _noun_between(tmpl.text, clause, hit):
            return  # "逻辑回归推导出的经验风险函数是…": what is said to be a kind is the noun, not the subject
        if cue.type == "IS_A" and cue.frame == "noun" and re.search(r"通过|借助|利用|依靠|依赖", tmpl.text[hit.start : hit.end]):
            return  # "交互也是通过共享的 self attention layer 实现的": made with it, no kind of it
        if cue.type == "IS_A" and clause.placed:
            return  # "在 LSTM 中是内部状态": what something is in LSTM, not what LSTM is
        if cue.frame == "copula" and subject is not None and not subject.written and re.match(r"\s*其中", body_before):
            return  # "其中 $\pi$ 是参考模型": a legend says what a symbol is, not what the topic is
        if subject is None or cue.frame == "copula" and not (subject.written or clause.reference or _after_bare_subject(sentence, clause) and _opens(body_before)):
            return  # "是一种…" says what its clause's subject is: not "剩下的3层为全连接层", nor "它有一条路线, 就是 X"
        if cue.type == "EXTENDS" and not subject.written and "启" in tmpl.text[hit.start : hit.end] and _PROPOSED_AFTER.match(tmpl.text, hit.end):
            return  # "论文受 SPP 启发, 提出了…, 称为 ASPP": what was proposed is the variant, not the paper's model
        if cue.own_subject and not subject.written:
            return  # "采用了多种改进, 包括 A、B": 包括 continues the object, it says nothing of parts
        subjects, written, local = subject.concepts, subject.written, subject.local or subject.written
        if not (subject.local or written) and any(collector.categories.get(s) in NOT_DOERS for s in subjects):
            return  # a section about a task or a concept does not use things
        weight = cue.weight * subject.weight
        if not set(subjects) & set(tmpl.concepts):
            # a subject with no line of its own was written earlier in this line: quote the line whole
            evidence = [subject.evidence, sentence.evidence] if subject.evidence is not None else [whole_line(sentence)]
    if hit.object_ref is not None:
        if re.fullmatch(PROBLEM_REF, hit.object_ref):
            named = None
            if re.search(r"问题|现象|困难", hit.object_ref):
                before = _problem_before(sentence, hit.start, collector)
                if before is not None and before[2] & set(subjects):
                    return  # "RNN 会造成梯度消失。为了解决该问题, 研究人员提出了…": not what RNN itself does
                named = before[:2] if before is not None else context.problem(sentence.lm)
        else:
            earlier = [tmpl.concepts[k] for k in group_members(tmpl.text[: hit.start])]
            if hit.object_ref in PRONOUNS:  # "A …, B 在其基础上…": 其 is A, the subject said before
                index = sentence.clause_at(hit.start)
                said = [c for i in range(index) if (s := written_subject(sentence, i, says=True)) for c in s.concepts]
                earlier = earlier + [c for c in said if c not in subjects][-1:]
            named = context.thing(sentence.lm, hit.object_ref, earlier, set(subjects))
        if named is None:
            return
        objects = (named[0],)
        if named[0] not in tmpl.concepts:
            evidence = evidence + [named[1]]
    else:
        # "引入了 Anchor Boxes(先验框、锚框、候选框)": names in brackets after an object are other names for it
        named = [gloss_owner(tmpl.text, k) for k in hit.objects]
        # … unless the name before them is a kind they are examples of: "其他优化器(Adam、RMSProp)"
        named = [k if re.fullmatch(KIND_NOUN, tmpl.surfaces[o]) or name_key(tmpl.surfaces[o]) in book.generic else o
                 for o, k in zip(named, hit.objects)]
        # "一种非 Transformer 架构": a name negated by 非 is what the thing is not
        named = [k for k in named if not _NOT_A.search(tmpl.text, 0, max(tmpl.text.find(f"⟨{k}⟩"), 0))]
        if not named:
            return
        if cue.type in ("COMPARED_WITH", "USES"):
            named += [j for k in named for j in examples_after(tmpl.text, k)]
        objects = tuple(dict.fromkeys(tmpl.concepts[k] for k in named))
    if cue.type == "ADDRESSES" and hit.object_ref is None and not any(collector.categories.get(o) == "problem" for o in objects):
        objects = problem_after(sentence, hit.start, clause.end) or objects  # "解决了深层网络训练中的梯度消失问题"
    if cue.type == "ADDRESSES" and written and (used := _INSTRUMENT_BEFORE.search(body_before)):
        # "VGG 采用了数据增强来降低过拟合": what it is done with does it too
        tools = [tmpl.concepts[k] for k in group_members(used.group(1))
                 if collector.categories.get(tmpl.concepts[k]) in ("technique", "method", "component", "loss")]
        subjects = tuple(dict.fromkeys(subjects + tuple(t for t in tools if t not in objects)))
    generic = {tmpl.concepts[k] for k, surface in enumerate(tmpl.surfaces) if name_key(surface) in book.generic}
    surfaces = {c: s for c, s in sorted(zip(tmpl.concepts, tmpl.surfaces), key=lambda cs: has_cjk(cs[1]))}  # Chinese names win
    modifiers, kinds = compound_modifiers(tmpl)
    # "引入 Swish 激活函数": the kind a name is written with is not a second thing
    objects = tuple(o for o in objects if o not in kinds) or objects
    if cue.type in ("USES", "PART_OF", "EXTENDS"):
        # "将⟨优化器⟩状态分布到多个 NPU 上": the state of a thing is not the thing;
        # "CLIP 能够实现 zero-shot 分类": a way of doing a task is what a model can do, not what it uses
        other = {tmpl.concepts[int(m.group(1))] for m in _STATE_OF.finditer(tmpl.text)}
        if cue.type == "USES":
            other |= {tmpl.concepts[a] for a, b in compounds(tmpl) if collector.categories.get(tmpl.concepts[b]) == "task"}
            other |= {tmpl.concepts[int(m.group(1))] for m in _DOING_A_TASK.finditer(tmpl.text)}
        objects = tuple(o for o in objects if o not in other)
        if not objects:
            return
    subjects = tuple(s for s in subjects if s not in kinds) or subjects
    if cue.type == "USES" and not written and hit.object_end >= 0 and means_to(sentence, objects, subjects, hit, collector, related):
        return
    if (not written and set(subjects) <= set(objects) and sentence.lm.line.kind == "item"
            and cue.type == "USES" and _PUT_TO_USE.search(tmpl.text, hit.start, hit.end)):
        # "- **BN**: 每个卷积后都使用 BN": the item names what its section's topic uses, not a thing using itself
        outer = context.inherited(sentence.lm, own_head=False)
        if outer is None or set(outer.concepts) & set(objects) or all(collector.categories.get(c) == "concept" for c in outer.concepts):
            return  # under "# 优化器" an item restating its own name ("- Momentum: …引入动量") is one of the class, used by none
        subjects, weight = outer.concepts, cue.weight * outer.weight
        if outer.evidence is not None:
            evidence = [outer.evidence, sentence.evidence]
    if cue.type in ("IS_A", "COMPARED_WITH", "EXTENDS", "PART_OF"):
        # "大模型微调", "混合精度训练 FP16", "增强版数据并行 ZeRO": in a compound only the head says what the thing is
        objects = tuple(o for o in objects if o not in modifiers) or objects
        subjects = tuple(s for s in subjects if s not in modifiers) or subjects
    if cue.type == "IS_A" and hit.object_end >= 0 and wrong_kind_noun(tmpl.text, hit, objects, collector.categories):
        return
    if cue.frame == "copula" and re.search(r"(?<!所)(?:以|使用|采用|用|选用|选择|利用|引入|引进|加入|借助|采纳)(?:了)?[^⟨,的]{0,4}⟨\d+⟩\s*$", tmpl.text[: hit.start]):
        return  # "以 A 为 B", "使用 A 作为 B": A is taken as B, and the subject is no kind of B
    attribute = _ATTRIBUTE_BEFORE_COPULA.search(body_before) if cue.frame == "copula" else None
    # "使用的 loss 是 InfoNCE": what it uses, named by a word kg does not know
    used_unnamed = attribute is None and cue.type == "IS_A" and _USED_BEFORE_COPULA.search(body_before) is not None
    if attribute or used_unnamed:
        # "BERT 所使用的激活函数是 GELU": GELU is the activation function BERT uses, BERT is no kind of GELU
        noun = tmpl.concepts[int(attribute.group(2))] if attribute else None
        for o in objects:
            if noun and o != noun and kind_fits(collector.categories.get(o, "concept"), collector.categories.get(noun, "concept")):
                collector.add(o, noun, "IS_A", cue.weight * 0.9, evidence, f"IS_A copula (what an attribute is): {cue.name}")
            if (used_unnamed or attribute.group(1)) and o not in subjects:
                for a in subjects:
                    collector.add(a, o, "USES", cue.weight * 0.9, evidence, f"USES copula (what it uses is named): {cue.name}")
        return
    if cue.frame == "copula" and _SUPERLATIVE.search(body_before):
        subjects, objects = objects, subjects  # "A 最具代表性的就是 B": B is the typical A
    elif cue.type == "IS_A" and (_CLEFT.search(body_before) or tmpl.text.startswith("为", hit.start) and (
            re.search(r"将|把", body_before) or done_into(tmpl, hit.start))):
        return  # "RoI Pooling 的作用是…", "强化学习出的是 reward", "将区域池化为…", "反量化为 FP16": what it does or yields, not what it is
    steps = cue.frame == "kinds" and _STEPS.match(tmpl.text, hit.end) is not None
    # "使用 RoPE 的模型有 LLaMA、PaLM": the members use B, they are no kind of it
    users = cue.frame == "kinds" and _USED_BY_KIND.search(tmpl.text[: hit.start]) is not None and re.match(r"⟨\d+⟩\s*的", tmpl.text[hit.start :])
    borrowed = (_BORROWED_PART.match(tmpl.text, hit.object_end) if cue.type == "EXTENDS" and cue.frame == "verb" and hit.object_end >= 0
                and _BORROWING.match(tmpl.text, hit.start) else None)
    if borrowed and collector.categories.get(tmpl.concepts[int(borrowed.group(1))]) in ("technique", "component", "method", "loss", "concept"):
        # "YOLOv2 借鉴了 Faster R-CNN 中的 anchor": what was taken from B is used; the subject is no variant of B
        for a in dict.fromkeys(subjects):
            collector.add(a, tmpl.concepts[int(borrowed.group(1))], "USES", weight, evidence, f"USES (a part taken from B): {cue.name}")
        return
    for a in dict.fromkeys(subjects):
        for b in dict.fromkeys(objects):
            if a == b or frozenset((a, b)) in related:
                continue
            rtype, source, target = _typed(cue, a, b, hit, collector.categories, local)
            if users:
                rtype, source, target = ("USES", a, b) if collector.categories.get(a) in KIND_CATEGORIES else (None, a, b)
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
            if collector.add(source, target, rtype, weight, evidence + [sentence.referred[c] for c in (a, b) if c in sentence.referred],
                             f"{cue.type} {cue.frame}: {cue.name}"):
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
        return hit.cue.type != "IS_A"  # "解决 X 的方法" names methods; "属于 X 的方法" still says what a thing is
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
_USED_BEFORE_COPULA = re.compile(r"所?(?:使用|采用|用到|选用)(?:了)?的\s*[^⟨,;的]{1,8}?\s*(?:就|也|则)?\s*$")
_ATTRIBUTE_BEFORE_COPULA = re.compile(r"(?:(所?(?:使用|采用|用到|用|选用)(?:了)?)|[^⟨,;]{0,2})的\s*⟨(\d+)⟩\s*(?:就|也|则)?\s*$")


def _noun_between(text: str, clause: Clause, hit: Hit) -> bool:
    """Is there "的 + a noun" between the clause's last group before the cue and the cue?"""
    before = text[clause.start : hit.start]
    last = before.rfind("⟩")
    return last >= 0 and bool(re.search(r"的[\u4e00-\u9fffA-Za-z]{2,}", before[last + 1 :]))


def _after_bare_subject(sentence: Sentence, clause: Clause) -> bool:
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


def _lend_to_whole(part: str, used: str, weight: float, evidence: list[Evidence], sentence: Sentence,
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
    passive = rtype == "ADDRESSES" and cue.reverse
    if passive:
        a, b, ca, cb = b, a, cb, ca  # "梯度消失被 ResNet 解决了": the solver is named after 被
    if rtype == "ADDRESSES":
        if cb != "problem":
            # "为了解决 RoI Pooling 的缺点, 提出了 RoI Align": what is proposed to fix a method's flaw improves on it
            # "LN 解决了 BN 的问题": so does a thing of B's kind said in so many words to solve B's problem
            same = ca == cb != "concept" and local
            if hit.flaw and (cue.frame == "purpose" or same) and cb in KIND_CATEGORIES and ca in KIND_CATEGORIES:
                return "EXTENDS", a, b
            return None, a, b
        if ca == "problem":
            return None, a, b
    elif rtype == "USES" and ca == "problem":
        return "ADDRESSES", b, a  # "样本不均衡如何处理: 使用GAN…"
    elif rtype == "USES" and cue.frame == "modifier" and ca == cb == "optimizer":
        return "EXTENDS", b, a  # "基于动量的 SGD": the optimizer named by what it adds is a variant of the one it modifies
    elif rtype == "IS_A":
        if cb not in KIND_CATEGORIES or not kind_fits(ca, cb) or hit.modified:
            return None, a, b
        if cue.frame == "copula" and hit.changed:
            return "EXTENDS", a, b  # "ZFNet 实际上是微调了的 AlexNet": a changed B is a variant of it
    elif rtype in ("USES", "EXTENDS", "PART_OF") and cb in NOT_BUILT_WITH:
        return None, a, b
    elif rtype == "EXTENDS" and (ca not in KIND_CATEGORIES or cb not in KIND_CATEGORIES - {"metric"}):
        return None, a, b
    if rtype == "COMPARED_WITH" and _comparable(ca) != _comparable(cb):
        return None, a, b  # "HF 比吞吐量…": a tool is not compared with a measure
    if rtype == "PART_OF" and cue.frame == "verb" and ca == cb != "component":
        return None, a, b  # "集成学习包括 Bagging": two methods, a whole and its part or a kind, the sentence does not say
    if cue.reverse and not passive:
        return rtype, b, a
    return rtype, a, b


def _comparable(category: str) -> str:
    """What can be set against what: things (models, methods, tools…) against things, measures against measures."""
    return category if category in ("metric", "problem", "task", "dataset") else "thing"
