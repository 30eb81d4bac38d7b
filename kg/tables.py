"""Tables: what a note's tables say (the layout of :mod:`kg.structure` read row by row).

* a header row naming concepts compares them, and a cell of a compared
  thing's column that only names techniques says what that thing uses;
* rows of a table under a "kinds of X" heading name kinds of X;
* a column of the models using each row's thing (``| 方法 | 原理 | 代表模型 |``);
* a yes under a "需要 X" column, or a tick under a technique's bare name,
  says the row's thing uses X.

A table pasted as HTML into a Markdown note arrives here as rows too (:mod:`kg.clean`).
"""
from __future__ import annotations

import re

from kg.clauses import KIND_NOUN, template
from kg.context import Context
from kg.extract import LineMentions
from kg.model import Document, Evidence, Line
from kg.structure import _WEIGHT, _ev

__all__ = ["table_relations"]

# "有哪些" asks for kinds unless a noun after it says what else: "有哪些基本参数", "有哪些优点"
_KINDS_HEADING = re.compile(rf"类型|种类|类别|分类|(?:有哪些|哪几种)(?!\s*(?:基本|主要|常见|常用)?(?!{KIND_NOUN})[\u4e00-\u9fff])|kinds|types", re.I)

def _first_cell_concept(lm: LineMentions) -> str | None:
    first = lm.line.text.split(" | ")[0]
    inside = [f for f in lm.found if f.end <= len(first)]
    named = len("".join(f.surface for f in inside))
    if len({f.concept for f in inside}) == 1 and len(first.strip()) <= named + 8:
        return inside[0].concept
    return None


def table_relations(doc: Document, lines: list[LineMentions], context: Context, collector) -> None:
    """A table whose header cells name two or more concepts compares them; the
    rows of a table under "kinds of X" (位置编码类型) name kinds of X."""
    columns: dict[int, str] = {}  # the header's concept columns of the table being read
    header: Evidence | None = None
    tops = _table_headers(doc)
    users: dict[int, tuple[Line, int] | None] = {}  # a table's first row -> it and its column of the models using each row's thing
    needs: dict[int, tuple[str, bool]] = {}  # the header's "需要 X" columns of the table being read
    compared: dict[int, list[LineMentions]] = {}  # a table's first row -> it and its rows, when its rows are compared
    for lm in lines:
        line = lm.line
        if line.kind != "row":
            continue
        top = tops[lm.index]
        if top not in users:
            users[top] = _users_column(doc.body[top])
        if _same_table(doc, lm.index):
            if top in compared:
                compared[top].append(lm)
            if columns:
                _column_cells(doc, lm, columns, [header, _ev(doc, lm)], collector)
            if users[top] is not None:
                _users_cell(doc, lm, users[top], collector)
            if needs:
                _needed_cells(doc, lm, needs, header, collector)
            section = doc.sections[line.section] if line.section >= 0 else None
            topic = context.sections[line.section].topic if section is not None and line.section in context.sections else None
            kind = _first_cell_concept(lm)
            if topic is None and section is not None:
                heading = next((h for h in lines if h.line.kind == "heading" and h.line.section == line.section), None)
                named = {f.concept for f in heading.found} if heading is not None else set()
                topic = (named.pop(), None) if len(named) == 1 else None
            if topic and kind and section and _KINDS_HEADING.search(section.title):
                if collector.categories.get(topic[0]) == collector.categories.get(kind):
                    heading_ev = Evidence(doc.id, section.line, section.title)
                    collector.add(kind, topic[0], "IS_A", _WEIGHT, [heading_ev, _ev(doc, lm)], "row of a table of kinds")
            continue  # only header rows compare
        columns, header = {}, _ev(doc, lm)
        needs = _needed_columns(lm, collector.categories)
        cells = line.text.split(" | ")
        if len(cells) >= 3 and _ROWS_LABEL.fullmatch(cells[0]):
            compared[lm.index] = [lm]
        if not re.fullmatch(r"\s*(?:对比|比较|对比项|特性|维度|项目|区别|方面|指标|特点|名称|)\s*", cells[0]) and _first_cell_concept(lm) is None:
            continue  # "| 模型 | DP | TP | PP |": columns of features of the rows, not things compared
        for i, (cell, inside) in enumerate(_cells(lm)):
            if inside and re.fullmatch(rf"\s*(?:标准|原始|传统|普通|经典|原版|vanilla)?\s*{re.escape(inside[0].surface)}\s*(?:{KIND_NOUN})?\s*(?:\([^()]*\))?\s*", cell):
                columns[i] = inside[0].concept
        heads = list(dict.fromkeys(columns.values()))
        if len({collector.categories.get(h) for h in heads}) != 1 or len(heads) < 2:
            columns = {}
            continue  # "| 类别 | 是否自适应学习率 | 是否正则化 |" is a feature table, not a comparison
        for i, a in enumerate(heads):
            for b in heads[i + 1 :]:
                collector.add(a, b, "COMPARED_WITH", 0.7, [header], "comparison table header")

    for rows in compared.values():
        _compared_rows(doc, rows, collector)
        _row_cells(doc, rows, collector)


