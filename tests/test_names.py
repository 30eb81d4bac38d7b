"""Names on unseen text: the shape of a name, declarations, versions, variants and name slots.

Every sentence here is written for the test; each test names the construction it covers.
"""
from __future__ import annotations

import pytest
from graphs import graph_of

from kg.discover import find_declared
from kg.nameshape import cn_name_before, english_kind
from kg.resolve import stands_alone
from kg.variants import cn_canonical, cn_permutation, cn_variants, hybrid_forms, singular_key, version_split


def pairs(text: str) -> list[tuple[str, str]]:
    """The declared pairs, without those that hold only for an English word the lexicon knows."""
    return [(d.first, d.second) for d in find_declared(text, 1) if not d.needs_known]


# --- the left boundary of a Chinese name -----------------------------------------------------

@pytest.mark.parametrize("before, name", [
    ("我们在第二阶段才会被对应的图像编码器", "图像编码器"),      # particles, passive, auxiliary verb
    ("这里演示了怎样使用流水线并行", "流水线并行"),            # clause verb before its object
    ("它的关键其实就是交叉注意力", "交叉注意力"),              # adverbs and copula
    ("作者选择一个深度可分离卷积", "深度可分离卷积"),          # a count
    ("论文里的随机深度网络", "随机深度网络"),                  # an adverb before a noun modifies it
    ("最后加入多层感知卷积层", "多层感知卷积层"),              # 多层 is part of the term
    ("在我们训练", None),                                      # no head
    ("网络", None),                                            # the head alone
    ("其中有停止梯度", None),                                  # verb + object: a clause, no name
    ("如图所示的模型结构", None),                              # generic words only
])
def test_a_chinese_name_begins_after_function_words_and_clause_verbs(before, name):
    assert cn_name_before(before) == name


def test_declared_pairs_need_a_name_on_both_sides():
    # brackets after a clean noun phrase, an English name, an abbreviation that fits
    assert pairs("后来又会被对应的图像编码器（Image Encoder, IE）处理") == [("图像编码器", "Image Encoder"), ("图像编码器", "IE")]
    # a verb phrase or a generic noun before a name is not its name
    assert pairs("我们先训练BERT，再采用ResNet做特征") == []
    assert pairs("首先输入图像(CLIP)会被编码, 再交给模型(GPT)") == []
    assert pairs("蒸馏时有老师网络(RoBERTa), 也有学生网络(DistilRoBERTa)") == []  # a role, not a name
    # a count word before the bracket is cut off
    assert pairs("这里选择一个预训练(pretrained)的权重") == []
    # lower-case prose is declared, but resolution only lets it join a known name
    assert pairs("再做梯度裁剪(gradient clipping)") == [("梯度裁剪", "gradient clipping")]
    assert pairs("先累积梯度(accumulate gradients)再更新") == []  # verb + object: a clause
    # a Chinese coordination and an English title with "and": two things, not one name
    assert pairs("图像分类与目标检测(Image Classification and Object Detection)") == []


def test_an_abbreviation_of_a_long_name_is_checked_by_its_initials():
    assert pairs("提出了 sparse mixture routing network（SMRN）") == [("sparse mixture routing network", "SMRN")]
    assert pairs("使用 PEFT-LoRA (PyTorch) 实现") == []


def test_more_ways_of_declaring_a_name():
    # a word after the term that says it is performed, not part of its name
    assert pairs("网络里还用了层级归一化操作（Hierarchical Normalization, HN）") == [
        ("层级归一化", "Hierarchical Normalization"), ("层级归一化", "HN")]
    # a Chinese modifier glued to a Latin name, bracketed with the English modifier
    assert pairs("后来常用的是双向LSTM（Bidirectional LSTM）") == [("双向LSTM", "Bidirectional LSTM")]
    assert pairs("这里使用LSTM（Bidirectional LSTM）") == []
    # the unit of a number in a title is not part of the name
    assert pairs("十分钟读懂混合精度训练（Mixed Precision Training）") == [("混合精度训练", "Mixed Precision Training")]
    # 也被称为 after a 所谓 sentence names its topic; two Chinese names when the word names
    assert pairs("所谓数据并行，就是每张卡放一份模型，各自处理一部分数据，也被称为批次并行。") == [("数据并行", "批次并行")]
    assert pairs("知识蒸馏也称作师生学习。") == [("知识蒸馏", "师生学习")]
    assert pairs("过拟合，也就是模型在训练集上表现很好的情况。") == []
    # a Chinese kind glued to the first of a list of names is no name of it
    assert pairs("下文将讲解混合微调方法MAM Adapter、UniPELT。") == []
    # 层间, 组内: a place word makes a modifier inside a name
    assert cn_name_before("我们把它叫组内卷积") == "组内卷积"


def test_a_declared_name_joins_a_known_concept_through_its_written_variant(tmp_path):
    export, ids = graph_of(tmp_path, "网络用到了批量规范化（Batch Normalisation Layer）。\n批归一化很常见。\n")
    assert ids["Batch Normalisation Layer"] == ids["批归一化"]


def test_a_field_before_a_person_noun_is_no_mention_of_it(tmp_path):
    export, ids = graph_of(tmp_path, "深度学习研究者常用Adam训练模型。\n深度学习很流行。\n")
    deep = next(c for c in export["concepts"] if c["id"] == ids["深度学习"])
    assert deep["mentions"] == 1, deep


def test_versioned_latin_name_is_not_declared_equal_to_a_plain_chinese_name():
    assert pairs("残差网络(ResNet-50)在 ImageNet 上训练") == []


@pytest.mark.parametrize("text, kind", [
    ("Grouped Convolution", "name"), ("SwiGLU", "name"), ("Qwen-14B", "name"), ("Network in Network", "name"),
    ("reduce channel dimensions", "phrase"), ("pre-trained", "phrase"),
    ("Scene-level", None), ("Token-wise", None), ("Output", None), ("k_l", None), ("BA=0", None), ("x", None),
])
def test_the_english_side_of_a_name(text, kind):
    assert english_kind(text) == kind


@pytest.mark.parametrize("word, alone", [
    ("GRPO", True), ("SwiGLU", True), ("Hidden", False), ("Input", False), ("PREFIX", True), ("FOR", False),
    ("IN", False), ("KV", False), ("P", False), ("多维混合并行", True),
])
def test_discovered_words_need_the_shape_of_a_name(word, alone):
    assert stands_alone(word) is alone


