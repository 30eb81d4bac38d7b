"""Ingest: encodings, web noise, code, structure and line numbers of real-looking notes."""
from __future__ import annotations

import pytest

from kg.ingest import IngestError, NoteFile, decode, find_notes, read_note


def read(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return read_note(NoteFile(path, name), "d1")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_decodes_the_encodings_chinese_notes_come_in(encoding):
    text = "批歸一化與層歸一化的區別" if encoding == "big5" else "批归一化(Batch Normalization,简称BN)与层归一化的区别"
    assert decode(text.encode(encoding)) == text


def test_binary_and_empty_files_are_refused(tmp_path):
    with pytest.raises(IngestError, match="binary"):
        read(tmp_path, "x.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError, match="empty"):
        read(tmp_path, "e.md", b"  \n\n")


def test_web_boilerplate_think_blocks_images_and_latex_are_dropped(tmp_path):
    doc = read(tmp_path, "web.txt", "\n".join([
        "当前位置: 首页 > article >正文",
        "BN和LN的区别",
        "![图](./a.png)在这里插入图片描述",
        "<think>",
        "嗯，我想BLIP2可能比BLIP好",
        "</think>",
        "$$",
        "W' = W + BA",
        "$$",
        "LoRA的公式是 $W_0 + BA$ 。",
        "著作权归作者所有。商业转载请联系作者获得授权",
        "相关推荐",
        "一文读懂Transformer",
    ]))
    texts = [line.text for line in doc.body]
    assert texts == ["BN和LN的区别", "LoRA的公式是 。"]
    assert [line.number for line in doc.body] == [2, 10]


def test_pasted_code_and_line_number_gutters_are_dropped(tmp_path):
    doc = read(tmp_path, "code.txt", "\n".join([
        "1 2 3 4 5 6 7 | import torch class Self_Attention(nn.Module): def __init__( self ):",
        "# He 初始化 + BatchNorm",
        "class Block(nn.Module):",
        "def forward(self, x):",
        "out = F.relu(self.bn(self.conv(x)))",
        "3、使用批归一化/层归一化(BatchNorm / LayerNorm):稳定激活分布",
        "```python",
        "x = nn.LayerNorm(10)",
        "```",
    ]))
    assert [line.text for line in doc.body] == ["使用批归一化/层归一化(BatchNorm / LayerNorm):稳定激活分布"]
    assert doc.body[0].number == 6 and doc.body[0].kind == "item"


def test_sections_lists_and_table_rows(tmp_path):
    doc = read(tmp_path, "n.md", "\n".join([
        "## 三、大模型",
        "### 1. 大模型有哪些微调方法？",
        "（2）参数高效微调PEFT",
        "",
        "- LoRA： 注入可训练的低秩分解矩阵",
        "-  QLoRA：对低秩矩阵量化",
        "| | BLIP2 | LLaVA |",
        "| --- | --- | --- |",
        "| 桥接结构 | Q-former | 线性投影层 |",
    ]))
    kinds = [(line.kind, line.text) for line in doc.body]
    assert kinds[:2] == [("heading", "三、大模型"), ("heading", "1. 大模型有哪些微调方法？".replace("？", "?"))]
    peft = next(i for i, line in enumerate(doc.body) if "PEFT" in line.text)
    lora = next(line for line in doc.body if line.text.startswith("LoRA"))
    assert lora.kind == "item" and lora.parent == peft and lora.number == 5
    assert [line.text for line in doc.body if line.kind == "row"] == [" | BLIP2 | LLaVA", "桥接结构 | Q-former | 线性投影层"]
    assert [s.title for s in doc.sections] == ["三、大模型", "1. 大模型有哪些微调方法?"]
    assert doc.sections[1].parent == 0


def test_a_chinese_comment_in_fenced_code_is_prose(tmp_path):
    doc = read(tmp_path, "fenced.md", "\n".join([
        "```python",
        "# AdamW 自带权重衰减，不必另加 L2",
        "opt = AdamW(params, lr=1e-3)  // 这里学习率不能太大",
        "x = y  # ok",
        "```",
    ]))
    assert [(line.number, line.text) for line in doc.body] == [(2, "AdamW 自带权重衰减,不必另加 L2"), (3, "这里学习率不能太大")]


def test_a_fence_boxing_prose_is_read_and_a_drawing_inside_it_is_not(tmp_path):
    doc = read(tmp_path, "boxed.md", "\n".join([
        "```",
        "┌──────────────────────┐",
        "│  第一步：监督微调（SFT）  │",
        "│  数据 → 标注 → 训练       │",
        "└──────────────────────┘",
        "要点：",
        "  - LoRA、AdaLoRA 等变体",
        "```",
        "```",
        "这一行是中文, 但下一行是代码",
        "opt = AdamW(params)",
        "```",
    ]))
    assert [(line.number, line.text, line.kind) for line in doc.body] == [
        (3, "第一步:监督微调(SFT)", "text"), (6, "要点:", "text"), (7, "LoRA、AdaLoRA 等变体", "item")]
    assert doc.body[0].raw.startswith("│")  # evidence is the line as written


def test_html_pages_become_lines_with_source_line_numbers(tmp_path):
    page = "\n".join([
        "<!doctype html><html><head><title>t</title><script>var ad = 1;</script></head>",
        "<body><nav>首页 | 登录</nav>",
        "<h2>BN和LN的区别</h2>",
        "<p>批归一化(Batch Normalization,简称BN)是一种技术。</p>",
        "<ul><li>LoRA: 低秩适配</li>",
        "<li>QLoRA: 量化</li></ul>",
        "<table><tr><th></th><th>BLIP2</th><th>LLaVA</th></tr></table>",
        "<footer>版权所有</footer></body></html>",
    ])
    doc = read(tmp_path, "p.html", page)
    got = [(line.number, line.kind, line.text) for line in doc.body]
    assert (3, "heading", "BN和LN的区别") in got
    assert (4, "text", "批归一化(Batch Normalization,简称BN)是一种技术。") in got
    assert (5, "item", "LoRA: 低秩适配") in got
    assert not any("首页" in t or "var ad" in t or "版权" in t for _, _, t in got)


def test_find_notes_skips_what_it_cannot_read(tmp_path):
    (tmp_path / "a.md").write_text("# LoRA", encoding="utf-8")
    (tmp_path / "img.png").write_bytes(b"\x89PNG")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    notes, skips = find_notes([str(tmp_path), str(tmp_path / "missing.md"), str(tmp_path / "img.png")])
    assert [n.display for n in notes] == [str(tmp_path / "a.md")]
    reasons = {s.path: s.reason for s in skips if s.warning}
    assert reasons[str(tmp_path / "missing.md")] == "no such file or directory"
    assert "not a note file" in reasons[str(tmp_path / "img.png")]
    assert any("loop" in s.reason for s in skips)
