"""Clauses: a sentence as concept markers, coordinated groups and clause subjects.

Relation cues are read over a *template* of the sentence in which every
concept mention is a marker ``⟨k⟩``: ``QLoRA在LoRA的基础上引入了量化`` becomes
``⟨0⟩在⟨1⟩的基础上引入了量化``.  Around the markers this module finds

* **groups**: coordinated mentions (``A、B和C``, ``A, B 以及 C``, ``A+B``),
  which a cue relates as a whole (both ends may be groups);
* **clauses**: the stretches between commas, colons and semicolons that are
  not inside a group or brackets;
* **subjects**: the group a clause opens with, or the reference word it opens
  with (它, 其, 该方法, 本文, 论文, 作者…) for the caller to resolve.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "MARK", "GROUP", "Template", "Clause", "template", "sentences", "clauses",
    "group_members", "coordinated", "marker_indices", "KIND_NOUN",
]

MARK = "⟨{}⟩"
# a noun that names what kind of thing a concept is, written after its name: "PPO算法", "ResNet网络"
KIND_NOUN = (r"(?:算法|方法|模型|技术|机制|网络|函数|结构|架构|框架|模块|组件|层|策略|方案|思想|操作|引擎|库|工具|"
             r"优化器|损失|损失函数|技巧|手段|范式|系列|家族|变体|单元|版本|法)")
# one concept mention: a marker, maybe a bracketed gloss, maybe a kind noun ("⟨3⟩(Proximal Policy Optimization)算法")
# adjacent markers are one compound name: "⟨Transformer⟩⟨解码器⟩"
ITEM = rf"⟨\d+⟩(?:⟨\d+⟩)*(?:\s*\([^()]{{0,80}}\))?(?:\s*{KIND_NOUN})?"
# a marker with an optional gloss and kind noun, then more joined by a coordinator
_SEP = r"(?:、|和|与|及|以及|或者|或|/|\+|&|跟|同|and|or|as well as)"
# names kg does not know may stand between known ones in an enumeration: "⟨1⟩、NFNet、⟨2⟩"
# and a coordinated name may have its own count and modifier: "一个 x 的 ⟨1⟩和一个 x 的 ⟨2⟩"
_JOIN = (rf"(?:\s*{_SEP}\s*(?:[^⟨,;:。()、和与及或/+]{{1,16}}?\s*、\s*)*(?:基于|使用|采用|和|及)?"
         rf"(?:(?:随后|后来|之后|后续|最近|近期|最新|早期|简单|普通|标准|常规|传统|经典)的?\s*)?"  # "⟨1⟩以及随后的⟨2⟩", "⟨1⟩或简单的⟨2⟩"
         rf"(?:(?:一个|一种|一层|一组|两个|多个)[^⟨,;:。()、和与及或/+]{{0,10}}?的\s*)?)")
# ... and a name kg does not know may close it: "⟨R-CNN⟩和SPPnets"
GROUP = rf"{ITEM}(?:{_JOIN}{ITEM})*(?:\s*{_SEP}\s*[A-Za-z][A-Za-z0-9\-.+]{{1,24}}(?![A-Za-z0-9⟨]))?(?:\s*等)?"
_GROUP_RE = re.compile(GROUP)
_SPACED_MARKER = re.compile(r"\s*(⟨\d+⟩)\s*")
_BRACKETED_AGAIN = re.compile(r"⟨(\d+)⟩\((?:[^⟨)]{0,3})⟨(\d+)⟩[^⟨)]{0,20}\)")
_SIDE_BY_SIDE = re.compile(r"⟨(\d+)⟩⟨(\d+)⟩")
_BRACKETS = re.compile(r"\([^()]*\)")
# "其他框架(vLLM、TGI)", "模型(GPT)": a generic noun whose brackets name what it means stands for them
_MARKER_GLOSSED_LIST = re.compile(r"⟨\d+⟩\(\s*(⟨\d+⟩(?:\s*(?:、|和|与|,|&)\s*⟨\d+⟩)+)\s*(?:等)?\)")
# words before a glossed noun that are not part of it: "对于批样本数量(batch size)" keeps 对于
_GLOSS_LEAD = re.compile(r"(?:对于|对|在|用|将|把|和|与|及|的|从|以|给|为|被|通过|使用|采用|例如|比如|如|包括|是)*")
_GLOSSED_LIST = re.compile(r"(?<![⟨)])[\u4e00-\u9fff]{1,8}\(\s*((?:⟨\d+⟩\s*(?:、|和|与|,|&)?\s*)+)\)")
# "A, B, C" or "A, B 和 C" is a list; "相比 A, B 更快" is two clauses
_COMMA_LIST = re.compile(r"⟨\d+⟩(?:\s*,\s*⟨\d+⟩){2,}|⟨\d+⟩(?:\s*,\s*⟨\d+⟩)+(?=\s*(?:和|及|以及|与|等|and)\s*⟨?)"
                         r"|(?<=:)\s*⟨\d+⟩(?:\s*,\s*[^⟨,。;:]{0,4}⟨\d+⟩)+(?=\s*[。;.]?\s*$)")
_MARKER = re.compile(r"⟨(\d+)⟩")
_CLAUSE_END = re.compile(r"[,;:]")
_CLAUSE_PUNCTUATION = re.compile(r"[(),;:]")
# a sentence ends after 。!?; or at the spaces after a full stop before a capital (the stop stays with its sentence)
_SENTENCE_END = re.compile(r"[。!?;]|\.\s+(?=[A-Z])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a line (Chinese and English sentence ends).

    >>> sentences("A是B。它很好! Yes. No")
    [(0, 4), (4, 8), (8, 13), (14, 16)]
    """
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + 1 if text[m.start()] == "." else m.end()
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@dataclass(frozen=True)
class Template:
    """A sentence with its mentions as markers; ``concepts[k]`` is the concept of ``⟨k⟩``."""

    text: str
    concepts: tuple[str, ...]
    surfaces: tuple[str, ...]  # how each mention is written


