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

from kg.discover import LOWER_CASE_WORDS, Declared, _humps, _initials_match, glossed_term, looks_like_name
from kg.extract import DocExtraction
from kg.lexicon import Lexicon
from kg.names import has_cjk, name_key, slug
from kg.nameshape import cn_term_head, english_kind, ordinary_english
from kg.senses import abbreviation, own_senses
from kg.variants import cn_canonical, cn_permutation, cn_variants, hybrid_forms, shortened_forms, singular_key, version_split

__all__ = ["ResolvedConcept", "Resolution", "resolve", "stands_alone"]

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
    # other ways of writing a concept's names (RoI池化 for RoI Pooling, 带孔卷积 for 空洞卷积):
    # searched like its names, shown only where a note uses them
    forms: dict[str, str] = field(default_factory=dict)
    # abbreviations a document spells out as another concept than the lexicon's: document -> name key -> concept
    senses: dict[str, dict[str, str]] = field(default_factory=dict)

    def surface_labels(self) -> dict[str, str]:
        labels = dict(self.forms)
        labels.update({surface: cid for cid, c in self.concepts.items() for surface in c.surfaces})
        return labels


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
    found_as: dict[str, list[str]] = defaultdict(list)  # name key -> where it was found, for --explain
    named: set[str] = set()  # keys found as names, not only as lower-case words
    for ex in extractions:
        for cand in ex.candidates:
            key = name_key(cand.surface)
            if cand.how != LOWER_CASE_WORDS:
                named.add(key)
            counts[key] += 1
            spellings[key][cand.surface] += 1
            if cand.strong:
                strong.add(key)
            if len(found_as[key]) < 3:
                found_as[key].append(f"{cand.how} ({ex.doc.path}:{cand.line})")

    concepts: dict[str, ResolvedConcept] = {}
    by_key: dict[str, str] = {}
    for entry in lexicon.entries:
        concepts[entry.id] = ResolvedConcept(entry.id, entry.name, entry.category, set(entry.surfaces), ["lexicon"], True)
        for surface in entry.surfaces:
            by_key[name_key(surface)] = entry.id
    known = _KnownForms(lexicon, by_key)

    groups = _Groups()
    categories = {cid: c.category for cid, c in concepts.items()}  # of the lexicon's concepts, for _two_known
    accepted: set[str] = set()
    unplaced: set[str] = set()  # names seen that are no concept on their own
    for key, n in counts.items():
        if key in by_key:
            concepts[by_key[key]].surfaces.update(spellings[key])
            continue
        spelling = spellings[key].most_common(1)[0][0]
        if key not in named:  # lower-case words: a known name in the plural, a slip of one ("gradient checkpiontng"), or nothing
            single = singular_key(key)
            target, why = (by_key[single], "plural") if single in by_key else (_typo_of(key, known.typo_targets, spelling), "typo")
            if target:
                _join(key, target, spellings, by_key, concepts, f"{why}: {spelling}")
            continue
        target, why = known.variant_of(key, spelling)
        if target:
            _join(key, target, spellings, by_key, concepts, f"{why}: {spelling}")
            continue
        if (n >= 2 or key in strong) and stands_alone(spelling) and hybrid_stands_alone(spelling, lambda s: name_key(s) in by_key) \
                and not _two_known(spelling, by_key, categories) and not _clause_of_names(spelling, by_key):
            accepted.add(key)
            groups.find(key)
        elif (first := _first_version(spelling)) and first in by_key:
            _join(key, by_key[first], spellings, by_key, concepts, f"first version, named once: {spelling}")
        else:
            unplaced.add(key)

    spelled_out: list[tuple[str, str, str]] = []  # (document, abbreviation, key of what the document means by it)
    for ex in extractions:
        own = own_senses(ex.declared, by_key, concepts, known.variant_of)
        for short, full in own.values():
            full_key = name_key(full)
            if full_key not in by_key:
                spellings[full_key][full] = max(spellings[full_key][full], 1)
                accepted.add(full_key)
                groups.find(full_key)
            spelled_out.append((ex.doc.id, short, full_key))
        for pair in ex.declared:
            if name_key(pair.first) not in own and name_key(pair.second) not in own:
                _declare(pair, by_key, concepts, groups, accepted, spellings, counts, known)

    for ex in extractions:
        _shortened_in(ex, by_key, concepts, groups, accepted, spellings)
    for key in list(accepted):  # "## Google ServeX" over a note on ServeX: one concept
        name = known.without_maker(spellings[key].most_common(1)[0][0])
        if name and name_key(name) in accepted:
            groups.union(name_key(name), key)
    _merge_variants(accepted, unplaced - accepted, groups, spellings, counts, known, by_key, concepts)
    members: dict[str, list[str]] = defaultdict(list)
    for key in accepted:
        members[groups.find(key)].append(key)
    case_rules = dict(lexicon.case_rules())
    for root, keys in members.items():
        joined = {by_key[k] for k in keys if k in by_key}
        if len(joined) == 1:  # a name of the group was declared another name of a known concept
            target = joined.pop()
            for k in keys:
                _join(k, target, spellings, by_key, concepts)
            continue
        keys = _checked_abbreviations([k for k in keys if k not in by_key], spellings)
        if not keys:
            continue
        keys.sort(key=lambda k: (-counts[k], has_cjk(k), k))
        surfaces = {s for k in keys for s in spellings[k]}
        name = _display_name(keys, spellings, counts)
        cid = _free_id(slug(name), concepts)
        where = [f"discovered: {spellings[k].most_common(1)[0][0]} as {place}" for k in keys for place in found_as.get(k, ())]
        concepts[cid] = ResolvedConcept(cid, name, _guess_category(surfaces), surfaces, where[:4] or ["discovered"])
        for k in keys:
            by_key[k] = cid
        case_rules.update(_discovered_case_rules(surfaces))
    forms = _written_forms(concepts, by_key)
    for ex in extractions:
        for pair in ex.declared:
            cid = by_key.get(name_key(pair.first))
            if cid and cid == by_key.get(name_key(pair.second)):
                concepts[cid].origin.append(f"declared: {pair.first} = {pair.second} ({ex.doc.path}:{pair.line})")
    senses: dict[str, dict[str, str]] = defaultdict(dict)
    for doc_id, short, full_key in spelled_out:
        if full_key in by_key:
            senses[doc_id][name_key(short)] = by_key[full_key]
    return Resolution(concepts, by_key, case_rules, forms, dict(senses))


