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
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

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
        table = Table(header_style="bold", expand=False)
        shown = [i for i, c in enumerate(columns) if not (c.attach and i)]
        for i in shown:
            column = columns[i]
            header = column.label or column.name
            if column.kind == "where":
                widest = max((len(_cell(r[i])) for r in rows), default=0)
                table.add_column(header, no_wrap=True, min_width=max(widest, len(header)))
            elif column.kind == "number":
                table.add_column(header, no_wrap=True, justify="right")
            else:
                table.add_column(header)
        for n, row in enumerate(rows):
            cells = []
            for i in shown:
                cell = self._cell(columns[i], row[i], "bold" if n in bold else "")
                if i + 1 < len(columns) and columns[i + 1].attach and _cell(row[i + 1]):
                    cell.append(("\n" if cell.plain else "") + _cell(row[i + 1]), style="dim")
                cells.append(cell)
            table.add_row(*cells)
        self.console.print(table)

    @staticmethod
    def _cell(column: Column, value, emphasis: str) -> WrapText:
        lines = [_cell(v) for v in value] if isinstance(value, list) else [_cell(value)]
        text = WrapText()
        for k, line in enumerate(lines):
            text.append(("\n" if k else "") + line, style=emphasis if column.kind == "name" and k == 0 else "")
        return text
