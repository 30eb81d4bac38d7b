"""Combine: the findings of all documents joined into relations with confidences.

Confidence grows with independent support, ``1 - Π(1 - best weight per
document)``; names add kinds (L2正则化 IS_A 正则化) and families
(VGG16 IS_A VGG); contradictions are dropped.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable

from kg.collector import Collector, Findings
from kg.lexicon import common_word
from kg.model import Evidence, Relation, SYMMETRIC_TYPES
from kg.names import name_key
from kg.variants import version_split

__all__ = ["combine", "kinds_by_name"]


_VERSION_SUFFIX = re.compile(r"^(?:\+\+|plus|v?\d+(?:\.\d+)?|next|pro|max|xl|large)$")


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
        _named_variants(collector, surfaces)
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
        if not (same or cg == "concept" and cs != "problem" and _KIND_HEAD.search(head) and _head_fits(head, cs)):
            continue
        if not _head_word(head, surface, names.get(general, "")):
            continue  # 轻量化 is not 轻量 + 量化; "Hyperparameter Tuning" is no fine-tuning though "Tuning" names it
        evidence = _one_line_each(mentions(specific), mentions(general))
        if evidence and cs == cg and (_one_thing(head, cg) or _one_thing(names.get(general, ""), cg)):
            # Smooth L1 Loss on L1 Loss, Focal-EIoU on EIoU: the other is one named thing, not a class; this varies it
            collector.add(specific, general, "EXTENDS", 0.55, evidence, "variant: its name ends with the other's name")
        elif evidence:
            collector.add(specific, general, "IS_A", 0.55, evidence, "kind: its name ends with the other's")


# a name shaped as one thing's (L1 Loss, LoRA, IoU, BERT), not a class's (Loss Function, Attention, CNN, LLM)
_SPECIFIC_NAME = re.compile(r"[a-z][A-Z]|\d|^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9]{3,}$")


def _one_thing(name: str, category: str) -> bool:
    """Whether ``name`` names one thing (L1 Loss, LoRA, SPP) rather than a class (Attention, CNN, LLM: a short
    acronym of a model is a family of models)."""
    return bool(_SPECIFIC_NAME.search(name)) or re.fullmatch(r"[A-Z]{2,3}", name) is not None and category not in ("model", "concept")


_ONE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-+]*")
# an acronym-like name of four or more characters, two of them capitals: LoRA, BERT, LSTM, YOLO (not GAN, ViT)
_BASE_NAME = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9]{3,}")
_VARIANT_KINDS = frozenset({"method", "model", "technique"})


def _named_variants(collector: Collector, surfaces: dict[str, str]) -> None:
    """QLoRA and AdaLoRA are variants of LoRA, RoBERTa of BERT, BiLSTM of LSTM: a one-word name of a method or
    model that holds another of its sort whole, when a sentence names both and none relates them otherwise.
    A version (YOLOv3) is its family's business (:func:`kg.families.family_links`)."""
    from kg.variants import version_split

    categories = collector.categories
    words = {s: c for s, c in surfaces.items() if _ONE_WORD.fullmatch(s)}
    bases = {s: c for s, c in words.items() if _BASE_NAME.fullmatch(s)}
    for name, specific in sorted(words.items()):
        for base, general in bases.items():
            at = name.find(base)
            if general == specific or at < 0 or len(name) - len(base) > 3 or len(name) <= len(base) \
                    or categories.get(specific) != categories.get(general):
                continue  # a short mark added (Q, Ada, Bi, X); a longer word makes a name of its own (GoogLeNet)
            after = name[at + len(base):]
            if categories.get(specific) not in _VARIANT_KINDS or after and not re.fullmatch(r"[A-Z\-+].*|[a-z]", after):
                continue  # "LoRAs"-like endings and running words are no variant's name
            if (split := version_split(name)) and split[0].rstrip("-_ ") == base:
                continue
            if any((specific, general, t) in collector.evidence or (general, specific, t) in collector.evidence for t in _TYPES_BETWEEN):
                continue
            together = collector.cooccur.get((specific, general)) or collector.cooccur.get((general, specific))
            if together:  # a sentence naming both, as the evidence
                collector.add(specific, general, "EXTENDS", 0.5, together[:1], "variant: its name holds the other's")


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


# Zero Redundancy Optimizer is a technique: a name ending in Optimizer is no optimizer by that alone
_OPTIMIZER_HEAD = re.compile(r"(?i)优化器$|optimizer$")


def _head_fits(head: str, category: str) -> bool:
    return category in ("optimizer", "concept") or not _OPTIMIZER_HEAD.search(head)


_TYPES_BETWEEN = ("IS_A", "PART_OF", "USES", "EXTENDS", "COMPARED_WITH", "ADDRESSES")
_KIND_HEAD = re.compile(r"(?:器|网络|函数|模型|机制|算法|(?<!\w)(?:optimizer|network|function|model|mechanism|algorithm))$", re.I)


