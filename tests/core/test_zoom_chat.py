"""Zoom's meeting chat saved on the computer, in the shapes its versions write
(reader/core/transcripts/zoom_chat.py). Names and words are made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import load_document
from reader.core.interview import Role, detect_segments

NEWER = (
    "14:02:05 From Ana Silva to Everyone:\n"
    "\tCan everyone see the shared form?\n"
    "14:02:19 From Ben Okafor (Host) to Everyone:\n"
    "\tYes, it opened.\n"
    "\tThe second page too.\n"
    "14:03:40 From Ana Silva to Ben Okafor (Direct Message):\n"
    "\tThanks, I will send it after.\n"
)
ONE_LINE = (
    "14:02:05 From Ana Silva to Everyone : Can everyone see the shared form?\n"
    "14:02:19 From Ben Okafor (Host) to Everyone : Yes, it opened.\n"
    "The second page too.\n"
    "14:03:40 From Ana Silva to Ben Okafor(Privately) : Thanks, I will send it after.\n"
)
OLDEST = (
    "14:02:05\t From  Ana Silva : Can everyone see the shared form?\n"
    "14:02:19\t From  Ben Okafor (Host) : Yes, it opened.\n"
    "The second page too.\n"
    "14:03:40\t From  Ana Silva  to  Ben Okafor(Direct Message) : Thanks, I will send it after.\n"
)


# Some versions write " To ": "Ana Silva To Everyone" was a speaker, apart from Ana Silva.
CAPITAL_TO = NEWER.replace(" to ", " To ")


@pytest.mark.parametrize(
    "chat", [NEWER, CAPITAL_TO, ONE_LINE, OLDEST], ids=["newer", "To", "one-line", "oldest"]
)
def test_each_message_is_a_turn_of_its_sender(tmp_path: Path, chat: str) -> None:
    """Found by a new user's meeting_saved_chat.txt: its senders were not read (the
    first message was an introduction, the others Interviewer's and Interviewee's, the
    "From … to Everyone:" lines among their words). Each message is its sender's turn
    now, at its time from the first message's, and one sent to someone alone says so."""
    path = tmp_path / "meeting_saved_chat.txt"
    path.write_text(chat, encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "zoom-chat"
    assert doc.text == (
        "Ana Silva: Can everyone see the shared form?\n\n"
        "Ben Okafor (Host): Yes, it opened.\n\nThe second page too.\n\n"
        "Ana Silva: (to Ben Okafor, direct message) Thanks, I will send it after.\n"
    )
    assert [(turn.speaker, turn.start_ms) for turn in doc.turns] == [
        ("Ana Silva", 0),
        ("Ben Okafor (Host)", 14_000),
        ("Ana Silva", 95_000),
    ]
    segments = detect_segments(doc.text, doc.turns)
    assert [seg.role for seg in segments][:2] == [Role.QUESTION, Role.ANSWER]


def test_a_text_opening_with_a_time_and_from_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("10:02:33 From the start, we knew.\nIt was hard.\n", encoding="utf-8")
    doc = load_document(path)
    assert (doc.format, doc.text) == ("text", "10:02:33 From the start, we knew.\nIt was hard.\n")


def test_a_long_line_opening_with_a_time_and_from_is_read_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text on one long line opening "10:02:33 From the kitchen…" was tried as a chat
    message's head whose sender's name runs to a colon: with many a "to" and no colon
    before its words, that took 11 s for 134 KB of it, minutes for a longer one, the
    window frozen. A line with no colon a message's words could follow is no head."""
    import reader.core.transcripts.zoom_chat as zoom_chat

    tried: list[int] = []
    message_re = zoom_chat._MESSAGE_RE

    class Counting:
        def fullmatch(self, line: str) -> object:
            tried.append(len(line))
            return message_re.fullmatch(line)

    monkeypatch.setattr(zoom_chat, "_MESSAGE_RE", Counting())
    line = "10:02:33 From the kitchen we went to the market at 10:30 and back to rest. " * 200
    path = tmp_path / "notes.txt"
    path.write_text(line.rstrip() + "\n", encoding="utf-8")
    doc = load_document(path)
    assert (doc.format, doc.text) == ("text", line.rstrip() + "\n")
    assert tried == []


@pytest.mark.parametrize("lines", [0, 1, 10])
def test_a_chat_of_one_message_or_of_a_long_one_has_its_senders(tmp_path: Path, lines: int) -> None:
    """A chat of one message, or one whose message was a list pasted (ten lines), had no
    sender: its heads too few among its lines, the text showed "[Ana Silva] 10:02:33"
    above the words, a line the file never had."""
    words = "".join(f"\t{n}. A question\n" for n in range(1, lines + 1))
    chat = f"10:02:33 From Ana Silva to Everyone:\n\tQuestions for today:\n{words}"
    if lines:
        chat += "10:02:40 From Ben Okafor to Everyone:\n\tThanks, got it\n"
    path = tmp_path / "meeting_saved_chat.txt"
    path.write_text(chat, encoding="utf-8")
    doc = load_document(path)
    senders = [("Ana Silva", 0), ("Ben Okafor", 7000)] if lines else [("Ana Silva", 0)]
    assert [(turn.speaker, turn.start_ms) for turn in doc.turns] == senders
    assert doc.text.startswith("Ana Silva: Questions for today:\n")
    assert "[Ana Silva]" not in doc.text


def test_a_long_display_name_is_a_sender_too(tmp_path: Path) -> None:
    """Zoom's display names run long, with pronouns and affiliation: one of seven words
    was no sender, and the whole chat was read as an interview of guessed speakers."""
    long = "Dr Ana Maria Silva (she/her) Univ Porto"
    chat = NEWER.replace("Ana Silva", long)
    path = tmp_path / "meeting_saved_chat.txt"
    path.write_text(chat, encoding="utf-8")
    doc = load_document(path)
    assert [turn.speaker for turn in doc.turns] == [long, "Ben Okafor (Host)", long]
