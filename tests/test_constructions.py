"""How technical Chinese states relations: one test per construction, in sentences written for these tests.

Each case is a note, the relations it must give, and relations it must not
give (a wrong subject, a negation, a reversed direction).  Relations are
(source name, TYPE, target name); COMPARED_WITH is checked both ways.
"""
from __future__ import annotations

import pytest

from graphs import graph_of

CASES = [
    # the subject of a clause: written, right before the verb, not governed by a preposition
    ("subject before the verb", "Transformer在编码器中使用多头注意力。",
     [("Transformer", "USES", "多头注意力")], [("Encoder", "USES", "多头注意力")]),
    ("instrument solves", "训练时使用Dropout随机丢弃神经元,避免过拟合。",
     [("Dropout", "ADDRESSES", "过拟合")], []),
    ("subject with an instrument", "ResNet通过残差连接缓解了梯度消失。",
     [("ResNet", "ADDRESSES", "梯度消失"), ("ResNet", "USES", "残差连接")], []),
    # references: 它, a reference with a kind noun, a demonstrative
    ("它 is the last subject", "EfficientNet于2019年提出。它使用深度可分离卷积减少计算量。",
     [("EfficientNet", "USES", "深度可分离卷积")], []),
    ("该模块 is the last module named", "BLIP2的核心是Q-Former,该模块借鉴了Transformer的设计。",
     [("Q-Former", "EXTENDS", "Transformer")], [("BLIP2", "EXTENDS", "Transformer")]),
    ("这 is the thing just named", "生成模型的代表如Stable Diffusion,这是一种基于扩散模型的方法。",
     [("Stable Diffusion", "USES", "扩散模型")], []),
    # context: hard-wrapped paragraphs, the heading path, a list's lead line
    ("a sentence wrapped over two lines", "EfficientNet 是一种卷积神经网络,\n它通过复合缩放,并使用深度可分离卷积提升效率。",
     [("EfficientNet", "USES", "深度可分离卷积")], []),
    ("subject from the heading above a features heading", "## MobileNet\n### 主要特点\n- 使用深度可分离卷积减少计算量\n",
     [("MobileNet", "USES", "深度可分离卷积")], []),
    ("items under 'what X brings in'", "Swin Transformer有哪些创新点?\n1. 窗口注意力降低计算量\n2. 相对位置编码\n",
     [("Swin Transformer", "USES", "窗口注意力"), ("Swin Transformer", "USES", "相对位置编码")], []),
    ("what a model's component uses, the model uses", "## AlexNet\n所有卷积层都使用ReLU作为激活函数。\n",
     [("AlexNet", "USES", "ReLU")], []),
    ("a role the part plays", "FPN的backbone是ResNeXt。",
     [("FPN", "USES", "ResNeXt")], [("Backbone", "IS_A", "ResNeXt")]),
    ("a role under a model heading", "## Mask R-CNN\n1. Backbone: ResNeXt+FPN\n",
     [("Mask R-CNN", "USES", "ResNeXt"), ("Mask R-CNN", "USES", "FPN")], []),
    # what states nothing
    ("negation", "DPO不需要使用奖励模型。", [], [("DPO", "USES", "奖励模型")]),
    ("别 inside 分别 or 区别 negates nothing", "DenseNet 与 ResNeXt 分别改进了 ResNet 的连接方式和卷积结构。",
     [("DenseNet", "EXTENDS", "ResNet"), ("ResNeXt", "EXTENDS", "ResNet")], []),
    ("a name after 非 is what the thing is not", "Mamba 是一种非 Transformer 架构。ResNet 是非常经典的 CNN。",
     [("ResNet", "IS_A", "CNN")], [("Mamba", "IS_A", "Transformer")]),
    ("a name modifying a noun of what it has is no subject: '注意力矩阵使用 MSE'", "蒸馏时, 注意力矩阵使用 MSE, 而 DistilBERT 使用余弦损失。",
     [], [("注意力", "USES", "MSE")]),
    ("condition", "如果使用Adam,学习率可以设小一些。", [], [("Adam", "USES", "Learning Rate")]),
    ("circumstance 在…时", "RNN在处理长期依赖时会遇到梯度消失。", [], [("RNN", "ADDRESSES", "长期依赖")]),
    ("而是 is no copula", "GQA不是MQA,而是介于MHA和MQA之间的折中方案。",
     [("GQA", "COMPARED_WITH", "MHA"), ("GQA", "COMPARED_WITH", "MQA")], [("GQA", "IS_A", "MQA"), ("GQA", "IS_A", "MHA")]),
    # copulas and kinds
    ("a copula with a long modifier", "AlexNet是首个在大规模图像分类上取得突破的深层卷积神经网络。",
     [("AlexNet", "IS_A", "卷积神经网络")], []),
    ("unknown names inside an enumeration", "常见的优化器有Adam、NAdamX、RMSProp等。",
     [("Adam", "IS_A", "Optimizer"), ("RMSProp", "IS_A", "Optimizer")], []),
    ("apposition of a kind and a name", "常用的参数高效微调方法LoRA只训练低秩矩阵。",
     [("LoRA", "IS_A", "参数高效微调")], []),
    # what is used: compounds, examples after a generic object, sums
    ("a part named by its model: the model is used too", "GPT先用Transformer解码器做语言建模。\nTransformer 最早用于翻译。",
     [("GPT", "USES", "Transformer"), ("GPT", "USES", "Transformer Decoder")], []),
    ("examples after a generic object", "LLaMA采用了多种改进,包括RMSNorm、SwiGLU和RoPE。",
     [("LLaMA", "USES", "RMSNorm"), ("LLaMA", "USES", "SwiGLU"), ("LLaMA", "USES", "RoPE")], []),
    ("a sum of parts", "QLoRA相当于4-bit量化+LoRA。", [("QLoRA", "USES", "LoRA")], []),
    # comparisons
    ("an attribute of the subject is not compared", "vLLM的吞吐量比HuggingFace Transformers高很多。",
     [("vLLM", "COMPARED_WITH", "HuggingFace Transformers")], [("吞吐量", "COMPARED_WITH", "HuggingFace Transformers")]),
    ("a heading naming two concepts", "### LayerNorm / BatchNorm\n两者归一化的维度不同。\n",
     [("LayerNorm", "COMPARED_WITH", "BatchNorm")], []),
    # extension
    ("a purpose clause fixing a method's flaw", "为了解决RoI Pooling的量化误差问题,作者提出了RoI Align。",
     [("RoI Align", "EXTENDS", "RoI Pooling")], [("RoI Pooling", "EXTENDS", "RoI Align")]),
    ("a purpose clause fixing a problem", "为了缓解过拟合,作者引入了Dropout。", [("Dropout", "ADDRESSES", "过拟合")], []),
    ("the same design as another model", "Fast R-CNN采用与R-CNN相同的流程,但共享卷积特征。",
     [("Fast R-CNN", "EXTENDS", "R-CNN")], [("R-CNN", "EXTENDS", "Fast R-CNN")]),
    ("a base named before the subject", "在BERT的基础上,RoBERTa去掉了NSP任务。", [("RoBERTa", "EXTENDS", "BERT")], []),
    # context again: the problem a heading names, what the model in context uses, variants, versions
    ("这个问题 is the problem the heading names", "### 为什么会出现过拟合?\n1、增加训练数据。\n2、Dropout可以有效缓解这个问题。\n",
     [("Dropout", "ADDRESSES", "过拟合")], []),
    ("a solving verb's object past other nouns", "ResNet基本解决了深层网络训练中的梯度消失问题。", [("ResNet", "ADDRESSES", "梯度消失")], []),
    ("used in the model of the context", "## EfficientNet\nSwish激活函数也在模型中广泛使用。\n", [("EfficientNet", "USES", "Swish")], []),
    ("a question on what a model changed: the answer's subject is the model",
     "### EfficientNet 做了哪些改进?\n答:引入了复合缩放和深度可分离卷积。\n",
     [("EfficientNet", "USES", "深度可分离卷积")], []),
    ("… changed against another: the answer's subject is the first, not the one compared",
     "### 相比 ResNet,DenseNet 有哪些改进?\n- 使用了密集连接\n- 引入过渡层\n\n### ViT 相比 CNN 做了哪些改进?\n使用自注意力建模全局关系。\n",
     [("DenseNet", "EXTENDS", "ResNet"), ("ViT", "USES", "自注意力")], [("ResNet", "USES", "过渡层"), ("CNN", "USES", "自注意力")]),
    ("who adopted the thing in context: its object left unwritten",
     "## 分组卷积\n分组卷积把通道分成若干组分别卷积。\n\nResNeXt、ShuffleNet 等网络都采用了。\n",
     [("ResNeXt", "USES", "分组卷积"), ("ShuffleNet", "USES", "分组卷积")], []),
    ("… or passive with 被, or written as 它",
     "## 层归一化\n层归一化对单个样本的所有特征做归一化。这种方法被 GPT、BERT 广泛采用。\n\n## 批归一化\n目前 ResNet 也使用了它。\n",
     [("GPT", "USES", "层归一化"), ("BERT", "USES", "层归一化"), ("ResNet", "USES", "批归一化")], []),
    ("… but not a negated adoption, nor a thing that is itself adopted",
     "## Transformer\n因此 Transformer 不适合被 RNN、LSTM 使用。\n\nDropout 被广泛使用。\n",
     [], [("RNN", "USES", "Transformer"), ("Dropout", "USES", "Transformer")]),
    ("items under a features heading naming no one are what the section's model brings in",
     "## YOLOv4\nYOLOv4 是一个单阶段检测器。\n### 主要改进\n- **Mosaic**: 四张图拼成一张\n- **CIoU Loss**: 考虑中心距离\n### 缺点\n- **NMS** 仍然耗时\n",
     [("YOLOv4", "USES", "Mosaic"), ("YOLOv4", "USES", "CIoU Loss")], [("YOLOv4", "USES", "NMS")]),
    ("a technique and, in brackets, the tool that has it: in a heading or an item's head",
     "## 推理框架\n### FlashAttention (TensorRT-LLM)\n拆分 KV 做并行。\n- **Speculative Decoding**(vLLM): 小模型起草\n",
     [("TensorRT-LLM", "USES", "FlashAttention"), ("vLLM", "USES", "Speculative Decoding")], []),
    ("a demonstrative before a general name points at the specific one just named",
     "## 归一化\n层归一化最早用于循环网络, 后来 Transformer 也采用了这种归一化。\n\nRMSNorm 是一种层归一化, 之后 LLaMA 和 Mistral 都使用了此归一化。\n",
     [("Transformer", "USES", "层归一化"), ("LLaMA", "USES", "RMSNorm"), ("Mistral", "USES", "RMSNorm")],
     [("Transformer", "USES", "归一化"), ("LLaMA", "USES", "层归一化")]),
    ("who made it, before the subject: '谷歌提出的 X 使用…'", "层归一化最早用于循环网络, 华为开源的TinyBERT模型也用到了这种归一化。",
     [("TinyBERT", "USES", "层归一化")], []),
    ("'使用 B 的模型有 A': the members use B, they are no kind of it", "采用 Focal Loss 的模型有 RetinaNet 和 FCOS 等。",
     [("RetinaNet", "USES", "Focal Loss"), ("FCOS", "USES", "Focal Loss")], [("RetinaNet", "IS_A", "Focal Loss")]),
    ("a table's column of the models using each row's tool", "| 框架 | 用途 | 代表模型 |\n| --- | --- | --- |\n| Megatron-LM | 张量并行 | GPT-3 |\n",
     [("GPT-3", "USES", "Megatron-LM")], []),
    ("items under the last sentence of a lead ('…。它的几个关键技术:') are what the lead's subject brings in",
     "## 检测\nYOLOv4 = CSPDarknet53 + SPP + PANet。它的几个关键技术:\n1. **Mosaic**: 拼图增强\n2. **CIoU Loss**: 更好的回归损失\n",
     [("YOLOv4", "USES", "Mosaic"), ("YOLOv4", "USES", "CIoU Loss")], [("PANet", "USES", "Mosaic")]),
    ("an adjective before what is used: 显式, 可学习的", "TRPO 通过显式 KL 散度约束每次更新。ViT 使用可学习的位置编码。",
     [("TRPO", "USES", "KL 散度"), ("ViT", "USES", "位置编码")], []),
    ("'使用 A 等 B': A is a kind of B, used by the clause's subject", "数据增强时使用 MixUp 等正则化方法生成样本。",
     [("MixUp", "IS_A", "正则化")], [("MixUp", "USES", "正则化")]),
    ("a yes in a table's 'needs X' column: the row's thing uses X; a no says nothing",
     "## 对齐方法\n| 方法 | 需要奖励模型 | 是否使用 LoRA | 复杂度 |\n| --- | --- | --- | --- |\n| **PPO** | ✅ 是 | ❌ 否 | 高 |\n| **KTO** | ❌ 否 | ✅ | 低 |\n",
     [("PPO", "USES", "奖励模型"), ("KTO", "USES", "LoRA")], [("KTO", "USES", "奖励模型"), ("PPO", "USES", "LoRA")]),
    ("a choice or a difference asked between names: '的核心区别', '怎么选', '是一回事吗'",
     "**Q:Dropout、DropPath 的核心区别?**\n**Q:Adam 和 SGD 怎么选?** 看数据。\n**Q:ZeRO 和 FSDP 是一回事吗?**\n",
     [("Dropout", "COMPARED_WITH", "DropPath"), ("Adam", "COMPARED_WITH", "SGD"), ("ZeRO", "COMPARED_WITH", "FSDP")], []),
    ("a heading naming a model and its part side by side is a section on the part, not a third name",
     "## Mask R-CNN RoI Align\n双线性插值取代量化取整。\n## Mask R-CNN RoI Align\n再讲一次。\n## GPT 蒸馏\n说明。\n",
     [("Mask R-CNN", "USES", "RoI Align")], [("GPT", "USES", "蒸馏")]),
    ("'作者的解释是 …' has no referring subject: the model in context is no kind of what follows",
     "## RoBERTa\nRoBERTa 去掉了 NSP。\n\n作者的解释是最后一层输出之后连接的就是 Softmax 层。\n",
     [], [("RoBERTa", "IS_A", "Softmax")]),
    ("a heading on a concept's key points and contributions keeps it as the topic",
     "## 网络\n### GoogLeNet 关键点与贡献:\n1. 使用了 **BN**。\n### SENet 的优点和缺点\n- 引入通道注意力。\n",
     [("GoogLeNet", "USES", "BN"), ("SENet", "USES", "通道注意力")], []),
    ("'主要思路是…' leaves the subject to the clause before; '可以看作是 B 的压缩版本'",
     "TinyBERT 是一种小模型,主要思路是使用知识蒸馏改进 BERT,可以看作是 BERT 的压缩版本。",
     [("TinyBERT", "USES", "知识蒸馏"), ("TinyBERT", "EXTENDS", "BERT")], []),
    ("the loss, activation, optimizer or base learner a model has is used by it; one owner for the roles of a sentence",
     "## 检测\nSSD 的损失函数是 Focal Loss, 优化器采用 Adam。\n随机森林的基学习器使用的是 CART。\n",
     [("SSD", "USES", "Focal Loss"), ("SSD", "USES", "Adam"), ("随机森林", "USES", "CART")], [("检测", "USES", "Adam")]),
    ("'A 是 B 最流行的一个实现': A is one of B", "## 框架\nLightGBM 是 GBDT 最流行的一个开源实现。CatBoost 是 GBDT 的一种工程实现。\n",
     [("LightGBM", "IS_A", "GBDT"), ("CatBoost", "IS_A", "GBDT")], []),
    ("a heading that is a name and its paper's title makes the name the topic",
     "# 压缩\n### MobileBERT: a Compact Task-Agnostic BERT for Devices\n- 方法: 使用知识蒸馏\n### ALBERT, A Lite BERT for Language Representations\n它使用参数共享。\n",
     [("MobileBERT", "USES", "知识蒸馏"), ("ALBERT", "USES", "参数共享")], []),
    ("a tick under a technique's name in a table: the row's thing uses it; words in the cell are no tick",
     "## 推理引擎\n| 引擎 | PagedAttention | 投机解码 |\n| --- | --- | --- |\n| **vLLM** | ✅ | 部分支持 |\n| **TGI** | | ✓ |\n",
     [("vLLM", "USES", "PagedAttention"), ("TGI", "USES", "投机解码")], [("vLLM", "USES", "投机解码"), ("TGI", "USES", "PagedAttention")]),
    ("an HTML table pasted into a Markdown note reads as a table",
     "## 压缩\n<table>\n  <tr>\n    <th>模型</th>\n    <th>剪枝</th>\n    <th>知识蒸馏</th>\n  </tr>\n  <tr>\n    <td>TinyBERT</td>\n    <td></td>\n    <td>✓</td>\n  </tr>\n</table>\n",
     [("TinyBERT", "USES", "知识蒸馏")], [("TinyBERT", "USES", "剪枝")]),
    ("'## 模型 层篇': a model's layer is part of it; '与 … 的联系' compares",
     "## 一、Transformer 前馈层篇\n### 1.1 注意力层与前馈层的联系?\n说明。\n",
     [("前馈层", "PART_OF", "Transformer"), ("注意力", "COMPARED_WITH", "前馈层")], []),
    ("a bare answer to 'what does X have' lists what X uses, or its parts",
     "**Q:YOLOv4 的三大件是什么?** Mosaic(一种数据增强)、CIoU Loss 和 SPP。\n\n### BERT 的组成部分有哪些?\n\n词嵌入、多头注意力和前馈网络。\n",
     [("YOLOv4", "USES", "Mosaic"), ("YOLOv4", "USES", "SPP"), ("多头注意力", "PART_OF", "BERT")], [("YOLOv4", "USES", "数据增强")]),
    ("a section on variants", "### BERT的常见变体\n由Facebook提出的RoBERTa去掉了NSP任务。\n", [("RoBERTa", "EXTENDS", "BERT")], []),
    ("the family name in a version's section", "### YOLOv5\nYOLO使用Mosaic数据增强。\n", [("YOLOv5", "USES", "Mosaic")], [("YOLO", "USES", "Mosaic")]),
    ("a clause with a subject kg does not know", "## SegNet\n损失是通过交叉熵计算的。\n", [], [("SegNet", "USES", "交叉熵")]),
    # what a name in a phrase is: compounds, kind nouns, relative clauses, reported speech
    ("a kind noun makes another thing", "ZFNet是一个大型卷积网络。PyTorch是最流行的深度学习框架。",
     [], [("ZFNet", "IS_A", "Convolution"), ("PyTorch", "IS_A", "Deep Learning")]),
    ("the head of a compound is the kind", "Adapter Tuning是一种大模型微调方法。", [("Adapter Tuning", "IS_A", "微调")], [("Adapter Tuning", "IS_A", "LLM")]),
    ("a verb before 的 modifies, it does not state", "vLLM提供了对广泛使用的深度学习模型的支持。", [], [("vLLM", "USES", "Deep Learning")]),
    ("reported speech", "## VoVNet\n作者认为DenseNet的性能比ResNet更好。\n",
     [("DenseNet", "COMPARED_WITH", "ResNet")], [("VoVNet", "COMPARED_WITH", "ResNet")]),
    ("an enhanced version of a kind", "DeepSpeed中的增强版数据并行 ZeRO 节省了显存。", [("ZeRO", "EXTENDS", "数据并行")], []),
    ("a generic noun glossed by names", "与其他优化器(Adam、RMSProp)相比,SGD的泛化更好。",
     [("SGD", "COMPARED_WITH", "Adam"), ("SGD", "COMPARED_WITH", "RMSProp")], []),
    ("a comparison the sentence opens with", "相较于GPTQ的复杂推导,AWQ理解起来更直观。", [("AWQ", "COMPARED_WITH", "GPTQ")], []),
    ("a remedy for a problem met", "训练中遇到梯度爆炸等无法训练的状况时,可以尝试梯度裁剪来解决。",
     [("梯度裁剪", "ADDRESSES", "梯度爆炸")], []),
    ("a component of a whole, 中的一个关键组件", "位置编码是Transformer中的一个关键组件。", [("位置编码", "PART_OF", "Transformer")], []),
    ("a changed model is a variant", "RoBERTa实际上是改进了的BERT。", [("RoBERTa", "EXTENDS", "BERT")], [("RoBERTa", "IS_A", "BERT")]),
    ("what a thing is shown as", "图中的卷积层显示为全连接层。", [], [("Convolution", "IS_A", "Fully Connected Layer")]),
    ("就是 after a noun names the noun", "Qwen还有一条很实用的路线,就是长上下文。", [], [("Qwen", "IS_A", "Long Context")]),
    ("a lead naming whose list it is", "下面说一下BN算法的优点:\n1. 缓解梯度消失\n2. 一定程度上缓解过拟合\n",
     [("BN", "ADDRESSES", "梯度消失"), ("BN", "ADDRESSES", "过拟合")], []),
    ("a condition stated before", "## 量化\n如果你想做些实验,可以用PyTorch进行读取。\n", [], [("量化", "USES", "PyTorch")]),
    ("a stage of the model in context", "## GPT\n预训练使用的是BookCorpus数据集和Transformer解码器。\n", [("GPT", "USES", "Transformer Decoder")], []),
    ("a change to a thing is not the thing", "## FlashAttention\n再加上一些Softmax的精简,吞吐量提高了。\n", [], [("FlashAttention", "USES", "Softmax")]),
    ("a name written with its kind", "Leaky ReLU是ReLU激活函数的一种变体。SwiGLU引入了门控机制和Swish激活函数。",
     [("Leaky ReLU", "EXTENDS", "ReLU"), ("SwiGLU", "USES", "Swish"), ("Swish", "IS_A", "激活函数")],
     [("Leaky ReLU", "EXTENDS", "激活函数"), ("SwiGLU", "USES", "激活函数")]),
    ("a variant named after a comma is not the next clause's object", "Leaky ReLU是ReLU的一种变体,它旨在解决Dead ReLU问题。",
     [], [("Dead ReLU", "EXTENDS", "ReLU")]),
    ("parts listed in brackets are not kinds", "训练时使用了3D并行(数据并行、流水线并行、张量并行)策略。",
     [], [("数据并行", "IS_A", "3D并行"), ("流水线并行", "IS_A", "3D并行")]),
    ("kinds share a head noun", "池化包括最大池化和平均池化。", [("最大池化", "IS_A", "池化")], [("最大池化", "PART_OF", "池化")]),
    ("two names side by side are no kind", "PyTorch FSDP把模型参数分片到多张卡上。", [], [("FSDP", "IS_A", "PyTorch")]),
    ("items under 'B has N parts'", "## GRU\nGRU 的每个单元包含两个门：\n- **更新门（Update Gate）**：决定保留多少旧信息。\n- **重置门（Reset Gate）**：决定丢掉多少旧信息。\n",
     [("更新门", "PART_OF", "GRU"), ("重置门", "PART_OF", "GRU")], []),
    ("the cells of a compared thing's column name what it uses",
     "| 方面 | BERT | ALBERT |\n|---|---|---|\n| 预训练任务 | NSP | SOP |\n| 归一化 | LayerNorm | LayerNorm |\n| 说明 | 参数较多 | 参数更少，用 SOP 代替 |\n"
     "\n| 对比项 | LSTM | GRU |\n|---|---|---|\n| 门 | 3 个门（遗忘门、输入门、输出门） | 2 个门（重置门、更新门） |\n",
     [("BERT", "USES", "NSP"), ("ALBERT", "USES", "SOP"), ("遗忘门", "PART_OF", "LSTM"), ("重置门", "PART_OF", "GRU")],
     [("BERT", "USES", "LayerNorm"), ("LSTM", "USES", "重置门"), ("GRU", "USES", "NSP")]),
    ("a shared modifier: 梯度消失和爆炸 names both", "残差连接能缓解深层网络中的梯度消失和爆炸问题。",
     [("残差连接", "ADDRESSES", "梯度消失"), ("残差连接", "ADDRESSES", "梯度爆炸")], []),
    ("a shared head: 模型和数据并行 names both", "DeepSpeed 支持模型和数据并行。", [("DeepSpeed", "USES", "数据并行"), ("DeepSpeed", "USES", "模型并行")], []),
    ("using X when doing something is a circumstance", "## 梯度累积\n注意：使用 DDP 的时候要关掉同步。使用 FSDP 时也一样。\n", [],
     [("梯度累积", "USES", "DDP"), ("梯度累积", "USES", "FSDP")]),
    ("a heading naming a technique and a model is no comparison", "### LN 与 Transformer\n讲 LN 在 Transformer 里的位置。\n", [],
     [("LN", "COMPARED_WITH", "Transformer")]),
    ("a legend says what a symbol is", "## PPO\nPPO 的目标函数直接最大化优势，同时用截断进行约束：\n$$L = E[r_t A_t]$$\n其中 $\\pi_{old}$ 是参考模型，$\\sigma$ 是 Sigmoid 函数。\n", [],
     [("PPO", "IS_A", "参考模型")]),
    ("为 after an activity says what it turns into", "AWQ 在计算激活值时反量化为 FP16，即 W4A16。", [],
     [("量化", "IS_A", "FP16")]),
    ("names in brackets after an object are its other names", "## 检测\nYOLOv3 引入了 FPN（特征金字塔、候选框）的思想。\n",
     [("YOLOv3", "USES", "FPN")], [("YOLOv3", "USES", "候选框")]),
    ("a formula reads as one symbol, and each coordinated part may have its count", "Transformer 编码器由一个 $h$ 头的多头注意力和一个 $4d$ 宽的前馈网络组成。",
     [("多头注意力", "PART_OF", "Transformer 编码器"), ("前馈网络", "PART_OF", "Transformer 编码器")], []),
    ("a question opening with 为什么 keeps its subject", "**Q：为什么 RMSProp 比 AdaGrad 收敛得更稳？**", [("RMSProp", "COMPARED_WITH", "AdaGrad")], []),
    ("用 X 加速: an instrument with its purpose", "## 混合精度训练\n核心思路：计算时用 FP16 加速，更新时用 FP32 保持精度。\n",
     [("混合精度训练", "USES", "FP16")], []),
    ("a table header may name the vanilla thing", "| 方面 | 标准Transformer | ALBERT |\n|---|---|---|\n| 预训练任务 | MLM | SOP |\n",
     [("ALBERT", "USES", "SOP"), ("ALBERT", "COMPARED_WITH", "Transformer")], []),
    ("a section on a technique inside a model's section", "# SSD\n## 3. 改进\n### 3.1 Batch Normalization\n在每个卷积层后加上它，mAP 提高了。\n### 3.2 VGG\n骨干来自分类网络。\n",
     [("SSD", "USES", "Batch Normalization")], [("SSD", "USES", "VGG")]),
    ("what is added on top is used", "SENet 在 ResNet 的基础上加了一个注意力机制。", [("SENet", "USES", "注意力机制"), ("SENet", "EXTENDS", "ResNet")], []),
    ("what is built over and over is used", "AdaBoost 通过不断构建决策树来逐步降低误差。", [("AdaBoost", "USES", "决策树")], []),
    ("和…一样: likened", "LightGBM 的思想其实和 XGBoost 的思想一样。与 ReLU 一样，GELU 也是非线性的。",
     [("LightGBM", "COMPARED_WITH", "XGBoost"), ("GELU", "COMPARED_WITH", "ReLU")], []),
    ("a 'type:' field of a profile says what kind the topic is", "# DPO (Direct Preference Optimization) 直接偏好优化\n## 定位\n- **类型**：强化学习（对齐）。\n- **类别**：分类\n",
     [("DPO", "IS_A", "强化学习")], [("DPO", "IS_A", "分类")]),
    ("a count of parts after a group says they are parts", "它是自编码器的一种，具有编码器（Encoder）和解码器（Decoder）两个主要组件。Transformer 有编码器和解码器两个部分。",
     [("解码器", "PART_OF", "Transformer"), ("编码器", "PART_OF", "Transformer")], []),
    ("a method inside another is used by it", "RLHF 中 PPO 的具体步骤：", [("RLHF", "USES", "PPO")], []),
    ("items under 'later work' in a paper's section", "# Very Deep Convolutional Networks for Recognition (VGG)\nVGG 堆叠小卷积核。\n### 后续发展\n- **GoogLeNet**：多尺度卷积\n- **ResNet**：残差连接\n",
     [("GoogLeNet", "EXTENDS", "VGG"), ("ResNet", "EXTENDS", "VGG")], []),
    ("sections under a heading on the kinds of X", "# 笔记\n## 常见的优化器\n### RMSProp\n平方梯度的滑动平均。\n### AdaGrad\n累加平方梯度。\n",
     [("RMSProp", "IS_A", "优化器"), ("AdaGrad", "IS_A", "优化器")], []),
    ("a heading naming a part and its model in brackets", "## 连接模块\n### Q-Former (BLIP-2)\n用查询向量抽取视觉特征。\n", [("Q-Former", "PART_OF", "BLIP-2")], []),
    ("what an attribute is: A 所使用的 B 是 C", "注意，RoBERTa 所使用的激活函数是 GELU 函数。",
     [("RoBERTa", "USES", "GELU"), ("GELU", "IS_A", "激活函数")], [("RoBERTa", "IS_A", "GELU")]),
    ("将 X 引入 Y: Y is where X goes", "SwiGLU 的核心思路为将门控引入激活函数。", [], [("SwiGLU", "USES", "激活函数")]),
    ("a table of features is no comparison", "| 模型 | DP | TP | PP |\n|---|---|---|---|\n| GPT | 是 | 是 | 否 |\n",
     [], [("DP", "COMPARED_WITH", "PP")]),
    ("a finding is not a use", "## LoRA\n作者通过消融实验发现秩为8就足够了。\n", [], [("LoRA", "USES", "消融实验")]),
    ("what a model's paper proposes", "## DeepLabv3\n论文提出了ASPP模块来捕获多尺度信息。\n", [("DeepLabv3", "USES", "ASPP")], []),
    ("examples after a dash", "QLoRA还提出了两种技术——梯度检查点和混合精度训练。", [("QLoRA", "USES", "梯度检查点")], []),
    ("applied to a component", "LoRA通常只应用于注意力层。", [("Attention Mechanism", "USES", "LoRA")], []),
    ("one of the main features of", "ZeRO作为DeepSpeed的主要功能之一,减少了显存占用。", [("ZeRO", "PART_OF", "DeepSpeed")], []),
    ("inspired the birth of", "ZeRO的思想启发了FSDP。", [("FSDP", "EXTENDS", "ZeRO")], [("ZeRO", "EXTENDS", "FSDP")]),
    ("a sum, in essence", "QLoRA本质上是4-bit量化+LoRA的组合。", [("QLoRA", "USES", "LoRA")], []),
    ("a kind named before a list of members", "常用的参数高效微调方法LoRA、Prefix Tuning都只训练少量参数。",
     [("LoRA", "IS_A", "参数高效微调"), ("Prefix Tuning", "IS_A", "参数高效微调")], []),
    ("a whole named after its parts", "将数据并行、张量并行和流水线并行相结合,被称为3D并行。",
     [("3D并行", "USES", "数据并行"), ("3D并行", "USES", "张量并行")], []),
    ("parts inside each block", "在每个Transformer层中包含:多头注意力、前馈网络和层归一化。",
     [("多头注意力", "PART_OF", "Transformer层"), ("前馈网络", "PART_OF", "Transformer层")], []),
    ("items under 'improvements on X'", "对GAN的改进有哪些?\n1. WGAN: 用Wasserstein距离代替JS散度\n2. DCGAN\n",
     [("WGAN", "EXTENDS", "GAN"), ("DCGAN", "EXTENDS", "GAN")], []),
    ("changes listed under 'X's improvements on Y' are not models", "VAE-GAN对GAN的改进有哪些?\n1. 判别器最后一层去掉sigmoid\n",
     [], [("判别器", "EXTENDS", "GAN")]),
    ("the typical member of a class", "正则化方法中最常用的就是Dropout。", [("Dropout", "IS_A", "正则化")], [("正则化", "IS_A", "Dropout")]),
    ("以 A 为 B: A is taken as B", "XGBoost就是以平方损失为损失函数。", [("XGBoost", "USES", "平方损失")], [("XGBoost", "IS_A", "损失函数")]),
    ("the note speaks of itself", "## 量化\n本文将结合PyTorch的例子介绍几种常用的量化方法。\n", [], [("量化", "USES", "PyTorch")]),
    ("a counted object is no subject", "## 3D并行\n你至少需要8个GPU才能实现完整的3D并行。\n", [], [("GPU", "USES", "3D并行")]),
    ("a formula is the subject of its gloss", "## GELU\n其中:\n- $\\Phi(x)$ 是标准正态分布的累积分布函数。\n- $\\sigma(x)$ 是Sigmoid函数。\n",
     [], [("GELU", "IS_A", "Sigmoid")]),
    ("a word before a gloss stays outside it", "例如网格搜索对于每批的样本数(batch size),在几个候选值中逐个尝试。", [], [("batch size", "IS_A", "网格搜索")]),
    ("parameters listed under a question are not kinds",
     "## 卷积层有哪些基本参数?\n| 参数 | 作用 |\n| --- | --- |\n| 填充 (Padding) | 在边缘补零 |\n| 卷积核大小 (Kernel Size) | 决定感受野 |\n",
     [], [("Kernel Size", "IS_A", "卷积层")]),
    ("a kind singled out among its class", "GRU就是循环神经网络中最简单的一种。", [("GRU", "IS_A", "循环神经网络")], []),
    ("a comparison with a noun after the compared", "和完整的 RLHF 训练流程相比，DPO 简单很多。", [("DPO", "COMPARED_WITH", "RLHF")], []),
    ("the core part, said with 的部分", "ResNeXt中最核心的部分是其内部的分组卷积。", [("ResNeXt", "USES", "分组卷积")], []),
    ("a thing named with what it contains", "我们来看带有RoPE的Transformer模型。", [("Transformer", "USES", "RoPE")], []),
    ("a remedy after a list of troubles", "训练时遇到收敛很慢，或梯度消失等状况时可以尝试残差连接来解决。",
     [("残差连接", "ADDRESSES", "梯度消失")], []),
    ("a stage before a name is no kind of it", "直接使用预训练 BERT 的效果不如微调。", [], [("BERT", "IS_A", "预训练")]),
    ("a hyperparameter is a kind of nothing built", "## 池化\n步长是池化的一种参数。", [], [("步长", "IS_A", "池化")]),
    ("an optimizer named by what it adds to another", "基于 Nesterov 动量的 SGD 算法能减少振荡。",
     [("NAG", "EXTENDS", "SGD")], [("SGD", "USES", "NAG")]),
    ("what a thing turns something into is not what it is", "RoI Align 会在特征图中将每个区域池化为固定尺寸的特征图。", [],
     [("RoI Align", "IS_A", "特征图")]),
    ("what a method yields is not what it is", "强化学习学出的是一个奖励函数。", [], [("强化学习", "IS_A", "奖励函数")]),
    ("a table header naming a concept with more words is no comparison",
     "| 池化作用 | 卷积核 | 输出 |\n| --- | --- | --- |\n| 降采样 | 3x3 | 特征 |\n", [], [("池化", "COMPARED_WITH", "卷积核")]),
    ("methods to solve, not a solver", "## RNN\n解决RNN中梯度消失的方法主要有: 梯度裁剪、LSTM。\n", [], [("RNN", "ADDRESSES", "梯度消失")]),
    # a plural topic before a comma, taken up by 都 or 分别 in the clause after it
    ("都 takes up the topic before the comma", "之后 QLoRA 和 DoRA，大体上都沿用了 LoRA 的思路。",
     [("QLoRA", "EXTENDS", "LoRA"), ("DoRA", "EXTENDS", "LoRA")], []),
    ("an adverb of degree before the verb leaves the subject to the topic", "后来 IPO、KTO 这些方法，基本都能看到 DPO 的影子。",
     [("IPO", "EXTENDS", "DPO"), ("KTO", "EXTENDS", "DPO")], []),
    ("以 a measure, then the verb of surpassing", "ResNet 作为当年的冠军，以更低的错误率超过了 VGG 等模型。",
     [("ResNet", "COMPARED_WITH", "VGG")], []),
    ("和 A 的做法不同 compares", "和 LoRA 只改注意力层不同，Adapter 在每层后插入小网络。",
     [("Adapter", "COMPARED_WITH", "LoRA")], []),
    ("a heading giving a model's size in brackets is about that size",
     "### GLM（130B）\n\nGLM-130B 是一个双语模型，架构沿用 GLM。\n\n训练时使用了 DeepSpeed 的流水线并行。\n",
     [("GLM-130B", "USES", "DeepSpeed")], [("GLM", "USES", "DeepSpeed")]),
    ("该结构 is what 结构 introduced", "DenseNet 的关键是其中的稠密连接结构 DenseBlock，该结构借鉴了 ResNet 的思想。\nDenseBlock 内部层层相连。",
     [("DenseBlock", "EXTENDS", "ResNet")], [("DenseNet", "EXTENDS", "ResNet")]),
    ("这就是 B after a long account sums it up", "模型先生成回答, 奖励模型给它打分, PPO 根据分数更新模型, 这就是 RLHF。", [],
     [("PPO", "IS_A", "RLHF"), ("奖励模型", "IS_A", "RLHF")]),
    ("an effect a thing provides is not what it uses", "LayerNorm 也提供了一定的正则化效果。", [],
     [("LayerNorm", "USES", "正则化")]),
    ("相对较 is 'relatively', no comparison", "GRU 是一个相对较简单的 LSTM 变体。", [], [("GRU", "COMPARED_WITH", "LSTM")]),
    ("与 B 不同的是: what follows says how the topic differs", "## Swin Transformer\nSwin Transformer 很流行。与 ViT 不同的是, 注意力被限制在窗口内。\n",
     [("Swin Transformer", "COMPARED_WITH", "ViT")], [("注意力", "COMPARED_WITH", "ViT")]),
    ("the advanced version of B", "PathNet 可以说是 ProgNet 的进阶版。\nProgNet 按列扩展, PathNet 按路径。", [("PathNet", "EXTENDS", "ProgNet")], []),
    ("A 等 + an adjective + its kind", "Lion 的更新比 Adam 等自适应优化器更省显存。", [("Adam", "IS_A", "优化器")], []),
    ("分为 A 和 B 两个步骤: steps, not kinds", "RLHF 主要分为奖励模型训练和 PPO 两个步骤。",
     [("奖励模型", "PART_OF", "RLHF"), ("PPO", "PART_OF", "RLHF")], [("PPO", "IS_A", "RLHF")]),
    ("是为了 gives a purpose, not a kind", "BERT 训练时把少量的词随机替换掉。而这个操作是为了提高模型自身的泛化能力。", [],
     [("BERT", "IS_A", "泛化能力")]),
    ("A 这类 B 的指标: B only modifies the kind", "PPL 这类语言模型的指标更关注局部。", [], [("PPL", "IS_A", "语言模型")]),
    ("a copy of the model is not what it uses", "参考模型提供了一个 SFT 模型的备份。", [], [("参考模型", "USES", "SFT")]),
    ("a table of contents relates nothing", "- [3, Focal Loss](#3focal-loss)\n  - [3.1, Cross Entropy](#31cross-entropy)\n", [],
     [("Cross Entropy", "IS_A", "Focal Loss")]),
    ("对于 X 来说 names the topic", "不同于 RNN 等模型, 对于 Transformer 模型来说, 位置编码是必不可少的。",
     [("RNN", "COMPARED_WITH", "Transformer")], [("RNN", "COMPARED_WITH", "位置编码")]),
    ("a model at a stage is the model", "与 BERT 相比, RoBERTa 预训练的时候用了更多数据。",
     [("BERT", "COMPARED_WITH", "RoBERTa")], [("BERT", "COMPARED_WITH", "预训练")]),
    ("a misreading states nothing", "这种命名很容易让人误以为这是一个 Seq2Seq 模型。\nGLUE 是评测基准。", [],
     [("GLUE", "IS_A", "Seq2Seq")]),
    ("an improvement scheme is a noun, not the verb improve", "本节介绍两种经典的 RNN 改进方案——LSTM 与 GRU。", [],
     [("RNN", "EXTENDS", "GRU"), ("RNN", "EXTENDS", "LSTM")]),
    ("a heading naming a model and its mechanism compares nothing", "## LSTM 与门控机制\nLSTM 有三个门。\n", [],
     [("LSTM", "COMPARED_WITH", "门控机制")]),
    ("a heading naming two models compares them", "## BN 与 LN\n两者都做归一化。\n", [("BN", "COMPARED_WITH", "LN")], []),
    ("the state of a thing is not the thing", "ZeRO-1 的核心思想是把优化器状态切分到多张卡上。", [], [("ZeRO-1", "USES", "优化器")]),
    ("a way of doing a task is what a model can do, not what it uses", "CLIP 能够实现 zero-shot 分类。\nCLIP 由图像编码器和文本编码器组成。", [],
     [("CLIP", "USES", "零样本学习")]),
    ("a model written as a reference is an object", "## 卷积网络\nVGG 是经典网络。\n\nGoogLeNet 在该模型的基础上加深了网络。Inception v3 对这种网络做了改进。\n",
     [("GoogLeNet", "EXTENDS", "VGG"), ("Inception v3", "EXTENDS", "GoogLeNet")], [("GoogLeNet", "EXTENDS", "GoogLeNet")]),
    ("该模型 past another paragraph is the model the heading names", "### ELMo\n为什么先讲它?因为 BERT 是基于这个模型进行的改进。\n\n该模型在问答任务上比 CNN 要好。\n",
     [("BERT", "EXTENDS", "ELMo"), ("ELMo", "COMPARED_WITH", "CNN")], [("BERT", "COMPARED_WITH", "CNN")]),
    ("where a difference lies is no kind", "BERT 仍然是逐层建模，但其与 GPT 的本质不同是在于引入了双向上下文之间的注意力机制。",
     [], [("BERT", "IS_A", "注意力机制")]),
    ("不同 inside an object is no comparison", "和 LoRA 一起调不同的学习率，收敛会更稳。", [],
     [("LoRA", "COMPARED_WITH", "学习率")]),
    # an item named by what the section's topic uses: its explanation uses the item, the topic does
    ("an item naming what the topic uses", "# GoogLeNet 笔记\n## 设计要点\n- **批归一化(BN)**: 每个卷积层后都使用 BN\n",
     [("GoogLeNet", "USES", "BN")], []),
    ("an item naming what it achieves is not used", "# GoogLeNet 笔记\n## 设计要点\n- **迁移学习**: 通过共享特征实现迁移学习\n", [],
     [("GoogLeNet", "USES", "迁移学习")]),
    ("a bare 用 with nothing after its object", "ResNet 用 BN,语言模型多用 LN,这是常见搭配。\nGPT 不用 Adam。",
     [("ResNet", "USES", "BN"), ("语言模型", "USES", "LN")], [("GPT", "USES", "Adam")]),
    ("以 A 为 B 的 C: C is built on A", "AdaBoost 是以决策树为基学习器的集成方法。\nResNeXt 以 ResNet 为基础。", [("AdaBoost", "USES", "决策树"), ("ResNeXt", "USES", "ResNet")], []),
    ("parts counted before they are named", "GAN 包括两部分, 生成器和判别器。\nVAE 由两个部分组成: 编码器和解码器。\nGRU 中只有两个门: 分别是更新门和重置门。",
     [("生成器", "PART_OF", "GAN"), ("判别器", "PART_OF", "GAN"), ("编码器", "PART_OF", "VAE"), ("更新门", "PART_OF", "GRU")], [("生成器", "IS_A", "GAN")]),
    ("an improvement aimed at another's flaws", "RoBERTa 针对 BERT 的几个不足做出了四点改进。", [("RoBERTa", "EXTENDS", "BERT")], []),
    ("前者 and 后者 point at the two things last named together",
     "对比 AdaGrad 和 Adam, 两者的区别在于动量, 前者用的是累积梯度, 后者用的是动量。\nGPT 和 BERT 都是预训练模型。前者采用 Transformer 解码器, 后者基于 Transformer 编码器。",
     [("Adam", "USES", "动量"), ("GPT", "USES", "Transformer 解码器"), ("BERT", "USES", "Transformer 编码器")],
     [("AdaGrad", "USES", "动量"), ("BERT", "USES", "Transformer 解码器"), ("GPT", "USES", "Transformer 编码器")]),
    ("此技术 in a list item points at the item's lead", "## 混合精度训练\n**梯度检查点**:\n- 只保存部分激活值, 反向时重算\n- LLaMA 训练时使用此技术, 节省显存\n",
     [("LLaMA", "USES", "梯度检查点")], [("LLaMA", "USES", "混合精度训练")]),
    ("items under a heading naming their class are kinds of it", "# 笔记\n### 激活函数\n* GELU: 比 ReLU 平滑\n* Swish: 自门控\n",
     [("GELU", "IS_A", "激活函数"), ("Swish", "IS_A", "激活函数")], []),
    ("items under a method's heading are no kinds of it", "# 笔记\n## RLHF\n* SFT: 监督微调\n* PPO: 强化学习\n", [],
     [("SFT", "IS_A", "RLHF"), ("PPO", "IS_A", "RLHF")]),
    ("a version with a quality is a variant", "GELU 是 ReLU 的平滑版本。\nBERT 是 GPT 的早期版本。",
     [("GELU", "EXTENDS", "ReLU")], [("BERT", "EXTENDS", "GPT")]),
    ("对 X 采用 Y: what it is applied to is no subject", "## RMSProp\n### 动机\n- 通过对梯度平方采用 **指数移动平均**, 平滑更新。\n",
     [("RMSProp", "USES", "指数移动平均")], [("梯度", "USES", "指数移动平均")]),
    ("proposed to solve another's problem: a subject of the same kind improves on it", "Adam 为解决 SGD 收敛慢的问题而提出。",
     [("Adam", "EXTENDS", "SGD")], []),
    ("提出一种基于 X 的 Y: the proposer uses X; 整合 uses", "###### GPT-4\n实现技术:\n* 算法层面: 提出一种基于 RoPE 的外推方案\n* 工程层面: 整合张量并行等优化技术\n",
     [("GPT-4", "USES", "RoPE"), ("GPT-4", "USES", "张量并行")], []),
    ("a section on a technique inside a method's section; labels and subtitles around a heading's name",
     "## 3. 第三步: PPO —— 策略优化\n### 3.1 公式解析 1: KL Penalty\n防止策略偏离太远。\n### 3.2 GAE\n优势估计。\n",
     [("PPO", "USES", "KL Penalty")], []),
    ("a table column naming the models that use each row's thing",
     "## 归一化方案\n| 方案 | 原理 | 代表模型 |\n| --- | --- | --- |\n| RMSNorm | 只做缩放 | LLaMA, Qwen |\n| LayerNorm | 减均值除方差 | BERT |\n",
     [("LLaMA", "USES", "RMSNorm"), ("Qwen", "USES", "RMSNorm"), ("BERT", "USES", "LayerNorm")], [("BERT", "USES", "RMSNorm")]),
    ("a bare name listed in a model's section, under a paragraph", "## Mistral\nMistral 比 LLaMA 的推理更快。\n\n1. 训练数据更多\n2. RMSNorm\n3. 旋转位置编码\n",
     [("Mistral", "USES", "RMSNorm"), ("Mistral", "USES", "旋转位置编码")], [("LLaMA", "USES", "RMSNorm")]),
    ("sections under a heading asking how a thing does it", "## vLLM 如何解决?\n#### 方案 1: PagedAttention\n分页。\n#### 方案 2: Continuous Batching\n连续批处理。\n",
     [("vLLM", "USES", "PagedAttention"), ("vLLM", "USES", "Continuous Batching")], []),
    ("a verb before a name is no kind of it", "为什么要量化 KV Cache?\n参数高效微调方法 LoRA 很流行。",
     [("LoRA", "IS_A", "参数高效微调")], [("KV Cache", "IS_A", "量化")]),
    ("使用 A 作为 B: the subject uses A and is no B", "YOLOv4 使用 CSPDarknet53 作为 Backbone。\nMask R-CNN 引入 RoIAlign 作为池化层。",
     [("YOLOv4", "USES", "CSPDarknet53"), ("Mask R-CNN", "USES", "RoIAlign")], [("YOLOv4", "IS_A", "Backbone"), ("Mask R-CNN", "IS_A", "池化层")]),
    ("items under 'B goes in N steps' are its stages", "## 蒸馏\nDPO 的流程包括三个步骤:\n1. SFT: 监督微调\n2. 收集偏好数据\n",
     [("SFT", "PART_OF", "DPO")], [("SFT", "IS_A", "DPO")]),
    ("names written as one-word formulas", "1. $\\tanh$ 比 $sigmoid$ 收敛更快。\n2. 相比 $\\text{ReLU}$, $GELU$ 更平滑。",
     [("tanh", "COMPARED_WITH", "Sigmoid"), ("ReLU", "COMPARED_WITH", "GELU")], []),
    ("a bold line alone heads what follows, like a heading", "## 检测模型\n\n### ModelZ 有哪些创新点?\n\n1. Focal Loss\n\n"
     "**ModelQ 有哪些创新点?**\n\n1. FPN\n2. Dropout\n\n**重点: 两者都很快。**\n\n- GELU\n",
     [("ModelZ", "USES", "Focal Loss"), ("ModelQ", "USES", "FPN"), ("ModelQ", "USES", "Dropout")],
     [("ModelZ", "USES", "FPN"), ("ModelZ", "USES", "Dropout")]),
    ("a subsection under a heading on variants introduces one", "## RNN\n\n### LSTM 的常见变体\n\n#### Peephole\n\n增加窥视连接。\n\n"
     "**Gated Recurrent Unit**\n\n由某团队提出的 Gated Recurrent Unit (GRU), 把两个门合成一个。\n\n#### ConvLSTM\n\nCNN 先提取特征再送进去。\n",
     [("GRU", "EXTENDS", "LSTM")], [("CNN", "EXTENDS", "LSTM")]),
    ("a phrase before a clause is about the subject written before it", "Adam 是一种自适应优化算法, 相当于 RMSProp + Momentum 的效果, 即动量形式的 RMSProp。",
     [("Adam", "USES", "RMSProp"), ("Adam", "USES", "Momentum")], [("Momentum", "USES", "RMSProp")]),
    ("以 A 作为 a role that is a concept itself", "Bagging 以决策树作为基学习器, 每棵树看一份自助样本。",
     [("Bagging", "USES", "决策树")], [("决策树", "IS_A", "基学习器")]),
    ("对 B 进行了优化: improving a method, not optimising a loss", "CatBoost 对 GBDT 做了不少优化, 尤其是类别特征。\nSGD 对交叉熵损失进行优化。",
     [("CatBoost", "EXTENDS", "GBDT")], [("SGD", "EXTENDS", "交叉熵损失")]),
    ("a list of solutions under a problem, grouped by cause", "## 训练\n\n### 梯度爆炸\n\n#### 常见解决方法\n- 网络太深:\n    - 残差连接\n"
     "- 学习率太大\n    - Batch Normalization\n\n### 过拟合\n\n解决办法:\n1. Dropout\n2. 数据增强\n    - Mixup\n",
     [("残差连接", "ADDRESSES", "梯度爆炸"), ("Batch Normalization", "ADDRESSES", "梯度爆炸"), ("Dropout", "ADDRESSES", "过拟合"),
      ("数据增强", "ADDRESSES", "过拟合")], [("Mixup", "ADDRESSES", "过拟合"), ("Dropout", "ADDRESSES", "梯度爆炸")]),
    ("在 A 和 B 之间折中: set against both", "- ELU: 在 ReLU 和 Leaky ReLU（负半轴的处理）之间折中, 输出均值接近零。",
     [("ELU", "COMPARED_WITH", "ReLU"), ("ELU", "COMPARED_WITH", "Leaky ReLU")], []),
    ("a heading asking why a thing is used is about it", "## 模块\n\n#### 引入 Dropout 的作用是什么?\n- 训练时随机丢掉一些神经元, 减轻过拟合;\n\n"
     "#### 为什么要用 LayerNorm?\n- 缓解梯度爆炸问题;\n\n#### BatchNorm 有什么好处?\n- 让每层输入分布稳定, 缓解梯度消失\n",
     [("BatchNorm", "ADDRESSES", "梯度消失"), ("LayerNorm", "ADDRESSES", "梯度爆炸"), ("Dropout", "ADDRESSES", "过拟合")], []),
    ("a name before 时 says when, it is no subject", "#### 快捷连接有什么作用?\n- 反向传播时梯度能直接流回浅层, 缓解梯度消失;\n",
     [("快捷连接", "ADDRESSES", "梯度消失")], [("反向传播", "ADDRESSES", "梯度消失")]),
    ("the users of a thing in brackets after it", "## 几种归一化\n\n- RMSNorm（LLaMA 采用）: 只做缩放\n- Pre-LN（GPT-2、GPT-3 使用）: 归一化放在子层之前\n",
     [("LLaMA", "USES", "RMSNorm"), ("GPT-2", "USES", "Pre-LN"), ("GPT-3", "USES", "Pre-LN")], [("LLaMA", "USES", "Pre-LN")]),
    ("what a part of the subject uses, the subject uses", "# ModelX\n\nModelX 的 Deep 部分采用 MLP, 而 ModelX 的编码分支使用 LSTM。\n",
     [("ModelX", "USES", "MLP"), ("ModelX", "USES", "LSTM")], []),
    ("a comparison with the section's topic left unwritten", "## Lion\n\nLion 是一种优化器。\n\n与 Adam 在速度上的对比:\n- 更省显存\n\n"
     "### 2.1 和 SGD、RMSProp 的区别\n\n- 更快\n",
     [("Lion", "COMPARED_WITH", "Adam"), ("Lion", "COMPARED_WITH", "SGD"), ("Lion", "COMPARED_WITH", "RMSProp")],
     [("SGD", "COMPARED_WITH", "RMSProp")]),
    ("a verb and its object before 的 modify the name after it, which uses the object",
     "采用 RMSNorm 的 LLaMA 训练更稳。我们来看包含了 RoPE 的注意力机制 GQA。\n没有采用 LayerNorm 的 GPT 不稳定。\n岭回归是一种使用 L2 正则化的线性回归模型。",
     [("LLaMA", "USES", "RMSNorm"), ("GQA", "USES", "RoPE")],
     [("GPT", "USES", "LayerNorm"), ("线性回归", "USES", "L2 正则化"), ("注意力机制", "USES", "RoPE")]),
    ("two things of one sort set against each other by 而 or 但", "BN 用在 CNN 里, 而 LN 用在 RNN 里。\nAdagrad 收敛很快; 但调好参数的 SGD 往往更准。\n"
     "LoRA 很省显存, 但是需要调秩。",
     [("BN", "COMPARED_WITH", "LN"), ("Adagrad", "COMPARED_WITH", "SGD")], [("CNN", "COMPARED_WITH", "RNN")]),
    ("而 sets B against the clause right before it, past clauses with no subject",
     "xDeepFM 显式建模高阶交叉, 不用手工特征, 而 DCN 靠交叉网络。\n逻辑回归的目标有两项, 其中交叉熵负责拟合数据, 而 L2 正则化负责限制权重。\n"
     "BERT 只用到了 Transformer 的编码器部分。",
     [("xDeepFM", "COMPARED_WITH", "DCN")], [("逻辑回归", "COMPARED_WITH", "L2 正则化"), ("编码器", "USES", "Transformer")]),
    ("a clause opening with 不同于 A or 与 A 不同 compares A with the next clause's subject",
     "# 微调\n\n不同于常见的 Adapter 在层间插入小模块, Prefix Tuning 只在每层前面加几个前缀向量。\n\n与 Adam 不同, SGD 没有自适应学习率。\n",
     [("Prefix Tuning", "COMPARED_WITH", "Adapter"), ("SGD", "COMPARED_WITH", "Adam")], [("微调", "COMPARED_WITH", "Adapter")]),
    ("a line of solutions under a heading naming the problems", "# 训练难点\n## 梯度爆炸与梯度消失\n层数一多, 梯度就不稳定。\n\n"
     "解决方法: 先做梯度裁剪, 再加 Batch Normalization。\n",
     [("Batch Normalization", "ADDRESSES", "梯度消失"), ("Batch Normalization", "ADDRESSES", "梯度爆炸")],
     [("Batch Normalization", "IS_A", "标准化")]),
    ("a label or a how-to head before solutions", "## 什么是梯度爆炸?\n\n连乘让梯度变大。\n\n1. **如何缓解** — 梯度裁剪; 残差连接。\n\n"
     "## 梯度消失\n\n缓解: 把 Sigmoid 激活函数换 ReLU, 再加 BN。\n",
     [("梯度裁剪", "ADDRESSES", "梯度爆炸"), ("残差连接", "ADDRESSES", "梯度爆炸"), ("ReLU", "ADDRESSES", "梯度消失"), ("BN", "ADDRESSES", "梯度消失")],
     [("激活函数", "ADDRESSES", "梯度消失")]),
    ("the base learner of an ensemble, named or not, is used by it", "LightGBM基模型是决策树。\nAdaBoost 的弱分类器是决策树。",
     [("LightGBM", "USES", "决策树"), ("AdaBoost", "USES", "决策树")], [("LightGBM", "IS_A", "决策树")]),
    ("a numbered list goes on after paragraphs, under a method's heading", "# TRPO\n\n1. 信赖域约束\n\n新旧策略不能差太远, 用 KL 距离量。\n\n"
     "KL 散度: 两个分布差多少。\n\n2. 重要性采样\n\n公式略。\n\n# Boosting\n\n1. AdaBoost\n",
     [("TRPO", "USES", "重要性采样")], [("KL 散度", "USES", "重要性采样"), ("Boosting", "USES", "AdaBoost")]),
    ("是在 + a verb is what it does, no kind", "AdaBoost 其实是在最小化一个指数形式的损失函数。\nAdaBoost 是一种 Boosting 方法。",
     [("AdaBoost", "IS_A", "Boosting")], [("AdaBoost", "IS_A", "损失函数")]),
    ("属于 B 的方法: B is still the kind", "权重归一化属于重参数化的方法, 训练更稳。\nLoRA 是一种基于低秩分解的方法。",
     [("权重归一化", "IS_A", "重参数化")], [("LoRA", "IS_A", "低秩分解")]),
    ("a name, a colon and what it is", "## 模型\n\n* GRU: LSTM 的一种变体, 门更少。\n* AdaLoRA: 一种参数高效微调方法, 动态分配秩。\n"
     "* Prefix Tuning: Prompt Tuning 升级版, 前缀插到每一层。\n",
     [("GRU", "EXTENDS", "LSTM"), ("AdaLoRA", "IS_A", "参数高效微调"), ("Prefix Tuning", "EXTENDS", "Prompt Tuning")], []),
    ("what a model switched to, it uses", "* Qwen 改用 SwiGLU 激活, 并且换成了 RMSNorm。Qwen 不再使用 LayerNorm。\n* 推理时把 MHA 改成 MQA 更省显存。",
     [("Qwen", "USES", "SwiGLU"), ("Qwen", "USES", "RMSNorm")], [("Qwen", "USES", "LayerNorm"), ("MHA", "USES", "MQA")]),
    ("an item's head ends at a dash", "## 常见的优化器有哪些?\n\n1. **Adadelta** — 不需要手动设定全局学习率, 用更新量的滑动平均来缩放。\n"
     "2. **AdamW** — 把权重衰减从梯度更新里拆出来单独做, 正则化效果更好。\n",
     [("Adadelta", "IS_A", "优化器"), ("AdamW", "IS_A", "优化器")], []),
    ("其 after the sentence's own subject is that subject", "## 检测器\n\nRetinaNet 是单阶段检测器，其 backbone 是 ResNet-50。\n",
     [("RetinaNet", "USES", "ResNet-50")], []),
    ("为了 + a problem, then a description ending in a kind noun and the name it describes",
     "为了缓解梯度消失问题，后来又提出了残差学习方案ResNet。为了减少过拟合，又讲述了随机数据增强方案 Mixup。",
     [("ResNet", "ADDRESSES", "梯度消失"), ("Mixup", "ADDRESSES", "过拟合")], [("数据增强", "ADDRESSES", "过拟合")]),
    ("基于 B 改进而来 without a verb of doing", "GQA 基于 MHA 改进而来。TensorRT-LLM 基于 CUDA 实现了优化。",
     [("GQA", "EXTENDS", "MHA")], [("TensorRT-LLM", "EXTENDS", "CUDA")]),
    ("a question, one sentence summing up, then the list answering it",
     "### Mask R-CNN\n\n**Mask R-CNN有哪些创新点？**\n\nMask R-CNN 仍是两阶段的方法。\n\n1. 掩码分支\n2. RoI Align\n\n"
     "## 正则\n\n如何防止过拟合？\n\n方法很多，下面列出几种。\n\n- Dropout\n- 数据增强\n",
     [("Mask R-CNN", "USES", "RoI Align"), ("Dropout", "ADDRESSES", "过拟合"), ("数据增强", "ADDRESSES", "过拟合")], []),
    ("其改进工作: later work on B, not what B brings in", "### NMS 的不足及其改进工作\n\n- Soft-NMS：降低重叠框的得分。\n",
     [("Soft-NMS", "EXTENDS", "NMS")], [("NMS", "USES", "Soft-NMS")]),
    ("组合这些方式: the section's topic combines the enumeration written before",
     "## 3D 并行\n\n前面介绍了数据并行、张量并行和流水线并行等多种并行方式，训练超大模型时通常会组合这些方式一起使用。\n",
     [("3D 并行", "USES", "数据并行"), ("3D 并行", "USES", "张量并行"), ("3D 并行", "USES", "流水线并行")],
     [("数据并行", "USES", "张量并行")]),
    ("a way's section inside the section of another of its sort: a variant of a named one, a kind of a class",
     "# 优化器\n\n### Adagrad\n\n累加历史梯度平方。\n\n#### RMSprop\n\n用滑动平均代替累加。\n\n## 正则化\n\n### Dropout\n\n随机丢弃。\n",
     [("RMSprop", "EXTENDS", "Adagrad"), ("Dropout", "IS_A", "正则化")], [("Dropout", "EXTENDS", "正则化")]),
    ("不需要像 A 那样 V B: a comparison with A, and the negation still holds", "## Qwen\n\nQwen 不需要像 LLaMA 中那样使用 RMSNorm。\n",
     [("Qwen", "COMPARED_WITH", "LLaMA")], [("Qwen", "USES", "RMSNorm")]),
    ("set against a kind with examples in brackets: against the examples too", "Mamba 和循环神经网络（比如 LSTM、GRU）相比更快。",
     [("Mamba", "COMPARED_WITH", "LSTM"), ("Mamba", "COMPARED_WITH", "GRU")], []),
    ("A 和 B 之间要做 trade-off, with no one written doing it", "精确率和召回率之间要做 trade-off。GQA 在 MHA 和 MQA 之间折中。",
     [("精确率", "COMPARED_WITH", "召回率"), ("GQA", "COMPARED_WITH", "MHA")], [("MHA", "COMPARED_WITH", "MQA")]),
    ("a model's name, a colon and bare names: what it brings in; a part with a verb is prose",
     "## 改进模型\n\n- **ALBERT**：参数共享，句子顺序预测（SOP）\n- **GPT-2**：使用更大的数据，参数共享\n",
     [("ALBERT", "USES", "参数共享"), ("ALBERT", "USES", "SOP")], [("GPT-2", "USES", "参数共享")]),
    ("A 中的增强版 B NAME: the name, the head of its compound, is part of A", "Megatron-LM 中的改进版张量并行 Sequence Parallelism 节省激活显存。",
     [("Sequence Parallelism", "PART_OF", "Megatron-LM")], [("张量并行", "PART_OF", "Megatron-LM")]),
    ("使用 A 进行 B: A is a way of doing B; a section on what B is a kind of uses nothing, a model's section uses A",
     "## 量化\n\n可以使用 GPTQ 进行权重量化。\n\n## ResNet\n\n使用 BN 进行归一化。\n",
     [("GPTQ", "IS_A", "权重量化"), ("ResNet", "USES", "BN")], [("量化", "USES", "GPTQ")]),
    ("uses a kind with examples in brackets: uses the examples; 像 A 那样 alone is no comparison",
     "Mask R-CNN 使用了一个骨干网络（如 ResNet-50）提取特征。FCN 先像传统的 CNN 那样做卷积。",
     [("Mask R-CNN", "USES", "ResNet-50")], [("FCN", "COMPARED_WITH", "CNN")]),
    ("使用的 <a word kg does not know> 是 B: what it uses, no kind", "## SimCLR\n\n- **对比学习**：拉近正样本，使用的 loss 是经典的 InfoNCE loss；\n",
     [("对比学习", "USES", "InfoNCE")], [("对比学习", "IS_A", "InfoNCE")]),
    ("针对 a problem, 使用 A: A addresses it; 为简化 B, 提出 A: A improves on B",
     "虽然针对过拟合使用了 Dropout，但还可以进一步优化。为简化 LSTM 中门的计算，作者提出 GRU。针对小目标检测提出了 FPN。",
     [("Dropout", "ADDRESSES", "过拟合"), ("GRU", "EXTENDS", "LSTM")], [("FPN", "ADDRESSES", "目标检测")]),
    ("B 是 A 的核心: A uses B; a task is never used", "信息熵可以说是 ID3 算法的核心。残差连接是 ResNet 的核心思想。DETR 的核心：目标检测的端到端框架。",
     [("ID3", "USES", "信息熵"), ("ResNet", "USES", "残差连接")], [("DETR", "USES", "目标检测")]),
    ("与 B 相反, A 和 B 是不同的, 针对于 B 中的不足提出了改进",
     "Skip-gram 与 CBOW 相反，用中心词预测上下文。这个交叉熵和 KL 散度是不同的。C4.5 算法主要是针对于 ID3 中的不足提出了一些改进方法。",
     [("Skip-gram", "COMPARED_WITH", "CBOW"), ("交叉熵", "COMPARED_WITH", "KL 散度"), ("C4.5", "EXTENDS", "ID3")], []),
    ("the passive: 被 B (所)采用 makes B the user, 被 B 解决 the solver", "RoPE 后来被 LLaMA 系列模型所采用。梯度消失被 ResNet 很好地解决了。",
     [("LLaMA", "USES", "RoPE"), ("ResNet", "ADDRESSES", "梯度消失")], [("RoPE", "USES", "LLaMA")]),
    ("我们用了两个技术: the items are what the section's topic is built with",
     "# FlashAttention\n\n为了减少显存读写，我们用了两个熟知的技术：\n\n1. Tiling：分块计算\n2. Recomputation：反向时重算\n",
     [("FlashAttention", "USES", "Tiling"), ("FlashAttention", "USES", "Recomputation")], []),
    ("解决 B 的常用方法有 A、C: each addresses B", "解决类别不平衡的常用方法有：过采样、欠采样。处理多重共线性，常用的方法包括：PCA、岭回归。",
     [("过采样", "ADDRESSES", "类别不平衡"), ("欠采样", "ADDRESSES", "类别不平衡"), ("PCA", "ADDRESSES", "多重共线性")], []),
    ("是微调(fine-tuning)了的 B: a changed B, its variant", "ZFNet 实际上是微调(fine-tuning)了的 AlexNet。",
     [("ZFNet", "EXTENDS", "AlexNet")], [("ZFNet", "IS_A", "AlexNet")]),
    ("是 B 的一种近似/替代: no kind of B", "Dropout 可以看作是 Bagging 的一种近似。LayerNorm 是归一化的一种。",
     [("LayerNorm", "IS_A", "归一化")], [("Dropout", "IS_A", "Bagging")]),
    ("a role item under what a model brings in names no part of it", "## YOLO\n\nYOLOv3 有哪些创新点？\n\n1. Backbone：Darknet-53\n2. 多尺度预测\n",
     [("YOLOv3", "USES", "Darknet-53")], [("YOLOv3", "USES", "Backbone")]),
    ("an item's noun predicate after a colon: NAME：对 B 的改进", "## 优化器\n\n- Adadelta：对 Adagrad 的改进，不再需要全局学习率\n",
     [("Adadelta", "EXTENDS", "Adagrad")], []),
    ("A 介于 B 和 C 之间: A set against each, not B against C", "# 归一化\n\nGroupNorm 介于 LayerNorm 和 InstanceNorm 之间。\n",
     [("GroupNorm", "COMPARED_WITH", "LayerNorm"), ("GroupNorm", "COMPARED_WITH", "InstanceNorm")],
     [("LayerNorm", "COMPARED_WITH", "InstanceNorm")]),
    ("an item restating its own name under a class heading uses nothing", "# 优化器\n\n- SGDM：在普通 SGD 的基础上引入动量，减少震荡\n",
     [("SGDM", "IS_A", "优化器")], [("优化器", "USES", "SGDM")]),
    ("rows of a comparison table are compared; a Yes/No matrix is not",
     "## 对比\n\n| 模型 | 参数量 | 特点 |\n| --- | --- | --- |\n| ResNet | 25M | 残差 |\n| VGG | 138M | 堆叠小卷积 |\n\n"
     "## 支持情况\n\n| 模型 | FP16 | INT8 |\n| --- | --- | --- |\n| BERT | Yes | No |\n| GPT-2 | Yes | Yes |\n",
     [("ResNet", "COMPARED_WITH", "VGG")], [("BERT", "COMPARED_WITH", "GPT-2")]),
    ("a bare pronoun as the object: 对其进行了改进, 在此基础上, 在其基础上 (the subject said before)",
     "Dropout 随机丢弃神经元。DropConnect 对其进行了改进。\n\nAdagrad 自适应调整学习率。RMSProp 在此基础上引入了衰减。\n\n"
     "LeNet 奠定了 CNN 的基本结构，AlexNet 在其基础上加深了网络。\n",
     [("DropConnect", "EXTENDS", "Dropout"), ("RMSProp", "EXTENDS", "Adagrad"), ("AlexNet", "EXTENDS", "LeNet")],
     [("AlexNet", "EXTENDS", "CNN")]),
    ("parts listed after a noun for parts: 包含其核心组件如 A、B 和 C", "# 编码器\n\nBERT 包含的主要模块有：词嵌入、多头注意力和前馈网络。\n",
     [("多头注意力", "PART_OF", "BERT"), ("前馈网络", "PART_OF", "BERT")], []),
    ("a role noun glossed by its usual fillers: X（通常是 A/B）", "推荐系统的召回通常用一个 **Text Encoder**（通常是 BERT/RoBERTa）编码查询。",
     [("BERT", "IS_A", "Text Encoder"), ("RoBERTa", "IS_A", "Text Encoder")], []),
    ("类似 B opening a clause, and 用 A 而非 B: compared", "## SENet\n\n类似 Inception，但是关注通道之间的关系。\n\n"
     "## 激活\n\n不少检测网络用 Mish 而非 ReLU 作为激活函数。\n",
     [("SENet", "COMPARED_WITH", "Inception"), ("Mish", "COMPARED_WITH", "ReLU")], []),
    ("a label and a colon, then names joined by or (its choices) or by + (what it is put together from)",
     "# 结构\n\n- **Activation**: GELU or SwiGLU\n- LLaVA: CLIP + Vicuna\n",
     [("GELU", "IS_A", "Activation"), ("SwiGLU", "IS_A", "Activation"), ("LLaVA", "USES", "CLIP"), ("LLaVA", "USES", "Vicuna")], []),
    ("a heading naming a part with its model in brackets is about the part", "# 连接器\n\n### Q-Former (BLIP-2)\n\n类似 Perceiver Resampler，但只有一层。\n",
     [("Q-Former", "COMPARED_WITH", "Perceiver Resampler"), ("Q-Former", "PART_OF", "BLIP-2")], [("BLIP-2", "COMPARED_WITH", "Perceiver Resampler")]),
    ("A 与其他 B 的差异 / 和其他 B 一样: A is one of the Bs", "MobileNet 与其他 CNN 最大的不同在于深度可分离卷积。Adam 和其他优化器一样需要学习率。",
     [("MobileNet", "IS_A", "CNN"), ("Adam", "IS_A", "优化器")], [("MobileNet", "COMPARED_WITH", "CNN")]),
    ("comparatives: 远深于 B, 较 B 弱", "ResNet-152 的层数远多于 VGG16。GRU 在长序列上较 LSTM 弱一些，但参数较少。",
     [("ResNet-152", "COMPARED_WITH", "VGG16"), ("GRU", "COMPARED_WITH", "LSTM")], []),
    ("bold questions in a row are sibling sections, not each inside the one before",
     "## 量化\n\n**1. 后训练量化（PTQ）？**\n训练后直接量化。\n\n**2. KV Cache 量化？**\n长上下文时缓存很大。\n",
     [], [("KV Cache 量化", "IS_A", "PTQ"), ("KV Cache 量化", "EXTENDS", "PTQ")]),
    ("names joined by + with nothing said of them are ingredients, no subject for the next sentence",
     "## GoogLeNet\n\n卷积+最大池化+Inception 模块\n为了减少过拟合使用了 Dropout。\n",
     [("GoogLeNet", "USES", "Dropout")], [("卷积", "USES", "Dropout"), ("最大池化", "USES", "Dropout")]),
    ("a field or a way of making it before a name is no kind of it; a named kind is", "多模态 Transformer 的结构。自监督 ViT 效果很好。激活函数 GELU 更平滑。",
     [("GELU", "IS_A", "激活函数")], [("Transformer", "IS_A", "多模态"), ("ViT", "IS_A", "自监督")]),
    ("均为 / 都是 opening a sentence gathers the subjects of the sentences before it in the line",
     "Adam 自适应调整学习率；Adagrad 累加梯度平方；RMSProp 使用滑动平均；均为常用的优化器。",
     [("Adam", "IS_A", "优化器"), ("Adagrad", "IS_A", "优化器"), ("RMSProp", "IS_A", "优化器")], []),
    ("names joined by + opening a line under a topic: what the topic is built with",
     "## TensorRT-LLM\n\n**TensorRT-LLM 的优势？**\n\n**In-flight Batching + PagedAttention**，延迟低。\n",
     [("TensorRT-LLM", "USES", "PagedAttention"), ("TensorRT-LLM", "USES", "In-flight Batching")], []),
    ("steps in an arrow chain under a heading on a process's stages, or after 'X 的流程:'",
     "**InstructGPT 的训练步骤？**\n\nSFT → 训练 Reward Model → PPO。\n\nFast R-CNN 的流程：Selective Search → RoI Pooling → Softmax 分类。\n",
     [("SFT", "PART_OF", "InstructGPT"), ("PPO", "PART_OF", "InstructGPT"), ("RoI Pooling", "PART_OF", "Fast R-CNN")], []),
    ("其中 N 个是 B after a count of the whole's parts; 最核心的地方就是它的 B",
     "BLIP 由三个模块组成，其中一个是 ViT。\n\nShuffleNet 最核心的地方就是它的 Channel Shuffle。\n",
     [("ViT", "PART_OF", "BLIP"), ("ShuffleNet", "USES", "Channel Shuffle")], []),
    ("这 after 'A 的 attribute …' is A: ReLU 函数的导数为 1, 这就避免了…",
     "Leaky ReLU 函数的右侧导数恒为 1，这就缓解了梯度消失。",
     [("Leaky ReLU", "ADDRESSES", "梯度消失")], [("导数", "ADDRESSES", "梯度消失")]),
    ("而且 goes on, it sets nothing against the clause before; 而 does",
     "Max Pooling 是 Pooling 层的一种，而且是取最大值的 Pooling。GELU 在 Transformer 中常用，而 ReLU 在 CNN 中常用。",
     [("Max Pooling", "IS_A", "Pooling"), ("GELU", "COMPARED_WITH", "ReLU")], [("Max Pooling", "COMPARED_WITH", "Pooling")]),
    ("sections under 'common extensions and improvements of B' are its variants, not its kinds",
     "## 常见的 CNN 扩展和改进模型\n\n### ResNeXt\n\n分组卷积。\n\n### DenseNet\n\n稠密连接。\n",
     [("ResNeXt", "EXTENDS", "CNN"), ("DenseNet", "EXTENDS", "CNN")], [("ResNeXt", "IS_A", "CNN"), ("DenseNet", "IS_A", "CNN")]),
    ("借鉴了 B 中的 C: C is used, the subject is no variant of B; 改进了 B 的 C still improves on B",
     "RetinaNet 借鉴了 FPN 中的特征金字塔。AdamW 改进了 Adam 的权重衰减。",
     [("RetinaNet", "USES", "特征金字塔"), ("AdamW", "EXTENDS", "Adam")], [("RetinaNet", "EXTENDS", "FPN")]),
    ("a counted object: 由 N 层 B 组成, 由多层 B 堆叠而成", "T5 的编码器由 12 层 Transformer Block 组成。ViT 由多层 Transformer Encoder 堆叠而成。",
     [("Transformer Encoder", "PART_OF", "ViT")], []),
    # a compromise between two things, a model's representative, what serves in a model's role
    ("a compromise between two things is set against each", "# 归一化\n\nGroupNorm 是 LayerNorm 与 InstanceNorm 的折中方案。\n",
     [("GroupNorm", "COMPARED_WITH", "LayerNorm"), ("GroupNorm", "COMPARED_WITH", "InstanceNorm")], [("LayerNorm", "COMPARED_WITH", "InstanceNorm")]),
    ("the representative algorithm of a family is one of it", "# 集成\n\nExtraTrees 是 Bagging 的代表模型, 以决策树为基学习器。\n",
     [("ExtraTrees", "IS_A", "Bagging")], []),
    ("what serves as a model's backbone is used by it", "# 分割\n\nResNet-50 常被用作 DeepLabv3 的主干网络。\n",
     [("DeepLabv3", "USES", "ResNet-50")], [("ResNet-50", "USES", "DeepLabv3")]),
    ("改进 named by its examples: 对 B 做了 X、Y 等改进", "# 树模型\n\nLightGBM 对 GBDT 做了直方图算法、GOSS 等改进。\n",
     [("LightGBM", "EXTENDS", "GBDT")], []),
    # 它 after a clause with its own subject, and 这一问题 in the line that names the problem
    ("它 in a later clause is the sentence's own subject", "# 激活\n\nGELU 很平滑。SwiGLU 由 Swish 和 GLU 组合而成, PaLM 中采用了它。\n",
     [("PaLM", "USES", "SwiGLU")], [("PaLM", "USES", "GELU")]),
    ("这一问题 is the last problem named in its line", "# 序列\n\n普通 RNN 有梯度爆炸问题。\n\nTransformer 存在过拟合问题。GRU 借助门控缓解了这一问题。\n",
     [("GRU", "ADDRESSES", "过拟合")], [("GRU", "ADDRESSES", "梯度爆炸")]),
    ("a problem pointed at is not addressed by the thing that has it", "# 序列\n\nRNN 容易出现梯度爆炸的现象。为了解决该问题, 人们提出了很多办法。\n",
     [], [("RNN", "ADDRESSES", "梯度爆炸")]),

    # a clause that places itself in a model: its subject; a field it places itself in is none
    ("在 X 中, …: X does what the sentence says", "# 模型\n\n在 ALBERT 中, 使用了参数共享。在 ELECTRA 模型里采用的是 GELU。\n",
     [("ALBERT", "USES", "参数共享"), ("ELECTRA", "USES", "GELU")], []),
    ("在 X 中是 Y says what something is in X, not what X is", "# 状态\n\n- 候选状态, 在 GRU 中是候选隐状态。\n",
     [], [("GRU", "IS_A", "隐状态")]),
    ("在 a field 中 is no subject", "# 检测\n\n在语义分割中常用空洞卷积。\n", [], [("语义分割", "USES", "空洞卷积")]),
    ("在 X 中 after a subjectless clause is not its subject", "# 门控\n\n- GRU: 门控单元\n  - 引入了更新门, 在 LSTM 中遗忘门有冗余。\n",
     [], [("LSTM", "USES", "更新门")]),
    # switching to, becoming the default of; members before 等 and a kind
    ("转向了 B: what is switched to is used", "# 归一化\n\nBLOOM 后来转向了 Pre-LN。\n", [("BLOOM", "USES", "Pre-LN")], []),
    ("成为了 B 等模型的标准配置: B uses the subject", "# 激活\n\nGeGLU 已成为 Gemma、T5 等开源模型的标配。\n",
     [("Gemma", "USES", "GeGLU"), ("T5", "USES", "GeGLU")], []),
    ("A、B 等 kind do what the clause says, and 以及随后的 C joins them", "# 位置\n\nGPT-NeoX、Falcon 以及后来的 Mistral 等主流大模型都采用了 RoPE。\n",
     [("GPT-NeoX", "USES", "RoPE"), ("Falcon", "USES", "RoPE"), ("Mistral", "USES", "RoPE")], [("LLM", "USES", "RoPE")]),

    # a sum, a counted kind after the members, a described kind given a name
    ("A + B = C: the sum uses its terms", "# 模块\n\nDepthwise Conv + 1x1 Conv = Separable Convolution\n",
     [("Separable Convolution", "USES", "Depthwise Conv"), ("Separable Convolution", "USES", "1x1 Conv")], []),
    ("A、B 这两种 kind: each is one", "# 优化\n\nAdagrad 和 RMSProp 这两种自适应优化器各有长处。\n",
     [("Adagrad", "IS_A", "优化器"), ("RMSProp", "IS_A", "优化器")], []),
    ("…的 B 称为 A: a kind of B", "# 激活\n\n负半轴保留一个小斜率的 ReLU 称为 LReLU。\n",
     [("LReLU", "IS_A", "ReLU")], []),

    ("what the subject solves a problem with solves it too", "# 分类\n\nInception-v3 借助标签平滑来减轻过拟合。\n",
     [("Inception-v3", "ADDRESSES", "过拟合"), ("标签平滑", "ADDRESSES", "过拟合")], []),

    # N者 points back at the last N things named together, or at the N a heading names
    ("三者 after a heading naming three", "# 集成\n\n### Bagging、Boosting、Stacking\n\n三者都属于集成学习方法。\n",
     [("Bagging", "IS_A", "集成学习"), ("Stacking", "IS_A", "集成学习")], []),
    ("两者 after a pair in the sentence before", "# 序列\n\nGRU 与 LSTM 各有长处。两者都使用了门控机制。\n",
     [("GRU", "USES", "门控机制"), ("LSTM", "USES", "门控机制")], []),

    ("这种<class> under a section on one of its kind is that one", "# 激活\n\n## GELU\n\nGELU 在零点附近是平滑的。\n\nRoBERTa 等模型都使用了这种激活函数。\n",
     [("RoBERTa", "USES", "GELU")], [("RoBERTa", "USES", "激活函数")]),

    ("inspired by B, the paper proposed X: X is the variant, not the section's model", "# 检测\n\n## YOLOv4\n\n论文受到 CSPNet 的启发, 设计了一个新的模块, 称为 PANet。\n",
     [], [("YOLOv4", "EXTENDS", "CSPNet")]),

    ("属于 X 模型 where X is a method: a kind of X", "# 树模型\n\n### ExtraTrees、CatBoost\n\n两者都属于集成学习模型。\n",
     [("ExtraTrees", "IS_A", "集成学习"), ("CatBoost", "IS_A", "集成学习")], []),

    ("A、B 等变体 listed with no verb under a section: variants of its topic", "# 对齐\n\n## DPO\n\nDPO 直接优化偏好。\n\n后续发展:\n\n- SimPO、ORPO 等变体\n",
     [("SimPO", "EXTENDS", "DPO"), ("ORPO", "EXTENDS", "DPO")], []),

    ("或简单的 B joins B to the group", "# 归一化\n\nRMSNorm 之前可以用 LayerNorm 或简单的 L2 Normalization 代替。T5 的实现可以采用 GroupNorm 或普通的 LayerNorm。\n",
     [("T5", "USES", "GroupNorm"), ("T5", "USES", "LayerNorm")], []),

    ("这个和 B 类似: the topic is set beside B", "# 网络\n\n## Transformer\n\nTransformer 的各层结构相同；这个和 ResNet 类似，都是堆叠同样的块。\n",
     [("Transformer", "COMPARED_WITH", "ResNet")], []),

    ("共N层: n个A, m个B under a model: its parts", "# ZFNet\n\n- 共8层: 5个卷积层, 3个全连接层\n",
     [("卷积层", "PART_OF", "ZFNet"), ("全连接层", "PART_OF", "ZFNet")], []),

    ("由 A 和 B 两部分组成: a count of the parts before the verb", "# 检测\n\nYOLOX 由 CSPDarknet 和 PAFPN 两部分组成。EfficientDet 由 EfficientNet 与 BiFPN 两个部分构成。\n",
     [("CSPDarknet", "PART_OF", "YOLOX"), ("PAFPN", "PART_OF", "YOLOX"), ("BiFPN", "PART_OF", "EfficientDet")], []),

    ("把 A 换成了 B, B a model: the subject now uses B", "# 混合架构\n\nCoAtNet 把最后两个阶段换成了 ViT。\n",
     [("CoAtNet", "USES", "ViT")], []),

    ("将输入送入 B: a model feeds its input through B", "# 多模态\n\nLLaVA 将图像切块后送入 CLIP 编码器, 再把输出输入到 Vicuna 中。\n",
     [("LLaVA", "USES", "CLIP"), ("LLaVA", "USES", "Vicuna")], []),

    ("A 是 B 的一个拓展体: A extends B", "# 集成\n\nExtraTrees 是随机森林的一个拓展体, 划分阈值也随机选。\n",
     [("ExtraTrees", "EXTENDS", "随机森林")], []),

    ("A 是 B 的典型代表: A is one of B", "# 降维\n\nt-SNE 是流形学习的典型代表。\n",
     [("t-SNE", "IS_A", "流形学习")], []),

    ("a section under one of its sort sharing its head noun is a kind of it", "# 训练\n\n## Normalization\n\n让分布稳定。\n\n### Weight Normalization\n\n对权重做归一化。\n",
     [("Weight Normalization", "IS_A", "Normalization")], [("Weight Normalization", "EXTENDS", "Normalization")]),

    ("B 的改进版本 with no copula and no subject: the heading or the parent item is the subject",
     "# 模型\n\n### DistilBERT\n\n- BERT 的压缩版本, 只保留一半的层\n\n## 注意力\n\n- **Multi-Query Attention**\n  - MHA 的简化版本, 所有头共享键值\n",
     [("DistilBERT", "EXTENDS", "BERT"), ("Multi-Query Attention", "EXTENDS", "MHA")], [("BERT", "EXTENDS", "BERT")]),

    ("a row of a table setting models side by side: what its cells name, the model uses",
     "## 结构对比\n\n| 模型 | 激活函数 | 归一化 | 缺点 |\n| --- | --- | --- | --- |\n| Falcon | GELU | LayerNorm | 梯度消失 |\n| Baichuan | SwiGLU | RMSNorm | 过拟合 |\n| PaLM | 门控激活, 见论文 | RMSNorm | 梯度消失 |\n",
     [("Falcon", "USES", "GELU"), ("Falcon", "USES", "LayerNorm"), ("Baichuan", "USES", "RMSNorm")],
     [("Falcon", "USES", "梯度消失"), ("PaLM", "USES", "门控")]),

]


