"""Extraction and resolution: lexicon matches, discovery, declared names, typos, no false merges."""
from __future__ import annotations

from graphs import graph_of

from kg.discover import find_candidates, find_declared, heading_name, looks_like_name
from kg.lexicon import SurfaceIndex


def test_latin_terms_respect_word_boundaries_chinese_terms_do_not_need_them():
    index = SurfaceIndex({"BN": "bn", "ViT": "vit", "LoRA": "lora", "Q-Former": "qformer"}, {"BN": "exact"})
    text = "BNN不是BN, ViTDet不是ViT, LoRA微调和Qformer结构, bn小写不算"
    assert [(m.key, m.text(text)) for m in index.find(text)] == [
        ("bn", "BN"), ("vit", "ViT"), ("lora", "LoRA"), ("qformer", "Qformer")]


def test_model_names_and_acronyms_are_discovered_but_not_code_or_units():
    words = [c.surface for c in find_candidates("InternVL1.5、Qwen2-VL、Mini-Monkey、M-RoPE、LLaVA-1.5和YOLOv8; 用 self.q(x) 在 A100 上跑 4K 图, batch_size=8", 1)]
    assert words == ["InternVL1.5", "Qwen2-VL", "Mini-Monkey", "M-RoPE", "LLaVA-1.5", "YOLOv8"]
    assert not looks_like_name("A100") and not looks_like_name("dim_k")


def test_declared_names():
    pairs = lambda text: [(d.first, d.second) for d in find_declared(text, 1)]
    assert pairs("批归一化(Batch Normalization,简称BN)是一种用于加速神经网络训练的技术") == [
        ("批归一化", "Batch Normalization"), ("批归一化", "BN"), ("Batch Normalization", "BN")]
    assert pairs("多尺度自适应裁剪策略(MSAC),即在不同尺度上捕捉图像特征") == [("多尺度自适应裁剪策略", "MSAC")]
    assert pairs("QLoRA(Quantized Low-Rank Adaptation)是一种高效的模型微调方法") == [("QLoRA", "Quantized Low-Rank Adaptation")]
    assert pairs("支持SGLang高效部署") == []  # a verb is not a name
    assert pairs("介绍常用的聚类算法(KMeans,DBSCAN, Mean shift)") == []  # examples, not names
    assert pairs("使用聚类算法(如K-means、DBSCAN等)") == []


def test_heading_names():
    assert heading_name("(5)Mini-Monkey") == "Mini-Monkey"
    assert heading_name("问题五:IP-adapter超详细解") == "IP-adapter"
    assert heading_name("训练阶段一") is None


def test_one_concept_across_documents_different_things_apart(tmp_path):
    export, ids = graph_of(
        tmp_path,
        "### BN和LN的区别\n层归一化LayerNorm在Transformer中常用。\nQ-Former结构连接视觉和语言。\n",
        "批归一化(Batch Normalization,简称BN)是一种技术。\nQformer是BLIP2的桥接结构, BLIP也很常用。\nQLoRA在LoRA的基础上引入了量化。\n",
    )
    assert ids["批归一化"] == ids["BN"] == ids["Batch Normalization"]
    assert ids["LayerNorm"] == ids["LN"] != ids["BN"]
    assert ids["Q-Former"] == ids["Qformer"]
    assert ids["BLIP2"] != ids["BLIP"] and ids["QLoRA"] != ids["LoRA"]
    q_former = next(c for c in export["concepts"] if c["id"] == ids["Q-Former"])
    assert len(q_former["documents"]) == 2


def test_unknown_names_from_declarations_and_headings_become_concepts(tmp_path):
    export, ids = graph_of(
        tmp_path,
        "#### (5) Mini-Monkey\n方案:多尺度自适应裁剪策略(MSAC),有效避免了因裁剪导致的信息丢失。\n",
    )
    assert "Mini-Monkey" in ids
    assert ids["MSAC"] == ids["多尺度自适应裁剪策略"]


def test_typos_resolve_to_the_concept_they_misspell(tmp_path):
    export, ids = graph_of(tmp_path, "方案: AnyRes + PixcelShuffle, 输入分辨率扩充到4k。\nPixelShuffle之后视觉token添加特殊字符。\n")
    assert ids["PixcelShuffle"] == ids["PixelShuffle"]


def test_no_junk_concepts(tmp_path):
    export, _ = graph_of(tmp_path, "1 2 3 4 | import torch\nself.q = nn.Linear(input_dim, dim_k)\n链接:https://zhuanlan.zhihu.com/p/682585974\n训练用了 A800 和 L40s, 第 2024 年, 效果 OK\n")
    names = {c["name"] for c in export["concepts"]}
    assert not names & {"A800", "L40s", "OK", "2024", "dim_k", "https", "zhuanlan"}