def test_everyday_words_and_short_tokens_do_not_become_concepts(tmp_path):
    export, ids = graph_of(tmp_path, "## Output\n\n最后一层是输出层(Output)，中间的隐藏层(Hidden)。\n"
                                     "其中 KV 和 KV 两个 P_p 记号, 以及 k_l 与 k_l。\nSwiGLU 和 SwiGLU 是激活函数。\n")
    names = {c["name"] for c in export["concepts"]}
    assert "SwiGLU" in names
    assert not names & {"Output", "Hidden", "KV", "P_p", "k_l"}
    assert all("Hidden" not in c["aliases"] for c in export["concepts"])


def test_a_numbered_label_of_the_text_is_no_concept(tmp_path):
    export, ids = graph_of(tmp_path, "## 训练\n- **Stage 1**: 只训练投影层\n- **Phase 2**: 全量微调\n- **Figure 3** 与 Step4 见上\n"
                                     "- **Qwen 2**: 一个模型\n")
    names = {c["name"] for c in export["concepts"]}
    assert not names & {"Stage 1", "Phase 2", "Figure 3", "Step4"}
    assert "Qwen 2" in names or "Qwen2" in names


def test_a_heading_that_is_a_clause_between_two_names_is_no_name(tmp_path):
    export, ids = graph_of(tmp_path, "## 最大池化改成平均池化\n说明。\n## 最大池化改成平均池化\n再说明。\n")
    names = {c["name"] for c in export["concepts"]}
    assert "最大池化改成平均池化" not in names and {"Max Pooling", "Average Pooling"} <= names


def test_lowercase_prose_joins_a_known_name_but_never_makes_one(tmp_path):
    export, ids = graph_of(tmp_path, "先累积梯度(accumulate gradients)再更新。\n梯度裁剪(gradient clipping)防止爆炸。\n")
    assert "accumulate gradients" not in ids and "累积梯度" not in ids
    assert ids["gradient clipping"] == ids["梯度裁剪"]


def test_a_more_specific_phrase_is_not_another_name_of_the_concept_it_contains(tmp_path):
    export, ids = graph_of(tmp_path, "采用最大池化(overlapping max pooling)。\n使用标准多层感知机(MLP)。\n")
    assert "overlapping max pooling" not in ids
    assert "标准多层感知机" not in ids


# --- versions and sizes ----------------------------------------------------------------------

@pytest.mark.parametrize("name, split", [
    ("VGG19", ("VGG", "19")), ("ResNet-152", ("ResNet", "152")), ("DeepLabv3+", ("DeepLab", "v3+")),
    ("Llama 3", ("Llama", "3")), ("Qwen-72B", ("Qwen", "72B")), ("MobileNetV2", ("MobileNet", "V2")),
    ("Seq2Seq", None), ("T5", None),
])
def test_version_split(name, split):
    assert version_split(name) == split


def test_versions_and_sizes_stay_apart_from_their_family(tmp_path):
    export, ids = graph_of(tmp_path, "VGG 有 VGG16 和 VGG19 两种。\nResNet 的 ResNet-152 更深, ResNet-101 也常用。\n"
                                     "FlashAttention-2 改进了 FlashAttention。\nDeepLabv3+ 在 DeepLabv3 上加了解码器。\n"
                                     "HydraNet-3 和 HydraNet-3 以及 HydraNet 和 HydraNet。\nHydraNet(HydraNet-3)\n")
    for a, b in [("VGG", "VGG16"), ("VGG16", "VGG19"), ("ResNet", "ResNet-152"), ("FlashAttention", "FlashAttention-2"),
                 ("DeepLabv3", "DeepLabv3+"), ("HydraNet", "HydraNet-3")]:
        assert ids[a] != ids[b], (a, b)


def test_a_first_version_named_once_goes_by_its_family(tmp_path):
    export, ids = graph_of(tmp_path, "DeepSpeed-v1 之后有了更多功能。\nDeepSpeed 很常用, DeepSpeed 支持 ZeRO。\n")
    assert ids["DeepSpeed-v1"] == ids["DeepSpeed"]


def test_a_first_version_is_a_member_of_its_family_not_another_name(tmp_path):
    export, ids = graph_of(tmp_path, "FlashAttention 1 之后有了 FlashAttention-2。\nFlashAttention 很快, FlashAttention 1 也快。\n")
    assert len({ids["FlashAttention 1"], ids["FlashAttention"], ids["FlashAttention-2"]}) == 3
    assert ("IS_A", ids["FlashAttention 1"], ids["FlashAttention"]) in {(r["type"], r["source"], r["target"]) for r in export["relations"]}


# --- forms of one name -----------------------------------------------------------------------

def test_plural_and_singular():
    assert singular_key("gnns") == "gnn" and singular_key("loss") is None


def test_plurals_of_acronyms_and_names_join_the_singular(tmp_path):
    export, ids = graph_of(tmp_path, "CNNs 和 RNNs 都是网络, CNN 与 RNN。\nTransformers 比 Transformer 多一个 s。\n")
    assert ids["CNNs"] == ids["CNN"] and ids["RNNs"] == ids["RNN"]


def test_typos_of_discovered_names_join_them(tmp_path):
    export, ids = graph_of(tmp_path, "HyperStreamer 很快, HyperStreamer 也很稳。\n但 HyperStreamr 写错了。\n")
    assert ids["HyperStreamr"] == ids["HyperStreamer"]


def test_chinese_variants():
    assert cn_canonical("批量规范化") == cn_canonical("批量归一化")                 # synonym morpheme
    assert cn_canonical("牛顿法") == cn_canonical("牛顿算法")                       # ending
    assert cn_canonical("全量参数微调") == cn_canonical("全量微调")                 # optional word before the head
    assert cn_permutation("高效参数微调", "参数高效微调")                           # modifiers in another order
    assert not cn_permutation("模型并行", "并行模型")
    assert "扩张卷积" in cn_variants("空洞卷积")