_KIND_TAILS = frozenset({"Net", "Network", "Model", "Algorithm"})


def _shortened_in(ex: DocExtraction, by_key, concepts, groups: _Groups, accepted: set[str], spellings) -> None:
    """``EFF`` in a note on EfficientNet, ``CNX`` beside ConvNeXt: capitals that begin the one name of the same
    note they can stand for (its letters, or its capitals) are a short form of it; and a name in capitalised
    words that spells out the one known abbreviation of its note it fits is another name of it."""
    written = {c.surface for c in ex.candidates}
    known_short = [s for s in written if name_key(s) in by_key and abbreviation(s)]
    declared = {name_key(name) for pair in ex.declared for name in (pair.first, pair.second)}
    for full in written:  # "Rotating Positional Embedding" on a line of a note on RoPE: its letters spelled out
        key = name_key(full)
        if key in by_key or key in declared or not re.fullmatch(r"[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+){1,4}", full):
            continue
        initials = "".join(w[0] for w in re.split(r"[\s\-]+", full))
        spelled = {by_key[name_key(s)] for s in known_short if "".join(c for c in s if c.isupper()) == initials}
        if len(spelled) == 1:
            _join(key, spelled.pop(), spellings, by_key, concepts, f"spelled out in {ex.doc.path}: {full}")
            accepted.discard(key)
    for short in written:
        key = name_key(short)
        if not (3 <= len(short) <= 5 and short.isalpha() and short.isupper()) or key in by_key:
            continue
        # EFF-icientNet, ABC-Net: a short form; CONV-NeXt: a compound of two names
        fulls = {name_key(f) for f in written
                 if len(f) >= len(short) + 2 and f.isalnum() and f != short and (name_key(f) in by_key or name_key(f) in accepted)
                 and (f.casefold().startswith(short.casefold()) and (f[len(short):][:1].islower() or f[len(short):] in _KIND_TAILS)
                      or not f.startswith(short) and "".join(c for c in f if c.isupper()).startswith(short))}
        if len(fulls) != 1:
            continue
        full = fulls.pop()
        if full in by_key:
            _join(key, by_key[full], spellings, by_key, concepts, f"short form in {ex.doc.path}: {short}")
            accepted.discard(key)
        elif key in accepted:
            groups.union(full, key)


