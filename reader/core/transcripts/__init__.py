"""Transcripts in the shapes researchers get them, turned into plain text of turns.

Each module reads one kind of file (imported by reader.core.document only when such a
file is opened) and gives a `Parsed`: `Name: speech` paragraphs separated by blank lines,
so that structure detection reads the labels, and the turns with their times. Cue
numbers, timing lines and markup are not part of the text.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from reader.core.document import CueTime, DocumentError, EmptyTranscriptError, Span, Turn, normalise
from reader.core.interview import (
    Label,
    capitalised,
    format_ms,
    is_note_word,
    is_notice,
    label_at,
    part_titles,
    read_labels,
    speaker_key,
)
from reader.core.shorten import wide

# A new paragraph inside one long turn once it is this long and a sentence ends.
PARAGRAPH_CHARS = 1000
UNPUNCTUATED_CHARS = 2 * PARAGRAPH_CHARS  # ... or at a cue's end where no sentence ends
# Cues of nobody in particular (no labels at all) start a new paragraph at a sentence end
# after a pause this long: without names, a pause is the best sign of a new turn.
UNLABELLED_PAUSE_MS = 1500
# Before and after a question, a shorter pause will do: the words after one are most
# often its answer (a Whisper file without speakers read an interview as one paragraph).
QUESTION_PAUSE_MS = 500
_STOPS = (".", "?", "!", "…", "。", "？", "！")
_SENTENCE_END = (*_STOPS, '"', "”", "’", "»", ")")
_QUESTION_MARKS = ("?", "？")
# "Display Name: " at the start of a subtitle cue (Zoom writes one in every cue). Looser
# than a label in running text: display names hold brackets, slashes, digits. Chinese and
# Japanese write the full-width colon with no space after it ("佐藤：はい").
# WhisperX's subtitles write "[SPEAKER_00]: " (read as "SPEAKER_00: "). Zoom's display
# names run long with an affiliation and pronouns: one said on many cues may be longer.
# A cue of a name alone ("Maria Garcia:", its words gone) names its speaker too.
_CUE_LABEL_RE = re.compile(r"(?P<name>[^\s:：<>\[\]][^:：\n]{0,79}?)\s*(?::(?:[ \t]+|$)|：[ \t]*)")
_BRACKETED_CUE_LABEL_RE = re.compile(r"\[([^\[\]\n:：]{1,48})\]:[ \t]+")
_CUE_LABEL_MAX_WORDS = 6
_SMPTE_RE = re.compile(r"^(\d{1,2}:\d{2}:\d{2})[:;]\d{2}$")  # hh:mm:ss:ff, ";" drop-frame
_REPEATED_CUE_LABEL_MAX_WORDS = 12
# A name ending in a title's full stop ("Kwame Mensah, Ph.D.", "Jane Doe M.D."), which
# a sentence's end is not.
_TITLE_END_RE = re.compile(r"(?:,\s*[A-Z][A-Za-z]{0,3}|\b[A-Z][a-z]{0,2})\.(?:[A-Z][a-z]{0,2}\.)*$")
# A file labels every cue when this share of its cues start "Words: ", this share are
# labels by the usual rules (a name said twice, or that looks like one), and it has
# this many cues at least.
_EVERY_CUE_PREFIXED, _EVERY_CUE_LABELLED, _EVERY_CUE_MIN = 0.95, 0.75, 4
# A file names most cues' speakers (by the usual rules, or its voice spans) when it names
# this share of them: there a name said once in lower case is a speaker too (`_lone_name`).
_MOST_CUES_NAMED = 0.5
_WORD_RE = re.compile(r"[^\W\d_]+")
_BOLD_NAMES = 3  # paragraphs opening with a bold name that make bold names speakers
# Bold paragraphs alone are names on their own lines where this share of them recur.
_ALONE_RECUR_SHARE = 0.5
_COLONS = frozenset(":：")
MAX_XML_BYTES = 256 * 2**20  # unpacked XML of a .docx or .odt; refuses a zip bomb
# Where this share of the cues (and at least _ROLLING_MIN) begin with the last lines of
# the cue before, the captions roll: each line stands again above the next one's words.
_ROLLING_SHARE = 0.4
_ROLLING_MIN = 3
# A dialogue dash opening a line, or the chevrons that broadcast captions (CEA-608, and
# Rev's and 3Play's made to match) put where the speaker changes (">> AMAL: Since 2015.").
_DASH_RE = re.compile(r"^[ \t]*(?:[-–]|>>>?)[ \t]+(?=\S)", re.MULTILINE)
_INNER_DASH_RE = re.compile(r"(?<=[.!?…])[ \t]+[-–][ \t]+(?=\S)")  # see _dialogue
_TIME_RE = re.compile(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?::(\d{2})|[.,](\d{1,3}))?")
FRAMES_PER_SECOND = 25  # of a typed timecode's frame number ("00:00:01:12"), as SubRip's
# QualCoder's stamps with dots: its default "00.01.23" (hours, minutes, seconds) and "83.05"
# (minutes, seconds). Only a paragraph that is such a stamp alone gives one (interview.py).
_DOTTED_TIME_RE = re.compile(r"(?:(\d{1,2})\.)?(\d{1,4})\.(\d{2})")
_CUE_TIME_RE = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})")
# "Jane Doe  0:03" or "Speaker 1  1:02:03" on a line of its own above the speech: Otter's
# and Teams' (.docx) header of a turn, a name, two or more spaces and a time. Teams' text
# copied from its transcript pane has one space ("Jane Doe 0:03"): then the name must look
# like one (no colon, few words), as a line of prose ending in a time seldom does.
_HEADER_RE = re.compile(
    r"(?P<name>\S[^\n]{0,60}?)(?P<gap>[ \t]+)(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})[ \t]*"
)
# What a name before a time does not hold: a label and its speech ("Ana: Yes.  0:45",
# "アナ：はい。  0:45", a typist's time at each paragraph's end), or a sentence's end ("the
# meeting?  0:40"); a full stop after a word of four letters or more ("Jr." and "Dr."
# end names).
_SPEECH_BEFORE_TIME = re.compile(r":\s|：|[?!…？！。]$|\w{4}\.$")
_HEADER_SHARE = 0.2  # of the lines: where headers are this common, they alone are labels
_HOUR_MS = 3_600_000
_DAY_MS = 24 * _HOUR_MS


@dataclass(frozen=True)
class Parsed:
    """What a transcript reader gives: normalised text and what the file said about it."""

    text: str
    format: str
    turns: tuple[Turn, ...] = ()
    spans: tuple[Span, ...] = ()
    title: str = ""  # "" lets the loader name the document after the file
    encoding: str = ""  # of the text inside a binary file (.docx, .odt)
    created: str = ""  # YYYY-MM-DD a Word document's properties give (Document.created)
    cues: tuple[CueTime, ...] = ()  # Document.cues
    notice: str = ""  # how the file was read, for the user (Document.notice)


@dataclass(frozen=True)
class Cue:
    """One subtitle cue or recognised segment. `speaker` is "" when the file gives none
    outside the text (a voice span or a JSON field gives one); `turn` is true where
    someone else speaks, though the file does not say who (a subtitle's dash);
    `paragraph` where the words go on in a paragraph of their own; `marked` where the
    file underlines one of its words (see `marked_at`), else -1."""

    text: str
    start_ms: int | None = None
    end_ms: int | None = None
    speaker: str = ""
    turn: bool = False
    paragraph: bool = False  # words after a blank line in a cue: a new paragraph of the turn
    marked: int = -1


@dataclass(frozen=True)
class TextStyles:
    """The names of a word-processor file's styles that make text bold, of those that
    hide it (Word's "Hidden", Writer's hidden character), and of the paragraph styles of
    headings with their level (Word's "Title" and "Heading 2": 1 and 2)."""

    bold: frozenset[str]
    hidden: frozenset[str]
    headings: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Para:
    """One paragraph of a word-processor file; `bold` is the length of its leading bold
    run, `heading` its level as a heading (0 for none)."""

    text: str
    bold: int = 0
    heading: int = 0


def time_ms(text: str) -> int | None:
    """Milliseconds of "1:02:03.5", "02:03", "00:01:23,450", a timecode with its frame
    ("00:01:23:12", at 25 frames a second) or QualCoder's "00.01.23"; None when not a
    time."""
    match = _TIME_RE.search(text)
    if match is None:
        dotted = _DOTTED_TIME_RE.fullmatch(text)
        if dotted is None:
            return None
        hours, minutes, seconds = dotted.groups()
        return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000
    hours, minutes, seconds, frame, fraction = match.groups()
    ms = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000
    if frame:  # a frame number past the rate (a 30 fps timecode's) is the second's last
        return ms + min(int(frame), FRAMES_PER_SECOND - 1) * 1000 // FRAMES_PER_SECOND
    return ms + (int(fraction.ljust(3, "0")) if fraction else 0)


def cue_time_ms(text: str, teams: bool = False) -> int:
    """Milliseconds of a time in a cue's timing, "00:01:02.500" or "01:02.5" (a decimal
    fraction: 62.5 s). In a file of Teams' (`teams_times`) the fraction is milliseconds
    written unpadded, as its fields are: its "0:1:2.50" is 62.050 s."""
    if len(text) == 12 and text[2] == text[5] == ":":  # "00:01:02.500", as most write it
        seconds = (int(text[:2]) * 60 + int(text[3:5])) * 60 + int(text[6:8])
        return seconds * 1000 + int(text[9:])
    match = _CUE_TIME_RE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a cue time: {text!r}")
    hours, minutes, seconds, fraction = match.groups()
    ms = int(fraction) if teams else int(fraction.ljust(3, "0"))
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + ms


def teams_times(times: Iterable[str]) -> bool:
    """Whether cue times are written as Teams' meeting API writes them, a minutes or
    seconds field unpadded ("0:0:4.90"), as no other tool does: then its unpadded
    fractions are milliseconds. Decided for a whole file: one time ("0:00:01.50") cannot
    tell, and the file's first ("0:0:0.0") does."""
    for text in times:
        if len(text) == 12 and text[2] == text[5] == ":":  # padded: the quick look first
            continue
        match = _CUE_TIME_RE.fullmatch(text)
        if match and (len(match[3]) == 1 or (match[1] is not None and len(match[2]) == 1)):
            return True
    return False


def clean(text: str) -> str:
    """One line of normalised text: line ends and runs of spaces become one space.

    No-break spaces (U+00A0, `&nbsp;`; U+202F in French typography) become plain ones too,
    on purpose: cues are reflowed into paragraphs, so keeping a line unbroken matters
    little, while search matches the query literally (a typed "40 €" would miss "40\xa0€")
    and highlights anchor to this text exactly (changing it would move or orphan those of
    existing notes). A plain .txt is never cleaned so: its text is the file's."""
    return joined(normalise(text).split())


def joined(pieces: Iterable[str]) -> str:
    """Lines or cues as one line: a space between two, but none between Chinese or
    Japanese ones, which write none between words or sentences ("始めました。毎朝")."""
    pieces = list(pieces)
    line = " ".join(pieces)  # as joined_at does, without counting places (every cue's lines)
    if _MAY_BE_SPACELESS_RE.search(line) is None:  # no wide letter: each space stays
        return line
    return joined_at(pieces)[0]


def joined_at(pieces: Sequence[str]) -> tuple[str, list[int]]:
    """`joined(pieces)`, and where in it each piece starts."""
    line = " ".join(pieces)
    if _MAY_BE_SPACELESS_RE.search(line) is None:
        return line, list(itertools.accumulate((len(p) + 1 for p in pieces[:-1]), initial=0))
    out: list[str] = []
    starts, length = [], 0
    for piece in pieces:
        if out and not (_spaceless(out[-1][-1]) and _spaceless(piece[0])):
            out.append(" ")
            length += 1
        starts.append(length)
        out.append(piece)
        length += len(piece)
    return "".join(out), starts


# Every character `_spaceless` may hold so (tests/core/test_transcripts.py checks each):
# a line without one keeps each space. Typographic quotes and dashes (U+2018-U+201D,
# U+2014), in most transcripts, come before them: a test of the line's largest character
# against U+1100 sent nearly every cue's words through the loop, word by word: a sixth of
# the time of reading a Zoom .vtt.
_MAY_BE_SPACELESS_RE = re.compile("[\u2329\u232a\u2e80-\U0010ffff]")


def _spaceless(char: str) -> bool:
    """A wide letter or punctuation mark (CJK, kana, "。"), not a wide emoji, nor Korean's
    Hangul, written with spaces between words."""
    return wide(char) and unicodedata.category(char)[0] in "LP" and _HANGUL.match(char) is None


_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")


def from_cues(cues: Sequence[Cue], format: str, name: str) -> Parsed:
    """The text of turns of timed cues: one speaker's consecutive cues join into one turn.

    A cue without a speaker takes a "Name: " label at its start (in a file that names
    most cues' speakers, a name said once in lower case too: `_lone_name`), else continues
    the turn before it (subtitle tools label only a turn's first cue). Each timed cue's
    place in the text and its times go to `Parsed.cues`: the recording follows a long turn
    by them.
    """
    if not cues:
        raise EmptyTranscriptError(
            f"{name} holds no transcript: no words with their times. The recording may be "
            "silent, or the transcription stopped: transcribe it again."
        )
    parts = [part for cue in cues for part in _dialogue(cue)]
    speaking = _speaking(parts)
    cues = [turn for part in parts for turn in _labelled_lines(part, speaking)]
    texts = [_BRACKETED_CUE_LABEL_RE.sub(r"\1: ", clean(cue.text), count=1) for cue in cues]
    if not any(texts):
        raise EmptyTranscriptError(
            f"{name} holds no transcript: its times have no words under them."
        )
    prefixes = [
        None if cue.speaker else _CUE_LABEL_RE.match(t) for cue, t in zip(cues, texts, strict=True)
    ]
    counts = Counter(speaker_key(m["name"]) for m in prefixes if m)
    prefixed = [(m["name"], t) for m, t in zip(prefixes, texts, strict=True) if m]
    labelled = [_is_cue_label(name, counts, t, shaped=False) for name, t in prefixed]
    # Zoom labels every cue: there a name said once, in lower case ("maria g"), is one too.
    every_cue = (
        len(cues) >= _EVERY_CUE_MIN
        and len(labelled) >= _EVERY_CUE_PREFIXED * len(cues)
        and sum(labelled) >= _EVERY_CUE_LABELLED * len(cues)
    )
    named = sum(_is_cue_label(name, counts, t) for name, t in prefixed) + sum(
        bool(cue.speaker) for cue in cues
    ) >= _MOST_CUES_NAMED * len(cues)
    said = _SaidWords(texts, prefixes)
    builder = _Builder()
    speaker = ""
    previous: Cue | None = None
    waiting: tuple[str, int | None, bool] | None = None  # a speaker named with no words
    for cue, text, prefix in zip(cues, texts, prefixes, strict=True):
        new_speaker = cue.speaker
        typed = prefix is not None and (
            _is_cue_label(prefix["name"], counts, text, every_cue)
            or (named and _lone_name(prefix["name"], counts, text, said))
        )
        if typed:
            new_speaker, text = prefix["name"].strip(), text[prefix.end() :]
        if new_speaker and not text and (new_speaker != speaker or cue.turn):
            # A cue of a name and no words (Zoom's "Maria Garcia: ", an empty segment
            # WhisperX names, Teams' `<v Bo></v>`): the speaker of the words after it, if
            # they name nobody else. A turn of its own, "Bo:" alone, cut the one around it.
            waiting = (new_speaker, cue.start_ms, typed)
            continue
        start_ms = cue.start_ms
        if waiting is not None:
            if not new_speaker and not cue.turn:
                new_speaker, typed = waiting[0], waiting[2]
            if new_speaker == waiting[0]:
                start_ms = waiting[1]
            waiting = None
        if new_speaker and (new_speaker != speaker or cue.turn):
            speaker = new_speaker
            builder.turn(speaker, start_ms, typed)
            builder.add(f"{speaker}:")
        elif cue.turn:
            speaker = ""
            builder.turn("", cue.start_ms)
        elif previous is None or (not speaker and _pause(previous, cue, builder)):
            builder.turn("", cue.start_ms)
        elif (
            cue.paragraph
            or builder.unpunctuated()
            or (builder.long_paragraph() and builder.ends_sentence())
        ):
            builder.paragraph()
        builder.add_cue(text, cue.start_ms, cue.end_ms)
        previous = cue
    return builder.parsed(format)


def marked_at(markup: str) -> int:
    """Where a cue's markup underlines one word (`Cue.marked`): openai-whisper and WhisperX,
    asked to `--highlight_words`, write each subtitle again for each of its words, from
    when that word is said, with it alone underlined ("How <u>did</u> it start?"), and
    again whole where a pause comes between two words. -1 when none is, or more are."""
    at = markup.find("<u>")
    return at if at >= 0 and markup.find("<u>", at + 1) < 0 else -1


def unrolled(cues: Sequence[Cue]) -> Sequence[Cue]:
    """Subtitles that roll (YouTube's automatic captions, and subtitles made from them)
    without the lines each cue repeats from the one before: its first lines are the last
    lines of that cue, and the 10 ms cue between two, of only those, adds nothing but
    time. A cue written twice over (same words, same times) is read once, and a subtitle
    written again for each of its words, each underlined in turn (`marked_at`), once, for
    all their times: read so, its words stood in the text once for each of them. Other
    repeated cues are said again ("No." "No."), so kept; Whisper's segments are left as
    they are."""
    cues = _unmarked(cues)
    cues = [cue for i, cue in enumerate(cues) if not (i and _doubled(cues[i - 1], cue))]
    least = max(_ROLLING_MIN, _ROLLING_SHARE * len(cues))
    texts = [cue.text.strip() for cue in cues]
    # Only a cue of more lines than it repeats, or a brief one between two, tells that
    # captions roll: short cues said again ("No." "No.") do not.
    telling = ["\n" in text or _transition(cue) for cue, text in zip(cues, texts, strict=True)]
    # A quick count first (most files do not roll): a cue whose first line ends the last.
    pairs = zip(texts, texts[1:], telling[1:], strict=False)
    if sum(tells and old.endswith(now.partition("\n")[0]) for old, now, tells in pairs) < least:
        return cues
    # The text is normalised already: spaces are all that may differ.
    shown = [[w for line in text.split("\n") if (w := " ".join(line.split()))] for text in texts]
    repeated = [0] + [_repeated(before, now) for before, now in itertools.pairwise(shown)]
    if sum(bool(old) and tells for old, tells in zip(repeated, telling, strict=True)) < least:
        return cues
    unrolled: list[Cue] = []
    for cue, lines, old in zip(cues, shown, repeated, strict=True):
        if old < len(lines):
            unrolled.append(replace(cue, text="\n".join(lines[old:])) if old else cue)
        elif not _transition(cue):
            unrolled.append(cue)
        elif unrolled:
            unrolled[-1] = replace(unrolled[-1], end_ms=cue.end_ms)
    return unrolled


def _unmarked(cues: Sequence[Cue]) -> Sequence[Cue]:
    """The cues with each subtitle written again for each of its words (`marked_at`) as
    one: a cue of the words of the one before, from when it ends, that underlines a word
    further on, or none (a pause between two words), is that cue going on. A subtitle
    of the same words said again starts at its first word, so stays."""
    if all(cue.marked < 0 for cue in cues):
        return cues
    joined: list[Cue] = []
    for cue in cues:
        before = joined[-1] if joined else None
        if before is not None and _goes_on(before, cue):
            marked = max(cue.marked, before.marked)
            joined[-1] = replace(before, end_ms=cue.end_ms, marked=marked)
        else:
            joined.append(cue)
    return joined


def _goes_on(before: Cue, cue: Cue) -> bool:
    """Whether `cue` is the subtitle `before` written again for a word further on."""
    if max(before.marked, cue.marked) < 0 or 0 <= cue.marked <= before.marked:
        return False
    return (cue.text, cue.speaker, cue.start_ms) == (before.text, before.speaker, before.end_ms)


def _doubled(before: Cue, cue: Cue) -> bool:
    """Whether a cue is the one before written again, as some caption downloads have them
    (not words after a blank line in a cue, which are the cue's times too)."""
    return not cue.paragraph and cue == before


def _transition(cue: Cue) -> bool:
    """Whether a cue is rolling captions' brief one between two (10 ms in YouTube's)."""
    return cue.start_ms is not None and cue.end_ms is not None and cue.end_ms - cue.start_ms <= 50


def _repeated(before: list[str], now: list[str]) -> int:
    """How many of the first lines of `now` are the last lines of `before`."""
    return next((n for n in range(min(len(now), len(before)), 0, -1) if now[:n] == before[-n:]), 0)


def _dialogue(cue: Cue) -> list[Cue]:
    """The cue, one for each line that opens with a dash: subtitles mark so the lines of
    a short exchange ("- Were you there?" "- Yes."), one speaker's each. The cue's speaker
    (a voice span, a channel) is the first line's: who says the others, it does not say.
    In a cue that opens with a dash, a dash after a sentence's end on the same line opens
    another's words too: Whisper writes a quick exchange as one line, " - Yes, until I was
    18. - And then?"."""
    if _DASH_RE.search(cue.text) is None:
        return [cue]
    text = cue.text
    if _DASH_RE.match(text):
        text = _INNER_DASH_RE.sub("\n- ", text)
    parts: list[Cue] = []
    for line in text.split("\n"):
        dash = _DASH_RE.match(line)
        if dash is not None or not parts:
            text = line[dash.end() :] if dash else line
            speaker = "" if parts else cue.speaker
            parts.append(replace(cue, text=text, speaker=speaker, turn=cue.turn or bool(dash)))
        else:
            parts[-1] = replace(parts[-1], text=f"{parts[-1].text}\n{line}")
    return parts


def _labelled_lines(cue: Cue, speaking: Callable[[], set[str]]) -> list[Cue]:
    """The cue, one for each line that opens with another speaker's label, when its first
    line has one too or the file names its speaker ("Interviewer: How are you?" over
    "Amal: Fine."): one cue of two speakers gave the second one's words to the first. The
    later ones start at the cue's start: the file times no more finely. A label there
    must be one of the file's `speaking` names: a cue's speech wraps over lines, and a
    wrapped "Remember: family first." was taken for a speaker "Remember"."""
    lines = cue.text.split("\n")
    if len(lines) < 2 or not (cue.speaker or _speaker_label(lines[0])):
        return [cue]
    parts, first = [], 0
    for i, line in enumerate(lines[1:], 1):
        if (name := _speaker_label(line)) and speaker_key(name) in speaking():
            parts.append("\n".join(lines[first:i]))
            first = i
    if not parts:
        return [cue]
    parts.append("\n".join(lines[first:]))
    rest = (replace(cue, text=text, speaker="", turn=False, paragraph=False) for text in parts[1:])
    return [replace(cue, text=parts[0]), *rest]


def _speaker_label(line: str) -> str:
    """The name of the speaker's label `line` opens with by the usual rules, not a note's;
    "" for none."""
    label = label_at(line.strip())
    return label.name if label is not None and not is_note_word(label.name) else ""


def _speaking(cues: Sequence[Cue]) -> Callable[[], set[str]]:
    """The names (speaker_key) that speak in the file, found when first asked: a cue's
    speaker (a voice span), a label opening a cue, or one opening two lines or more."""

    @cache
    def names() -> set[str]:
        opening, later = set(), Counter[str]()
        for cue in cues:
            first, *rest = cue.text.split("\n")
            opening.update(speaker_key(n) for n in (cue.speaker, _speaker_label(first)) if n)
            later.update(speaker_key(n) for line in rest if (n := _speaker_label(line)))
        return opening | {name for name, n in later.items() if n >= 2}

    return names


def unnamed_after(previous: str, text: str) -> bool:
    """Whether `text`, words after a blank line in a cue of `previous`, is someone's the
    file does not name: it opens with a dialogue dash, or a line of `previous` after its
    first does (`_dialogue`), so not the cue's speaker but another's goes on."""
    return _DASH_RE.match(text) is not None or _DASH_RE.search(previous, 1) is not None


# Otter's header, in its text and Word exports: the conversation's title, then when it was
# recorded and how long it lasts ("Tue, Apr 16, 2024 10:02AM • 31:14"; no year in the year
# it is). The title names the document; without it, the file's name does.
_OTTER_HEADER_RE = re.compile(
    r"(?P<title>[^\n]{1,120})\n[^\n]{0,40}\d{1,2}:\d{2} ?[AP]M ?• ?(?:\d{1,2}:)?\d{1,2}:\d{2}"
)


def from_paragraphs(
    paras: Iterable[Para], format: str, name: str, encoding: str, headers: bool = False
) -> Parsed:
    """The text of turns of a word-processor file or an Otter export.

    Labels in every shape (see interview.read_labels) become "Name: " with their time
    kept in the turn; a bold name at a paragraph's start is a label when bold names recur;
    a name alone on its line joins the paragraph after it. In Otter's and Teams' shape
    (`header`) the headers alone are labels; with `headers` (a reader that made them, a
    Zoom chat's) however few they are among the lines.
    """
    # The bold run measured again as normalised ("e" and an accent are one letter) and
    # without the white space the line loses at its start (an indented "⇥Interviewer").
    pieces = [Para(normalise(p.text), len(normalise(p.text[: p.bold])), p.heading) for p in paras]
    lines = [
        (
            line.strip(),
            max(0, p.bold - (len(line) - len(line.lstrip()))) if i == 0 else 0,
            p.heading,
        )
        for p in pieces
        for i, line in enumerate(p.text.split("\n"))
    ]
    lines = [(text, min(bold, len(text)), heading) for text, bold, heading in lines if text]
    if not lines:
        raise DocumentError(f"{name} has no text.")
    kinds = [_set_apart(*line) for line in lines]
    texts = _bold_labels([(text, bold) for text, bold, _ in lines])
    labels = _headers(texts, headers) or read_labels(texts)
    titles = part_titles(texts, labels, kinds)
    labels = [None if title else label for label, title in zip(labels, titles, strict=True)]
    builder = _Builder()
    pending = None  # a name alone on its line, waiting for its speech
    for text, label, kind, title in zip(texts, labels, kinds, titles, strict=True):
        if label is not None and label.end >= len(text):
            if pending is not None:
                _start_turn(builder, pending)
            pending = label
            continue
        if label is None and pending is not None:
            label, speech = pending, text
        else:
            if pending is not None:
                _start_turn(builder, pending)
            speech = text[label.end :].strip() if label is not None else text
        pending = None
        if label is not None:
            _start_turn(builder, label)
        elif is_notice(speech):  # the tool's, not the last speaker's: no turn, no time
            builder.turn("", None)
        else:
            if (title or kind.startswith("heading")) and builder.turns_begun():
                builder.turn("", None)  # a part's title, not the last speaker's words
            else:
                builder.paragraph()
            builder.kind = kind  # shown bold or as a heading, and read as set apart
        builder.add(speech)
    if pending is not None:  # a name at the very end, with nothing after it
        _start_turn(builder, pending)
    parsed = builder.parsed(format, encoding)
    titled = _OTTER_HEADER_RE.fullmatch("\n".join(texts[:2]))
    if titled:
        return replace(parsed, title=titled["title"])
    # A document's title, or its first heading of the first level, names it, as a
    # Markdown file's first heading does (the file name had lost "Zoë"'s accent).
    return replace(parsed, title=lines[0][0]) if lines[0][2] == 1 else parsed


def timed_row(cells: Sequence[Sequence[Para]]) -> list[Para] | None:
    """The paragraphs of a table's row (.docx or .odt; a cell's paragraphs a list) of a
    time, a speaker's name and their words ("00:00:10 | Amal | We came in 2015."), or of
    the name before the time ("Amal | 00:00:10 | We came in 2015.", as typists' templates
    head their columns "Speaker, Time, Text"), the first "00:00:10 Amal: We came in 2015."
    as a typed transcript's line, so that the turn starts at the time and the time is not
    a paragraph of the turn before; None for a row of another shape."""
    if len(cells) == 4 and _one_line(cells[0]).isdecimal():  # a row number first
        cells = cells[1:]
    if len(cells) != 3:
        return None
    first_cell, second_cell = (_one_line(paras) for paras in cells[:2])
    head = _time_and_name(first_cell, second_cell) or _time_and_name(second_cell, first_cell)
    if head is None:
        return None
    first, *rest = cells[2] or [Para("")]
    return [Para(f"{head}: {first.text}"), *rest]


def _time_and_name(time: str, name: str) -> str | None:
    """ "00:00:10 Amal", a turn's head, from a cell of a time and one of a speaker's name;
    None where either cell is something else."""
    time = _SMPTE_RE.sub(r"\1", time)  # a video editor's timecode: its frames left out
    name = name.rstrip(":：").rstrip()
    label = label_at(f"{time} {name}:")
    if not time or label is None or (label.name, label.timestamp) != (name, time.strip("[]()")):
        return None
    return f"{time} {name}"


def _one_line(paras: Sequence[Para]) -> str:
    """The text of a cell of one line, "" for a cell of more or of none."""
    lines = [line for para in paras if (line := para.text.strip())]
    return lines[0] if len(lines) == 1 and "\n" not in lines[0] else ""


def header(line: str) -> re.Match[str] | None:
    """The line as a turn's header in Otter's or Teams' shape (`_HEADER_RE`), else None. A
    header ends in a time, which few lines of prose do: only those lines meet the regular
    expression. One space before the time (Teams copied from its app) is a header only
    where its name heads other turns too (`recurring`): "Around 9:30" is speech. A name
    in brackets, Zoom's saved captions' ("[Ana Silva] 14:05:22"), may be a long display
    name ("[Dr Ana Silva (she/her) Univ Porto]")."""
    if line[-3:-2] != ":" and not line.endswith((" ", "\t")):
        return None
    match = _HEADER_RE.fullmatch(line)
    if match is None or _SPEECH_BEFORE_TIME.search(match["name"]):
        return None
    if len(match["gap"]) > 1:
        return match
    name = match["name"]
    if _in_brackets(name):  # Zoom's saved captions: a display name of any length
        return match
    return match if ":" not in name and len(name.split()) <= _CUE_LABEL_MAX_WORDS else None


def recurring(headers: Sequence[re.Match[str] | None]) -> list[re.Match[str] | None]:
    """`headers` without those of one space before the time whose name heads no other
    turn: a speaker speaks more than once, a line of speech ending in a time seldom
    starts the same way twice. A name in brackets (Zoom's saved captions) is a header
    however often it speaks: speech seldom opens so."""
    names = Counter(match["name"] for match in headers if match is not None)
    return [
        match
        if match is None
        or len(match["gap"]) > 1
        or names[match["name"]] > 1
        or _in_brackets(match["name"])
        else None
        for match in headers
    ]


def _in_brackets(name: str) -> bool:
    return name.startswith("[") and name.endswith("]")


def _headers(lines: Sequence[str], known: bool = False) -> list[Label | None] | None:
    """The labels of lines in Otter's or Teams' shape: the headers, and nothing else (a
    reply of "Yes." or "Okay" alone on its line would pass for a name); None in another
    shape. Headers `known` (made by the file's reader) are so however few: a Zoom chat of
    one message, or one of many lines (a list pasted), had no sender."""
    headers = [
        Label(match["name"], match["time"], len(line)) if match else None
        for line, match in zip(lines, recurring([header(line) for line in lines]), strict=True)
    ]
    found = sum(header is not None for header in headers)
    if not found or (not known and (found < 2 or found < _HEADER_SHARE * len(lines))):
        return None
    return _saved_captions(headers) if _bracketed(headers) else headers


def _bracketed(headers: Sequence[Label | None]) -> bool:
    return all(h is None or _in_brackets(h.name) for h in headers)


def _saved_captions(headers: Sequence[Label | None]) -> list[Label | None]:
    """Zoom's saved captions ("[Ana Silva] 14:05:22" above the words): each name in
    brackets, each time of the day. The names without their brackets; the times from the
    first, when it is an hour or more (the recording starts about then, not at midnight),
    a time past midnight the next day's."""
    first = next(time_ms(h.timestamp) or 0 for h in headers if h is not None)
    since = first if first >= _HOUR_MS else 0
    return [
        None
        if h is None
        else replace(
            h,
            name=h.name[1:-1].strip(),
            timestamp=format_ms(((time_ms(h.timestamp) or 0) - since) % _DAY_MS),
        )
        for h in headers
    ]


def _start_turn(builder: _Builder, label: Label) -> None:
    builder.turn(label.name, time_ms(label.timestamp) if label.timestamp else None, typed=True)
    builder.add(f"{label.name}:")


def cut_off(name: str, where: str) -> DocumentError:
    """The error for a subtitle file that ends in the middle of `where` (a cue)."""
    return DocumentError(
        f"{name} ends in the middle of {where}: the file looks cut off. Export or download "
        "it again."
    )


# Microsoft's compound file: what Word and LibreOffice write for a .docx or .odt with a
# password (the zip encrypted inside it), and the older .doc.
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_zip(data: bytes, name: str, member: str, kind: str, named_also: str = "") -> None:
    """Refuse what is not a zip holding `member` (or a member whose name `named_also`, a
    regular expression, matches), or whose member unpacks too large."""
    import zipfile  # with shutil, bz2 and lzma: ~9 ms the command line need not pay for a .txt

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        if data.startswith(_COMPOUND_FILE):
            raise DocumentError(
                f"{name} is protected by a password, or is an older file under a new name "
                f"(.doc, .xls): it is not {kind}. Open it in its program and save it again "
                "without a password."
            ) from exc
        raise DocumentError(f"{name} is not {kind}: it is not a zip file.") from exc
    found = [i for i in infos if i.filename == member] or [
        i for i in infos if named_also and re.fullmatch(named_also, i.filename)
    ]
    if not found:
        raise DocumentError(f"{name} is not {kind}: it has no {member}.")
    info = max(found, key=lambda i: i.file_size)
    if info.file_size > MAX_XML_BYTES:
        raise DocumentError(f"{name} unpacks to {info.file_size // 2**20} MB of text markup.")


_WEB_ADDRESS = ("http://", "https://", "www.")


def _is_cue_label(
    name: str,
    counts: Counter[str],
    text: str,
    every_cue_labelled: bool = False,
    shaped: bool = True,
) -> bool:
    """Whether "name: " opening a cue is its speaker's label: in a file that labels every
    cue, or said twice or more, or a label by the usual rules (`label_at`). Said twice,
    it must be `shaped` as a name too, each word capitalised: two of Whisper's segments
    opening "The honest answer: …" made a speaker of those words, and the second lost
    them from the text. (Not `shaped` when counting the cues that look labelled: a Zoom
    file's lower-case display names count there.)"""
    said = counts[speaker_key(name)]
    limit = _REPEATED_CUE_LABEL_MAX_WORDS if said >= 2 else _CUE_LABEL_MAX_WORDS
    if len(name.split()) > limit or "://" in text[: len(name) + 3]:
        return False
    repeated = said >= 2 and (not shaped or capitalised(name))
    stopped = name.rstrip().endswith(_STOPS) and not _TITLE_END_RE.search(name.rstrip())
    if (repeated or every_cue_labelled) and not stopped:
        return True
    # Said once, before a web address, it is words: "Website: https://…", "Visit: www.…".
    said_after = text[len(name) + 1 :].lstrip().lower()
    return not said_after.startswith(_WEB_ADDRESS) and label_at(text) is not None


def _lone_name(name: str, counts: Counter[str], text: str, said: _SaidWords) -> bool:
    """Whether "name: " opening a cue, in lower case ("alex: yes that's right"), is a
    speaker in a file that names most cues' speakers. Not words its speech says in lower
    case ("so: I mean…", "the thing is: …"), nor a typist's note ("note: the recording
    paused"): the usual rules left those in the words of the turn before."""
    return (
        _is_cue_label(name, counts, text, every_cue_labelled=True)  # a name's shape
        and not is_note_word(name)
        and not any(word.lower() in said.words() for word in name.split())
    )


class _SaidWords:
    """The words a file's cues say in lower case, their labels left out; found when first
    asked for: most files never need them (Zoom's name every cue's speaker)."""

    def __init__(self, texts: Sequence[str], prefixes: Sequence[re.Match[str] | None]) -> None:
        self._texts, self._prefixes = texts, prefixes
        self._words: set[str] | None = None

    def words(self) -> set[str]:
        if self._words is None:
            self._words = {
                word
                for text, prefix in zip(self._texts, self._prefixes, strict=True)
                for word in _WORD_RE.findall(text, prefix.end() if prefix else 0)
                if word.islower()
            }
        return self._words


def _pause(previous: Cue, cue: Cue, builder: _Builder) -> bool:
    if not builder.ends_sentence():
        return False
    if previous.end_ms is None or cue.start_ms is None:
        return builder.long_paragraph()
    asked = builder.ends_sentence(_QUESTION_MARKS) or cue.text.rstrip().endswith(_QUESTION_MARKS)
    pause = QUESTION_PAUSE_MS if asked else UNLABELLED_PAUSE_MS
    return cue.start_ms - previous.end_ms >= pause or builder.long_paragraph()


def _bold_labels(lines: list[tuple[str, int]]) -> list[str]:
    """Texts with "Name: " for a leading bold name without a colon, when bold names recur.

    A bold run holding a colon is no name ("Interviewer: How" bold made "Interviewer:
    How: did…"). A paragraph all in bold is a name alone on its line only where such
    names recur: section headings ("Early Life", "The Strike") became speakers."""
    names = []
    for text, bold in lines:
        head = text[:bold].strip()
        rest = text[bold:].lstrip()
        simple = head and not _COLONS.intersection(head) and not rest.startswith((":", "："))
        names.append(head if simple and name_like(head) else "")
    pairs = zip(names, lines, strict=True)
    alone = [bool(n) and not text[bold:].strip() for n, (text, bold) in pairs]
    counts = Counter(speaker_key(n) for n, by_itself in zip(names, alone, strict=True) if by_itself)
    if sum(c for c in counts.values() if c > 1) < _ALONE_RECUR_SHARE * sum(counts.values()):
        names = [
            "" if by_itself and counts[speaker_key(n)] == 1 else n
            for n, by_itself in zip(names, alone, strict=True)
        ]
    accepted = bold_names(names)
    return [
        f"{n}: {text[bold:].strip()}" if n in accepted else text
        for (text, bold), n in zip(lines, names, strict=True)
    ]


def _set_apart(line: str, bold: int, heading: int) -> str:
    """The Span kind that shows a word processor's line as it was set apart: a heading
    ("heading2"), all in bold ("strong"), or "" for neither."""
    if heading:
        return f"heading{min(heading, 6)}"
    return "strong" if bold >= len(line) else ""


def bold_names(names: Sequence[str]) -> set[str]:
    """Of the bold names opening paragraphs ("" for none), those that are speakers: one
    that recurs, or any when three or more paragraphs open with a bold name."""
    counts = Counter(speaker_key(n) for n in names if n)
    common = sum(counts.values()) >= _BOLD_NAMES
    return {n for n in names if n and (common or counts[speaker_key(n)] >= 2)}


def name_like(text: str) -> bool:
    return len(text) <= 40 and len(text.split()) <= 5 and not text.endswith(_SENTENCE_END)


def _timed_by_cue(cues: Sequence[CueTime]) -> Callable[[Turn], Turn]:
    """A turn without a time timed by its first cue that has one (a Whisper segment's
    null start): an unlabelled turn without one is dropped, and Whisper without speakers
    is one such turn; its file then had "no times", though most of its cues have them."""
    at = [cue[0] for cue in cues]

    def timed(turn: Turn) -> Turn:
        if turn.start_ms is not None:
            return turn
        inside = bisect_left(at, turn.start)
        if inside < len(cues) and cues[inside][0] < turn.end:
            return replace(turn, start_ms=cues[inside][1])
        return turn

    return timed


class _Builder:
    """Accumulates paragraphs of turns and their offsets in the text being built."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.turns: list[Turn] = []
        self.current: list[str] = []  # the paragraph being built, in pieces
        self.current_len = 0
        self.open: Turn | None = None  # its end and end time yet to come
        self.last_end_ms: int | None = None
        self.kind = ""  # the Span kind of the paragraph being built: "strong", "heading2"
        self.spans: list[Span] = []
        self.cues: list[CueTime] = []  # each timed cue's place and times (Document.cues)
        # The timed cues of the paragraph being built: (index in `current`, start, end ms).
        self.pending_cues: list[tuple[int, int, int | None]] = []
        self.turn_cue_times: tuple[int, int | None] | None = None  # the open turn's last

    def turn(self, speaker: str, start_ms: int | None, typed: bool = False) -> None:
        self.paragraph()
        self._close_turn()
        start = self.length + self._separator_len()
        self.open = Turn(start, start, speaker, start_ms, typed=typed)
        self.turn_cue_times = None

    def turns_begun(self) -> bool:
        """Whether a turn is open: a paragraph added now would be its speaker's."""
        return self.open is not None

    def paragraph(self) -> None:
        if not self.current_len:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        paragraph, starts = joined_at(self.current)
        self.parts.append(paragraph)
        if self.kind:
            self.spans.append(Span(self.length, self.length + len(paragraph), self.kind))
        self.cues += [(self.length + starts[i], ms, end) for i, ms, end in self.pending_cues]
        self.length += len(paragraph)
        self.current, self.current_len, self.kind, self.pending_cues = [], 0, "", []

    def add(self, text: str) -> None:
        """`text` joins the paragraph being built (after a space)."""
        if text:
            self.current.append(text)
            self.current_len += len(text) + 1

    def add_cue(self, text: str, start_ms: int | None, end_ms: int | None) -> None:
        """A cue's text joins the paragraph, its times kept for following the recording
        inside the turn; the turn ends when the cue does, at a time not known when the
        cue's is not (a Hugging Face chunk's null end)."""
        # The parts of one cue (words after a blank line in it) share its times: its first
        # part alone has them, and they are spread over the parts by their characters.
        if text and start_ms is not None and (start_ms, end_ms) != self.turn_cue_times:
            self.pending_cues.append((len(self.current), start_ms, end_ms))
            self.turn_cue_times = (start_ms, end_ms)
        self.add(text)
        self.last_end_ms = end_ms

    def long_paragraph(self) -> bool:
        return self.current_len >= PARAGRAPH_CHARS

    def unpunctuated(self) -> bool:
        """Long past a paragraph's length with no sentence end to part it at (automatic
        captions have no full stops): it is parted between two cues."""
        return self.current_len >= UNPUNCTUATED_CHARS

    def ends_sentence(self, marks: tuple[str, ...] = _SENTENCE_END) -> bool:
        """The paragraph ends a sentence (one of `marks`), emoji after the full stop aside."""
        if not self.current:
            return False
        last = self.current[-1]
        end = len(last)
        while end and (last[end - 1].isspace() or unicodedata.category(last[end - 1])[0] in "SM"):
            end -= 1  # symbols (emoji), marks (variation selectors) and spaces
        return last[:end].endswith(marks)

    def parsed(self, format: str, encoding: str = "") -> Parsed:
        self.paragraph()
        self._close_turn()
        text = "".join(self.parts) + "\n"
        cues = tuple(self.cues)
        turns = tuple(
            t for t in map(_timed_by_cue(cues), self.turns) if t.speaker or t.start_ms is not None
        )
        spans = tuple(self.spans)
        return Parsed(text, format, turns, spans, encoding=encoding, cues=cues)

    def _separator_len(self) -> int:
        return 2 if self.parts else 0

    def _close_turn(self) -> None:
        if self.open is None:
            return
        if self.length > self.open.start:
            self.turns.append(replace(self.open, end=self.length, end_ms=self.last_end_ms))
        self.open = None
        self.last_end_ms = None
