"""Rebuilds from the cache give exactly the graph of a build from nothing."""
from __future__ import annotations

import json
import os
import random
import re
import shutil
from collections import Counter
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_kg, store_tables


def _assert_same_as_fresh_build(notes: Path, store: Path, tmp_path: Path) -> str:
    """Rebuild ``store`` from its cache and check it holds what a build without cache gives."""
    cached = run_kg("build", str(notes), "--store", str(store), "--jobs", "1", check=True)
    fresh = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    run_kg("build", str(notes), "--store", str(fresh), "--no-cache", check=True)
    assert store_tables(store) == store_tables(fresh)
    return cached.stdout + cached.stderr


def test_rebuilds_after_edits_equal_builds_from_nothing(tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(EXAMPLES, notes)
    files = sorted(notes.iterdir())
    store = tmp_path / "store"
    run_kg("build", str(notes), "--store", str(store), check=True)

    out = _assert_same_as_fresh_build(notes, store, tmp_path)
    assert f"({len(files)} unchanged)" in out

    # a line about known concepts
    with files[1].open("a", encoding="utf-8") as fh:
        fh.write("\n\nQLoRA在LoRA的基础上引入了4-bit量化，从而进一步降低显存。\n")
    out = _assert_same_as_fresh_build(notes, store, tmp_path)
    assert f"({len(files) - 1} unchanged)" in out

    # a name that unchanged notes use becomes a concept: their pass 2 must see it
    assert "OpenAI" in files[1].read_text(encoding="utf-8")
    assert run_kg("show", "OpenAI", "--store", str(store)).returncode == 1
    with files[2].open("a", encoding="utf-8") as fh:
        fh.write("\n\n#### (9) OpenAI\n\nOpenAI发布了CLIP，CLIP使用了对比学习。\n")
    _assert_same_as_fresh_build(notes, store, tmp_path)
    shown = json.loads(run_kg("show", "OpenAI", "--store", str(store), "--json", check=True).stdout)
    assert len(shown["documents"]) >= 2

    # a note removed, another renamed, a third cut in half
    files[3].unlink()
    files[4].rename(notes / "renamed.txt")
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(text[: len(text) // 2], encoding="utf-8")
    _assert_same_as_fresh_build(notes, store, tmp_path)


def test_random_edits_rebuild_like_builds_from_nothing(tmp_path):
    """Lines moved between notes, lines deleted, new headings naming words the notes use: five rounds."""
    rng = random.Random(11)
    notes = tmp_path / "notes"
    shutil.copytree(EXAMPLES, notes)
    store = tmp_path / "store"
    run_kg("build", str(notes), "--store", str(store), check=True)
    pool = [line for path in sorted(notes.iterdir()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = sorted({w for line in pool for w in re.findall(r"\b[A-Z][A-Za-z]{3,}\b", line)})
    for _ in range(5):
        files = sorted(notes.iterdir())
        target, other = rng.sample(files, 2)
        lines = target.read_text(encoding="utf-8").splitlines()
        for _ in range(5):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(pool))
        lines.insert(rng.randrange(len(lines) + 1), f"#### (7) {rng.choice(words)}")
        target.write_text("\n".join(lines), encoding="utf-8")
        lines = other.read_text(encoding="utf-8").splitlines()
        for _ in range(3):
            del lines[rng.randrange(len(lines))]
        other.write_text("\n".join(lines), encoding="utf-8")
        _assert_same_as_fresh_build(notes, store, tmp_path)


def test_a_damaged_cache_costs_time_not_correctness(tmp_path):
    store = tmp_path / "store"
    run_kg("build", str(EXAMPLES), "--store", str(store), check=True)
    cache = store / "cache" / "build.sqlite"
    assert cache.exists()
    cache.write_bytes(b"not a database" * 100)
    _assert_same_as_fresh_build(EXAMPLES, store, tmp_path)
    with sqlite3.connect(cache) as con:  # replaced by a working one
        assert con.execute("SELECT count(*) FROM extractions").fetchone()[0] == len(list(EXAMPLES.iterdir()))


def test_the_cache_keeps_only_the_notes_of_the_last_build(tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(EXAMPLES, notes)
    store = tmp_path / "store"
    run_kg("build", str(notes), "--store", str(store), check=True)
    for path in sorted(notes.iterdir())[2:]:
        path.unlink()
    run_kg("build", str(notes), "--store", str(store), check=True)
    with sqlite3.connect(store / "cache" / "build.sqlite") as con:
        assert con.execute("SELECT count(*) FROM extractions").fetchone()[0] == 2
        assert con.execute("SELECT count(DISTINCT sha) FROM facts").fetchone()[0] == 2


_SEGMENT = """
import json, sys
from kg.extract import Extractor
from kg.lexicon import load_lexicon
from kg.nameshape import pos_tags
from kg.segmenter import DiskFrequencies
lines = json.load(open(sys.argv[1], encoding="utf-8"))
extractor = Extractor(load_lexicon(), light=sys.argv[2] == "light")
import jieba
print(json.dumps({"disk": isinstance(jieba.dt.FREQ, DiskFrequencies),
                  "starts": [pos_tags(line) for line in lines]}))
"""


@pytest.fixture()
def example_lines(tmp_path) -> Path:
    lines = [line for path in sorted(EXAMPLES.iterdir()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = tmp_path / "lines.json"
    out.write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
    return out


def test_jieba_reading_its_dictionary_from_disk_cuts_exactly_as_jieba(tmp_path, example_lines):
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}

    def segment(mode: str) -> dict:
        proc = subprocess.run([sys.executable, "-c", _SEGMENT, str(example_lines), mode], capture_output=True, text=True,
                              env={**os.environ, **env}, timeout=600)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    loaded = segment("light")  # no copy yet: jieba loads its dictionary and kg writes the copy
    assert not loaded["disk"]
    assert list((tmp_path / "xdg" / "kg").glob("jieba-*.sqlite"))
    from_disk = segment("light")
    assert from_disk["disk"]
    assert from_disk["starts"] == loaded["starts"]
    assert sum(len(s) for s in loaded["starts"]) > 10_000


def test_a_name_a_note_only_elides_concerns_that_note(tmp_path):
    """'L1，L2正则化' names L1正则化 without writing it: a change of that name still concerns the note."""
    from kg.extract import find_mentions
    from kg.facts import Change, DocFacts
    from kg.ingest import NoteFile, read_note
    from kg.lexicon import SurfaceIndex
    from kg.names import name_key
    from kg.collector import Findings

    path = tmp_path / "note.md"
    path.write_text("# 正则化\n\nL1，L2正则化都能防止过拟合。\n", encoding="utf-8")
    doc = read_note(NoteFile(path, "note.md"), "d1")
    elided: set[str] = set()
    find_mentions(doc, SurfaceIndex({"L2正则化": "l2"}), {name_key("L2正则化"): "l2"}, elided)
    assert name_key("L1正则化") in elided
    facts = DocFacts(Counter(), {}, {}, {}, [], Findings(), elided)
    text = "l1，l2正则化都能防止过拟合。"
    assert Change(set(), {name_key("L1正则化")}, set()).concerns(text, facts)
    assert Change({"L1正则化"}, set(), set()).concerns(text, facts)  # through its name key
    assert not Change({"L3正则化"}, set(), set()).concerns(text, facts)


def test_notes_a_dead_head_start_worker_left_are_extracted_anyway(tmp_path):
    from kg.extract import Extractor
    from kg.ingest import NoteFile, read_note
    from kg.lexicon import load_lexicon
    from kg.workers import HeadStart

    path = sorted(EXAMPLES.iterdir())[0]
    doc = read_note(NoteFile(path, path.name), "d1")
    head_start = HeadStart(load_lexicon())
    head_start._process.kill()  # as the out-of-memory killer would
    head_start._process.join()
    (result,) = list(head_start.extract([doc]))
    expected = Extractor(load_lexicon())(doc)
    assert result.candidates == expected.candidates and result.declared == expected.declared
    assert len(result.candidates) > 10
