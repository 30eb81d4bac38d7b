"""Cues: the frames in which a relation is stated, filled with words from data.

``schema/relation_cues.yaml`` lists, per relation type, the words of each
*frame* (a verb with its object, a phrase around its object, a relational
noun, a comparison of a group, a kind and its members, a purpose clause).
This module compiles them and finds :class:`Hit` s in a sentence template
(:mod:`kg.clauses`): which cue, which markers are its object, and which are
its subject when the frame names it.  Who the subject is when the frame does
not name it, and whether the categories fit, is decided by :mod:`kg.relate`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.anchors import AnchorIndex
from kg.clauses import GROUP, ITEM, KIND_NOUN, group_members
from kg.resources import load_yaml

__all__ = ["Cue", "Hit", "CueBook", "load_cues", "PROBLEM_REF", "PRONOUNS"]

FRAMES = ("verb", "around", "noun", "pair", "kinds", "copula", "purpose", "modifier")
# "这个问题", "上述缺点": a problem named before, as the object of a solving verb
PROBLEM_REF = r"(?:这个|该|此|这一|上述|以上|这些|这类|这种|前面的|上面的)(?:问题|缺点|不足|瓶颈|现象|困难|局限)"
# "该模型", "这种方法": a model or method named before, as the object of a verb ("在该模型的基础上")
THING_REF = r"(?:这个|该|此|这一|上述|这种|这类|前面的|上面的|前述的?)(?:模型|网络|架构|方法|算法|结构|模块|技术|机制|方案|策略|技巧|函数)"
_REF = rf"(?:{PROBLEM_REF}|{THING_REF})"
# "对其进行了改进", "在此基础上": a bare pronoun as the object of a phrase around it (never before a noun: "其性能")
PRONOUNS = ("其", "它", "此")
PRONOUN_REF = rf"(?:{'|'.join(PRONOUNS)})(?=\s*(?:的\s*)?(?:基础|进行|做|作|之上|上))"
_FLAW = r"(?:的)?[^,;:。]{0,10}?(?:缺点|不足|缺陷|问题|局限性?|瓶颈|弊端|短板)"
_DET = r"[^⟨。;!?,:()]{0,8}?"
# what may stand between a verb and its object: determiners, and one short modifier ending in 的 ("采用多尺度的 B"),
# never a phrase with a verb or preposition of its own ("应用最广泛的就是 B", "通过学习在 B 得到")
_WORD_DET = (r"(?:了|过|着|其他|其它|其余|别的|一种|一个|一些|一组|一套|一类|一层|多种|多个|两种|两个|几个|几种|各种|这种|这个|该|此|其|"
             r"上述|以上|新的|全新的|额外的|更多的?|大量的?|自己的|自身的|相同的|同样的|不同的|类似的|"
             r"标准的?|经典的?|传统的?|原始的?|普通的?|常见的?|常用的?|简单的?|预训练的?|"
             r"显式的?|隐式的?|可学习的?|动态的?|静态的?|全局的?|局部的?|\s|"
             r"(?:\d+|[一二两三四五六七八九十几多数若干]{1,3})\s*(?:个|层|种|组|块|路|类|条|级|堆)(?:的)?)*")
# names kg does not know may open an enumeration: "使用 bitsandbytes(…) 和 GPT-Q"
_UNKNOWN_FIRST = r"(?:[A-Za-z][A-Za-z0-9\-.+]{1,24}[\u4e00-\u9fff]{0,4}(?:\([^()⟨]{0,20}\))?\s*(?:、|和|与|及|,|&)\s*)*"
_VERB_DET = (rf"{_UNKNOWN_FIRST}{_WORD_DET}(?:[^⟨。;!?,:()的是在有对和与及或从把被将]{{1,6}}的|[\u4e00-\u9fff]{{1,6}}\s(?=⟨))?"
             rf"{_WORD_DET}(?:[A-Za-z]{{1,8}}\s?)?")
_GROUP_BARE = GROUP.replace(r"(?:\s*等)?", "")  # a group without its trailing 等
_KIND_MARK = r"(?:常见|常用|主流|典型|经典|主要|各种|不同|多种|几种|以下几种|如下几种)(?:的)?"


@dataclass(frozen=True)
class Cue:
    type: str
    weight: float
    frame: str
    name: str  # the words as written in the data, for --explain
    regex: re.Pattern
    reverse: bool = False
    when_a: frozenset[str] = frozenset()  # categories the subject may have
    when_b: frozenset[str] = frozenset()  # categories the object may have
    bare_object: bool = False  # the object may not modify a noun: "基于 B" but not "基于 B 的网络"
    own_subject: bool = False  # the subject must be written in the cue's clause
    wide_object: bool = False  # the object may stand past other nouns


@dataclass(frozen=True)
class Hit:
    """One cue found in a template.

    ``subjects`` is None when the frame leaves the subject to the clause;
    ``objects`` may be empty when the object is a reference (``object_ref``).
    """

    cue: Cue
    start: int  # where the cue phrase starts in the template
    end: int
    objects: tuple[int, ...]
    subjects: tuple[int, ...] | None = None
    object_ref: str | None = None
    flaw: bool = False  # the object is named with its flaw: "解决 B 的缺点"
    modified: bool = False  # the object is followed by 的: it modifies another noun ("一种基于 B 的方法")
    object_end: int = -1  # where the object group ends, for verbs
    changed: bool = False  # a copula's object is qualified as changed: "是微调了的 B", "是改进的 B"


class CueBook:
    """Every cue, and the negation, hedge and question rules, compiled."""

    def __init__(self, data: dict):
        self.negation_word = re.compile(data["negation"])
        self.negation = re.compile(rf"(?:{data['negation']})[^⟨,;:]{{0,4}}$")
        self.not_negation = re.compile(data["not_negation"])
        self.hedge = re.compile(data["hedge"])
        self.expository = re.compile(data["expository"])
        self.yes_no = re.compile(data["yes_no_question"])
        self.object_stop = re.compile(data["object_stop"])
        self.roles = re.compile(data["roles"])
        self._role_names: dict[str, bool] = {}
        from kg.names import name_key

        self.generic = frozenset(name_key(str(g)) for g in data.get("generic", ()))
        self.cues: list[Cue] = []
        triggers: list[tuple[str, int]] = []
        for number, raw in enumerate(data["cues"], start=1):
            frame = raw.get("frame")
            if frame not in FRAMES:
                raise ValueError(f"relation_cues.yaml cue {number}: unknown frame {frame!r}")
            flags = re.I if "i" in str(raw.get("flags", "")) else 0
            words = [str(w) for w in raw["words"]]
            when = raw.get("when") or {}
            try:
                regex = re.compile(_pattern(frame, words, bool(raw.get("wide_object"))), flags)
            except re.error as exc:
                raise ValueError(f"relation_cues.yaml cue {number} ({raw['type']} {frame}): bad pattern: {exc}") from None
            triggers.append((_alternatives([_trigger(frame, w) for w in words]), flags))
            self.cues.append(Cue(raw["type"], float(raw["weight"]), frame, _readable(words), regex,
                                 bool(raw.get("reverse")), frozenset(when.get("A", ())), frozenset(when.get("B", ())),
                                 bool(raw.get("bare_object")), bool(raw.get("own_subject")), bool(raw.get("wide_object"))))
        self._anchors = AnchorIndex(triggers)
        # every match of these frames holds two names (a subject and an object, or a group of two)
        self._two_names = frozenset(i for i, cue in enumerate(self.cues) if cue.frame in ("modifier", "pair", "kinds"))

    def hits(self, text: str) -> list[Hit]:
        """Every cue in the template ``text``, in the order of the data file."""
        out: list[Hit] = []
        one_name = text.count("⟨") < 2
        for index in self._anchors.candidates(text):  # most cues are not in most sentences: one pass says which may be
            if one_name and index in self._two_names:
                continue
            cue = self.cues[index]
            for m in _all_matches(cue.regex, text):
                hit = _hit(cue, m, self.object_stop)
                if hit is not None:
                    out.append(hit)
        return out

    def names_role(self, surface: str) -> bool:
        """Is ``surface`` the name of a role a part plays (backbone, encoder…)? Asked of every name in every sentence: kept."""
        known = self._role_names.get(surface)
        if known is None:
            known = self._role_names[surface] = self.roles.fullmatch(surface) is not None
        return known

    def negated(self, before: str) -> bool:
        """Does ``before`` (the clause up to a cue) end in a negation?"""
        before = _LIKE_SOMEONE.sub("", self.not_negation.sub("", before))  # "不需要像 A 那样使用 B": 不 still holds
        return bool(self.negation.search(before))

    def negated_anywhere(self, text: str) -> bool:
        """Does a negation stand anywhere in ``text`` ("不适用于 GAN、VAE 使用": far before its verb)?"""
        return bool(self.negation_word.search(self.not_negation.sub("", text)))


_LIKE_SOMEONE = re.compile(r"像\s*⟨\d+⟩[^⟨,;:]{0,6}?(?:那样|一样|那般)\s*$")


def _readable(words: list[str]) -> str:
    """The cue's words for people (``kg build --explain``): "采用/使用/引入…", "在…基础上"."""
    shown = []
    for word in words:
        text = re.sub(r"\(\?<?[=!][^()]*(?:\([^()]*\)[^()]*)*\)", "", word)  # lookarounds
        text = text.replace("(?:", "(")
        text = re.sub(r"\([^()]*\)\?", "", text)  # optional parts
        text = re.sub(r"\[[^\]]*\]\{[^}]*\}\??|\[[^\]]*\]|\\s\*?|\\|\{[^}]*\}|[?*+]", "", text)
        text = text.replace("(", "").replace(")", "").replace("|", "/")
        shown.append(text)
    joined = " | ".join(shown)
    return joined if len(joined) <= 48 else joined[:47] + "…"


