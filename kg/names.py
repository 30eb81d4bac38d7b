"""How names are compared: one key per surface form, and concept ids.

Two surface forms name the same thing for kg when their :func:`name_key`
is equal: width, case, spaces, hyphens, underscores, dots and middle dots do
not count (``Q-Former``, ``Qformer`` and ``Ｑ－former`` share one key).
This module is imported by the query commands, so it must stay light.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "fold", "slug", "is_cjk", "has_cjk"]

_IGNORED = re.compile(r"[\s\-_·.‐‑‒–—・]+")


def fold(text: str) -> str:
    """NFKC-normalise ``text`` (full-width forms to ASCII) and fold white space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@lru_cache(maxsize=65536)  # a build asks for the keys of the same few thousand names again and again
def name_key(name: str) -> str:
    """The comparison key of a name.

    >>> name_key("Q-Former") == name_key("qformer") == name_key("Ｑ－ｆｏｒｍｅｒ")
    True
    """
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())


def slug(name: str) -> str:
    """A stable, readable concept id made from its canonical name.

    >>> slug("Batch Normalization"), slug("K-Means++"), slug("旋转位置编码")
    ('batch-normalization', 'k-means-plus-plus', '旋转位置编码')
    """
    text = unicodedata.normalize("NFKC", name).casefold().replace("+", "-plus-")
    text = re.sub(r"[^\w]+", "-", text)
    return re.sub(r"-{2,}", "-", text).strip("-_") or "concept"


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None
