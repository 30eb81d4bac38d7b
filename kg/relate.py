"""Relate: typed relations between concepts, each with the evidence it came from.

Two sources:

* **cues** (``schema/relation_cues.yaml``): Chinese and English patterns over
  a sentence whose concept mentions are replaced by markers, so a pattern
  reads ``{A}在{B}的基础上`` rather than character soup;
* **structure**: a list under a line that names a concept (``参数高效微调PEFT``
  followed by ``- LoRA: …``), items under a "how to prevent X" question, and
  comparison tables whose header cells are concepts.

Confidence grows with independent support: each document adds its best
piece of evidence, ``1 - Π(1 - weight)``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.clean import strip_numbering
from kg.extract import Found, LineMentions
from kg.model import Document, Evidence, Relation, SYMMETRIC_TYPES
from kg.names import fold
from kg.resources import load_yaml

__all__ = ["Cue", "Findings", "load_cues", "relate_document", "combine", "kinds_by_name", "sentences", "evidence_text"]

_MARK = "⟨{}⟩"
# one concept, maybe with a bracketed gloss and a kind noun: "⟨PPO⟩(Proximal Policy Optimization)算法"
_ITEM = r"⟨\d+⟩(?:\([^()]{0,80}\))?\s*(?:算法|方法|模型|技术|机制|网络|函数)?"
_LIST = rf"{_ITEM}(?:\s*(?:、|和|与|及|以及|或|/|,|\+|and|or)\s*{_ITEM})*"
_MACROS = {
    "{A+}": f"(?P<A>{_LIST})",
    "{B+}": f"(?P<B>{_LIST})",
    "{A}": r"⟨(?P<A>\d+)⟩",
    "{B}": r"⟨(?P<B>\d+)⟩",
    "{gap}": r"[^⟨。;!?,:]{0,8}?",
    "{wide}": r"[^⟨。;!?,:]{0,20}?",
    "{clause}": r"(?:^|(?<=[,:]))\s*(?:它|其|该[^⟨,。]{0,3}|此[^⟨,。]{0,2}|这[^⟨,。]{0,3}|同时|并|并且|还|也)?\s*",
    "{kind}": r"(?=(?:的)?(?:方法|技术|算法|模型|网络|机制|结构|函数|优化器|架构|损失|策略|任务|问题|技巧|手段|方式|变体|模块|组件|思想|范式|框架|指标|$|[,。;(:]))",
}
_KIND_WORDS = re.compile(r"优化器|算法|模型|方法|网络|机制|技术|结构|架构|损失|函数|框架|模块")
_MEANS = re.compile(r"通过|利用|借助|随机|丢弃")
_YES_NO = re.compile(r"吗|是否|能否|可否|是不是|可不可以|能不能")
_SENTENCE_END = re.compile(r"(?<=[。!?;])|(?<=\.)\s+(?=[A-Z])")
_PREVENT = re.compile(r"(?:防止|缓解|解决|避免|处理|应对|减轻|克服)[^⟨]{0,4}⟨(\d+)⟩")
_COMPARE_WORDS = re.compile(r"区别|对比|比较|异同|不同|vs", re.I)
_STRUCTURE_WEIGHT = 0.6
_KINDS_HEADING = re.compile(r"类型|种类|类别|分类|有哪些|哪几种|kinds|types", re.I)
# "K-Means++" is a later version of "K-Means": a name plus one of these
_VERSION_SUFFIX = re.compile(r"^(?:\+\+|plus|v?\d+(?:\.\d+)?|next|pro|max|xl|large)$")


@dataclass(frozen=True)
class Cue:
    type: str
    weight: float
    name: str
    regex: re.Pattern
    subject_from_context: bool = False
    when_a: frozenset[str] = frozenset()
    when_b: frozenset[str] = frozenset()
    same_category: bool = False


@lru_cache(maxsize=1)
def load_cues() -> tuple[Cue, ...]:
    cues = []
    for number, raw in enumerate(load_yaml("relation_cues.yaml"), start=1):
        pattern = raw["pattern"]
        for macro, expansion in _MACROS.items():
            pattern = pattern.replace(macro, expansion)
        flags = re.I if "i" in str(raw.get("flags", "")) else 0
        try:
            regex = re.compile(pattern, flags)
        except re.error as exc:
            raise ValueError(f"relation_cues.yaml entry {number} ({raw.get('cue')}): bad pattern: {exc}") from None
        when = raw.get("when") or {}
        cues.append(Cue(
            raw["type"], float(raw["weight"]), raw.get("cue", raw["type"]), regex,
            raw.get("subject") == "context",
            frozenset(when.get("A", ())), frozenset(when.get("B", ())), bool(when.get("same_category")),
        ))
    return tuple(cues)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a line (Chinese and English sentence ends)."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start()
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def evidence_text(raw: str, sentence: str) -> str:
    """The sentence as the document writes it, or the whole source line when
    markup inside the sentence makes it differ from the source."""
    head = re.sub(r"\s+", "", sentence)[:12]
    if head and head in re.sub(r"\s+", "", fold(raw)):
        return sentence.strip()
    return raw


@dataclass
class _Collector:
    categories: dict[str, str]
    kinds: frozenset[tuple[str, str]] = frozenset()  # (specific, general) by their Chinese names
    evidence: dict[tuple[str, str, str], list[tuple[float, Evidence, str]]] = field(default_factory=lambda: defaultdict(list))
    cooccur: dict[tuple[str, str], list[Evidence]] = field(default_factory=lambda: defaultdict(list))

    def add(self, source: str, target: str, rtype: str, weight: float, evidence: list[Evidence], cue: str) -> bool:
        if source == target:
            return False
        if rtype in ("USES", "PART_OF") and (target, source) in self.kinds:
            return False  # "正则化: 通过L1正则化…" — L1正则化 is a kind of 正则化, not used by it
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
    collector = _Collector(categories, kinds)
    cues = load_cues()
    by_index = {lm.index: lm for lm in lines}
    topics = _section_topics(lines)
    for lm in lines:
        context = _context_subject(lm, by_index, topics, doc)
        _cue_relations(doc, lm, context, cues, collector)
        _structure_relations(doc, lm, by_index, collector)
    _table_relations(doc, lines, collector, _section_topics(lines, kinds_only=True))
    return Findings(
        [(key, weight, ev, cue) for key, items in collector.evidence.items() for weight, ev, cue in items],
        [(pair, ev) for pair, evs in collector.cooccur.items() for ev in evs],
    )


def combine(findings: list[Findings], categories: dict[str, str], names: dict[str, str] | None = None) -> list[Relation]:
    """Relations with their confidence from the findings of every document.

    ``names`` (concept id -> name) lets a comparison of ``K-Means`` and
    ``K-Means++`` also state that the versioned one extends the other.
    """
    collector = _Collector(categories)
    for found in findings:
        for key, weight, ev, cue in found.evidence:
            collector.evidence[key].append((weight, ev, cue))
        for pair, ev in found.cooccur:
            collector.cooccur[pair].append(ev)
    if names:
        _versioned(collector, names)
    return _finish(collector)


def kinds_by_name(surfaces: dict[str, str]) -> frozenset[tuple[str, str]]:
    """(specific, general) concept pairs where a Chinese name ends with another's: 旋转位置编码 / 位置编码.

    >>> sorted(kinds_by_name({"L2正则化": "l2", "正则化": "reg", "RoPE": "rope"}))
    [('l2', 'reg')]
    """
    chinese = {s: c for s, c in surfaces.items() if s and "\u4e00" <= s[-1] <= "\u9fff"}
    pairs = set()
    for surface, specific in chinese.items():
        for start in range(1, len(surface) - 1):
            general = chinese.get(surface[start:])
            if general and general != specific:
                pairs.add((specific, general))
    return frozenset(pairs)


def _versioned(collector: _Collector, names: dict[str, str]) -> None:
    from kg.names import name_key

    for (a, b, rtype), items in list(collector.evidence.items()):
        if rtype != "COMPARED_WITH":
            continue
        for base, later in ((a, b), (b, a)):
            kb, kl = name_key(names.get(base, "")), name_key(names.get(later, ""))
            if kb and kl.startswith(kb) and _VERSION_SUFFIX.match(kl[len(kb):]):
                for weight, ev, _ in items:
                    collector.add(later, base, "EXTENDS", min(weight, 0.6), [ev], "compared with its versioned name")


def _template(text: str, found: list[Found], start: int, end: int) -> tuple[str, list[Found]]:
    """The sentence with each mention replaced by a marker ``⟨k⟩`` (k indexes the returned list).

    Spaces around markers are dropped, and a name repeated right after
    itself, in brackets or not (``QLoRA(Quantized LoRA)``, ``图文匹配ITM``),
    becomes one marker.
    """
    inside = [f for f in found if f.start >= start and f.end <= end]
    parts, cursor = [], start
    for k, f in enumerate(inside):
        parts.append(text[cursor : f.start])
        parts.append(_MARK.format(k))
        cursor = f.end
    parts.append(text[cursor:end])
    template = re.sub(r"\s*(⟨\d+⟩)\s*", r"\1", "".join(parts))

    def same_in_brackets(m: re.Match) -> str:
        first, second = int(m.group(1)), int(m.group(2))
        return m.group(0) if inside[first].concept != inside[second].concept else f"⟨{first}⟩"

    template = re.sub(r"⟨(\d+)⟩\((?:[^⟨)]{0,3})⟨(\d+)⟩[^⟨)]{0,20}\)", same_in_brackets, template)
    # "图文匹配ITM": two names of one concept side by side are one mention
    template = re.sub(r"⟨(\d+)⟩⟨(\d+)⟩", same_in_brackets, template)
    return template, inside


def _indices(group: str) -> list[int]:
    return [int(n) for n in re.findall(r"⟨(\d+)⟩", group)] if "⟨" in group else [int(group)]


def _allowed(cue: Cue, a: str, b: str, categories: dict[str, str]) -> bool:
    ca, cb = categories.get(a, "concept"), categories.get(b, "concept")
    if cue.type == "ADDRESSES" and ca == "problem":
        return False  # a problem does not solve a problem
    if cue.when_a and ca not in cue.when_a:
        return False
    if cue.when_b and cb not in cue.when_b:
        return False
    if cue.same_category and not (ca == cb != "concept" or {ca, cb} <= {"method", "technique"}):
        return False
    return True


def _cue_relations(doc: Document, lm: LineMentions, context: tuple[str, Evidence] | None, cues, collector: _Collector) -> None:
    text = lm.line.text
    for start, end in sentences(text):
        template, inside = _template(text, lm.found, start, end)
        if not inside:
            continue
        ev = Evidence(doc.id, lm.line.number, evidence_text(lm.line.raw or text, text[start:end]))
        related: set[frozenset[str]] = set()
        topic, topic_ev = context if context else (_sentence_topic(template, inside), None)
        asks = bool(_YES_NO.search(text[start:end]))
        for cue in cues:
            if cue.subject_from_context and topic is None or not cue.subject_from_context and len(inside) < 2:
                continue
            if asks and cue.type != "COMPARED_WITH":
                continue  # "可以防止过拟合吗?" asks, it does not state
            for match in _all_matches(cue.regex, template):
                if cue.type == "ADDRESSES" and not cue.subject_from_context and _MEANS.search(_clause_before(template, match.start("A"))):
                    continue  # "通过…丢弃神经元来防止过拟合": the neurons are the means, not the subject
                a_ids = [topic] if cue.subject_from_context else [inside[i].concept for i in _indices(match.group("A"))]
                b_ids = [inside[i].concept for i in _indices(match.group("B"))]
                for a in a_ids:
                    for b in b_ids:
                        pair = frozenset((a, b))
                        if pair in related or not _allowed(cue, a, b, collector.categories):
                            continue
                        evidence = [ev]
                        if cue.subject_from_context and a not in {f.concept for f in inside} and topic_ev is not None:
                            evidence = [topic_ev, ev]
                        source, rtype, target = a, cue.type, b
                        if rtype == "USES" and collector.categories.get(a) == "problem":
                            source, rtype, target = b, "ADDRESSES", a  # "样本不均衡如何处理: 使用GAN…"
                        if collector.add(source, target, rtype, cue.weight, evidence, cue.name):
                            related.add(pair)
        ids = sorted({f.concept for f in inside})
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if frozenset((a, b)) not in related:
                    collector.cooccur[(a, b)].append(ev)


def _clause_before(template: str, position: int) -> str:
    start = max(template.rfind(",", 0, position), template.rfind(":", 0, position)) + 1
    return template[start:position]


def _sentence_topic(template: str, inside: list[Found]) -> str | None:
    """The concept a sentence opens with (``Adam是一种…,它结合了…``): the subject of later clauses."""
    m = re.match(r"^[-*•\s]*⟨(\d+)⟩", template)
    return inside[int(m.group(1))].concept if m else None


def _all_matches(regex: re.Pattern, template: str):
    """Every match, overlapping ones included (``A、B和C的区别`` relates several pairs)."""
    position = 0
    while position < len(template):
        match = regex.search(template, position)
        if match is None:
            return
        yield match
        position = match.start() + 1


def _head_concepts(lm: LineMentions, max_head: int = 24, exact: bool = False) -> list[str]:
    """Concepts a line is about: those before its first colon, when that head is short.

    With ``exact``, the head must be nothing but concept names (``MobileNet:``,
    ``参数高效微调PEFT``), not a phrase about one (``Transformer缺点:``).
    """
    text = lm.line.text
    skip = len(text) - len(strip_numbering(text))
    colon = min((i for i in (text.find(":", skip), text.find("(", skip)) if i >= 0), default=-1)
    limit = colon if 0 <= colon <= max_head + skip else (len(text) if len(text) <= max_head + skip else -1)
    if limit < 0:
        return []
    heads = [f for f in lm.found if skip <= f.start and f.end <= limit]
    if exact:
        rest = text[skip:limit]
        for f in reversed(heads):
            rest = rest[: f.start - skip] + rest[f.end - skip :]
        if len(_KIND_WORDS.sub("", re.sub(r"[\s、,/和与及*:：()（）\-]+", "", rest))) > 1:
            return []
    return list(dict.fromkeys(f.concept for f in heads))


_ASKING = re.compile(r"^(?:简单)?(?:介绍|讲|说|谈|聊|解释|了解)?(?:一下|一讲|讲|下)?(?:什么是)?\s*")
_HEADING_TAIL = re.compile(r"(?:的)?(?:介绍|简介|详解|超详细解|原理|是什么|作用|架构|结构|框架|概述|总结|讲解|解读)?\s*[?:]?\s*$")


def _section_topics(lines: list[LineMentions], kinds_only: bool = False) -> dict[int, tuple[str, int]]:
    """Section index -> (the concept its heading is about, the heading's body index).

    Only headings that are just a name ("(7)Qwen2-VL", "问题24:介绍RLHF",
    "问题二:Qformer介绍") give their section a topic; with ``kinds_only``,
    also headings that announce kinds of one concept ("位置编码类型").
    """
    topics = {}
    for lm in lines:
        if lm.line.kind != "heading" or len({f.concept for f in lm.found}) != 1:
            continue
        title = lm.line.text
        if kinds_only and _KINDS_HEADING.search(title):
            topics[lm.line.section] = (lm.found[0].concept, lm.index)  # "位置编码类型": a table of its kinds follows
            continue
        skip = len(title) - len(strip_numbering(title))
        first, last = lm.found[0], lm.found[-1]
        before = _ASKING.sub("", title[skip : first.start], count=1)
        after = _KIND_WORDS.sub("", _HEADING_TAIL.sub("", title[last.end :], count=1))
        if not before.strip() and not after.strip():
            topics[lm.line.section] = (first.concept, lm.index)
    return topics


def _context_subject(lm: LineMentions, by_index: dict[int, LineMentions], topics: dict[int, tuple[str, int]],
                     doc: Document) -> tuple[str, Evidence] | None:
    """The concept a line is about when a sentence in it omits its subject —
    the line's head, its list parent's head, or its section's topic — with
    the line that names it."""
    heads = _head_concepts(lm, exact=True)
    if len(heads) == 1:
        return heads[0], Evidence(doc.id, lm.line.number, lm.line.raw or lm.line.text)
    parent = by_index.get(lm.line.parent)
    if parent is not None:
        heads = _head_concepts(parent, exact=True)
        if len(heads) == 1:
            return heads[0], Evidence(doc.id, parent.line.number, parent.line.raw or parent.line.text)
    topic = topics.get(lm.line.section)
    if topic is not None:
        heading = doc.body[topic[1]]
        return topic[0], Evidence(doc.id, heading.number, heading.raw or heading.text)
    return None


def _structure_relations(doc: Document, lm: LineMentions, by_index: dict[int, LineMentions], collector: _Collector) -> None:
    """An item naming a concept, under a line naming another one."""
    if lm.line.kind != "item" or lm.line.parent < 0:
        return
    parent = by_index.get(lm.line.parent)
    items = _head_concepts(lm)
    if parent is None or not items:
        return
    parent_line = parent.line
    item_ev = Evidence(doc.id, lm.line.number, lm.line.raw or lm.line.text)
    parent_ev = Evidence(doc.id, parent_line.number, parent_line.raw or parent_line.text)
    template, inside = _template(parent_line.text, parent.found, 0, len(parent_line.text))
    prevented = _PREVENT.search(template)
    if prevented and parent_line.text.rstrip().endswith("?"):
        problem = inside[int(prevented.group(1))].concept
        if collector.categories.get(problem) == "problem":
            for item in items:
                collector.add(item, problem, "ADDRESSES", _STRUCTURE_WEIGHT, [parent_ev, item_ev], "items under 'how to prevent B?'")
        return
    if _COMPARE_WORDS.search(parent_line.text):
        return
    topics = _head_concepts(parent, exact=True)
    items = _head_concepts(lm, exact=True)
    if len(topics) != 1 or not items:
        return
    topic = topics[0]
    ct = collector.categories.get(topic, "concept")
    bare_parent = not _after_head(parent_line.text)
    for item in items:
        ci = collector.categories.get(item, "concept")
        if ct == ci and ct not in ("model", "concept") and bare_parent:
            collector.add(item, topic, "IS_A", _STRUCTURE_WEIGHT, [parent_ev, item_ev], "list under its kind")
        elif ct == "model" and ci in ("component", "technique", "method", "loss"):
            collector.add(topic, item, "USES", _STRUCTURE_WEIGHT, [parent_ev, item_ev], "list under a model")


def _after_head(text: str) -> str:
    """What a line says after its ``name:`` head ("" for a bare name line)."""
    colon = text.find(":")
    return text[colon + 1 :].strip() if colon >= 0 else ""


def _first_cell_concept(lm: LineMentions) -> str | None:
    first = lm.line.text.split(" | ")[0]
    inside = [f for f in lm.found if f.end <= len(first)]
    named = len("".join(f.surface for f in inside))
    if len({f.concept for f in inside}) == 1 and len(first.strip()) <= named + 8:
        return inside[0].concept
    return None


def _table_relations(doc: Document, lines: list[LineMentions], collector: _Collector, topics: dict[int, str]) -> None:
    """A table whose header cells name two or more concepts compares them; the
    rows of a table under "kinds of X" (位置编码类型) name kinds of X."""
    for lm in lines:
        line = lm.line
        if line.kind != "row":
            continue
        previous = doc.body[lm.index - 1] if lm.index > 0 else None
        if previous is not None and previous.kind == "row":
            topic = topics.get(line.section, (None, -1))[0]
            section = doc.sections[line.section] if line.section >= 0 else None
            kind = _first_cell_concept(lm)
            if topic and kind and section and _KINDS_HEADING.search(section.title):
                if collector.categories.get(topic) == collector.categories.get(kind):
                    heading = Evidence(doc.id, section.line, section.title)
                    collector.add(kind, topic, "IS_A", _STRUCTURE_WEIGHT, [heading, Evidence(doc.id, line.number, line.raw or line.text)], "row of a table of kinds")
            continue  # only header rows compare
        cells = line.text.split(" | ")
        heads = []
        offset = 0
        for cell in cells:
            inside = [f for f in lm.found if offset <= f.start and f.end <= offset + len(cell)]
            if inside and len(cell.strip()) <= len(inside[0].surface) + 2:
                heads.append(inside[0].concept)
            offset += len(cell) + 3
        heads = list(dict.fromkeys(heads))
        if len({collector.categories.get(h) for h in heads}) != 1:
            continue  # "| 类别 | 是否自适应学习率 | 是否正则化 |" is a feature table, not a comparison
        ev = Evidence(doc.id, line.number, line.raw or line.text)
        for i, a in enumerate(heads):
            for b in heads[i + 1 :]:
                collector.add(a, b, "COMPARED_WITH", 0.7, [ev], "comparison table header")


def _confidence(weights_by_doc: dict[str, float]) -> float:
    remaining = 1.0
    for weight in weights_by_doc.values():
        remaining *= 1.0 - weight
    return min(0.99, 1.0 - remaining)


def _finish(collector: _Collector) -> list[Relation]:
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
