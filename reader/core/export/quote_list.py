"""A list of quotes as Markdown or HTML, as Coded Passages and Search Everything export
theirs: a title, a count line that says where the file comes from, a heading for each
interview; the HTML page is the Markdown rendered, self-contained (nothing loads)."""

from __future__ import annotations

from reader.core.exported import EXPORTED_FROM
from reader.core.markdown_escape import escape


def list_start(title: str, count: str) -> list[str]:
    """The title, then the count ("12 passages") as an export's count line: no study takes
    the file for a transcript when it is saved into the study's folder (core/exported.py)."""
    return [f"# {escape(title)}", "", f"{count}, {EXPORTED_FROM}", ""]


def interview_heading(title: str, participant: str = "") -> list[str]:
    """An interview's heading, with its participant if known: "## P01 (Ana)"."""
    who = f" ({escape(participant)})" if participant else ""
    return [f"## {escape(title)}{who}", ""]


def markdown_page(markdown: bytes, title: str) -> bytes:
    """`markdown` (UTF-8) as a self-contained HTML page titled `title`."""
    from html import escape as html_escape

    from reader.core.export.html_export import page_start, render_markdown

    body = render_markdown(markdown.decode("utf-8"))
    page = [*page_start(html_escape(title)), body, "</main>", "</body>", "</html>", ""]
    return "\n".join(page).encode("utf-8")