def _has(export, ids, relation) -> bool:
    source, rtype, target = relation
    a, b = ids.get(source), ids.get(target)
    for r in export["relations"]:
        if r["type"] != rtype:
            continue
        if (r["source"], r["target"]) == (a, b) or rtype == "COMPARED_WITH" and (r["source"], r["target"]) == (b, a):
            return True
    return False


@pytest.mark.parametrize("name, text, present, absent", CASES, ids=[c[0] for c in CASES])
def test_construction(tmp_path, name, text, present, absent):
    export, ids = graph_of(tmp_path, text)
    stated = sorted((r["source"], r["type"], r["target"]) for r in export["relations"] if r["type"] not in ("RELATED_TO", "PREREQUISITE_OF"))
    for relation in present:
        assert relation[0] in ids and relation[2] in ids, f"{relation}: concepts {sorted(ids)}"
        assert _has(export, ids, relation), f"missing {relation}; stated {stated}"
    for relation in absent:
        assert not _has(export, ids, relation), f"wrong {relation}; stated {stated}"


def test_words_that_end_in_a_copula_character_are_no_copula():
    from kg.cues import load_cues

    copula = next(c for c in load_cues().cues if c.frame == "copula")
    assert copula.regex.search("⟨0⟩为⟨1⟩。") and copula.regex.search("⟨0⟩是⟨1⟩。")
    for text in ("⟨0⟩退化为⟨1⟩。", "⟨0⟩简化为⟨1⟩。", "⟨0⟩认为⟨1⟩。", "⟨0⟩的区别是在于⟨1⟩。"):
        assert not copula.regex.search(text), text