def test_chinese_variants_of_known_names_are_found_in_text(tmp_path):
    export, ids = graph_of(tmp_path, "带孔卷积扩大感受野。\n高效参数微调只训练少量参数。\n")
    assert ids["带孔卷积"] == ids["空洞卷积"]
    assert ids["高效参数微调"] == ids["参数高效微调"]


def test_chinese_latin_hybrids():
    assert hybrid_forms("RoI Pooling") == ["RoI池化"]
    assert "ZFNet" in hybrid_forms("ZF网络")
    assert hybrid_forms("ResNet") == []  # Res网络 is no name


def test_hybrid_names_in_text(tmp_path):
    export, ids = graph_of(tmp_path, "用 RoI池化 得到定长特征, RoI Pooling 很常用。\nTransformer模型和 Transformer 一样。\n")
    assert ids["RoI池化"] == ids["RoI Pooling"]
    assert ids["Transformer模型"] == ids["Transformer"]


# --- name slots ------------------------------------------------------------------------------

def test_names_from_headings_list_heads_bold_and_problems(tmp_path):
    export, ids = graph_of(
        tmp_path,
        "## 稀疏/稠密检索\n\n- 专家路由策略：把 token 分给专家\n\n采用**渐进式蒸馏**方案。\n"
        "残差学习缓解了网络退化问题。\n后来 SimPO、CPO、RRHF 这些方法也被提出。\n",
    )
    for name in ("稀疏检索", "稠密检索", "专家路由策略", "渐进式蒸馏", "网络退化问题", "SimPO", "CPO", "RRHF"):
        assert name in ids, name


def test_title_case_names_and_versions_written_apart(tmp_path):
    export, ids = graph_of(tmp_path, "Spectral Normalization 稳定了 GAN。\n再看 Spectral Normalization。\n"
                                     "DeepSeek 3 比 DeepSeek 3 好, Related Work 和 Related Work 不是名字。\n")
    assert "Spectral Normalization" in ids and "DeepSeek 3" in ids
    assert "Related Work" not in ids


# --- families --------------------------------------------------------------------------------

def test_family_links_say_which_version_or_size_belongs_to_which():
    from kg.families import family_links

    names = {"dl": "DeepLab", "dl1": "DeepLabv1", "dl2": "DeepLabv2", "fa": "FlashAttention", "fa2": "FlashAttention-2",
             "fa3": "FlashAttention-3", "vgg": "VGGNet", "vgg-base": "VGG", "vgg19": "VGG19", "l2": "Llama 2",
             "l2-13b": "Llama-2-13B", "bert": "BERT", "w2v": "Word2Vec", "mx": "Mixtral-8x7B"}
    links = set(family_links(names))
    assert ("dl2", "dl1", "EXTENDS") in links and ("dl1", "dl", "IS_A") in links  # the first version is a member
    assert ("fa2", "fa", "EXTENDS") in links and ("fa3", "fa2", "EXTENDS") in links
    assert ("vgg19", "vgg-base", "IS_A") in links
    assert ("l2-13b", "l2", "IS_A") in links
    assert not {link for link in links if link[0] in ("bert", "w2v", "mx")}


def test_a_built_graph_keeps_family_members_apart_and_linkable(tmp_path):
    from kg.families import family_links

    export, ids = graph_of(tmp_path, "YOLOv3 之后是 YOLOv4, 再后来 YOLOv7。\nYOLOv7 比 YOLOv4 快。\n")
    names = {c["id"]: c["name"] for c in export["concepts"]}
    links = set(family_links(names))
    assert (ids["YOLOv7"], ids["YOLOv4"], "EXTENDS") in links and (ids["YOLOv4"], ids["YOLOv3"], "EXTENDS") in links


# --- Chinese word boundaries -----------------------------------------------------------------

def test_a_short_chinese_name_does_not_match_inside_a_longer_word():
    from kg.lexicon import SurfaceIndex

    index = SurfaceIndex({"互信息": "mi", "注意力": "attention", "训练集": "train", "显存": "memory", "分词": "tokenize"})

    def found(text: str) -> list[str]:
        return [text[m.start:m.end] for m in index.find(text)]

    assert found("用户交互信息被记录下来") == []          # 交互 crosses the left edge
    assert found("他的注意力度很集中") == []              # 力度 crosses the right edge
    assert found("把一部分词遮住") == []                  # 部分 crosses the left edge
    assert found("两个变量的互信息越大越相关") == ["互信息"]
    assert found("样本在训练集中出现过") == ["训练集"]     # 集中: a particle after a term does not cut it
    assert found("因为显存在推理时不够") == ["显存"]
    assert found("注意力机制和互信息") == ["注意力", "互信息"]
    index = SurfaceIndex({"量化": "quant"})
    assert found("一种轻量化的网络") == []                # a rare dictionary word (轻量化) holds the match
    assert found("模型量化后精度下降") == ["量化"]


# --- more forms of one name ------------------------------------------------------------------

def test_a_name_with_or_without_its_maker(tmp_path):
    export, ids = graph_of(tmp_path, "NVIDIA TensorRT 很快。\nTensorRT 也支持 INT8。\n")
    assert ids["NVIDIA TensorRT"] == ids["TensorRT"]


def test_an_abbreviation_of_a_camel_case_name(tmp_path):
    assert pairs("SparseAttention (SA) 只看一部分位置") == [("SparseAttention", "SA")]
    export, ids = graph_of(tmp_path, "HyperStreamer (HS) 很快。\nHyperStreamer 也很稳。\n")
    assert ids["HS"] == ids["HyperStreamer"]


def test_that_is_declares_another_name():
    assert pairs("后面的 Min-P，也就是最小概率采样，很新") == [("Min-P", "最小概率采样")]


def test_plurals_of_names_with_a_version_and_acronym_words(tmp_path):
    export, ids = graph_of(tmp_path, "ResNets-50 很常见, ResNet-50 也是。\nSPPnets 和 SPPNet 相同。\n")
    assert ids["ResNets-50"] == ids["ResNet-50"]
    assert ids["SPPnets"] == ids["SPPNet"]


def test_a_latin_name_with_the_chinese_of_its_kind(tmp_path):
    export, ids = graph_of(tmp_path, "One-stage目标检测算法速度快。\nOne-stage 目标检测算法 精度略低。\n")
    assert ids["One-stage目标检测算法"] == ids["单阶段目标检测"]