def _two_known(spelling: str, by_key: dict[str, str], categories: dict[str, str]) -> bool:
    """``Flamingo Perceiver Resampler`` (a heading): a known model and a known part of it side by side, not a
    third name (``Momentum SGD`` is one: no model in it).

    >>> _two_known("Flamingo Perceiver Resampler", {"flamingo": "f", "perceiverresampler": "p"}, {"f": "model", "p": "component"})
    True
    >>> _two_known("Momentum SGD", {"momentum": "m", "sgd": "s"}, {"m": "optimizer", "s": "optimizer"})
    False
    """
    words = spelling.split(" ")
    for i in range(1, len(words)):
        model, part = by_key.get(name_key(" ".join(words[:i]))), by_key.get(name_key(" ".join(words[i:])))
        if model and part and categories.get(model) == "model" and categories.get(part) != "model":
            return True
    return False


def _clause_of_names(spelling: str, by_key: dict[str, str]) -> bool:
    """``全连接层换成卷积层`` (a heading): a known name, a short verb, a known name is a clause, not a name.

    >>> _clause_of_names("全连接层换成卷积层", {"全连接层": "fc", "卷积层": "conv"}), _clause_of_names("卷积神经网络", {"卷积": "c", "神经网络": "n"})
    (True, False)
    """
    if not has_cjk(spelling):
        return False
    n = len(spelling)
    return any(name_key(spelling[:i]) in by_key and name_key(spelling[j:]) in by_key
               for i in range(2, n - 2) for j in range(i + 1, min(i + 3, n - 2) + 1)
               if all("\u4e00" <= c <= "\u9fff" for c in spelling[i:j]) and spelling[i:j] != "的")


def stands_alone(spelling: str) -> bool:
    """A discovered name that may be a concept by itself: not a short token, not everyday English.

    >>> [stands_alone(s) for s in ["MSAC", "Mini-Monkey", "TP", "Output", "IMAGE", "OF", "vLLM", "多维混合并行"]]
    [True, True, False, False, False, False, True, True]
    """
    if has_cjk(spelling):
        return True
    key = name_key(spelling)
    if sum(c.isalpha() for c in key) < 3:
        return False
    if " " in spelling.strip() or not spelling.isalpha():
        return True
    if spelling.isupper():
        return _zipf(spelling) < 4.8  # IMAGE, FOR: a shouted word, not an acronym
    return not ordinary_english(spelling)


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.casefold(), "en")


def _discovered_case_rules(surfaces: set[str]) -> dict[str, str]:
    """A discovered acronym that is also an English word (``MAC``, ``OBS``) matches only as written."""
    return {s: "exact" for s in surfaces if s.isascii() and s.isalpha() and s.isupper() and _zipf(s) >= 3.0}


def _join(key: str, target: str, spellings, by_key, concepts, why: str | None = None) -> None:
    by_key[key] = target
    concepts[target].surfaces.update(spellings.get(key, ()))
    if why:
        concepts[target].origin.append(why)


def _declare(pair: Declared, by_key, concepts, groups: _Groups, accepted: set[str], spellings, counts, known: "_KnownForms") -> None:
    """Apply one declared pair: a new name joins a known one, or two new names become one concept.

    A pair never merges two known concepts, a version into its family
    (``VGG(VGG16)``), a more specific phrase into the name it contains
    (``最大池化(overlapping max pooling)``), nor an abbreviation whose letters
    do not fit the known concept's English names.  Lower-case English prose
    only ever joins a concept known by other evidence.
    """
    a, b = name_key(pair.first), name_key(pair.second)
    if _versions_apart(pair.first, pair.second):
        return
    if pair.needs_known:
        if b in by_key and a not in by_key and a not in accepted:
            _join(a, by_key[b], {a: Counter([pair.first])}, by_key, concepts)
        return
    for key, surface in ((a, pair.first), (b, pair.second)):
        target = None if key in by_key or key in accepted else known.variant_of(key, surface)[0]
        if target:  # 局部响应规范化 is a written form of a known 局部响应归一化
            _join(key, target, {key: Counter([surface])}, by_key, concepts)
    if a in by_key and b in by_key:
        return  # a known concept is never merged with another by a sentence
    if a in accepted and b in accepted:
        groups.union(a, b)  # two names found on their own, declared one
        return
    ca = a in by_key or a in accepted
    cb = b in by_key or b in accepted
    if ca or cb:
        # the side the lexicon knows wins; else the side found on its own
        a_first = a in by_key or (ca and not cb)
        known_key, other_key, other_surface = (a, b, pair.second) if a_first else (b, a, pair.first)
        if not _may_join(other_surface, known_key, by_key, concepts, accepted, spellings):
            return
        if known_key in by_key:
            _join(other_key, by_key[known_key], {other_key: Counter([other_surface]) + spellings.get(other_key, Counter())}, by_key, concepts)
        else:
            spellings[other_key][other_surface] = max(spellings[other_key][other_surface], 1)
            accepted.add(other_key)
            groups.union(known_key, other_key)
        return
    if english_kind(pair.first) == "phrase" or english_kind(pair.second) == "phrase":
        if not (glossed_term(pair.first, pair.second) or glossed_term(pair.second, pair.first)):
            return  # lower-case prose makes a concept only as the English of a Chinese term: 横向连接（lateral connections）
    spellings[a][pair.first] = max(spellings[a][pair.first], 1)
    spellings[b][pair.second] = max(spellings[b][pair.second], 1)
    accepted.update((a, b))
    groups.union(a, b)