def test_a_kind_read_off_the_names_in_one_note(tmp_path):
    """相对位置编码 names a kind of 位置编码; 非对称量化 is no 对称量化, 轻量化 no 量化, Adaptive Gradient no gradient."""
    export, ids = graph_of(tmp_path, "## 位置编码\n位置编码让模型知道顺序。\n\n## 变体\n相对位置编码只看距离。\n\n"
                                     "## 量化\n对称量化和非对称量化是两种方式。轻量化很重要。\n\n## 优化器\nAdaGrad 的梯度累加。\n")
    assert _has(export, ids, ("相对位置编码", "IS_A", "位置编码"))
    assert not _has(export, ids, ("非对称量化", "IS_A", "对称量化"))
    assert not _has(export, ids, ("AdaGrad", "IS_A", "梯度"))


def test_a_kind_read_off_names_takes_the_longest_head(tmp_path):
    """旋转位置编码 is a kind of 位置编码, the longest name it ends with; a shorter head of another of its names
    (Rotary Embedding, 位置旋转嵌入) does not make it an Embedding as well."""
    export, ids = graph_of(tmp_path, "旋转位置编码很常用。\n位置编码有很多种。\nEmbedding 层把词变成向量。\n")
    assert _has(export, ids, ("旋转位置编码", "IS_A", "位置编码"))
    assert not _has(export, ids, ("旋转位置编码", "IS_A", "Embedding"))


