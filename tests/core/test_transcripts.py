"""Tests of reading transcripts in the shapes researchers get them (reader/core/transcripts).

Every fixture in tests/data/transcripts/ (and the .docx and .odt files built here) is
checked paragraph by paragraph for role and speaker, after loading it as the app does.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annotations import make_highlight
from reader.core.document import Document, DocumentError, Span, load_document, normalise
from reader.core.interview import Role, Segment, detect_segments, speaker_report
from reader.core.session import Session
from reader.core.transcripts import (
    PARAGRAPH_CHARS,
    Cue,
    clean,
    cue_time_ms,
    from_cues,
    joined,
    joined_at,
    otter,
    teams_times,
    time_ms,
    unrolled,
    whisper,
)

DATA = Path(__file__).parents[1] / "data" / "transcripts"
Q, A, INTRO, ASIDE, OTHER = Role.QUESTION, Role.ANSWER, Role.INTRO, Role.ASIDE, Role.OTHER

MARIA, KENJI, AICHA = "María José Núñez", "Kenji Sato (he/him)", "Aïcha Benali"
WEISS, LI, TOMAS = "Dr. Hannah Weiß", "李明", "Tomás O'Connor"
SOFIA, RAHUL, ZOE = "Sofia Lindqvist", "Rahul Mehta", "Zoë Okafor"

# file -> (format, [(role, speaker, text the paragraph starts with)]).
EXPECTED: dict[str, tuple[str, list[tuple[Role, str, str]]]] = {
    "zoom.vtt": (
        "webvtt",
        [
            (Q, MARIA, f"{MARIA}: Thanks for joining, both of you. 👋 Could you start"),
            (A, KENJI, f"{KENJI}: Sure. It began in a café in Kyōto, back in 2019. We had"),
            (A, AICHA, f"{AICHA}: And a very patient landlord!"),
            (Q, MARIA, f"{MARIA}: What did the landlord say"),
            (A, AICHA, f"{AICHA}: He said “only after ten”"),
            (A, KENJI, f"{KENJI}: Which is why the whole film looks blue."),
        ],
    ),
    "teams.vtt": (
        "webvtt",
        [
            (Q, WEISS, f"{WEISS}: Good morning. Is the recording running?"),
            (A, LI, f"{LI}: Yes, it is running now."),
            (Q, WEISS, f"{WEISS}: Wonderful. How long"),
            (A, LI, f"{LI}: Eight years. I coordinate the night shifts & the volunteers. 我们"),
            (Q, WEISS, f"{WEISS}: Twelve? That is more than I expected."),
            (A, TOMAS, f"{TOMAS}: It grew after the flood"),
        ],
    ),
    "styled.vtt": (
        "webvtt",
        [
            (Q, "Mirela Popescu", "Mirela Popescu: Welcome, and thank you for coming & bringing"),
            (A, "Joon-ho Park", "Joon-ho Park: Of course. This one is my father's shop, 1974."),
            (Q, "Mirela Popescu", "Mirela Popescu: Who is next to him?"),
            (A, "Joon-ho Park", "Joon-ho Park: My uncle <the tall one>. He ran the second shop"),
        ],
    ),
    "converted-from-srt.vtt": (
        "webvtt",
        [
            (Q, "Interviewer", "Interviewer: When did the market open?"),
            (A, "Farida", "Farida: In 1999, before the bridge."),
            (Q, "Interviewer", "Interviewer: And now?"),
            (A, "Farida", "Farida: Smaller, but ours & loud <laughs>."),
        ],
    ),
    # OpenAI's diarised transcription letters its voices: "A" asks, it does not answer.
    "openai-diarized.json": (
        "whisper-json",
        [
            (Q, "Speaker A", "Speaker A: When did you first come to Marseille?"),
            (A, "Speaker B", "Speaker B: In 1994, with my uncle."),
            (Q, "Speaker A", "Speaker A: And the work?"),
            (A, "Speaker B", "Speaker B: The port, nights, for twenty years."),
        ],
    ),
    "youtube-auto.vtt": (
        "webvtt",
        [(OTHER, "", "so what was the street like when you were small [Music] oh it was")],
    ),
    "teams-graph.vtt": (
        "webvtt",
        [
            (Q, "Kofi Mensah", "Kofi Mensah: Thanks for staying on."),
            (A, "Ingrid Solberg", "Ingrid Solberg: Of course. We had eleven members"),
            (Q, "Kofi Mensah", "Kofi Mensah: And now?"),
        ],
    ),
    "dialogue-voices.vtt": (
        "webvtt",
        [
            (Q, "Nadia Haddad", "Nadia Haddad: Tell me about the night of the storm."),
            (Q, "Nadia Haddad", "Nadia Haddad: Were you at home that night?"),
            (OTHER, "", "No, at the bakery. The power went out at ten."),
            (Q, "Nadia Haddad", "Nadia Haddad: And the ovens?"),
            (A, "Omar Haddad", "Omar Haddad: Cold by midnight."),
            (Q, "Nadia Haddad", "Nadia Haddad: And the bread?"),
            (OTHER, "", "We baked it on the neighbours' stove."),
        ],
    ),
    "descript.srt": (
        "srt",
        [
            (Q, "Interviewer", "Interviewer: Thank you for making the time. Shall we begin"),
            (A, "Respondent", "Respondent: My first job was at the fish market in Gdańsk,"),
            (Q, "Interviewer", "Interviewer: Did your parents approve of that?"),
            (A, "Respondent", "Respondent: Approve? It was my mother's idea!"),
        ],
    ),
    "whisper-cpp.srt": (
        "srt",
        [
            (Q, "Speaker 0", "Speaker 0: Where did you learn to weave?"),
            (A, "Speaker 1", "Speaker 1: From my aunt in Oaxaca, when I was nine. Nine!"),
            (Q, "Speaker 0", "Speaker 0: Do you still have her loom?"),
            (A, "Speaker 1", "Speaker 1: It is in my kitchen. 🧶"),
        ],
    ),
    # whisper.cpp's text of a stereo recording (`-otxt --diarize`): the channel opening
    # each line stood in the text, and its speakers were guessed by question marks.
    "whisper-cpp-diarized.txt": (
        "whisper-text",
        [
            (Q, "Speaker 0", "Speaker 0: Where did you learn to weave?"),
            (A, "Speaker 1", "Speaker 1: From my aunt in Oaxaca, when I was nine. Nine!"),
            (Q, "Speaker 0", "Speaker 0: Do you still have her loom?"),
            (A, "Speaker 1", "Speaker 1: It is in my kitchen. 🧶"),
        ],
    ),
    "whisperx.json": (
        "whisper-json",
        [
            (Q, "SPEAKER_00", "SPEAKER_00: Welcome back to the oral history project. Where"),
            (A, "SPEAKER_01", "SPEAKER_01: In Thessaloniki, in 1951"),
            (Q, "SPEAKER_00", "SPEAKER_00: What do you remember of your school?"),
            (A, "SPEAKER_01", "SPEAKER_01: Mostly the teacher"),
        ],
    ),
    "whisper.json": (
        "whisper-json",
        [
            (Q, "Interviewer", "So tell me, what brought you to Montréal?"),
            (A, "Interviewee", "Honestly, a job offer that fell through a week after I arrived. I"),
            (Q, "Interviewer", "And the winters, how did you cope?"),
            (A, "Interviewee", "Badly, the first year."),
        ],
    ),
    "whisper-cpp.json": (
        "whisper-json",
        [
            (Q, "Speaker 0", "Speaker 0: Can you tell me about the mill in Łódź?"),
            (A, "Speaker 1", 'Speaker 1: My grandmother worked the looms there from 1948 "until'),
            (Q, "Speaker 0", "Speaker 0: Did she talk about it?"),
            (A, "Speaker 1", "Speaker 1: Only about the dances on Saturdays. 💃"),
        ],
    ),
    "insanely-fast-whisper.json": (
        "whisper-json",
        [
            (Q, "SPEAKER_00", "SPEAKER_00: What did you grow on the allotment?"),
            (A, "SPEAKER_01", "SPEAKER_01: Beans, mostly. And dahlias for my wife."),
            (Q, "SPEAKER_00", "SPEAKER_00: Still?"),
            (A, "SPEAKER_01", "SPEAKER_01: Every spring. 🌱"),
        ],
    ),
    "faster-whisper.json": (
        "whisper-json",
        [
            (Q, "Interviewer", "Okay, it's recording. Where did you grow up?"),
            (A, "Interviewee", "In Porto, by the river. My mother sold fish at the Bolhão"),
            (Q, "Interviewer", "Did you go with her?"),
            (A, "Interviewee", "On Saturdays. I carried the scales. 🐟"),
        ],
    ),
    # Whisper's table of segments (openai-whisper's `-f tsv`, whisper.cpp's `-ocsv`, a
    # channel's speaker with `--diarize`): times in ms; it was read as plain text, its
    # header and times among the words.
    "whisper.tsv": (
        "whisper-tsv",
        [
            (Q, "Interviewer", "So what brought you to Tromsø?"),
            (A, "Interviewee", "A boat, in the end. The train was sold out for a week. I never"),
            (Q, "Interviewer", "And the dark months, how did you cope?"),
            (A, "Interviewee", "Candles, mostly. Then a good lamp."),
        ],
    ),
    "whisper-cpp.csv": (
        "whisper-csv",
        [
            (Q, "Speaker 0", "Speaker 0: Where did you learn to weave?"),
            (A, "Speaker 1", "Speaker 1: From my aunt in Oaxaca, when I was nine. Nine!"),
            (Q, "Speaker 0", "Speaker 0: Do you still have her loom?"),
            (A, "Speaker 1", 'Speaker 1: It is in my kitchen. She called it "the old mule".'),
        ],
    ),
    # whisper.cpp's lyrics (`-olrc`): each segment's start, no end; it was read as plain
    # text, each time among the words and "[by:whisper.cpp]" the introduction.
    "whisper-cpp.lrc": (
        "lrc",
        [
            (Q, "Interviewer", "Where did the choir rehearse?"),
            (A, "Interviewee", "In the old cinema on Main Street, every Tuesday."),
            (Q, "Interviewer", "Who led it?"),
            (A, "Interviewee", "My neighbour, Mrs. Achebe."),
            (A, "Interviewee", "She was strict, and we loved her for it."),
        ],
    ),
    "entities.srt": (
        "srt",
        [
            (Q, "Marta Kowalczyk", "Marta Kowalczyk: Welcome back. We're recording."),
            (A, "Dev Patel", "Dev Patel: Thanks. I ran the B&B on Rue des Écoles for"),
            (Q, "Marta Kowalczyk", 'Marta Kowalczyk: "Twelve years" — who came to stay?'),
            (A, "Dev Patel", "Dev Patel: Everyone. Rooms were under €40 & breakfast was free."),
        ],
    ),
    "teams-copied.txt": (
        "otter-text",
        [
            (INTRO, "", "Budget workshop-20261103_100215-Meeting Recording"),
            (INTRO, "", "November 3, 2026"),
            (INTRO, "", "42m 10s"),
            (ASIDE, "", "Aroha Ngata started transcription"),
            (Q, "Aroha Ngata", "Aroha Ngata: Can everyone hear me?"),
            (A, "Bui Thi Lan", "Bui Thi Lan: Yes."),
            (Q, "Aroha Ngata", "Aroha Ngata: Go ahead, Lan."),
            (A, "Bui Thi Lan", "Bui Thi Lan: We spent most of it"),
            (A, "Bui Thi Lan", "The rest went on the van."),
            (ASIDE, "", "Aroha Ngata stopped transcription"),
        ],
    ),
    # Teams' pane copied in its screen readers' form: times in words, the pane's headings
    # (initials, name, time) dropped; a line of speech ending in "5 minutes" stays speech.
    "teams-spoken.txt": (
        "otter-text",
        [
            (Q, "Aroha Ngata", "Aroha Ngata: Can everyone hear me?"),
            (A, "Bui Thi Lan", "Bui Thi Lan: Yes. The bus was late again."),
            (A, "Bui Thi Lan", "We waited 5 minutes"),
            (A, "Bui Thi Lan", "Bui Thi Lan: and then it came, full."),
            (Q, "Aroha Ngata", "Aroha Ngata: Go ahead, Lan."),
            (Q, "Aroha Ngata", "Sorry, I joined late."),  # no one named: the turn before
            (A, "Bui Thi Lan", "Bui Thi Lan: We spent most of it"),
            (A, "Bui Thi Lan", "The rest went on the van."),
        ],
    ),
    "otter.txt": (
        "otter-text",
        [
            (INTRO, "", "Community garden interview"),
            (INTRO, "", "Fri, Mar 08, 2024"),
            (Q, SOFIA, f"{SOFIA}: Okay, we are recording."),
            (A, RAHUL, f"{RAHUL}: It started with three raised beds"),
            (Q, SOFIA, f"{SOFIA}: Did the city sell it in the end?"),
            (A, RAHUL, f"{RAHUL}: No. We signed a lease"),
            (A, ZOE, f"{ZOE}: Forty-two, actually."),
            (ASIDE, "", "Transcribed by https://otter.ai"),
        ],
    ),
    "otter-short.txt": (
        "otter-text",
        [
            (Q, "Speaker 1", "Speaker 1: Are we recording?"),
            (A, "Speaker 2", "Speaker 2: Yes."),
            (Q, "Speaker 1", "Speaker 1: From Cork?"),
            (A, "Speaker 2", "Speaker 2: Okay, from near Cork."),
            (Q, "Speaker 1", "Speaker 1: Right."),
            (A, "Speaker 2", "Speaker 2: Thank you."),
        ],
    ),
    "rev.txt": (
        "text",
        [
            (Q, "Interviewer", "[00:00:13] Interviewer: Let's start"),
            (A, "Paulo Ferreira", "[00:00:18] Paulo Ferreira: Paulo Ferreira, and I grew up"),
            (Q, "Interviewer", "[00:00:25] Interviewer: What did your parents do?"),
            (A, "Paulo Ferreira", "[00:00:28] Paulo Ferreira: My father repaired boats."),
            (Q, "Interviewer", "[00:00:41] Interviewer: Did she ever sing in public?"),
            (A, "Paulo Ferreira", "[00:00:44] Paulo Ferreira: Once, at my wedding."),
        ],
    ),
    "descript.txt": (
        "text",
        [
            (Q, "Ingrid Dahl", "Ingrid Dahl (00:00:02): Welcome to the second session."),
            (A, "Yusuf Demir", "Yusuf Demir (00:00:06): Better than the first."),
            (Q, "Ingrid Dahl", "Ingrid Dahl (00:00:15): Every morning? What changed?"),
            (A, "Yusuf Demir", "Yusuf Demir (00:00:19): I slept through the night twice."),
            (Q, "Ingrid Dahl", "Ingrid Dahl (00:00:31): That is good to hear."),
        ],
    ),
    "labels-variants.txt": (
        "text",
        [
            (INTRO, "", "Focus group at the library"),
            (Q, "Interviewer 1", "interviewer1: ok, let's go round."),
            (A, "Participant 1", "Participant 1: The printers, mostly."),
            (Q, "Interviewer 1", "Interviewer 1: And you?"),
            (A, "PARTICIPANT 2", "participant2: Homework club for my kids."),
            (ASIDE, "", "[inaudible]"),
            (A, "PARTICIPANT 2", "PARTICIPANT 2: Sorry, the homework club."),
            (Q, "Int.", "Int.: Would you come more often"),
            (ASIDE, "", "Connection got interrupted"),
            (A, "Participant 3", "Participant 3: Yes, definitely."),
            (Q, "Interviewer 2", "Interviewer2 2: Even in winter?"),
            (ASIDE, "", "(laughs)"),
            (A, "Participant 3", "Participant 3: Even in winter."),
            (Q, "Interviewer 2", "Interviewer 2: Thank you all."),
        ],
    ),
    "name-alone.txt": (
        "text",
        [
            (INTRO, "", "Interview with a beekeeper"),
            (Q, "Clara Moreau", "Clara Moreau"),
            (Q, "Clara Moreau", "How many hives do you keep now?"),
            (A, "Bastien Roy", "Bastien Roy"),
            (A, "Bastien Roy", "Thirty-four."),
            (A, "Bastien Roy", "It was a good swarm, very calm. 🐝"),
            (Q, "Clara Moreau", "Clara Moreau"),
            (Q, "Clara Moreau", "Do the bees know you?"),
            (A, "Bastien Roy", "Bastien Roy"),
            (A, "Bastien Roy", "They know my smell"),
            (Q, "Clara Moreau", "Clara Moreau (00:04:10)"),
            (Q, "Clara Moreau", "What will you do in winter?"),
            (A, "Bastien Roy", "Bastien Roy (00:04:15)"),
            (A, "Bastien Roy", "Wait, mostly."),
        ],
    ),
    "cjk.txt": (
        "text",
        [
            (Q, "記者", "記者：今天谢谢您接受采访。"),
            (A, "陈师傅", "陈师傅：我十六岁就开始了"),
            (Q, "記者", "記者：那时候学徒生活怎么样？"),
            (A, "陈师傅", "陈师傅：很辛苦"),
            (Q, "記者", "記者：现在还有年轻人来学吗？"),
            (A, "陈师傅", "陈师傅：有，今年来了三个。"),
        ],
    ),
    "qa.md": (
        "markdown",
        [
            (INTRO, "", "A conversation about typography"),
            (INTRO, "", "Recorded for the newsletter, lightly edited. See the foundry."),
            (Q, "Q", "Q: When did you draw your first typeface?"),
            (A, "A", "A: In 1998, on graph paper. It was terrible — truly terrible. 😅"),
            (Q, "Q", "Q: What makes a good italic?"),
            (A, "A", "A: Rhythm. And knowing when to stop."),
        ],
    ),
    "names.md": (
        "markdown",
        [
            (INTRO, "", "Drawing letters by hand"),
            (INTRO, "", "Notes from a visit to the studio, May 2023. Quotes are verbatim"),
            (Q, "Léa Martin", "Léa Martin: Do you still draw by hand?"),
            (A, "Jonas Berg", "Jonas Berg: Every day, before I touch the computer. ✍️"),
            (Q, "Léa Martin", "Léa Martin: Why?"),
            (A, "Jonas Berg", "Jonas Berg: Because the hand is slower"),
            (A, "Ana Souza", "Ana Souza: Can I add something? I draw the spacing first"),
            (A, "Ana Souza", "1. Pencil"),
            (A, "Ana Souza", "2. Tracing paper"),
        ],
    ),
}

# Paragraphs of the word-processor fixtures: (text, leading bold characters).
WORD_PARAGRAPHS = [
    ("Interview 7 — Ålesund harbour, transcribed by hand", 0),
    ("Ingeborg Nilsen", 15),
    ("What did the harbour look like when you were a child?", 0),
    ("Ole Hansen", 10),
    ("Full of boats. Herring boats, mostly, and the ferry to Hareid. ⛴️", 0),
    ("[inaudible]", 0),
    ("Ingeborg Nilsen", 15),
    ("And now?", 0),
    ("Ole Hansen", 10),
    ("Now it is tourists, and the cruise ships. 観光客 everywhere.", 0),
    ("[00:14:02] Ingeborg Nilsen: Do you mind?", 0),
    ("Ole Hansen (00:14:05): Not really. They buy fish.", 0),
]
WORD_EXPECTED = [
    (INTRO, "", "Interview 7 — Ålesund harbour"),
    (Q, "Ingeborg Nilsen", "Ingeborg Nilsen: What did the harbour look like"),
    (A, "Ole Hansen", "Ole Hansen: Full of boats."),
    (ASIDE, "", "[inaudible]"),
    (Q, "Ingeborg Nilsen", "Ingeborg Nilsen: And now?"),
    (A, "Ole Hansen", "Ole Hansen: Now it is tourists"),
    (Q, "Ingeborg Nilsen", "Ingeborg Nilsen: Do you mind?"),
    (A, "Ole Hansen", "Ole Hansen: Not really. They buy fish."),
]
# Bold names at the start of speech paragraphs, without a colon.
BOLD_PARAGRAPHS = [
    ("Adaeze Obi How did the cooperative start?", 10),
    ("Marta Kowalczyk With six women and one sewing machine. 🧵", 15),
    ("Adaeze Obi Six?", 10),
    ("Marta Kowalczyk Six. Now we are sixty-one.", 15),
]
BOLD_EXPECTED = [
    (Q, "Adaeze Obi", "Adaeze Obi: How did the cooperative start?"),
    (A, "Marta Kowalczyk", "Marta Kowalczyk: With six women"),
    (Q, "Adaeze Obi", "Adaeze Obi: Six?"),
    (A, "Marta Kowalczyk", "Marta Kowalczyk: Six. Now we are sixty-one."),
]


def write_docx(path: Path, paragraphs: list[tuple[str, int]]) -> Path:
    import docx

    document = docx.Document()
    for text, bold in paragraphs:
        paragraph = document.add_paragraph()
        if bold:
            paragraph.add_run(text[:bold]).bold = True
        if text[bold:]:
            paragraph.add_run(text[bold:])
    document.save(str(path))
    return path


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def write_odt(path: Path, body: str) -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>'
        '<office:automatic-styles><style:style style:name="T1" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def odt_body(paragraphs: list[tuple[str, int]]) -> str:
    from xml.sax.saxutils import escape

    parts = []
    for text, bold in paragraphs:
        head = f'<text:span text:style-name="T1">{escape(text[:bold])}</text:span>'
        parts.append(f"<text:p>{head if bold else ''}{escape(text[bold:])}</text:p>")
    return "".join(parts)


def load_text(path: Path, text: str) -> Document:
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def check(doc: Document, expected: list[tuple[Role, str, str]]) -> None:
    segments = detect_segments(doc.text, doc.turns)
    got = [(seg.role, seg.speaker, doc.text[seg.start : seg.end]) for seg in segments]
    assert len(got) == len(expected), [text for _, _, text in got]
    for (role, speaker, text), (want_role, want_speaker, start) in zip(got, expected, strict=True):
        assert (role, speaker) == (want_role, want_speaker), text
        assert text.startswith(start), text
    assert normalise(doc.text) == doc.text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_paragraph_by_paragraph(name: str) -> None:
    """Each shape of transcript gives each paragraph the right speaker and role."""
    doc = load_document(DATA / name)
    fmt, expected = EXPECTED[name]
    assert doc.format == fmt
    check(doc, expected)
    assert load_document(DATA / name) == doc  # opened again: the same text


@pytest.mark.parametrize(
    ("suffix", "paragraphs", "expected"),
    [
        ("docx", WORD_PARAGRAPHS, WORD_EXPECTED),
        ("odt", WORD_PARAGRAPHS, WORD_EXPECTED),
        ("docx", BOLD_PARAGRAPHS, BOLD_EXPECTED),
        ("odt", BOLD_PARAGRAPHS, BOLD_EXPECTED),
    ],
)
def test_word_processor_files(tmp_path: Path, suffix: str, paragraphs, expected) -> None:
    """.docx and .odt: names alone above the speech, bold names, Rev and Descript labels."""
    path = tmp_path / f"interview.{suffix}"
    if suffix == "docx":
        write_docx(path, paragraphs)
    else:
        write_odt(path, odt_body(paragraphs))
    before = path.read_bytes()
    doc = load_document(path)
    assert doc.format == suffix
    check(doc, expected)
    assert path.read_bytes() == before  # the original is never changed


NOTE_LINES = [
    "Interviewer: Where did you grow up?",
    "Participant: In Leeds, near the river.",
    "Note: the recording paused here for two minutes.",
    "Interviewer: And after that?",
    "Participant: We moved to Hull.",
]
NOTE_EXPECTED = [
    (Role.QUESTION, "Interviewer", "Interviewer: Where"),
    (Role.ANSWER, "Participant", "Participant: In Leeds"),
    (Role.ASIDE, "", "Note: the recording"),
    (Role.QUESTION, "Interviewer", "Interviewer: And after"),
    (Role.ANSWER, "Participant", "Participant: We moved"),
]


@pytest.mark.parametrize("suffix", ["txt", "docx", "odt", "vtt"])
def test_a_one_off_note_is_an_aside_in_every_format(tmp_path: Path, suffix: str) -> None:
    """A "Note:" typed once is the typist's, no speaker, whether the reader or the file's
    turns took the labels from the text."""
    path = tmp_path / f"note.{suffix}"
    if suffix == "docx":
        write_docx(path, [(line, 0) for line in NOTE_LINES])
    elif suffix == "odt":
        write_odt(path, odt_body([(line, 0) for line in NOTE_LINES]))
    else:
        cues = [f"00:0{i}.000 --> 00:0{i}.900\n{line}\n" for i, line in enumerate(NOTE_LINES)]
        text = "WEBVTT\n\n" + "\n".join(cues) if suffix == "vtt" else "\n\n".join(NOTE_LINES)
        path.write_text(text, encoding="utf-8")
    check(load_document(path), NOTE_EXPECTED)


def test_a_voice_named_note_once_is_still_a_speaker(tmp_path: Path) -> None:
    """A name the file's field gives (a voice span) is trusted, however it reads."""
    cues = [
        f"00:0{i}.000 --> 00:0{i}.900\n<v {name}>{words}\n"
        for i, (name, words) in enumerate(
            [("Ana", "Where did you grow up?"), ("Note", "In Leeds."), ("Ana", "And then?")]
        )
    ]
    doc = load_text(tmp_path / "voices.vtt", "WEBVTT\n\n" + "\n".join(cues))
    assert [seg.speaker for seg in detect_segments(doc.text, doc.turns)] == ["Ana", "Note", "Ana"]


