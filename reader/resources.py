"""Paths of the files bundled in resources/."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
BUNDLED_INTERVIEW = RESOURCES / "her-smell-interview.txt"
NOTES_SCHEMA = RESOURCES / "notes.schema.json"
STUDY_SCHEMA = RESOURCES / "study.schema.json"
README = RESOURCES.parent / "README.md"  # the user guide (reader/core/user_guide.py)