# "| 方法 | 显存 | 速度 |": the header of a table whose rows are things set side by side, column by column
_ROWS_LABEL = re.compile(rf"\s*(?:\*\*)?\s*(?:{KIND_NOUN}|名称|名字|类型|版本|方案|变体|name|method|model)?\s*(?:\*\*)?\s*", re.I)

_MARK = re.compile(r"\s*(?:\*\*)?\s*(?:✅|✔️?|✓|√|☑️?|❌|✗|✘|×|●|○|-|—|是|否|有|无|支持|不支持|yes|no|y|n|true|false)?\s*(?:\*\*)?\s*", re.I)


def _compared_rows(doc: Document, rows: list[LineMentions], collector) -> None:
    """Rows naming two to six things of one sort, each described under the same columns: the table compares them."""
    named = [(kind, lm) for lm in rows[1:] if (kind := _first_cell_concept(lm)) is not None]
    things = list(dict.fromkeys(kind for kind, _ in named))
    if not 2 <= len(things) <= 6 or len(named) < len(rows) - 1 or len({collector.categories.get(t) for t in things}) != 1:
        return
    marks = [cell for _, lm in named for cell in lm.line.text.split(" | ")[1:]]
    if sum(bool(_MARK.fullmatch(cell)) for cell in marks) * 2 >= len(marks):
        return  # a matrix of Yes/No: what a tool supports for each row, not the rows set against each other
    row_of = {kind: lm for kind, lm in reversed(named)}
    for i, a in enumerate(things):
        for b in things[i + 1 :]:
            evidence = [_ev(doc, rows[0]), _ev(doc, row_of[a]), _ev(doc, row_of[b])]
            collector.add(a, b, "COMPARED_WITH", 0.7, evidence, "rows of a comparison table")


# "| 模型 | 位置编码 | 缺点 |": a column of what each row's thing has or uses, not of its flaws or rivals
_FEATURE_HEADER = re.compile(r"[^|]*(?:缺点|不足|局限|问题|弊端|劣势|挑战|区别|对比|替代|相比|优于|论文|作者|机构|时间|年份|发布)")


def _row_cells(doc: Document, rows: list[LineMentions], collector) -> None:
    """A cell naming only techniques or parts in a row of things set side by side: what that row's thing uses.

    ``| LLaMA | RoPE | RMSNorm |`` under ``| 模型 | 位置编码 | 归一化 |``: LLaMA uses RoPE and RMSNorm.
    """
    header = rows[0]
    titles = header.line.text.split(" | ")
    header_concepts = {f.concept for f in header.found}
    for lm in rows[1:]:
        owner = _first_cell_concept(lm)
        if owner is None or collector.categories.get(owner) not in ("model", "method", "tool"):
            continue
        evidence = [_ev(doc, header), _ev(doc, lm)]
        cells = list(_cells(lm))
        for i, (cell, inside) in enumerate(cells[1:], start=1):
            if i >= len(titles) or not inside or _FEATURE_HEADER.match(titles[i]) or not _only_names(cell, inside, _offset(cells, i)):
                continue
            for concept in dict.fromkeys(f.concept for f in inside):
                if concept == owner or concept in header_concepts:
                    continue
                if collector.categories.get(concept) in _USED_THINGS:
                    collector.add(owner, concept, "USES", _WEIGHT, evidence, "cell of a compared thing's row")