def _versions_apart(first: str, second: str) -> bool:
    """One name is a version or size of the other (``VGG`` / ``VGG16``), or both are different versions."""
    va, vb = version_split(first), version_split(second)
    if va and vb:
        return va != vb
    for versioned, other in ((va, second), (vb, first)):
        if versioned and name_key(versioned[0]) == name_key(other):
            return True
    return bool(va or vb) and not (has_cjk(first) or has_cjk(second))


def _may_join(surface: str, known_key: str, by_key, concepts, accepted, spellings) -> bool:
    """Whether a new name may become another name of a known concept."""
    key = name_key(surface)
    if not has_cjk(surface) and english_kind(surface) is None:
        return False
    if has_cjk(surface) and known_key in by_key and cn_term_head(surface) is None:
        return False  # "DPO（黄色散点）": a gloss with no term head is no other name of a known concept
    known_surfaces = concepts[by_key[known_key]].surfaces if known_key in by_key else set(spellings[known_key])
    known_keys = {name_key(s) for s in known_surfaces} | {known_key}
    short_forms = {name_key(s) for s in known_surfaces if abbreviation(s)}
    # a more specific phrase: 最大池化(overlapping max pooling), 标准多层感知机(MLP); a fragment: connected layer
    for other in known_keys:
        if other and other != key and other in key and other != singular_key(key) and not _only_head_added(key, other) \
                and not (abbreviation(surface) and other in short_forms):  # MM-VTs for MVT: another abbreviation, no phrase
            return False
        if len(key) >= 4 and key != other and key in other and not other.startswith(key) and not abbreviation(surface):
            return False
    # an abbreviation must fit one of the concept's English names
    if abbreviation(surface):
        english = [s for s in known_surfaces if not has_cjk(s) and (len(s.split()) >= 2 or _humps(s) >= 2)]
        if english and not any(_initials_match(surface, full) for full in english):
            return False
        if not english and len(key) <= 2:
            return False
    elif known_key in by_key and not has_cjk(surface) and english_kind(surface) == "name" and " " not in surface.strip():
        # a new one-word name (DenseCRFs) is not another name of a concept the lexicon knows
        return False
    return True


def _only_head_added(key: str, inner: str) -> bool:
    """``key`` is ``inner`` with a term head after it: ``adam优化器`` / ``adam``, ``mlp层`` / ``mlp``."""
    from kg.nameshape import cn_term_head

    return key.startswith(inner) and cn_term_head(key) == key[len(inner):]


def _checked_abbreviations(keys: list[str], spellings) -> list[str]:
    """Drop the two-letter abbreviations of a group that fit none of its English names."""
    english = [s for k in keys for s in spellings[k] if not has_cjk(s) and (len(s.split()) >= 2 or _humps(s) >= 2)]
    kept = []
    for k in keys:
        if len(k) <= 2 and not any(_initials_match(s, full) for s in spellings[k] for full in english):
            continue
        kept.append(k)
    return kept if any(len(k) > 2 for k in kept) else []


