"""Corrections: what the user says kg got wrong, kept in a file that every build applies.

A corrections file (``kg.yaml`` in a folder given to ``kg build``, or the file
of ``--corrections`` / ``KG_CORRECTIONS``) is a YAML list, one correction per
entry (``docs/corrections.md``)::

    - concept: FlashAttention            # a concept kg missed, or names and a category for one it has
      aliases: [Flash Attention, 闪电注意力]
      category: method
    - alias-drop: [BN, xx]               # 'xx' is not a name of BN
    - not-concept: 目录                   # never a concept, nor a name of one
    - merge: [注意力机制, Attention]       # one concept; the first keeps its name
    - apart: [BLIP, BLIP2]               # two concepts
    - relation: [QLoRA, EXTENDS, LoRA]   # added, the reason shown as its evidence
      reason: QLoRA quantises the frozen model LoRA adapts
    - relation-drop: [BN, COMPARED_WITH, Dropout]

This module reads and checks the file (:func:`load_corrections`) and writes
entries for ``kg correct`` (:func:`append_entry`); :mod:`kg.correcting`
applies them to a build.  Every problem is a :class:`CorrectionError` whose
message starts with ``file:line``.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import CATEGORIES, STATED_TYPES

__all__ = [
    "ACTIONS", "FILE_NAME", "ENV_VAR", "CorrectionError", "Correction", "CorrectionFile", "Corrections",
    "corrections_files", "load_corrections", "load_file", "target_file", "entry_text", "append_entry",
]

FILE_NAME = "kg.yaml"
ENV_VAR = "KG_CORRECTIONS"
RELATION_CHOICES = STATED_TYPES + ("RELATED_TO",)
# action -> (how many names it takes: an exact count, or a minimum when negative; the other keys it accepts)
ACTIONS: dict[str, tuple[int, tuple[str, ...]]] = {
    "concept": (1, ("aliases", "category")),
    "alias-drop": (2, ()),
    "not-concept": (-1, ()),
    "merge": (-2, ()),
    "apart": (2, ()),
    "relation": (3, ("reason",)),
    "relation-drop": (3, ()),
}
_SHAPES = {
    "concept": "NAME", "alias-drop": "[CONCEPT, ALIAS]", "not-concept": "NAME", "merge": "[NAME, OTHER, …]",
    "apart": "[NAME, OTHER]", "relation": "[SOURCE, TYPE, TARGET]", "relation-drop": "[SOURCE, TYPE, TARGET]",
}
_HEADER = """\
# Corrections to the concept graph of these notes: every `kg build` applies them.
# One entry per correction (docs/corrections.md); `kg correct --help` writes them for you.
"""


class CorrectionError(ValueError):
    """A corrections file kg cannot apply; the message starts with ``file:line``."""


@dataclass(frozen=True)
class Correction:
    """One entry of a corrections file."""

    action: str
    names: tuple[str, ...]
    where: str  # "notes/kg.yaml:12"
    file: str  # the file as shown to the user
    line: int
    aliases: tuple[str, ...] = ()
    category: str | None = None
    reason: str | None = None

    def describe(self) -> str:
        return f"{self.action} {', '.join(self.names)}"


@dataclass(frozen=True)
class CorrectionFile:
    path: Path
    display: str
    sha256: str
    lines: int


@dataclass
class Corrections:
    """The entries of the corrections files of a build, and what applying them did."""

    entries: list[Correction] = field(default_factory=list)
    files: list[CorrectionFile] = field(default_factory=list)
    default_file: Path | None = None  # where `kg correct` writes when no file exists yet
    applied: set[int] = field(default_factory=set)  # indexes of the entries that changed something
    notes: list[str] = field(default_factory=list)  # entries that had nothing to do, and why

    def of(self, *actions: str):
        """``(index, entry)`` of the entries of these actions, in file order."""
        return [(i, c) for i, c in enumerate(self.entries) if c.action in actions]

    def done(self, index: int) -> None:
        self.applied.add(index)

    def idle(self, index: int, why: str) -> None:
        entry = self.entries[index]
        self.notes.append(f"{entry.where}: {entry.describe()}: nothing to do ({why})")

    def meta(self) -> dict:
        """What the store keeps of them (``kg correct`` finds the file there)."""
        return {
            "files": [str(f.path.resolve()) for f in self.files],
            "default": str(self.default_file.resolve()) if self.default_file else None,
            "applied": len(self.applied),
        }


def corrections_files(paths: list[str], explicit: str | None = None) -> tuple[list[tuple[Path, str]], Path | None]:
    """The corrections files of a build of ``paths``: ``[(path, display)]`` and where a new one would go.

    ``explicit`` (``--corrections`` or ``$KG_CORRECTIONS``) replaces the
    ``kg.yaml`` files of the folders given; it must exist.
    """
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise CorrectionError(f"{explicit}: no such corrections file")
        return [(path, explicit)], path
    found, default, seen = [], None, set()
    for given in paths:
        folder = Path(given)
        if not folder.is_dir():
            continue
        candidate = folder / FILE_NAME
        default = default or candidate
        if candidate.is_file() and candidate.resolve() not in seen:
            seen.add(candidate.resolve())
            found.append((candidate, str(candidate)))
    return found, default


def load_corrections(paths: list[str], explicit: str | None = None) -> Corrections:
    """Read and check every corrections file of a build; raises :class:`CorrectionError`."""
    files, default = corrections_files(paths, explicit)
    corrections = Corrections(default_file=default)
    for path, display in files:
        entries, info = load_file(path, display)
        corrections.entries.extend(entries)
        corrections.files.append(info)
    return corrections


def load_file(path: Path, display: str) -> tuple[list[Correction], CorrectionFile]:
    """The entries of one corrections file, checked; raises :class:`CorrectionError`."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise CorrectionError(f"{display}: cannot read the corrections file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CorrectionError(f"{display}: the corrections file is not UTF-8 text") from None
    info = CorrectionFile(path, display, hashlib.sha256(raw).hexdigest(), len(text.splitlines()))
    node, data = _parse_yaml(text, display)
    if data is None:
        return [], info
    if not isinstance(data, list):
        raise CorrectionError(f"{display}:{node.start_mark.line + 1}: expected a list of corrections "
                              f"('- merge: [A, B]', …; see docs/corrections.md)")
    return [_entry(item, item_node.start_mark.line + 1, display) for item_node, item in zip(node.value, data)], info