def test_a_name_for_an_ensemble_of_things_is_no_kind_of_them(tmp_path):
    """Gradient Boosting Decision Tree (梯度提升决策树) is made of decision trees, it is no decision tree."""
    export, ids = graph_of(tmp_path, "# 树模型\n\n梯度提升决策树很常用。决策树是基础。\n")
    assert not _has(export, ids, ("梯度提升决策树", "IS_A", "决策树"))


def test_a_name_holding_another_of_its_sort_with_a_short_mark_is_its_variant(tmp_path):
    """QLoRA, BiLSTM beside LoRA and LSTM in a sentence: variants; a longer word before a name makes a
    name of its own, and a version (YOLOv3) is its family's business."""
    export, ids = graph_of(tmp_path, "常见的方法有 LoRA 和 QLoRA。\nBiLSTM 与 LSTM 都能处理序列。\nTinyLlama 与 Llama 都开源。\n")
    assert _has(export, ids, ("QLoRA", "EXTENDS", "LoRA")) and _has(export, ids, ("BiLSTM", "EXTENDS", "LSTM"))
    assert not _has(export, ids, ("TinyLlama", "EXTENDS", "Llama"))


def test_a_name_ending_with_one_named_thing_is_its_variant(tmp_path):
    """Smooth L1 Loss ends with L1 Loss, the name of one loss: a variant of it; 相对位置编码 ends with a class's name: a kind."""
    export, ids = graph_of(tmp_path, "# 损失\n\nL1 Loss 对异常值不敏感。\n\nSmooth L1 Loss 在零点附近是二次的。\n\n"
                                     "## 位置编码\n位置编码让模型知道顺序。相对位置编码只看距离。\n")
    assert _has(export, ids, ("Smooth L1 Loss", "EXTENDS", "L1 Loss"))
    assert _has(export, ids, ("相对位置编码", "IS_A", "位置编码"))