class _KnownForms:
    """The forms a name may take besides its name key: plural, typo, Chinese variant, first version, hybrid."""

    def __init__(self, lexicon: Lexicon, by_key: dict[str, str]):
        self.by_key = by_key
        self.categories = {entry.id: entry.category for entry in lexicon.entries}
        self.surfaces = {entry.id: entry.surfaces for entry in lexicon.entries}
        self.names = {entry.id: entry.name for entry in lexicon.entries}
        # DeepSpeed-MII, NVIDIA TensorRT: the part after a tool's or a maker's name is the name too
        self.by_rest: dict[str, str] = {}
        for entry in lexicon.entries:
            for surface in entry.surfaces:
                m = re.fullmatch(r"([A-Za-z][A-Za-z0-9]+)[\s\-]+([A-Za-z][A-Za-z0-9.\-]+)", surface)
                if (m and looks_like_name(m.group(2)) and stands_alone(m.group(2)) and name_key(m.group(2)) not in by_key
                        and self._maker(m.group(1)) and by_key.get(name_key(m.group(1))) != entry.id):
                    self.by_rest[name_key(m.group(2))] = entry.id
        self.typo_targets = _typo_targets(lexicon)
        self.by_stems: dict[str, set[str]] = defaultdict(set)
        for entry in lexicon.entries:
            for surface in entry.surfaces:
                if (stems := english_stems(surface)) is not None:
                    self.by_stems[stems].add(entry.id)
        self.canonical: dict[str, set[str]] = defaultdict(set)
        self.by_letters: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry in lexicon.entries:
            for surface in entry.surfaces:
                if has_cjk(surface):
                    self.add_cjk(surface, entry.id)

    def _named_with_maker(self, spelling: str) -> str | None:
        """``HuggingFace TGI`` is TGI, ``MII`` is DeepSpeed-MII: a name with or without the tool or maker it belongs to."""
        name = self.without_maker(spelling)
        if name:
            return self.by_key.get(name_key(name))
        return self.by_rest.get(name_key(spelling)) if looks_like_name(spelling) else None

    def without_maker(self, spelling: str) -> str | None:
        """The name in ``Google ServeX`` (a maker, then a name), else None."""
        m = re.fullmatch(r"([A-Za-z][A-Za-z0-9]+)[\s\-]+([A-Za-z][A-Za-z0-9.\-]+)", spelling)
        return m.group(2) if m and self._maker(m.group(1)) and looks_like_name(m.group(2)) else None

    def _maker(self, word: str) -> bool:
        cid = self.by_key.get(name_key(word))
        return word in _latin_stop() or bool(cid) and self.categories.get(cid) == "tool"

    def _hybrid_repeating(self, spelling: str) -> str | None:
        """``Two stage目标检测算法``: a known Latin name and a Chinese term that repeats the end of one of its Chinese names."""
        m = re.fullmatch(r"([A-Za-z][A-Za-z0-9\-+. ]*?)\s*([\u4e00-\u9fff]+)", spelling)
        if not m or name_key(m.group(1)) not in self.by_key:
            return None
        cid = self.by_key[name_key(m.group(1))]
        chinese = _without_head(m.group(2)) or m.group(2)
        if len(chinese) >= 2 and any(has_cjk(s) and s.endswith(chinese) for s in self.surfaces.get(cid, ())):
            return cid
        return None

    def add_cjk(self, surface: str, cid: str) -> None:
        self.canonical[cn_canonical(surface)].add(cid)
        self.by_letters["".join(sorted(name_key(surface)))].append((name_key(surface), cid))

    def variant_of(self, key: str, spelling: str) -> tuple[str | None, str]:
        """The known concept ``spelling`` is another form of, and which form."""
        by_key = self.by_key
        single = singular_key(key)
        if single and single in by_key:
            return by_key[single], "plural"
        if has_cjk(spelling):
            hits = self.canonical.get(cn_canonical(spelling), set())
            if len(hits) == 1:
                return next(iter(hits)), "variant"
            hits = {cid for other, cid in self.by_letters.get("".join(sorted(key)), ()) if cn_permutation(key, other)}
            if len(hits) == 1:
                return hits.pop(), "word order"
        for form in hybrid_forms(spelling):
            target = by_key.get(name_key(form))
            if target and _own_hybrid(form, target, self.names.get(target, form), by_key):
                return target, "hybrid"
        bare = _without_head(spelling)
        if bare:
            target, _ = self.variant_of(name_key(bare), bare) if name_key(bare) not in by_key else (by_key[name_key(bare)], "")
            category = self.categories.get(target)
            if target and category not in ("tool", "dataset") and (category == "problem" or not spelling.endswith("问题")) \
                    and (category in ("model", "method") or not spelling.endswith("树")) \
                    and not (category == "concept" and spelling.endswith(_TOOL_HEADS)):
                # 梯度消失问题 is 梯度消失; 显存问题 is not 显存; 深度学习框架 is a tool for a field, not the field
                return target, "name with its kind"
        named = self._named_with_maker(spelling) or self._hybrid_repeating(spelling)
        if named:
            return named, "another writing"
        written_out = _abbreviation_written_out(spelling)
        if written_out and name_key(written_out) in by_key:
            return by_key[name_key(written_out)], "a short form of its last word"
        target = _typo_of(key, self.typo_targets, spelling) or _typo_of(singular_key(key) or "", self.typo_targets, spelling)
        if target:
            return target, "typo"
        stems = english_stems(spelling)
        if stems is not None and len(self.by_stems.get(stems, ())) == 1:
            return next(iter(self.by_stems[stems])), "another form of its words"
        return None, ""


