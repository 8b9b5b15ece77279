"""The codebook as a document, for a methods appendix or a colleague: Markdown (a heading
for each code, nested as the tree is, with its colour, how much it is used and its
description) or CSV (a row for each code). Codes ▸ Export Codebook… and `export
--format codebook-md|codebook-csv` write them.

How much each code is used comes in (core code_use): the window has it counted already,
the command line counts the notes files.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from reader.core.code_use import CodeUse, use_words
from reader.core.codebook import Codebook
from reader.core.export.html_export import demote_headings
from reader.core.exported import EXPORTED_FROM
from reader.core.markdown_escape import escape
from reader.core.wording import counted

CSV_COLUMNS = (
    "code",
    "description",
    "colour",
    "category",
    "passages",
    "interviews",
    "passages_with_sub_codes",
    "interviews_with_sub_codes",
)
DEEPEST = 6  # Markdown's deepest heading: codes further down share it


def codebook_markdown(
    book: Codebook, uses: Mapping[str, CodeUse], title: str, interviews: bool = True
) -> bytes:
    """A heading for each code in tree order (top-level codes `##`, their sub-codes one
    level down), a line of its colour and use, and its description (Markdown already, as
    written). Without `interviews` (an interview alone), uses are only passages."""
    lines = [
        f"# {escape(f'Codebook of {title}')}",
        "",
        f"{counted(len(book), 'code')}, {EXPORTED_FROM}",
        "",
    ]
    below = {code.parent for code in book}
    for depth, code in book.tree():
        use = uses.get(code.id, CodeUse())
        words = use_words(use, code.codable, code.id in below, interviews)
        kind = "" if code.codable else "Category · "
        about = f"{kind}colour {code.color} · {escape(words)}"
        level = min(DEEPEST, depth + 2)
        lines += [f"{'#' * level} {escape(code.name)}", ""]
        lines += [about[0].upper() + about[1:], ""]
        if description := code.description.strip():
            # Its headings below the code's: a "# …" in it took the codes after it along.
            lines += [demote_headings(description, level), ""]
    return "\n".join(lines).encode("utf-8")


def codebook_csv(book: Codebook, uses: Mapping[str, CodeUse], raw_cells: bool = False) -> bytes:
    """A row for each code in tree order, named by its path ("Work / Night shifts"); UTF-8
    with BOM and formula cells made inert unless `raw_cells`, as the CSV export writes."""
    from reader.core.export.common import ExportOptions
    from reader.core.export.csv_export import writer

    buffer = io.StringIO()
    out = writer(buffer, ExportOptions(raw_cells=raw_cells))
    out.writerow(CSV_COLUMNS)
    for _, code in book.tree():
        use = uses.get(code.id, CodeUse())
        out.writerow(
            [
                book.path(code.id),
                code.description.strip(),
                code.color,
                "" if code.codable else "yes",
                use.passages,
                use.interviews,
                use.passages_below,
                use.interviews_below,
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def export_codebook(
    extension: str,
    book: Codebook,
    uses: Mapping[str, CodeUse],
    title: str,
    interviews: bool,
    raw_cells: bool = False,
) -> bytes:
    """The codebook as CSV (`extension` "csv"; `raw_cells` as ExportOptions') or else as
    Markdown."""
    if extension == "csv":
        return codebook_csv(book, uses, raw_cells)
    return codebook_markdown(book, uses, title, interviews)
