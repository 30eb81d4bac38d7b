"""Discover concepts the lexicon does not know, and names declared equal.

Three sources, all read from one cleaned line and its jieba token offsets:

* **names**: model names and acronyms (``Mini-Monkey``, ``InternVL1.5``,
  ``Qwen2-VL``, ``MSAC``), kept when they look like names, not code or units;
* **declared pairs**: ``旋转位置编码RoPE``, ``批归一化(Batch Normalization,简称BN)``,
  ``Low-Rank Adaptation (LoRA)``, ``X，又称Y``: the text says two names are one;
* **headings** that name a concept (``#### (5) Mini-Monkey``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.clean import strip_numbering
from kg.names import has_cjk, is_cjk
from kg.nameshape import MAX_CN_NAME, cn_clean, cn_name_before, cn_term_head, ends_in_activity, english_kind, generic_or_versioned, generic_phrase, ordinary_english, pos_tags
from kg.resources import load_yaml

__all__ = ["LOWER_CASE_WORDS", "Candidate", "Declared", "find_candidates", "find_declared", "glossed_term", "heading_name", "looks_like_name", "may_declare"]

_LATIN = re.compile(r"(?<![A-Za-z0-9_./\\@#$-])([A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?:\+\+)?)(?![A-Za-z0-9_(@/\\]|\.[A-Za-z])")
_CN_RUN = re.compile(r"[\u4e00-\u9fff]+$")
_PAREN = re.compile(r"[（(]([^（()）]{1,80})[)）]")
_ALSO = re.compile(r"[，,]?\s*(?:简称|又称|也称|也叫|亦称|俗称|缩写为?|英文名?为?|即|aka|also known as|a\.k\.a\.)\s*[为是:：]?\s*", re.I)
_SEPARATORS = re.compile(r"\s*[，,、;；]\s*")


@dataclass(frozen=True)
class Candidate:
    surface: str
    line: int
    strong: bool  # from a heading or a declaration: one mention is enough
    how: str = "name-shaped word"  # the place it was found in: heading, list item, bold term…


@dataclass(frozen=True)
class Declared:
    first: str
    second: str
    line: int
    text: str
    # 中文词（word）with no term head: holds only if the English word is a name the lexicon knows
    needs_known: bool = False


@lru_cache(maxsize=1)
def _terms() -> dict:
    data = load_yaml("terms.yaml")
    return {
        "latin_stop": frozenset(data["latin_stop"]),
        "heading_tails": tuple(sorted(data["heading_tails"], key=len, reverse=True)),
        "cn_name_tails": tuple(data["cn_name_tails"]),
        "cn_stop": frozenset(data["cn_stop"]),
        "cn_measure_tails": tuple(data.get("cn_measure_tails", ())),
        "cn_term_prefixes": frozenset(data["cn_term_prefixes"]) | {"上", "下", "不"},
        "latin_verbs": frozenset(data["latin_verbs"]),
        "numbered_labels": frozenset(w.casefold() for w in data["numbered_labels"]),
    }


def numbered_label(word: str) -> bool:
    """A word that, with a number, labels a part of the text rather than naming a concept: Stage, Step, Figure.

    >>> [numbered_label(w) for w in ["Stage", "step", "Llama"]]
    [True, True, False]
    """
    return word.casefold() in _terms()["numbered_labels"]


@lru_cache(maxsize=65536)  # words recur through a corpus: each is judged once
def looks_like_name(word: str) -> bool:
    """A Latin word shaped like a model name or acronym, not prose, code or a unit.

    >>> [looks_like_name(w) for w in ["Mini-Monkey", "InternVL1.5", "MSAC", "CNNs", "patch", "GPU", "x1", "dim_k"]]
    [True, True, True, True, False, False, False, False]
    """
    if not 2 <= len(word) <= 40 or "_" in word or word in _terms()["latin_stop"]:
        return False
    numbered = re.fullmatch(r"([A-Za-z]{2,})[-_]?\d{1,2}", word)
    if numbered and (numbered.group(1) in _terms()["latin_stop"] or numbered_label(numbered.group(1))):
        return False  # GPU2, Step3, Q1: a numbered thing of a kind that is no concept
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return False
    if word.endswith("s") and len(word) >= 4 and looks_like_name(word[:-1]) and word[:-1].replace("-", "").isupper():
        return True  # CNNs, CW-RNNs: the plural of an acronym
    if re.fullmatch(r"[A-Z]{2,}[a-z]{2,}", word):
        return True  # SPPnet: an acronym and a word
    upper = sum(c.isupper() for c in letters)
    has_digit = any(c.isdigit() for c in word)
    if word.isupper():
        return 2 <= len(word) <= 12 or "-" in word
    camel = any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))
    if camel:
        return True
    if has_digit and upper >= 1:
        return True
    parts = re.split(r"[-.]", word)
    return len(parts) > 1 and sum(p[:1].isupper() for p in parts) >= 2


# how a run of lower-case English words is found: it may only be a slip of a known name ("gradient checkpiontng")
LOWER_CASE_WORDS = "lower-case words"
_LOWER_WORDS = re.compile(r"(?<![A-Za-z0-9\-_./])([a-z]{3,}(?: [a-z]{3,}){1,2})(?![A-Za-z0-9\-_(])")


def find_candidates(text: str, line: int, strong: bool = False) -> list[Candidate]:
    """Name-shaped Latin words of a line, and runs of lower-case words that may misspell a known name."""
    how = "name-shaped word in a heading" if strong else "name-shaped word"
    found = [Candidate(m.group(1), line, strong, how) for m in _LATIN.finditer(text) if looks_like_name(m.group(1))]
    if has_cjk(text):  # in English prose every run of words would be one
        found += [Candidate(m.group(1), line, False, LOWER_CASE_WORDS) for m in _LOWER_WORDS.finditer(text) if len(m.group(1)) >= 12]
    return found


def _initials_match(abbr: str, full: str) -> bool:
    """``LoRA`` abbreviates ``Low-Rank Adaptation``: its capitals are the words' initials.

    A digit may count the letter before it: ``A3C`` is Asynchronous Advantage Actor-Critic.

    >>> _initials_match("LoRA", "Low-Rank Adaptation"), _initials_match("BN", "Layer Normalization"), _initials_match("FT", "FasterTransformer")
    (True, False, True)
    >>> _initials_match("A3C", "Asynchronous Advantage Actor-Critic"), _initials_match("A2C", "Advantage Actor-Critic")
    (True, True)
    >>> _initials_match("MM-VTs", "Multimodal Vision Transformer"), _initials_match("CNNs", "Convolutional Neural Network")
    (True, True)
    """
    if len(abbr) > 2 and abbr.endswith("s") and abbr[-2].isupper():
        abbr = abbr[:-1]  # a plural: "CNNs" abbreviates "Convolutional Neural Networks"
    counted = re.sub(r"([A-Z])([2-5])(?![0-9])", lambda m: m.group(1) * int(m.group(2)), abbr)
    if counted != abbr and _initials_match(counted, full):
        return True
    caps = "".join(c for c in abbr if c.isupper() or c.isdigit()).lower()
    words = [w for w in re.split(r"[\s\-–—/]+", full) if w]
    initials = "".join(w[0] + "".join(c for c in w[1:] if c.isupper()) for w in words).lower()
    if len(caps) < 2 or not initials or caps[0] != initials[0]:
        return False
    if caps == initials:
        return True
    it = iter(initials)
    if all(c in it for c in caps) and len(caps) >= len(words) - 1:
        return True
    return _letters_in_order(abbr, words)


_FILLER_WORDS = frozenset({"and", "of", "for", "the", "with", "in", "on", "to", "a", "an"})


def _letters_in_order(abbr: str, words: list[str]) -> bool:
    """``CW-RNNs`` abbreviates ``Clockwork RNNs``: its letters stand in order in the long form,
    and every content word gives at least its first letter.

    >>> _letters_in_order("CW-RNNs", ["Clockwork", "RNNs"]), _letters_in_order("BN", ["Layer", "Normalization"])
    (True, False)
    """
    letters = [c.lower() for c in abbr if c.isalnum()]
    content = [w.lower() for w in words if w.lower() not in _FILLER_WORDS]
    if len(letters) < 2 or len(content) < 2:
        return False

    def fits(i: int, w: int, pos: int) -> bool:  # letters[i:] in content[w] from pos, then in the words after
        if i == len(letters):
            return w == len(content) - 1
        c = letters[i]
        if w + 1 < len(content) and content[w + 1].startswith(c) and fits(i + 1, w + 1, 1):
            return True
        k = content[w].find(c, pos)
        while k >= 0:
            if fits(i + 1, w, k + 1):
                return True
            k = content[w].find(c, k + 1)
        return False

    return content[0].startswith(letters[0]) and fits(1, 0, 1)


def _is_name(text: str) -> bool:
    return english_kind(text) == "name"


def find_declared(text: str, line: int) -> list[Declared]:
    """Pairs of names the line declares equal.

    A declaration is a bracket, a glued abbreviation or a word that says so
    (简称, 又称, 即, also known as); both sides need the shape of a name: the
    Chinese side a clean noun phrase ending in a term head
    (:func:`kg.nameshape.cn_name_before`), the Latin side a name or, at
    most, lower-case prose that may spell a name already known
    (:func:`kg.nameshape.english_kind`).

    >>> [(d.first, d.second) for d in find_declared("批归一化(Batch Normalization,简称BN)是一种技术", 3)]
    [('批归一化', 'Batch Normalization'), ('批归一化', 'BN'), ('Batch Normalization', 'BN')]
    >>> [(d.first, d.second) for d in find_declared("采用旋转位置编码RoPE", 1)]
    [('旋转位置编码', 'RoPE')]
    >>> find_declared("先训练BERT, 再采用ResNet(一种网络)", 1)
    []
    """
    found: list[Declared] = []

    def add(a: str, b: str, needs_known: bool = False) -> None:
        a, b = (re.sub(r"^(?:vs\.?|versus|VS)\s+", "", x.strip(" ,，:：")) for x in (a, b))  # "PTQ vs QAT(…)"
        if a and b and a.casefold() != b.casefold() and not _EVENT.fullmatch(a):
            found.append(Declared(a, b, line, text, needs_known))

    # NAME(OTHER, 简称 ABBR) and NAME（中文）
    for m in _PAREN.finditer(text):
        if re.match(r"\s*(?:如|比如|例如|e\.g\.|eg|包括|including)", m.group(1), re.I):
            continue  # (如A、B): examples, not another name
        inner = [p.strip() for p in _SEPARATORS.split(_ALSO.sub("，", m.group(1))) if p.strip()]
        if len(inner) > 1 and not _ALSO.search(m.group(1)) and not _initials_match(min(inner, key=len), max(inner, key=len)):
            continue  # (KMeans, DBSCAN, Mean shift): a list of examples
        if not inner or len(inner) > 3:
            continue
        quoted = _QUOTED_BEFORE.search(text, 0, m.start())
        outers = [quoted.group(1)] if quoted and _cn_whole_name(quoted.group(1)) else _names_before(text[: m.start()].rstrip())
        for part in inner:
            outer = (next((o for o in outers if _pair_ok(o, part)), None) or _modified_name(text[: m.start()].rstrip(), part)
                     or _headless_glossed(text[: m.start()].rstrip(), part))
            if outer:
                add(outer, part)
            elif (glossed := _glossed_by_word(text[: m.start()].rstrip(), part)):
                add(glossed, part, needs_known=True)
    # 中文名ABBR: a Chinese term glued to the name it abbreviates
    for m in re.finditer(r"([A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)", text):
        word = m.group(1)
        if m.start() == 0 or not is_cjk(text[m.start() - 1]) or not looks_like_name(word):
            continue
        end = m.end()
        if end < len(text) and (text[end].isascii() and text[end].isalnum()):
            continue
        if _LIST_GOES_ON.match(text, end):
            continue  # "混合高效微调方法MAM Adapter、UniPELT": a kind before a list of names
        phrase = cn_name_before(text[: m.start()])
        opens = m.start() - len(phrase) if phrase else 0
        if phrase and opens > 0 and text[opens - 1].isascii() and text[opens - 1].isalnum():
            continue  # "使用RM模型优化SFT模型": Chinese between two Latin names belongs to the first
        if phrase and _pair_ok(phrase, word):
            add(phrase, word)
    # X，又称Y / X, also known as Y; 所谓X，就是……，也被称为Y
    for m in _AKA.finditer(text) if _AKA_WORD.search(text) else ():
        topic = _SO_CALLED.match(text)
        a = _name_after(topic.group(1)) if topic and topic.end() <= m.start(1) else _name_before(m.group(1))
        b = _name_after(m.group(3))
        # two Chinese names only when the word names (又称), not when it explains (也就是)
        explains = "是" in m.group(2)  # 也就是 explains: the Chinese after it must be a term, not a description (根据输入内容)
        both_cn = a and b and has_cjk(a) and has_cjk(b) and not explains and cn_term_head(b) is not None
        if a and b and (_pair_ok(a, b) or both_cn) and not (explains and has_cjk(b) and cn_term_head(b) in (None, b)):
            add(a, b)
    return _dedupe(found)


# “重加权法”（re-weighting）: a term in quotes, then its other name in brackets
_QUOTED_BEFORE = re.compile(r"[“「『\"]([\u4e00-\u9fff]{2,12})[”」』\"]\s*$")
_LIST_GOES_ON = re.compile(r"(?:\s+[A-Za-z][\w\-.]*)*\s*(?:[、,，/]|和|及|与|以及)\s*[A-Za-z]")

# X，又称Y / X, 也就是Y: the word says the two names are one
_NAMING_WORDS = "又称|也称|也叫|亦称|俗称|简称|又叫|又名|或称|也被称|也被叫|也可称|也常称|就叫做|就叫|被称为|被称作"
_AKA = re.compile(r"([\u4e00-\u9fffA-Za-z0-9\-](?:[\u4e00-\u9fffA-Za-z0-9\-]| (?=[A-Za-z])){1,40})\s*[，,]?\s*(" + _NAMING_WORDS + "|也就是|即是)"
                  r"[为作做]?\s*[为是]?\s*`?([\u4e00-\u9fffA-Za-z0-9\-]{2,30})")
# the pattern backtracks over the 40 characters before each position: most lines have none of its words
_AKA_WORD = re.compile(_NAMING_WORDS + "|也就是|即是")
# 所谓X，…: the sentence is about X, a later 也被称为Y names X again
_SO_CALLED = re.compile(r"\s*所谓\s*([\u4e00-\u9fffA-Za-z0-9\-]{2,30}?)\s*[，,]")


_GLUED = re.compile(r"[\u4e00-\u9fff](?:[”」』\"]?\s*[(（]|([A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*))|[A-Za-z]\s*[(（]|" + _NAMING_WORDS)


def may_declare(text: str) -> bool:
    """Could the line declare a name (``旋转位置编码RoPE``, ``批归一化(BN)``, ``X，又称Y``, ``Low-Rank Adaptation (LoRA)``)?

    Only such lines are cut into words (jieba with part-of-speech tags).
    """
    for m in _GLUED.finditer(text):
        if m.group(1) is None or looks_like_name(m.group(1)):
            return True
    return False


def _name_after(text: str) -> str | None:
    """The name that starts ``text``: a Latin name, or a Chinese term up to where a clause goes on."""
    if not has_cjk(text[:1]):
        latin = re.match(r"[A-Za-z][A-Za-z0-9\-]*", text)
        return latin.group(0) if latin and english_kind(latin.group(0)) == "name" else None
    run = re.match(r"[\u4e00-\u9fff]+", text).group(0)
    # the longest start of the run that is a clean term ending in a head
    for end in range(min(len(run), MAX_CN_NAME), 2, -1):
        if cn_name_before(run[:end]) == run[:end]:
            return run[:end]
    return run if _cn_whole_name(run) else None


def _names_before(before: str) -> list[str]:
    """The names that may end ``before``: a Chinese term, or the tails of a Latin run, longest first.

    A word that only says the term is done or used (局部对比归一化操作) is left off.
    """
    if before and is_cjk(before[-1]):
        phrase = cn_name_before(before)
        tail = next((t for t in _terms()["cn_name_tails"] if before.endswith(t)), None)
        if phrase is None and tail:
            phrase = cn_name_before(before[: -len(tail)])
        return [phrase] if phrase else []
    latin = re.search(r"([A-Za-z][A-Za-z0-9\-–— .+/']{0,60})$", before)
    if not latin:
        return []
    words = latin.group(1).split()
    tails = [" ".join(words[i:]) for i in range(len(words))]
    # "we use Low-Rank Adaptation" -> "Low-Rank Adaptation"; prose tails only spell out an abbreviation
    return [t for t in tails if english_kind(t) is not None]


def _modified_name(before: str, inner: str) -> str | None:
    """双向LSTM (Bidirectional LSTM): a Chinese modifier glued to a Latin name, bracketed
    with the English modifier and the same name."""
    latin = re.search(r"([\u4e00-\u9fff]+)([A-Za-z][A-Za-z0-9\-]*)$", before)
    words = inner.split()
    if not latin or len(words) < 2 or words[-1].rstrip("s") != latin.group(2).rstrip("s") or not _is_name(latin.group(2)):
        return None
    kept = ""
    for word, tag in reversed(pos_tags(latin.group(1))):
        if not tag.startswith(("n", "a", "b", "m")) or word in _terms()["cn_stop"] or len(kept + word) > 4 or not word.isalpha():
            break
        kept = word + kept
    return kept + latin.group(2) if len(kept) >= 2 and english_kind(inner) is not None else None


def _name_before(before: str) -> str | None:
    """The longest name-shaped tail of ``before`` (see :func:`_names_before`)."""
    return next((t for t in _names_before(before) if english_kind(t) == "name" or has_cjk(t)), None)


_SMALL = frozenset("a an the of for in and to with on by".split())


def _pair_ok(outer: str, inner: str) -> bool:
    """Two names in NAME(OTHER) form really are one concept's names."""
    if not inner or len(inner) > 60 or re.fullmatch(r"[\d\s.,%:~\-]+", inner):
        return False
    if has_cjk(outer) and has_cjk(inner):
        return False
    if has_cjk(inner):
        if len(inner) <= 2 and " " not in outer and (cn_term_head(inner) is None or ends_in_activity(inner)):
            return False  # "GPT（生成）", "BERT（理解）": what a model does, not another name for it
        # ABBR（中文名）; a few English words (中文术语): "lateral connection（横向连接）"
        return (_is_name(outer) or glossed_term(inner, outer)) and _cn_whole_name(inner) and not generic_or_versioned(outer, inner)
    if has_cjk(outer):
        if _FIELD_KIND.fullmatch(outer) and english_kind(inner) == "name":
            return False  # "视觉模型(CLIP)": a kind described by its field, not the name's translation
        return english_kind(inner) is not None and not generic_or_versioned(inner, outer)
    # both Latin: an abbreviation and the words it abbreviates
    short, full = sorted((outer, inner), key=len)
    spelled_out = " " in full or full.count("-") >= 2 or _humps(full) >= 2 and short.isupper()
    return spelled_out and english_kind(full) is not None and _initials_match(short, full)