# A Teams transcript (.docx): title, date, length, then a paragraph a turn, its header
# ("Name   0:03") and the speech parted by a line break.
TEAMS_PARAGRAPHS = [
    ("Budget workshop-20261103_100215-Meeting Recording", 0),
    ("November 3, 2026, 10:02AM", 0),
    ("42m 10s", 0),
    ("Aroha Ngata started transcription", 0),
    ("Aroha Ngata   0:03\nCan everyone hear me? Good. Who wants to start?", 0),
    ("Bui Thi Lan   0:09\nYes.", 0),
    ("Aroha Ngata   0:12\nGo ahead, Lan.", 0),
    ("Bui Thi Lan   1:02:14\nWe spent most of it on the clinic's roof, 屋根 as we say.", 0),
]


def test_teams_docx_headers_above_short_replies(tmp_path: Path) -> None:
    """Each header is a turn, though the speech under it ("Yes.") is as short as a name."""
    doc = load_document(write_docx(tmp_path / "teams.docx", TEAMS_PARAGRAPHS))
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("Aroha Ngata", 3000),
        ("Bui Thi Lan", 9000),
        ("Aroha Ngata", 12000),
        ("Bui Thi Lan", 3_734_000),
    ]
    check(
        doc,
        [
            (INTRO, "", "Budget workshop"),
            (INTRO, "", "November 3, 2026"),
            (INTRO, "", "42m 10s"),
            (ASIDE, "", "Aroha Ngata started transcription"),
            (Q, "Aroha Ngata", "Aroha Ngata: Can everyone hear me?"),
            (A, "Bui Thi Lan", "Bui Thi Lan: Yes."),
            (Q, "Aroha Ngata", "Aroha Ngata: Go ahead, Lan."),
            (A, "Bui Thi Lan", "Bui Thi Lan: We spent most of it"),
        ],
    )


def test_teams_text_copied_from_the_app_reads_as_its_docx(tmp_path: Path) -> None:
    """Copied from Teams' transcript pane into a .txt: one space between the name and the
    time. The speakers, times and text are the .docx's."""
    doc = load_document(DATA / "teams-copied.txt")
    docx = load_document(write_docx(tmp_path / "teams.docx", TEAMS_PARAGRAPHS))
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        (t.speaker, t.start_ms) for t in docx.turns
    ]
    notice = "\n\nAroha Ngata stopped transcription\n"
    assert doc.text == docx.text.removesuffix("\n") + "\n\nThe rest went on the van." + notice


@pytest.mark.parametrize(
    ("name", "notice"),
    [
        ("teams-copied.txt", "Aroha Ngata stopped transcription"),
        ("otter.txt", "Transcribed by https://otter.ai"),
    ],
)
def test_a_tools_last_notice_is_in_no_turn_and_has_no_time(name: str, notice: str) -> None:
    """Teams' "… stopped transcription" and Otter's footer were the last speaker's words
    in the turns, and quoted in the exports at that speaker's time."""
    from reader.core.sync import SyncTable

    doc = load_document(DATA / name)
    at = doc.text.index(notice)
    assert all(not turn.start <= at < turn.end for turn in doc.turns)
    table = SyncTable.of(doc, detect_segments(doc.text, doc.turns))
    assert table.paragraph_time(at) == ""
    assert table.paragraph_time(doc.turns[-1].start) != ""


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_google_meets_last_line_is_no_ones_words(tmp_path: Path, suffix: str) -> None:
    """Found by a new user's Google Meet transcript (a Google Doc, downloaded as .docx or
    .txt): its last line, "Meeting ended after 00:06:12 👋", was the last speaker's
    answer, quoted in the exports as theirs. It is the tool's notice now, in no turn."""
    lines = [
        "Garden talk (2024-03-05 14:00 GMT) - Transcript",
        "Transcript",
        "00:00:00",
        "Rosa Lind: Thanks for joining. How did the garden start?",
        "Tomas Weir: With three raised beds.",
        "Rosa Lind: And then?",
        "Tomas Weir: Forty families joined.",
        "Meeting ended after 00:06:12 👋",
    ]
    path = tmp_path / f"meet{suffix}"
    if suffix == ".docx":
        write_docx(path, [(line, 0) for line in lines])
    else:
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    doc = load_document(path)
    at = doc.text.index("Meeting ended")
    assert all(not turn.start <= at < turn.end for turn in doc.turns)
    segments = detect_segments(doc.text, doc.turns)
    assert [(seg.role, seg.speaker) for seg in segments if seg.start == at] == [(ASIDE, "")]
    assert [seg.speaker for seg in segments if seg.role == A] == ["Tomas Weir"] * 2


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_headings_that_title_parts_of_the_interview_are_no_speakers(
    tmp_path: Path, suffix: str
) -> None:
    """Found by a new user's transcript with its topics as headings ("Section B: Work",
    Heading 2 in Word, "##" in Markdown): "Section A" and "Section B" were speakers who
    answered, and the heading was quoted as theirs. A heading after the turns is nobody's
    now; one that opens with a label of who asks ("Q: …") still asks."""
    turns = ["Interviewer: Where did you grow up?", "Amal: By the lake."]
    parts = [("Section A: Background", turns), ("Section B: Work", ["Q: And work?", *turns[1:]])]
    path = tmp_path / f"sections{suffix}"
    if suffix == ".docx":
        import docx

        document = docx.Document()
        for heading, said in parts:
            document.add_heading(heading, 2)
            for line in said:
                document.add_paragraph(line)
        document.save(str(path))
    else:
        path.write_text(
            "".join(f"## {h}\n\n" + "".join(f"{t}\n\n" for t in said) for h, said in parts)
        )
    doc = load_document(path)
    segments = detect_segments(doc.text, doc.turns, doc.spans)
    got = [(seg.role, seg.speaker, doc.text[seg.start : seg.end]) for seg in segments]
    assert got == [
        (INTRO, "", "Section A: Background"),
        (Q, "Interviewer", "Interviewer: Where did you grow up?"),
        (A, "Amal", "Amal: By the lake."),
        (ASIDE, "", "Section B: Work"),
        (Q, "Q", "Q: And work?"),
        (A, "Amal", "Amal: By the lake."),
    ]


