"""Collector: the relation evidence a document yields, gathered before any confidence is computed."""
from __future__ import annotations
from collections import defaultdict
from dataclasses import dataclass, field

from kg.model import Evidence, SYMMETRIC_TYPES

__all__ = ["Collector", "Findings"]


@dataclass
class Collector:
    """Evidence for relations as it is found, before confidences are computed."""

    categories: dict[str, str]
    kinds: frozenset[tuple[str, str]] = frozenset()  # (specific, general) by their Chinese names
    evidence: dict[tuple[str, str, str], list[tuple[float, Evidence, str]]] = field(default_factory=lambda: defaultdict(list))
    cooccur: dict[tuple[str, str], list[Evidence]] = field(default_factory=lambda: defaultdict(list))

    def add(self, source: str, target: str, rtype: str, weight: float, evidence: list[Evidence], cue: str) -> bool:
        if source == target:
            return False
        if rtype == "USES" and weight < 0.6 and (source, target) in self.kinds:
            rtype = "IS_A"  # "Weight Normalization 进行 normalization": a kind of what it does
        if rtype == "USES" and (target, source) in self.kinds or rtype == "PART_OF" and (source, target) in self.kinds:
            return False  # "正则化: 通过L1正则化…" — L1正则化 is a kind of 正则化, not used by it nor part of it
        if rtype == "IS_A" and (target, source) in self.kinds:
            return False  # the general one is never a kind of the specific one
        if rtype == "USES" and self.categories.get(target) == "task":
            return False  # "DETR 的核心: 目标检测的端到端框架": a model does a task, it does not use it
        if rtype in SYMMETRIC_TYPES and source > target:
            source, target = target, source
        for ev in evidence:
            self.evidence[(source, target, rtype)].append((weight, ev, cue))
        return True


@dataclass
class Findings:
    """What one document says about relations: plain data, cacheable per document."""

    evidence: list[tuple[tuple[str, str, str], float, Evidence, str]] = field(default_factory=list)
    cooccur: list[tuple[tuple[str, str], Evidence]] = field(default_factory=list)