def _only_names(cell: str, inside: list, offset: int) -> bool:
    """Does a cell say nothing but the names in it (a count, brackets, "只使用" aside)?"""
    rest = cell
    for f in sorted(inside, key=lambda f: -f.start):
        rest = rest[: f.start - offset] + rest[f.end - offset :]
    return not _CELL_REST.sub("", rest)


# "| 方法 | 原理 | 代表模型 |": a column naming the models that use the row's thing
# what models are said to use, in a table
_USED_THINGS = frozenset({"technique", "component", "method", "loss", "optimizer"})
_USERS_HEADER = re.compile(r"(?:代表|典型|使用|采用|应用|适用|相关|主要)?(?:的)?(?:模型|代表模型|代表作|代表工作|应用模型|模型举例)(?:举例|示例|代表)?|(?:models?|used (?:by|in)|examples?)", re.I)


def _table_headers(doc: Document) -> dict[int, int]:
    """Body index of each table row -> body index of its table's first row."""
    tops: dict[int, int] = {}
    for i, line in enumerate(doc.body):
        if line.kind == "row":
            tops[i] = tops[i - 1] if _same_table(doc, i) else i
    return tops


def _users_column(header: Line) -> tuple[Line, int] | None:
    column = next((i for i, cell in enumerate(header.text.split(" | ")) if i > 0 and _USERS_HEADER.fullmatch(cell.strip())), None)
    return (header, column) if column is not None else None


def _users_cell(doc: Document, lm: LineMentions, users_column: tuple[Line, int], collector) -> None:
    """``| ALiBi | 线性偏置 | MPT, BLOOM |`` under ``| 方案 | 原理 | 使用模型 |``: MPT and BLOOM use ALiBi."""
    thing = _first_cell_concept(lm)
    header, column = users_column
    cells = list(_cells(lm))
    if thing is None or column >= len(cells) or collector.categories.get(thing) not in _USED_THINGS | {"tool"}:
        return
    evidence = [Evidence(doc.id, header.number, header.raw or header.text), _ev(doc, lm)]
    _models_using(thing, cells[column][1], evidence, collector, "row of a table naming the models that use it")


def _models_using(thing: str, found: list, evidence: list[Evidence], collector, why: str) -> None:
    """The models named in a cell use ``thing``."""
    for concept in dict.fromkeys(f.concept for f in found):
        if concept != thing and collector.categories.get(concept) == "model":
            collector.add(concept, thing, "USES", _WEIGHT, evidence, why)


# "| 方法 | 需要参考模型 | 复杂度 |" over "| DPO | ✅ 是 | 中 |": a yes in the column says the row's thing uses it
_NEEDS_HEADER = re.compile(r"\s*(?:是否)?(?:需要|使用|采用|用到|依赖|引入|含有|包含|支持)\s*⟨(\d+)⟩\s*[?]?\s*")
# "| 模型 | 剪枝 | 蒸馏 |" over "| TinyBERT | | ✓ |": a tick under a technique's name (a Yes/No matrix
# is more often what a tool supports for each model than what the model uses)
_TICK = re.compile(r"\s*(?:\*\*)?\s*(?:✅|✔️?|✓|√|☑️?|●|1)\s*(?:\*\*)?\s*")
_YES = re.compile(r"\s*(?:\*\*)?\s*(?:✅|✔️?|✓|√|☑️?|是|需要|有|Yes|Y)(?![\u4e00-\u9fff]*(?:否|不))", re.I)


def _needed_columns(header: LineMentions, categories: dict[str, str]) -> dict[int, tuple[str, bool]]:
    """Columns saying whether each row uses a thing: "需要奖励模型" (any yes), or a technique's bare name (a tick only)."""
    needed = {}
    cells = list(_cells(header))
    for i, (cell, inside) in enumerate(cells):
        start = _offset(cells, i)
        if i == 0 or len(inside) != 1:
            continue
        text = template(header.line.text, inside, start, start + len(cell)).text
        if _NEEDS_HEADER.fullmatch(text):
            needed[i] = (inside[0].concept, False)
        elif re.fullmatch(r"\s*⟨0⟩\s*", text) and categories.get(inside[0].concept) in ("technique", "method", "component", "loss", "optimizer"):
            needed[i] = (inside[0].concept, True)
    return needed