def _parse_yaml(text: str, display: str):
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{display}:{mark.line + 1}" if mark else display
        raise CorrectionError(f"{where}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise CorrectionError(f"{display}: not valid YAML: {' '.join(str(exc).split())}") from None
    finally:
        loader.dispose()


def _entry(item, line: int, display: str) -> Correction:
    where = f"{display}:{line}"
    if not isinstance(item, dict):
        raise CorrectionError(f"{where}: a correction is a mapping such as '- merge: [A, B]', not {_shown(item)}")
    actions = [key for key in item if key in ACTIONS]
    if len(actions) != 1:
        unknown = [str(key) for key in item if key not in ACTIONS]
        problem = f"unknown correction {unknown[0]!r}" if not actions and unknown else "one correction per entry"
        raise CorrectionError(f"{where}: {problem}; use one of {', '.join(ACTIONS)}")
    action = actions[0]
    count, options = ACTIONS[action]
    extra = [str(key) for key in item if key != action and key not in options]
    if extra:
        takes = f"it takes {', '.join(options)}" if options else "it takes nothing else"
        raise CorrectionError(f"{where}: {action}: unknown key {extra[0]!r} ({takes})")
    names = _names(item[action], where, action)
    if (count > 0 and len(names) != count) or (count < 0 and len(names) < -count):
        raise CorrectionError(f"{where}: {action} takes {_SHAPES[action]}, not {_shown(item[action])}")
    entry = {"action": action, "where": where, "file": display, "line": line}
    if action in ("relation", "relation-drop"):
        rtype = names[1].upper()
        if rtype == "PREREQUISITE_OF":
            raise CorrectionError(f"{where}: prerequisites are derived from the other relations: "
                                  f"add or drop the relation they come from ('kg show {names[0]}' lists it)")
        if rtype not in RELATION_CHOICES:
            raise CorrectionError(f"{where}: unknown relation type {names[1]!r}; use one of {', '.join(RELATION_CHOICES)}")
        names = (names[0], rtype, names[2])
        reason = item.get("reason")
        if reason is not None and (not isinstance(reason, str) or not reason.strip()):
            raise CorrectionError(f"{where}: reason must be text, not {_shown(reason)}")
        entry["reason"] = " ".join(reason.split()) if reason else None
    if action == "concept":
        entry["aliases"] = _names(item.get("aliases") or [], where, "aliases")
        category = item.get("category")
        if category is not None and category not in CATEGORIES:
            raise CorrectionError(f"{where}: unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
        entry["category"] = category
    return Correction(names=names, **entry)


def _names(value, where: str, what: str) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    names = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (str, int, float)) or not str(v).strip():
            raise CorrectionError(f"{where}: {what}: expected a name, not {_shown(v)}")
        names.append(" ".join(str(v).split()))
    return tuple(names)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


# ---------------------------------------------------------------- writing (kg correct)


def target_file(explicit: str | None, meta: dict | None) -> tuple[Path, str]:
    """The file ``kg correct`` writes to: ``explicit``, else the one the store's last build read or would have read."""
    if explicit:
        return Path(explicit), explicit
    known = (meta or {}).get("corrections") or {}
    path = (known.get("files") or [None])[0] or known.get("default")
    if not path:
        raise CorrectionError("which corrections file? The last build was given no folder to keep kg.yaml in: "
                              f"pass --corrections PATH (or set {ENV_VAR})")
    return Path(path), _shown_path(Path(path))


def _shown_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def entry_text(action: str, names: list[str], **options) -> str:
    """One entry as YAML, as ``kg correct`` appends it.

    >>> entry_text("merge", ["注意力机制", "Attention"])
    '- merge: [注意力机制, Attention]\\n'
    """
    import yaml

    value = names[0] if ACTIONS[action][0] == 1 else list(names)
    entry = {action: value, **{k: v for k, v in options.items() if v}}
    return yaml.safe_dump([entry], allow_unicode=True, default_flow_style=None, sort_keys=False, width=1000)


def append_entry(path: Path, display: str, text: str) -> Correction:
    """Add ``text`` (one entry) at the end of the corrections file, which must stay valid; returns the entry.

    The file is created (with a header) when missing; comments and entries
    already there are kept as they are.  Nothing is written when the result
    would not load.
    """
    try:
        before = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"{display}: cannot read the corrections file: {getattr(exc, 'strerror', None) or exc}") from None
    if before and not before.endswith("\n"):
        before += "\n"
    after = before + text
    node, data = _parse_yaml(after, display)
    if data is not None and not isinstance(data, list):
        raise CorrectionError(f"{display}:{node.start_mark.line + 1}: expected a list of corrections; "
                              "fix the file by hand first (see docs/corrections.md)")
    line = len(before.splitlines()) + 1
    entry = _entry(data[-1], line, display)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(after, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CorrectionError(f"{display}: cannot write the corrections file: {exc.strerror or exc}") from None
    return entry