def test_an_interviewers_questions_as_headings_stay_questions() -> None:
    """Questions set as headings so that Word's navigation lists them ("## Sarah: How
    …?"), by an interviewer who speaks nowhere else, were taken for parts' titles, the
    answers for questions. A name that heads two headings or more is a speaker's."""
    text = "Sarah: How did you start?\n\nAna: By accident.\n\nSarah: And then?\n\nAna: I stayed.\n"
    starts = [0, text.index("Sarah: And")]
    spans = [Span(start, text.index("\n", start), "heading2") for start in starts]
    segments = detect_segments(text, (), spans)
    assert [(seg.role, seg.speaker) for seg in segments] == [(Q, "Sarah"), (A, "Ana")] * 2


def segments_of_bold_lines(
    tmp_path: Path, suffix: str, lines: list[tuple[str, bool]]
) -> list[Segment]:
    """The paragraphs found in a Word file or Markdown of `lines`, each (text, in bold)."""
    path = tmp_path / f"bold{suffix}"
    if suffix == ".docx":
        write_docx(path, [(line, len(line) if bold else 0) for line, bold in lines])
    else:
        path.write_text("".join(f"**{line}**\n\n" if b else f"{line}\n\n" for line, b in lines))
    doc = load_document(path)
    return detect_segments(doc.text, doc.turns, doc.spans)


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_lines_in_bold_that_title_parts_of_the_interview_are_no_speakers(
    tmp_path: Path, suffix: str
) -> None:
    """As headings, so lines all in bold ("Section B: Work" typed bold): "Section B" was a
    speaker who answered. An interviewer whose every turn is in bold is still one."""
    lines = [
        ("Section A: Background", True),
        ("Sarah: Where did you grow up?", True),
        ("Amal: By the lake.", False),
        ("Sarah: And school?", True),
        ("Amal: Long walks.", False),
        ("Section B: Work", True),
        ("Sarah: How did you start?", True),
        ("Amal: By accident.", False),
    ]
    segments = segments_of_bold_lines(tmp_path, suffix, lines)
    got = [(seg.role, seg.speaker) for seg in segments]
    assert got == [
        (INTRO, ""),
        *[(Q, "Sarah"), (A, "Amal")] * 2,
        (ASIDE, ""),
        (Q, "Sarah"),
        (A, "Amal"),
    ]


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_a_co_interviewers_one_question_in_bold_is_theirs(tmp_path: Path, suffix: str) -> None:
    """In a transcript whose every question is typed in bold, a second interviewer asking
    one question ("Tom: And your brothers?") was taken for a part's title: set aside,
    and Tom was no speaker. A line that ends a sentence is no title."""
    lines = [
        ("Sarah: Where did you grow up?", True),
        ("Amal: By the lake.", False),
        ("Sarah: And school?", True),
        ("Amal: Long walks.", False),
        ("Tom: And your brothers?", True),
        ("Amal: Three of them.", False),
    ]
    segments = segments_of_bold_lines(tmp_path, suffix, lines)
    assert [seg.speaker for seg in segments] == ["Sarah", "Amal"] * 2 + ["Tom", "Amal"]
    assert ASIDE not in [seg.role for seg in segments]


def test_an_unlabelled_interviews_questions_as_headings_stay_questions(tmp_path: Path) -> None:
    """A magazine's Q&A in Markdown, its questions headings, with a "By: Jane Doe" line
    under its title: each heading after that line was taken for a part's title, set
    aside, and the interview had no question at all."""
    path = tmp_path / "qa.md"
    path.write_text(
        "# Interview with Ana Silva\n\nBy: Jane Doe\n\nAna runs a bakery in Porto.\n\n"
        "## How did you start?\n\nIn 2015, after my mother retired.\n\n"
        "## What was hardest?\n\nThe nights.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    segments = detect_segments(doc.text, doc.turns, doc.spans)
    assert [seg.role for seg in segments] == [INTRO] * 3 + [Q, A] * 2


@pytest.mark.parametrize("time_first", [False, True])
@pytest.mark.parametrize("blank_lines", [True, False])
def test_teams_text_with_the_time_on_a_line_of_its_own(
    tmp_path: Path, time_first: bool, blank_lines: bool
) -> None:
    """Teams' pane copied as text puts the time on a line of its own, under the name or
    above it, with or without blank lines between turns: read as the one-line header."""
    copied = (DATA / "teams-copied.txt").read_text(encoding="utf-8")
    apart = re.sub(r"^(.+) (\d[\d:]*)$", r"\2\n\1" if time_first else r"\1\n\2", copied, flags=re.M)
    if not blank_lines:
        apart = apart.replace("\n\n", "\n")
    doc = load_text(tmp_path / "teams-apart.txt", apart)
    expected = load_document(DATA / "teams-copied.txt")
    assert (doc.format, doc.text, doc.turns) == ("otter-text", expected.text, expected.turns)


def test_teams_text_with_the_time_first_keeps_a_time_said_alone_in_its_place(
    tmp_path: Path,
) -> None:
    """A line of speech that is a time alone ("6:30") in Teams' text with the time above
    each name was joined to the line under it as if that were a name: "Usually at / or so
    6:30", the words out of their order. A time is joined only to a name that recurs."""
    copied = (
        "0:03\nJane Doe\nWhen do you start?\n\n0:09\nJohn Smith\nUsually at\n6:30\nor so\n\n"
        "0:20\nJane Doe\nAnd then?\n\n0:25\nJohn Smith\nThen the bus.\n"
    )
    doc = load_text(tmp_path / "teams-apart.txt", copied)
    assert doc.format == "otter-text"
    assert [t.speaker for t in doc.turns] == ["Jane Doe", "John Smith"] * 2
    assert re.search(r"Usually at\s+6:30\s+or so\n", doc.text), doc.text


def test_teams_text_with_times_in_words() -> None:
    """Teams' pane as a screen reader reads it, "Bui Thi Lan 1 hour 2 minutes 14 seconds":
    turns with their times, as in digits."""
    doc = load_document(DATA / "teams-spoken.txt")
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("Aroha Ngata", 3000),
        ("Bui Thi Lan", 9000),
        ("Bui Thi Lan", 43000),
        ("Aroha Ngata", 60000),
        ("Bui Thi Lan", 3_734_000),
    ]
    # Nothing of the pane's headings is left in the text, nor a time of an unnamed entry.
    assert not re.search(r"\bseconds?\b|\bminute\b|^(BL|AN|1:05)$", doc.text, re.M)
    assert "We waited 5 minutes\n" in doc.text


def test_teams_times_in_words_speech_ending_in_a_duration_stays_speech(tmp_path: Path) -> None:
    """Two lines of speech that start alike and end in a duration ("It took 5 minutes",
    "It took 10 minutes") were read as headers of a speaker "It took": the durations were
    lost, the speech given to no one. Where the pane's headings are copied too, they name
    every speaker."""
    text = (DATA / "teams-spoken.txt").read_text(encoding="utf-8")
    text = text.replace("We waited 5 minutes", "It took 5 minutes")
    text = text.replace("Go ahead, Lan.", "How long?\nIt took 10 minutes")
    doc = load_text(tmp_path / "teams-spoken.txt", text)
    assert {t.speaker for t in doc.turns} == {"Aroha Ngata", "Bui Thi Lan"}
    assert "It took 5 minutes\n" in doc.text
    assert "It took 10 minutes\n" in doc.text


def test_teams_times_in_words_as_the_screen_reader_form_alone(tmp_path: Path) -> None:
    """Copied without the pane's headings, each header a line of its own: read as the
    transcript with times in digits is."""
    turns = [
        ("Aroha Ngata", "3 seconds", "0:03", "Can everyone hear me?"),
        ("Bui Thi Lan", "1 minute", "1:00", "Yes."),
        ("Aroha Ngata", "5 minutes 43 seconds", "5:43", "Go ahead, Lan."),
        ("Bui Thi Lan", "1 hour 2 minutes 3 seconds", "1:02:03", "We spent it on the roof."),
    ]
    spoken = "\n\n".join(f"{name} {words}\n{speech}" for name, words, _, speech in turns)
    digits = "\n\n".join(f"{name} {clock}\n{speech}" for name, _, clock, speech in turns)
    doc = load_text(tmp_path / "spoken.txt", spoken)
    expected = load_text(tmp_path / "digits.txt", digits)
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("Aroha Ngata", 3000),
        ("Bui Thi Lan", 60000),
        ("Aroha Ngata", 343_000),
        ("Bui Thi Lan", 3_723_000),
    ]
    assert (doc.format, doc.text, doc.turns) == ("otter-text", expected.text, expected.turns)


@pytest.mark.parametrize(
    "text",
    [
        # Speech ending in a time in words, whose start heads no other line.
        "We waited 5 minutes\nIt was cold.\n\nThe bus came after 1 hour 3 minutes\nFull.\n",
        "Cook it 10 minutes\nThen rest it 5 minutes\n",
        "5 minutes\n5 minutes\n",
        # One name twice, but a colon in it, or the units out of order: prose.
        "Note: for 5 minutes\nWe ran.\n\nNote: for 7 minutes\nWe walked.\n",
        "Jane Doe 3 seconds 2 minutes\nHi.\n\nJane Doe 9 seconds 4 minutes\nBye.\n",
    ],
)
def test_prose_ending_in_times_in_words_is_left_as_it_is(tmp_path: Path, text: str) -> None:
    doc = load_text(tmp_path / "prose.txt", text)
    assert (doc.format, doc.text, doc.turns) == ("text", text, ())


@pytest.mark.parametrize(
    ("spoken", "clock"),
    [
        ("1 hour 2 minutes 3 seconds", "1:02:03"),
        ("5 minutes 43 seconds", "5:43"),
        ("43 seconds", "0:43"),
        ("1 minute", "1:00"),
        ("51 minutes 1 second", "51:01"),
        ("2 hours", "2:00:00"),
        ("1 hour 5 seconds", "1:00:05"),
        ("3 seconds 2 minutes", None),  # out of order
        ("5 minutes 5 minutes", None),
        ("5 minutes 75 seconds", None),
    ],
)
def test_a_time_in_words_in_digits(spoken: str, clock: str | None) -> None:
    assert otter._clock(spoken) == clock


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Jane Doe",
                "Jane Doe 5 minutes",
                "5 minutes",
                "5:00",
                "JD",
                "",
                "Hi.",
                "3 seconds3:00",
            ]
        ),
        max_size=12,
    )
)
def test_times_in_words_never_lose_speech(lines: list[str]) -> None:
    """Whatever the lines, the speech in them stays; only headers, headings and the
    times of unnamed entries change or go."""
    text = "\n".join(lines)
    assert otter.spoken_headers(text).count("Hi.") == text.count("Hi.")


@pytest.mark.parametrize(
    "text",
    [
        "Breakfast\n9:30\nWe ate.\n\nLunch\n12:30\nWe ate again.\n",  # names do not recur
        "We left at\n9:30\n\nand came back at\n10:45\n",
        "0:03\n",
    ],
)
def test_times_alone_on_lines_of_prose_are_left_as_they_are(tmp_path: Path, text: str) -> None:
    doc = load_text(tmp_path / "prose.txt", text)
    assert (doc.format, doc.text, doc.turns) == ("text", text, ())


def test_teams_text_with_a_time_before_each_label(tmp_path: Path) -> None:
    """Teams' newer shape, "[00:00:03] Name: speech", is read as labels with their time."""
    doc = load_text(
        tmp_path / "teams-new.txt",
        "[00:00:03] Aroha Ngata: Can everyone hear me?\n\n[00:00:09] Bui Thi Lan: Yes.\n\n"
        "[01:02:14] Aroha Ngata: Thank you, Lan.\n",
    )
    segments = detect_segments(doc.text, doc.turns)
    assert [(s.speaker, s.timestamp) for s in segments] == [
        ("Aroha Ngata", "00:00:03"),
        ("Bui Thi Lan", "00:00:09"),
        ("Aroha Ngata", "01:02:14"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Lines of prose that end in a time: a colon in them, or too many words.
        "Note: the bus came at 9:30\nWe waited.\n\nNote: it left at 9:45\nWe ran.\n",
        "We all met in the square outside the old town hall at 10:15\nIt rained.\n\n"
        "Everyone was soaked to the skin long before 11:40\nWe went home.\n",
        # One header is not a transcript.
        "Jane Doe 0:03\nHello.\n\nAnd then we left.\n",
    ],
)
def test_prose_ending_in_times_is_not_read_as_teams(tmp_path: Path, text: str) -> None:
    doc = load_text(tmp_path / "prose.txt", text)
    assert (doc.format, doc.text, doc.turns) == ("text", text, ())


def test_older_teams_docx_cues(tmp_path: Path) -> None:
    """Stream's transcripts: a cue's timing, the name and the speech in one paragraph."""
    paragraphs = [
        ("0:0:0.0 --> 0:0:3.528\nAroha Ngata\nCan everyone hear me?", 0),
        ("0:0:4.10 --> 0:0:6.2\nBui Thi Lan\nYes.", 0),
        ("1:2:14.5 --> 1:2:20.0\nAroha Ngata\nThank you, Lan.", 0),
    ]
    doc = load_document(write_docx(tmp_path / "stream.docx", paragraphs))
    assert doc.text == (
        "Aroha Ngata: Can everyone hear me?\n\nBui Thi Lan: Yes.\n\nAroha Ngata: Thank you, Lan.\n"
    )
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("Aroha Ngata", 0),
        ("Bui Thi Lan", 4000),
        ("Aroha Ngata", 3_734_000),
    ]