# a Chinese phrase before a bracketed Latin name that describes rather than names it: a change over time, or a
# generic kind of model qualified by its field
_EVENT = re.compile(r".*(?:迭代|演进|演化|更新|发展|历程)")
_FIELD_KIND = re.compile(r"(?:视觉|图像|文本|语音|音频|视频|开源|通用)(?:模型|网络)")


def glossed_term(chinese: str, english: str) -> bool:
    """A Chinese term and a few plain English words for it: 横向连接 / lateral connections, 通道洗牌 / channel shuffle.

    A term with no head of ``cn_heads`` needs three characters or more (松弛变量, not 输入).
    """
    words = english.split()
    head = cn_term_head(chinese)
    return (has_cjk(chinese) and not has_cjk(english) and head != chinese and (head is not None or 3 <= len(chinese) <= 6)
            and 2 <= len(words) <= 4 and all(w.replace("-", "").isalpha() for w in words))


def _headless_glossed(before: str, english: str) -> str | None:
    """A noun phrase with no term head, glossed by a few English words: ``通道洗牌（channel shuffle）``.

    The phrase is the nouns ending ``before`` (jieba's tags), after any verb or particle.
    """
    words = english.split()
    if not 2 <= len(words) <= 4 or not all(w.replace("-", "").isalpha() for w in words) or words[0].casefold() in _terms()["latin_verbs"]:
        return None  # cheap tests first: this runs for every bracket
    run = re.search(r"[\u4e00-\u9fff]{2,12}$", before)
    if not run or english_kind(english) is None:
        return None
    tags = pos_tags(run.group(0))
    if tags[-1][1].startswith("a"):
        return None  # 很重要 (very important): a quality, no thing
    kept = ""
    for word, tag in reversed(tags):
        if word in _terms()["cn_stop"] or tag.startswith(_FUNCTION_TAGS + ("z",)) or len(kept + word) > 6:
            break  # jieba's verb and adjective tags are unreliable inside a term (通道 v, 松弛 a): only function words end it
        kept = word + kept
    return kept if glossed_term(kept, english) and cn_clean(kept) and not generic_phrase(kept) else None


