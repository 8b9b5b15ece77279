"""Who speaks in subtitle cues and segments (reader.core.transcripts.from_cues): a phrase
that opens two cues is no speaker and keeps its words; a second speaker's label inside a
cue starts their turn; SubRip times written without hours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.document import DocumentError, load_document
from reader.core.interview import Role, detect_segments, speaker_report


def srt(path: Path, cues: list[tuple[str, str, str]], newline: str = "\n") -> Path:
    blocks = [f"{i}\n{start} --> {end}\n{text}" for i, (start, end, text) in enumerate(cues, 1)]
    path.write_bytes((("\n\n".join(blocks) + "\n").replace("\n", newline)).encode())
    return path


def vtt(path: Path, texts: list[str]) -> Path:
    blocks = [f"00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n{t}" for i, t in enumerate(texts, 1)]
    path.write_text("WEBVTT\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def test_a_phrase_opening_two_whisper_segments_is_no_speaker(tmp_path: Path) -> None:
    """ "The honest answer" was made a speaker, and the second segment lost those words."""
    segments = [
        "Thank you for coming. So my question is: how did you cope?",
        "We had family nearby, and the neighbours helped a lot.",
        "The honest answer: I don't know.",
        "The honest answer: nobody asked.",
    ]
    path = tmp_path / "talk.json"
    path.write_text(
        json.dumps(
            {
                "segments": [
                    {"start": i, "end": i + 1, "text": f" {t}"} for i, t in enumerate(segments)
                ]
            }
        )
    )
    document = load_document(path)
    assert document.text.count("The honest answer:") == 2
    assert all(turn.speaker == "" for turn in document.turns)


def test_a_word_before_a_web_address_is_no_speaker(tmp_path: Path) -> None:
    """ "Visit: http://x.org for details." made "Visit" a speaker of a Whisper file that
    names none (the formats review)."""
    segments = ["Where did you read it?", "Visit: http://x.org for details.", "Website: www.y.org"]
    path = tmp_path / "talk.json"
    path.write_text(
        json.dumps(
            {
                "segments": [
                    {"start": i, "end": i + 1, "text": f" {t}"} for i, t in enumerate(segments)
                ]
            }
        )
    )
    document = load_document(path)
    assert all(turn.speaker == "" for turn in document.turns)
    assert "Visit: http://x.org" in document.text and "Website: www.y.org" in document.text


def test_a_phrase_opening_two_cues_keeps_its_words(tmp_path: Path) -> None:
    texts = [
        "The reason: money.",
        "Bottom line: we moved.",
        "Bottom line: it worked.",
        "That was it.",
    ]
    document = load_document(vtt(tmp_path / "talk.vtt", texts))
    assert document.text.count("Bottom line:") == 2 and "The reason: money." in document.text
    assert all(turn.speaker == "" for turn in document.turns)


def test_a_name_in_lower_case_labelling_several_cues_is_still_a_speaker(tmp_path: Path) -> None:
    texts = [
        "Jane Smith: Does anyone want to add something?",
        "alex: yes, the buses.",
        "Jane Smith: Thanks. What about the weekends?",
        "alex: worse, honestly.",
        "Jane Smith: Noted.",
    ]
    document = load_document(vtt(tmp_path / "talk.vtt", texts))
    assert [turn.speaker for turn in document.turns] == ["Jane Smith", "alex"] * 2 + ["Jane Smith"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("suffix", [".srt", ".vtt"])
def test_a_second_speakers_label_inside_a_cue_starts_their_turn(
    tmp_path: Path, suffix: str, gap: str
) -> None:
    """Amal's "Fine, thanks." in the Interviewer's cue was read as the Interviewer's."""
    texts = [
        f"Interviewer: How are you?{gap}Amal: Fine, thanks.",
        "Interviewer: Good. Where were you born?",
        "Amal: In Cairo.",
    ]
    if suffix == ".srt":
        times = [("00:00:01,000", "00:00:03,000"), ("00:00:03,000", "00:00:05,000")]
        times.append(("00:00:05,000", "00:00:08,000"))
        path = srt(
            tmp_path / "talk.srt", [(a, b, t) for (a, b), t in zip(times, texts, strict=True)]
        )
    else:
        path = vtt(tmp_path / "talk.vtt", texts)
    document = load_document(path)
    assert [turn.speaker for turn in document.turns] == ["Interviewer", "Amal"] * 2
    said = [document.text[turn.start : turn.end] for turn in document.turns]
    assert said[1] == "Amal: Fine, thanks."


