"""A Markdown transcript typed a turn a line, with no blank line between: each labelled
line is a turn, as in a .txt (Markdown itself joins a paragraph's lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import load_document
from reader.core.interview import Role, detect_segments


@pytest.mark.parametrize(
    ("asks", "answers"), [("Interviewer:", "Participant:"), ("**Q:**", "**A:**")]
)
def test_a_turn_a_line_is_a_turn_each(tmp_path: Path, asks: str, answers: str) -> None:
    path = tmp_path / "interview.md"
    path.write_text(
        f"# Interview 3\n\n{asks} How long have you lived here?\n{answers} Twenty years.\n"
        f"{asks} What has changed?\n{answers} Everything.\n",
        encoding="utf-8",
    )
    document = load_document(path)
    roles = [s.role for s in detect_segments(document.text) if s.role is not Role.INTRO]
    assert roles == [Role.QUESTION, Role.ANSWER] * 2


def test_prose_wrapped_over_lines_is_one_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("We met at the mill, and she said\nNote: this was before the strike.\n")
    assert load_document(path).text == (
        "We met at the mill, and she said Note: this was before the strike.\n"
    )