def _glossed_by_word(before: str, english: str) -> str | None:
    """The Chinese words a single English word glosses: ``流水线里等待的空转（bubble）``, ``两者都属于权重重写（Reparameterization）``.

    Such a phrase has no term head to show where it starts: it starts after the
    last function word, adverb or count, and a verb opening it is the clause's.

    >>> _glossed_by_word("流水线里等待的空转", "bubble"), _glossed_by_word("两者都属于权重重写", "Reparameterization")
    ('空转', '权重重写')
    >>> _glossed_by_word("引入多模态", "multimodality")
    '多模态'
    >>> _glossed_by_word("模型结构", "architecture"), _glossed_by_word("加快了收敛速度", "convergence"), _glossed_by_word("空转", "the bubble")
    (None, None, None)
    """
    if not re.fullmatch(r"[A-Za-z][a-z]{2,}(?:-[a-z]+)*", english):
        return None
    run = re.search(r"[\u4e00-\u9fff]{2,12}$", before)
    if not run:
        return None
    kept: list[tuple[str, str]] = []
    for word, tag in reversed(pos_tags(run.group(0))):
        if kept and word not in _terms()["cn_term_prefixes"] and (word in _terms()["cn_stop"] or tag.startswith(_FUNCTION_TAGS)):
            break  # 多模态; 上采样, 不匹配 (then unclean): a prefix is never cut off
        kept.insert(0, (word, tag))
    while len(kept) > 1 and kept[0][1].startswith("v"):
        kept.pop(0)  # 属于权重重写: the clause's verb
    phrase = "".join(w for w, _ in kept)
    if not 2 <= len(phrase) <= 6 or not cn_clean(phrase) or generic_phrase(phrase) or phrase.endswith(_terms()["cn_measure_tails"]):
        return None
    return phrase