def test_fragments_families_and_makers_are_not_other_names(tmp_path):
    export, ids = graph_of(tmp_path, "最后一个全连接层(connected layer)输出。\nBaichuanForCausalLM(百川家族模型)\n"
                                     "Megatron-LM 很大, 而 LM 是语言模型。\nLM 和 LM。\n")
    assert "connected layer" not in ids
    assert "百川家族模型" not in ids
    assert ids.get("LM") != ids["Megatron-LM"]


def test_explain_says_where_a_name_was_found(tmp_path):
    from conftest import run_kg

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("## 渐进式剪枝\n\n带孔卷积扩大感受野。\n", encoding="utf-8")
    out = run_kg("build", str(notes), "--store", str(tmp_path / "s"), "--explain", "渐进式剪枝", "--explain", "带孔卷积",
                 check=True).stdout
    assert "heading" in out and "a.md:1" in out
    assert "Dilated Convolution" in out  # another writing of a known name, shown with it


# --- a note's own sense of a known abbreviation ------------------------------------------------


def test_a_note_that_spells_out_a_known_abbreviation_otherwise_means_its_own_thing(tmp_path):
    export, ids = graph_of(tmp_path, "# 投机推理\n\n它结合了多个小型投机模型 (SSM) 来共同预测输出。SSM 的输出再由大模型验证。\n",
                           "# Mamba\n\nSSM 即状态空间模型。Mamba 是一种 SSM，推理很快。\n")
    assert ids["小型投机模型"] != ids["状态空间模型"]
    drafts = next(c for c in export["concepts"] if c["id"] == ids["小型投机模型"])
    assert "SSM" in drafts["aliases"]  # the first note's SSM is its own
    assert (ids["Mamba"], "IS_A", ids["状态空间模型"]) in {(r["source"], r["type"], r["target"]) for r in export["relations"]}


def test_an_english_spelling_with_other_words_is_another_sense(tmp_path):
    export, ids = graph_of(tmp_path, "后来又提出了基于渐进神经网络(progressive neural networks, PNN)的迁移算法。PNN 能避免遗忘。\n")
    assert ids["PNN"] == ids["渐进神经网络"] == ids["progressive neural networks"]
    assert ids["PNN"] != ids.get("Product-based Neural Network")


def test_the_same_words_spelled_otherwise_keep_the_known_sense(tmp_path):
    export, ids = graph_of(tmp_path, "我们使用层归一化(layer normalisation, LN)。LN 很常用。\n")
    assert ids["LN"] == ids["Layer Normalization"] == ids["层归一化"]


def test_after_a_preposition_or_a_count_a_verb_modifies_the_name():
    assert cn_name_before("此后提出了一种基于渐进神经网络") == "渐进神经网络"
    assert cn_name_before("它结合了多个小型投机模型") == "小型投机模型"
    assert cn_name_before("示了如何使用张量并行") == "张量并行"


def test_an_enhanced_kind_of_a_thing_describes_it_and_names_nothing():
    assert cn_name_before("其中也简述了增强版数据并行") is None
    assert pairs("文中也介绍了框架里的增强版数据并行ZeRO。") == []


def test_the_first_configuration_of_a_sized_model_is_not_the_model(tmp_path):
    export, ids = graph_of(tmp_path, "VGG16 有多种配置。\nVGG16-1 使用了 1x1 卷积, VGG16-3 没有。\nVGG16-1 更浅。\n")
    assert ids.get("VGG16-1") != ids["VGG16"]


def test_senses_the_lexicon_keeps_apart(tmp_path):
    export, ids = graph_of(tmp_path, "RepVGG 在推理时做结构重参数化。VAE 用重参数化技巧采样。\n"
                                     "拉格朗日乘子法把约束写进目标。SVM 常转成对偶问题求解。\n")
    assert ids["结构重参数化"] != ids["重参数化技巧"]
    assert ids["拉格朗日乘子法"] != ids["对偶问题"]


def test_names_whose_capitals_differ_are_no_typos_of_each_other(tmp_path):
    export, ids = graph_of(tmp_path, "TextCNN 用卷积分类。\nTextRNN 用循环网络, TextRNN 更慢。\nFasterTransformer 很快, FasterTransormer 也是。\n")
    assert ids["TextCNN"] != ids["TextRNN"]
    assert ids["FasterTransormer"] == ids["FasterTransformer"]


def test_a_symbol_with_a_subscript_is_no_name(tmp_path):
    export, ids = graph_of(tmp_path, "卷积的参数量是 C_in 乘以 C_out 再乘以 K, batch_size 取 32。\n")
    assert "C_in" not in ids
    assert "batch_size" in ids


def test_section_titles_and_titles_in_capitals_are_no_names(tmp_path):
    export, ids = graph_of(tmp_path, "### 4.3 Focal Loss Definition\n\nFocal Loss 降低易分样本的权重。\n\n"
                                     "[1] [SPARSE MIXING WITH ROUTED EXPERTS](https://example.org)\n"
                                     "[2] [SPARSE MIXING WITH ROUTED EXPERTS](https://example.org/v2)\n"
                                     "论文发表在 ICLR 上, ICLR 是会议。\n")
    assert "Focal Loss Definition" not in ids
    assert "SPARSE MIXING WITH ROUTED EXPERTS" not in ids
    assert "ICLR" not in ids


def test_a_heading_of_generic_words_names_nothing():
    from kg.slots import heading_terms

    assert heading_terms("2.2、网络结构") == [] and heading_terms("3.1 模型结构") == []
    assert heading_terms("2.3 模型并行") == ["模型并行"]


def test_a_verb_and_a_count_or_chinese_between_two_latin_names_name_nothing():
    assert pairs("如果在输入后面先接一层GRU, 再接Transformer") == []
    assert pairs("第二步使用RM模型优化PPO策略") == []
    assert pairs("在Transformer中引入旋转位置编码RoPE") == [("旋转位置编码", "RoPE")]


def test_an_abbreviation_before_the_bracket_that_spells_it_out_another_way(tmp_path):
    export, ids = graph_of(tmp_path, "论文还弄了个简称EMD（Enhanced Mask Decoder）。EMD 负责预测被掩码的词。\n")
    assert ids["EMD"] == ids["Enhanced Mask Decoder"] != ids.get("Earth Mover's Distance")


