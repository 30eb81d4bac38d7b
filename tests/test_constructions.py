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
     [("多头注意力", "PART_OF", "Transformer"), ("前馈网络", "PART_OF", "Transformer")], []),
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
    ("names written as one-word formulas", "1. $\\tanh$ 比 $sigmoid$ 收敛更快。\n2. 相比 $\\text{ReLU}$, $GELU$ 更平滑。",
     [("tanh", "COMPARED_WITH", "Sigmoid"), ("ReLU", "COMPARED_WITH", "GELU")], []),
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
