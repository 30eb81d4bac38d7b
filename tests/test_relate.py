"""Relations from cue patterns and structure, one family at a time, with direction and evidence."""
from __future__ import annotations

import pytest

from graphs import graph_of, relations

CASES = [
    # (note text, expected (source name, TYPE, target name))
    ("QLoRA是一种高效的微调方法,它在LoRA的基础上引入了量化。", ("QLoRA", "EXTENDS", "LoRA")),
    ("VGG16: 在AlexNet 基础上每层都做了改进。", ("VGG16", "EXTENDS", "AlexNet")),
    ("相比YOLOv5,YOLOv8优化点: 使用C2f结构。", ("YOLOv8", "EXTENDS", "YOLOv5")),
    ("BLIP2 相对于 BLIP 有哪些改进?", ("BLIP2", "EXTENDS", "BLIP")),
    ("K-Means++是对K-Means的改进,只有第一个中心随机产生。", ("K-Means++", "EXTENDS", "K-Means")),
    ("Dropout是一种正则化技术,通过随机丢弃神经元来防止过拟合。", ("Dropout", "IS_A", "Regularization")),
    ("SimCLR是一种基于对比学习的视觉表示学习方法。", ("SimCLR", "USES", "对比学习")),
    ("Adam 结合 Momentum 和 RMSProp 的优点。", ("Adam", "USES", "RMSProp")),
    ("CLIP 通过对比学习,使图像和文本嵌入到同一个空间中。", ("CLIP", "USES", "对比学习")),
    ("岭回归是一种使用L2正则化的线性回归模型。", ("岭回归", "USES", "L2正则化")),
    ("Transformer由编码器和解码器组成。", ("Encoder", "PART_OF", "Transformer")),
    ("参考BLIP2中Q-Former的设计。", ("Q-Former", "PART_OF", "BLIP2")),
    ("使用dropout(避免过拟合)。", ("Dropout", "ADDRESSES", "过拟合")),
    ("LSTM 通过门控机制解决了梯度消失问题。", ("LSTM", "ADDRESSES", "梯度消失")),
    ("### BN和LN的区别?", ("BN", "COMPARED_WITH", "LN")),
    ("为什么不用 MSE 分类用交叉熵?", ("交叉熵", "COMPARED_WITH", "MSE")),
    ("LoRA is a parameter-efficient fine-tuning method.", ("LoRA", "IS_A", "PEFT")),
    ("QLoRA builds on LoRA by quantizing the base model.", ("QLoRA", "EXTENDS", "LoRA")),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[1][1] + ":" + c[0][:16] for c in CASES])
def test_cue_patterns(tmp_path, text, expected):
    export, ids = graph_of(tmp_path, text)
    source, rtype, target = expected
    assert (ids[source], rtype, ids[target]) in relations(export), relations(export)
    rel = next(r for r in export["relations"] if (r["source"], r["type"], r["target"]) == (ids[source], rtype, ids[target]) or
               rtype == "COMPARED_WITH" and {r["source"], r["target"]} == {ids[source], ids[target]} and r["type"] == rtype)
    assert rel["evidence"][0]["line"] == 1
    assert 0 < rel["confidence"] <= 1


def test_direction_is_never_reversed(tmp_path):
    export, ids = graph_of(tmp_path, "QLoRA在LoRA的基础上引入了量化。\nRMSProp 在 Adagrad 基础上引入指数滑动平均。\n")
    found = relations(export, ("EXTENDS",))
    assert (ids["QLoRA"], "EXTENDS", ids["LoRA"]) in found and (ids["LoRA"], "EXTENDS", ids["QLoRA"]) not in found
    assert (ids["RMSProp"], "EXTENDS", ids["Adagrad"]) in found


def test_negations_and_questions_state_nothing(tmp_path):
    export, ids = graph_of(tmp_path, "BatchNorm可能不如 LayerNorm 高效。\nBN 可以防止过拟合吗?\n")
    assert not relations(export, ("IS_A", "ADDRESSES", "EXTENDS", "USES"))


def test_list_under_a_kind_and_under_a_model(tmp_path):
    export, ids = graph_of(tmp_path, "\n".join([
        "（2）参数高效微调PEFT",
        "- LoRA: 注入可训练的低秩分解矩阵",
        "- QLoRA: 对低秩矩阵量化",
        "",
        "MobileNet: 考虑模型复杂度",
        "1、深度可分离卷积: 一个卷积核负责一个通道",
    ]))
    found = relations(export)
    assert (ids["LoRA"], "IS_A", ids["PEFT"]) in found and (ids["QLoRA"], "IS_A", ids["PEFT"]) in found
    assert (ids["PEFT"], "IS_A", ids["LoRA"]) not in found
    assert (ids["MobileNet"], "USES", ids["深度可分离卷积"]) in found


