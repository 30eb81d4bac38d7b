"""Anchors: literal strings one of which every match of a regular expression contains.

Most cue patterns are not in most sentences.  Rather than trying each of
them on each sentence, :class:`AnchorIndex` finds, in one Aho-Corasick pass,
which patterns have an anchor in the sentence; only those are tried.
A pattern whose anchors cannot be worked out is always tried.
"""
from __future__ import annotations

try:  # Python 3.11+
    import re._parser as _parser
    from re._constants import ASSERT, ASSERT_NOT, AT, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
except ImportError:  # Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]
    from sre_constants import ASSERT, ASSERT_NOT, AT, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN  # type: ignore[no-redef]

__all__ = ["anchors", "AnchorIndex"]


def anchors(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` contains, or None when there are none to rely on.

    >>> sorted(anchors("(?:有效)?(?:解决|缓解)(?:了)?"))
    ['缓解', '解决']
    >>> anchors("[a-z]+") is None
    True
    >>> sorted(anchors("(?:中|里)的?"))
    ['中', '里']
    """
    import re

    found = _sequence(_parser.parse(pattern, flags))
    if found and flags & re.IGNORECASE:
        found = {anchor.casefold() for anchor in found}  # looked for in case-folded text
    return frozenset(found) if found else None


def _sequence(items) -> set[str] | None:
    """The best anchor set of a sequence: a run of literals, or one mandatory item's anchors."""
    best: set[str] | None = None
    run = ""

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, arg in items:
        if op == LITERAL:
            run += chr(arg)
            continue
        if op in (ASSERT, ASSERT_NOT, AT):
            continue  # consumes nothing: the run goes on
        consider({run} if run else None)
        run = ""
        if op == SUBPATTERN:
            consider(_sequence(arg[-1]))
        elif op == BRANCH:
            branches = [_sequence(branch) for branch in arg[1]]
            if all(branches):
                consider(set().union(*branches))
        elif op in (MAX_REPEAT, MIN_REPEAT) and arg[0] >= 1:
            consider(_sequence(arg[2]))
        elif op == IN and all(kind == LITERAL for kind, _ in arg):
            consider({chr(code) for _, code in arg})  # "(?:中|里)" is parsed as the class [中里]
    consider({run} if run else None)
    return best


class AnchorIndex:
    """Which of a list of patterns may match a text, by their anchors, in one pass."""

    def __init__(self, patterns: list[tuple[str, int]]):
        import ahocorasick

        import re

        self._always: list[int] = []
        self._automata = []  # (automaton, fold the text first?)
        for folded in (False, True):
            automaton = ahocorasick.Automaton()
            by_anchor: dict[str, list[int]] = {}
            for index, (pattern, flags) in enumerate(patterns):
                if bool(flags & re.IGNORECASE) != folded:
                    continue
                found = anchors(pattern, flags)
                if found is None:
                    self._always.append(index)
                    continue
                for anchor in found:
                    by_anchor.setdefault(anchor, []).append(index)
            for anchor, indexes in by_anchor.items():
                automaton.add_word(anchor, tuple(indexes))
            if by_anchor:
                automaton.make_automaton()
                self._automata.append((automaton, folded))

    def candidates(self, text: str) -> list[int]:
        """Indexes of the patterns that may match ``text``, in order."""
        found = set(self._always)
        for automaton, folded in self._automata:
            for _, indexes in automaton.iter(text.casefold() if folded else text):
                found.update(indexes)
        return sorted(found)