def test_letters_spelled_one_by_one_are_no_acronym(tmp_path):
    export, ids = graph_of(tmp_path, "这样, “我爱北京”就会被标注为 S S B E。\n")
    assert not any(c["category"] == "problem" for c in export["concepts"])


def test_a_gloss_without_a_term_head_is_no_name_of_a_known_concept(tmp_path):
    export, ids = graph_of(tmp_path, "图中 DPO（黄色散点）在所有 KL 值上都最高。DPO 训练很稳定。\n")
    assert "黄色散点" not in ids


def test_a_spelled_out_abbreviation_sharing_only_common_words_is_another_sense(tmp_path):
    export, ids = graph_of(tmp_path, "XLNet 通过PLM(Permutation Language Model)预训练目标吸收了双向信息。PLM 是 XLNet 的核心。\n")
    assert ids["PLM"] == ids["Permutation Language Model"] != ids.get("Pre-trained Language Model")


def test_measures_adjectives_descriptions_and_clauses_are_no_names():
    from kg.slots import hybrid_names

    assert cn_name_before("微调速度") is None and cn_name_before("解决效率问题") is None
    assert cn_name_before("可学习") is None and cn_name_before("可分离卷积") == "可分离卷积"
    assert cn_name_before("是一种端到端的模型") is None
    assert cn_name_before("训练奖励模型") == "奖励模型" and cn_name_before("部署推理模型") == "推理模型"
    assert cn_name_before("最小化交叉熵损失") == "交叉熵损失"
    assert cn_name_before("集成学习基本问题") is None and cn_name_before("缓解梯度消失问题") == "梯度消失问题"
    assert hybrid_names("ZeRO-DP 对模型状态进行切分") == [] and hybrid_names("将 up 层初始化为零") == []
    assert hybrid_names("RoI池化之后") == ["RoI池化"]


def test_number_formats_are_widths_not_versions():
    from kg.families import family_links

    links = family_links({"int4": "INT4", "int8": "INT8", "fp8": "FP8", "fp16": "FP16", "yolov5": "YOLOv5", "yolov8": "YOLOv8"})
    assert links == [("yolov8", "yolov5", "EXTENDS")]


def test_a_chinese_term_glossed_by_a_few_english_words_is_a_concept(tmp_path):
    assert pairs("而 skip connection（跳跃连接）把浅层特征带到深层") == [("skip connection", "跳跃连接")]
    assert pairs("用 the model（模型）训练") == []
    export, ids = graph_of(tmp_path, "这个模型用分块注意力（chunked local attention）处理长文本。\n分块注意力只看窗口内的词。\n")
    assert ids["分块注意力"] == ids["chunked local attention"]


def test_the_bold_head_of_a_definition_line_is_a_name(tmp_path):
    export, ids = graph_of(tmp_path, "## 显存优化\n**Paged Optimizer**：把优化器状态放到分页内存里。\n"
                           "- **记忆状态（Memory State, $m_t$）**：保存长期信息。\n2. **Falcon / Sparrow** 等：两种草稿头。\n"
                           "**注意**：这里不要混淆。\n")
    assert {"Paged Optimizer", "Falcon", "Sparrow"} <= set(ids)
    assert ids["记忆状态"] == ids["Memory State"]
    assert "注意" not in ids


def test_a_heading_glossed_in_english_names_a_concept(tmp_path):
    export, ids = graph_of(tmp_path, "## 漂移值 (Driftings)\n漂移值会让误差变大。\n## 优点 (Advantages)\n速度快。\n")
    assert ids["漂移值"] == ids["Driftings"] and "Advantages" not in ids


def test_titles_and_purpose_clauses_are_no_names_and_plural_typos_merge(tmp_path):
    from kg.nameshape import english_kind

    assert english_kind("Convolutional With Anchor Boxes") is None and english_kind("Network in Network") == "name"
    assert cn_name_before("局部敏感哈希来加速") is None
    export, ids = graph_of(tmp_path, "## Achor Boxes\nYOLO 用 Anchor Box 预测边框。\n### Training With Anchor Boxes\n")
    assert ids["Achor Boxes"] == ids["Anchor Box"] and "Training With Anchor Boxes" not in ids


def test_a_noun_phrase_without_a_term_head_glossed_by_english_words_is_a_concept():
    assert pairs("论文里提出了通道重排（channel reorder）操作") == [("通道重排", "channel reorder")]
    assert pairs("也叫作软约束变量(soft variable)") == [("软约束变量", "soft variable")]
    assert pairs("这一点很重要(very important)") == [] and pairs("再累积梯度(accumulate gradients)") == []


def test_headings_that_label_a_part_of_a_note_name_nothing():
    from kg.slots import heading_terms

    assert heading_terms("2、优化策略") == [] and heading_terms("1、整体网络结构") == [] and heading_terms("4.1 检测头优化") == []
    assert heading_terms("3.2 多尺度训练") == ["多尺度训练"] and heading_terms("静态量化") == ["静态量化"]


def test_counted_initials_and_naming_after_a_description():
    assert pairs("最常用的是 A3C(Asynchronous Advantage Actor-Critic)。") == [("A3C", "Asynchronous Advantage Actor-Critic")]
    assert pairs("把优势函数用进来的 Advantage Actor-Critic，就叫做 A2C。") == [("Advantage Actor-Critic", "A2C")]
    assert pairs("局部响应归一化，被称为LRN") == [("局部响应归一化", "LRN")]
    assert pairs("实现了 Conditional Computing，也就是根据输入内容选专家") == []


def test_a_name_left_out_by_coordination_is_no_alias_of_its_part(tmp_path):
    export, ids = graph_of(tmp_path, "静态/动态量化都常用。DeepSpeed 支持模型和数据并行。训练会遇到梯度消失和爆炸。\n")
    assert ids["静态量化"] != ids["动态量化"] and ids["模型并行"] != ids["数据并行"] and "梯度爆炸" in ids
    assert not {"静态", "模型", "爆炸"} & set(ids)