def test_items_under_how_to_prevent_question(tmp_path):
    export, ids = graph_of(tmp_path, "### 如何防止梯度消失?\n1. 残差连接: 让梯度直接回流\n2. 层归一化LayerNorm\n")
    found = relations(export, ("ADDRESSES",))
    assert (ids["残差连接"], "ADDRESSES", ids["梯度消失"]) in found and (ids["LN"], "ADDRESSES", ids["梯度消失"]) in found


def test_comparison_table_header(tmp_path):
    export, ids = graph_of(tmp_path, "| | BLIP2 | LLaVA |\n|---|---|---|\n| 桥接结构 | Q-former | 线性投影层 |\n")
    assert any(r["type"] == "COMPARED_WITH" and {r["source"], r["target"]} == {ids["BLIP2"], ids["LLaVA"]} for r in export["relations"])


def test_a_row_of_representative_models_under_compared_techniques(tmp_path):
    """"| 代表模型 | BLOOM | Qwen, Mistral |" under "| 对比 | ALiBi | RoPE |": each model uses its column's technique."""
    export, ids = graph_of(tmp_path, "# 位置编码\n\n| 对比 | ALiBi | RoPE |\n| --- | --- | --- |\n| 外推 | 好 | 一般 |\n"
                                     "| **代表模型** | BLOOM | Qwen, Mistral (多数) |\n")
    found = relations(export, ("USES",))
    assert (ids["BLOOM"], "USES", ids["ALiBi"]) in found and (ids["Mistral"], "USES", ids["RoPE"]) in found
    assert (ids["BLOOM"], "USES", ids["RoPE"]) not in found


def test_confidence_grows_with_independent_documents(tmp_path):
    one, ids = graph_of(tmp_path / "one", "QLoRA在LoRA的基础上引入了量化。")
    two, _ = graph_of(tmp_path / "two", "QLoRA在LoRA的基础上引入了量化。", "QLoRA是LoRA的改进版本。")
    pick = lambda e: next(r for r in e["relations"] if r["type"] == "EXTENDS")
    assert pick(two)["confidence"] > pick(one)["confidence"]
    assert len(pick(two)["evidence"]) == 2


def test_glosses_with_numbers_inside_lists(tmp_path):
    export, ids = graph_of(tmp_path, "### 介绍RLHF\n使用近端策略优化 (Proximal Policy Optimization, PPO 2017) 算法、DPO (v2) 微调 LM 的参数。\n")
    assert (ids["RLHF"], "USES", ids["PPO"]) in relations(export)


def test_list_after_ru_xia_under_a_topic_heading(tmp_path):
    export, ids = graph_of(tmp_path, "问题二:Qformer介绍\n不同的交互任务如下:图文对比学习ITC,图文匹配ITM。\n")
    found = relations(export, ("USES",))
    assert (ids["Q-Former"], "USES", ids["ITC"]) in found and (ids["Q-Former"], "USES", ids["ITM"]) in found


def test_sizes_are_linked_to_their_family_and_versions_only_when_said(tmp_path):
    """ResNet-50 is a ResNet by its name; YOLOv8 is no variant of YOLOv5 unless a sentence says so
    (judges read "YOLOv5 … YOLOv8 …" as stating nothing between them)."""
    export, ids = graph_of(tmp_path, "# 检测模型\nYOLOv5 速度很快。\n\nYOLOv8 的精度更高。\n\nResNet 有残差连接。ResNet-50 常作为骨干网络。\n")
    found = relations(export)
    assert (ids["YOLOv8"], "EXTENDS", ids["YOLOv5"]) not in found
    assert (ids["ResNet-50"], "IS_A", ids["ResNet"]) in found
    link = next(r for r in export["relations"] if (r["source"], r["type"]) == (ids["ResNet-50"], "IS_A"))
    assert {e["line"] for e in link["evidence"]} == {6}
    prereqs = relations(export, ("PREREQUISITE_OF",))
    assert (ids["ResNet"], "PREREQUISITE_OF", ids["ResNet-50"]) not in prereqs  # a family is no prerequisite of its sizes
