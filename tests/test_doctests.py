"""The examples in the docstrings of the extraction modules (and of the text helpers) run and say what they show."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.anchors", "kg.clauses", "kg.derive", "kg.discover", "kg.lexicon", "kg.names", "kg.relate",
           "kg.views.text", "kg.paths", "kg.files"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