def _trigger(frame: str, word: str) -> str:
    """A pattern every match of ``word`` in ``frame`` contains: the word, or the part of it before its object."""
    if frame in ("around", "modifier"):
        from kg.anchors import anchors

        before, _, after = word.partition("…")
        return before if before.strip() and anchors(before) else re.sub(r"^\s*(?:\(\?=[^)]*\))", "", after) or "⟨"
    if frame == "kinds":
        return rf"{word}|等|这些|这类|之类|这[两三四五六七八九几\d]|\(|方案|方法|算法|技术|框架|模型|网络|架构|机制|策略"
    return word


def _alternatives(words: list[str]) -> str:
    return "|".join(f"(?:{w})" for w in words)


def _pattern(frame: str, words: list[str], wide: bool = False) -> str:
    if frame in ("around", "modifier"):
        parts = []
        for word in words:
            before, _, after = word.partition("…")
            det = _VERB_DET if before else ""
            parts.append(f"(?:(?:{before})\\s*{det}(?P<B{len(parts)}>{GROUP}|{_REF}|{PRONOUN_REF})\\s*(?:{after}))")
        if frame == "modifier":
            return f"(?:{'|'.join(parts)})\\s*(?P<A>{ITEM})"
        return "|".join(parts)
    w = _alternatives(words)
    if frame == "verb":
        # the object, or a generic noun followed by its examples: "采用多种技术, 包括但不限于 A、B", "通过变换(如 A、B)"
        examples = (r"[^⟨,。;()]{1,10}(?:(?:,\s*|\(\s*)(?:包括|如|比如|例如|分别是|分别为|即)(?:但不限于)?\s*:?|\s*(?:——|—|--|:))"
                    r"\s*(?:[^⟨,。;()、]{1,24}、\s*)*")
        det = r"[^,。;!?:]{0,20}?" if wide else f"(?:{_VERB_DET}|{examples})"
        return rf"(?P<W>{w})(?:了|过|着)?\s*{det}(?:(?P<B>{GROUP})(?P<F>{_FLAW})?|(?P<R>{_REF}))"
    if frame == "noun":
        post = (rf"(?:是|为|成为(?:了)?|可以看作|可看作|看作|看成|算是|可以说是|可以认为是|即|作为|(?<=⟩):)\s*(?:对|基于)?\s*{_VERB_DET}(?P<B>{GROUP})\s*(?:等[^⟨。;!?,:()的]{{0,6}})?"
                rf"(?:(?:中|里|内)?(?:的|之)[^⟨。;!?,:()]{{0,16}}?|(?:中|里|当中|之中)?最[^⟨。;!?,:()]{{1,8}}的[^⟨。;!?,:()]{{0,6}}?)?(?P<W>{w})")
        pre = rf"(?P<B2>{GROUP})\s*(?:的|之){_DET}(?P<W2>{w})\s*(?:[:,]\s*)?(?:即|就是|叫做|叫|称为|为)?\s*(?P<A>{GROUP})"
        # a predicate with no copula and no subject, in a note's shorthand: "(- GQA:) MQA 的改进版本, 通过分组…"
        bare = rf"(?:^|(?<=[,;:。!?]))\s*(?P<B3>{GROUP})\s*(?:的|之){_DET}(?P<W3>{w})\s*(?=[,;:。!?]|$)"
        return f"{post}|{pre}|{bare}"
    if frame == "pair":
        # "和 A、B 的对比" under a section on C: A and B are each set against C, not against each other
        return rf"(?<![与和跟同])(?P<A>{GROUP})\s*(?P<W>{w})"
    if frame == "kinds":
        before = rf"(?P<M>{_KIND_MARK})?(?P<B>{ITEM})\s*(?:的)?(?P<K>{KIND_NOUN}|类型|种类|类别|变体|版本)?{_DET}:?\s*(?P<W>{w})\s*[:\s]*(?P<A>{GROUP})"
        after = rf"(?P<A2>{_GROUP_BARE})\s*(?:等|这些|这类|之类的?|这[两三四五六七八九几\d]+(?:种|类|个|款))(?!\s*{KIND_NOUN})\s*(?P<M2>{_KIND_MARK})?(?:[^⟨,。;:()]{{0,6}}的|{_KIND_ADJECTIVE})?(?P<B2>{ITEM})(?!\s*的?\s*{_NOT_A_KIND_AFTER})"
        gloss = (rf"(?P<B3>⟨\d+⟩)\s*\((?:如|比如|例如|e\.g\.,?|such as|(?:通常|一般|常|常见的?|常用的?|典型的?|主流的?)(?:是|为|有|用|如)?)"
                 rf"\s*:?\s*(?P<A3>{_GROUP_BARE})\s*(?:等)?\)")
        return f"{before}|{after}|{gloss}"
    if frame == "copula":
        # "是 [一种] [… 的] [a short adjective] B" ending its clause: B is what the predicate names
        return (rf"(?P<W>{w})\s*(?:一种|一类|一个|一款|一项|首个|第一个|典型的|经典的)?(?:[^,;:。()]{{0,36}}的)?(?:(?!支持|使用|采用|基于|包含|具有|用于|提供|实现)[^,;:。()的⟨]){{0,4}}"
                rf"(?P<B>{ITEM})\s*(?:之一)?\s*(?=[,;:。.!?]|$)")
    if frame == "purpose":
        return (rf"(?:为了?\s*|(?=针对))(?P<W>{w}){_VERB_DET}(?:(?P<B>{GROUP})(?P<F>{_FLAW})?|(?P<R>{PROBLEM_REF}))[^。⟨]{{0,30}}?"
                rf"(?:提出|设计|引入|采用|使用|讲述|发明|推出|加入|选择|利用|借助)(?:了)?{_VERB_DET}{_DESCRIBED}(?P<A>{GROUP})")
    raise ValueError(frame)