def _needed_cells(doc: Document, lm: LineMentions, needs: dict[int, tuple[str, bool]], header: Evidence | None, collector) -> None:
    thing = _first_cell_concept(lm)
    if thing is None or collector.categories.get(thing) not in ("model", "method", "technique", "tool", "optimizer", "loss"):
        return
    cells = lm.line.text.split(" | ")
    for i, (needed, tick_only) in needs.items():
        if i < len(cells) and needed != thing and (_TICK.fullmatch(cells[i]) if tick_only else _YES.match(cells[i])):
            collector.add(thing, needed, "USES", _WEIGHT, [e for e in (header, _ev(doc, lm)) if e], "a yes in a table's 'needs X' column")


def _same_table(doc: Document, index: int) -> bool:
    """Whether body line ``index`` continues the table of the row before it (past the ``|---|`` rule under its header)."""
    previous = doc.body[index - 1] if index > 0 else None
    current = doc.body[index]
    if previous is None or previous.kind != "row" or current.depth == 1:
        return False  # a header row starts a table
    gap = current.number - previous.number
    # rows of a pasted HTML table (kg.clean) quote their source text, not a "| … |" line, and lie lines apart
    pasted = not previous.raw.lstrip().startswith("|") and not current.raw.lstrip().startswith("|")
    return gap == 1 or gap == 2 and previous.depth == 1 or pasted


def _cells(lm: LineMentions):
    """The cells of a table row, each with the mentions inside it."""
    offset = 0
    for cell in lm.line.text.split(" | "):
        yield cell, [f for f in lm.found if offset <= f.start and f.end <= offset + len(cell)]
        offset += len(cell) + 3


# what a cell may say besides the names it lists: a count, brackets, "只使用", "即"
_CELL_REST = re.compile(rf"[\s、,/+()和与及*\d个种层门]|只?使用|采用|即|{KIND_NOUN}")


def _column_cells(doc: Document, lm: LineMentions, columns: dict[int, str], evidence: list[Evidence], collector) -> None:
    """A cell of a compared thing's column that names only techniques or parts: what that thing uses.

    ``| 位置编码 | 绝对位置编码 | 相对位置编码 |`` under ``| 方面 | Transformer | T5 |``
    says T5 uses relative position encoding; a cell written in words says nothing.
    """
    cells = list(_cells(lm))
    if cells and _USERS_HEADER.fullmatch(cells[0][0].strip(" *")):
        # "| 代表模型 | BERT | GPT-2, LLaMA |" under "| 特性 | Post-Norm | Pre-Norm |": the models listed use each column's thing
        for i, owner in columns.items():
            if i < len(cells) and collector.categories.get(owner) in _USED_THINGS:
                _models_using(owner, cells[i][1], evidence, collector, "row of the models using each compared thing")
        return
    named = [{f.concept for f in inside} for _, inside in cells]
    for i, owner in columns.items():
        if i >= len(cells):
            continue
        cell, inside = cells[i]
        if not inside or not _only_names(cell, inside, _offset(cells, i)):
            continue
        others = set().union(*(named[j] for j in columns if j != i and j < len(named)))
        for concept in dict.fromkeys(f.concept for f in inside):
            category = collector.categories.get(concept)
            if concept == owner or concept in others or concept in columns.values():
                continue  # said of every column: no difference, or one compared thing in another's cell
            if category == "component":
                collector.add(concept, owner, "PART_OF", _WEIGHT, evidence, "cell of a compared thing's column")
            elif category in ("technique", "method", "loss", "optimizer"):
                collector.add(owner, concept, "USES", _WEIGHT, evidence, "cell of a compared thing's column")


def _offset(cells: list, i: int) -> int:
    return sum(len(c) + 3 for c, _ in cells[:i])
