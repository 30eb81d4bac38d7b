"""Apply the user's corrections (:mod:`kg.corrections`) to the stages of a build.

- :func:`corrected_lexicon`, before resolve: the concepts and names the user
  declared join the lexicon (a name moves from the concept that had it);
- :func:`correct_resolution`, right after resolve and before the mention
  search: names dropped, concepts forbidden, merged or kept apart, so that
  every mention follows the corrected names;
- :func:`correct_relations`, before prerequisites are derived: relations
  added (confidence 1, the reason as evidence at the entry's line of the
  corrections file) and removed.

A name that names no concept is a :class:`CorrectionError` naming the entry;
an entry that finds nothing to do (the alias is already gone) is noted.
"""
from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Callable

from kg.corrections import CorrectionError, CorrectionFile, Corrections
from kg.lexicon import Entry, Lexicon
from kg.model import SYMMETRIC_TYPES, Evidence, Relation
from kg.names import name_key, slug

__all__ = ["corrected_lexicon", "correct_resolution", "correct_relations"]


def corrected_lexicon(lexicon: Lexicon, corrections: Corrections) -> Lexicon:
    """``lexicon`` with the concepts of the ``concept:`` entries (a new :class:`Lexicon`; ``lexicon`` is unchanged)."""
    added = corrections.of("concept")
    if not added:
        return lexicon
    entries = [replace(e, aliases=list(e.aliases)) for e in lexicon.entries]
    owner = {name_key(s): e for e in entries for s in e.surfaces}
    ids = {e.id for e in entries}
    for index, c in added:
        key = name_key(c.names[0])
        entry = owner.get(key)
        if entry is not None and name_key(entry.name) != key:
            entry.aliases = [a for a in entry.aliases if name_key(a) != key]  # an alias becomes a concept of its own
            entry = None
        if entry is None:
            entry = Entry(_free_id(slug(c.names[0]), ids), c.names[0], c.category or "concept", [])
            entries.append(entry)
            ids.add(entry.id)
            owner[name_key(entry.name)] = entry
        elif c.category:
            entry.category = c.category
        for alias in c.aliases:
            key = name_key(alias)
            other = owner.get(key)
            if other is entry:
                continue
            if other is not None:
                if name_key(other.name) == key:
                    raise CorrectionError(f"{c.where}: {alias!r} is the name of another concept; "
                                          f"to make them one, use merge: [{c.names[0]}, {alias}]")
                other.aliases = [a for a in other.aliases if name_key(a) != key]
            entry.aliases.append(alias)
            owner[key] = entry
        corrections.done(index)
    return Lexicon(entries, lexicon.case_words)


def correct_resolution(resolution, corrections: Corrections) -> None:
    """Apply the name corrections to ``resolution`` (a :class:`kg.resolve.Resolution`), in file order."""
    for index, c in corrections.of("alias-drop", "not-concept", "merge", "apart"):
        if c.action == "alias-drop":
            cid = _concept(resolution, c.names[0], c.where)
            concept = resolution.concepts[cid]
            key = name_key(c.names[1])
            if key == name_key(concept.name):
                raise CorrectionError(f"{c.where}: {c.names[1]!r} is the name of {concept.name}, not an alias; "
                                      f"to remove the concept use not-concept: {c.names[1]}")
            if resolution.by_key.get(key) != cid:
                other = resolution.by_key.get(key)
                why = f"it names {resolution.concepts[other].name}" if other in resolution.concepts else "no concept has it"
                corrections.idle(index, f"{c.names[1]!r} is not a name of {concept.name}: {why}")
                continue
            _drop_name(resolution, cid, key, c.where)
        elif c.action == "not-concept":
            _forbid(resolution, c, index, corrections)
            continue
        elif c.action == "merge":
            ids = [_concept(resolution, name, c.where) for name in c.names]
            if len(set(ids)) == 1:
                corrections.idle(index, "already one concept")
                continue
            for other in dict.fromkeys(ids[1:]):
                if other != ids[0]:
                    _merge(resolution, ids[0], other, c.where)
        else:
            first, second = (_concept(resolution, name, c.where) for name in c.names)
            if first != second:
                corrections.idle(index, "already two concepts")
                continue
            if name_key(c.names[0]) == name_key(c.names[1]):
                raise CorrectionError(f"{c.where}: apart needs two different names")
            _split(resolution, first, c.names[0], c.names[1], c.where)
        corrections.done(index)