def test_an_abbreviation_may_take_letters_from_inside_the_words_it_shortens():
    """CW from Clockwork, MM from Multimodal; every word still gives its first letter."""
    assert pairs("本节介绍 Clockwork Networks（CW-Nets）。") == [("Clockwork Networks", "CW-Nets")]
    assert pairs("多模态模型 Multimodal Foundation Models（MM-FMs）很流行") == [("Multimodal Foundation Models", "MM-FMs")]
    assert pairs("提出了 Layer Scaling（BN）") == []


def test_one_letter_put_for_another_in_a_short_name_is_another_name(tmp_path):
    """RetNet is no typo of ResNet; RessNet (a letter added) is."""
    export, ids = graph_of(tmp_path, "RetNet 用保留机制替代注意力, RetNet 推理快。\nResNet 用残差连接。RessNet 很深。\n")
    assert ids["RetNet"] != ids["ResNet"]
    assert ids["RessNet"] == ids["ResNet"]


def test_vs_is_no_part_of_a_declared_name():
    assert pairs("分类维度: PTQ（训练后量化）vs QAT（量化感知训练）") == [("PTQ", "训练后量化"), ("QAT", "量化感知训练")]


def test_a_chinese_phrase_glossed_by_one_known_english_word_joins_it(tmp_path):
    """中文（word): with no term head the phrase starts after the last function word or clause verb,
    and it is a name only when the English word is one the lexicon knows."""
    export, ids = graph_of(tmp_path, "更新时都加上惯性项（momentum），训练更稳。\n"
                                     "这种做法会让模型出现的过度记忆（overfitting）更少。\n"
                                     "输出的结果会有抖动（jitter）。\n")
    assert ids["惯性项"] == ids["Momentum"] and ids["过度记忆"] == ids["Overfitting"]
    assert "抖动" not in ids and "加上惯性项" not in ids


def test_a_heading_that_puts_the_maker_before_a_new_name_is_that_name(tmp_path):
    """``## Google ServeX`` over a note on ServeX (a name no lexicon knows): one concept, not two."""
    export, ids = graph_of(tmp_path, "## Google ServeX\n\nServe Extreme（ServeX）是 Google 推出的推理框架。\n\n"
                                     "### 主要特性\n\n- 使用 FlashAttention 优化推理\n")
    assert ids["Google ServeX"] == ids["ServeX"]
    assert (ids["ServeX"], "USES", ids["FlashAttention"]) in {(r["source"], r["type"], r["target"]) for r in export["relations"]}


def test_an_english_name_written_with_other_word_endings_is_the_known_name(tmp_path):
    """Knowledge Distilling / Knowledge Distillation, Positional Encodings / Position Encoding: the same words with
    other endings; an Encoder is still no Encoding."""
    export, ids = graph_of(tmp_path, "## 压缩\n\n**Knowledge Distilling** 让小模型学大模型。Knowledge Distilling 很常用。\n\n"
                                     "**Transformer Encoding** 是什么? Transformer Encoding 见下文。\n")
    assert ids["Knowledge Distilling"] == ids["Knowledge Distillation"]
    assert ids.get("Transformer Encoding") != ids.get("Transformer Encoder")


def test_capitals_that_begin_a_name_in_the_same_note_are_its_short_form(tmp_path):
    """EFF beside EfficientNet, CNX beside ConvNeXt (its capitals): short forms; capitals that begin no name
    of their note, or several, stay apart."""
    export, ids = graph_of(tmp_path, "# 笔记\n\nEfficientNet 和 ConvNeXt 都会讲到。\n\n- EFF 同时缩放深度和宽度\n- CNX 是纯卷积网络\n- EFF 的参数更少\n",
                           "# 另一篇\n\nEFF 和 EFB 是两种芯片。EFB 很贵。\n")
    assert ids["EFF"] == ids["EfficientNet"] and ids["CNX"] == ids["ConvNeXt"]
    assert ids.get("EFB") != ids["EfficientNet"]



def test_another_abbreviation_containing_the_known_one_may_join_it():
    """MM-VTs (Multimodal's two M) declared for a concept known as MVT: another short form, in the plural,
    not a more specific phrase because it contains "mvt"."""
    from kg.resolve import ResolvedConcept, _may_join

    concept = ResolvedConcept("mvt", "MVT", "model", {"MVT", "Multimodal Vision Transformer", "多模态视觉变换器"}, ["lexicon"], True)
    by_key = {"mvt": "mvt", "multimodalvisiontransformer": "mvt", "多模态视觉变换器": "mvt"}
    assert _may_join("MM-VTs", "多模态视觉变换器", by_key, {"mvt": concept}, set(), {})
    assert not _may_join("MVT-Large", "多模态视觉变换器", by_key, {"mvt": concept}, set(), {})


def test_a_name_with_its_last_word_written_short(tmp_path):
    """grouped conv, separable conv, self-attn: the head word shortened as notes write it."""
    export, ids = graph_of(tmp_path, "# 卷积\n\n先用 grouped conv 减少参数, 再接 separable conv, 最后一层 self-attn 聚合全局信息。\n")
    assert ids["grouped conv"] == ids["Group Convolution"]
    assert ids["separable conv"] == ids["Depthwise Separable Convolution"]
    assert ids["self-attn"] == ids["Self-Attention"]


def test_capitalised_words_spelling_out_a_known_abbreviation_of_the_note_are_its_name(tmp_path):
    """"Rotating Positional Embedding" alone on a line of a note on RoPE: its initials are RoPE's capitals.
    Words that only share some letters with one (Low-Rank / LoRA) are no name of it."""
    export, ids = graph_of(tmp_path, "## RoPE 位置编码\n\nRotating Positional Embedding\n\nRoPE 用旋转表示位置。\n\n"
                                     "## LoRA\n\nLow-Rank 分解很常见, LoRA 用两个小矩阵。\n")
    assert ids["Rotating Positional Embedding"] == ids["RoPE"]
    assert ids.get("Low-Rank") != ids["LoRA"]


def test_a_chinese_term_with_层_before_its_head_is_the_term_without_it(tmp_path):
    """重置层门 is 重置门 (the reset gate), 遗忘层门 遗忘门; no name grows a 层 it was not written with (局部响应归一化 never
    becomes 局部响应层归一化, which would end in 层归一化)."""
    export, ids = graph_of(tmp_path, "# GRU\n\n**遗忘层门**\n\n决定丢掉多少旧状态。\n\n**重置层门**\n\n决定忘记多少。\n\n"
                                     "局部响应归一化和层归一化不同。\n")
    assert ids["遗忘层门"] == ids["遗忘门"] and ids["重置层门"] == ids["重置门"]
    assert not _has_relation(export, ids["局部响应归一化"], "IS_A", ids["层归一化"])


