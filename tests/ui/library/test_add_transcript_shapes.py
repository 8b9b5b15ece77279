"""Transcripts in the shapes real tools write them, added to a study as a user adds them:
each interview's outline holds its questions, its speakers are the file's, and study.json
lists it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtWidgets import QFileDialog

from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.test_library import titles
from tests.ui.test_outline import row_text


def questions_shown(window: MainWindow, interview_id: str, qtbot: Any) -> list[str]:
    """The questions the outline shows once the interview is opened from the Library."""
    assert window.switcher.open(interview_id)
    qtbot.waitUntil(lambda: window.switcher.current == interview_id)
    rows = [row_text(window.outline, row) for row in range(window.outline.count())]
    return [row.split("  ", 1)[1] for row in rows]


def test_whisper_text_added_to_a_study_has_its_questions_and_speakers(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:
    """Whisper's text (whisper_text.py), read as prose, had its times and labels in the
    words, and the outline's questions opened with them."""
    window = make_study_window(folder)
    picked = []
    for name, as_name in (
        ("whisperx-diarized.txt", "P20 Rosa.txt"),
        ("faster-whisper-xxl.txt", "P21 Rui.txt"),
    ):
        shutil.copy(DATA / "transcripts" / name, tmp_path / as_name)
        picked.append(str(tmp_path / as_name))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: (picked, ""))
    window.window_actions.add_interviews.trigger()
    qtbot.waitUntil(lambda: titles(window)[-2:] == ["P20 Rosa", "P21 Rui"])
    listed = orjson.loads((folder / "study.json").read_bytes())["interviews"]
    assert [e["title"] for e in listed][-2:] == ["P20 Rosa", "P21 Rui"]
    for title, speakers, times in (
        ("P20 Rosa", ["SPEAKER_00", "SPEAKER_01"], False),
        ("P21 Rui", ["Interviewee", "Interviewer"], True),
    ):
        entry = next(e for e in window.study.study.interviews if e.title == title)
        assert questions_shown(window, entry.id, qtbot) == [
            "Thanks for coming in. Where did you grow up?",
            "Did you go with her?",
        ]
        session = window.interview.session
        assert sorted(session.shown_speakers()) == speakers
        assert "-->" not in session.document.text and "[SPEAKER" not in session.document.text
        assert bool(session.document.turns[0].start_ms is not None) is times


def test_openai_words_alone_dropped_on_a_study_are_added_and_say_they_have_no_times(
    make_study_window: Callable[[Path], MainWindow], folder: Path, tmp_path: Path, qtbot: Any
) -> None:
    """OpenAI's {"text": "…"} was skipped as "JSON but not a Whisper transcript"."""
    window = make_study_window(folder)
    told: list[str] = []
    window.study.message.connect(told.append)
    dropped = tmp_path / "P22 Ines.json"
    shutil.copy(DATA / "transcripts" / "openai-text.json", dropped)
    window.study_actions.dropped([dropped])
    qtbot.waitUntil(lambda: titles(window)[-1] == "P22 Ines")
    assert told == []
    listed = orjson.loads((folder / "study.json").read_bytes())["interviews"]
    assert listed[-1]["title"] == "P22 Ines"
    entry = window.study.study.interviews[-1]
    assert questions_shown(window, entry.id, qtbot) == [
        "Where did you grow up?",
        "Did you go with her? Why? Who asked you?",
    ]
    qtbot.waitUntil(lambda: "without their times" in window.banner.label.text())


def test_a_folder_of_whisper_tables_opens_as_a_study_of_them(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    """A folder of Whisper's .tsv and whisper.cpp's .lrc opened as a study said "No
    transcript in this folder", though each opens alone; the participants' spreadsheet
    beside them is left out without a word."""
    folder = tmp_path / "Tromsø"
    folder.mkdir()
    shutil.copy(DATA / "transcripts" / "whisper.tsv", folder / "P01 Tove.tsv")
    shutil.copy(DATA / "transcripts" / "whisper-cpp.lrc", folder / "P02 Ola.lrc")
    (folder / "participants.csv").write_text("participant,age\nP01,34\nP02,51\n", "utf-8")
    window = make_study_window(folder)
    assert titles(window) == ["P01 Tove", "P02 Ola"]
    assert [e.path for e in window.study.study.interviews] == ["P01 Tove.tsv", "P02 Ola.lrc"]
    assert "skipped" not in window.banner.label.text()
    first = window.study.study.interviews[0]
    assert questions_shown(window, first.id, qtbot) == [
        "So what brought you to Tromsø?",
        "And the dark months, how did you cope?",
    ]
    assert window.interview.session.document.turns[1].start_ms == 4600
