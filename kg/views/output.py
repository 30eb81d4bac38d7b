"""Where answers are printed: a terminal gets rich tables, a pipe or file gets one record per line.

On a terminal (or with ``TTY_COMPATIBLE=1``) tables are drawn by rich and sized
to the terminal; text wraps between words (:mod:`kg.views.text`) and a
``file:line`` column is never wrapped.  Anywhere else each table is a header
line and one tab-separated line per row, with no wrapping and no box drawing,
so ``grep``, ``cut -f`` and ``less`` work on it.
"""
from __future__ import annotations

from dataclasses import dataclass

import typer
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from rich.cells import cell_len

from kg.views.text import break_offsets, longest_unit

__all__ = ["Column", "Output", "WrapText"]


class WrapText(Text):
    """Rich text that wraps between words of mixed Chinese and Latin text, never inside a Latin word."""

    def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None):
        from rich.containers import Lines

        if no_wrap or self.no_wrap:
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap)
        lines = Lines()
        for line in self.split(allow_blank=True):
            pieces = line.divide(break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip_end(width)
                piece.truncate(width, overflow="fold")
            lines.extend(pieces)
        return lines

    def __rich_measure__(self, console, options) -> Measurement:
        widest = super().__rich_measure__(console, options).maximum
        return Measurement(min(longest_unit(self.plain), widest), widest)


@dataclass(frozen=True)
class Column:
    """A table column: ``text`` and ``name`` wrap between words, ``where`` (file:line) and ``number`` never wrap.

    A ``name`` cell is the one emphasised on a terminal when its row is.  On a
    terminal a ``where`` column with ``attach`` goes under the text of the
    column before it (a narrow terminal then still has room for the text), and
    ``label`` replaces ``name`` as the header.
    """

    name: str
    kind: str = "text"
    attach: bool = False
    label: str | None = None


def _cell(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


class Output:
    """The standard output of one command."""

    def __init__(self, console: Console | None = None):
        self.console = console or Console(highlight=False)
        self.terminal = self.console.is_terminal

    def line(self, text: str = "", style: str | None = None) -> None:
        """One line of text (styled on a terminal, wrapped between words there; never wrapped elsewhere)."""
        if self.terminal:
            self.console.print(WrapText(text, style=style or ""))
        else:
            typer.echo(text)

    def table(self, columns: list[Column], rows: list[list], bold: set[int] = frozenset()) -> None:
        """A table; ``bold`` holds the indexes of rows to emphasise on a terminal (targets…).

        A cell may be a list of lines: on a terminal they are lines of the cell
        (the first one emphasised in a ``name`` column), elsewhere they are
        joined with ``; ``.
        """
        if not self.terminal:
            typer.echo("\t".join(c.name for c in columns))
            for row in rows:
                typer.echo("\t".join("; ".join(_cell(v) for v in value) if isinstance(value, list) else _cell(value)
                                     for value in row))
            return
        shown = [i for i, c in enumerate(columns) if not (c.attach and i)]
        grid = []
        for n, row in enumerate(rows):
            cells = []
            for i in shown:
                cell = self._cell(columns[i], row[i], "bold" if n in bold else "")
                if i + 1 < len(columns) and columns[i + 1].attach and _cell(row[i + 1]):
                    cell.append(("\n" if cell.plain else "") + _cell(row[i + 1]), style="dim")
                cells.append(cell)
            grid.append(cells)
        headers = [columns[i].label or columns[i].name for i in shown]
        fixed = [columns[i].kind in ("where", "number") for i in shown]
        plain = [[c.plain for c in cells] for cells in grid]
        # drawn with borders if the words and places fit so, else with less room between columns
        for style in _STYLES:
            widths = _fit(plain, headers, fixed, self.console.width - style["overhead"](len(shown)))
            if widths != []:
                break
        table = Table(header_style="bold", expand=False, **style["table"])
        for k, i in enumerate(shown):
            wraps = columns[i].kind not in ("where", "number")
            table.add_column(headers[k], no_wrap=not wraps, width=widths[k] if widths else None,
                             justify="right" if columns[i].kind == "number" else "left")
        for cells in grid:
            table.add_row(*cells)
        self.console.print(table)

    @staticmethod
    def _cell(column: Column, value, emphasis: str) -> WrapText:
        lines = [_cell(v) for v in value] if isinstance(value, list) else [_cell(value)]
        text = WrapText()
        for k, line in enumerate(lines):
            text.append(("\n" if k else "") + line, style=emphasis if column.kind == "name" and k == 0 else "")
        return text


_STYLES = [
    {"overhead": lambda n: 3 * n + 1, "table": {}},
    {"overhead": lambda n: 3 * (n - 1), "table": {"box": box.SIMPLE_HEAD, "show_edge": False, "pad_edge": False}},
    {"overhead": lambda n: 2 * (n - 1), "table": {"box": None, "show_edge": False, "pad_edge": False}},
]


def _fit(cells: list[list[str]], headers: list[str], fixed: list[bool], room: int) -> list[int] | None:
    """Column widths within ``room`` cells that break no word and no place; None: rich's own fit does; []: nothing fits.

    Rich narrows the widest columns first, below the widest word they hold if
    need be.  Here every column gets at least its widest word (all of a
    ``file:line`` or number), and what room is left goes to the columns in
    proportion to how much more they could use.
    """
    least, most = [], []
    for k, header in enumerate(headers):
        texts = [row[k] for row in cells] + [header]
        lines = [line for text in texts for line in text.split("\n")]
        most.append(max(cell_len(line) for line in lines))
        least.append(most[-1] if fixed[k] else max(cell_len(header), max(longest_unit(text) for text in texts)))
    if sum(least) > room:
        return []
    if sum(most) <= room:
        return None
    spare, wants = room - sum(least), [m - s for m, s in zip(most, least)]
    widths = [s + spare * w // sum(wants) for s, w in zip(least, wants)]
    for k in sorted(range(len(widths)), key=lambda k: wants[k] - (widths[k] - least[k]), reverse=True):
        if sum(widths) < room and widths[k] < most[k]:
            widths[k] += 1
    return widths
