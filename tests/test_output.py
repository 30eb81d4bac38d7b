"""Output made to read: one record per line in a pipe, tables sized to a terminal, places never split,
evidence cut after a sentence; every --json output against its schema; the small things
(--version, CSV files, file modes, kg query without a server, help texts)."""
from __future__ import annotations

import json
import os
import re
import stat
import zipfile

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, REPO, kg_json, run_kg

from kg.views.text import break_offsets, shorten, units

SCHEMA = json.loads((REPO / "docs" / "export.schema.json").read_text(encoding="utf-8"))
NOTES = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in EXAMPLES.iterdir()}
BOX = re.compile("[\u2500-\u257f]")
PLACE = re.compile(r"[\w.-]+\.txt:\d+")
# anything that looks like (part of) a note's name, and what follows it
NOTE_NAME = re.compile(r"[0-9a-f_]*[0-9a-f]{6,}[0-9a-f_]*(?:\.t?x?t?)?(?::\d*)?")

PIPED = [
    ("show", "QLoRA"), ("show", "批归一化"), ("questions", "LoRA"), ("questions", "Transformer"),
    ("study-order", "BLIP2", "QLoRA", "Adam"), ("study-order", "BLIP2", "--format", "md"),
    ("prereqs", "BLIP2"), ("path", "QLoRA", "Adam"), ("related", "LoRA"), ("stats",), ("search", "归一化"),
    ("next", "BLIP2"), ("learned", "list"),
]


def places_are_whole(text: str) -> None:
    """Every note name in ``text`` is a whole one, followed by ``:line`` of a line it has (where a line is given)."""
    for match in NOTE_NAME.finditer(text):
        found = match.group(0)
        name, _, line = found.partition(":")
        assert name in NOTES, f"a place is split or cut: {found!r}"
        if line:
            assert 1 <= int(line) <= NOTES[name], found


@pytest.mark.parametrize("args", PIPED, ids=lambda a: " ".join(a))
def test_piped_output_is_one_record_per_line(example_store, args):
    proc = run_kg(*args, "--store", str(example_store))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.strip()
    assert not BOX.search(out), "no box drawing in a pipe"
    assert "\x1b[" not in out, "no terminal escapes in a pipe"
    places = "".join(line for line in out.splitlines(True) if not line.startswith("notes folder: "))  # stats names it
    assert str(EXAMPLES) not in places and "examples/notes" not in places, "paths are relative to the notes folder"
    places_are_whole(out)
    lines = out.splitlines()
    # a table: a header, then rows with as many fields as the header
    for i, line in enumerate(lines):
        if "\t" in line and (i == 0 or "\t" not in lines[i - 1]):
            width = line.count("\t")
            for row in lines[i + 1:]:
                if "\t" not in row:
                    break
                assert row.count("\t") == width, row


def test_piped_output_is_not_wrapped(example_store):
    out = run_kg("study-order", "BLIP2", "QLoRA", "Adam", "--store", str(example_store), check=True).stdout
    assert max(len(line) for line in out.splitlines()) > 150
    questions = run_kg("questions", "Transformer", "--store", str(example_store), check=True).stdout
    for line in questions.splitlines()[1:]:
        text, where = line.split("\t")
        assert re.fullmatch(r"[^\t/]+\.txt:\d+", where), where
    # what the issue reported: grep for a place finds its line
    proc = run_kg("questions", "LoRA", "--store", str(example_store), check=True)
    assert [line for line in proc.stdout.splitlines() if "txt:1108" in line][0].startswith("介绍LoRA和变体\t")


@pytest.mark.parametrize("columns", ["80", "120"])
@pytest.mark.parametrize("args", [("show", "QLoRA"), ("questions", "Transformer"), ("study-order", "BLIP2", "QLoRA", "Adam"),
                                  ("prereqs", "BLIP2"), ("next", "QLoRA"), ("path", "QLoRA", "Adam")],
                         ids=lambda a: " ".join(a))