def correct_relations(relations: list[Relation], resolution, present: set[str], corrections: Corrections,
                      doc_id: Callable[[CorrectionFile], str]) -> tuple[list[Relation], list[CorrectionFile]]:
    """The stated relations with the relation corrections applied, and the corrections files they now cite."""
    by_key = {r.key: r for r in relations}
    cited: dict[str, CorrectionFile] = {}
    files = {f.display: f for f in corrections.files}
    for index, c in corrections.of("relation", "relation-drop"):
        source, target = (_present(resolution, present, name, c.where) for name in (c.names[0], c.names[2]))
        rtype = c.names[1]
        if source == target:
            raise CorrectionError(f"{c.where}: {c.names[0]} and {c.names[2]} are one concept")
        if rtype in SYMMETRIC_TYPES and source > target:
            source, target = target, source
        key = (source, target, rtype)
        if c.action == "relation-drop":
            found = by_key.pop(key, None) or (by_key.pop((target, source, rtype), None) if rtype in SYMMETRIC_TYPES else None)
            if found is None:
                corrections.idle(index, "no such relation in the graph")
                continue
        else:
            file = files[c.file]
            cited[c.file] = file
            evidence = Evidence(doc_id(file), c.line, c.reason or f"{c.names[0]} {rtype} {c.names[2]}")
            cue = f"correction ({c.where})"
            kept = by_key.get(key)
            if kept is None:
                by_key[key] = Relation(source, target, rtype, 1.0, [evidence], [], [cue])
            else:
                by_key[key] = replace(kept, confidence=1.0, evidence=[evidence, *kept.evidence], cues=[cue, *kept.cues])
            if rtype != "RELATED_TO":
                by_key.pop((min(source, target), max(source, target), "RELATED_TO"), None)
                if rtype not in SYMMETRIC_TYPES:
                    by_key.pop((target, source, rtype), None)  # the user's direction wins
        corrections.done(index)
    return sorted(by_key.values(), key=lambda r: (r.source, r.type, r.target)), list(cited.values())


# ---------------------------------------------------------------- helpers


def _concept(resolution, name: str, where: str) -> str:
    cid = resolution.by_key.get(name_key(name))
    if cid is None or cid not in resolution.concepts:
        names = {name_key(c.name): c.name for c in resolution.concepts.values()}
        close = difflib.get_close_matches(name_key(name), sorted(names), n=3, cutoff=0.6)
        hint = f"; closest: {', '.join(names[k] for k in close)}" if close else ""
        raise CorrectionError(f"{where}: unknown concept {name!r}{hint}")
    return cid


def _present(resolution, present: set[str], name: str, where: str) -> str:
    cid = _concept(resolution, name, where)
    if cid not in present:
        raise CorrectionError(f"{where}: {name!r} is not in the graph (the notes never mention it)")
    return cid


def _drop_name(resolution, cid: str, key: str, where: str) -> None:
    concept = resolution.concepts[cid]
    concept.surfaces = {s for s in concept.surfaces if name_key(s) != key}
    resolution.by_key.pop(key, None)
    for form in [f for f, owner in resolution.forms.items() if owner == cid and name_key(f) == key]:
        del resolution.forms[form]
    concept.origin.append(f"name dropped by {where}")


def _forbid(resolution, c, index: int, corrections: Corrections) -> None:
    changed = False
    for name in c.names:
        key = name_key(name)
        cid = resolution.by_key.get(key)
        if cid is None or cid not in resolution.concepts:
            continue
        changed = True
        if name_key(resolution.concepts[cid].name) != key:
            _drop_name(resolution, cid, key, c.where)
            continue
        del resolution.concepts[cid]
        for k in [k for k, v in resolution.by_key.items() if v == cid]:
            del resolution.by_key[k]
        for form in [f for f, owner in resolution.forms.items() if owner == cid]:
            del resolution.forms[form]  # the other writings of its names
    if changed:
        corrections.done(index)
    else:
        corrections.idle(index, "no concept goes by that name")


def _merge(resolution, keep: str, other: str, where: str) -> None:
    kept, gone = resolution.concepts[keep], resolution.concepts.pop(other)
    kept.surfaces |= gone.surfaces
    kept.origin.append(f"merged with {gone.name} by {where}")
    for table in (resolution.by_key, resolution.forms):
        for key, cid in table.items():
            if cid == other:
                table[key] = keep


def _split(resolution, cid: str, first: str, second: str, where: str) -> None:
    """``second``'s names leave the concept of ``first`` as a concept of their own."""
    concept = resolution.concepts[cid]
    key = name_key(second)
    moving = {s for s in concept.surfaces if name_key(s) == key} or {second}
    concept.surfaces -= moving
    if name_key(concept.name) == key:
        concept.name = next((s for s in sorted(concept.surfaces) if name_key(s) == name_key(first)), first)
    name = second if second in moving else sorted(moving)[0]
    new_id = _free_id(slug(name), resolution.concepts)
    resolution.concepts[new_id] = replace(concept, id=new_id, name=name, surfaces=set(moving),
                                          origin=[f"kept apart from {concept.name} by {where}"])
    concept.origin.append(f"{name} kept apart by {where}")
    resolution.by_key[key] = new_id
    for form, owner in resolution.forms.items():
        if owner == cid and name_key(form) == key:
            resolution.forms[form] = new_id


def _free_id(base: str, taken) -> str:
    cid, n = base, 2
    while cid in taken:
        cid = f"{base}-{n}"
        n += 1
    return cid
