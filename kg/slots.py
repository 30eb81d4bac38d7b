"""Name slots: places in a note where the author puts the name of a concept.

A name the lexicon does not know is found where notes put names, and is
kept only if it has the shape of one (:mod:`kg.nameshape`):

* a heading that is a Chinese term (``### 2.3 静态量化``; ``静态/动态量化`` names
  two; ``理解局部响应归一化`` names the term after the verb);
* the head of a list item (``- 静态量化：…``, ``2. 位置敏感得分图（…）``);
* a bold term (``**多维混合并行**``), and the bold head of a definition line
  (``**Paged Optimizer**：…``, ``- **细胞状态（Cell State）**：…``), which may
  pair a Chinese word with its English name;
* a problem named as the object of 解决/缓解/避免 (``缓解梯度消失问题``);
* a kind named after 是一种 (``是一种两阶段目标检测算法``);
* a name written apart from its version (``LLaMA 2``, ``FlashAttention 1``);
* a Title Case name of several words (``Weight Normalization``);
* a Latin name glued to a Chinese head (``RoI池化``, ``Speculative推理``);
* a name among others in an enumeration (``IPO、KTO、ORPO 这些方法``) where one
  of them is known.

Each returns the surfaces found in one line; :mod:`kg.extract` makes them candidates.
"""
from __future__ import annotations

import re

from kg.clean import strip_numbering
from kg.cues import PROBLEM_REF
from kg.lexicon import cn_particles
from kg.names import has_cjk
from kg.nameshape import (MAX_CN_NAME, cn_clean, cn_name_before, cn_term_head, english_kind, english_word, generic_phrase,
                          ordinary_english, section_label)


def numbered_label(word: str) -> bool:
    from kg.discover import numbered_label as label

    return label(word)


def latin_stop() -> frozenset[str]:
    from kg.discover import _terms

    return _terms()["latin_stop"]

__all__ = ["introduced_terms", "heading_terms", "item_head", "bold_terms", "bold_names", "defined_terms", "glossed_pair", "problem_objects", "kind_names", "spaced_versions",
           "title_case_names", "hybrid_names", "enumerated_names"]

_LEADING_NUMBER = re.compile(r"^[一二三四五六七八九十]+\s*[、,，.．]\s*")
_QUESTION_TAIL = re.compile(r"(?:的)?(?:作用|原理|介绍|简介|详解|概述|总结|是什么|有哪些|怎么做|如何实现|的优缺点|优缺点|讲解|解读)?[?？:：。!！\s]*$")


def heading_terms(title: str) -> list[str]:
    """The Chinese terms a heading names.

    >>> heading_terms("2.3 静态量化"), heading_terms("静态/动态量化"), heading_terms("二，理解局部响应归一化")
    (['静态量化'], ['静态量化', '动态量化'], ['局部响应归一化'])
    >>> heading_terms("量化的目标?"), heading_terms("BN和LN的区别"), heading_terms("总结"), heading_terms("2、优化策略"), heading_terms("1、整体网络结构")
    ([], [], [], [], [])
    """
    text = _QUESTION_TAIL.sub("", _LEADING_NUMBER.sub("", strip_numbering(title))).strip()
    if not text or len(text) > MAX_CN_NAME + 6 or not has_cjk(text):
        return []
    both = re.fullmatch(r"([\u4e00-\u9fff]{1,4})[/、]([\u4e00-\u9fff]{2,10})", text)
    if both:
        first, rest = both.group(1), both.group(2)
        second, tail = rest[: len(first)], rest[len(first):]
        if cn_term_head(tail) and cn_clean(first + tail) and cn_clean(second + tail):
            return [first + tail, second + tail]
    if re.search(r"[和与及、/,，]|区别|对比|比较|vs", text):
        return []  # two things, or a comparison: not one name
    term = cn_name_before(text)
    if term and section_label(term):
        return []
    return [term] if term and len(term) >= len(text) - 4 else []




_ITEM_HEAD = re.compile(r"^\s*(?:[A-Za-z][A-Za-z\-]*\s+)?([\u4e00-\u9fff]{3,12})\s*(?:[:：]|[(（][A-Za-z])")


