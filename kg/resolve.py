"""Resolve: one concept per thing across all documents.

Surface forms are grouped by :func:`kg.names.name_key` (case, width, hyphen
and spacing variants), by the lexicon, by pairs the text declares equal
(``旋转位置编码RoPE``) and by clear typos of a known name (``PixcelShuffle``).
Two lexicon concepts are never merged: different things stay apart
(BN and LN, LoRA and QLoRA, BLIP and BLIP2).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.discover import Declared
from kg.extract import DocExtraction
from kg.lexicon import Lexicon
from kg.names import has_cjk, name_key, slug

__all__ = ["ResolvedConcept", "Resolution", "resolve"]

_CATEGORY_BY_CN_HEAD = (
    ("优化器", "optimizer"), ("损失", "loss"), ("网络", "model"), ("模型", "model"), ("注意力", "component"),
    ("编码", "component"), ("模块", "component"), ("层", "component"), ("结构", "component"), ("机制", "component"),
    ("正则化", "technique"), ("归一化", "technique"), ("增强", "technique"), ("裁剪", "technique"),
    ("率", "metric"), ("指标", "metric"), ("分数", "metric"), ("学习", "method"), ("微调", "method"),
    ("调优", "method"), ("算法", "method"), ("方法", "method"), ("策略", "method"), ("检测", "task"), ("分类", "task"),
    ("问题", "problem"), ("门", "component"), ("单元", "component"), ("器", "component"), ("连接", "component"),
    ("并行", "technique"), ("量化", "technique"), ("推理", "technique"), ("采样", "technique"), ("蒸馏", "technique"),
    ("剪枝", "technique"), ("池化", "technique"), ("卷积", "technique"), ("训练", "method"), ("框架", "tool"),
)


@dataclass
class ResolvedConcept:
    id: str
    name: str
    category: str
    surfaces: set[str] = field(default_factory=set)  # every form that resolves to it
    origin: list[str] = field(default_factory=list)
    from_lexicon: bool = False


@dataclass
class Resolution:
    concepts: dict[str, ResolvedConcept]
    by_key: dict[str, str]  # name_key -> concept id
    case_rules: dict[str, str]

    def surface_labels(self) -> dict[str, str]:
        return {surface: cid for cid, c in self.concepts.items() for surface in c.surfaces}


class _Groups:
    """Union-find over name keys, remembering which lexicon entry a group holds."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(lexicon: Lexicon, extractions: list[DocExtraction]) -> Resolution:
    """Decide the concepts of the corpus and the surface forms of each."""
    counts: Counter[str] = Counter()
    strong: set[str] = set()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in extractions:
        for cand in ex.candidates:
            key = name_key(cand.surface)
            counts[key] += 1
            spellings[key][cand.surface] += 1
            if cand.strong:
                strong.add(key)

    concepts: dict[str, ResolvedConcept] = {}
    by_key: dict[str, str] = {}
    for entry in lexicon.entries:
        concepts[entry.id] = ResolvedConcept(entry.id, entry.name, entry.category, set(entry.surfaces), ["lexicon"], True)
        for surface in entry.surfaces:
            by_key[name_key(surface)] = entry.id

    typo_targets = _typo_targets(lexicon)
    groups = _Groups()
    accepted: set[str] = set()
    for key, n in counts.items():
        if key in by_key:
            concepts[by_key[key]].surfaces.update(spellings[key])
            continue
        target = _typo_of(key, typo_targets)
        if target:
            by_key[key] = target
            concepts[target].surfaces.update(spellings[key])
            concepts[target].origin.append(f"typo: {spellings[key].most_common(1)[0][0]}")
            continue
        if n >= 2 or key in strong:
            accepted.add(key)
            groups.find(key)

    for ex in extractions:
        for pair in ex.declared:
            _declare(pair, ex.doc.id, by_key, concepts, groups, accepted, spellings)

    members: dict[str, list[str]] = defaultdict(list)
    for key in accepted:
        members[groups.find(key)].append(key)
    for root, keys in members.items():
        keys.sort(key=lambda k: (-counts[k], has_cjk(k), k))
        surfaces = {s for k in keys for s in spellings[k]}
        name = _display_name(keys, spellings, counts)
        cid = _free_id(slug(name), concepts)
        concepts[cid] = ResolvedConcept(cid, name, _guess_category(surfaces), surfaces, ["discovered"])
        for k in keys:
            by_key[k] = cid
    for ex in extractions:
        for pair in ex.declared:
            cid = by_key.get(name_key(pair.first))
            if cid and cid == by_key.get(name_key(pair.second)):
                concepts[cid].origin.append(f"declared: {pair.first} = {pair.second} ({ex.doc.path}:{pair.line})")
    return Resolution(concepts, by_key, lexicon.case_rules())


