"""Questions to drill: found as authors write them, each with its answer; in the JSON export and an Anki deck."""
from __future__ import annotations

import json
import sqlite3
import unicodedata
import zipfile
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, REPO, kg_json, run_kg

NOTE = """\
# 目录

- [面试题](#面试题)
  - BN和LN的区别？
  - 介绍一下LoRA

# 面试题

## BN和LN的区别？

BN在batch维度上归一化，LN在特征维度上归一化。

## 介绍一下LoRA

LoRA在冻结的权重旁加入低秩矩阵。

- 为什么B矩阵初始化为0？
  保证训练开始时输出不变。

# 常见问题

1. 说下Dropout的作用。
   训练时随机丢弃神经元，防止过拟合。
2. 介绍Adam优化器（字节）
   注：Adam结合了动量和自适应学习率，当 lr > 0.1 且 x<y 时 A&B 容易发散。
3. Transformer为什么要除以根号d
   防止点积过大导致softmax梯度消失。

## 面试常问的问题有哪些

- 残差连接的作用
- GAN和VAE

## 大模型有哪些微调方法？

- LoRA
- P-Tuning

# 学习笔记

Q: 什么是过拟合？
A: 模型在训练集上表现好、在测试集上表现差。

问：GAN由哪两部分组成？
答：生成器和判别器。

交叉熵:用模型分布编码真实分布,需要多少信息量?
那么为什么要用残差连接呢？因为它缓解了梯度消失。
为什么有这些区别?
- 训练和推理的区别在于均值方差的来源。
- 交叉熵:H(p,q),需要多少信息量?

训练过程为什么需要 Mask 机制?
屏蔽未来信息，并处理填充。
"""

EXPECTED = {  # question -> (line, start of its answer or None)
    "BN和LN的区别？": (9, "BN在batch维度上归一化"),
    "介绍一下LoRA": (13, "LoRA在冻结的权重旁加入低秩矩阵。\n- 为什么B矩阵初始化为0？\n保证训练开始时输出不变。"),
    "说下Dropout的作用。": (22, "训练时随机丢弃神经元，防止过拟合。"),
    "介绍Adam优化器（字节）": (24, "注：Adam结合了动量"),
    "Transformer为什么要除以根号d": (26, "防止点积过大"),
    "残差连接的作用": (31, None),
    "GAN和VAE": (32, None),
    "大模型有哪些微调方法？": (34, "- LoRA\n- P-Tuning"),
    "什么是过拟合？": (41, "模型在训练集上表现好"),
    "GAN由哪两部分组成？": (44, "生成器和判别器。"),
    "训练过程为什么需要 Mask 机制?": (53, "屏蔽未来信息，并处理填充。"),
}


def folded(text: str) -> str:
    """As kg keeps note text: full-width forms folded (NFKC)."""
    return unicodedata.normalize("NFKC", text)