def _has_relation(export, source, rtype, target) -> bool:
    return any((r["source"], r["type"], r["target"]) == (source, rtype, target) for r in export["relations"])


def test_lower_case_words_misspelling_a_known_name_are_that_name(tmp_path):
    """"gradient checkpiontng": two slips in a long name, written in lower case in Chinese prose; lower-case
    words that misspell nothing make no concept, and words that are all English words (One-Shot) are no
    slip of another name (One-Hot)."""
    export, ids = graph_of(tmp_path, "# 显存\n\n训练时打开 gradient checkpiontng, 用时间换显存。\n\n"
                                     "One-Shot 学习只看一个样本。One-Shot 很难。\n\nthe second stage 没有新概念。\n")
    assert ids["gradient checkpiontng"] == ids["Gradient Checkpointing"]
    assert ids.get("One-Shot") != ids.get("One-Hot")
    assert "the second stage" not in ids


def test_an_acronym_with_two_letters_swapped_is_a_slip(tmp_path):
    """LTSM for LSTM; an acronym that differs by another letter (LSTN) is no slip."""
    export, ids = graph_of(tmp_path, "# RNN\n\nLTSM 有三个门。LTSM 能缓解梯度消失。\n\nLSTN 是另一个东西, LSTN 很少见。\n")
    assert ids["LTSM"] == ids["LSTM"]
    assert ids.get("LSTN") != ids["LSTM"]


def test_words_that_only_look_like_a_known_name_are_not_it(tmp_path):
    """"decode" (an English word) is no slip of Decoder; CONV before ConvNeXt is the first part of a compound,
    no short form of it; "an n by n" spells no ANN (an acronym is written without a space)."""
    export, ids = graph_of(tmp_path, "# 笔记\n\n再用 decode 方法把 id 还原成句子, decode 很快。\n\n"
                                     "ConvNeXt 里每个 CONV 都很大, CONV 指卷积层。\n\n窗口取 an n by n 的方阵。\n")
    assert "decode" not in ids and "decode 方法" not in ids
    assert ids.get("CONV") != ids["ConvNeXt"]
    assert "an n" not in ids


def test_a_framework_for_a_field_is_not_the_field(tmp_path):
    """深度学习框架 (a tool) is no other name of 深度学习 (a field), as 梯度消失问题 is of 梯度消失."""
    export, ids = graph_of(tmp_path, "# 工具\n\nPyTorch 是一种深度学习框架。深度学习框架很多, 深度学习很火。\n")
    assert ids.get("深度学习框架") != ids["深度学习"]
    assert not _has_relation(export, ids["PyTorch"], "IS_A", ids["深度学习"])


def test_a_known_term_after_a_modifier_is_a_kind_of_it(tmp_path):
    """定点量化 named twice is a concept of its own and a kind of 量化; a compound met once, or one
    followed by 算法 (an algorithm, not its first words), is not made a concept."""
    export, ids = graph_of(tmp_path, "## 量化\n\n量化把浮点数变成整数。定点量化的零点为 0。\n\nINT8 定点量化最常见。\n\n"
                                     "离线蒸馏只出现一次。\n\n条件学习率算法只是一个说法, 条件学习率算法不是概念。\n")
    names = {c["name"] for c in export["concepts"]}
    assert "定点量化" in names and "离线蒸馏" not in names and "条件学习率" not in names
    assert any(r["source"] == ids["定点量化"] and r["type"] == "IS_A" and r["target"] == ids["量化"] for r in export["relations"])


def test_an_english_term_glossed_after_a_colon_in_a_list(tmp_path):
    """"- Rank Collapse：秩坍缩，…" names one concept twice; a model's name before a colon is followed by
    what it is (GPT2：生成式预训练), and a verb phrase is no name."""
    export, ids = graph_of(tmp_path, "## 术语\n\n- Rank Collapse：秩坍缩，指的是表示退化成低秩。\n- GPT2：生成式预训练，单向。\n"
                                     "- Dropout：随机丢弃神经元，防止过拟合。\n\n秩坍缩会让模型变差。\n")
    assert ids["Rank Collapse"] == ids["秩坍缩"]
    assert ids.get("生成式预训练") != ids["GPT2"]
    assert "随机丢弃神经元" not in ids


def test_a_heading_on_the_variants_of_a_known_name_is_that_name(tmp_path):
    export, ids = graph_of(tmp_path, "## Gradient Descent Variants\n\n随机梯度下降 Stochastic Gradient Descent，一次迭代用一个样本。\n")
    assert ids["Gradient Descent Variants"] == ids["梯度下降"]


def test_a_size_word_after_a_name_is_a_size_of_that_family(tmp_path):
    export, ids = graph_of(tmp_path, "# 编码器\n\nBERT 是双向编码器。\n\nBERT-Large 有 24 层, BERT-Large 更准。\n")
    assert ids["BERT-Large"] != ids["BERT"]
    assert any(r["source"] == ids["BERT-Large"] and r["type"] == "IS_A" and r["target"] == ids["BERT"] for r in export["relations"])


def test_words_that_hold_a_term_and_generic_nouns_are_no_names_of_it(tmp_path):
    """向量化 (vectorising) holds 量化 and is no quantisation; 评估指标 before a metric's name is what it is, not its name."""
    export, ids = graph_of(tmp_path, "将词进行向量化表示。模型量化很重要。\n\nIoU 不能区分相交情况，作者提出了评估指标GIoU。GIoU 更好。\n")
    assert ids["向量化"] != ids["量化"]
    assert "评估指标" not in ids


def test_a_bracket_saying_what_a_model_does_is_no_other_name_for_it():
    assert pairs("三类模型：BERT（理解）、GPT（生成）、T5（翻译）") == []
    assert pairs("批归一化（BN）是一种技术") == [("批归一化", "BN")]