def _declare(pair: Declared, doc: str, by_key, concepts, groups: _Groups, accepted: set[str], spellings) -> None:
    a, b = name_key(pair.first), name_key(pair.second)
    ca, cb = by_key.get(a), by_key.get(b)
    if ca and cb:
        return  # both known: two lexicon concepts are never merged by a sentence
    if ca or cb:
        known, other_key, other_surface = (ca, b, pair.second) if ca else (cb, a, pair.first)
        if other_key in accepted:
            # the other name was discovered on its own: it joins the known concept
            accepted.discard(other_key)
        by_key[other_key] = known
        concepts[known].surfaces.add(other_surface)
        concepts[known].surfaces.update(spellings.get(other_key, ()))
        return
    spellings[a][pair.first] = max(spellings[a][pair.first], 1)
    spellings[b][pair.second] = max(spellings[b][pair.second], 1)
    accepted.update((a, b))
    groups.union(a, b)


def _display_name(keys: list[str], spellings, counts) -> str:
    """Prefer the most used Latin spelling (a name people search for), then Chinese."""
    latin = [k for k in keys if not has_cjk(k)]
    best_key = max(latin or keys, key=lambda k: (counts[k], -len(k)))
    spelled = spellings[best_key]
    return max(spelled, key=lambda s: (spelled[s], sum(c.isupper() for c in s), s))


def _free_id(base: str, taken: dict) -> str:
    cid, n = base, 2
    while cid in taken:
        cid = f"{base}-{n}"
        n += 1
    return cid


def _guess_category(surfaces: set[str]) -> str:
    for surface in sorted(surfaces):
        if has_cjk(surface):
            for head, category in _CATEGORY_BY_CN_HEAD:
                if surface.endswith(head):
                    return category
    if any(re.search(r"[a-z]\d|\d[A-Za-z]|[a-z][A-Z]|[A-Z][A-Z][a-z]|-\d", s) for s in surfaces):
        return "model"  # a named artifact: PSPNet, LMDeploy, Qwen2-VL
    if any(re.fullmatch(r"[A-Z][A-Z0-9\-]{1,9}", s) for s in surfaces):
        return "method"  # an acronym: KTO, GQA
    return "concept"


def _typo_targets(lexicon: Lexicon) -> dict[int, list[tuple[str, str]]]:
    """Latin lexicon keys long enough that one slip of the keyboard is unambiguous, by length."""
    targets: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for entry in lexicon.entries:
        for surface in entry.surfaces:
            key = name_key(surface)
            if len(key) >= 6 and key.isascii() and key.isalpha():
                targets[len(key)].append((key, entry.id))
    return targets


def _typo_of(key: str, targets: dict[int, list[tuple[str, str]]]) -> str | None:
    """The concept ``key`` misspells: one edit or swap away, letters only, 6+ letters."""
    if len(key) < 6 or not key.isascii() or not key.isalpha():
        return None
    from rapidfuzz.distance import OSA

    hits = {
        cid
        for length in (len(key) - 1, len(key), len(key) + 1)
        for target, cid in targets.get(length, ())
        if target[0] == key[0] and OSA.distance(key, target, score_cutoff=1) <= 1
    }
    return hits.pop() if len(hits) == 1 else None