def test_a_note_on_a_cues_second_line_stays_in_the_turn(tmp_path: Path) -> None:
    texts = ["Interviewer: Take this one.\nNote: the tape was changed here.", "Amal: Thanks."]
    document = load_document(vtt(tmp_path / "talk.vtt", texts))
    assert [turn.speaker for turn in document.turns] == ["Interviewer", "Amal"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_srt_times_without_hours_are_minutes_and_seconds(tmp_path: Path, newline: str) -> None:
    """`srt` read "00:01,000" as one minute (its comma taken for a colon)."""
    cues = [
        ("00:01,000", "00:03,000", "Interviewer: Hello."),
        ("00:03,500", "01:05:02,250", "Amal: Bye."),
    ]
    document = load_document(srt(tmp_path / "clip.srt", cues, newline))
    assert [(turn.start_ms, turn.end_ms) for turn in document.turns] == [
        (1000, 3000),
        (3500, 3_902_250),
    ]


@pytest.mark.parametrize("ana", ["Ana Silva", "Dr Ana Maria Silva (she/her) Univ Porto"])
def test_zoom_saved_captions_name_speakers_without_brackets_and_time_from_the_first(
    tmp_path: Path, ana: str
) -> None:
    """Zoom's meeting_saved_closed_caption.txt: "[Ana Silva] 14:05:22" above the words.
    Found by a new user's captions: a display name of seven words (pronouns, affiliation,
    as Zoom names people) was no speaker, and the captions an interview of guesses."""
    path = tmp_path / "meeting_saved_closed_caption.txt"
    path.write_text(
        f"[{ana}] 14:05:22\nHello everyone, thanks for coming.\n"
        "[Bo Chen] 14:05:30\nHi Ana.\n"
        f"[{ana}] 14:05:41\nLet's start with your background.\n"
        "[Bo Chen] 14:06:02\nSure. I grew up in Porto.\n"
    )
    document = load_document(path)
    assert [turn.speaker for turn in document.turns] == [ana, "Bo Chen"] * 2
    assert [turn.start_ms for turn in document.turns] == [0, 8000, 19000, 40000]
    assert document.text.startswith(f"{ana}: Hello everyone")


@pytest.mark.parametrize(
    ("first", "second", "speakers"),
    [
        (">> INTERVIEWER: How long?", ">> AMAL: Since 2015.", ["INTERVIEWER", "AMAL"]),
        (">> How long?", ">>  Since 2015.", ["", ""]),
    ],
)
def test_broadcast_chevrons_mark_where_the_speaker_changes(
    tmp_path: Path, first: str, second: str, speakers: list[str]
) -> None:
    cues = [
        ("00:00:01,000", "00:00:03,000", first),
        ("00:00:03,000", "00:00:05,000", second),
        ("00:00:05,000", "00:00:07,000", "We moved for work."),
    ]
    document = load_document(srt(tmp_path / "news.srt", cues))
    assert [turn.speaker for turn in document.turns] == speakers
    assert ">>" not in document.text
    assert document.text.rstrip().endswith("Since 2015. We moved for work.")


def test_zoom_saved_captions_of_one_who_speaks_once_and_past_midnight(tmp_path: Path) -> None:
    path = tmp_path / "meeting_saved_closed_caption.txt"
    path.write_text(
        "[Ana Silva] 23:59:30\nHello, can you hear me?\n"
        "[Ben Ode] 23:59:50\nYes.\n"
        "[Carla Ruiz] 00:00:10\nI am taking notes.\n"
        "[Ana Silva] 00:00:20\nGood.\n"
        "[Ben Ode] 00:01:05\nSure.\n"
    )
    document = load_document(path)
    assert [turn.speaker for turn in document.turns] == [
        "Ana Silva",
        "Ben Ode",
        "Carla Ruiz",
        "Ana Silva",
        "Ben Ode",
    ]
    assert [turn.start_ms for turn in document.turns] == [0, 20_000, 40_000, 50_000, 95_000]


def test_srt_fractions_of_one_or_two_digits_are_tenths_and_hundredths(tmp_path: Path) -> None:
    """`srt` read "00:00:01,5" as 1.005 s; WebVTT's reader as 1.5."""
    cues = [("00:00:01,5", "00:00:04,25", "Hello."), ("00:00:30,000", "00:00:32,000", "Later.")]
    document = load_document(srt(tmp_path / "clip.srt", cues))
    assert (document.turns[0].start_ms, document.turns[0].end_ms) == (1500, 4250)


# Found by the transcripts review (2026-12-04) ---------------------------------------------


def speakers(path: Path) -> list[str]:
    return [turn.speaker for turn in load_document(path).turns]


def test_whisperxs_bracketed_speakers_in_its_subtitles_are_the_speakers(tmp_path: Path) -> None:
    """WhisperX writes "[SPEAKER_00]: " before each cue of its SRT and VTT: the text was
    one run-on paragraph of labels, with no speaker."""
    path = srt(
        tmp_path / "whisperx.srt",
        [
            ("00:00:00,031", "00:00:03,200", "[SPEAKER_00]: So, tell me about your first job."),
            ("00:00:03,800", "00:00:08,000", "[SPEAKER_01]: Well, I started at a bakery."),
            ("00:00:08,000", "00:00:12,000", "[SPEAKER_01]: It was hard work."),
            ("00:00:13,000", "00:00:15,000", "[SPEAKER_00]: Why a bakery?"),
        ],
    )
    assert speakers(path) == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]
    assert "[" not in load_document(path).text