@pytest.fixture(scope="module")
def drill_store(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("drill")
    (folder / "notes").mkdir()
    (folder / "notes" / "interview.md").write_text(NOTE, encoding="utf-8")
    store = folder / "store"
    run_kg("build", str(folder / "notes"), "--store", str(store), check=True)
    return store, json.loads(run_kg("export", "json", "--store", str(store), check=True).stdout)


def test_questions_of_every_shape_once_with_their_answers(drill_store):
    _, graph = drill_store
    found = {q["text"]: q for q in graph["questions"]}
    expected = {folded(text): (line, answer and folded(answer)) for text, (line, answer) in EXPECTED.items()}
    assert set(found) == set(expected), sorted(set(found) ^ set(expected))
    for text, (line, answer) in expected.items():
        assert found[text]["line"] == line, text
        if answer is None:
            assert found[text]["answer"] is None, text
        else:
            assert found[text]["answer"].startswith(answer), (text, found[text]["answer"])
    assert [q["line"] for q in graph["questions"]] == sorted(q["line"] for q in graph["questions"])


def test_questions_name_their_concepts(drill_store):
    store, graph = drill_store
    bn, ln = kg_json("show", "BN", "--store", str(store))["id"], kg_json("show", "LN", "--store", str(store))["id"]
    about = next(q for q in graph["questions"] if q["text"] == folded("BN和LN的区别？"))
    assert about["concepts"] == [bn, ln]
    answer = kg_json("questions", "LN", "--store", str(store))
    assert answer["questions"][0]["answer"].startswith("BN在batch维度上归一化")
    assert answer["questions"][0]["path"].endswith("interview.md") and answer["questions"][0]["line"] == 9


def test_example_notes_questions(example_export):
    by_text = {}
    paths = {d["id"]: Path(d["path"]).name for d in example_export["documents"]}
    for q in example_export["questions"]:
        by_text.setdefault(q["text"], []).append((paths[q["doc"]], q["line"], q["answer"]))
    # a heading and its table-of-contents entry are one question, the heading's, with its answer
    (where,) = by_text["讲一讲推荐系统包含哪些流程?"]
    assert where[:2] == ("001_7091e38c02823429.txt", 280) and where[2].startswith("推荐系统的流程通常包括")
    # numbered, without a question mark, followed by a note line
    (where,) = by_text["FasterR-CNN 和 Yolo区别、优缺点"]
    assert where[1] == 33 and "Yolo 端到端" in where[2]
    # a line that is one question, its answer on the lines after it
    (where,) = by_text["训练过程为什么需要 Mask 机制?"]
    assert where[2].startswith("两个原因。")
    # a question list item without an answer of its own
    assert by_text["CLIP框架"][0][2] is None
    # not: a question that points back, a question inside a definition
    assert "为什么有这些区别?" not in by_text
    assert not any("需要多少信息量" in text for text in by_text)
    texts = [q["text"] for q in example_export["questions"]]
    assert len(texts) > 150


def test_json_export_with_questions_follows_the_schema(drill_store, example_export):
    schema = json.loads((REPO / "docs" / "export.schema.json").read_text(encoding="utf-8"))
    for graph in (drill_store[1], example_export):
        jsonschema.validate(graph, schema)
        assert graph["questions"] and any(q["answer"] for q in graph["questions"])
    with pytest.raises(jsonschema.ValidationError):
        broken = dict(example_export, questions=[{"doc": "d", "line": 0, "text": "x", "concepts": [], "answer": None}])
        jsonschema.validate(broken, schema)


def _deck(path: Path, tmp_path: Path) -> dict:
    """The notes of an .apkg, opened as Anki does: a zip holding an SQLite collection."""
    folder = tmp_path / f"unzipped-{path.stem}"
    with zipfile.ZipFile(path) as z:
        z.extractall(folder)
    with sqlite3.connect(folder / "collection.anki2") as con:
        models, decks = con.execute("SELECT models, decks FROM col").fetchone()
        notes = {guid: (mid, flds.split("\x1f"), tags.split()) for guid, mid, flds, tags in
                 con.execute("SELECT guid, mid, flds, tags FROM notes")}
        cards = con.execute("SELECT count(*), count(DISTINCT nid) FROM cards").fetchone()
        card_decks = {did for (did,) in con.execute("SELECT DISTINCT did FROM cards")}
    return {"models": set(json.loads(models)), "decks": set(json.loads(decks)), "notes": notes, "cards": cards,
            "card_decks": card_decks}


def test_anki_deck_one_note_per_question_and_stable_ids(drill_store, tmp_path):
    store, graph = drill_store
    first = tmp_path / "first.apkg"
    proc = run_kg("export", "anki", "--store", str(store), "-o", str(first), check=True)
    assert f"{len(EXPECTED)} questions" in proc.stderr
    deck = _deck(first, tmp_path)
    assert len(deck["notes"]) == len(EXPECTED) == deck["cards"][0] == deck["cards"][1]
    by_question = {fields[0]: (fields, tags) for _, fields, tags in deck["notes"].values()}
    fields, tags = by_question[folded("介绍Adam优化器（字节）")]
    assert "lr &gt; 0.1 且 x&lt;y 时 A&amp;B 容易发散" in fields[1]  # the answer, escaped
    assert fields[2].endswith("interview.md:24")
    fields, tags = by_question[folded("BN和LN的区别？")]
    names = {kg_json("show", n, "--store", str(store))["name"].replace(" ", "_") for n in ("BN", "LN")}
    assert names <= set(tags) and fields[1].startswith("BN在batch维度上归一化")
    assert by_question["残差连接的作用"][0][1] == "(no answer in the notes)"

    # the notes change (lines move) and are built again: the same questions keep their ids
    note = store.parent / "notes" / "interview.md"
    note.write_text("# 新的开头\n\n随便写一点。\n\n" + NOTE.replace("说下Dropout的作用。", "说下Dropout的作用和原理。"), encoding="utf-8")
    run_kg("build", str(note.parent), "--store", str(store), check=True)
    second = tmp_path / "second.apkg"
    run_kg("export", "anki", "--store", str(store), "-o", str(second), check=True)
    again = _deck(second, tmp_path)
    assert again["models"] == deck["models"] and again["decks"] == deck["decks"] and again["card_decks"] == deck["card_decks"]
    kept = {guid for guid, (_, fields, _) in deck["notes"].items() if fields[0] != folded("说下Dropout的作用。")}
    assert kept < set(again["notes"]) and len(again["notes"]) == len(deck["notes"])
    moved = next(fields for _, fields, _ in again["notes"].values() if fields[0] == folded("介绍Adam优化器（字节）"))
    assert moved[2].endswith("interview.md:28")
    note.write_text(NOTE, encoding="utf-8")
    run_kg("build", str(note.parent), "--store", str(store), check=True)


def test_anki_deck_of_the_example_notes(example_store, example_export, tmp_path):
    from kg.questions import question_key

    out = tmp_path / "examples.apkg"
    run_kg("export", "anki", "--store", str(example_store), "-o", str(out), "--deck", "ML 面试", check=True)
    deck = _deck(out, tmp_path)
    assert len(deck["notes"]) == len({question_key(q["text"]) for q in example_export["questions"]}) > 150
    with zipfile.ZipFile(out) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
    bad = run_kg("export", "anki", "--store", str(example_store), "-o", str(tmp_path / "no" / "such" / "dir.apkg"))
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "cannot write" in bad.stderr