def test_terminal_tables_fit_the_terminal_and_keep_places_whole(example_store, args, columns):
    from rich.cells import cell_len

    proc = run_kg(*args, "--store", str(example_store), env={"TTY_COMPATIBLE": "1", "COLUMNS": columns, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    plain = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout)
    assert plain != proc.stdout, "a terminal gets styled text"
    assert max(cell_len(line) for line in plain.splitlines()) <= int(columns)
    places_are_whole(plain)
    # a place split across lines would show as a place that the (never wrapped) piped output lacks
    piped = run_kg(*args, "--store", str(example_store), check=True).stdout
    on_terminal = set(PLACE.findall(plain))
    assert on_terminal and on_terminal <= set(PLACE.findall(piped)), on_terminal - set(PLACE.findall(piped))


def test_evidence_is_cut_after_a_sentence_or_between_words(example_store):
    card = kg_json("show", "Transformer", "--store", str(example_store))
    texts = [" ".join(ev["text"].split()) for r in card["relations"] for ev in r["evidence"]]
    rows = run_kg("show", "Transformer", "--store", str(example_store), check=True).stdout.splitlines()
    cut = 0
    for row in rows:
        fields = row.split("\t")
        if len(fields) != 5 or not fields[3].endswith("…"):
            continue
        cut += 1
        kept = fields[3][:-1]
        full = next(t for t in texts if t.startswith(kept))
        rest = full[len(kept):]
        assert not (kept[-1].isascii() and kept[-1].isalnum() and rest[:1].isascii() and rest[:1].isalnum()), \
            f"cut inside a word: {kept[-12:]!r}|{rest[:12]!r}"
    assert cut, "some evidence of Transformer is long enough to be cut"


def test_shorten_prefers_a_sentence_end():
    text = "LoRA冻结原模型的权重。它只训练两个低秩矩阵A和B,推理时可以合并回原权重,没有额外延迟。"
    assert shorten(text, 40) == "LoRA冻结原模型的权重。…"
    english = "Adam keeps running averages of the gradient and its square; the step is their ratio, scaled."
    assert shorten(english, 60) == "Adam keeps running averages of the gradient and its square;…"
    assert shorten("Supercalifragilistic expialidocious", 12).endswith("…")
    assert not shorten("QLoRA在LoRA的基础上引入了深度量化过程并且减少显存", 16).endswith("Lo…")


LATIN = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,14}", fullmatch=True)
CJK = st.text(alphabet="的是在模型训练注意力机制量化。，、", min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LATIN, CJK, st.just(" ")), min_size=1, max_size=30), st.integers(min_value=4, max_value=40))
def test_lines_break_between_words_only(pieces, width):
    from rich.cells import cell_len

    text = "".join(pieces)
    offsets = break_offsets(text, width)
    assert offsets == sorted(set(offsets)) and all(0 < o < len(text) for o in offsets)
    spans = units(text)
    for start, end in spans:
        inside = [o for o in offsets if start < o < end]
        if inside:  # only a word wider than the line is ever cut
            assert cell_len(text[start:end]) > width, (text[start:end], width)
    bounds = [0, *offsets, len(text)]
    for a, b in zip(bounds, bounds[1:]):
        line = text[a:b].rstrip()
        wide_word = any(s < b and e > a and cell_len(text[s:e]) > width for s, e in spans)
        assert cell_len(line) <= width or wide_word, (line, width)


# ---------------------------------------------------------------- --json against docs/export.schema.json

JSON_OUTPUTS = [
    ("show", ("show", "QLoRA")), ("show", ("show", "Transformer")), ("related", ("related", "LoRA", "--depth", "2")),
    ("search", ("search", "lora")), ("prereqs", ("prereqs", "BLIP2")), ("path", ("path", "QLoRA", "Adam")),
    ("questions", ("questions", "LoRA")), ("stats", ("stats",)),
    ("study_order", ("study-order", "BLIP2", "QLoRA", "Adam")),
    ("study_order", ("study-order", "QLoRA", "--known", "LoRA", "--all")),
    ("next", ("next", "BLIP2")), ("next", ("next",)), ("learned", ("learned", "list")),
]