@pytest.mark.parametrize(
    "name",
    [
        "Jane Doe - University of Edinburgh (she/her)",  # 7 words
        "Dr. Alexandra Konstantinidou-Papadopoulou (she/her)",  # 51 characters
        "Kwame Mensah, Ph.D.",  # a title's full stop
        "Jane Doe M.D.",
    ],
)
def test_a_zoom_display_name_long_or_ending_in_a_title_is_a_speaker(
    tmp_path: Path, name: str
) -> None:
    """Zoom labels every cue with the display name: a long one, or one ending "Ph.D.", was
    no speaker, and that person's words went into the other speaker's turn."""
    lines = [
        f"{name}: Thanks for joining.",
        "Prof. Kwame Mensah: Happy to be here.",
        f"{name}: Can you tell me about the project?",
        "Prof. Kwame Mensah: Sure. It started in 2019.",
        f"{name}: Great.",
    ]
    path = vtt(tmp_path / "zoom.vtt", lines)
    assert speakers(path) == [name, "Prof. Kwame Mensah"] * 2 + [name]


def test_a_sentence_ending_before_a_colon_is_still_no_speaker(tmp_path: Path) -> None:
    lines = ["It was hard work.: yes", "Ana: Really?", "Ben: Yes.", "It was hard work.: again"]
    assert "It was hard work." not in speakers(vtt(tmp_path / "s.vtt", lines))


def test_whisper_cpps_diarized_webvtt_reads_as_its_srt_does(tmp_path: Path) -> None:
    """whisper.cpp --diarize writes "<v Speaker0>", and "<v Speaker?>" where no channel
    was louder: that was a speaker "Speaker?", and the names differed from its SRT's."""
    path = tmp_path / "diarize.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:03.200\n<v Speaker0> So, tell me about your job.\n\n"
        "00:00:03.800 --> 00:00:08.000\n<v Speaker1> Well, I started at a bakery.\n\n"
        "00:00:08.000 --> 00:00:12.000\n<v Speaker?> It was hard work.\n\n"
        "00:00:12.000 --> 00:00:14.000\n<v Speaker0> Why a bakery?\n",
        encoding="utf-8",
    )
    assert speakers(path) == ["Speaker 0", "Speaker 1", "Speaker 0"]
    assert "hard work" in load_document(path).text.split("\n\n")[1]


def test_an_indented_srt_timing_is_a_timing_not_words(tmp_path: Path) -> None:
    """Found by the transcripts review: the cue number and timing read as words."""
    path = tmp_path / "indented.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:02,000 --> 00:00:03,000\nWorld."
        "\n\n3\n 00:00:03,000 --> 00:00:04,000 \nAgain.\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.text.split() == ["Hello.", "World.", "Again."]
    assert (document.turns[0].start_ms, document.turns[-1].end_ms) == (1000, 4000)


def test_a_zoom_cue_of_a_name_alone_adds_no_stray_label(tmp_path: Path) -> None:
    """Found by the transcripts review: "Maria Garcia: " with no words left "Maria Garcia:"
    as a paragraph of nobody's, above her turn's own label."""
    lines = ["Maria Garcia: ", "Maria Garcia: So, um", "John Smith: Yeah?", "Maria Garcia: When?"]
    document = load_document(vtt(tmp_path / "zoom.vtt", lines))
    assert document.text.startswith("Maria Garcia: So, um\n")
    assert speakers(tmp_path / "zoom.vtt") == ["Maria Garcia", "John Smith", "Maria Garcia"]


