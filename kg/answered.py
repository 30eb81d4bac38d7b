"""Questions and their bare answers: "QLoRA 的三件套是什么? NF4 量化、双重量化、分页优化器。"

A question on what a concept has (its parts, its key techniques), in a
sentence or a section's heading, followed by an answer that is only names,
says the concept uses them (or is made of them); :mod:`kg.relate` asks each
sentence whether it answers the one before.
"""
from __future__ import annotations

import re

from kg.clauses import Template
from kg.collector import Collector
from kg.extract import LineMentions
from kg.model import Document, Evidence

__all__ = ["Asked", "asks_what_it_has", "asked_in_heading", "bare_answer"]

Asked = tuple[str, str, Evidence]  # (the concept asked about, USES or PART_OF, the question's evidence)


# "QLoRA 的三件套是什么?", "X 的核心技术有哪些?": the answer that follows lists what X has
_WHAT_IT_HAS = re.compile(r"^[^⟨]{0,8}⟨(\d+)⟩\s*(?:的)?\s*(?:[两二三四五六七八九几\d]\s*(?:件套|大件|板斧|个(?:核心|关键)?(?:技术|组件|部分|模块|改进|创新))|"
                          r"(?:核心|关键|主要)?(?:技术|组件|组成部分|组成|模块|改进|改进点|创新点|创新))\s*(?:是什么|有哪些|包括哪些|包括什么|是哪些|分别是什么)\s*[?:]?\s*$")
# an answer that is only names: "NF4 量化(…)、双重量化(…)、分页优化器(…)。"
_BARE_GROUP = re.compile(r"^[^⟨,。;:]{0,8}?((?:[^⟨,。;:、()]{0,4}⟨\d+⟩[^⟨,。;:、]{0,6}(?:\([^()]{0,40}\))?\s*(?:、|和|与|及|以及|,|\+)?\s*)+)[。.!;]?\s*$")


def asks_what_it_has(tmpl: Template, evidence: Evidence) -> Asked | None:
    m = _WHAT_IT_HAS.match(tmpl.text)
    if m is None:
        return None
    kind = "PART_OF" if re.search(r"组件|组成|模块", tmpl.text[m.end(1) :]) else "USES"
    return tmpl.concepts[int(m.group(1))], kind, evidence


def asked_in_heading(doc: Document, heading: LineMentions | None, lm: LineMentions) -> Asked | None:
    """The question a section's heading asks ("### QLoRA 的三件套是什么?"), for the first line under it."""
    if heading is None or heading.line.kind != "heading" or lm.line.kind == "heading" or lm.index != heading.index + 1:
        return None
    text = heading.line.text
    return asks_what_it_has(heading.template(), Evidence(doc.id, heading.line.number, heading.line.raw or text))


def bare_answer(tmpl: Template, asked: Asked, evidence: Evidence, collector: Collector) -> None:
    owner, kind, question = asked
    m = _BARE_GROUP.match(tmpl.text)
    if m is None:
        return
    for k in dict.fromkeys(int(x) for x in re.findall(r"⟨(\d+)⟩", re.sub(r"\([^()]*\)", "", m.group(1)))):  # not what a gloss names
        thing = tmpl.concepts[k]
        if thing != owner and collector.categories.get(thing) in ("technique", "component", "method", "loss", "optimizer", "concept"):
            source, target = (thing, owner) if kind == "PART_OF" else (owner, thing)
            collector.add(source, target, kind, 0.6, [question, evidence], f"{kind}: a bare answer to 'what does X have'")