_TOOL_HEADS = ("框架", "平台", "库", "工具", "Framework", "framework")
_ENGLISH_HEADS = re.compile(r"\s+(?:Model|Models|Algorithm|Network|Networks|Layer|Framework|Architecture|Method|Mechanism|Variant|Variants)$")


def _abbreviation_written_out(spelling: str) -> str | None:
    """``Self-Attn`` -> ``Self-attention``: the last word of a Latin name written out, when it is a known short form."""
    from kg.resources import load_yaml

    m = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*[\s\-])([A-Za-z]+)", spelling.strip())
    full = (load_yaml("terms.yaml").get("name_abbreviations") or {}).get(m.group(2).lower()) if m else None
    return m.group(1) + full if full else None


def _without_head(spelling: str) -> str | None:
    """A name written with its kind after it: ``Transformer模型``, ``PPO 算法``, ``MLPConv Layer`` -> the name.

    >>> _without_head("Transformer 模型"), _without_head("多头自注意力机制"), _without_head("PPO Algorithm"), _without_head("模型")
    ('Transformer', '多头自注意力', 'PPO', None)
    """
    m = _ENGLISH_HEADS.search(spelling)
    if m:
        return spelling[: m.start()] or None
    head = next((h for h in _kind_heads() if spelling.endswith(h)), None)
    if head and len(spelling) > len(head):
        bare = spelling[: -len(head)].rstrip()
        return bare if len(name_key(bare)) >= 2 else None
    return None


def _kind_heads() -> tuple[str, ...]:
    from kg.resources import load_yaml

    return tuple(sorted(load_yaml("terms.yaml").get("cn_kind_heads", ()), key=len, reverse=True))


def hybrid_stands_alone(spelling: str, known) -> bool:
    """A Latin name glued to a Chinese term is a name of its own only when the Latin part is not a known name.

    ``Transformer 位置编码`` is Transformer's positional encoding, not a concept;
    ``Corner case优化`` is prose; ``Speculative推理`` is a name.
    """
    m = re.fullmatch(r"([A-Za-z][A-Za-z0-9\-+. ]*?)\s*([\u4e00-\u9fff]+)", spelling)
    if not m:
        return True
    latin, chinese = m.group(1), m.group(2)
    if known(latin):
        return False
    return english_kind(latin) == "name" and not ordinary_english(latin.replace(" ", "")) or len(chinese) >= 4


def _latin_stop() -> frozenset[str]:
    from kg.discover import _terms

    return _terms()["latin_stop"]


def _first_version(spelling: str) -> str | None:
    """``FlashAttention 1`` / ``LLaMA-v1`` name the first version: named once, it goes by the family's name;
    named again, it is a member of the family of its own."""
    split = version_split(spelling)
    if not split or split[1].lower().lstrip("v") not in ("1", "1.0"):
        return None
    family = split[0].strip(" -_.")
    written_apart = spelling[len(family):len(family) + 1] in " -_." or split[1][:1] in "vV"
    if not written_apart or len(name_key(family)) < 3 or ordinary_english(family):
        return None  # Rl1, Prompt1: a symbol or a variable, not a first version
    if family[-1:].isdigit():
        return None  # VGG16-1: the first configuration of a model that has its size in its name
    return name_key(family)


