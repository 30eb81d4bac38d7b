"""Other ways of writing one name: versions, plurals, Chinese variants, Chinese-Latin hybrids.

:mod:`kg.resolve` asks these questions of the names it groups:

* :func:`version_split`: ``VGG16`` is ``VGG`` + ``16``, ``DeepLabv3+`` is
  ``DeepLab`` + ``v3+``; a version or size is a concept of its own, never
  merged into its family;
* :func:`singular_key`: ``CNNs`` is the plural of ``CNN``;
* :func:`cn_canonical`: one key for the Chinese variants of a term: synonym
  morphemes (``规范化`` / ``归一化``), endings (``动量法`` / ``动量算法``),
  words a term may leave out before its head (``全量参数微调`` / ``全量微调``);
  :func:`cn_permutation` tells word-order variants (``高效参数微调`` /
  ``参数高效微调``);
* :func:`hybrid_forms`: the Chinese-Latin forms of a name through its head
  (``RoI Pooling`` / ``RoI池化``, ``ZFNet`` / ``ZF网络``).

The data lives in ``schema/terms.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import permutations

from kg.names import has_cjk, is_cjk, name_key
from kg.resources import load_yaml

__all__ = ["version_split", "singular_key", "cn_canonical", "cn_permutation", "cn_variants", "hybrid_forms", "shortened_forms"]

# a version or size at the end of a name: VGG16, ResNet-101, LLaMA 2, DeepLabv3+, GPT-4o, Qwen-7B, FlashAttention-2
_VERSION = re.compile(
    r"^(?P<family>.*?(?:[A-Za-z\u4e00-\u9fff]|\d(?=[-_ ])))(?P<sep>[-_ .]?)(?P<version>(?:[vV]\d+(?:\.\d+)*|\d+(?:\.\d+)*)(?:[A-Za-z]{0,2}\+*|\+*))$"
)


def version_split(name: str) -> tuple[str, str] | None:
    """``(family, version)`` of a versioned or sized name, else None.

    >>> version_split("VGG16"), version_split("ResNet-101"), version_split("DeepLabv3+"), version_split("LLaMA 2")
    (('VGG', '16'), ('ResNet', '101'), ('DeepLab', 'v3+'), ('LLaMA', '2'))
    >>> version_split("Qwen-7B"), version_split("GPT-4o"), version_split("Word2Vec"), version_split("T5")
    (('Qwen', '7B'), ('GPT', '4o'), None, None)
    >>> version_split("Llama-2-13B"), version_split("GPT-3.5")
    (('Llama-2', '13B'), ('GPT', '3.5'))
    """
    m = _VERSION.match(name.strip())
    if not m or len(name_key(m.group("family"))) < 2:
        return None
    family = m.group("family")
    if family[-1] in "vV" and m.group("sep") == "" and len(family) > 2 and family[-2].isalpha() and m.group("version")[:1].isdigit():
        # "Resnetv2": the v belongs to the version
        return family[:-1], "v" + m.group("version")
    return family, m.group("version")


def singular_key(key: str) -> str | None:
    """The name key a plural name key stands for: ``cnns`` -> ``cnn``; None when ``key`` is not a plural.

    >>> singular_key(name_key("CNNs")), singular_key(name_key("Echo State Networks")), singular_key("loss"), singular_key("resnets101")
    ('cnn', 'echostatenetwork', None, 'resnet101')
    >>> singular_key("anchorboxes"), singular_key("focallosses")
    ('anchorbox', 'focalloss')
    """
    m = re.fullmatch(r"(.*[a-z])s(\d+[a-z]?)", key) if key.isascii() else None
    if m and len(m.group(1)) >= 3:
        return m.group(1) + m.group(2)  # resnets101: the plural of a sized name
    if len(key) < 4 or not key.isascii() or not key.endswith("s") or key.endswith("ss") or not key[-2].isalpha():
        return None
    if key.endswith(("xes", "sses", "shes")):
        return key[:-2]  # anchorboxes, losses
    return key[:-1]


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load_yaml("terms.yaml")
    synonyms = {}
    for group in data.get("cn_synonyms", []):
        for word in group[1:]:
            synonyms[word] = group[0]
    tails = {}
    for group in data.get("cn_tail_synonyms", []):
        for word in group:
            tails[word] = group[0]
    translations = {cn: list(en) for cn, en in (data.get("head_translations") or {}).items()}
    return {
        "synonyms": sorted(synonyms.items(), key=lambda kv: -len(kv[0])),
        "tails": sorted(tails.items(), key=lambda kv: -len(kv[0])),
        "optional": tuple(data.get("cn_optional", ())),
        "heads": tuple(sorted(data["cn_heads"], key=len, reverse=True)),
        "translations": translations,
        "english_heads": {name_key(en): cn for cn, ens in translations.items() for en in ens},
        "short_words": dict(data.get("english_short_words") or {}),
        "procedures": tuple(data.get("cn_procedure_heads", ())),
    }


def shortened_forms(surface: str) -> list[str]:
    """An English name with its last word written short, as notes do.

    >>> shortened_forms("Grouped Convolutions"), shortened_forms("Deconvolution"), shortened_forms("Self-Attention")
    (['Grouped conv'], ['deconv'], ['Self-attn'])
    >>> shortened_forms("Batch Normalization"), shortened_forms("Convolution")
    ([], [])
    """
    m = re.fullmatch(r"(.*?[\s\-])?([A-Za-z]+)", surface.strip()) if surface.isascii() else None
    short = _data()["short_words"].get(m.group(2).casefold()) if m else None
    if short is None or not m.group(1) and len(short) < 5:
        return []  # "conv" alone is any convolution
    return [(m.group(1) or "") + short]


def cn_canonical(name: str) -> str:
    """One key for the variants of a Chinese term that differ by synonym morphemes, endings or optional words.

    >>> cn_canonical("局部响应规范化") == cn_canonical("局部响应归一化")
    True
    >>> cn_canonical("动量法") == cn_canonical("动量算法"), cn_canonical("全量参数微调") == cn_canonical("全量微调")
    (True, True)
    >>> cn_canonical("隐藏层单元") == cn_canonical("隐藏单元")
    True
    """
    data = _data()
    key = name_key(name)
    for word, canonical in data["tails"]:
        if key.endswith(word) and len(key) > len(word) + 1:
            key = key[: -len(word)] + canonical
            break
    for word in data["optional"]:
        i = key.find(word)
        if i > 0 and len(key) - len(word) >= 3 and any(key.endswith(h) and len(key) - len(h) == i + len(word) for h in data["heads"]):
            key = key[:i] + key[i + len(word):]
    for word, canonical in data["synonyms"]:
        if word in key and canonical not in key:
            key = key.replace(word, canonical)
    return key


def cn_permutation(a: str, b: str) -> bool:
    """``a`` and ``b`` are the same Chinese term with its modifiers in another order (the head stays last).

    >>> cn_permutation("高效参数微调", "参数高效微调"), cn_permutation("模型并行", "并行模型"), cn_permutation("语言视觉模型", "视觉语言模型")
    (True, False, True)
    """
    if a == b or len(a) != len(b) or sorted(a) != sorted(b) or not all(is_cjk(c) for c in a + b):
        return False
    head = next((h for h in _data()["heads"] if a.endswith(h) and b.endswith(h)), None)
    if head is None:
        return False
    left, right = a[: -len(head)], b[: -len(head)]
    # the modifiers are words of two or more characters in another order
    for cuts in _cuts(len(left)):
        parts = [left[i:j] for i, j in zip((0, *cuts), (*cuts, len(left)))]
        if all(len(p) >= 2 for p in parts) and any("".join(p) == right for p in permutations(parts)):
            return True
    return False


def cn_variants(name: str) -> list[str]:
    """Other writings of a Chinese term: synonym morphemes, other endings, an optional word, modifiers in another order.

    >>> cn_variants("空洞卷积")[:3], cn_variants("动量法"), "高效参数微调" in cn_variants("参数高效微调")
    (['带孔卷积', '膨胀卷积', '扩张卷积'], ['动量算法', '动量方法'], True)
    >>> cn_variants("加权平均"), cn_variants("梯度下降法")
    (['加权平均法'], ['梯度下降算法', '梯度下降方法', '梯度下降'])
    """
    if not all(is_cjk(c) for c in name) or len(name) < 3:
        return []
    data = _data()
    out: list[str] = []
    groups: dict[str, list[str]] = {}
    for word, canonical in data["synonyms"]:
        groups.setdefault(canonical, [canonical]).append(word)
    for members in groups.values():
        for word in members:
            if word in name:
                out += [name.replace(word, other) for other in members if other != word and other not in name]
                break
    tail_groups: dict[str, list[str]] = {}
    for word, canonical in data["tails"]:
        tail_groups.setdefault(canonical, []).append(word)
    for members in tail_groups.values():
        word = next((w for w in sorted(members, key=len, reverse=True) if name.endswith(w)), None)
        if word and len(name) > len(word) + 1:
            out += [name[: -len(word)] + other for other in members if other != word]
    head = next((h for h in data["heads"] if name.endswith(h)), None)
    if head and len(name) > len(head) + 1 and head not in dict(data["tails"]):  # 法 is an ending, read above
        left = name[: -len(head)]
        for word in data["optional"]:
            if left.endswith(word) and len(left) > len(word) + 1:
                out.append(left[: -len(word)] + head)
            elif word not in name and len(word) >= 2 and len(head) >= 2:  # 层 is only ever left out: 局部响应层归一化 would end in 层归一化
                out.append(left + word + head)
        for cuts in _cuts(len(left)):
            parts = [left[i:j] for i, j in zip((0, *cuts), (*cuts, len(left)))]
            if all(len(p) >= 2 for p in parts):
                out += ["".join(p) + head for p in permutations(parts) if "".join(p) != left]
    # 加权平均 is also written 加权平均法, and 梯度下降法 梯度下降: 法 after a procedure names the same method
    procedure = next((h for h in data["procedures"] if name.removesuffix("法").endswith(h)), None)
    if procedure and len(name.removesuffix("法")) >= 3:  # not 投票 for 投票法: a bare verb
        out.append(name[:-1] if name.endswith("法") else name + "法")
    return list(dict.fromkeys(v for v in out if v != name))


def _cuts(n: int) -> list[tuple[int, ...]]:
    return [(i,) for i in range(2, n - 1)] + [(i, j) for i in range(2, n - 3) for j in range(i + 2, n - 1)]


def hybrid_forms(surface: str) -> list[str]:
    """The Chinese-Latin forms of a name through the translation of its head.

    >>> hybrid_forms("RoI Pooling"), hybrid_forms("ZF网络")
    (['RoI池化'], ['ZFNet', 'ZF Network', 'ZF Networks'])
    """
    data = _data()
    if has_cjk(surface):
        m = re.fullmatch(r"([A-Za-z][A-Za-z0-9\-+. ]*?)\s*([\u4e00-\u9fff]+)", surface)
        if not m or m.group(2) not in data["translations"] or len(name_key(m.group(1))) < 2:
            return []
        prefix = m.group(1).strip()
        return [prefix + en if en in ("Net",) else f"{prefix} {en}" for en in data["translations"][m.group(2)]]
    words = surface.split()
    if len(words) >= 2:
        prefix, last = " ".join(words[:-1]), words[-1]
    else:
        # ZFNet, VGGNet: an acronym glued to its head (not ResNet, ImageNet)
        m = re.fullmatch(r"([A-Z][A-Z0-9]+)(Net|Conv|Pooling|Attention|Norm|Encoder|Decoder|Layer)", surface)
        if not m:
            return []
        prefix, last = m.group(1), m.group(2)
    head = data["english_heads"].get(name_key(last))
    if head is None or len(name_key(prefix)) < 2 or has_cjk(prefix):
        return []
    return [prefix + head]
