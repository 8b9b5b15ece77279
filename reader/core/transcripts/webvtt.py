"""WebVTT subtitles (Zoom, Teams, Whisper, YouTube): cues with `<v Name>` voices or `Name:`.

Read here rather than with webvtt-py: that library took 2.8 s for 40,000 cues, silently
drops cues whose timing is malformed, truncates times to whole seconds and leaves
entities such as `&amp;` in the text; the format's cue blocks need a few lines.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import replace

from reader.core.document import DocumentError, EmptyTranscriptError
from reader.core.interview import capitalised, is_bracket_note
from reader.core.transcripts import (
    Cue,
    Parsed,
    cue_time_ms,
    cut_off,
    from_cues,
    marked_at,
    teams_times,
    unnamed_after,
    unrolled,
)

_BLOCKS_RE = re.compile(r"\n[ \t]*\n+")
# A line of spaces under a cue's timing opens its text (YouTube's captions have one); left
# there, it would part the timing from the words as a blank line does.
_SPACES_UNDER_TIMING_RE = re.compile(r"(-->[^\n]*)\n[ \t]+(?=\n)")
_TIMESTAMP = r"(?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3}"  # Teams': "0:0:3.90"
# Spaces around the arrow are optional to the format's parser: browsers read a bare "-->".
_TIMING_RE = re.compile(rf"[ \t]*({_TIMESTAMP})[ \t]*-->[ \t]*({_TIMESTAMP})(?:[ \t].*)?")
# What a file that ends inside a cue's first lines ends with: a timing cut short, or a cue
# id as the tools write them, a number (Zoom) or Teams' "3f1c2a9e-7d41-…/12-0" (or a part).
_STAMP_PART = r"\d+(?::\d{0,2}(?::\d{0,2})?(?:[.,]\d{0,3})?)?"
_CUT_TIMING_RE = re.compile(rf"{_STAMP_PART}|{_TIMESTAMP}[ \t]*(?:--?|-->[ \t]*(?:{_STAMP_PART})?)")
_CUT_ID_RE = re.compile(r"\d+|[0-9a-fA-F]{8}-[0-9a-fA-F-]*(?:/\d*-?\d*)?")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]+)>")
_OPEN_TAG_AT_END_RE = re.compile(r"</?[a-z.][^<>]*$")  # "<v Jan", "</v": a file cut short
_WHISPER_CPP_VOICE = re.compile(r"Speaker ?(\d+|\?)")  # whisper.cpp --diarize: a channel
# WebVTT's markup (class, italic, bold, underline, ruby, voice, language) and karaoke
# timestamps; any other "<...>" is the transcriber's ("<laughs>"), words kept. SubRip's
# markup too (`<font color=…>`, `<I>`), which converters from SubRip keep: it hid a
# speaker's "Name:" behind it, and stood in the text.
_TAG_RE = re.compile(
    r"</?(?:[cibuv]|ruby|rt|lang)(?:[\s.][^>]*)?>|</?(?:[IBU]|font|FONT)(?:[\s=][^>]*)?>"
    r"|<\d[\d:.]*>"
)
# A ruby's reading, `<ruby>東京<rt>とうきょう</rt></ruby>`: shown above the base in a player,
# but in running text it doubles the word ("東京とうきょう") and search for the word would
# miss it, so the base alone is kept. Its end tag may be left out before `</ruby>`.
# Google Meet's name of a cue's speaker, alone on its line (`_meet_speakers`).
_MEET_NAME_RE = re.compile(r"[ \t]*\((?P<name>[^()\n]{1,60})\)[ \t]*")
_MEET_SHARE = 0.5  # of the cues that open with one, in Meet's captions
# noScribe's mark of speech over another's: before its voice's name ("//S01"), and as
# `_overlap_marks_left_out` says.
_OVERLAP = "//"
_RUBY_TEXT_RE = re.compile(r"<rt(?:[\s.][^>]*)?>.*?(?:</rt>|(?=</ruby>)|$)", re.DOTALL)


def parse(text: str, name: str) -> Parsed:
    if not re.match(r"WEBVTT(?:[ \t\n]|$)", text):
        raise DocumentError(f"{name} does not start with WEBVTT: it is not a WebVTT file.")
    header, *blocks = _BLOCKS_RE.split(_SPACES_UNDER_TIMING_RE.sub(r"\1", text.rstrip()))
    blocks[:0] = _cue_after_header(header)
    blocks = [cue for block in blocks for cue in _cues_run_together(block)]
    cues, teams, read_as_teams = _cues(blocks, name, teams=None)
    if teams and not read_as_teams:  # a Teams time after others: Teams' files start so
        cues, _, _ = _cues(blocks, name, teams=True)
    return from_cues(unrolled(_meet_speakers(cues)), "webvtt", name)


def _meet_speakers(cues: list[Cue]) -> list[Cue]:
    """The cues of Google Meet's captions with their speakers: Meet names each cue's on
    its first line in brackets, "(Ana Silva)" above the words, and a second speaker's in
    the cue after a line of a dash and a blank line ("-", "", "(Ben Okafor)", "Or work."),
    which ends the cue for the format (`_cues` keeps those words as the cue's). Read as
    words, the names stood in the text and no one spoke. Other files as they are: where
    fewer than half the cues open so, or no name does twice."""
    names = [_meet_name(cue.text) if not cue.speaker else "" for cue in cues]
    counts = Counter(name for name in names if name)
    if sum(counts.values()) < _MEET_SHARE * len(cues) or max(counts.values(), default=0) < 2:
        return cues
    named: list[Cue] = []
    for cue in cues:
        parts: list[Cue] = []
        for line in cue.text.split("\n"):
            if name := _meet_name(line):
                parts.append(replace(cue, text="", speaker=name))
            elif line.strip() != "-":
                part = parts[-1] if parts else replace(cue, text="")
                text = f"{part.text}\n{line}" if part.text else line
                parts[-1:] = [replace(part, text=text)]
        named += [part for part in parts if part.text.strip()]
    return named


def _meet_name(text: str) -> str:
    """The speaker's name Google Meet's captions open `text` with, "(Ana Silva)" alone on
    its first line; "" for none, or a typist's note ("(laughs)")."""
    match = _MEET_NAME_RE.fullmatch(text.partition("\n")[0])
    if match is None or not capitalised(name := match["name"].strip()) or is_bracket_note(name):
        return ""
    return name


def _cue_after_header(header: str) -> list[str]:
    """The first cue when no blank line parts it from the header: as the format's parser
    does, the header ends at the first line (after "WEBVTT") with an arrow."""
    lines = header.split("\n")
    for at, line in enumerate(lines[1:], start=1):
        if "-->" in line:
            return ["\n".join(lines[at:])]
    return []


def _cues_run_together(block: str) -> list[str]:
    """The cues of a block a tool wrote with no blank line between them: as the format's
    parser does, a line with an arrow below a cue's timing starts another cue, and a cue
    id above it (a number, Teams' id) goes with it. Read as one cue, each timing after the
    first stood in the text, and the first cue's speaker said every later cue's words."""
    if block.count("-->") < 2 or block.startswith(("NOTE", "STYLE", "REGION")):
        return [block]
    lines = block.split("\n")
    arrows = [i for i, line in enumerate(lines) if "-->" in line]
    if arrows[0] > 1:  # no timing on its first lines: said malformed as it is
        return [block]
    parts, start, timing = [], 0, arrows[0]
    for arrow in arrows[1:]:
        above = arrow - 1
        cut = above if above > timing and _CUT_ID_RE.fullmatch(lines[above].strip()) else arrow
        parts.append("\n".join(lines[start:cut]))
        start, timing = cut, arrow
    return [*parts, "\n".join(lines[start:])]


def _cues(blocks: list[str], name: str, teams: bool | None) -> tuple[list[Cue], bool, bool]:
    """The cues of the blocks; whether the times are in Teams' shape (`teams_times`); and
    whether they were read as Teams' (`teams`; None: as the first unpadded time says,
    which in Teams' files is the first cue's, so one pass reads them)."""
    cues: list[Cue] = []
    shaped = False
    for number, block in enumerate(blocks, start=1):
        lines = block.strip("\n").split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        cut_short = number == len(blocks) and _cut_short(lines)
        if "-->" not in block:
            if cut_short:
                raise cut_off(name, f"a cue (“{lines[0].strip()[:60]}”)")
            # Not a cue, which the format says to skip; but after a cue, the words of that
            # cue after a blank line (browsers drop them), kept as a paragraph of their own.
            # A line alone there is said ("1998", "10:30"), though it looks like a cue id
            # or a timing cut short; an id above such a timing is a cue that lost its own.
            if cues and (len(lines) == 1 or not _cut_short(lines)):
                last = cues[-1]
                for words in _voices("\n".join(lines), last.start_ms, last.end_ms):
                    # A voice span of its own, else the cue's, unless a dash parts the two.
                    unnamed = unnamed_after(last.text, words.text)
                    speaker = words.speaker or ("" if unnamed else last.speaker)
                    cues.append(replace(last, text=words.text, speaker=speaker, paragraph=True))
            continue
        at = 0 if "-->" in lines[0] else 1
        timing = _TIMING_RE.fullmatch(lines[at]) if at < len(lines) else None
        if timing is None:
            where = lines[at] if at < len(lines) else lines[0]
            if cut_short:
                raise cut_off(name, f"a cue (“{where.strip()[:60]}”)")
            raise DocumentError(
                f"{name} has a malformed cue timing: “{where.strip()[:60]}”; "
                "expected “00:00:01.000 --> 00:00:04.000”."
            )
        start, end = timing.groups()
        if not shaped and len(start) + len(end) != 24:  # not "00:01:02.500", as most write
            shaped = teams_times((start, end))
            teams = shaped if teams is None else teams
        body = "\n".join(lines[at + 1 :])
        if number == len(blocks) and _OPEN_TAG_AT_END_RE.search(body):  # "<v Jane": cut
            raise cut_off(name, f"a cue (“{body.strip()[:60]}”)")
        read = bool(teams)
        cues.extend(_voices(body, cue_time_ms(start, read), cue_time_ms(end, read)))
    if not cues:
        raise EmptyTranscriptError(
            f"{name} holds no transcript: no words under a time such as “00:00:01.000 --> "
            "00:00:04.000” follow its “WEBVTT” header. The meeting may not have been "
            "transcribed, or the download stopped: download it again."
        )
    return cues, shaped, bool(teams)


def _cut_short(lines: list[str]) -> bool:
    """Whether a block is what a file that ends inside a cue's first lines ends with: a
    cue id, a timing cut short, or an id above such a timing."""
    *ids, timing = (line.strip() for line in lines)
    if not ids:
        return bool(_CUT_ID_RE.fullmatch(timing) or _CUT_TIMING_RE.fullmatch(timing))
    return len(ids) == 1 and bool(_CUT_ID_RE.fullmatch(ids[0]) and _CUT_TIMING_RE.fullmatch(timing))


def _voice_name(name: str) -> str:
    """A voice span's name; whisper.cpp's --diarize voices ("Speaker0", "Speaker?") as
    its JSON and SRT are read (whisper.speaker_name): "Speaker 0", and nobody, so the
    cue goes on with the turn before it; noScribe's of speech over another's ("//S01") as
    that speaker's. Its character references are read as the cue text's are (Teams
    writes "O&#39;Brien" and "Tom &amp; Jerry")."""
    name = html.unescape(name).strip().removeprefix(_OVERLAP).lstrip()
    if name.startswith("Speaker") and (match := _WHISPER_CPP_VOICE.fullmatch(name)):
        from reader.core.transcripts.whisper import speaker_name

        return speaker_name(match[1])
    return name


def _voices(body: str, start: int | None, end: int | None) -> list[Cue]:
    """The cue, one for each voice span in it: a cue may hold a short exchange."""
    voices = list(_VOICE_RE.finditer(body)) if "<v" in body else []
    if len(voices) < 2 and not (voices and voices[0].start()):  # a voice or none: as most
        speech = _speech(body)
        if not voices:
            return [Cue(speech, start, end, marked=marked_at(body))]
        if _OVERLAP in speech:
            speech = _overlap_marks_left_out(speech, html.unescape(voices[0][1]).strip())
        return [Cue(speech, start, end, _voice_name(voices[0][1]), marked=marked_at(body))]
    cues = [Cue(_speech(body[: voices[0].start()]), start, end)] if voices[0].start() else []
    for voice, after in zip(voices, [*voices[1:], None], strict=True):
        speech = body[voice.end() : after.start() if after else len(body)]
        cues.append(Cue(_speech(speech), start, end, _voice_name(voice[1])))
    return [cue for cue in cues if cue.speaker or cue.text.strip()]  # not the space before


def _overlap_marks_left_out(speech: str, voice: str) -> str:
    """A cue's words without noScribe's marks of speech over another's: the voice of one
    is "//S00", its words open with that name again and may end with "//" ("//S00:
    Mhm.//"), and the words of the speaker it went on over open with "//". Left in, the
    name stood twice and the marks among the words."""
    words = speech.strip()
    if voice.startswith(_OVERLAP):
        words = words.removeprefix(f"{voice}:").removesuffix(_OVERLAP)
    return words.removeprefix(_OVERLAP).strip()


def _speech(body: str) -> str:
    if "<" not in body:
        return html.unescape(body)
    return html.unescape(_TAG_RE.sub("", _RUBY_TEXT_RE.sub("", body) if "<rt" in body else body))