def item_head(text: str) -> str | None:
    """The term a list item starts with, before its colon or its English name in brackets.

    >>> item_head("静态量化：通过校准数据离线获取量化参数"), item_head("Weights 仅权重量化：比如AWQ")
    ('静态量化', '仅权重量化')
    >>> item_head("优点：速度快"), item_head("通过校准数据离线获取：参数")
    (None, None)
    """
    m = _ITEM_HEAD.match(text)
    if not m:
        return None
    term = m.group(1)
    return term if cn_name_before(term) == term else None


def bold_terms(raw: str) -> list[str]:
    """Bold Chinese terms of a source line.

    >>> bold_terms("采用**多维混合并行**方案, **注意**这里")
    ['多维混合并行']
    """
    found = []
    for m in re.finditer(r"\*\*([^*]{3,12})\*\*", raw):
        term = m.group(1).strip(" ：:")
        if re.fullmatch(r"[\u4e00-\u9fff]{3,12}", term) and cn_name_before(term) == term:
            found.append(term)
    return found


def bold_names(raw: str, looks_like_name) -> list[str]:
    """Latin names an author set in bold: ``**NormHead**``, ``**Llama 4**``; not ``**Note**``.

    >>> bold_names("采用了 **NormHead**, 见 **Llama 4**, **Note**: **GPU**", lambda w: w[1:] != w[1:].lower() and w != "GPU")
    ['NormHead', 'Llama 4']
    """
    found = []
    for m in re.finditer(r"\*\*\s*([A-Za-z][A-Za-z0-9.\-]{1,30}(?: \d{1,2}(?:\.\d)?)?)\s*\*\*", raw):
        name = m.group(1)
        word, _, version = name.partition(" ")
        if version and numbered_label(word):
            continue  # **Stage 1**, **Step 2**: a part of the text
        if looks_like_name(word) or version and word[:1].isupper() and len(word) >= 3:
            found.append(name)
    return found


# "- **X**：…", "2. **X：**…": a line that defines the term it opens with, in bold
_DEFINITION_HEAD = re.compile(r"^\s*(?:[-*+]\s+|\d{1,2}[.)、]\s*)?\*\*([^*]{2,60}?)\s*(?:\*\*\s*(?:等)?\s*[:：]|[:：]\s*\*\*)")
_GLOSSED = re.compile(r"([\u4e00-\u9fff]{2,10})\s*[（(]\s*([A-Za-z][A-Za-z0-9\- ]{1,40}?)\s*(?:[,，][^()（）]*)?[)）]")


