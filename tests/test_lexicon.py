"""Sanity checks for the concept lexicon in schema/lexicon.yaml."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

LEXICON_PATH = Path(__file__).resolve().parents[1] / "schema" / "lexicon.yaml"

CATEGORIES = {
    "model",
    "method",
    "component",
    "loss",
    "optimizer",
    "metric",
    "problem",
    "task",
    "technique",
    "dataset",
    "tool",
    "concept",
}

_STRIP = re.compile(r"[\s\-_.·]+")


def normalise(surface: str) -> str:
    """NFKC + casefold, then drop whitespace, '-', '_', '.', '·'."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", surface).casefold())


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    with LEXICON_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), "lexicon must be a YAML list of entries"
    return data


def _surfaces(entry: dict) -> list[str]:
    return [entry["name"], *entry.get("aliases", [])]


def _find(entries: list[dict], surface: str) -> int:
    key = normalise(surface)
    hits = [i for i, e in enumerate(entries) if key in {normalise(s) for s in _surfaces(e)}]
    assert len(hits) == 1, f"{surface!r} should belong to exactly one entry, found {len(hits)}"
    return hits[0]


def test_parses_and_has_enough_entries(entries):
    assert len(entries) >= 400


def test_entry_shape(entries):
    for i, entry in enumerate(entries):
        assert isinstance(entry, dict), f"entry #{i} is not a mapping"
        assert set(entry) <= {"name", "category", "aliases"}, f"entry #{i} has unknown keys: {entry}"
        name = entry.get("name")
        assert isinstance(name, str) and name.strip(), f"entry #{i} lacks a name"
        assert entry.get("category") in CATEGORIES, f"{name}: bad category {entry.get('category')!r}"
        aliases = entry.get("aliases")
        assert isinstance(aliases, list), f"{name}: aliases must be a list"
        for alias in aliases:
            assert isinstance(alias, str) and alias.strip(), f"{name}: empty or non-string alias {alias!r}"


def test_no_surface_form_shared_between_entries(entries):
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for surface in _surfaces(entry):
            key = normalise(surface)
            assert key, f"{entry['name']}: surface {surface!r} normalises to empty"
            owners[key].add(entry["name"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"surface forms owned by several entries: {clashes}"


def test_names_unique(entries):
    names = [normalise(e["name"]) for e in entries]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, f"duplicate names: {dupes}"


def test_no_single_character_surfaces(entries):
    for entry in entries:
        for surface in _surfaces(entry):
            assert len(normalise(surface)) > 1, f"{entry['name']}: surface {surface!r} is too short"


@pytest.mark.parametrize(
    "left, right",
    [
        ("BN", "LN"),
        ("BatchNorm", "LayerNorm"),
        ("LoRA", "QLoRA"),
        ("LoRA", "AdaLoRA"),
        ("BLIP", "BLIP2"),
        ("RoPE", "M-RoPE"),
        ("Adam", "AdamW"),
        ("GPT", "GPT-2"),
        ("YOLOv5", "YOLOv8"),
        ("K-Means", "K-Means++"),
        ("MoE", "MMoE"),
        ("LLaVA", "LLaVA-1.5"),
        ("LLaVA-1.5", "LLaVA-NeXT"),
        ("self-attention", "multi-head attention"),
        ("RMSNorm", "LayerNorm"),
    ],
)
def test_distinct_concepts_stay_apart(entries, left, right):
    assert _find(entries, left) != _find(entries, right)


@pytest.mark.parametrize(
    "left, right",
    [
        ("LLaVA-1.6", "LLaVA-NeXT"),
        ("批归一化", "Batch Normalization"),
        ("Low-Rank Adaptation", "LoRA"),
        ("交叉熵", "Cross Entropy"),
    ],
)
def test_known_aliases_merge(entries, left, right):
    assert _find(entries, left) == _find(entries, right)