def test_a_named_cue_without_words_neither_stands_alone_nor_cuts_a_turn(
    tmp_path: Path,
) -> None:
    """An empty WhisperX segment (or Teams cue) of the other speaker stood as a paragraph
    "SPEAKER_01:" of no words, and cut the question around it into two turns; one at the
    end stood alone last."""
    data = Path(__file__).parents[1] / "data" / "transcripts"
    document = load_document(data / "whisperx-empty-segment.json")
    assert document.text == (
        "SPEAKER_00: How did you come to the city? Take your time.\n\n"
        "SPEAKER_01: By train, in 1987, with one suitcase.\n"
    )
    assert [(t.speaker, t.start_ms, t.end_ms) for t in document.turns] == [
        ("SPEAKER_00", 520, 4400),
        ("SPEAKER_01", 4900, 9030),
    ]
    lines = ["<v Ana>Where were you?", "<v Bo></v>", "<v Ana>That night.", "<v Bo>Home."]
    teams = load_document(vtt(tmp_path / "teams.vtt", lines))
    assert teams.text == "Ana: Where were you? That night.\n\nBo: Home.\n"


def test_a_webvtt_cut_off_inside_a_voice_tag_says_so(tmp_path: Path) -> None:
    """Found by the transcripts review: "<v Jan" was read as the last speaker's words."""
    whole = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jane Doe>Hello.</v>\n\n"
    path = tmp_path / "cut.vtt"
    path.write_text(whole + "00:00:02.000 --> 00:00:03.000\n<v Jan", encoding="utf-8")
    with pytest.raises(DocumentError, match="looks cut off"):
        load_document(path)
    path.write_text(whole + "00:00:02.000 --> 00:00:03.000\nIt is 3 < 5", encoding="utf-8")
    assert load_document(path).text.endswith("It is 3 < 5\n")


@pytest.mark.parametrize("suffix", [".srt", ".vtt"])
def test_a_wrapped_line_opening_word_colon_said_once_is_speech(tmp_path: Path, suffix: str) -> None:
    """Maria's cue wraps "Remember: family first." onto its second line: no speaker
    "Remember", and her next cue (unlabelled) stays hers."""
    texts = [
        "Interviewer: What did your mother\ntell you when you left?",
        "Maria: She always said one thing.\nRemember: family first.",
        "And my father wrote on a card\nMama: call us every Sunday.",
        "Interviewer: Did you?",
    ]
    if suffix == ".srt":
        times = [(f"00:00:0{i},000", f"00:00:0{i},900") for i in range(len(texts))]
        path = srt(tmp_path / "t.srt", [(a, b, t) for (a, b), t in zip(times, texts, strict=True)])
    else:
        said = ["She always said one thing.\nRemember: family first.", texts[2]]
        path = vtt(tmp_path / "t.vtt", [f"<v Maria>{t}" for t in said])
    document = load_document(path)
    speakers = [turn.speaker for turn in document.turns]
    assert "Remember" not in speakers
    assert "Remember: family first. And my father" in document.text


def test_a_voice_names_character_references_are_read(tmp_path: Path) -> None:
    """Teams writes "O&#39;Brien" and "Tom &amp; Jerry" in its voice spans."""
    texts = ["<v Siobhán O&#39;Brien>Can you hear me?", "<v Tom &amp; Jerry>Loud &amp; clear."]
    document = load_document(vtt(tmp_path / "teams.vtt", texts))
    assert [turn.speaker for turn in document.turns] == ["Siobhán O'Brien", "Tom & Jerry"]
    assert document.text.startswith("Siobhán O'Brien: Can you hear me?")


@pytest.mark.parametrize("suffix", [".txt", ".vtt"])
def test_direction_marks_around_a_name_make_no_other_speaker(tmp_path: Path, suffix: str) -> None:
    """Ahmad's and Sara's names typed with and without right-to-left marks (U+200F): two
    speakers, not four, and each marked line a label."""
    rlm = "\u200f"
    lines = [
        f"{rlm}أحمد{rlm}: مرحبا، كيف حالك؟",
        "سارة: بخير، شكرا.",
        "أحمد: متى جئت إلى هنا؟",
        f"{rlm}سارة{rlm}: في عام ٢٠١٥.",
    ]
    if suffix == ".vtt":
        path = vtt(tmp_path / "talk.vtt", lines)
    else:
        path = tmp_path / "talk.txt"
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    document = load_document(path)
    segments = detect_segments(document.text, document.turns)
    assert [(s.role, s.speaker) for s in segments] == [
        (Role.QUESTION, "أحمد"),
        (Role.ANSWER, "سارة"),
    ] * 2
    assert len(speaker_report(document.text, segments).speakers) == 2