def defined_terms(raw: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The names a definition line opens with in bold, and the pair a Chinese word and its English name make.

    >>> defined_terms("**Paged Optimizer**：把优化器状态放到分页内存")
    (['Paged Optimizer'], [])
    >>> defined_terms("- **细胞状态（Cell State, $C_t$）**：负责存储长期信息")
    (['细胞状态', 'Cell State'], [('细胞状态', 'Cell State')])
    >>> defined_terms("2. **EAGLE / Medusa** 等：加几个轻量头"), defined_terms("**注意**：这里"), defined_terms("**优点(Pros and cons)**：快")
    ((['EAGLE', 'Medusa'], []), ([], []), ([], []))
    """
    m = _DEFINITION_HEAD.match(raw)
    if not m:
        return [], []
    head = re.sub(r"\s*等$", "", m.group(1).strip())
    if _GLOSSED.fullmatch(head):
        pair = glossed_pair(head)
        return (list(pair), [pair]) if pair else ([], [])
    parts = [p.strip() for p in re.split(r"\s*[/、]\s*", head)]
    if all(re.fullmatch(r"[A-Za-z][A-Za-z0-9\-.+ ]{1,40}", p) and english_kind(p) == "name" for p in parts):
        return parts, []
    return [], []


def glossed_pair(text: str) -> tuple[str, str] | None:
    """A Chinese word and its English name, the whole of a heading or a definition head: ``离群值 (Outliers)``.

    >>> glossed_pair("离群值 (Outliers)"), glossed_pair("3.1 细胞状态（Cell State）"), glossed_pair("优点(Advantages)"), glossed_pair("模型结构(Model)")
    (('离群值', 'Outliers'), ('细胞状态', 'Cell State'), None, None)
    >>> glossed_pair("训练奖励模型（Training Reward Model）")
    """
    glossed = _GLOSSED.fullmatch(strip_numbering(text).strip())
    if not glossed:
        return None
    chinese, english = glossed.group(1), glossed.group(2).strip()
    if (cn_clean(chinese) and english_kind(english) == "name" and not generic_phrase(chinese)
            and cn_name_before(chinese) in (chinese, None)):  # 训练奖励模型: an activity, no name
        return chinese, english
    return None



# "## 4. Input Projector 输入投影器": a heading that is an English name, a space, and its Chinese name
_BILINGUAL = re.compile(r"([A-Za-z][A-Za-z0-9\-]*(?: [A-Za-z][A-Za-z0-9\-]*){1,4})\s+([\u4e00-\u9fff]{3,10})")


def bilingual_title(text: str) -> tuple[str, str] | None:
    """An English name of two words or more and a Chinese name after it, the whole of a heading.

    >>> bilingual_title("4. Input Projector 输入投影器"), bilingual_title("Flash Attention 原理详解"), bilingual_title("LoRA 微调")
    (('输入投影器', 'Input Projector'), None, None)
    """
    m = _BILINGUAL.fullmatch(strip_numbering(text).strip())
    if not m:
        return None
    english, chinese = m.group(1), m.group(2)
    if english_kind(english) == "name" and cn_clean(chinese) and cn_name_before(chinese) == chinese and not generic_phrase(chinese):
        return chinese, english
    return None


_TRANSLATED_HEAD = re.compile(r"^\s*(?:[-*+]\s+|\d{1,2}[.)、]\s*)?(?:\*\*)?([A-Za-z][A-Za-z0-9\-]*(?:[ \-][A-Za-z0-9][A-Za-z0-9\-]*){0,4})"
                              r"\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?([\u4e00-\u9fff]{2,8})(?:\*\*)?\s*(?:[,，;；。]|$)")


def translated_head(raw: str) -> tuple[str, str, bool] | None:
    """``- Rank Collapse：秩坍缩，指的是…``: an English term, a colon, its Chinese name, then what it means.

    Returns (English, Chinese, whether the pair needs the English to be known): a word like
    ``Speed`` declares nothing on its own (``Speed：速度快``), a known one does.

    >>> translated_head("- Rank Collapse：秩坍缩，指的是表示退化"), translated_head("- Dropout：随机丢弃神经元，防止过拟合")
    (('Rank Collapse', '秩坍缩', False), None)
    >>> translated_head("- ReLU：计算简单，收敛快"), translated_head("- Input：输入图片，大小为 224"), translated_head("- GPT2：生成式预训练，单向")
    (None, ('Input', '输入图片', True), None)
    """
    m = _TRANSLATED_HEAD.match(raw)
    if not m:
        return None
    english, chinese = m.group(1).strip(), m.group(2)
    kind = english_kind(english)
    if kind is None and not english.istitle() or not cn_clean(chinese) or generic_phrase(chinese):
        return None
    if len(chinese) > 4 and cn_term_head(chinese) is None:
        return None  # "随机丢弃神经元": what it does, not its name
    if " " not in english and re.search(r"^[A-Z0-9\-]+$|.[A-Z0-9]", english):
        return None  # "ELECTRA：判别式预训练": after a model's name comes what it is, not a translation
    return english, chinese, kind != "name"


def header_terms(text: str) -> list[str]:
    """The Chinese terms a table's header row sets side by side, past its first cell (what the rows are about).

    >>> header_terms("项目 | 对称量化 | 非对称量化"), header_terms("方法 | 优点 | 缺点")
    (['对称量化', '非对称量化'], [])
    """
    cells = [c.strip(" *") for c in text.split(" | ")][1:]
    terms = [c for c in cells if re.fullmatch(r"[\u4e00-\u9fff]{3,8}", c) and cn_clean(c) and not generic_phrase(c)
             and cn_term_head(c) is not None and not _HEADER_WORDS.search(c)]  # 输入尺寸, 参数个数: measures, no things
    return terms if len(terms) >= 2 else []


# header cells that name an aspect, not a thing: 优点, 适用场景, 计算复杂度, 是否需要…
_HEADER_WORDS = re.compile(r"优点|缺点|优势|劣势|场景|特点|特性|复杂度|是否|区别|差异|说明|描述|备注|示例|例子|效果|速度|用途|作用|原理|公式|类型|名称|方法")


_REMEDY = re.compile(r"(?:解决|缓解|避免|防止|克服|减轻|应对|处理)了?([\u4e00-\u9fff]{2,10}问题)")


def problem_objects(text: str) -> list[str]:
    """Problems named as the object of a remedy verb.

    >>> problem_objects("残差连接缓解了梯度消失问题, 也解决了这个问题"), problem_objects("它解决了上述问题")
    (['梯度消失问题'], [])
    """
    found = []
    for m in _REMEDY.finditer(text):
        term = cn_name_before(m.group(1))
        if term and term != "问题" and len(term) >= 4 and not re.fullmatch(PROBLEM_REF, term):  # "上述问题" points, names nothing
            found.append(term)
    return found


_KIND = re.compile(r"是(?:第)?一(?:种|类|个)([\u4e00-\u9fffA-Za-z\- ]{2,20}?(?:算法|方法|模型|网络|技术|机制|框架|架构|策略))")


def kind_names(text: str) -> list[str]:
    """The kind a sentence says something is one of.

    >>> kind_names("Faster R-CNN是一种两阶段目标检测算法"), kind_names("它是一种方法")
    (['两阶段目标检测算法'], [])
    """
    found = []
    for m in _KIND.finditer(text):
        term = cn_name_before(m.group(1))
        if term and len(term) >= 5:
            found.append(term)
    return found


# "自适应学习率算法" names an algorithm, not the learning rate its first words make
_KIND_HEAD_NEXT = re.compile(r"算法|方法|模型|策略|机制|技术|优化器")


def modified_terms(text: str, modifiers: re.Pattern, terms: frozenset[str]) -> list[str]:
    """A known Chinese term right after a modifier of technical Chinese: ``对称量化``, ``单向语言模型``.

    The compound must be whole words of the line (``非对称量化`` holds no ``对称量化``).

    >>> modifiers = re.compile("非对称|对称|普通")
    >>> modified_terms("AWQ 属于非对称量化, 普通卷积更慢", modifiers, frozenset({"量化", "卷积"}))
    ['非对称量化', '普通卷积']
    """
    from kg.lexicon import whole_words

    found = []
    for m in modifiers.finditer(text):
        end = m.end()
        head = next((text[end:end + n] for n in range(min(MAX_CN_NAME, len(text) - end), 1, -1) if text[end:end + n] in terms), None)
        if head and whole_words(text, m.start(), end + len(head), longest=True) and not _KIND_HEAD_NEXT.match(text, end + len(head)):
            found.append(m.group(0) + head)
    return found


_SPACED_VERSION = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9\-]*[A-Za-z])\s(v?\d{1,2}(?:\.\d)?)(?![\d.%A-Za-z]|\s*[层个卡张倍次步轮维位年月日号种类])")


def spaced_versions(text: str, looks_like_name) -> list[str]:
    """Names written apart from their version: ``LLaMA 2``, ``FlashAttention 1``.

    >>> spaced_versions("LLaMA 2 比 LLaMA 1 更好, 用了 8 卡, BERT 12 层", lambda w: w[1:] != w[1:].lower())
    ['LLaMA 2', 'LLaMA 1']
    """
    return [f"{m.group(1)} {m.group(2)}" for m in _SPACED_VERSION.finditer(text) if looks_like_name(m.group(1))]


_TITLE_WORD = r"[A-Z][a-z]+(?:-[A-Za-z]+)?|[A-Z][a-z]*[A-Z][A-Za-z]*"
_TITLE_CASE = re.compile(rf"(?<![A-Za-z\-])((?:{_TITLE_WORD})(?:\s(?:of\s|in\s|to\s)?(?:{_TITLE_WORD})){{1,4}})(?![A-Za-z\-])")
_OPENERS = frozenset("The This That These Those We Our It Its In On For A An As At By If When Where While With From To And Or But Is Are Was Were Be Note See Figure Table Step Chapter Section Part Fig "
                     "Introduction Overview Survey Review Understanding Notes Tutorial Guide".split())  # "Introduction to X": a title
# words a section title puts after its topic: "Focal Loss Definition" is a title about Focal Loss
_TITLE_ENDS = frozenset("Definition Definitions Introduction Overview Summary Conclusion Conclusions Details Detail Explained Analysis "
                        "Example Examples Code Results Experiments Experiment Motivation Background Usage Notes Tutorial Implementation".split())


def title_case_names(text: str) -> list[str]:
    """Names of several capitalised words: ``Weight Normalization``, ``Stable Diffusion``.

    Everyday phrases (``Related Work``) and sentence openings (``The Model``) are not names.

    >>> title_case_names("提出了 Weight Normalization 与 Text Generation Inference; see Related Work, by Georgi Gerganov")
    ['Weight Normalization', 'Text Generation Inference']
    >>> title_case_names("Serving with Speculative Inference and Token Tree")
    ['Speculative Inference']
    >>> title_case_names("Training GPT with Rotary Embeddings and Sliding Window Attention")
    ['Rotary Embeddings', 'Sliding Window Attention']
    """
    found = []
    for m in _TITLE_CASE.finditer(text):
        words = m.group(1).split()
        if words[0] in _OPENERS or words[-1] in _OPENERS or words[-1] in _TITLE_ENDS or english_kind(m.group(1)) is None:
            continue  # "Convolutional With Anchor Boxes": a title
        if len(words) == 2 and words[0].endswith("ing") and sum(c.isupper() for c in words[1]) >= 2:
            continue  # "Distilling BERT", "Training GPT" (a title's verb and a name), not "Learning Rate"
        if len(words) >= 3 and all(w.isupper() for w in words):
            continue  # DECOUPLED WEIGHT DECAY REGULARIZATION: a title in capitals
        capitalised = [w for w in words if w[:1].isupper()]
        plain = [w.replace("-", "") for w in capitalised if not any(c.isupper() for c in w[1:])]
        if len(plain) == len(capitalised) and all(ordinary_english(w) or w in latin_stop() for w in plain):
            continue  # Related Work: everyday words
        if all(w in latin_stop() or ordinary_english(w) for w in capitalised):
            continue  # OOM GPU, NVIDIA GPU
        if len(plain) == len(capitalised) and not any(english_word(w) for w in plain) and any(not english_word(w, 1.0) for w in plain):
            continue  # Georgi Gerganov: a person, not a technique
        found.append(m.group(1))
    return found


_HYBRID = re.compile(r"(?<![A-Za-z0-9\-])([A-Za-z][A-Za-z0-9\-]*(?: [A-Za-z][A-Za-z0-9\-]*)?) ?([\u4e00-\u9fff]{1,8})")
_FUNCTION_WORDS = frozenset("a an the of for in on to and or is are be by with as at from this that it we use using".split())


def hybrid_names(text: str) -> list[str]:
    """A Latin name glued to a Chinese term head: ``RoI池化``, ``Speculative推理``, ``Two stage目标检测算法``.

    >>> hybrid_names("RoI池化之后, 使用Speculative推理; 在 the 网络中, Q向量")
    ['RoI池化', 'Speculative推理']
    """
    found = []
    for m in _HYBRID.finditer(text):
        latin, chinese = m.group(1), m.group(2)
        words = latin.split()
        if words[0].casefold() in _FUNCTION_WORDS or words[-1].casefold() in _FUNCTION_WORDS:
            continue
        if sum(c.isalpha() for c in words[-1]) < 2 or words[-1] in latin_stop():
            continue  # Q向量, QKV注意力: a symbol, not a name
        if latin.islower() and ordinary_english(latin):
            continue  # "将 up 层初始化为零": an English word, not a name
        if chinese[0] in cn_particles():
            continue  # "ZeRO-DP 对模型状态进行切分": the name, then a clause
        # the longest start of the Chinese part that is a head or a clean term ending in one
        for end in range(len(chinese), 1, -1):
            part = chinese[:end]
            head = cn_term_head(part)
            if head and (part == head or cn_name_before(part) == part):
                found.append(text[m.start(1):m.start(2) + end])
                break
        else:
            if chinese[0] in _ONE_CHARACTER_HEADS and not m.group(0)[m.start(2) - m.start(0) - 1].isspace():
                found.append(text[m.start(1):m.start(2) + 1])  # "Dropout层", "CART树": the name with its kind
    return found


_ONE_CHARACTER_HEADS = frozenset("层树")


# "采用Clipping方法", "使用 Trimming 的技术": a Latin word a verb puts to use and a kind noun classes is a name, even a plain word
_INTRODUCED = re.compile(r"(?:采用|使用|利用|借助|引入|叫做?|称为|名为|提出(?:了)?)(?:了)?\s*(?:一种|一个|叫做?|名为|称为)?\s*"
                         r"([A-Za-z][A-Za-z\-]{2,}(?: [A-Za-z][A-Za-z\-]+){0,2})\s*(?:的)?\s*(?:方法|技术|算法|机制|策略|技巧)")


def introduced_terms(text: str) -> list[str]:
    """Latin words used as the name of a method: ``采用Clipping方法``, ``使用 Early Stopping 的策略``.

    >>> introduced_terms("就要采用Clipping方法; 使用 the 方法; 可以使用Trimming的技术")
    ['Clipping', 'Trimming']
    """
    found = []
    for m in _INTRODUCED.finditer(text):
        words = m.group(1).split()
        if any(w.casefold() in _FUNCTION_WORDS for w in words) or words[-1] in latin_stop():
            continue
        found.append(m.group(1))
    return found


_LATIN_ITEM = r"[A-Za-z][A-Za-z0-9\-.+]*(?: [A-Z][A-Za-z0-9\-.+]*){0,2}"
_ENUMERATION = re.compile(rf"(?<![A-Za-z0-9\-])({_LATIN_ITEM}(?:\s*[、,，/]\s*{_LATIN_ITEM})+)")


_KIND_AFTER = re.compile(r"^\s*(?:等|这些|这几种|这几个|几种|等等)?\s*(?:方法|算法|模型|技术|框架|工具|库|网络|架构|优化器|策略)")
# "比如 A、B 等": names given as examples, closed by 等
_EXAMPLES_BEFORE = re.compile(r"(?:比如|例如|诸如|譬如|如|包括)\s*:?\s*$")
_CLOSED_BY_DENG = re.compile(r"^\s*(?:等|等等)")
# "通过 A、B 等模型存储库获取": places, makers and stores of models, not concepts
_NO_CONCEPTS_AFTER = re.compile(r"^\s*(?:等|这些)?[^,，。;；]{0,8}?(?:存储库|仓库|平台|公司|机构|社区|网站|厂商|团队|实验室)")


def enumerated_names(text: str, known, looks_like_name) -> list[str]:
    """Names listed with others when one of them is known or a kind noun follows (``IPO、KTO、ORPO 这些方法``).

    >>> enumerated_names("后来 IPO、KTO、ORPO 这些方法", lambda name: False, str.isupper)
    ['IPO', 'KTO', 'ORPO']
    >>> enumerated_names("如 GPTQ、AWQ、FooBar", lambda name: name == "GPTQ", str.isupper)
    ['AWQ']
    """
    found = []
    for m in _ENUMERATION.finditer(text):
        items = [i.strip() for i in re.split(r"\s*[、,，/]\s*", m.group(1)) if i.strip()]
        if _NO_CONCEPTS_AFTER.match(text[m.end():]):
            continue
        examples = bool(_EXAMPLES_BEFORE.search(text, 0, m.start()) and _CLOSED_BY_DENG.match(text[m.end():]))
        if len(items) < 2 or not (any(known(i) for i in items) and len(items) >= 3 or _KIND_AFTER.match(text[m.end():]) or examples):
            continue
        found.extend(i for i in items if not known(i) and all(looks_like_name(w) or w[:1].isupper() and w[1:].islower() for w in i.split())
                     and (looks_like_name(i.split()[-1]) or " " in i and examples))
    return found