def _merge_variants(accepted: set[str], unplaced: set[str], groups: _Groups, spellings, counts, known: _KnownForms, by_key,
                    concepts) -> None:
    """Discovered names that are forms of each other become one; forms of known concepts join them.

    A name seen once that is a form of a discovered name (``FasterTransormer``
    of ``FasterTransformer``, ``Speculative推理`` of ``Speculative Inference``) joins it too.
    """
    for key in sorted(accepted):
        spelling = spellings[key].most_common(1)[0][0]
        target, why = known.variant_of(key, spelling)
        if target and not _versions_apart(spelling, concepts[target].name):
            _join(key, target, spellings, by_key, concepts, f"{why}: {spelling}")
            accepted.discard(key)
    by_form: dict[str, str] = {}
    for key in sorted(accepted, key=lambda k: (-counts[k], k)):
        spelling = spellings[key].most_common(1)[0][0]
        for form in _forms(key, spelling):
            if form in by_form and not _versions_apart(spelling, spellings[by_form[form]].most_common(1)[0][0]):
                groups.union(by_form[form], key)
            else:
                by_form.setdefault(form, key)
    latin = sorted((k for k in accepted if k.isascii() and k.isalpha() and len(k) >= 8), key=lambda k: (-counts[k], k))
    from rapidfuzz.distance import OSA

    def typo_of(key: str, among: list[str]) -> str | None:
        spelling = spellings[key].most_common(1)[0][0]
        return next((o for o in among if o != key and abs(len(o) - len(key)) <= 1 and o[0] == key[0]
                     and OSA.distance(key, o, score_cutoff=1) <= 1
                     and not capitals_differ(spelling, spellings[o].most_common(1)[0][0])), None)

    for i, key in enumerate(latin):
        other = typo_of(key, latin[:i])
        if other:
            groups.union(other, key)
    alone: dict[str, str] = {}  # form -> an unplaced key: two forms seen once each are a name seen twice
    for key in sorted(unplaced):
        spelling = spellings[key].most_common(1)[0][0]
        if not stands_alone(spelling) or not hybrid_stands_alone(spelling, lambda s: name_key(s) in by_key):
            continue
        forms = _forms(key, spelling)
        other = next((by_form[f] for f in forms if f in by_form), None)
        if other is None:
            twin = next((alone[f] for f in forms if f in alone), None)
            if twin and not _versions_apart(spelling, spellings[twin].most_common(1)[0][0]):
                accepted.update((key, twin))
                groups.union(twin, key)
                continue
            for f in forms:
                alone.setdefault(f, key)
        if other is None and key.isascii() and key.isalpha() and len(key) >= 8:
            other = typo_of(key, latin)
        if other and not _versions_apart(spelling, spellings[other].most_common(1)[0][0]):
            accepted.add(key)
            groups.union(other, key)


def _forms(key: str, spelling: str) -> list[str]:
    """Keys under which two discovered names are one: singular, hybrid, without its kind, Chinese variant."""
    forms = [singular_key(key) or key] + [name_key(f) for f in hybrid_forms(spelling)]
    bare = _without_head(spelling)
    if bare:
        forms.append(singular_key(name_key(bare)) or name_key(bare))
    if has_cjk(key):
        forms.append("cn:" + cn_canonical(spelling))
    return forms


def _written_forms(concepts: dict[str, ResolvedConcept], by_key: dict[str, str]) -> dict[str, str]:
    """Other ways of writing the concepts' names, for pass 2: hybrids and Chinese variants.

    ``RoI Pooling`` is also written ``RoI池化``, ``ZFNet`` ``ZF网络``, ``空洞卷积``
    ``带孔卷积``, ``动量法`` ``动量算法``, ``参数高效微调`` ``高效参数微调``.  A form
    that is already a name of some concept is left to it.
    """
    forms: dict[str, str] = {}
    taken = set(by_key)
    for cid in sorted(concepts):
        for surface in sorted(concepts[cid].surfaces):
            hybrids = hybrid_forms(surface) if _own_hybrid(surface, cid, concepts[cid].name, by_key) else []
            for form in hybrids + (cn_variants(surface) if has_cjk(surface) else shortened_forms(surface)):
                key = name_key(form)
                if key not in taken:
                    taken.add(key)
                    forms[form] = cid
    return forms


def _own_hybrid(surface: str, cid: str, name: str, by_key: dict[str, str]) -> bool:
    """Whether a hybrid of ``surface`` names ``cid`` itself, not a compound of two concepts.

    ``Transformer Decoder`` listed under Decoder is Transformer + Decoder: its
    hybrid ``Transformer解码器`` is left to both (the mention of each); ``RoI Pooling``
    is the concept's own name, so ``RoI池化`` is it.
    """
    words = surface.split()
    if len(words) < 2 or name_key(surface) == name_key(name):
        return True
    prefix = by_key.get(name_key(" ".join(words[:-1])))
    return prefix is None or prefix == cid


def _display_name(keys: list[str], spellings, counts) -> str:
    """Prefer the most used Latin spelling (a name people search for), then Chinese."""
    def rank(k: str) -> tuple:
        spelled = spellings[k].most_common(1)[0][0]
        kind = english_kind(spelled) if not has_cjk(k) else None
        # a Latin name, then a Chinese one, then prose; the bare name before one with its kind
        return (kind == "name", has_cjk(k) and kind is None, _without_head(spelled) is None, counts[k], -len(k))

    best_key = max(keys, key=rank)
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