# a formula reads as one symbol: "由一个 $3\times3$ 的 A 和一个 $1\times1$ 的 B 组成"
_MATH = re.compile(r"\$\$[^$]{1,200}\$\$|\$[^$\n]{1,80}\$")


def template(text: str, found: list, start: int, end: int) -> Template:
    """The sentence ``text[start:end]`` with each mention in ``found`` replaced by a marker.

    Spaces around markers are dropped, and a name repeated right after itself,
    in brackets or not (``QLoRA(Quantized LoRA)``, ``图文匹配ITM``), is one marker.

    >>> from kg.extract import Found
    >>> t = template("QLoRA 在 LoRA 的基础上", [Found("qlora", 0, 5, "QLoRA"), Found("lora", 8, 12, "LoRA")], 0, 17)
    >>> t.text, t.concepts
    ('⟨0⟩在⟨1⟩的基础上', ('qlora', 'lora'))
    """
    inside = [f for f in found if f.start >= start and f.end <= end]
    gaps, cursor = [], start  # the text between mentions
    for f in inside:
        gaps.append(text[cursor : f.start])
        cursor = f.end
    gaps.append(text[cursor:end])
    if "$" in text[start:end]:
        gaps = [gap if gap.startswith("⟨") else _MATH.sub("x", gap) for gap in gaps]
    concepts = tuple(f.concept for f in inside)
    if not inside:
        return Template(gaps[0], concepts, ())
    out = _with_markers(gaps, "⟨" in text[start:end])

    def same_in_brackets(m: re.Match) -> str:
        first, second = int(m.group(1)), int(m.group(2))
        return m.group(0) if concepts[first] != concepts[second] else f"⟨{first}⟩"

    # each pattern is tried only where it can match: most sentences have no brackets
    if len(inside) > 1:
        if "(" in out:
            out = _BRACKETED_AGAIN.sub(same_in_brackets, out)
        if "⟩⟨" in out:
            out = _SIDE_BY_SIDE.sub(same_in_brackets, out)
        if "," in out:
            out = _COMMA_LIST.sub(lambda m: m.group(0).replace(",", "、"), out)
    if "(" in out:
        out = _GLOSSED_LIST.sub(lambda m: _GLOSS_LEAD.match(m.group(0)).group(0) + m.group(1), out)
    return Template(out, concepts, tuple(f.surface for f in inside))


def _with_markers(gaps: list[str], bracketed: bool) -> str:
    """The gaps joined by markers ``⟨0⟩``, ``⟨1⟩``…, without the spaces around markers.

    Stripping the gaps is what :data:`_SPACED_MARKER` does, many times faster;
    a sentence with a ``⟨`` of its own goes through the pattern, which also
    treats its marker-shaped text as markers.
    """
    if bracketed:
        return _SPACED_MARKER.sub(r"\1", "".join(gap + MARK.format(k) for k, gap in enumerate(gaps[:-1])) + gaps[-1])
    last = len(gaps) - 1
    parts = [gaps[0].rstrip()]
    for k in range(1, last + 1):
        parts.append(MARK.format(k - 1))
        parts.append(gaps[k].lstrip() if k == last else gaps[k].strip())
    return "".join(parts)


def marker_indices(text: str) -> list[int]:
    """The marker numbers in ``text``, in order: ``"⟨1⟩和⟨2⟩"`` -> ``[1, 2]``."""
    return [int(n) for n in _MARKER.findall(text)]


def coordinated(text: str) -> list[list[int]]:
    """The members of each group of two or more in a template: ``"对比⟨0⟩和⟨1⟩, ⟨2⟩"`` -> ``[[0, 1]]``."""
    return [members for m in _GROUP_RE.finditer(text) if len(members := group_members(m.group(0))) >= 2]