def whisperx(path: Path, words: list[tuple[str, str]], segment_speaker: str = "A") -> Path:
    """One WhisperX segment of `words`, each (word, its speaker or "" for none), a word a
    half second, after a first segment of A's question."""
    timed = [
        {"word": w, "start": 2 + i / 2, "end": 2.4 + i / 2} | ({"speaker": s} if s else {})
        for i, (w, s) in enumerate(words)
    ]
    text = " " + " ".join(w for w, _ in words)
    segments = [
        {"start": 0, "end": 2, "text": " Where were you born?", "speaker": "A"},
        {"start": 2, "end": 2 + len(words) / 2, "text": text, "speaker": segment_speaker}
        | {"words": timed},
        {"start": 9, "end": 10, "text": " Really?", "speaker": "A"},
    ]
    path.write_text(json.dumps({"segments": segments, "word_segments": []}))
    return path


def test_a_whisperx_segment_is_parted_where_its_words_speaker_changes(tmp_path: Path) -> None:
    """B's answer inside A's segment (WhisperX names each word's speaker) was A's."""
    words = [("Okay.", "A"), ("And", "A"), ("your", ""), ("parents?", "A")]
    words += [("They", "B"), ("were", "B"), ("from", "B"), ("there.", "B")]
    document = load_document(whisperx(tmp_path / "x.json", words))
    turns = [(t.speaker, document.text[t.start : t.end], t.start_ms) for t in document.turns]
    assert turns == [
        ("Speaker A", "Speaker A: Where were you born? Okay. And your parents?", 0),
        ("Speaker B", "Speaker B: They were from there.", 4000),
        ("Speaker A", "Speaker A: Really?", 9000),
    ]


@pytest.mark.parametrize(
    "words",
    [
        [("In", "B"), ("Porto,", "B"), ("yes", "A"), ("in", "B"), ("1987.", "B")],  # a stray
        [("In", ""), ("Porto,", ""), ("in", ""), ("1987.", "")],  # no word's speaker
        [("In", "B"), ("Lisbon,", "A"), ("in", "A"), ("1987.", "A")],  # not its text's words
    ],
)
def test_a_whisperx_segment_is_left_whole_without_a_run_of_another_speaker(
    tmp_path: Path, words: list[tuple[str, str]]
) -> None:
    path = whisperx(tmp_path / "x.json", words, segment_speaker="B")
    if words[1][0] == "Lisbon,":  # the words as another pass wrote them
        path.write_text(path.read_text().replace("Lisbon,", "Porto,", 1))
    document = load_document(path)
    assert [t.speaker for t in document.turns] == ["Speaker A", "Speaker B", "Speaker A"]


def test_a_dash_after_a_sentence_in_a_dashed_segment_starts_another_turn(
    tmp_path: Path,
) -> None:
    """Whisper writes a quick exchange as one line: " - Yes, until I was 18. - And then?"."""
    segments = [" So you grew up in Leeds?", " - Yes, until I was 18. - And then?", " Nursing."]
    path = tmp_path / "talk.json"
    path.write_text(
        json.dumps(
            {"segments": [{"start": i, "end": i + 1, "text": t} for i, t in enumerate(segments)]}
        )
    )
    document = load_document(path)
    said = [document.text[t.start : t.end] for t in document.turns]
    assert said[1:3] == ["Yes, until I was 18.", "And then? Nursing."]
    assert "18. - And" not in document.text


def test_a_whisperx_part_is_timed_from_its_first_timed_word(tmp_path: Path) -> None:
    """WhisperX leaves numbers untimed: the answer opening "1987," started at the
    question; a word's time that is no number refuses no file."""
    words = [
        {"word": "Okay.", "start": 2.0, "speaker": "A"},
        {"word": "When?", "start": "2.5", "speaker": "A"},  # no number: not read
        {"word": "1987,", "speaker": "B"},
        {"word": "I", "start": 4.5, "speaker": "B"},
        {"word": "think.", "start": 4.8, "speaker": "B"},
    ]
    segment = {"start": 2, "end": 6, "text": " Okay. When? 1987, I think.", "speaker": "A"}
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"segments": [segment | {"words": words}]}))
    document = load_document(path)
    turns = [(t.speaker, document.text[t.start : t.end], t.start_ms) for t in document.turns]
    assert turns == [
        ("Speaker A", "Speaker A: Okay. When?", 2000),
        ("Speaker B", "Speaker B: 1987, I think.", 4500),
    ]