@pytest.mark.parametrize("shape, args", JSON_OUTPUTS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else x)
def test_json_output_follows_its_schema(example_store, shape, args):
    answer = kg_json(*args, "--store", str(example_store))
    jsonschema.validate(answer, {"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{shape}"})
    assert f"`$defs/{shape}`" in (REPO / "docs" / "export.md").read_text(encoding="utf-8")


def test_a_schema_test_can_fail(example_store):
    plan = kg_json("study-order", "QLoRA", "--store", str(example_store))
    del plan["steps"][0]["needed_for"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, {"$defs": SCHEMA["$defs"], "$ref": "#/$defs/study_order"})


def test_json_paths_are_relative_to_the_notes_folder(example_store):
    stats = kg_json("stats", "--store", str(example_store))
    assert stats["root"] == str(EXAMPLES)
    card = kg_json("show", "LoRA", "--store", str(example_store))
    for m in card["mentioned_at"]:
        assert (EXAMPLES / m["path"]).is_file() and "/" not in m["path"]


# ---------------------------------------------------------------- the small things


def test_version():
    proc = run_kg("--version")
    assert proc.returncode == 0 and re.fullmatch(r"kg \d+\.\d+\.\d+\n", proc.stdout)


def test_csv_export_writes_a_csv_file_a_zip_or_a_folder(example_store, tmp_path):
    store = str(example_store)
    run_kg("export", "csv", "-o", str(tmp_path / "g.csv"), "--store", store, check=True)
    head = (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head == "source,target,type,confidence"
    run_kg("export", "csv", "-o", str(tmp_path / "c.csv"), "--table", "concepts", "--store", store, check=True)
    assert (tmp_path / "c.csv").read_text(encoding="utf-8").startswith("id,name,category,mentions,aliases")
    run_kg("export", "csv", "-o", str(tmp_path / "g.zip"), "--store", store, check=True)
    with zipfile.ZipFile(tmp_path / "g.zip") as z:
        assert set(z.namelist()) == {"concepts.csv", "relations.csv", "evidence.csv"}
    run_kg("export", "csv", "-o", str(tmp_path / "tables") + "/", "--store", store, check=True)
    assert {p.name for p in (tmp_path / "tables").iterdir()} == {"concepts.csv", "relations.csv", "evidence.csv"}
    piped = run_kg("export", "csv", "-o", "-", "--table", "evidence", "--store", store, check=True).stdout
    assert piped.startswith("source,target,type,path,line,text")


def test_exports_are_written_with_the_usual_file_mode(example_store, tmp_path):
    old = os.umask(0o022)
    try:
        for args, name in ((("export", "html"), "g.html"), (("export", "json"), "g.json"), (("export", "csv"), "g.csv"),
                           (("export", "graphml"), "g.graphml")):
            run_kg(*args, "-o", str(tmp_path / name), "--store", str(example_store), check=True)
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    finally:
        os.umask(old)


def test_query_without_a_server_says_so_in_one_line():
    env = {k: "" for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")}
    proc = run_kg("query", "MATCH (n) RETURN count(n)", env=env)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "NEO4J_URI is not set" in proc.stderr
    assert "refused" not in proc.stderr and "7687" not in proc.stderr and "cannot reach" not in proc.stderr


def test_help_texts_point_to_docs_export_md():
    from kg import cli

    commands = [("show",), ("related",), ("search",), ("prereqs",), ("path",), ("study-order",), ("next",), ("questions",),
                ("stats",), ("learned", "list"), ("query",), ("export",), ("export", "json"), ("export", "csv")]
    for command in commands:
        text = run_kg(*command, "--help", env={"COLUMNS": "200"}).stdout
        assert "spec/export.md" not in text, command
    assert "docs/export.md" in run_kg("export", "--help", env={"COLUMNS": "200"}).stdout
    assert "docs/export.md" in run_kg("show", "--help", env={"COLUMNS": "200"}).stdout
    assert "spec/export.md" not in (REPO / "README.md").read_text(encoding="utf-8")
    assert cli.NO_PATH == 4