def group_members(text: str) -> list[int]:
    """The markers of a group, leaving out those only inside a gloss: ``⟨1⟩(⟨2⟩ 的简称)`` -> ``[1]``.

    A name glossed by a list of others stands for them: ``其他⟨1⟩(⟨2⟩、⟨3⟩)`` -> ``[2, 3]``.

    >>> group_members("⟨1⟩(⟨2⟩ 的简称)和⟨4⟩"), group_members("⟨1⟩(⟨2⟩、⟨3⟩)")
    ([1, 4], [2, 3])
    """
    if "(" in text:
        text = _BRACKETS.sub("", _MARKER_GLOSSED_LIST.sub(r"\1", text))
    return marker_indices(text)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    subject: tuple[int, int] | None  # span of the group the clause opens with
    reference: str | None  # or the reference word it opens with ("它", "该方法", "论文")
    placed: bool = False  # the subject is where the clause places itself: "在 BERT 中, …"


# what may come before a clause's subject without being part of it
_CONNECTIVE = (r"(?:\s|而且|而|但是|但|不过|并且|并|同时|此外|另外|因此|所以|因而|因为|由于|于是|其中|首先|其次|然后|接着|最后|"
               r"另一方面|一方面|总之|总的来说|简单来说|一般来说|通常|实际上|事实上|当然|目前|后来|随后|之后|"
               r"也就是说|换句话说|即|也|还|则|就|又|那么|可见|例如|比如|如|为什么|为何|[-*•>#\d.、()]|"
               r"(?:作者|我们|研究者|研究人员|论文|实验|结果|文章)们?(?:认为|发现|指出|表明|提到|证明|观察到|证实|说明)了?)*")
_REFERENCE = re.compile(
    rf"^{_CONNECTIVE}(?P<ref>(?:该|此|这|这种|这类|这个|这一|此类|上述|本)(?:{KIND_NOUN}|论文|文章|工作|模型)"
    r"|前者|后者|[两二三四五六]者|它们|它|其|本文|该文|(?:论文|文章|作者们?|研究人员|研究者)(?!们?(?:认为|发现|指出|表明|提到|证明|观察到|证实|说明|的))|(?:这|此)(?=\s*(?:是|就是|也是|便是|即是|属于|被|可以|能|就|也|便|会|将))|这个(?=\s*(?:和|与|跟|同)\s*⟨))"
)
# an adjective a subject may carry: "传统 RLHF 流程要…", "标准的 Transformer 使用…", who made it: "华为开源的 NEZHA 也…"
_SUBJECT = re.compile(rf"^{_CONNECTIVE}(?:(?:传统|标准|经典|原始|普通|早期|最初|原来|原版|最新)的?\s*|"
                      rf"[^⟨,;的]{{1,10}}?(?:开源|提出|发布|推出|开发|研发|训练|出品)的\s*)?(?P<group>{GROUP})"
                      # … not a name that only modifies a noun of what it has: "注意力矩阵使用 MSE" is about the matrix,
                      # "LightGBM基模型是决策树" about the base model,
                      # nor one that only says when: "反向传播时梯度能直接流回浅层"
                      r"(?!\s*(?:矩阵|参数|权重|输出|输入|向量|分数|得分|梯度|维度|特征图|基模型|基学习器|弱学习器|损失函数|激活函数|优化器|"
                      r"时|的时候|过程中|期间|之后|以后|之前|以前))")


def clauses(text: str) -> list[Clause]:
    """The clauses of a template, each with the subject it opens with (if any).

    >>> [(c.start, c.end, c.subject, c.reference) for c in clauses("⟨0⟩采用⟨1⟩、⟨2⟩和⟨3⟩,它很快")]
    [(0, 16, (0, 3), None), (17, 20, None, '它')]
    """
    protected = [m.span() for m in _GROUP_RE.finditer(text)]
    depth = 0
    cuts = []
    for m in _CLAUSE_PUNCTUATION.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",;:" and not any(s < i < e for s, e in protected):
            cuts.append(i)
    out = []
    start = 0
    for cut in cuts + [len(text)]:
        if cut > start:
            out.append(_clause(text, start, cut))
        start = cut + 1
    return out


# "对于 Transformer 模型来说, …": the clause names the topic the sentence is about
_TOPIC = re.compile(rf"^{_CONNECTIVE}(?:对于|对|就)\s*(?P<group>{GROUP})\s*(?:{KIND_NOUN})?\s*(?:来说|而言|来讲)\s*$")
# "在 BERT 中, 使用了 GELU", "在 T5 模型里采用的是 ReLU": what the sentence places itself in does what it says
_INSIDE = re.compile(rf"^{_CONNECTIVE}在\s*(?P<group>{GROUP})\s*(?:{KIND_NOUN})?\s*(?:的实现)?\s*(?:中|里|当中|之中|内部)(?!的)")


def _clause(text: str, start: int, end: int) -> Clause:
    body = text[start:end]
    topic = _TOPIC.match(body) or _INSIDE.match(body)
    if topic:
        return Clause(start, end, (start + topic.start("group"), start + topic.end("group")), None, topic.re is _INSIDE)
    ref = _REFERENCE.match(body)
    if ref:
        return Clause(start, end, None, ref.group("ref"))
    m = _SUBJECT.match(body)
    if m:
        return Clause(start, end, (start + m.start("group"), start + m.end("group")), None)
    return Clause(start, end, None, None)