def test_a_heading_of_an_english_name_and_its_chinese_name_names_one_concept(tmp_path):
    export, ids = graph_of(tmp_path, "# 多模态\n\n## 3. Visual Resampler 视觉重采样器\n\n视觉重采样器把图像特征压缩成固定数量的 token。\n")
    assert ids.get("Visual Resampler") == ids.get("视觉重采样器") is not None
    assert not any("视觉重采样器" in c["name"] and c["name"] != "视觉重采样器" for c in export["concepts"])


def test_a_short_form_of_a_names_last_word_and_a_chinese_stage_head_name_the_same_concept(tmp_path):
    export, ids = graph_of(tmp_path, "# 注意力\n\nMasked Self-Attn 只看左边。Self-Attn 和 Cross-Attn 的区别？\n\n推理分为 Prefill Stage 和 Decode Stage。\n")
    assert ids.get("Self-Attn") == ids.get("Self-Attention") is not None
    assert ids.get("Cross-Attn") == ids.get("Cross-Attention") is not None
    assert ids.get("Decode Stage") == ids.get("Decode Phase") is not None


def test_a_problem_pointed_at_is_no_concept(tmp_path):
    export, ids = graph_of(tmp_path, "# 剪枝\n\n大模型推理太慢。结构化剪枝缓解了上述问题，也解决了以上缺点。\n")
    assert not any(name.startswith(("上述", "以上")) for name in ids), sorted(ids)


def test_a_name_glued_to_a_one_character_kind_is_the_name(tmp_path):
    """"Dropout层", "ID3树": the name with its kind; "token树" (a tree of tokens) is no token."""
    export, ids = graph_of(tmp_path, "# 模型\n\n每层后面接一个Dropout层。ID3树按信息增益划分。\n\n投机解码会构造token树。每个token都有概率。\n")
    assert ids.get("Dropout层") == ids["Dropout"] and ids.get("ID3树") == ids["ID3"], sorted(ids)
    assert ids.get("token树") != ids.get("Token")


def test_made_through_a_thing_is_no_kind_of_it(tmp_path):
    export, ids = graph_of(tmp_path, "# 多模态\n\nALBEF 有三个编码器。\n图像和文本之间的交互, 也是通过共享的 Cross-Attention 实现的。\n")
    assert not any(r["type"] == "IS_A" and r["target"] == ids.get("Cross-Attention") for r in export["relations"])


def test_pieces_of_identifiers_titles_and_bound_characters_are_no_names(tmp_path):
    """A name inside a file name or identifier (run_lora_sft.sh), a paper-style title ("Introduction to …"),
    and what is left of "S 型激活函数" once the letter is cut off are no concepts."""
    export, ids = graph_of(tmp_path, "# Introduction to Graph Attention Models\n\n## S 型激活函数\n\n"
                                     "脚本见 run_lora_sft.sh。Tanh 是一种 S 型激活函数。\n")
    assert "LoRA" not in ids and "Introduction to Graph Attention Models" not in ids and "型激活函数" not in ids, sorted(ids)
    assert "Tanh" in ids


def test_a_change_over_time_or_a_field_kind_before_a_name_is_not_its_name():
    assert pairs("这一结构至今经历了多轮迭代（Transformer）。") == []
    assert pairs("它本质上是一个图像模型（ViT）。") == []
    assert pairs("多模态大模型（MM-LLMs）发展很快。") == [("多模态大模型", "MM-LLMs")]


def test_two_senses_of_normalization_and_pruning_are_two_concepts(tmp_path):
    export, ids = graph_of(tmp_path, "# 预处理\n\n特征缩放让各维度量纲一致。归一化层有很多种。\n\n决策树用剪枝防止过拟合。模型剪枝则删去神经网络的权重。\n")
    assert ids["特征缩放"] != ids["归一化"] and ids["剪枝"] != ids["模型剪枝"]


def test_latin_names_put_to_use_or_given_as_examples_are_concepts_once_mentioned(tmp_path):
    """"采用Smoothing方法" (a verb, a Latin word, a kind noun) and "比如 Leaky Unit、GRNN 等" (examples closed by 等)
    name methods even when mentioned once; "通过 A、B 等模型仓库" names places, not concepts."""
    export, ids = graph_of(tmp_path, "# 训练\n\n损失不稳定时可以采用Smoothing方法。\n\n缓解遗忘的技术有很多, 比如 Leaky Unit、GRNN 等。\n\n"
                                     "权重可通过 ModelHub、WeightZoo 等开源模型仓库下载。\n")
    assert {"Smoothing", "Leaky Unit", "GRNN"} <= set(ids), sorted(ids)
    assert "ModelHub" not in ids and "WeightZoo" not in ids, sorted(ids)


def test_a_heading_on_improving_a_known_term_is_no_concept_of_its_own(tmp_path):
    """"### 注意力机制优化" is about improving attention: no concept "注意力机制优化"; "贝叶斯优化" stays a name."""
    export, ids = graph_of(tmp_path, "# 结构\n\n### **注意力机制优化**\n\nMQA 让多个头共享键值。\n\n## 贝叶斯优化\n\n贝叶斯优化用来调参。\n")
    assert "注意力机制优化" not in ids and "注意力机制" in ids and "贝叶斯优化" in ids, sorted(ids)


def test_chinese_terms_ending_in_ensemble_perturbation_or_fa_are_names(tmp_path):
    """集成 (ensemble), 扰动 (perturbation) and 法 (a method: 残差重加权法) end Chinese terms an author declares or sets in bold."""
    export, ids = graph_of(tmp_path, "# 采样\n\n**混合集成**：把不同的模型放在一起。\n\n可以采用“残差重加权法”（Residual Reweighting, RRW）来调整样本。\n\n"
                                     "**权重扰动**让模型更稳健。\n")
    assert {"混合集成", "残差重加权法", "权重扰动"} <= set(ids), sorted(ids)
    assert ids["残差重加权法"] == ids["RRW"]


def test_a_procedure_with_or_without_fa_is_one_method(tmp_path):
    """"幂迭代法" and "幂迭代" name one method (法 after a procedure)."""
    export, ids = graph_of(tmp_path, "# 线代\n\n**幂迭代法**可求最大特征值。幂迭代只需要矩阵乘向量。\n")
    assert ids.get("幂迭代法") is not None and ids.get("幂迭代法") == ids.get("幂迭代"), sorted(ids)