def _families(collector: Collector, names: dict[str, str], mentions: Callable[[str], list[Evidence]] | None) -> None:
    """A version extends its family (FlashAttention-2, FlashAttention; DeepLabv3+, DeepLabv3), a size is a kind of its
    family: shown by a sentence naming both, or else by a line naming each in one document (two notes that
    each name one show nothing). A version after another (YOLOv3, YOLOv2) extends it only where a sentence says so."""
    from kg.families import family_links

    for specific, family, rtype in family_links(names):
        if (specific, family, rtype) in collector.evidence:
            continue
        if rtype == "EXTENDS" and _successor(names.get(specific, ""), names.get(family, "")):
            continue  # "YOLOv2、YOLOv3": a version after another is no variant of it unless a sentence says so
        evidence = list(dict.fromkeys(collector.cooccur.get(tuple(sorted((specific, family))), [])))[:3]
        if not evidence and mentions is not None:
            evidence = _one_line_each(mentions(specific), mentions(family))
        if evidence:
            kind = "a version of" if rtype == "EXTENDS" else "a size of"
            collector.add(specific, family, rtype, 0.6, evidence, f"family: {kind} its family, by name")


def _successor(name: str, family: str) -> bool:
    """YOLOv3 after YOLOv2, ZeRO-3 after ZeRO-2: another number of one family (DeepLabv3+ and GPT-4o are
    variants of their own number's version)."""
    mine, theirs = version_split(name), version_split(family)
    return mine is not None and theirs is not None and re.sub(r"\D", "", mine[1]) != re.sub(r"\D", "", theirs[1])


def _one_quote_a_line(evidence: list[Evidence]) -> list[Evidence]:
    """A sentence of a line quoted whole elsewhere is not quoted twice."""
    whole = {(e.doc, e.line): e.text for e in evidence}
    for e in evidence:
        if len(e.text) > len(whole[e.doc, e.line]):
            whole[e.doc, e.line] = e.text
    return [e for e in evidence if e.text == whole[e.doc, e.line] or e.text not in whole[e.doc, e.line]]


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


def _named_heads(surfaces: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(specific, general, the general's name as the head of the specific's, the specific's name) for names ending with another's."""
    found = list(_all_named_heads(surfaces))
    # two orders of one name's words that end differently say nothing: 深度可分离卷积 ends with 卷积, its variant
    # 可分离深度卷积 with 深度卷积
    orders = defaultdict(set)
    for specific, general, head, surface in found:
        if not head.isascii():
            orders[specific, "".join(sorted(surface))].add(general)
    found = [h for h in found if h[2].isascii() or len(orders[h[0], "".join(sorted(h[3]))]) == 1]
    # of all the heads a concept's names give, the longest in each script: "Rotary Position Embedding" makes RoPE a
    # Position Embedding, and "Rotary Embedding" then does not make it an Embedding as well
    longest: dict[tuple[str, bool], int] = {}
    for specific, _, head, _ in found:
        key = (specific, head.isascii())
        longest[key] = max(longest.get(key, 0), len(head))
    found = [h for h in found if len(h[2]) == longest[(h[0], h[2].isascii())]]
    # where its Chinese names disagree, the English name settles it: 批标准化 and 批归一化 are both Batch
    # Normalization, a kind of Normalization, not of Standardization
    english, chinese = defaultdict(set), defaultdict(set)
    for specific, general, head, _ in found:
        (english if head.isascii() else chinese)[specific].add(general)
    settled = {specific for specific, generals in chinese.items() if len(generals) > 1 and generals & english[specific]}
    return [h for h in found if h[2].isascii() or h[0] not in settled or h[1] in english[h[0]]]


# "Gradient Boosting Decision Tree", "梯度提升决策树": an ensemble of the head's things, no kind of it
_COLLECTING = (frozenset({"boosting", "boosted", "bagging", "bagged", "ensemble", "ensembles"}), ("提升", "集成"))


def _all_named_heads(surfaces: dict[str, str]):
    chinese = {s: c for s, c in surfaces.items() if s and "\u4e00" <= s[-1] <= "\u9fff"}
    for surface, specific in chinese.items():
        for start in range(1, len(surface) - 1):  # the longest known name it ends with: 旋转位置嵌入 is a 位置嵌入, not just a 嵌入
            general = chinese.get(surface[start:])
            if general and general != specific:  # (a shorter name of itself, 组卷积 in 分组卷积, says nothing)
                if surface[:start] not in _NEGATING and not any(w in surface[:start] for w in _COLLECTING[1]):
                    yield specific, general, surface[start:], surface
                break
    # English names end with their head words too: "Weight Normalization" / "Normalization",
    # "Rotary Position Embedding" / "Position Embedding" (the longest known one, not "Embedding")
    latin = {s.casefold(): c for s, c in surfaces.items() if s.isascii() and " " in s.strip()}
    # a one-word head must be a common noun (Normalization, Attention), not a name (LoRA in "Quantized LoRA")
    words = {s.casefold(): c for s, c in surfaces.items() if s.isascii() and s.isalpha() and len(s) > 5 and s[1:].islower()}
    for surface, specific in latin.items():
        parts = surface.split(" ")
        for n in range(1, len(parts)):
            head = " ".join(parts[n:])
            general = latin.get(head) if n < len(parts) - 1 else words.get(head)
            if general and general != specific:
                if parts[n - 1] not in _COLLECTING[0]:
                    yield specific, general, head, surface
                break


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
        evidence = _one_quote_a_line(list(dict.fromkeys(ev for _, ev, _ in items)))[:20]
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
