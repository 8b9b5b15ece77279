"""The sync table: times of transcript files and written times, both ways, and time links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.document import Document, Turn, load_document
from reader.core.interview import Role, detect_segments, leading_time_end
from reader.core.sync import (
    SLOWEST_MS_A_CHAR,
    SyncEntry,
    SyncTable,
    format_time,
    link_end_ms,
    link_ms,
    time_link,
)
from reader.core.transcripts import Cue, from_cues

DATA = Path(__file__).parents[1] / "data" / "transcripts"


def table_of(document: Document) -> SyncTable:
    return SyncTable.of(document, detect_segments(document.text, document.turns))


def test_subtitle_turns_map_time_to_their_text_and_back() -> None:
    document = load_document(DATA / "zoom.vtt")
    table = table_of(document)
    assert len(table) == len([t for t in document.turns if t.start_ms is not None]) > 2
    kenji = next(e for e in table.entries if e.speaker.startswith("Kenji"))
    assert kenji.start_ms == 10_500
    assert table.entry_at_ms(12_000) == kenji
    assert table.ms_at(kenji.start) == 10_500
    # Inside the turn, time and text advance together.
    middle = table.offset_at((kenji.start_ms + kenji.end_ms) // 2)  # type: ignore[operator]
    assert kenji.start < middle < kenji.end
    assert table.entry_at(middle) == kenji


def test_written_times_in_plain_text_become_entries() -> None:
    document = load_document(DATA / "rev.txt")
    table = table_of(document)
    starts = [e.start_ms for e in table.entries]
    assert starts[:3] == [13_000, 18_000, 25_000]
    second = table.entries[1]
    assert document.text[second.start :].startswith("[00:00:18] Paulo") or second.speaker
    assert table.entry_at_ms(20_000) == second
    assert table.ms_at(second.start) == 18_000


def test_a_paragraph_without_a_time_takes_the_nearest_before_it() -> None:
    text = "[00:10] A: one\n\nno time here\n\n[00:30] B: two\n"
    document = Document(text, "t", "/t.txt", "utf-8")
    table = table_of(document)
    untimed = text.index("no time")
    assert table.entry_at(untimed) == table.entries[0]
    ms = table.ms_at(untimed)
    assert ms is not None and 10_000 < ms < 30_000  # moved on by the characters before it
    assert table.ms_at(0) == 10_000
    assert table.ms_at(text.index("[00:30]")) == 30_000


def test_before_the_first_time_there_is_none_and_no_times_give_an_empty_table() -> None:
    text = "Intro line.\n\n(1:05) A: speech\n"
    table = table_of(Document(text, "t", "/t.txt", "utf-8"))
    assert table.ms_at(0) is None
    assert table.offset_at(1000) is None
    assert table.offset_at(65_000) == text.index("(1:05)")
    empty = table_of(Document("No times at all.\n", "t", "/t.txt", "utf-8"))
    assert len(empty) == 0 and empty.ms_at(3) is None and empty.entry_at_ms(5) is None


def test_times_out_of_order_still_find_their_own_entry() -> None:
    text = "[00:50] A: late\n\n[00:10] B: early\n"
    table = table_of(Document(text, "t", "/t.txt", "utf-8"))
    assert table.entry_at_ms(12_000).start == text.index("[00:10]")  # type: ignore[union-attr]
    assert table.entries[0].end_ms is None  # a backwards time ends nothing


def test_turns_without_times_are_left_out() -> None:
    text = "A: one\n\nB: two\n"
    turns = (Turn(0, 6, "A", None, None), Turn(8, 14, "B", 4000, 6000))
    table = table_of(Document(text, "t", "/t.vtt", "utf-8", format="webvtt", turns=turns))
    assert [e.start for e in table.entries] == [8]


@given(
    gaps=st.lists(st.integers(1, 50), min_size=1, max_size=20),
    durations=st.lists(st.integers(1, 60_000), min_size=20, max_size=20),
    probe=st.integers(0, 2_000_000),
)
def test_time_to_text_is_monotone_and_inverts_within_an_entry(
    gaps: list[int], durations: list[int], probe: int
) -> None:
    entries, offset, ms = [], 0, 0
    for gap, duration in zip(gaps, durations, strict=False):
        entries.append(SyncEntry(offset, offset + gap, ms, ms + duration))
        offset, ms = offset + gap, ms + duration
    table = SyncTable(entries)
    here, later = table.offset_at(probe), table.offset_at(probe + 1000)
    assert here is not None and later is not None and here <= later
    entry = table.entry_at(here)
    assert entry is not None and entry.start <= here < entry.end
    back = table.ms_at(here)
    assert back is not None and back <= max(probe, entry.start_ms)
    assert table.entry_at_ms(back) == entry


def test_time_links_round_trip_and_refuse_other_links() -> None:
    assert format_time(3_723_000) == "1:02:03" and format_time(83_500) == "1:23"
    assert time_link(83_500) == "[▶ 1:23](#t=83.5)"
    assert time_link(3_723_456) == "[▶ 1:02:03](#t=3723.5)"
    assert time_link(59_960) == "[▶ 1:00](#t=60)"
    assert link_ms("#t=83.5") == 83_500
    assert link_ms("#t=npt:00:01:23") == 83_000
    assert link_ms("#t=10,20") == 10_000
    assert link_ms("#t=0:00") == 0 and link_ms("#t=1:02:03.5") == 3_723_500
    for other in ("#h-abc", "https://x", "#t=", "#t=abc", "#t=-3", "#t=nan", "#t=inf", "#t=1e99"):
        assert link_ms(other) is None


def test_turns_without_an_end_end_where_the_next_begins_and_the_last_with_the_recording() -> None:
    """Otter's and Teams' turns give no end: Play Paragraph never stopped, and a paragraph
    inside a turn had no time of its own (the turn's start for each)."""
    text = "A: one\n\nstill A\n\nB: two\n"
    turns = (Turn(0, 17, "A", 3000, None), Turn(17, 24, "B", 10_000, None))
    table = table_of(Document(text, "t", "/t.txt", "utf-8", format="otter-text", turns=turns))
    assert [(e.start_ms, e.end_ms) for e in table.entries] == [(3000, 10_000), (10_000, None)]
    inside = table.ms_at(text.index("still"))
    assert inside is not None and 3000 < inside < 10_000
    ended = table.ending_at(40_000)
    assert [(e.start_ms, e.end_ms) for e in ended.entries] == [(3000, 10_000), (10_000, 40_000)]
    assert ended.ending_at(50_000) is ended  # its end is known now
    assert table.ending_at(9_000) is table  # a recording shorter than the times: no end


def test_a_time_links_end_is_where_its_fragment_ends() -> None:
    """A W3C media fragment's end ("#t=35,38", "#t=,20" from 0:00) was ignored: the link
    played on to the recording's end."""
    assert link_end_ms("#t=35,38") == 38_000 and link_ms("#t=35,38") == 35_000
    assert link_ms("#t=,20") == 0 and link_end_ms("#t=,20") == 20_000
    assert link_end_ms("#t=npt:0:10,0:12.5") == 12_500
    for no_end in ("#t=35", "#t=35,", "#t=35,30", "#t=35,35", "#t=35,abc", "#t=x,38", "#h-a,3"):
        assert link_end_ms(no_end) is None
    assert link_ms("#t=,") is None and link_ms("#t=,abc") is None


def test_a_link_with_no_whole_time_is_no_time_link() -> None:
    """They read as 0:00, and Ctrl+click played from the start."""
    for other in ("#t=0:5", "#t=100:00:00", "#t=1:2:3", "#t=12:00:00x"):
        assert link_ms(other) is None


def test_subrip_times_keep_every_millisecond(tmp_path: Path) -> None:
    """Read through a float, 00:00:01,001 was 1000 ms."""
    path = tmp_path / "talk.srt"
    path.write_text("1\n00:00:01,001 --> 00:00:02,007\nAna: Hello.\n", encoding="utf-8")
    (turn,) = load_document(path).turns
    assert (turn.start_ms, turn.end_ms) == (1_001, 2_007)


def write_transcript(path: Path, paragraphs: list[str]) -> Path:
    """A plain text, or a Word document of one paragraph each (a line break inside one),
    as typists and tools write them."""
    if path.suffix == ".txt":
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        return path
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        first, *more = paragraph.split("\n")
        run = document.add_paragraph().add_run(first)
        for line in more:
            run.add_break()
            run.add_text(line)
    document.save(str(path))
    return path


TIMED_SHAPES = {  # the first paragraph at 1:23, the second at 1:30
    "time first": ["[00:01:23] Interviewer: Tell me.", "[00:01:30] Ana: It closed."],
    "time after the name": ["Interviewer [00:01:23]: Tell me.", "Ana [00:01:30]: It closed."],
    "minutes, in brackets": ["Interviewer (01:23): Tell me.", "Ana (01:30): It closed."],
    "time and name above": ["00:01:23 Speaker 1\nTell me.", "00:01:30 Speaker 2\nIt closed."],
    "fractions": ["[00:01:23.000] Interviewer: Tell me.", "[0:01:30,000] Ana: It closed."],
    "timecodes with frames": ["[00:01:23:00] Interviewer: Tell me.", "00:01:30:00 Ana: It closed."],
}


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
@pytest.mark.parametrize("shape", list(TIMED_SHAPES))
def test_times_typed_before_a_turn_play_it_from_there(
    tmp_path: Path, shape: str, suffix: str
) -> None:
    paragraphs = TIMED_SHAPES[shape] * 2
    path = write_transcript(tmp_path / f"talk{suffix}", paragraphs)
    document = load_document(path)
    table = table_of(document)
    answer = document.text.index("It closed")
    assert table.ms_at(0) == 83_000  # Play Paragraph on the first turn
    assert table.entry_at(answer).start_ms == 90_000  # type: ignore[union-attr]
    if suffix == ".txt":  # the file's text, stamps and all: notes count its code points
        assert document.text == path.read_text(encoding="utf-8")


F4_STAMPED = [  # f4transkript's, the time ending each paragraph as the typist pressed Enter
    "Interview 7, 12 May",
    "I: Tell me about the mill. #00:00:04-5#",
    "Ana: It closed in 1998, the year my son was born. #00:00:10-0#",
    "I: And then? #00:00:12-2#",
    "Ana: We left for Porto. #00:00:15-8#",
]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
@pytest.mark.parametrize("brackets", [False, True])
def test_stamps_ending_every_paragraph_say_when_the_next_starts(
    tmp_path: Path, suffix: str, brackets: bool
) -> None:
    paragraphs = [
        re.sub(r"#(\S+)-(\d)#", r"[\1.\g<2>00]", p) if brackets else p for p in F4_STAMPED
    ]
    path = write_transcript(tmp_path / f"talk{suffix}", paragraphs)
    document = load_document(path)
    assert document.text == "\n\n".join(paragraphs) + "\n"  # stamps kept: offsets unmoved
    table = table_of(document)
    starts = {document.text[e.start : e.start + 8]: e.start_ms for e in table.entries}
    assert starts == {"I: Tell ": 0, "Ana: It ": 4_500, "I: And t": 10_000, "Ana: We ": 12_200}
    assert table.ms_at(0) is None  # the title, before the recording's first words
    segments = detect_segments(document.text, document.turns)
    assert [s.role for s in segments[1:]] == [Role.QUESTION, Role.ANSWER] * 2


def test_a_time_that_ends_a_paragraph_now_and_then_is_said_not_stamped() -> None:
    text = (
        "Jane: When did the ferry leave?\n\nTom: Early, at (6:30)\n\nJane: And the next?\n\n"
        "Tom: Hourly.\n\nJane: Who ran it?\n\nTom: The council. [12:04]\n"
    )
    assert len(table_of(Document(text, "t", "/t.txt", "utf-8"))) == 0


def test_a_paragraph_ends_when_the_next_later_time_starts() -> None:
    """A time written twice, or going back, left the one before it no end: Play Paragraph
    played on to the recording's end. And the blank lines before the next paragraph took
    a share of its time, so a short turn was cut before its last words."""
    text = (
        "[00:01:02] A: So?\n\n[00:01:05] B: Right?\n\n[00:01:05] A: Yes.\n\n"
        "[00:01:09] B: Good.\n\n[00:00:30] A: From the start again.\n"
    )
    document = Document(text, "t", "/t.txt", "utf-8")
    table = table_of(document)
    # B and A, both at 1:05, share the time until 1:09 by their characters.
    assert [e.end_ms for e in table.entries] == [65_000, 67_095, 69_000, None, None]
    assert table.entries[2].start_ms == 67_095
    right = text.index("Right?") + len("Right?")
    assert table.end_ms(right, text) == 67_095
    so = text.index("So?") + len("So?")
    assert table.end_ms(so, text) == 65_000  # the next paragraph's own time
    said = text.index("A: Yes") + 1  # inside a paragraph: estimated there
    ms = table.end_ms(said, text)
    assert ms is not None and 65_000 <= ms < 69_000


def test_a_time_with_a_name_alone_on_its_line_times_the_words_below() -> None:
    """ "00:00:09 Ana" above "Yes.": the time was the name line's, and "Yes." began at an
    estimate (0:30) and Follow Along marked the name line."""
    text = (
        "00:00:03 Interviewer\nHow did you come to the city?\n\n00:00:09 Ana\nYes.\n\n"
        "00:00:40 Interviewer\nWhy?\n"
    )
    document = Document(text, "t", "/t.txt", "utf-8")
    table = table_of(document)
    yes = text.index("Yes.")
    assert table.ms_at(yes) == 9_000 and table.end_ms(yes + len("Yes."), text) == 40_000
    assert table.entry_at_ms(25_000) == table.entry_at(yes)
    asked = text.index("How did")
    assert table.ms_at(asked) == 3_000 and table.end_ms(text.index("?") + 1, text) == 9_000
    assert table.ms_at(text.index("00:00:40")) == 40_000  # its name line: its own time


@pytest.mark.parametrize(
    ("stamps", "ms"),
    [
        (["[00.00.03]", "[00.00.09]", "[01.02.03]"], [3_000, 9_000, 3_723_000]),
        (["[0.03]", "[0.09]", "[62.03]"], [3_000, 9_000, 3_723_000]),
        (["{00:00:03}", "{00:00:09}", "{01:02:03}"], [3_000, 9_000, 3_723_000]),
        (["#00:00:03.250#", "#00:00:09.000#", "#01:02:03.500#"], [3_250, 9_000, 3_723_500]),
    ],
)
def test_qualcoders_stamps_alone_on_a_line_time_the_words_below(
    stamps: list[str], ms: list[int]
) -> None:
    """QualCoder's transcription writes its stamp on a line of its own above the words
    (view_av.py), by default with dots, "[00.01.23]", or as "[83.05]", "{00:01:23}",
    "#00:01:23.450#": a transcript typed in QualCoder (its .qdpx's Transcript, or its
    text) had no times, and played from its start whatever was clicked."""
    lines = ["Ana: How did you come to the city?", "Bo: By train.", "Ana: Why?"]
    text = "".join(f"{stamp}\n{line}\n" for stamp, line in zip(stamps, lines, strict=True))
    document = Document(text, "t", "/t.txt", "utf-8")
    table = table_of(document)
    assert [table.ms_at(text.index(line)) for line in lines] == ms
    assert document.text == text  # the stamps stay where they are
    stamp = detect_segments(text)[0]  # a time, as "[00:00:03]" is: dimmed, not words
    assert leading_time_end(text, stamp) == stamp.end == len(stamps[0])


def written(path: Path, content: str) -> Document:
    """The transcript file `content`, written at `path` and read as the app reads it."""
    path.write_text(content, encoding="utf-8")
    return load_document(path)


def cues_table(cues: list[Cue]) -> tuple[str, SyncTable]:
    """The text and sync table of a subtitle file of `cues`."""
    parsed = from_cues(cues, "srt", "talk.srt")
    document = Document(
        parsed.text, "t", "/t.srt", "utf-8", format="srt", turns=parsed.turns, cues=parsed.cues
    )
    return document.text, table_of(document)


def test_a_long_turn_follows_its_cues_across_a_pause() -> None:
    """One speaker's cues join into one turn, which kept only its first cue's start: after
    a pause of half a minute inside it, words were placed by their share of its characters,
    tens of seconds off."""
    cues = [
        Cue("Where did you grow up?", 0, 2_000, "Ana"),
        Cue("In Porto, near the river, " * 10 + "by the sea.", 2_000, 9_000, "Bo"),
        Cue("We moved to Lisbon later.", 40_000, 43_000, "Bo"),
        Cue("Why?", 44_000, 45_000, "Ana"),
    ]
    text, table = cues_table(cues)
    moved = text.index("We moved")
    bo = table.entry_at(moved)
    assert bo is not None and bo.speaker == "Bo" and bo.start < text.index("In Porto")
    assert table.ms_at(moved) == 40_000  # its own cue's start, not 2 s plus a share of 41
    assert table.offset_at(41_000) == moved + len("We moved to Lisbon later.") * 1 // 3
    # In the pause, the place stays at the end of the words said before it.
    paused = table.offset_at(20_000)
    assert paused is not None and text[paused] == " " and text[:paused].endswith("by the sea.")
    assert table.end_ms(text.index("by the sea.") + len("by the sea."), text) == 9_000
    assert table.ms_at(text.index("Bo:")) == 2_000  # the label is said with the first cue


@given(
    durations=st.lists(st.integers(0, 9_000), min_size=1, max_size=12),
    pauses=st.lists(st.integers(-20_000, 60_000), min_size=12, max_size=12),
    lengths=st.lists(st.integers(1, 200), min_size=12, max_size=12),
    gone=st.booleans(),
)
def test_cue_times_inside_a_turn_rise_with_the_text_and_invert(
    durations: list[int], pauses: list[int], lengths: list[int], gone: bool
) -> None:
    cues, offset, ms = [], 6, 0
    for duration, pause, length in zip(durations, pauses, lengths, strict=False):
        cues.append((offset, ms, None if gone else ms + duration))
        offset, ms = offset + length, ms + duration + pause
    entry = SyncEntry(0, offset, 0, ms, "Ana", tuple(cues))
    times = [entry.ms_at(o) for o in range(0, offset + 1, 3)]  # cues back in time too
    assert times == sorted(times) and times[0] == 0
    places = [entry.offset_at(probe) for probe in range(-5, max(ms, 1), max(1, ms // 50))]
    assert places == sorted(places) and all(0 <= place < offset for place in places)
    rising = all(pause > 0 for pause in pauses[: len(cues)])
    for place, start_ms, _ in cues[1:] if rising else ():
        assert entry.ms_at(place) == start_ms and entry.offset_at(start_ms) == place
    for probe in range(0, ms, max(1, ms // 50)) if rising else ():
        assert entry.ms_at(entry.offset_at(probe)) <= probe


def test_a_paragraph_a_cue_opens_inside_a_turn_shows_its_own_time() -> None:
    """The margin and print show a time at each turn, and where a cue inside a long turn
    starts a paragraph, at that paragraph too; a cue inside a paragraph shows none."""
    cues = [
        Cue("In Porto, by the sea. " * 50, 2_000, 9_000, "Bo"),
        Cue("We moved.", 30_000, 31_000, "Bo"),
        Cue("Then Coimbra.", 32_000, 33_000, "Bo"),
        Cue("Why?", 35_000, 36_000, "Ana"),
    ]
    text, table = cues_table(cues)
    assert table.marks == [
        (0, 2_000),
        (text.index("We moved"), 30_000),
        (text.index("Why?") - 5, 35_000),
    ]
    assert table.ending_at(40_000).marks == table.marks
    # A paragraph's time is as the margin shows it; a passage's, its cue's as written:
    # inside an hour-long answer, the answer's start did not help to find the words.
    assert table.paragraph_time(text.index("Then Coimbra")) == "0:30"
    assert table.passage_time(text.index("Then Coimbra")) == "0:32"
    assert table.paragraph_time(text.index("by the sea")) == "0:02"
    assert table.passage_time(text.index("by the sea")) == "0:02"
    assert table.passage_time(text.index("Why?")) == "0:35"


def test_a_cue_going_on_after_a_blank_line_is_one_piece_of_time(tmp_path: Path) -> None:
    """A WebVTT cue's words after a blank line are a paragraph of their own, with the
    cue's times: both parts had them, so the first was a piece of no time (following
    never marked it, Play Paragraph played on to the end) and the second played from
    the cue's start."""
    vtt = (
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Ana>Where did you grow up?\n\n"
        "00:00:02.000 --> 00:00:30.000\n<v Bo>In Porto, near the river, where the boats"
        " came in every morning.\n\nAnd then, much later, we moved to Lisbon for work.\n\n"
        "00:00:31.000 --> 00:00:33.000\n<v Ana>Why?\n"
    )
    document = written(tmp_path / "talk.vtt", vtt)
    text, table = document.text, table_of(document)
    first_end = text.index("morning.") + len("morning.")
    second = text.index("And then")
    stop = table.end_ms(first_end, text)
    assert stop is not None and 10_000 < stop < 25_000  # a share of the cue's time
    assert 10_000 < (table.ms_at(second) or 0) < 25_000
    assert table.offset_at(5_000) < first_end < second <= table.offset_at(25_000)  # type: ignore[operator]
    assert second not in dict(table.marks)  # no time of its own in the margin


def test_a_turn_whose_first_chunk_has_no_time_is_timed_by_its_next(tmp_path: Path) -> None:
    """A Whisper chunk's NaN start left the whole turn untimed, its later chunks' times
    unused."""
    chunks = (
        '{"chunks": [{"timestamp": [0.0, 2.0], "text": " Where?", "speaker": "S0"},'
        ' {"timestamp": [NaN, 6.0], "text": " In Porto.", "speaker": "S1"},'
        ' {"timestamp": [20.0, null], "text": " We moved later.", "speaker": "S1"},'
        ' {"timestamp": [30.0, 32.0], "text": " Why?", "speaker": "S0"}]}'
    )
    document = written(tmp_path / "talk.json", chunks)
    table = table_of(document)
    moved = document.text.index("We moved")
    assert table.ms_at(moved) == 20_000 and table.entry_at_ms(25_000) == table.entry_at(moved)


def test_turns_written_at_the_same_time_share_it(tmp_path: Path) -> None:
    """One cue of two speakers' lines, and Otter's turns in the same second: the last
    was followed from their time on and the first never; Play Paragraph on the first
    played the others too. The margin still shows the time as written."""
    subtitles = tmp_path / "talk.srt"
    subtitles.write_text(
        "1\n00:00:01,000 --> 00:00:09,000\nInterviewer: How long have you lived in the"
        " city, and what brought you here?\nAmal: Since 2015.\n\n"
        "2\n00:00:10,000 --> 00:00:14,000\nInterviewer: Why then?\n",
        encoding="utf-8",
    )
    otter = tmp_path / "otter.txt"
    otter.write_text(
        "Jane Doe  0:05\nAnd were you there when the factory closed, in the winter?\n\n"
        "John Smith  0:05\nYes.\n\nJane Doe  0:12\nWhat happened?\n",
        encoding="utf-8",
    )
    for path, question, answer, then in (
        (subtitles, "How long", "Amal:", 10_000),
        (otter, "And were", "John Smith", 12_000),
    ):
        document = load_document(path)
        text, table = document.text, table_of(document)
        asked, said = text.index(question), text.index(answer)
        first = table.entries[0]
        assert table.entry_at_ms(first.start_ms + 500) == table.entry_at(asked)
        stop = table.end_ms(text.index("?", asked) + 1, text)
        assert stop is not None and first.start_ms < stop <= (table.ms_at(said) or 0) < then
        assert table.paragraph_time(said) == table.paragraph_time(asked)  # as written


def test_a_turns_label_takes_no_time_from_its_first_cue(tmp_path: Path) -> None:
    """A long name before "Yes." in a cue of one second: a click on "Yes" played from
    0.9 s into the cue."""
    vtt = "WEBVTT\n\n00:00:10.000 --> 00:00:11.000\n"
    vtt += "<v Interviewer Dr. Maria Fernandes-Oliveira>Yes.\n"
    vtt += "\n00:00:12.000 --> 00:00:14.000\n<v Ana>No.\n"
    document = written(tmp_path / "talk.vtt", vtt)
    table = table_of(document)
    assert table.ms_at(document.text.index("Yes")) == 10_000
    assert table.offset_at(10_500) >= document.text.index("Yes")  # type: ignore[operator]


def test_a_written_times_words_are_said_from_it_not_spread_to_the_next(tmp_path: Path) -> None:
    """From a written time to the next is no paragraph's speech: a click on "Right" played
    7.5 minutes after the 59:59 it was written at, on "She" 3.7 s after 0:30."""
    text = (
        "[00:00:20] Interviewer: What did your mother do?\n\n[00:00:30] Ana: She sang fado.\n\n"
        "[59:59] Ben: Right at it.\n\n[75:30] Ana: Later.\n"
    )
    document = written(tmp_path / "typed.txt", text)
    table = table_of(document)
    assert table.ms_at(text.index("What")) == 20_000
    assert table.ms_at(text.index("She")) == 30_000
    assert table.ms_at(text.index("Right")) == 3_599_000
    assert table.ms_at(text.index("it.")) <= 3_599_000 + 10 * SLOWEST_MS_A_CHAR  # type: ignore[operator]
    assert table.end_ms(text.index("it.") + 3, text) == 4_530_000  # Play Paragraph: to the next
    assert dict(table.marks)[text.index("[59:59]")] == 3_599_000  # the margin, as before


def test_whisper_without_speakers_whose_first_segment_has_no_time_keeps_the_others(
    tmp_path: Path,
) -> None:
    """A null start on the first segment: the file had "no times", though three of its
    four segments have them."""
    segments = (
        '{"segments": [{"start": null, "end": 2.0, "text": " Untimed first."},'
        ' {"start": 2.0, "end": 4.0, "text": " Second."},'
        ' {"start": NaN, "end": 6, "text": " Third."},'
        ' {"start": 6.0, "end": 8.0, "text": " Fourth."}]}'
    )
    document = written(tmp_path / "talk.json", segments)
    table = table_of(document)
    assert len(table) == 1
    assert table.ms_at(document.text.index("Fourth")) == 6_000


def test_the_last_paragraph_stamped_at_its_end_ends_there(tmp_path: Path) -> None:
    """f4transkript's stamps mark paragraphs' ends: the last one's was dropped, its words
    spread to the recording's end (0:40), and Play Paragraph played 9 s past them."""
    text = (
        "I: Where were you born? #00:00:05-2#\n\nB: In Porto, by the river. #00:00:15-0#\n\n"
        "I: And then? #00:00:20-5#\n\nB: Lisbon. #00:00:31-0#\n"
    )
    document = written(tmp_path / "f4.txt", text)
    table = table_of(document).ending_at(40_000)
    assert [(e.start_ms, e.end_ms) for e in table.entries][-1] == (20_500, 31_000)
    prose = "[00:00:05] Ana: We met at (10:30)\n\n[00:00:09] Bo: Then we left (10:45)\n"
    assert (
        table_of(written(tmp_path / "typed.txt", prose)).ending_at(40_000).entries[-1].end_ms
        == 40_000
    )  # a time said at a paragraph's end is no end stamp there


def test_words_said_over_a_short_reply_keep_the_place(tmp_path: Path) -> None:
    """Ben's "Mm-hm." said inside Ana's long cue, as diarized transcripts write it: from its
    end to the end of Ana's cue, the place spoken was Ben's next words, said only at 0:10."""
    from reader.core.session import Session

    path = tmp_path / "overlap.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:10.000\n<v Ana>I was saying that the river was "
        "very long and wide.\n\n00:00:03.000 --> 00:00:04.000\n<v Ben>Mm-hm.\n\n"
        "00:00:10.000 --> 00:00:12.000\n<v Ben>Go on please.\n",
        encoding="utf-8",
    )
    document = load_document(path)
    table = Session.open(document, None).sync_table()
    text = document.text
    ana, ben = text.index("I was"), text.index("Ben:")
    assert ben <= table.offset_at(3_500) < text.index("Go on")  # Ben's reply, as said
    assert all(ana <= table.offset_at(ms) < ben for ms in (4_500, 6_000, 8_000))
    assert table.offset_at(10_500) >= text.index("Go on")
