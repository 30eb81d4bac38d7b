"""The shape of a name: what may be a concept's name, and where a Chinese name begins.

Notes are prose; a phrase next to a bracket or an English word is not a name
because of where it stands.  These checks say whether a span *looks like* a
name:

* :func:`cn_name_before`: the Chinese noun phrase that ends a stretch of text
  (``会被相应的模态编码器`` -> ``模态编码器``): it begins after particles,
  pronouns, adverbs, prepositions, clause verbs (jieba's part-of-speech tags
  and ``cn_stop`` in ``schema/terms.yaml``) and ends in a term head;
* :func:`english_kind`: ``"name"`` (``Batch Normalization``, ``LoRA``,
  ``GPT-4``), ``"phrase"`` (``reduce channel dimensions``: lower-case prose, at
  most another way to write a name already known) or None (``Scene-level``, a
  formula symbol ``P_p``);
* :func:`ordinary_english`: a word of everyday English (``Output``, ``head``),
  which is not a name on its own however it is capitalised.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.resources import load_yaml

__all__ = ["english_word", "cn_clean", "cn_name_before", "cn_term_head", "english_kind", "ordinary_english", "pos_tags",
           "generic_or_versioned", "generic_phrase", "ends_in_activity", "section_label"]

# jieba tags that never belong inside a term: particles, prepositions, pronouns,
# conjunctions, adverbs, localisers, modal and exclamation words, punctuation
_STOP_TAGS = ("u", "p", "r", "c", "f", "y", "e", "o", "w")
_COUNTED = re.compile(r"[0-9第每几]|[个种类些层次位件条项步轮张倍钟秒天年]$")
_VERB_TAGS = ("v", "vd", "vg", "vi", "vq")
_NOMINAL_TAGS = ("n", "vn", "an", "eng", "nz", "nr", "ns", "nt", "nrt", "nrfg", "ng", "b", "j", "l", "x")
MAX_CN_NAME = 12


@lru_cache(maxsize=1)
def _words() -> dict:
    data = load_yaml("terms.yaml")
    return {
        "cn_heads": tuple(sorted(data["cn_heads"], key=len, reverse=True)),
        "cn_stop": frozenset(data["cn_stop"]),
        "cn_heads_set": frozenset(data["cn_heads"]),
        "cn_head_max": max(len(h) for h in data["cn_heads"]),
        "cn_generic": frozenset(data.get("cn_generic", ())),
        "cn_activities": frozenset(data.get("cn_activity_heads", ())),
        "cn_doing": frozenset(data.get("cn_doing_verbs", ())),
        "cn_measure_tails": tuple(data.get("cn_measure_tails", ())),
        "cn_term_prefixes": frozenset(data.get("cn_term_prefixes", ())),
        "latin_adjective_suffixes": tuple(data.get("latin_adjective_suffixes", ())),
        "ordinary_zipf": float(data.get("ordinary_english_zipf", 4.0)),
    }


@lru_cache(maxsize=16384)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """The words and part-of-speech tags of ``text``, as spaCy tokens cut and tagged by jieba
    (dictionary only, no HMM guesses; :func:`kg.segmenter.chinese_nlp`).

    >>> pos_tags("采用旋转位置编码")[0]
    ('采用', 'v')
    """
    from kg.segmenter import chinese_nlp

    tags: list[tuple[str, str]] = []
    for token in chinese_nlp()(text):
        if token.text in _INNER and tags and len(tags[-1][0]) == 1 and tags[-1][1] in ("n", "q", "ng"):
            tags[-1] = (tags[-1][0] + token.text, "b")  # 层间, 类内: a place word made a modifier
        else:
            tags.append((token.text, token.tag_))
    return tuple(tags)


_INNER = frozenset("间内")


def cn_term_head(phrase: str) -> str | None:
    """The term head ``phrase`` ends in (``cn_heads``), if any.

    >>> cn_term_head("局部响应归一化"), cn_term_head("图像")
    ('归一化', None)
    """
    heads = _words()["cn_heads_set"]
    return next((phrase[-n:] for n in range(min(len(phrase), _words()["cn_head_max"]), 0, -1) if phrase[-n:] in heads), None)


@lru_cache(maxsize=65536)
def cn_name_before(text_before: str) -> str | None:
    """The Chinese term that ends ``text_before``, or None when no clean noun phrase ends it.

    The phrase starts after the last particle, pronoun, adverb, preposition,
    conjunction, numeral or clause verb; a verb that opens it is the verb of
    a clause and goes too (``使用张量并行`` -> ``张量并行``) unless only the
    head would be left (``输入层``).  It must end in a term head and be more
    than the head.

    >>> cn_name_before("会被相应的模态编码器"), cn_name_before("示了如何使用张量并行")
    ('模态编码器', '张量并行')
    >>> cn_name_before("核心就是自注意力"), cn_name_before("我们采用"), cn_name_before("模型")
    ('自注意力', None, None)
    """
    run = re.search(r"[\u4e00-\u9fff]+$", text_before)
    if not run:
        return None
    if len(run.group(0)) > MAX_CN_NAME + 6:
        return cn_name_before(run.group(0)[-(MAX_CN_NAME + 6):])  # the same tail, cached once
    words = _words()
    tokens = pos_tags(run.group(0))
    counted = [i for i, (_, tag) in enumerate(tokens) if tag == "q" and (
        tokens[i - 1][1] == "m" if i else run.start() and text_before[run.start() - 1].isdigit())]
    if counted:
        tokens = tokens[counted[-1] + 1:]  # 10分钟读懂…, 十分钟读懂…: a number and its unit
    if not tokens:
        return None
    kept: list[tuple[str, str]] = []
    for word, tag in reversed(tokens):
        if kept and _ends_phrase(word, tag, words, kept[0][1]):
            break
        kept.insert(0, (word, tag))
    # the verb of a clause before its object: 采用分块量化 -> 分块量化, 训练奖励模型 -> 奖励模型; 停止梯度, 简化模型: a clause, no name.
    # After a preposition or a count a noun phrase follows, and a verb in it modifies: 基于渐进神经网络
    opened = tokens[-len(kept) - 1] if len(kept) < len(tokens) else None
    modifies = (opened is not None and (opened[1] == "p" or opened[1] == "m" and opened[0][-1:] in "种个类款项")
                and kept[0][0] not in words["cn_activities"])
    while (not modifies and len(kept) > 1 and (kept[0][1] in _VERB_TAGS or kept[0][0] in words["cn_doing"])
           and len(kept[0][0]) >= 2 and kept[1][1].startswith(_NOMINAL_TAGS)):
        if len(kept) == 2 and len(kept[1][0]) >= 2 and cn_term_head(kept[1][0]) in (None, kept[1][0]):
            return None  # 简化模型: the object is no term of its own (使用张量并行 is)
        rest = "".join(w for w, _ in kept[1:])
        head = cn_term_head(rest)
        if head is None or rest == head:
            break
        kept.pop(0)
    if any(_is_count(w, t, words) for w, t in kept) or _generic(kept, words):
        return None  # 第一层, 接一层; 模型结构, 核心问题: no name
    phrase = "".join(w for w, _ in kept)
    head = cn_term_head(phrase)
    if not 3 <= len(phrase) <= MAX_CN_NAME or head is None or phrase == head or _DESCRIBED_VERSION.match(phrase) or phrase[0] in _BOUND_FIRST:
        return None
    if phrase.removesuffix("问题").endswith(words["cn_measure_tails"]) or len(phrase) <= 3 and phrase.startswith("可"):
        return None  # 微调速度, 效率问题: a measure; 可学习: an adjective
    if "的" in phrase:
        return None  # 端到端的模型 (cut 端到|端的|模型): a description
    if phrase.endswith("问题") and phrase[-4:-2] in words["cn_generic"]:
        return None  # 集成学习基本问题: the questions of a topic, no problem of its own
    return phrase


# 增强版数据并行, 简化版注意力: "an enhanced kind of X" describes a thing, it is no name of it
_DESCRIBED_VERSION = re.compile(r"[\u4e00-\u9fff]{1,2}版(?!本)")


def _generic(kept: list[tuple[str, str]], words: dict) -> bool:
    """Every word of the phrase is a generic word: 模型结构, 整体网络结构, 核心问题 (not 模型并行).

    A phrase jieba keeps as one word is cut into generic words if it can be (网络结构 = 网络 + 结构).
    """
    if len(kept) >= 2:
        return all(_generic_words(w, words["cn_generic"]) for w, _ in kept)
    return _generic_words(kept[0][0], words["cn_generic"])


def _generic_words(text: str, generic: frozenset) -> bool:
    if not text:
        return True
    return any(text[:n] in generic and _generic_words(text[n:], generic) for n in range(2, min(len(text), 4) + 1))


def generic_phrase(text: str) -> bool:
    """A Chinese phrase made only of generic words: 模型结构, 整体网络结构."""
    return _generic_words(text, _words()["cn_generic"])


def ends_in_activity(text: str) -> bool:
    """A name of something done (量化, 编码, 映射…; ``cn_activity_heads``), or one ending in it."""
    return text.endswith(tuple(_words()["cn_activities"]))


def section_label(term: str) -> bool:
    """优化策略, 参数学习, 主干网络优化: a heading made of an activity and generic words, or of a thing and what is done
    to it, labels a part of a note; it names nothing."""
    words = _words()
    plain = words["cn_generic"] | words["cn_activities"] | {"参数"}
    tokens = [w for w, _ in pos_tags(term)]
    if len(tokens) >= 2 and tokens[-1] in _DOING_TO and cn_term_head("".join(tokens[:-1])):
        return True  # 主干网络优化: doing something to a thing
    return len(tokens) >= 2 and all(w in plain for w in tokens) and any(w in words["cn_generic"] for w in tokens)


_DOING_TO = frozenset({"优化", "改进", "设计", "调优", "改造"})  # not 训练: 多尺度训练 is a method


def cn_clean(text: str) -> bool:
    """No word of ``text`` is one a Chinese term can not contain (a particle, a clause verb…).

    >>> cn_clean("随机失活"), cn_clean("训练浅层的简单网络")
    (True, False)
    """
    words = _words()
    tags = pos_tags(text)
    generic = [w in words["cn_generic"] for w, tag in tags if tag != "eng"]
    if len(generic) >= 2 and generic[-1] and sum(generic) >= len(generic) - 1 and sum(generic) >= 2:
        return False  # OPT家族模型, 百川系列模型: a name and generic words describe a family, they name nothing
    return not any(_ends_phrase(word, tag, words, after) for (word, tag), (_, after) in zip(tags[1:], tags[2:] + (("", "n"),))) and not (
        tags and tags[0][0] in words["cn_stop"]) and text[:1] not in _BOUND_FIRST


# characters that end a word and begin none: "型激活函数" is what is left of "S 型激活函数"
_BOUND_FIRST = frozenset("型性式率")


def _ends_phrase(word: str, tag: str, words: dict, next_tag: str) -> bool:
    """A token a Chinese term can not contain: the term begins after it.

    ``next_tag`` is the tag of the token after it: an adverb before a noun
    modifies it (随机森林, 随机梯度下降), before a verb it belongs to a clause.
    """
    if word in words["cn_stop"]:
        return True
    if tag.startswith("d"):
        return not (next_tag.startswith("n") or next_tag in ("eng", "b", "j"))
    if word in words["cn_term_prefixes"]:
        return False  # 自注意力, 非极大值抑制
    return tag.startswith(_STOP_TAGS) or _is_count(word, tag, words)


def _is_count(word: str, tag: str, words: dict) -> bool:
    """A count (一个, 三层, 第二) ends a term; a bare numeral (两阶段, 一阶矩) or 多层 (多层感知机) may belong to it."""
    counted = bool(_COUNTED.search(word))
    return tag == "m" and counted and (word[:1] not in words["cn_term_prefixes"] or word[1:] in _MEASURES_ONLY)


# 多个, 多种: a count, though 多 may open a term (多层感知机, 多头注意力)
_MEASURES_ONLY = frozenset("个种类次组张条位名项款")


@lru_cache(maxsize=16384)
def ordinary_english(word: str) -> bool:
    """A common English word (zipf frequency >= ``ordinary_english_zipf`` in ``terms.yaml``).

    >>> ordinary_english("Output"), ordinary_english("head"), ordinary_english("vLLM"), ordinary_english("Dropout")
    (True, True, False, False)
    """
    if not word.isascii() or not word.isalpha():
        return False
    return _zipf(word.casefold()) >= _words()["ordinary_zipf"]


def english_word(word: str, zipf: float = 3.0) -> bool:
    """A word of English at all (zipf frequency ``zipf`` or more): ``Stable``, ``Diffusion``; not ``Gerganov``."""
    return word.isascii() and word.isalpha() and _zipf(word.casefold()) >= zipf


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-+.'][A-Za-z0-9]+)*\+*")


@lru_cache(maxsize=16384)
def english_kind(text: str) -> str | None:
    """Whether a Latin span can name a concept: ``"name"``, ``"phrase"`` or None.

    ``"phrase"`` is lower-case prose (``accumulate gradients``): it may be another
    spelling of a name already known, never a new name.

    >>> [english_kind(t) for t in ["Batch Normalization", "LoRA", "GPT-4", "reduce channel dimensions"]]
    ['name', 'name', 'name', 'phrase']
    >>> [english_kind(t) for t in ["Scene-level", "Adapter-like", "P_p", "BA=0", "x", "Output", "Convolutional With Anchor Boxes"]]
    [None, None, None, None, None, None, None]
    """
    text = text.strip()
    words = text.split()
    if not words or len(words) > 7 or not all(_LATIN_WORDS.fullmatch(w) for w in words):
        return None
    if len(words) == 1:
        word = words[0]
        letters = sum(c.isalpha() for c in word)
        if letters < 2 or word.casefold().endswith(_words()["latin_adjective_suffixes"]):
            return None
        shaped = any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word) or word.isupper()
        if shaped:
            return "name"
        if ordinary_english(word) or word.islower():
            return "phrase" if word.islower() else None
        return "name"
    if any(w.casefold() in ("and", "&") for w in words):
        return None  # "Language Modeling and Generating Text": two things
    if any(w in _TITLE_ONLY for w in words[1:-1]):
        return None  # "Convolutional With Anchor Boxes", "Attention Is All You Need": a title, capitalised throughout
    capitalised = sum(w[:1].isupper() for w in words)
    title_case = capitalised >= 2 and all(w[:1].isupper() or w in _SMALL_WORDS for w in words)
    if title_case or any(any(c.isupper() or c.isdigit() for c in w[1:]) for w in words):
        return "name"
    return "phrase"


# small words only a title capitalises (names write "Network In Network", "Mixture Of Experts" at most)
_TITLE_ONLY = frozenset("With Is Are For From By On Into Via The As At Using Without Beyond".split())
# words Title Case leaves in lower case ("Network in Network", "Learning to Rank")
_SMALL_WORDS = frozenset("a an and as at by for from in into is of on or the to via vs with".split())


def generic_or_versioned(latin: str, chinese: str) -> bool:
    """A Chinese phrase can not be the whole name of a versioned or sized Latin name it lacks the number of.

    ``残差网络(ResNet-50)``: the Chinese says ResNet, not ResNet-50.

    >>> generic_or_versioned("ResNet-50", "残差网络"), generic_or_versioned("RoPE", "旋转位置编码")
    (True, False)
    """
    version = _VERSION_TAIL.search(latin)
    return bool(version) and not re.search(r"[0-9一二三四五六七八九十]", chinese)


# a version or size at the end of a name: VGG16, ResNet-101, LLaMA 2, DeepLabv3+, GPT-4o, Qwen-7B
_VERSION_TAIL = re.compile(r"(?:(?<=[A-Za-z])|[-_ .])[vV]?\d+(?:\.\d+)*(?:[A-Za-z]{0,2}\+*)$")
