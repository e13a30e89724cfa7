"""Jupyter notebooks (nbformat 4): the code cells as one Python source, and back.

The virtual source is each code cell, in order, after a separator comment line that names
the cell (`# %% cell 3`, counting every cell as Jupyter shows them, as Ruff does): the text
alone says which cell each line came from, for the output as for writing fixes back.
IPython syntax (`%magic`, `!shell`, `name?`, `%%cell_magic` cells) is masked as
`pass  # <the line>`, which parses, keeps line numbers and cannot be fixed: writing back
refuses any fix that changed a masked line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from reviewer.source import SourceError, split_lines

SUFFIX = ".ipynb"
_SEPARATOR = re.compile(r"# %% cell (\d+)\Z")
# `%magic`, `!shell`, `?name`; `name?` / `name.attr??` (help); not a comment ending in `?`.
_MAGIC = re.compile(r"\s*[%!?]|\s*[A-Za-z_][\w.]*\?\??\s*\Z")


def is_notebook(path: str) -> bool:
    return path.endswith(SUFFIX)


@dataclass
class _Cell:
    number: int  # 1-based, among all cells
    lines: List[str]  # the cell's lines as in the virtual source (masked, each ending in a newline)
    masked: Dict[int, str]  # index in `lines` -> the original line, without its newline
    final_newline: bool  # whether the source ends in a newline (nbformat's last line does not)


class Notebook:
    def __init__(self, text: str) -> None:
        """Raises SourceError (one line) for anything but an nbformat 4 notebook."""
        try:
            self.data = json.loads(text)
        except ValueError as exc:
            raise SourceError(f"not a valid notebook: invalid JSON ({exc})") from None
        except RecursionError:
            raise SourceError("not a valid notebook: JSON nested too deeply") from None
        cells = self.data.get("cells") if isinstance(self.data, dict) else None
        if (not isinstance(self.data, dict) or self.data.get("nbformat") != 4 or not isinstance(cells, list)
                or not all(isinstance(cell, dict) and _is_source(cell.get("source", "")) for cell in cells)):
            raise SourceError("not a valid notebook: expected nbformat 4 JSON with a list of cells")
        self.original = text
        self.cells = [_mask(number, _joined(cell.get("source", "")))
                      for number, cell in enumerate(cells, 1) if cell.get("cell_type") == "code"]
        self.text = "".join(f"# %% cell {cell.number}\n" + "".join(cell.lines) for cell in self.cells)

    def sources(self, text: str) -> Dict[int, str]:
        """{cell number: new source} of the cells a fixed virtual `text` changed.

        Raises SourceError if the split is not certain: a separator lost or moved, or a
        masked line changed."""
        parts = _split(text)
        if [number for number, _ in parts] != [cell.number for cell in self.cells]:
            raise SourceError("a fix crossed a notebook cell boundary; not fixed")
        changed: Dict[int, str] = {}
        for cell, (_, lines) in zip(self.cells, parts):
            if lines != cell.lines:
                changed[cell.number] = _unmasked(cell, lines)
        return changed

    def rebuild(self, text: str) -> str:
        """The notebook's JSON text with the cells of the fixed virtual `text`, written as
        the file was: refused unless writing the unchanged notebook gives back its text."""
        serialize = self._serializer()
        data = json.loads(self.original)  # a copy: `self.data` stays the notebook as read
        for number, code in self.sources(text).items():
            cell = data["cells"][number - 1]
            # nbformat's own layout: a list of lines each keeping its newline, or one string
            # (split at newlines only, as the virtual source is: other line breaks stay inside)
            cell["source"] = split_lines(code) if isinstance(cell["source"], list) else code
        return serialize(data)

    def source(self, number: int) -> str:
        """The source of cell `number` as read."""
        return _joined(self.data["cells"][number - 1].get("source", ""))

    def _serializer(self):
        # nbformat writes json.dumps(nb, indent=1, ensure_ascii=False) and a final newline;
        # other tools change the indent or escape non-ASCII. Only an exact round trip proves
        # that writing keeps every byte outside the changed sources.
        second = self.original.split("\n", 2)[1] if self.original.count("\n") >= 2 else ""
        indent = len(second) - len(second.lstrip(" ")) or None
        end = "\n" if self.original.endswith("\n") else ""
        for ascii_only in (False, True):
            def serialize(data, ascii_only=ascii_only):
                return json.dumps(data, indent=indent, ensure_ascii=ascii_only) + end
            if serialize(self.data) == self.original:
                return serialize
        raise SourceError("this notebook's JSON layout is not nbformat's (indent, escapes); "
                          "not written, to keep its formatting")


def cell_rows(text: str) -> List[Tuple[int, int]]:
    """For each line of a virtual source (index 0: line 1), (cell number, line within the
    cell); (0, 0) for a separator line."""
    rows: List[Tuple[int, int]] = []
    for number, lines in _split(text):
        if number:
            rows.append((0, 0))
        rows.extend((number, row) for row in range(1, len(lines) + 1))
    return rows


def _split(text: str) -> List[Tuple[int, List[str]]]:
    parts: List[Tuple[int, List[str]]] = []
    for line in split_lines(text):
        match = _SEPARATOR.match(line.rstrip("\r\n"))
        if match:
            parts.append((int(match.group(1)), []))
        elif parts:
            parts[-1][1].append(line)
        else:
            parts.append((0, [line]))  # text before any separator: no cell of the notebook
    return parts


def _is_source(source) -> bool:
    return isinstance(source, str) or isinstance(source, list) and all(isinstance(line, str) for line in source)


def _joined(source) -> str:
    return source if isinstance(source, str) else "".join(source)


def _mask(number: int, code: str) -> _Cell:
    cell = _Cell(number, [], {}, code.endswith(("\n", "\r")))
    whole = code.startswith("%%")  # a cell magic: the whole cell is not Python
    # The indent of a magic whose last line ended in a backslash (`%pip install \`): its
    # next line continues it, at the magic's indent whatever its own.
    continued: Optional[str] = None
    for index, line in enumerate(split_lines(code)):
        body = line.rstrip("\r\n")
        # A line that reads as a separator is masked too, or it would split the cell.
        if whole or continued is not None or _MAGIC.match(body) or _SEPARATOR.match(body):
            cell.masked[index] = body
            own = body[:len(body) - len(body.lstrip())]
            indent = "" if whole else own if continued is None else continued
            continued = indent if body.endswith("\\") and not whole else None
            body = f"{indent}pass  # {body[len(own):]}"
        # Each line ends in a newline, so that the next separator starts a line.
        cell.lines.append(body + (line[len(line.rstrip("\r\n")):] or "\n"))
    return cell


def _unmasked(cell: _Cell, lines: List[str]) -> str:
    """The cell's source from its fixed virtual lines: the masked lines restored where the
    fix left them, and no final newline if the original had none."""
    import difflib  # only fixing a notebook needs it

    restored = list(lines)
    kept: Dict[int, int] = {}
    for old, new, size in difflib.SequenceMatcher(None, cell.lines, lines, autojunk=False).get_matching_blocks():
        kept.update((old + k, new + k) for k in range(size))
    for index, body in cell.masked.items():
        if index not in kept:
            raise SourceError(f"a fix changed an IPython magic line in cell {cell.number}; not fixed")
        line = lines[kept[index]]
        restored[kept[index]] = body + line[len(line.rstrip("\r\n")):]
    code = "".join(restored)
    return code if cell.final_newline or not code.endswith("\n") else code[:-1]
