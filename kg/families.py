"""Families of names: which concept is a version or a size of which.

Resolution keeps versions and sizes apart (``VGG16`` is not ``VGG``,
``FlashAttention-2`` is not ``FlashAttention``); this module says how they
belong together, from the resolved names alone, as plain data:

* a **version** (``v3``, ``2``, ``1.5``, ``4o``, ``v3+``) EXTENDS the version
  before it when the notes name one (``YOLOv8`` -> ``YOLOv5``, ``DeepLabv3+``
  -> ``DeepLabv3``, ``GPT-4o`` -> ``GPT-4``), else the bare family
  (``LLaMA 2`` -> ``LLaMA``); a first version (``DeepLabv1``, ``ZeRO-1``) IS_A
  the family;
* a **size** or **variant** (``VGG16``, ``ResNet-101``, ``Qwen-7B``, ``BERT-Large``)
  IS_A its family (``VGG``, ``ResNet``, ``Qwen``, ``BERT``).

A number of ten or more without ``v`` is read as a size (layers, parameters,
a configuration), a smaller one or one with ``v`` or a decimal point as a
version; the number of a number format (``INT4``, ``FP8``) is its width.
"""
from __future__ import annotations

import re

from kg.names import name_key
from kg.variants import version_split

__all__ = ["Member", "family_links"]

Member = tuple[str, str, str]  # (specific concept id, family concept id, "EXTENDS" | "IS_A")

# number formats, whose number is a bit width
_NUMBER_FORMATS = frozenset({"int", "uint", "fp", "bf", "nf", "float", "bfloat", "tf"})
_VERSION = re.compile(r"^[vV]?(?P<number>\d+(?:\.\d+)*)(?P<tail>[A-Za-z]{0,2})(?P<plus>\+*)$")


def _parse(version: str) -> tuple[tuple[int, ...], str, str, bool] | None:
    """(number, letters after it, pluses, is a size) of a version tail."""
    m = _VERSION.match(version)
    if not m:
        return None
    number = tuple(int(p) for p in m.group("number").split("."))
    tail, plus = m.group("tail"), m.group("plus")
    size = tail.upper() in ("B", "M", "K", "T") or (not version[:1] in "vV" and len(number) == 1 and number[0] >= 10 and not tail)
    return number, tail, plus, size


def family_links(names: dict[str, str]) -> list[Member]:
    """Which concept is a version or a size of which, from concept id -> name.

    >>> names = {"vgg": "VGG", "vgg16": "VGG16", "resnet": "ResNet", "resnet-101": "ResNet-101",
    ...          "deeplabv3": "DeepLabv3", "deeplabv3-plus": "DeepLabv3+", "llama": "LLaMA", "llama-2": "LLaMA 2",
    ...          "yolov5": "YOLOv5", "yolov8": "YOLOv8", "gpt-4": "GPT-4", "gpt-4o": "GPT-4o", "qwen": "Qwen", "qwen-7b": "Qwen-7B",
    ...          "zero": "ZeRO", "zero-1": "ZeRO-1", "bert": "BERT", "bert-large": "BERT-Large"}
    >>> for link in family_links(names): print(link)
    ('bert-large', 'bert', 'IS_A')
    ('deeplabv3-plus', 'deeplabv3', 'EXTENDS')
    ('gpt-4o', 'gpt-4', 'EXTENDS')
    ('llama-2', 'llama', 'EXTENDS')
    ('qwen-7b', 'qwen', 'IS_A')
    ('resnet-101', 'resnet', 'IS_A')
    ('vgg16', 'vgg', 'IS_A')
    ('yolov8', 'yolov5', 'EXTENDS')
    ('zero-1', 'zero', 'IS_A')
    """
    by_key = {name_key(name): cid for cid, name in names.items()}
    versions: dict[str, list[tuple[tuple[int, ...], str, str, str]]] = {}  # family key -> (number, tail, plus, id)
    parsed: dict[str, tuple[str, tuple]] = {}
    for cid, name in names.items():
        split = version_split(name)
        if not split:
            continue
        info = _parse(split[1])
        if info is None:
            continue
        family = name_key(split[0])
        if family in _NUMBER_FORMATS:
            info = info[:3] + (True,)  # INT4, FP16: a width, not a version after INT1 or FP8
        parsed[cid] = (family, info)
        if not info[3]:
            versions.setdefault(family, []).append((info[0], info[1], info[2], cid))
    links: list[Member] = []
    for cid, name in names.items():
        sized = _SIZE_WORD.match(name.strip())  # BERT-Base, ViT-Large, GPT-2 Medium
        if sized and by_key.get(name_key(sized.group(1))) not in (None, cid):
            links.append((cid, by_key[name_key(sized.group(1))], "IS_A"))
    for cid, (family, (number, tail, plus, size)) in parsed.items():
        if size:
            if family in by_key and by_key[family] != cid:
                links.append((cid, by_key[family], "IS_A"))
            continue
        base = _previous(versions.get(family, []), number, tail, plus, cid)
        if base:
            links.append((cid, base, "EXTENDS"))
        elif family in by_key and by_key[family] != cid:
            first = number[0] <= 1 and not any(number[1:]) and not tail and not plus
            links.append((cid, by_key[family], "IS_A" if first else "EXTENDS"))  # DeepLabv1 is the first DeepLab
    return sorted(links)


_SIZE_WORD = re.compile(r"^(.*?[A-Za-z0-9])[-_ ](?:Base|Large|Small|Tiny|Mini|Medium|Huge|Giant|XL|XXL|Lite)$", re.I)


def _previous(members: list[tuple], number: tuple[int, ...], tail: str, plus: str, cid: str) -> str | None:
    """The version this one follows: the same number without its letters or pluses, else the highest lower number."""
    if tail or plus:
        same = [m for m in members if m[0] == number and (len(m[1]), len(m[2])) < (len(tail), len(plus)) and m[3] != cid]
        if same:
            return max(same, key=lambda m: (len(m[1]), len(m[2])))[3]
    lower = [m for m in members if m[0] < number and m[3] != cid and not m[1] and not m[2]]
    return max(lower, key=lambda m: m[0])[3] if lower else None