def test_word_turns_keep_their_times(tmp_path: Path) -> None:
    doc = load_document(write_docx(tmp_path / "w.docx", WORD_PARAGRAPHS))
    times = [(t.speaker, t.start_ms) for t in doc.turns]
    assert times[-2:] == [("Ingeborg Nilsen", 842_000), ("Ole Hansen", 845_000)]
    assert all(doc.text.startswith(f"{t.speaker}:", t.start) for t in doc.turns)


def test_subtitle_turns_keep_start_and_end() -> None:
    """Consecutive cues of one speaker are one turn from the first start to the last end."""
    doc = load_document(DATA / "zoom.vtt")
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == [
        (MARIA, 2310, 9870),
        (KENJI, 10500, 18900),
        (AICHA, 19300, 21000),
        (MARIA, 21800, 25450),
        (AICHA, 26000, 31200),
        (KENJI, 31500, 34000),
    ]
    for turn in doc.turns:
        assert doc.text[turn.start : turn.end].startswith(f"{turn.speaker}: ")
        assert "-->" not in doc.text[turn.start : turn.end]
    assert "\n\n".join(doc.text[t.start : t.end] for t in doc.turns) + "\n" == doc.text


@pytest.mark.parametrize(
    ("name", "times"),
    [
        # whisper.cpp: ms offsets; its "?" (no channel louder) continues the turn before.
        ("whisper-cpp.json", [(0, 3240), (3240, 10100), (11000, 13500), (13500, 17020)]),
        # Hugging Face chunks: [start, end] in seconds; the last end may be null.
        ("insanely-fast-whisper.json", [(0, 2900), (3400, 7100), (7600, 8200), (8500, None)]),
    ],
)
def test_whisper_json_shapes_keep_their_times(name: str, times) -> None:
    doc = load_document(DATA / name)
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == times


def test_whisper_tables_keep_their_times(tmp_path: Path) -> None:
    """Each row's times are milliseconds, also in a table saved as .txt (its header says
    what it is)."""
    doc = load_document(DATA / "whisper.tsv")
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [
        (0, 2800), (4600, 11900), (14000, 16100), (18000, 21500),
    ]  # fmt: skip
    assert [cue[1:] for cue in doc.cues][1:3] == [(4600, 8200), (8300, 11900)]
    renamed = load_text(tmp_path / "p01.txt", (DATA / "whisper-cpp.csv").read_text("utf-8"))
    assert renamed.format == "whisper-csv"
    assert renamed.text == load_document(DATA / "whisper-cpp.csv").text
    assert [(t.speaker, t.start_ms, t.end_ms) for t in renamed.turns][:2] == [
        ("Speaker 0", 0, 3240), ("Speaker 1", 3240, 7000),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # A spreadsheet of turns, a name and its words: its text, read as it always was.
        ("turns.tsv", "Interviewer\tWhy weaving?\nAna\tMy aunt.\nInterviewer\tAnd now?\n"),
        ("people.csv", "name,age,town\nAna,34,Oaxaca\nTomas,51,Lyon\n"),
    ],
)
def test_other_tables_are_their_text(tmp_path: Path, name: str, text: str) -> None:
    doc = load_text(tmp_path / name, text)
    assert (doc.format, doc.text, doc.cues) == ("text", text, ())


def test_a_row_of_whisper_table_without_times_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"line 3 is not a row of times in milliseconds"):
        load_text(tmp_path / "t.tsv", "start\tend\ttext\n0\t900\tYes.\n0:01\t2000\tNo.\n")


def test_whisper_cpp_lyrics_keep_their_starts_and_channels(tmp_path: Path) -> None:
    """Each line's start (minutes past 99 written in full), none's end; with `--diarize`
    its channel is its speaker, "(speaker ?)" going on with the turn before; saved as .txt
    too (its tag says what it is)."""
    doc = load_document(DATA / "whisper-cpp.lrc")
    assert [cue[1:] for cue in doc.cues] == [
        (0, None), (3240, None), (7500, None), (9100, None), (11400, None),
    ]  # fmt: skip
    diarized = (
        "[by:whisper.cpp]\n[00:00.00](speaker 0) Why Tuesdays?\n"
        "[100:02.50](speaker 1) The hall was free.\n[100:04.00](speaker ?) Always.\n"
    )
    doc = load_text(tmp_path / "choir.txt", diarized)
    assert doc.format == "lrc"
    assert doc.text == "Speaker 0: Why Tuesdays?\n\nSpeaker 1: The hall was free.\n\nAlways.\n"
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("Speaker 0", 0), ("Speaker 1", 6_002_500),
    ]  # fmt: skip


def test_a_line_of_lyrics_without_a_time_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"line 3 \(“Yes\.”\) is not a time and words"):
        load_text(tmp_path / "t.lrc", "[by:whisper.cpp]\n[00:00.00] Ready?\nYes.\n")


def test_a_turn_whose_last_chunk_has_no_end_has_none() -> None:
    """Hugging Face's last chunk may end at null: the turn's end is not known, not the
    end of the chunk before."""
    chunks = '[{"timestamp": [0, 2], "text": " Born?"}, {"timestamp": [2, null], "text": " Here."}]'
    doc = whisper.parse(f'{{"chunks": {chunks}}}', "hf.json")
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [(0, None)]


def test_otter_turns_of_one_word_keep_their_headers() -> None:
    """A reply such as "Yes." under an Otter header is speech, not a name of its own."""
    doc = load_document(DATA / "otter-short.txt")
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("Speaker 1", 0),
        ("Speaker 2", 6000),
        ("Speaker 1", 7000),
        ("Speaker 2", 8000),
        ("Speaker 1", 3_598_000),
        ("Speaker 2", 3_601_000),
    ]
    assert "  0:0" not in doc.text


def test_subtitle_dialogue_dashes_part_the_speakers() -> None:
    """A cue's lines opening with a dash are two people's: two turns, dashes left out;
    numbering gaps, a missing blank line, dots for commas and extra blank lines aside."""
    doc = load_document(DATA / "dialogue.srt")
    assert doc.text == (
        "Harbour Street, spring 1978.\n\nWere you there when it flooded?\n\n"
        "Every one of us was there.\n\nAnd the boats?\n\n"
        "Gone. All but one, my father's. The water stayed for nine days.\n"
    )
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [
        (1200, 3900),
        (4100, 6800),
        (4100, 6800),
        (7000, 9500),
        (7000, 12000),
    ]


def test_dialogue_dashes_in_a_cue_of_one_voice_name_only_its_first_line() -> None:
    """A cue's voice span (or a whisper.cpp channel) is its first line's speaker: the
    lines after a dialogue dash are someone's the file does not name, unless it does."""
    cues = [
        Cue("Where were you?", 0, 1000, "Ana"),
        Cue("- At home?\n- No, at the bakery.\n- Ana: And then?", 1000, 2000, "Ben"),
        Cue("Then home.", 2000, 3000),
        Cue("Good.", 3000, 4000, "Ana"),
    ]
    parsed = from_cues(cues, "webvtt", "x.vtt")
    assert parsed.text == (
        "Ana: Where were you?\n\nBen: At home?\n\nNo, at the bakery.\n\n"
        "Ana: And then? Then home. Good.\n"
    )
    assert [(t.speaker, t.start_ms, t.end_ms) for t in parsed.turns] == [
        ("Ana", 0, 1000),
        ("Ben", 1000, 2000),
        ("", 1000, 2000),
        ("Ana", 1000, 4000),
    ]


def test_vtt_dialogue_dash_after_a_blank_line_in_a_cue_is_not_the_voice_s(
    tmp_path: Path,
) -> None:
    doc = load_text(
        tmp_path / "dash-paragraph.vtt",
        "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ana>Ready?\n\n- Yes.\n\nLet's go.\n\n"
        "00:04.000 --> 00:05.000\n<v Ana>- Now?\n- Now.\n\nRight now.\n",
    )
    assert doc.text == "Ana: Ready?\n\nYes.\n\nLet's go.\n\nAna: Now?\n\nNow.\n\nRight now.\n"
    assert [t.speaker for t in doc.turns] == ["Ana", "", "Ana", ""]


@pytest.mark.parametrize("blank", ["", " "])
def test_google_meets_captions_name_their_speakers_in_brackets(tmp_path: Path, blank: str) -> None:
    """Found by a new user's Google Meet recording (its captions, .vtt): Meet names each
    cue's speaker on its first line, "(Rosa Lind)", and a second speaker's in the cue after
    a dash and a blank line (or a line of a space). No one spoke, and the names and dashes
    stood among the words. Each name starts its speaker's turn now, at the cue's time."""
    cues = [
        "00:00:08.000 --> 00:00:12.000\n(Rosa Lind)\nSo tell me how the garden",
        "00:00:12.000 --> 00:00:16.000\n(Rosa Lind)\nstarted, back then?\n-\n" + blank,
        "(Tomas Weir)\nWith three raised beds.",
        "00:00:16.000 --> 00:00:20.000\n(Tomas Weir)\nAnd a rumour about the land.",
    ]
    doc = load_text(tmp_path / "meet.vtt", "WEBVTT\n\n" + "\n\n".join(cues) + "\n")
    assert doc.text == (
        "Rosa Lind: So tell me how the garden started, back then?\n\n"
        "Tomas Weir: With three raised beds. And a rumour about the land.\n"
    )
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("Rosa Lind", 8000),
        ("Tomas Weir", 12000),
    ]


def test_notes_in_brackets_opening_cues_are_no_speakers(tmp_path: Path) -> None:
    cues = ["00:01.000 --> 00:02.000\n(laughs)\nYes.", "00:02.000 --> 00:03.000\n(laughs)\nNo."]
    doc = load_text(tmp_path / "sdh.vtt", "WEBVTT\n\n" + "\n\n".join(cues) + "\n")
    assert "(laughs)" in doc.text and not any(t.speaker for t in doc.turns)


def test_vtt_arrow_without_spaces(tmp_path: Path) -> None:
    path = tmp_path / "bare.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000-->00:00:02.500\nAnna: Hi.\n", encoding="utf-8")
    doc = load_document(path)
    assert (doc.text, [(t.start_ms, t.end_ms) for t in doc.turns]) == (
        "Anna: Hi.\n",
        [(1000, 2500)],
    )


@pytest.mark.parametrize("header", ["WEBVTT\n", "WEBVTT\nKind: captions\nLanguage: en\n1\n"])
def test_vtt_first_cue_without_a_blank_line_after_the_header(tmp_path: Path, header) -> None:
    """The header ends at the first timing, blank line or not: the first cue is kept."""
    cues = "00:00:01.000 --> 00:00:03.000\nAna: First.\n\n00:03.000 --> 00:05.000\nBen: Then.\n"
    doc = load_text(tmp_path / "t.vtt", header + cues)
    assert doc.text == "Ana: First.\n\nBen: Then.\n"
    assert [t.start_ms for t in doc.turns] == [1000, 3000]


def test_vtt_line_of_spaces_under_the_timing(tmp_path: Path) -> None:
    """A cue's text may open with a line of spaces (YouTube's do): its words are kept."""
    path = tmp_path / "spaces.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n \nAnna: Hi.\n\n00:03.000 --> 00:04.000\nBo: Hey.\n",
        encoding="utf-8",
    )
    assert load_document(path).text == "Anna: Hi.\n\nBo: Hey.\n"


def test_vtt_words_after_a_blank_line_in_the_last_cue_are_kept(tmp_path: Path) -> None:
    """A blank line inside a cue's text leaves its last words in a block of their own,
    which browsers skip: here they are a paragraph of the same turn, not a cut-off file."""
    path = tmp_path / "blank-in-cue.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Ana>Where did it start?</v>\n\n"
        "2\n00:00:04.000 --> 00:00:08.000\n<v Ben>In the harbour.\n\nWe moved inland\n"
        "in 1995.</v>\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.text == (
        "Ana: Where did it start?\n\nBen: In the harbour.\n\nWe moved inland in 1995.\n"
    )
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == [
        ("Ana", 1000, 3000),
        ("Ben", 4000, 8000),
    ]
    assert doc.text[doc.turns[1].start : doc.turns[1].end].endswith("in 1995.")


@pytest.mark.parametrize("stray", ["1995.", "Yes", "12 of them", "cafe"])
def test_vtt_stray_last_paragraph_of_one_line_is_kept(tmp_path: Path, stray: str) -> None:
    path = tmp_path / "stray.vtt"
    path.write_text(f"WEBVTT\n\n00:01.000 --> 00:02.000\nBo: How many?\n\n{stray}\n")
    assert load_document(path).text == f"Bo: How many?\n\n{stray}\n"


def test_vtt_words_after_a_blank_line_inside_a_cue_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "blank-mid.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:03.000\nAna: One.\n\nTwo.\n\n"
        "00:04.000 --> 00:05.000\nBen: Three.\n",
        encoding="utf-8",
    )
    assert load_document(path).text == "Ana: One.\n\nTwo.\n\nBen: Three.\n"


