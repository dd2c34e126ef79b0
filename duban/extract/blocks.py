"""What a reader hands to the parser: the document as an ordered list of blocks.

Readers (duban.extract.readers) turn bytes of any format into a `Document`; the parser never sees
file formats. A paragraph is one line of text as printed; a table is a header row plus data rows
(cells already joined per row, whether the table came from Word, HTML, PDF or from a web page pasted
as one cell per line).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Source


@dataclass
class Paragraph:
    text: str
    line: int = 0  # 0-based index of the line (or paragraph) in the source, for the review screen


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    line: int = 0


Block = Paragraph | Table


@dataclass
class Document:
    source: Source
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The document as plain text, one block a line (tables as tab-separated rows)."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            else:
                out.append("\t".join(block.header))
                out.extend("\t".join(row) for row in block.rows)
        return "\n".join(out)