# "提出了残差学习方案 ResNet", "微批次⟨流水线并行⟩方案 GPipe": a description ending in a kind noun, then the name it describes
_DESCRIBED = rf"(?:[^⟨,。;:()的]{{0,8}}?(?:⟨\d+⟩){{0,2}}[^⟨,。;:()]{{0,4}}?(?:{KIND_NOUN})\s*(?=⟨))?"


# "PPL 这类语言模型的指标": the kind the group belongs to is a noun the name only modifies
_NOT_A_KIND_AFTER = r"(?:评价指标|指标|评测|数据集|基准|任务|工具|库|框架)"
# an adjective glued to a kind after 等: "ReLU 等单调激活函数", "Adam 等自适应优化器"
_KIND_ADJECTIVE = r"(?:非单调|单调|非线性|线性|自适应|传统|经典|常见|常用|主流|轻量级?|高效|开源|大型|小型)"


# "属于重参数化的方法": a kind noun after 的 keeps B the kind ("一种基于 B 的方法" still names another thing)
_KIND_AFTER = re.compile(r"\s*的\s*(?:一种|一类)?\s*(?:方法|算法|技术|模型|网络|策略|技巧)\s*(?:[,;。]|$)")


def _all_matches(regex: re.Pattern, text: str):
    """Every match, overlapping ones included (``A、B和C的区别`` relates several pairs)."""
    position = 0
    while position < len(text):
        match = regex.search(text, position)
        if match is None:
            return
        yield match
        position = match.start() + 1