def test_zoom_a_lower_case_name_said_once_is_a_speaker_of_its_own(tmp_path: Path) -> None:
    """Zoom labels every cue with its speaker's display name: "maria g", in one cue, read
    as the words of the speaker before her ("Tom Brown: … maria g: just one thing")."""
    cues = [
        ("Jane Smith", "Does anyone else want to add something?"),
        ("Tom Brown", "I think we covered it."),
        ("maria g", "just one thing, the bus is late every day."),
        ("Jane Smith", "Thanks Maria. What about the trains?"),
        ("Tom Brown", "Trains are fine."),
    ]
    blocks = [
        f"{i}\n00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n{name}: {words}"
        for i, (name, words) in enumerate(cues, 1)
    ]
    path = tmp_path / "zoom.vtt"
    path.write_text("WEBVTT\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    assert [turn.speaker for turn in load_document(path).turns] == [name for name, _ in cues]
    # Where cues are not all labelled, a name must recur or look like one, as before.
    blocks[1] = "2\n00:00:02.000 --> 00:00:02.900\nI think we covered it."
    blocks[3] = "4\n00:00:04.000 --> 00:00:04.900\nnote: the trains?"
    path.write_text("WEBVTT\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    assert "note" not in [turn.speaker for turn in load_document(path).turns]


def write_cues(path: Path, texts: list[str]) -> Path:
    """A WebVTT file of one cue a second, each of one of `texts`."""
    blocks = [f"{i}\n00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n{t}" for i, t in enumerate(texts, 1)]
    path.write_text("WEBVTT\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def cues_with(said: str) -> list[str]:
    """Cues of a meeting, one of them unnamed (so the file does not name every cue), and
    `said` after it."""
    return [
        "Jane Smith: Does anyone else want to add something?",
        "Tom Brown: I think we covered it, so the bus is late every day,",
        "and the trains are no better.",
        said,
        "Jane Smith: Thanks. What about the weekends?",
        "Tom Brown: Worse.",
    ]


@pytest.mark.parametrize("said", ["alex: yes that's right.", "<v alex>yes that's right."])
def test_a_lower_case_name_said_once_starts_a_turn_where_not_every_cue_is_named(
    tmp_path: Path, said: str
) -> None:
    """ "alex: yes…" in a cue was read as the words of Tom, who spoke before."""
    document = load_document(write_cues(tmp_path / "talk.vtt", cues_with(said)))
    speakers = ["Jane Smith", "Tom Brown", "alex", "Jane Smith", "Tom Brown"]
    assert [turn.speaker for turn in document.turns] == speakers
    assert "alex: yes that's right." in document.text.split("\n\n")
    roles = [(seg.role, seg.speaker) for seg in detect_segments(document.text, document.turns)]
    assert roles[2] == (A, "alex")


@pytest.mark.parametrize("said", ["so: I mean the weekends.", "note: the recording paused."])
def test_a_lower_case_word_opening_a_cue_is_no_speaker(tmp_path: Path, said: str) -> None:
    """A word the speech says in lower case ("so"), or a typist's note, is no name."""
    document = load_document(write_cues(tmp_path / "talk.vtt", cues_with(said)))
    speakers = ["Jane Smith", "Tom Brown", "Jane Smith", "Tom Brown"]
    assert [turn.speaker for turn in document.turns] == speakers
    assert f"and the trains are no better. {said}" in document.text


def test_vtt_a_number_or_time_alone_after_a_blank_line_inside_a_cue_is_kept(tmp_path: Path) -> None:
    """ "1998" said after a blank line in a cue was taken for a cue id and dropped."""
    path = tmp_path / "year.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:01.000 --> 00:03.000\n<v Tom>Let me think.\n\n1998\n\n"
        "2\n00:04.000 --> 00:05.000\n<v Jane>And where?\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.text == "Tom: Let me think.\n\n1998\n\nJane: And where?\n"
    assert [turn.speaker for turn in document.turns] == ["Tom", "Jane"]  # 1998 is Tom's
    # A time said alone, found by the formats review: it was taken for a timing cut short.
    path.write_text(
        "WEBVTT\n\n00:03.000 --> 00:06.000\n<v Bo>At\n\n10:30\n\n"
        "00:06.000 --> 00:07.000\n<v Ana>Okay.\n",
        encoding="utf-8",
    )
    assert load_document(path).text == "Bo: At\n\n10:30\n\nAna: Okay.\n"
    # A cue id above a timing cut short, in mid-file, is still no one's words.
    path.write_text(
        "WEBVTT\n\n1\n00:01.000 --> 00:03.000\n<v Tom>Let me think.\n\n3\n00:00:0\n\n"
        "2\n00:04.000 --> 00:05.000\n<v Jane>And where?\n",
        encoding="utf-8",
    )
    assert load_document(path).text == "Tom: Let me think.\n\nJane: And where?\n"


def test_vtt_a_voice_after_a_blank_line_in_a_cue_is_its_own_speaker(tmp_path: Path) -> None:
    path = tmp_path / "blank-voice.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hello there\n\n<v Bob>Hi Ann\n\n"
        "00:03.000 --> 00:04.000\n<v Ann>Fine.\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.text == "Ann: Hello there\n\nBob: Hi Ann\n\nAnn: Fine.\n"
    assert [turn.speaker for turn in document.turns] == ["Ann", "Bob", "Ann"]


def test_srt_an_empty_cue_without_a_blank_line_after_it_takes_no_words(tmp_path: Path) -> None:
    """The next cue's number and timing were read as the empty cue's words, shown in the
    text ("2 00:00:03,000 --> 00:00:04,000 Ana: Hi"), and Ana's turn was no one's."""
    path = tmp_path / "empty.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\n2\n00:00:03,000 --> 00:00:04,000\nAna: Hi.\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nBo: Yes.\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.text == "Ana: Hi.\n\nBo: Yes.\n"
    assert [(t.speaker, t.start_ms) for t in document.turns] == [("Ana", 3000), ("Bo", 5000)]


def test_srt_words_after_a_blank_line_in_the_last_cue_are_kept(tmp_path: Path) -> None:
    """SubRip's parser keeps them in the cue's text; only a cue number there is cut off."""
    path = tmp_path / "blank-in-cue.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nBo: How many?\n\n1995.\n")
    assert load_document(path).text == "Bo: How many? 1995.\n"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cues=st.lists(
        st.lists(
            st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=4),
            min_size=1,
            max_size=3,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_vtt_blank_lines_inside_cues_lose_no_word(tmp_path: Path, cues) -> None:
    """Every word of cues whose text runs on after blank lines is read, in order."""
    numbers = itertools.count()  # each word made unique: repeated lines would read as rolling
    cues = [
        [
            [
                word + "X" + "".join(chr(97 + int(d)) for d in str(next(numbers)))
                for word in paragraph
            ]
            for paragraph in cue
        ]
        for cue in cues
    ]
    blocks = [
        f"00:00:{i:02d}.000 --> 00:00:{i:02d}.500\n" + "\n\n".join(map(" ".join, paragraphs))
        for i, paragraphs in enumerate(cues)
    ]
    path = tmp_path / "paragraphs.vtt"
    path.write_text("WEBVTT\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    words = [word for paragraphs in cues for paragraph in paragraphs for word in paragraph]
    assert load_document(path).text.split() == words


@pytest.mark.parametrize(
    "end",
    [
        "2",
        "3f1c2a9e-7d41-4b8e-9f0a-2c5d6e7f8a9b/13-0",
        "3f1c2a9e-7d41-4b8e-9f0a-2c5d6e7f8a9b/1",
        "3f1c2a9e-7d41-4b8e",
        "00:00:0",
        "00:00:03.",
        "00:00:03.000 --",
        "00:00:03.000 --> 00:0",
        "3f1c2a9e-7d41-4b8e-9f0a-2c5d6e7f8a9b/13-0\n00:00:03.000 --> 00:00:0",
        "2\n00:00:03.0",
    ],
)
def test_vtt_cut_off_in_a_cue_id_or_timing_is_refused(tmp_path: Path, end: str) -> None:
    path = tmp_path / "cut.vtt"
    path.write_text(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n{end}", encoding="utf-8")
    message = r"ends in the middle of a cue \(“.+”\): the file looks cut off\. Export or"
    with pytest.raises(DocumentError, match=message):
        load_document(path)


def test_teams_unpadded_times() -> None:
    """Teams (its meeting API) writes every field of a time unpadded, milliseconds too."""
    doc = load_document(DATA / "teams-graph.vtt")
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [
        (0, 3528),
        (4090, 12060),
        (62005, 64020),
    ]


@pytest.mark.parametrize(
    ("pieces", "line"),
    [
        (["Grüße", "Привет", "naïve", "Γειά"], "Grüße Привет naïve Γειά"),
        (["佐藤：はい。", "そうです。"], "佐藤：はい。そうです。"),
        (["OK", "はい"], "OK はい"),
        (["안녕하세요", "네"], "안녕하세요 네"),
        (["はい", "😀", "はい"], "はい 😀 はい"),
        ([], ""),
    ],
)
def test_joined_spaces_all_but_chinese_and_japanese(pieces: list[str], line: str) -> None:
    assert joined(pieces) == line


def test_joined_looks_at_no_letter_of_text_without_wide_ones(monkeypatch) -> None:
    """A large Teams file is thousands of cues of words: joined at once, not word by word."""
    import reader.core.transcripts as transcripts

    def looked(char: str) -> bool:
        raise AssertionError(f"looked at {char!r}")

    monkeypatch.setattr(transcripts, "_spaceless", looked)
    assert joined(["Grüße", "aus", "Köln,", "Привет"]) == "Grüße aus Köln, Привет"
    # Nor of one with typographic quotes, dashes, ellipses or euros, as most transcripts:
    typographic = ["“It’s", "late”", "—", "she", "said…", "40", "€"]
    assert joined(typographic) == "“It’s late” — she said… 40 €"
    assert joined_at(typographic) == ("“It’s late” — she said… 40 €", [0, 6, 12, 14, 18, 24, 27])


def test_every_spaceless_character_is_one_joined_looks_for() -> None:
    """`joined` leaves a line's spaces as they are when it has no character that
    `_spaceless` may hold so: every such character must be one it looks for."""
    from reader.core.shorten import wide
    from reader.core.transcripts import _MAY_BE_SPACELESS_RE, _spaceless

    missed = [
        hex(code)
        for code in range(0x110000)
        if wide(chr(code)) and _spaceless(chr(code)) and not _MAY_BE_SPACELESS_RE.match(chr(code))
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "teams", "ms"),
    [
        ("00:01:02.500", False, 62500),
        ("01:02.5", False, 62500),  # not the format's three digits: a decimal fraction
        ("0:00:01.50", False, 1500),
        ("0:00:01.5", False, 1500),
        ("1:02:03,250", False, 3723250),
        ("100:00:00.000", False, 360_000_000),
        ("0:1:2.50", True, 62050),  # Teams: milliseconds unpadded
        ("0:0:6.90", True, 6090),
        ("0:10:15.5", True, 615005),
        ("00:00:01.500", True, 1500),
    ],
)
def test_cue_time_ms(text: str, teams: bool, ms: int) -> None:
    assert cue_time_ms(text, teams) == ms


@pytest.mark.parametrize(
    ("times", "teams"),
    [
        (["0:0:0.0", "0:0:3.528"], True),
        (["0:00:01.50", "0:12:4.5"], True),  # one time in Teams' shape is enough
        (["0:00:01.50", "0:00:03.25", "1:02:03.5"], False),  # hours alone unpadded
        (["01:02.5", "1:02.50", "00:00:01.500"], False),
        ([], False),
    ],
)
def test_teams_times_are_told_by_unpadded_fields(times: list[str], teams: bool) -> None:
    assert teams_times(times) is teams


@pytest.mark.parametrize(
    ("cues", "times"),
    [
        # Teams' meeting API: "0:10:15.50" alone looks padded, but the file is Teams'.
        (
            ["0:0:0.0 --> 0:0:3.528", "0:9:58.90 --> 0:10:15.50", "0:10:15.50 --> 0:10:20.5"],
            [(0, 3528), (598_090, 615_050), (615_050, 620_005)],
        ),
        # Another tool's hours unpadded, fractions in hundredths or tenths: decimal.
        (
            ["0:00:00.50 --> 0:00:02.75", "0:00:03.10 --> 0:00:05.5", "0:00:05.90 --> 0:01:02.25"],
            [(500, 2750), (3100, 5500), (5900, 62250)],
        ),
    ],
)
def test_vtt_times_read_in_the_file_s_shape(tmp_path: Path, cues: list[str], times) -> None:
    path = tmp_path / "times.vtt"
    speakers = ["Ana", "Ben", "Ana"]
    blocks = [
        f"{t}\n<v {who}>Words {i}.</v>"
        for i, (t, who) in enumerate(zip(cues, speakers, strict=True))
    ]
    path.write_text("WEBVTT\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    turns = load_document(path).turns
    assert [(t.start_ms, t.end_ms) for t in turns] == times
    assert all(t.start_ms <= t.end_ms for t in turns)
    assert all(a.end_ms <= b.start_ms for a, b in itertools.pairwise(turns))


def test_faster_whisper_segments_dumped_as_a_bare_list() -> None:
    """`json.dump([s._asdict() for s in segments])`: no "segments" key, the fields of
    faster-whisper's Segment, words with their times; the segments' times are the turns'."""
    doc = load_document(DATA / "faster-whisper.json")
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [
        (0, 3120),
        (4860, 13980),
        (16100, 18340),
        (19900, 24600),
    ]
    assert "probability" not in doc.text and "\\u" not in doc.text


def test_faster_whisper_segments_without_word_times(tmp_path: Path) -> None:
    import orjson

    fields = {"seek": 0, "tokens": [50364, 2425], "temperature": 0.0, "avg_logprob": -0.25}
    fields |= {"compression_ratio": 1.2, "no_speech_prob": 0.02, "words": None}
    said = [(1, 0.0, 2.5, " Where did you work?"), (2, 4.5, 6.0, " At the docks.")]
    segments = [{"id": i, "start": a, "end": b, "text": t, **fields} for i, a, b, t in said]
    path = tmp_path / "segments.json"
    path.write_bytes(orjson.dumps(segments))
    doc = load_document(path)
    assert doc.text == "Where did you work?\n\nAt the docks.\n"
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == [
        ("", 0, 2500),
        ("", 4500, 6000),
    ]


def test_whisper_cpp_tinydiarize_turns() -> None:
    """`speaker_turn_next` parts the turns, though nobody is named."""
    import orjson

    said = [(0, " Where were you born?", True), (2100, " In Accra.", False)]
    said += [(3000, " In 1960.", True), (4200, " And then?", False)]
    segments = [
        {"offsets": {"from": ms, "to": ms + 800}, "text": words, "speaker_turn_next": turn}
        for ms, words, turn in said
    ]
    doc = whisper.parse(orjson.dumps({"transcription": segments}).decode(), "tdrz.json")
    assert doc.text == "Where were you born?\n\nIn Accra. In 1960.\n\nAnd then?\n"
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [(0, 800), (2100, 3800), (4200, 5000)]


@pytest.mark.parametrize("path", sorted([*DATA.glob("*.vtt"), *DATA.glob("*.srt")]))
def test_cue_numbers_timings_and_markup_are_not_text(path: Path) -> None:
    text = load_document(path).text
    assert "-->" not in text and "WEBVTT" not in text
    assert not re.search(r"</?(?:v|c|b|i|u|font|lang|ruby)\b|<\d|\{\\|&[a-z]+;", text), text
    assert not any(line.strip().isdigit() for line in text.split("\n"))


@pytest.mark.parametrize(
    ("cue", "said"),
    [
        (
            "<v Aiko>私は<ruby>東京<rt>とうきょう</rt></ruby>に住んでいます。",
            "私は東京に住んでいます。",
        ),
        ("<v Aiko><ruby>漢<rt>kan</rt>字<rt.big>ji</rt></ruby> is hard", "漢字 is hard"),
        ("<v Aiko><ruby>東京<rt>とうきょう</ruby> again", "東京 again"),  # </rt> left out
        ("<v Aiko>The <rt> reading, its cue cut short", "The"),
    ],
)
def test_webvtt_ruby_keeps_the_base_text(tmp_path: Path, cue: str, said: str) -> None:
    """A ruby's reading (`<rt>`) is shown above its base by a player; in the text it would
    double the word, so the base alone is kept."""
    path = tmp_path / "ruby.vtt"
    path.write_text(f"WEBVTT\n\n00:01.000 --> 00:03.000\n{cue}\n", encoding="utf-8")
    assert load_document(path).text == f"Aiko: {said}\n"


# file -> (its whole text, (speaker, start_ms, end_ms) of each turn).
WHOLE: dict[str, tuple[str, list[tuple[str, int, int]]]] = {
    # Voice spans in most cues, dialogue dashes in some: the dashed lines after the first,
    # and the words after them, are not the voice's, nor the last named speaker's.
    "dialogue-voices.vtt": (
        "Nadia Haddad: Tell me about the night of the storm.\n\n"
        "Nadia Haddad: Were you at home that night?\n\n"
        "No, at the bakery. The power went out at ten.\n\n"
        "Nadia Haddad: And the ovens?\n\nOmar Haddad: Cold by midnight.\n\n"
        "Nadia Haddad: And the bread?\n\nWe baked it on the neighbours' stove.\n",
        [
            ("Nadia Haddad", 1000, 4000),
            ("Nadia Haddad", 4500, 7000),
            ("", 4500, 9800),
            ("Nadia Haddad", 10000, 12500),
            ("Omar Haddad", 12700, 15000),
            ("Nadia Haddad", 12700, 15000),
            ("", 12700, 15000),
        ],
    ),
    # Character references ("&amp;", "&#39;", "&#x2014;", "&nbsp;") are the characters
    # they stand for; <font>, <i>, <b> are left out, their words kept.
    "entities.srt": (
        "Marta Kowalczyk: Welcome back. We're recording.\n\n"
        "Dev Patel: Thanks. I ran the B&B on Rue des Écoles for twelve years.\n\n"
        'Marta Kowalczyk: "Twelve years" — who came to stay?\n\n'
        "Dev Patel: Everyone. Rooms were under €40 & breakfast was free. Mostly R&D people, "
        "from the lab < 5 minutes away.\n",
        [
            ("Marta Kowalczyk", 500, 3200),
            ("Dev Patel", 3400, 7900),
            ("Marta Kowalczyk", 8100, 11000),
            ("Dev Patel", 11300, 18400),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_fixture_text_and_turns(name: str) -> None:
    """The whole text and each turn's speaker and times; the turns' offsets are of the
    text read, every paragraph in one."""
    doc = load_document(DATA / name)
    text, turns = WHOLE[name]
    assert doc.text == text
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == turns
    assert "\n\n".join(doc.text[t.start : t.end] for t in doc.turns) + "\n" == doc.text


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("Tom &amp; Jerry: &lt;i&gt; is a tag", "Tom & Jerry: <i> is a tag"),  # words, not markup
        ("<I>R&D</I> &copy AT&T; &bogus; &#169; &#xE9;t&eacute;", "R&D &copy AT&T; &bogus; © été"),
        ("&#1;one&#13;two&#0;", "one two\ufffd"),
    ],
)
def test_srt_entities_need_their_semicolon(tmp_path: Path, line: str, text: str) -> None:
    """SubRip is not HTML: an "&" without a semicolon after a name is a word's."""
    srt = f"1\n00:00:01,000 --> 00:00:02,000\n{line}\n"
    assert load_text(tmp_path / "refs.srt", srt).text == text + "\n"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.text(alphabet="ab é&<>\"';#x1", min_size=1).filter(
        lambda t: t.strip() and not re.match(r"\s*>>>? ", t)
    )
)
def test_escaped_subrip_reads_as_what_was_escaped(tmp_path: Path, words: str) -> None:
    """A tool that escapes its words (html.escape) gives back those words, whatever
    ampersands, brackets and quotes they hold (">> " opening a line marks a new speaker:
    test_transcript_speakers.py)."""
    import html

    srt = f"1\n00:00:01,000 --> 00:00:02,000\n{html.escape(words)}\n"
    assert load_text(tmp_path / "escaped.srt", srt).text == " ".join(words.split()) + "\n"


def test_vtt_entities_the_format_defines_are_decoded(tmp_path: Path) -> None:
    """&amp; &lt; &gt; &lrm; &rlm; &nbsp; and numeric references; markup left out."""
    doc = load_text(
        tmp_path / "refs.vtt",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Dana>&lt;3 &amp; <i>bye</i>&nbsp;&gt;"
        " &lrm;&#x5E9;&#1500;&rlm; &#8217;</v>\n",
    )
    assert doc.text == "Dana: <3 & bye > \u200eשל\u200f \u2019\n"
    assert [(t.speaker, t.start, t.end) for t in doc.turns] == [("Dana", 0, len(doc.text) - 1)]


def test_no_break_spaces_in_cues_are_plain_spaces(tmp_path: Path) -> None:
    """Cues are reflowed, and search and highlights match the text literally: a no-break
    space is a plain one there (see transcripts.clean). A .txt keeps its own."""
    said = "Rooms were 40\u00a0€. Bonjour\u202f! Ça\u00a0va\u00a0?"
    vtt = load_text(tmp_path / "nbsp.vtt", f"WEBVTT\n\n00:01.000 --> 00:02.000\n{said}\n")
    assert vtt.text == "Rooms were 40 €. Bonjour ! Ça va ?\n"
    assert load_text(tmp_path / "nbsp.txt", f"{said}\n").text == f"{said}\n"


@pytest.mark.parametrize(
    ("name", "cue"),
    [
        (
            "notes.srt",
            "1\n00:00:01,000 --> 00:00:02,000\n<i>Well</i> <laughs> <b>yes</b>, <sigh>.\n",
        ),
        (
            "notes.vtt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\n<i>Well</i> <laughs> <b>yes</b>, <sigh>.\n",
        ),
    ],
)
def test_a_transcribers_angle_bracket_note_is_kept(tmp_path: Path, name: str, cue: str) -> None:
    """Only the markup players know is left out: "<laughs>" is the transcriber's words."""
    assert load_text(tmp_path / name, cue).text == "Well <laughs> yes, <sigh>.\n"


def test_teams_note_block_and_entities() -> None:
    text = load_document(DATA / "teams.vtt").text
    assert "Generated by a meeting tool" not in text
    assert "& the volunteers" in text and "&amp;" not in text


def test_youtube_rolling_captions_give_each_line_once() -> None:
    """Automatic captions repeat each line above the next one's words: read once."""
    doc = load_document(DATA / "youtube-auto.vtt")
    assert doc.text == (
        "so what was the street like when you were small [Music] oh it was all bakeries "
        "back then the smell of bread at five\n"
    )
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [(80, 13350)]


def test_rolling_captions_made_subrip_give_each_line_once() -> None:
    """YouTube's captions converted to .srt: no word times left, the lines still roll."""
    doc = load_document(DATA / "youtube-auto.srt")
    assert doc.text == (
        "what did your mother cook on sundays fish soup always fish soup and bread from the "
        "corner\n"
    )
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [(80, 10870)]


def test_doubled_cues_are_read_once(tmp_path: Path) -> None:
    """Every cue written twice, as some caption downloads have them."""
    cues = ["Hello everyone!", "Thank you for coming.", "Nice to meet you.", "Take it easy."]
    blocks = [f"00:0{i}.000 --> 00:0{i}.900\n{line}\n" for i, line in enumerate(cues)]
    path = tmp_path / "doubled.vtt"
    path.write_text("WEBVTT\n\n" + "\n".join(b + "\n" + b for b in blocks), encoding="utf-8")
    assert load_document(path).text == " ".join(cues) + "\n"


def test_subtitles_with_each_word_underlined_in_turn_give_their_words_once() -> None:
    """openai-whisper and WhisperX asked to `--highlight_words` write each subtitle again
    for each word, from when it is said, that word underlined, and again whole over a
    pause between two words (whisper/utils.py, whisperx/utils.py: SubtitlesWriter): each
    subtitle's words stood in the text once for each of its words. A one-word subtitle
    said again ("No." "No.") stays twice."""
    vtt = load_document(DATA / "whisperx-highlight-words.vtt")
    assert vtt.text == (
        "SPEAKER_00: When did the bakery close?\n\nSPEAKER_01: In the spring of 1987.\n"
    )
    assert [(t.start_ms, t.end_ms) for t in vtt.turns] == [(500, 2400), (2900, 5600)]
    srt = load_document(DATA / "whisper-highlight-words.srt")
    assert srt.text == "Were you there? No. No. I was at work.\n"
    assert [(start, end) for _, start, end in srt.cues] == [
        (0, 1100),
        (1500, 2000),
        (2000, 2500),
        (2500, 3800),
    ]


def test_a_text_that_opens_with_a_speaker_in_brackets_is_otherwise_as_it_is(
    tmp_path: Path,
) -> None:
    """Only a text each of whose lines opens with whisper.cpp's channel is read as its
    diarised text: a note that opens so is a text as it is."""
    path = tmp_path / "notes.txt"
    text = "(speaker 1) asked first.\nThen we talked about the ward.\nAnd the nights.\n"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    assert (doc.format, doc.text) == ("text", text)


def test_a_repeated_line_of_ordinary_subtitles_stays() -> None:
    cues = [Cue("Yes.", 0, 500), Cue("Yes.", 600, 900), Cue("Go on.", 1000, 1500)]
    assert unrolled(cues) == cues


@pytest.mark.parametrize("suffix", [".vtt", ".srt"])
def test_a_short_line_said_again_and_again_stays(tmp_path: Path, suffix: str) -> None:
    """Four "No." in a row (or a transcriber's repeated "Thank you.") are words said each
    time, not captions rolling: each stays, and the cue after keeps its words."""
    said = ["Did anyone here vote?", "No.", "No.", "No.", "No.", "Why not?"]
    sep = "." if suffix == ".vtt" else ","
    blocks = [f"{i + 1}\n00:0{i}{sep}000 --> 00:0{i}{sep}800\n{s}\n" for i, s in enumerate(said)]
    header = "WEBVTT\n\n" if suffix == ".vtt" else ""
    doc = load_text(tmp_path / f"t{suffix}", header + "\n".join(blocks))
    assert doc.text == " ".join(said) + "\n"


def test_whisper_repeating_itself_is_left_as_it_wrote() -> None:
    """Whisper's loops ("Thank you." again and again) are in its file: not subtitles that
    roll, so not read once."""
    segments = ",".join(
        f'{{"start": {i}, "end": {i + 1}, "text": " Thank you."}}' for i in range(6)
    )
    doc = whisper.parse(f'{{"segments": [{segments}]}}', "loop.json")
    assert doc.text.count("Thank you.") == 6


def test_styled_vtt_blocks_settings_and_markup_are_not_text() -> None:
    """STYLE, REGION and NOTE blocks, cue ids and settings, tags and entities; a cue of
    two voices is two turns at the cue's time."""
    doc = load_document(DATA / "styled.vtt")
    for markup in ("::cue", "region", "width", "Edited by hand", "intro-1", "align", "<b>"):
        assert markup not in doc.text
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == [
        ("Mirela Popescu", 1000, 4200),
        ("Joon-ho Park", 4800, 8100),
        ("Mirela Popescu", 8600, 11000),
        ("Joon-ho Park", 8600, 14900),
    ]


def test_webvtt_cues_with_no_blank_line_between_are_each_a_cue() -> None:
    """A tool that wrote no blank line between cues: each later timing stood in the text
    ("… Lyon? 2 00:00:04.500 --> 00:00:08.000 Samir: …"), all of it the first speaker's."""
    doc = load_document(DATA / "no-blank-lines.vtt")
    assert "-->" not in doc.text and "00:00" not in doc.text
    assert doc.text.startswith("Interviewer: When did you come to Lyon?\n\nSamir: In 2004")
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == [
        ("Interviewer", 1000, 4000),
        ("Samir", 4500, 8000),
        ("Interviewer", 8500, 10000),
        ("Samir", 10500, 13000),
    ]


def test_subrip_markup_kept_by_a_converter_to_webvtt_is_not_text() -> None:
    """SubRip converted to WebVTT keeps its `<font color=…>` and `<I>`: they stood in the
    text, and hid each speaker's label behind them, so the interview had no speakers."""
    doc = load_document(DATA / "converted-from-srt.vtt")
    assert "<font" not in doc.text.lower() and "<i>" not in doc.text.lower()
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("Interviewer", 1000),
        ("Farida", 4500),
        ("Interviewer", 8500),
        ("Farida", 10500),
    ]


@pytest.mark.parametrize("name", ["zoom.vtt", "teams.vtt", "descript.srt", "whisperx.json"])
def test_bom_and_crlf_give_the_same_transcript(tmp_path: Path, name: str) -> None:
    """Saved on Windows (a UTF-8 byte order mark, CR LF line ends): the same text."""
    data = (DATA / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    doc, original = load_document(path), load_document(DATA / name)
    assert (doc.text, doc.turns) == (original.text, original.turns)


def test_markdown_spans_style_the_rendered_text() -> None:
    """Headings, emphasis, strike, links (with the URL) and labels are spans of plain text."""
    doc = load_document(DATA / "qa.md")
    assert "**" not in doc.text and "](" not in doc.text and "# " not in doc.text
    styled = {(s.kind, doc.text[s.start : s.end], s.url) for s in doc.spans}
    assert ("heading1", "A conversation about typography", "") in styled
    assert ("emphasis", "truly", "") in styled
    assert ("link", "the foundry", "https://example.org/foundry") in styled
    assert ("strong", "Q:", "") in styled
    names = load_document(DATA / "names.md")
    assert ("strike", "verbatim", "") in {
        (s.kind, names.text[s.start : s.end], s.url) for s in names.spans
    }
    assert names.title == "Drawing letters by hand"


def test_markdown_bracketed_labels_are_lines_as_written(tmp_path: Path) -> None:
    """`[P1]: Yes.` reads like a link reference definition; it is a speaker's line, shown
    with its brackets, as is `[the mill]`."""
    lines = "Did you like [the mill]?\n\n[P1]: Yes.\n\n[the mill]: /closed\n"
    doc = load_text(tmp_path / "t.md", "**Interviewer:** " + lines)
    assert doc.text == "Interviewer: " + lines


def test_notes_record_the_source_format(tmp_path: Path) -> None:
    """The notes file's document meta says which format the text was made from."""
    doc = load_document(DATA / "zoom.vtt")
    assert doc.meta()["format"] == "webvtt"
    assert "format" not in load_document(DATA / "rev.txt").meta()
    session = Session.open(doc, None)
    assert session.notes.document["format"] == "webvtt"
    assert [seg.speaker for seg in session.segments][:2] == [MARIA, KENJI]


def test_json_export_has_turn_times() -> None:
    from reader.core.export.json_export import model_json

    session = Session.open(load_document(DATA / "teams.vtt"), None)
    turns = model_json(session)["turns"]
    end = len(f"{WEISS}: Good morning. Is the recording running?")
    assert turns[0] == {"speaker": WEISS, "start": 0, "end": end, "start_ms": 1020, "end_ms": 4660}
    assert model_json(session)["document"]["format"] == "webvtt"


def test_json_export_has_each_cue_and_each_passages_time(tmp_path: Path) -> None:
    """A script reading the JSON places a passage in the recording as the other exports
    and the margin do: its time, and when its first words are said."""
    from reader.core.export.json_export import model_json

    path = tmp_path / "talk.srt"
    path.write_text(
        "1\n00:00:02,000 --> 00:00:09,000\nBo: " + "In Porto, by the sea. " * 50 + "\n\n"
        "2\n00:00:30,000 --> 00:00:34,000\nWe moved to Lisbon later.\n",
        encoding="utf-8",
    )
    session = Session.open(load_document(path), None)
    text = session.document.text
    start = text.index("Lisbon")
    session.add_highlight(make_highlight(text, start, start + len("Lisbon")))
    data = model_json(session)
    moved = text.index("We moved")
    assert data["cues"] == [
        {"start": 4, "start_ms": 2_000, "end_ms": 9_000},
        {"start": moved, "start_ms": 30_000, "end_ms": 34_000},
    ]
    assert data["times"] == [{"start": 0, "ms": 2_000}, {"start": moved, "ms": 30_000}]
    (passage,) = data["highlights"]
    assert passage["time"] == "0:30" and 30_000 < passage["spoken_ms"] < 34_000
    plain = tmp_path / "plain.txt"
    plain.write_text("Q: Where?\n\nA: Porto.\n", encoding="utf-8")
    untimed = model_json(Session.open(load_document(plain), None))
    assert "times" not in untimed and "cues" not in untimed  # the shape it always had


def test_speaker_report_of_a_transcript() -> None:
    doc = load_document(DATA / "labels-variants.txt")
    report = speaker_report(doc.text, detect_segments(doc.text))
    assert not report.unsure
    by_name = {s.name: s for s in report.speakers}
    assert by_name["Interviewer 2"].variants == ("Interviewer2 2", "Interviewer 2")
    assert by_name["Interviewer 2"].turns == 2
    assert by_name["Participant 3"].first_words == "Yes, definitely. Sundays especially!"
    assert by_name["Participant 3"].role == A


def test_speaker_report_leaves_out_a_teams_name_with_a_comma() -> None:
    """Teams writes "<v Haddad, Leila>": the Speakers dialog's first words began with
    "Haddad, Leila:" for her, and without the label for everyone else."""
    doc = load_document(DATA.parent / "student" / "P02-teams.vtt")
    report = speaker_report(doc.text, detect_segments(doc.text, doc.turns))
    by_name = {s.name: s for s in report.speakers}
    assert by_name["Haddad, Leila"].first_words.startswith("Okay, the recording has started.")
    assert by_name["Amara Okonkwo"].first_words.startswith("A normal day starts at six.")


def test_unlabelled_cues_split_at_pauses() -> None:
    cues = [
        Cue("What brought you here?", 0, 1000),
        Cue("Work, at first.", 3000, 4000),
        Cue("Then the people", 4100, 5000),
        Cue("kept me here.", 5100, 6000),
    ]
    parsed = from_cues(cues, "srt", "x.srt")
    assert (
        parsed.text == "What brought you here?\n\nWork, at first. Then the people kept me here.\n"
    )
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [(0, 1000), (3000, 6000)]


def test_long_turn_is_split_into_paragraphs_of_one_turn() -> None:
    cues = [Cue("Speaker 1: Hello there."), *[Cue(f"Sentence number {i}.") for i in range(200)]]
    parsed = from_cues(cues, "srt", "x.srt")
    assert parsed.text.count("\n\n") > 2
    assert len(parsed.turns) == 1 and parsed.turns[0].end == len(parsed.text) - 1


def test_unpunctuated_captions_are_parted_into_paragraphs() -> None:
    """An hour of automatic captions has no full stop: paragraphs still come, between cues."""
    cues = [Cue(f"and then we walked to the market number {i}", i * 2000) for i in range(300)]
    parsed = from_cues(cues, "webvtt", "x.vtt")
    paragraphs = parsed.text.rstrip("\n").split("\n\n")
    assert len(paragraphs) > 5
    for paragraph in paragraphs:  # whole cues, none longer than it must be
        assert re.fullmatch(r"and then .* number \d+", paragraph)
        assert len(paragraph) < 2 * PARAGRAPH_CHARS + 50
    assert len(parsed.turns) == 1


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("00:00:01.5", 1500),
        ("1:02:03,250", 3723250),
        ("02:03", 123000),
        ("no", None),
        ("00:00:01:12", 1480),  # a typed timecode's frame, at 25 frames a second
        ("00:00:01:29", 1960),  # a 30 fps frame past 25: the second's last
    ],
)
def test_time_ms(text: str, ms: int | None) -> None:
    assert time_ms(text) == ms


# --- bad input --------------------------------------------------------------------------

BAD_FILES = {
    # Said as "has no cues: no timing line such as ...": what a subtitle file holds, in
    # its own words, and nothing of what to do with a meeting's transcript not made.
    "no-cues.vtt": (b"WEBVTT\n\nNOTE nothing else here\n", "holds no transcript: no words"),
    "header-only.vtt": (b"WEBVTT\n", "holds no transcript: no words .* download it again"),
    "bad-timing.vtt": (b"WEBVTT\n\n1\n00:00:xx.000 --> 00:00:02.000\nHi\n", "malformed cue timing"),
    "cut-after-id.vtt": (b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\n2\n", "looks cut off"),
    "cut-in-timing.vtt": (b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\n2\n00:0", "looks cut off"),
    "cut-at-arrow.vtt": (b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\n00:03.000 -->", "cut off"),
    "empty.vtt": (b"", "is empty"),
    "binary.vtt": (b"WEBVTT\n\n" + bytes(range(256)) * 4, "binary"),
    "no-header.vtt": (b"Hi\n00:00:01.000 --> 00:00:02.000\nHi\n", "does not start with WEBVTT"),
    # Found by a new user's hand-edited subtitles: "line 1 (“1”) is not a cue number and
    # timing" sent them to a line that was right.
    "bad-timing.srt": (
        b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n\n2\n00:00:03,000 -> 00:00:04,000\nHo\n",
        "line 7 .“00:00:03,000 -> 00:00:04,000”., under cue number 2, is not a timing",
    ),
    "cut-after-number.srt": (b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n", "cut off"),
    "cut-in-timing.srt": (
        b"1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:03,000 --> 00:0",
        "cut off",
    ),
    "empty.srt": (b"\n \n", "is empty"),
    "binary.srt": (b"1\n00:00:01,000 --> 00:00:02,000\n" + bytes(range(256)) * 4, "binary"),
    "prose.srt": (b"Just some prose, not subtitles.\n", "not valid SubRip"),
    "empty-cues.srt": (b"1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n", "no words"),
    "not-zip.docx": (b"This is plain text pretending to be Word.", "not a zip file"),
    "wrong-zip.docx": (b"", "has no word/document.xml"),
    "password.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "protected by a password"),
    "not-zip.odt": (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a zip file"),
    "broken.json": (b'{"segments": [}, "text": ""}', "not valid JSON"),
    "notes.json": (b'{"format": "interview-reader-notes"}', "not a Whisper transcript"),
    "bad-time.json": (b'{"segments": [{"start": "x", "end": 1, "text": "hi"}]}', "not a number"),
    "no-text.json": (b'{"segments": [{"start": 0, "end": 1}]}', "has no “text”"),
    "empty-whisper-cpp.json": (
        b'{"result": {"language": "en"}, "transcription": []}',
        "holds no transcript: no words .* transcribe it again",
    ),
    "bad-offset.json": (
        b'{"transcription": [{"offsets": {"from": "0", "to": 10}, "text": "hi"}]}',
        "not a number",
    ),
    "truncated.json": (b'{"segments": [{"start": 0, "end": 1, "text": "Hi"}, {"st', "cut off"),
    "empty.json": (b"", "is empty"),
    "binary.json": (bytes(range(256)) * 4, "binary"),
    "list-of-text.json": (b'["one", "two"]', "its list holds no segments"),
    "list-of-lists.json": (b'[[0.0, 2.5, " Hi."]]', "its list holds no segments"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_transcript_is_refused_clearly(tmp_path: Path, name: str) -> None:
    data, message = BAD_FILES[name]
    path = tmp_path / name
    if name == "wrong-zip.docx":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "not a document")
        data = buffer.getvalue()
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message) as info:
        load_document(path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "codec", "notice"),
    [
        ("windows.srt", "cp1252", "read as Western European (Windows-1252) text"),
        ("utf16.vtt", "utf-16-le", "read as Unicode (UTF-16) text"),  # no byte order mark
        ("utf16-bom.json", "utf-16", ""),
    ],
)
def test_subtitles_in_other_encodings(tmp_path: Path, name: str, codec: str, notice: str) -> None:
    """Read right, with a notice where the encoding was a guess."""
    texts = {
        ".srt": "1\n00:00:01,000 --> 00:00:02,000\nJosé: ¿Qué tal? “Bien”.\n",
        ".vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\nJosé: ¿Qué tal? “Bien”.\n",
        ".json": '{"segments": [{"start": 1, "end": 2, "text": "José: ¿Qué tal? “Bien”."}]}',
    }
    path = tmp_path / name
    path.write_bytes(texts[path.suffix].encode(codec))
    doc = load_document(path)
    assert doc.text == "José: ¿Qué tal? “Bien”.\n"
    assert notice in doc.notice and bool(notice) == bool(doc.notice)


def test_subtitle_that_is_not_the_utf16_it_says_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.srt"
    path.write_bytes(b"\xff\xfe" + "1\n00:00:01,000".encode("utf-16-le") + b"\x00\xdc")
    with pytest.raises(DocumentError, match=r"not valid Unicode \(UTF-16\) text"):
        load_document(path)


def test_odt_with_only_images_is_refused(tmp_path: Path) -> None:
    body = (
        '<text:p><draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/1.png"/>'
        "</draw:frame></text:p><text:p/>"
    )
    with pytest.raises(DocumentError, match="has no text"):
        load_document(write_odt(tmp_path / "pictures.odt", body))


def test_damaged_odt_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<office:document-content><unclosed>")
    with pytest.raises(DocumentError, match="damaged"):
        load_document(path)


def test_fifty_megabyte_srt_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.srt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: the size is what is checked
    with pytest.raises(DocumentError, match="50 MB; the limit"):
        load_document(path)


def test_big_srt_within_the_limit_loads(tmp_path: Path) -> None:
    """~40,000 cues (a three-hour meeting) load whole."""
    lines = []
    for i in range(40_000):
        s = i * 270
        stamp = f"{s // 3_600_000:02d}:{s // 60_000 % 60:02d}:{s // 1000 % 60:02d},{s % 1000:03d}"
        lines.append(f"{i + 1}\n{stamp} --> {stamp}\nSpeaker {i // 7 % 3}: words {i}.\n")
    path = tmp_path / "long.srt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = load_document(path)
    assert len(doc.turns) == 40_000 // 7 + 1
    assert doc.text.count("words") == 40_000


# --- the same file gives the same text --------------------------------------------------

# Text a transcript file can hold: no surrogates, controls or the non-characters U+FFFE and
# U+FFFF (XML, hence .docx and .odt, cannot carry them).
_WORDS = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
    ),
    min_size=1,
).filter(lambda t: t.strip())
_NAMES = st.sampled_from(["Ana", "Bo Li", "记者", "SPEAKER_00", "Zoë O'Neil", ""])
_CUES = st.lists(st.tuples(_NAMES, _WORDS), min_size=1, max_size=12)


def _srt(cues: list[tuple[str, str]]) -> str:
    return "".join(
        f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n"
        f"{name + ': ' if name else ''}{words.replace(chr(10), ' ')}\n\n"
        for i, (name, words) in enumerate(cues)
    )


def _vtt(cues: list[tuple[str, str]]) -> str:
    return "WEBVTT\n\n" + "".join(
        f"00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n<v {name or 'X'}>"
        f"{words.replace(chr(10), ' ')}\n\n"
        for i, (name, words) in enumerate(cues)
    )


def _json(cues: list[tuple[str, str]]) -> str:
    import orjson

    segments = [
        {"start": i, "end": i + 0.9, "text": words, **({"speaker": name} if name else {})}
        for i, (name, words) in enumerate(cues)
    ]
    return orjson.dumps({"segments": segments}).decode()


def _md(cues: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"**{name or 'Q'}:** {words}" for name, words in cues) + "\n"


def _otter(cues: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{name or 'Speaker 1'}  0:{i:02d}\n{w}" for i, (name, w) in enumerate(cues))


def _cpp_json(cues: list[tuple[str, str]]) -> str:
    import orjson

    segments = [
        {"offsets": {"from": i * 1000, "to": i * 1000 + 900}, "text": words, "speaker": name}
        for i, (name, words) in enumerate(cues)
    ]
    return orjson.dumps({"result": {"language": "en"}, "transcription": segments}).decode()


def _chunks_json(cues: list[tuple[str, str]]) -> str:
    import orjson

    chunks = [{"timestamp": [i, None], "text": words} for i, (_, words) in enumerate(cues)]
    return orjson.dumps({"text": "", "chunks": chunks}).decode()


WRITERS = {
    "srt": _srt,
    "vtt": _vtt,
    "json": _json,
    "cpp.json": _cpp_json,
    "chunks.json": _chunks_json,
    "md": _md,
    "txt": _otter,
}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cues=_CUES)
def test_same_file_gives_the_same_text(tmp_path: Path, suffix: str, cues) -> None:
    """Opening a transcript twice gives the same normalised text and turns, or the same
    DocumentError; turns lie inside the text."""
    path = tmp_path / f"t.{suffix}"
    path.write_text(WRITERS[suffix](cues), encoding="utf-8")
    try:
        first = load_document(path)
    except DocumentError as exc:
        with pytest.raises(DocumentError, match="^" + re.escape(str(exc)) + "$"):
            load_document(path)
        return
    again = load_document(path)
    assert (again.text, again.turns, again.spans) == (first.text, first.turns, first.spans)
    assert normalise(first.text) == first.text
    for turn in first.turns:
        assert 0 <= turn.start < turn.end <= len(first.text)
    for span in first.spans:
        assert 0 <= span.start < span.end <= len(first.text)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paragraphs=st.lists(st.tuples(_WORDS, st.integers(0, 12)), min_size=1, max_size=8))
def test_same_docx_gives_the_same_text(tmp_path: Path, paragraphs) -> None:
    clean = [(text.replace("\n", " "), min(bold, len(text))) for text, bold in paragraphs]
    path = write_docx(tmp_path / "t.docx", [(t, b) for t, b in clean if t.strip()] or [("x", 0)])
    try:
        first = load_document(path)
    except DocumentError:
        return
    assert load_document(path) == first
    assert normalise(first.text) == first.text


def test_json_export_of_plain_text_has_no_turns() -> None:
    from reader.core.export.json_export import model_json

    assert "turns" not in model_json(Session.open(load_document(DATA / "rev.txt"), None))


def test_a_word_transcripts_header_names_no_speaker(tmp_path: Path) -> None:
    """ "Date: …" under the title of a typed .docx was a speaker "Date" who answered."""
    path = write_docx(
        tmp_path / "P10.docx",
        [
            ("Interview P10 – Anaïs Lefèvre", 0),
            ("Date: 14 February 2024. Online (Zoom). Consent recorded.", 0),
            ("Emma Clarke: How did you come to volunteer?", 12),
            ("Anaïs Lefèvre: A friend took me along.", 14),
            ("Emma Clarke: And a shift?", 12),
            ("Anaïs Lefèvre: We unload the van.", 14),
        ],
    )
    document = load_document(path)
    segments = detect_segments(document.text, document.turns)
    assert [s.name for s in speaker_report(document.text, segments).speakers] == [
        "Emma Clarke",
        "Anaïs Lefèvre",
    ]
    assert segments[1].role is Role.INTRO


SCRIPTS = Path(__file__).parents[1] / "data" / "scripts"  # made for these tests (README)


def test_japanese_subtitles_have_speakers_and_no_spaces_between_cues() -> None:
    """A SubRip file in Japanese labels a turn "佐藤：" with no space after the full-width
    colon, as Japanese is written: each label starts a turn (before, the whole file was one
    paragraph of nobody's), and a turn's cues join without the space English puts between
    them ("始めました。毎朝"); an emoji keeps its space."""
    doc = load_document(SCRIPTS / "japanese.srt")
    check(
        doc,
        [
            (Q, "聞き手", "聞き手: 今日はありがとうございます。"),
            (A, "佐藤", "佐藤: 十六歳の時に、京都で始めました。毎朝五時に起きて"),
            (Q, "聞き手", "聞き手: 今でも"),
            (A, "佐藤", "佐藤: はい、ｶﾀｶﾅで書く"),
        ],
    )
    assert [(t.speaker, t.start_ms) for t in doc.turns] == [
        ("聞き手", 1000),
        ("佐藤", 4500),
        ("聞き手", 12500),
        ("佐藤", 15500),
    ]
    assert from_cues([Cue("I said 👋", 0, 1), Cue("🎉 Yes.", 1, 2)], "srt", "x").text == (
        "I said 👋 🎉 Yes.\n"
    )
    korean = from_cues([Cue("저는 학생", 0, 1), Cue("입니다.", 1, 2)], "srt", "x")
    assert korean.text == "저는 학생 입니다.\n"  # Korean puts spaces between words


def test_whisper_json_with_nan_and_infinity_opens(tmp_path: Path) -> None:
    """Found by the transcripts review: Python's json.dump (openai-whisper's, WhisperX's)
    writes NaN and -Infinity for a segment's scores; the file was refused as not JSON."""
    path = tmp_path / "nan.json"
    path.write_text(
        '{"text": "Hello there. How are you?", "segments": ['
        '{"start": 0.0, "end": 2.0, "text": " Hello there.", "avg_logprob": -Infinity,'
        ' "no_speech_prob": NaN},'
        '{"start": NaN, "end": 4.0, "text": " How are you?"}]}',
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.text.split() == ["Hello", "there.", "How", "are", "you?"]
    assert document.turns[0].start_ms == 0
    path.write_text('{"segments": [nonsense]}', encoding="utf-8")
    with pytest.raises(DocumentError, match="is not valid JSON"):
        load_document(path)


def test_whisper_json_with_half_an_emoji_opens_with_a_replacement_character(
    tmp_path: Path,
) -> None:
    """Found by the formats review: a segment cut inside an emoji ("\\ud83d" alone, as a
    tool that cuts by UTF-16 units writes) reached the text, whose hash then raised."""
    segments = [" We laughed \\ud83d", " then \\ud83d\\ude00 left \\ude00."]
    listed = ", ".join(
        f'{{"start": {n}, "end": {n + 1}, "text": "{t}"}}' for n, t in enumerate(segments)
    )
    document = load_text(tmp_path / "cut-emoji.json", f'{{"segments": [{listed}]}}')
    assert document.text == "We laughed \ufffd then 😀 left \ufffd.\n"
    assert document.sha256


def test_a_docx_whose_main_part_word_online_named_document2_opens(tmp_path: Path) -> None:
    """Found by the transcripts review: Word Online and SharePoint may name the main part
    word/document2.xml (Word, LibreOffice and python-docx open it); it was refused."""
    plain = write_docx(tmp_path / "plain.docx", [("Interviewer: How did it start?", 0)])
    renamed = tmp_path / "online.docx"
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(renamed, "w") as new:
        for info in old.infolist():
            data = old.read(info).replace(b"word/document.xml", b"word/document2.xml")
            data = data.replace(b"/document.xml", b"/document2.xml")
            new.writestr(info.filename.replace("document.xml", "document2.xml"), data)
    assert "word/document.xml" not in zipfile.ZipFile(renamed).namelist()
    assert load_document(renamed).text == load_document(plain).text


def docx_with_parts_changed(path: Path, changed: dict[str, tuple[bytes, bytes]]) -> Path:
    """A Word document whose parts (by name) have one pattern replaced."""
    plain = write_docx(path.with_name("plain.docx"), [("Interviewer: How did it start?", 0)])
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename in changed:
                pattern, replacement = changed[info.filename]
                data = re.sub(pattern, replacement, data)
            new.writestr(info, data)
    return path


def test_a_docx_with_an_empty_creation_date_opens(tmp_path: Path) -> None:
    """Found by the formats review: some generators write an empty dcterms:created, and
    python-docx's date reader raised TypeError out of the opening."""
    path = docx_with_parts_changed(
        tmp_path / "empty-date.docx",
        {"docProps/core.xml": (rb"(<dcterms:created[^>]*>)[^<]*", rb"\1")},
    )
    document = load_document(path)
    assert document.text == "Interviewer: How did it start?\n" and document.created == ""


@pytest.mark.parametrize(
    "changed",
    [
        {"word/document.xml": (rb"wordprocessingml/2006/main", rb"wordprocessingml/2099/x")},
        {"word/_rels/document.xml.rels": (rb' Target="[^"]*"', rb"")},
    ],
    ids=["document in another namespace", "a link with no target"],
)
def test_a_docx_python_docx_cannot_read_is_damaged(
    tmp_path: Path, changed: dict[str, tuple[bytes, bytes]]
) -> None:
    """Found by the formats review: python-docx's own errors (AttributeError, TypeError)
    on parts it does not expect came out of the opening as tracebacks."""
    path = docx_with_parts_changed(tmp_path / "odd.docx", changed)
    with pytest.raises(DocumentError, match="is damaged"):
        load_document(path)


def test_a_docx_symbol_inserted_by_word_is_kept_between_its_words(tmp_path: Path) -> None:
    """Found by the formats review: Insert ▸ Symbol (w:sym) was left out, gluing the
    words either side; Symbol's Greek and Wingdings' ticks read as Unicode, another
    symbol as kept (the font's own character), a broken code as U+FFFD."""
    symbols = "".join(
        f'<w:r><w:t xml:space="preserve"> {word} </w:t></w:r>'
        f'<w:r><w:sym w:font="{font}" w:char="{code}"/></w:r>'
        for word, font, code in [
            ("alpha", "Symbol", "F061"),
            ("tick", "Wingdings", "F0FC"),
            ("other", "Webdings", "F021"),
            ("broken", "Symbol", "D800"),
        ]
    )
    path = docx_with_parts_changed(
        tmp_path / "symbols.docx",
        {
            "word/document.xml": (
                rb"<w:r><w:t>Interviewer: How did it start\?</w:t></w:r>",
                symbols.encode(),
            )
        },
    )
    assert load_document(path).text == "alpha α tick ✔ other \uf021 broken \ufffd\n"


WORDS = ["yes", "Porto.", "始めました。", "毎朝", "🎬", "مرحبا", "e\u0301"]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "Ana", "Bo"]),
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_each_timed_cue_is_found_at_its_words(spoken: list[tuple[str, list[str]]]) -> None:
    """Document.cues, which the recording follows inside a turn, hold the place of each
    cue's words in the text: after a label, across paragraphs, where Chinese and Japanese
    cues join without a space."""
    cues = [
        Cue(" ".join(words), 1_000 * i, 1_000 * i + 800, speaker)
        for i, (speaker, words) in enumerate(spoken)
    ]
    parsed = from_cues(cues, "srt", "talk.srt")
    assert [ms for _, ms, _ in parsed.cues] == [cue.start_ms for cue in cues]
    for (place, _, end_ms), cue in zip(parsed.cues, cues, strict=True):
        assert parsed.text.startswith(clean(cue.text), place) and end_ms == cue.end_ms
    turns = {turn.start_ms: turn for turn in parsed.turns}
    for place, ms, _ in parsed.cues:  # a turn's first cue starts after its label alone
        if ms in turns:
            assert parsed.text[turns[ms].start : place] in ("", f"{turns[ms].speaker}: ")


def test_labelled_paragraphs_ending_in_a_time_are_no_otter_headers(tmp_path: Path) -> None:
    """A typist's time at each paragraph's end, after two spaces: the lines were taken for
    Otter's "Name  0:03" headers, whole sentences for names, and the text rewritten."""
    lines = [
        "Interviewer: Did you go to the meeting?  0:40",
        "Ana: Yes.  0:45",
        "Interviewer: Who else was there?  0:51",
        "Ana: The whole union committee, and the manager from the second plant.  1:05",
    ]
    text = "\n\n".join(lines) + "\n"
    doc = load_text(tmp_path / "typed.txt", text)
    assert doc.text == text  # as the file has it
    japanese = "インタビュアー：会議に行きましたか？  0:40\n\nアナ：はい。  0:45\n"
    assert load_text(tmp_path / "japanese.txt", japanese).text == japanese
    check(
        doc,
        [
            (Role.QUESTION, "Interviewer", "Interviewer: Did"),
            (Role.ANSWER, "Ana", "Ana: Yes."),
            (Role.QUESTION, "Interviewer", "Interviewer: Who"),
            (Role.ANSWER, "Ana", "Ana: The whole"),
        ],
    )


@pytest.mark.parametrize(
    ("name", "data", "format"),
    [
        ("renamed.vtt", "1\n00:00:01,000 --> 00:00:02,000\nAna: Hi.\n", "srt"),
        ("unnumbered.vtt", "00:00:01.000 --> 00:00:02.000\nAna: Hi.\n", "srt"),
        ("renamed.srt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>Hi.\n", "webvtt"),
        # as .txt (found by the formats review: read as prose, its timings as words)
        ("subrip.txt", "1\n00:00:01,000 --> 00:00:02,000\nAna: Hi.\n", "srt"),
        ("webvtt.txt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>Hi.\n", "webvtt"),
    ],
)
def test_subtitles_named_with_the_other_suffix_are_read_as_what_they_are(
    tmp_path: Path, name: str, data: str, format: str
) -> None:
    """Converted by renaming, as many do: SubRip saved as .vtt, WebVTT as .srt."""
    doc = load_text(tmp_path / name, data)
    assert (doc.format, doc.text, doc.cues) == (format, "Ana: Hi.\n", ((5, 1000, 2000),))


def test_a_word_processor_files_title_or_first_heading_names_it(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Interview 4 — Zoë", level=0)  # Word's Title style
    word.add_paragraph("Interviewer: Where were you born?")
    word.add_paragraph("Zoë: In Lyon.")
    word.save(str(tmp_path / "zoe.docx"))
    body = '<text:h text:outline-level="1">Interview 4 — Zoë</text:h>'
    body += "<text:p>Interviewer: Where were you born?</text:p><text:p>Zoë: In Lyon.</text:p>"
    odt = write_odt(tmp_path / "zoe.odt", body)
    for path in (tmp_path / "zoe.docx", odt):
        assert load_document(path).title == "Interview 4 — Zoë"
    untitled = write_docx(tmp_path / "p01_ana.docx", [("Interviewer: Hello?", 0)])
    assert load_document(untitled).title == "P01 Ana"


def test_a_markdown_list_of_labelled_turns_reads_as_turns(tmp_path: Path) -> None:
    """Call notes kept as a list ("- **P3:** About a year."): P3 is a speaker, the items
    turns without their bullets; a list of other items stays a list."""
    text = "# Call notes\n\n- **Interviewer:** How long?\n- **P3:** About a year.\n"
    text += "- **Interviewer:** And before?\n- **P3:** Paper.\n\n"
    text += "Things to follow up:\n\n- the budget\n- Note: ask about sync\n\n"
    text += "- Interviewer: Jane Doe\n- Date: 3 May\n"  # fields, each said once
    doc = load_text(tmp_path / "call.md", text)
    assert "Interviewer: How long?\n\nP3: About a year." in doc.text
    assert "• the budget\n\n• Note: ask about sync" in doc.text
    assert "• Interviewer: Jane Doe\n\n• Date: 3 May" in doc.text
    roles = [(s.role, s.speaker) for s in detect_segments(doc.text, doc.turns, doc.spans)]
    assert roles[1:5] == [(Role.QUESTION, "Interviewer"), (Role.ANSWER, "P3")] * 2


def test_srt_times_with_frames_are_read_at_a_frame_rate_and_said(tmp_path: Path) -> None:
    """Timecodes with frames, as video subtitling tools write them: `srt` read the frame
    number as milliseconds (12 frames as 12 ms), each time up to a second early, unsaid."""
    doc = load_text(
        tmp_path / "frames.srt",
        "1\n00:00:01:12 --> 00:00:04:00\nHello there.\n\n"
        "2\n00:00:05:05 --> 00:00:08:24\nSecond one.\n",
    )
    assert [(start, end) for _, start, end in doc.cues] == [(1480, 4000), (5200, 8960)]
    assert "read at 25 frames a second" in doc.notice
    thirty = load_text(tmp_path / "ntsc.srt", "1\n00:00:01:29 --> 00:00:02:00\nHi.\n")
    assert thirty.cues[0][1] == 1966 and "30 frames" in thirty.notice


def test_a_cues_words_ending_in_four_numbers_are_no_frames(tmp_path: Path) -> None:
    doc = load_text(
        tmp_path / "words.srt", "1\n00:00:01,000 --> 00:00:02,000\nThe code is 10:20:30:40\n"
    )
    assert doc.text.strip().endswith("10:20:30:40") and not doc.notice


@pytest.mark.parametrize("written", ["*e*&#769;", "**e**&#x301;", "e&#769;", "`e`&#769;"])
def test_a_markdown_accent_after_a_mark_composes_with_its_letter(written: str) -> None:
    """Each piece between marks was normalised alone: "*e*&#769;" stayed "e" and a
    combining accent, the only text not in NFC, which search and quotes did not find."""
    from reader.core.transcripts import markdown

    parsed = markdown.parse(f"**Q:** Caf{written} noir?\n\n**A:** Oui.\n", "t.md")
    assert "Café noir?" in parsed.text
    assert unicodedata.is_normalized("NFC", parsed.text)


@pytest.mark.parametrize(
    "text",
    [
        "[length: 45 minutes]\nInterviewer: How did it start?\nAna: At the market.\n",
        "[re: second interview with Ana]\nInterviewer: How?\nAna: Fine.\n",
    ],
)
def test_a_text_opening_with_a_note_like_a_lyrics_tag_is_its_text(
    tmp_path: Path, text: str
) -> None:
    """A typed transcript whose first line is a note in brackets such as "[length: 45
    minutes]" was taken for whisper.cpp's lyrics and refused ('line 2 … is not a time');
    it opened as its text before, and does again: lyrics' tags come above timed lines."""
    doc = load_text(tmp_path / "p01.txt", text)
    assert (doc.format, doc.text) == ("text", text)


def test_a_whisper_table_with_its_times_in_seconds_keeps_them(tmp_path: Path) -> None:
    """Whisper's segments written from a script (pandas' to_csv of "start", "end", "text")
    give their times in seconds: such a .csv opened as its text before whisper_table, and
    was then refused ('line 2 is not a row of times in milliseconds'). A time with a
    decimal point is in seconds; a whole one stays milliseconds, as the tools write it."""
    doc = load_text(tmp_path / "p01.csv", "start,end,text\n0.0,4.2, Hello there.\n4.25,6.0, Yes.\n")
    assert [cue[1:] for cue in doc.cues] == [(0, 4200), (4250, 6000)]
    assert doc.text.split() == ["Hello", "there.", "Yes."]