def test_a_name_ending_in_optimizer_is_no_optimizer_unless_it_is_one(tmp_path):
    """Zero Redundancy Optimizer names a memory-sharding technique: no kind of optimizer, whatever its last word."""
    export, ids = graph_of(tmp_path, "# 显存\n\nZeRO 全称 Zero Redundancy Optimizer。\n\n优化器有很多种。\n")
    assert not _has(export, ids, ("ZeRO", "IS_A", "优化器"))


def test_a_callout_type_is_no_concept(tmp_path):
    export, ids = graph_of(tmp_path, "# GRU\n\n> [!TIP] GRU 为什么能缓解梯度消失？\n> [!WARNING]- 参数更少。\n")
    assert "TIP" not in ids and "WARNING" not in ids, sorted(ids)
    assert "GRU" in ids


def test_a_name_in_another_word_order_gives_no_kind(tmp_path):
    """深度可分离卷积 may be written 可分离深度卷积, which ends with 深度卷积: no kind of it."""
    export, ids = graph_of(tmp_path, "# 卷积\n\n深度卷积只看一个通道。\n\n深度可分离卷积更省参数。\n")
    assert not _has(export, ids, ("深度可分离卷积", "IS_A", "深度卷积"))


def test_a_later_version_listed_after_an_earlier_one_is_no_variant_of_it(tmp_path):
    """"YOLOv2、YOLOv3" in a list states no succession; a version still belongs to its unversioned family."""
    export, ids = graph_of(tmp_path, "# 检测\n\n单阶段检测器有 YOLOv2、YOLOv3 和 SSD 等。\n\n## Llama\n\nLlama 2 与 Llama 的差异不大。\n")
    assert not _has(export, ids, ("YOLOv3", "EXTENDS", "YOLOv2"))
    assert _has(export, ids, ("Llama 2", "EXTENDS", "Llama")) or _has(export, ids, ("Llama 2", "IS_A", "Llama"))