_SUFFIX = re.compile(r"(?:ations?|ional|ions?|ings?|als?|ed|es|s)$")


def english_stems(name: str) -> str | None:
    """The words of an English name of two or three words, each without its ending: ``Knowledge Distilling`` and
    ``Knowledge Distillation``, ``Position Encoding`` and ``Positional Encoding`` have the same stems; None for
    other names.  ``-er``, ``-or``, ``-ive`` stay (an Encoder is no Encoding, a Generative model no Generation).

    >>> english_stems("Knowledge Distilling") == english_stems("Knowledge Distillation"), english_stems("Position Encoding") == english_stems("Positional Encodings")
    (True, True)
    >>> english_stems("Transformer Encoder") == english_stems("Transformer Encoding"), english_stems("Dropout")
    (False, None)
    """
    words = re.split(r"[\s\-]+", name.strip())
    if not 2 <= len(words) <= 3 or not all(w.isascii() and w.isalpha() and len(w) >= 3 for w in words):
        return None
    stems = []
    for word in words:
        word = word.casefold()
        for _ in range(2):  # positionals -> positional -> position -> posit
            bare = _SUFFIX.sub("", word)
            if len(bare) < 4 or bare == word:
                break
            word = bare
        stems.append(word)
    return " ".join(stems)


def _typo_targets(lexicon: Lexicon) -> dict[int, list[tuple[str, str, str]]]:
    """Latin lexicon keys long enough that one slip of the keyboard is unambiguous (and acronyms of four or
    more capitals, for swapped letters), by length."""
    targets: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for entry in lexicon.entries:
        for surface in entry.surfaces:
            key = name_key(surface)
            if (len(key) >= 6 or len(key) >= 4 and surface.isupper()) and key.isascii() and key.isalpha():
                targets[len(key)].append((key, entry.id, surface))
    return targets


def _typo_of(key: str, targets: dict[int, list[tuple[str, str, str]]], spelling: str) -> str | None:
    """The concept ``key`` misspells: one edit or swap away (two in a name of 14+ letters), letters only, 6+ letters;
    an acronym of 4 or 5 capitals only by two letters swapped (LTSM for LSTM)."""
    if not key.isascii() or not key.isalpha():
        return None
    if len(key) < 6:
        if len(key) < 4 or not spelling.isupper():
            return None
        from rapidfuzz.distance import OSA

        swapped = {cid for target, cid, surface in targets.get(len(key), ())  # the same letters, one transposition
                   if surface.isupper() and sorted(target) == sorted(key) and OSA.distance(key, target, score_cutoff=1) == 1}
        return swapped.pop() if len(swapped) == 1 else None
    from rapidfuzz.distance import OSA

    slips = 2 if len(key) >= 14 else 1  # "gradient checkpiontng": two slips in a long name
    hits = {
        cid
        for length in range(len(key) - slips, len(key) + slips + 1)
        for target, cid, surface in targets.get(length, ())
        if target[0] == key[0] and OSA.distance(key, target, score_cutoff=slips) <= slips and not capitals_differ(spelling, surface)
        and not _other_short_name(key, target)
    }
    if len(hits) != 1 or _all_english_words(spelling):
        return None
    return hits.pop()


def _all_english_words(spelling: str) -> bool:
    """``One-Shot``, ``Min-Max``, ``decode``: every word is an English word, so no slip of ``One-Hot``,
    ``MiniMax`` or ``Decoder`` (a slip of the keyboard makes a word that is no word)."""
    words = [w for w in re.split(r"[\s\-]+", spelling) if w]
    return all(_zipf(w) >= 3.0 for w in words) if len(words) >= 2 else bool(words) and words[0].islower() and _zipf(words[0]) >= 3.0


def _other_short_name(key: str, target: str) -> bool:
    """``RetNet`` / ``ResNet``: in a short name one letter put for another is another name; a letter
    left out, added or swapped (``Restnet``) is a slip."""
    return len(key) == len(target) < 9 and sorted(key) != sorted(target)


def capitals_differ(a: str, b: str) -> bool:
    """``TextCNN`` / ``TextRNN``: one capital put for another makes two names, not a slip of the keyboard.

    >>> capitals_differ("TextCNN", "TextRNN"), capitals_differ("FasterTransormer", "FasterTransformer"), capitals_differ("Restnet", "ResNet")
    (True, False, False)
    """
    if len(a) != len(b):
        return False
    changed = [(x, y) for x, y in zip(a, b) if x.casefold() != y.casefold()]
    return len(changed) == 1 and changed[0][0].isupper() and changed[0][1].isupper()
