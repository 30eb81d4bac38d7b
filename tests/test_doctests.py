"""The examples in the docstrings of the extraction modules (and of the text helpers) run and say what they show."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.anchors", "kg.clauses", "kg.derive", "kg.discover", "kg.lexicon", "kg.names", "kg.relate",
           "kg.views.text", "kg.paths", "kg.files", "kg.variants", "kg.nameshape", "kg.combine",
           "kg.resolve", "kg.clean", "kg.ingest", "kg.families", "kg.senses"]
# kg.slots is left out: some of its examples read jieba's tags, which a build earlier in the test session changes


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