# jieba's tags of words a glossed phrase starts after: particles, prepositions, pronouns, adverbs, counts
_FUNCTION_TAGS = ("u", "p", "r", "c", "f", "y", "e", "o", "w", "d", "m", "q")


def _humps(word: str) -> int:
    """Capitalised parts of a camel-case word: ``FasterTransformer`` has two."""
    return len(re.findall(r"[A-Z][a-z]+", word)) if " " not in word and word[:1].isupper() else 0


def _cn_whole_name(text: str) -> bool:
    """A whole bracketed Chinese text is a name: short, no function word or clause verb in it."""
    return 2 <= len(text) <= MAX_CN_NAME and all(is_cjk(c) or c.isalnum() for c in text) and cn_clean(text)


def heading_name(title: str) -> str | None:
    """The concept a heading names, when the heading is just a name.

    >>> heading_name("(5)Mini-Monkey"), heading_name("问题五：IP-adapter超详细解"), heading_name("训练阶段一")
    ('Mini-Monkey', 'IP-adapter', None)
    >>> heading_name("Sorrel: [Blog](https://a.b), [Github](https://c.d)"), heading_name("Quokka (2023)"), heading_name("Note: 小结")
    ('Sorrel', 'Quokka', None)
    """
    name = strip_numbering(title).strip(" ?？:：。")
    for tail in _terms()["heading_tails"]:
        if name.endswith(tail) and len(name) > len(tail):
            name = name[: -len(tail)].strip()
            break
    # "Sorrel: [Blog](…), [Github](…)", "Quokka (2023)": a name, then what is said of it
    head = re.match(r"([A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?:\+\+)?)\s*(?:[:：]\s|[（(])", name)
    if head and not ordinary_english(head.group(1)):
        name = head.group(1)
    if not name or len(name) > 40:
        return None
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?:\+\+)?", name):
        return name if looks_like_name(name) or name[:1].isupper() and len(name) >= 3 else None
    return None


def _dedupe(items: list[Declared]) -> list[Declared]:
    seen = set()
    out = []
    for d in items:
        key = (d.first, d.second)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
