"""The user guide (reader/core/user_guide.py): the README's part for users, and the
anchors its links name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.user_guide import (
    GuideMissingError,
    guide_markdown,
    heading_anchor,
    read_guide,
)
from reader.resources import README


def test_the_guide_is_the_readmes_users_part() -> None:
    guide = read_guide(README)
    assert guide.startswith("# Interview Reader: User Guide\n\n## Your first study")
    assert "## Your notes are safe" in guide and "## Exports" in guide
    assert "## Speed" not in guide and "## Layout" not in guide


def test_every_section_link_of_the_guide_lands_on_one_of_its_headings() -> None:
    guide = read_guide(README)
    outside_code = re.sub(r"```.*?```|`[^`\n]*`", "", guide, flags=re.DOTALL)
    headings = {heading_anchor(h) for h in re.findall(r"^#+ (.+)$", guide, re.MULTILINE)}
    linked = set(re.findall(r"\]\(#([^)]+)\)", outside_code))
    assert linked and linked <= headings


def test_heading_anchor_is_as_a_git_hosts_page_makes_it() -> None:
    assert (
        heading_anchor("Working with NVivo, ATLAS.ti, MAXQDA (REFI-QDA)")
        == "working-with-nvivo-atlasti-maxqda-refi-qda"
    )
    assert heading_anchor("Themes, fonts and what is remembered") == (
        "themes-fonts-and-what-is-remembered"
    )
    assert heading_anchor("Für Zoë") == "für-zoë"


def test_a_readme_without_the_guide_or_none_at_all_says_so(tmp_path: Path) -> None:
    with pytest.raises(GuideMissingError, match="no user guide"):
        guide_markdown("# Something else\n\n## Speed\n")
    with pytest.raises(GuideMissingError, match="cannot be read"):
        read_guide(tmp_path / "README.md")
    (tmp_path / "README.md").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(GuideMissingError, match="cannot be read"):
        read_guide(tmp_path / "README.md")


def test_a_guide_to_the_readmes_end_when_the_developers_part_is_gone() -> None:
    assert guide_markdown("intro\n## Your first study, step by step\n\nOne.\n") == (
        "# Interview Reader: User Guide\n\n## Your first study, step by step\n\nOne.\n"
    )