def _objects(group: str, stop: re.Pattern) -> tuple[int, ...]:
    """The markers of an object group, up to a word that ends it ("A 而不是 B")."""
    cut = stop.search(group)
    return tuple(group_members(group[: cut.start()] if cut else group))


def _hit(cue: Cue, m: re.Match, stop: re.Pattern) -> Hit | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    if cue.frame in ("around", "modifier"):
        key = next((k for k in groups if k.startswith("B")), None)
        if key is None:
            return None
        obj = groups[key]
        if obj[0] != "⟨":
            return Hit(cue, m.start(), m.end(), (), object_ref=obj)
        subjects = tuple(group_members(groups["A"])) if cue.frame == "modifier" else None
        return Hit(cue, m.start(), m.end(), _objects(obj, stop), subjects)
    if cue.frame in ("verb", "purpose"):
        subjects = tuple(group_members(groups["A"])) if "A" in groups else None
        if "R" in groups:
            return Hit(cue, m.start("W"), m.end(), (), subjects, object_ref=groups["R"])
        return Hit(cue, m.start("W"), m.end(), _objects(groups["B"], stop), subjects, flaw="F" in groups,
                   modified=bool(re.match(r"\s*(?:之间|之中|中)?的", m.string[m.end("B"):]))
                   and not (cue.type == "IS_A" and _KIND_AFTER.match(m.string, m.end("B"))), object_end=m.end("B"))
    if cue.frame == "noun":
        if "B3" in groups:
            return Hit(cue, m.start("B3"), m.end(), tuple(group_members(groups["B3"])))
        if "B2" in groups:
            if cue.type == "IS_A":
                return None  # "B 的一种替代方法是 A" does not make A a kind of B
            return Hit(cue, m.start(), m.end(), tuple(group_members(groups["B2"])), tuple(group_members(groups["A"])))
        return Hit(cue, m.start(), m.end(), tuple(group_members(groups["B"])))
    if cue.frame == "pair":
        members = tuple(group_members(groups["A"]))
        return Hit(cue, m.start(), m.end(), members, members) if len(set(members)) > 1 else None
    if cue.frame == "kinds":
        if "B3" in groups:
            members = group_members(groups["A3"])
            return Hit(cue, m.start(), m.end(), tuple(group_members(groups["B3"])), tuple(members), object_end=m.end("B3"))
        if "B2" in groups:
            return Hit(cue, m.start(), m.end(), tuple(group_members(groups["B2"])), tuple(group_members(groups["A2"])), object_end=m.end("B2"))
        kind_named = "K" in groups or re.search(rf"{KIND_NOUN}$", groups["B"])
        if not ("M" in groups or kind_named or re.fullmatch(r"(?:如|比如|例如|诸如|分为|可分为)", groups["W"])):
            return None  # "X 包括 A、B" names parts; kinds need a kind word: "X 方法包括", "常见的 X 有"
        return Hit(cue, m.start(), m.end(), tuple(group_members(groups["B"])), tuple(group_members(groups["A"])), object_end=m.end("B"))
    if cue.frame == "copula":
        # "是微调了的 B"; "是微调(fine-tuning)了的 B", the verb read as a name
        changed = bool(re.search(r"(?:(?:改进|改良|微调|修改|简化|扩展|增强|优化|升级|变形)(?:了|过)?|⟨\d+⟩(?:了|过))的\s*$", m.string[m.end("W") : m.start("B")]))
        return Hit(cue, m.start("W"), m.end(), tuple(group_members(groups["B"])), object_end=m.end("B"), changed=changed)
    return None


@lru_cache(maxsize=1)
def load_cues() -> CueBook:
    return CueBook(load_yaml("relation_cues.yaml"))
