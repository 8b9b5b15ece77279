"""Interview structure: each paragraph's role (intro, question, answer, ...) and speaker."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from unicodedata import bidirectional, category

from reader.core.document import Span, Turn


class Role(StrEnum):
    INTRO = "intro"
    QUESTION = "question"
    ANSWER = "answer"
    ASIDE = "aside"
    CLOSING = "closing"
    OTHER = "other"


# Each role as the reader's Paragraph Role menu and the Undo of a correction name it.
ROLE_LABELS = {
    Role.QUESTION: "Question",
    Role.ANSWER: "Answer",
    Role.ASIDE: "Aside",
    Role.INTRO: "Introduction",
    Role.CLOSING: "Closing line",
    Role.OTHER: "Other",
}


@dataclass(frozen=True)
class Segment:
    """One paragraph. `text[start:end]` is the paragraph (code points, end exclusive).

    `speaker` is "" for paragraphs nobody speaks (intro, aside, closing, other). Variants
    of one label ("Interviewer1", "interviewer 1") share one `speaker`; `label` is the
    label as this paragraph writes it, "" for a paragraph without one.
    """

    role: Role
    speaker: str
    start: int
    end: int
    timestamp: str = ""
    label: str = ""


@dataclass(frozen=True)
class Label:
    """A speaker label at the start of a paragraph.

    `name` is as written, without markup, time or colon; the speech starts at `end` in the
    paragraph (its length when the name stands alone above the speech).
    """

    name: str
    timestamp: str
    end: int


@dataclass(frozen=True)
class SpeakerInfo:
    """One detected speaker, for the Speakers dialog."""

    name: str
    role: Role  # the role of most of their paragraphs
    turns: int  # runs of their paragraphs, asides between them left aside
    paragraphs: int
    first_words: str  # the start of their first turn, label left out
    variants: tuple[str, ...]  # the labels as written, when more than the name itself


@dataclass(frozen=True)
class SpeakerReport:
    """Who speaks, and whether the detection is a guess the reader should check."""

    speakers: tuple[SpeakerInfo, ...]
    unsure: bool
    reasons: tuple[str, ...]  # one sentence each, for the line that offers the dialog


_INTERVIEWER = "Interviewer"
_INTERVIEWEE = "Interviewee"

# Magazine link-outs; upper case only, so a speaker called "Watch" stays a speaker.
_ASIDE_RE = re.compile(r"(?:READ MORE|RELATED|SEE ALSO|ALSO READ|WATCH|LISTEN)\s*:")
# Teams' notices in its transcripts: not speech, and the last is no part of the last turn.
_TRANSCRIPTION_NOTICE = re.compile(r"[^\n:]{1,80} (?:started|stopped) transcription")
# Google Meet's last line in its transcripts, "Meeting ended after 00:42:17 👋". A string,
# compiled by `re` when a paragraph opens so.
_MEETING_ENDED = r"(?i:meeting ended after) \d{1,2}:\d{2}:\d{2}\W*"
# An unlabelled line that is plainly not speech: a bracketed note alone ("[inaudible]",
# "(laughs)", "【笑】"), a time alone (the stamp above a turn), a note about the connection
# or the recording, a page's number as a PDF or Word page left it in the text ("Page 2 of
# 14", "- 2 -"), a separator line.
_NON_SPEECH_RE = re.compile(
    r"[\[(（【{][^\])）】}\n]{1,60}[\])）】}][.!]?"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
    r"|♪.{0,80}"
    r"|(?:the\s+)?(?:connection|call|line|audio|video|sound|recording|internet|zoom|teams"
    r"|wi-?fi|skype)\b[^.?!\n]{0,40}?\b(?:interrupted|dropped|lost|cut|froze|frozen|paused"
    r"|resumed|stopped|restarted|ended|started|reconnected|broke|breaks|failed)\b[^?\n]{0,40}"
    r"|(?:end|start|beginning) of (?:the )?(?:recording|interview|transcript|tape|audio)\b.{0,40}"
    r"|(?:transcribed|transcript(?:ion)? (?:made|generated)|generated|powered) by \S.{0,60}"
    r"|(?:page|seite|página|pagina) \d{1,4}(?: (?:of|von|de|di|/) \d{1,4})?|-[ \t]*\d{1,4}[ \t]*-"
    r"|[-—–*=_~#·•. ]{3,}",
    re.IGNORECASE,
)
_NON_SPEECH_MAX_CHARS = 120
# A frame number after the seconds too, as broadcast typists write a timecode
# ("[00:00:01:12] Name:"), read at 25 frames a second (transcripts.time_ms).
_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?::\d{2})?)?(?:[.,]\d{1,3})?"
# A time in brackets, or the span of a cue from its start to its end, as whisper's console
# writes each line ("[00:00:00.000 --> 00:00:04.000]   Thanks…") and others with an arrow
# or a dash; a paragraph is timed by the start.
_BRACKETED_TIME = rf"[\[(]{_TIME}(?:\s*(?:-->|->|→|–|-)\s*{_TIME})?[\])]"
_NAME_WORD = r"[^\W\d_][\w.'’-]*"
# Marks of writing direction around a name, as right-to-left keyboards and Zoom's display
# names put them ("\u200fسارة\u200f: "): invisible, and no part of the name (speaker_key).
_DIRECTION_MARKS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NAME = (
    rf"[{_DIRECTION_MARKS}]*{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}(?: \d{{1,2}}){{0,2}}"
    rf"[{_DIRECTION_MARKS}]*"
)
_MARK = r"(?:\*\*|__|\*|_)"  # Markdown bold or italic around a name
# The full-width colon of CJK text too, and a tab: "Name<tab>speech", as a spreadsheet's
# columns or a typist's template give a transcript.
_COLON = "[:：\t]"
# A bare time is accepted only before the label: after it, "A: 10:30 is when..." is speech.
# `(?!/)` keeps "Https://..." from reading as a speaker. QualCoder's identifiers "#" and "@"
# may open a name ("#Ana: So…", view_av.py).
_LABEL_RE = re.compile(
    rf"(?:(?:{_BRACKETED_TIME}|{_TIME})\s*)?{_MARK}?[#@]?(?P<name>{_NAME}){_MARK}?"
    rf"(?:\s*{_BRACKETED_TIME})?\s*{_MARK}?\s*(?P<sep>{_COLON})(?!/){_MARK}?(?:\s*{_BRACKETED_TIME})?\s*"
)
# A name alone on its line above the speech, with a time before or after (Otter: "Name  0:03").
_ALONE_RE = re.compile(
    rf"(?:{_BRACKETED_TIME}\s*|{_TIME}\s+)?{_MARK}?(?P<name>{_NAME}){_MARK}?"
    rf"(?:\s*(?:{_BRACKETED_TIME}|{_TIME}))?"
)
_LEADING_TIME_RE = re.compile(_BRACKETED_TIME)
# A name in brackets opening a line, its words after it: QualCoder's default label of a
# speaker ("[Ana] So…", or "{Ana} So…", view_av.py), which a note opens lines as too
# ("[laughs] Yes."): see read_labels. A string, compiled by `re` on first use: only a
# paragraph that opens with a bracket is matched against it.
_BRACKETED_NAME = rf"[\[{{](?P<name>{_NAME})[\]}}][ \t]+(?=\S)"
_CLOSING_BRACKET = {"[": "]", "{": "}"}
# What a typist notes in brackets at a line's start ("[laughs] Yes."), in English and in
# the languages of the generic labels below.
_BRACKET_NOTES = {
    "inaudible", "unintelligible", "indistinct", "unclear", "crosstalk", "cross talk",
    "overlapping", "overtalk", "laughs", "laughing", "laughter", "laugh", "chuckles",
    "giggles", "sighs", "coughs", "clears throat", "pause", "pauses", "long pause",
    "silence", "music", "applause", "noise", "background noise", "interruption", "sic",
    "redacted", "name", "removed", "omitted", "blank", "beep", "foreign", "unknown",
    "lacht", "lachen", "unverständlich", "unv", "seufzt", "räuspert", "rires", "rire",
    "risas", "pausa", "ininteligible", "risos", "inaudível", "ride", "ridono", "incomprensibile",
    "gelach", "onverstaanbaar", "stilte", "crying", "cries", "sobbing", "sobs", "nods",
    "nodding", "smiles", "smiling", "sniffs", "sniffing", "shrugs", "whispers", "whispering",
    "gasps", "groans", "yawns", "claps", "coughing", "sighing", "giggling", "chuckling",
}  # fmt: skip
_BRACKETED_TURNS = 2  # changes of hands between bracketed names: A's, B's, A's again
# QualCoder's stamps, each alone on its line above the words it times (view_av.py): its
# default "[00.01.23]", "[83.05]" (minutes and seconds), "{00:01:23}", "#00:01:23.450#".
_STAMP_ALONE_RE = re.compile(
    rf"\[(\d{{1,2}}\.\d{{2}}\.\d{{2}}|\d{{1,4}}\.\d{{2}})\]|\{{({_TIME})\}}|#({_TIME})#"
)
# A stamp after a paragraph's words, in brackets or as f4transkript writes it
# ("#00:01:23-4#", tenths after the dash): see _with_end_stamps. Looked for from the
# bracket that opens it, found from the one that ends the paragraph. A string, compiled by
# `re` on first use: most transcripts never need it, and start-up would pay for it.
_END_STAMP = rf"[\[(](?P<time>{_TIME})[\])]|#(?P<f4>\d{{1,2}}:\d{{2}}:\d{{2}})(?:-(?P<tenths>\d))?#"
_END_STAMP_OPENERS = {"]": "[", ")": "(", "#": "#"}
_END_STAMP_MAX_CHARS = 16  # "[00:01:23.000]", "#00:01:23-4#"
_LABEL_MAX_CHARS = 120  # a label, with its times and marks, ends before this
_TIME_RE = re.compile(_TIME)
# Generic labels, in English and in the languages of the typists' conventions researchers
# bring most (German's "I:"/"IP:" after Dresing & Pehl, French, Spanish, Portuguese,
# Italian, Dutch). Single letters other than English's stay names: "A:"/"B:" are two
# anonymous speakers as often as answer and German "Befragte".
_QUESTION_LABELS = {
    "q", "question", "interviewer", "moderator", "host", "facilitator", "researcher",
    "interviewerin", "moderatorin", "forscher", "forscherin", "frage",
    "enquêteur", "enquêtrice", "intervieweur", "intervieweuse", "chercheur", "chercheuse",
    "entrevistador", "entrevistadora", "investigador", "investigadora", "pregunta",
    "pesquisador", "pesquisadora", "pergunta",
    "intervistatore", "intervistatrice", "ricercatore", "ricercatrice", "domanda",
    "interviewster", "onderzoeker", "vraag",
}  # fmt: skip
_ANSWER_LABELS = {
    "a", "answer", "interviewee", "respondent", "participant", "guest", "p",
    "befragte", "befragter", "interviewte", "interviewter", "interviewpartner",
    "interviewpartnerin", "teilnehmer", "teilnehmerin", "antwort",
    "enquêté", "enquêtée", "répondant", "répondante", "participante", "réponse",
    "entrevistado", "entrevistada", "respuesta", "resposta",
    "intervistato", "intervistata", "partecipante", "risposta",
    "geïnterviewde", "deelnemer", "antwoord",
}  # fmt: skip
# Short forms merged with the label they stand for.
_ALIASES = {
    "int": "interviewer", "intv": "interviewer", "i": "interviewer", "r": "respondent",
    "ip": "interviewpartner",
}  # fmt: skip
_SIDES = (Role.QUESTION, Role.ANSWER)
_LABELLED_SHARE = 0.3
_ALONE_SHARE = 0.2  # names alone on their line, without a time, must be this common
_LOWER_CASE_REPEATS = 3  # a label in lower case ("speaker 1:") must recur this often

# An interviewer's turn of these words alone is no question ("Right.", "Mm-hmm, okay."),
# as Zoom, Otter and typists spell the back-channels ("Mm-hm.", "Mhmm.", "Aha, lovely.").
_ACKNOWLEDGEMENTS = {
    "right", "okay", "ok", "yeah", "yes", "yep", "mm", "hmm", "mhm", "uh", "huh", "um", "ah",
    "oh", "i", "see", "sure", "great", "good", "wow", "cool", "alright", "thanks", "thank",
    "you", "got", "it", "exactly", "interesting", "indeed", "fine",
    "hm", "mmm", "hmmm", "mhmm", "mmhm", "mmhmm", "uhhuh", "aha", "ahh", "ahuh", "no",
    "absolutely", "definitely", "totally", "perfect", "lovely", "brilliant", "nice", "of",
    "course", "wonderful",
}  # fmt: skip
_ACKNOWLEDGEMENT_MAX_CHARS = 40
# Nor is a greeting, or a check that the call works, alone ("Good morning. Is the recording
# running?", "Hello! Can you hear me okay?"): Zoom and Teams transcripts start with them.
_GREETINGS = {
    "hello", "hi", "hey", "morning", "afternoon", "evening", "welcome", "everyone", "all",
    "there", "again", "for", "joining", "coming", "today", "me", "us", "taking", "the",
    "time", "your", "so", "much", "in", "to", "talking", "with", "that", "s", "my",
    "questions", "bye", "goodbye", "care", "take",
}  # fmt: skip
_NAMED_AFTER = {"hi", "hello", "hey", "morning", "afternoon", "evening", "welcome", "thanks",
                "thank", "you", "bye"}  # fmt: skip
# A check's words, then any of _CHECK_TAILS; a string, compiled by `re` on first use.
_CALL_CHECK = (
    r"(?:(?:so|and|just|first|quickly|before we (?:start|begin|get started)) )*(?:"
    r"(?:is|are) (?:the |we |it |you |this )?(?:recording|rolling|on mute|muted)"
    r"|(?:can|could) you (?:still )?(?:hear|see) (?:me|us)"
    r"|(?:is|does) (?:the |my |your )?(?:sound|audio|mic|microphone|video|camera|connection"
    r"|line|screen)"
    r"|(?:are you|is everyone|is everybody) ready"
    r"|(?:shall|can|should) we (?:start|begin|get started)"
    r"|(?:is it|would it be|is that) (?:ok|okay|alright|all right|fine) (?:if|that) (?:i|we)"
    r" record"
    r"|(?:do|would) you mind (?:if (?:i|we) |me |us )?record(?:ing)?"
    r"|(?:may|can|could) (?:i|we) record)"
)
_CHECK_FIRST_WORDS = {
    "so", "and", "just", "first", "quickly", "before", "is", "are", "can", "could", "does",
    "shall", "should", "would", "do", "may",
}  # fmt: skip
_CHECK_TAILS = {
    "running", "started", "on", "working", "going", "ok", "okay", "alright", "all", "right",
    "fine", "good", "clear", "now", "still", "yet", "well", "properly", "then", "so", "to",
    "start", "begin", "me", "us", "your", "side", "end", "this", "the", "interview",
    "conversation", "call", "session", "it", "our",
}  # fmt: skip
_CALL_CHECK_MAX_CHARS = 120
_ANY_SENTENCE_RE = re.compile(r"[^.!?…]+[.!?…]*")  # asking or not, for _greets_or_checks
_SENTENCE_RE = re.compile(r"[^.!?…\n]+[.!…]+\s+")  # one that does not ask, and the space after
# The fields a typed transcript's header names before the first turn (read_labels).
_HEADER_FIELDS = {
    "date", "time", "location", "place", "venue", "setting", "mode", "duration", "length",
    "transcriber", "transcribed by", "transcript", "interviewed by", "recorded", "recording",
    "file", "file name", "project", "study", "title", "topic", "subject", "consent",
    "pseudonym", "participant id", "interview id", "id", "code", "language", "note", "notes",
}  # fmt: skip
# Words that start a note, not a turn, when a transcript uses them once (a speaker of
# that name would speak more than once): _one_off_notes_set_aside.
_NOTE_WORDS = {
    "note", "notes", "nb", "edit", "edited", "editor's note", "editor’s note", "update",
    "updated", "correction", "source", "sources", "transcript", "translation",
    "translator's note", "translator’s note", "disclaimer",
}  # fmt: skip
_WORD_RE = re.compile(r"[^\W\d_]+")  # "I’m" gives "i" and "m", so contractions need no care
_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves"}
_NAME_MAX_WORDS = 6  # "Dr. Ruth Mensah", "P12 (nurse, 34)" after a role in a header
_QUESTION_MAX_CHARS = 300  # an unmarked question longer than this is more likely an answer
_CLOSING_MAX_CHARS = 120
# A prompt an interviewer gives without a question mark ("Tell me about…", "So, describe
# a typical day.", "Can you walk me through…"), opening a turn's last sentence as a
# question mark ends one: it asks when who asks most is counted (_detect_labelled).
# Kept short: "Let me tell you", "I could describe" and "Tell me about it!" (said in
# agreement) are no prompts. Besides English, the imperatives that open a prompt in
# German, French, Spanish, Portuguese, Italian and Dutch ("Erzählen Sie…", "Racontez-moi…",
# "Cuénteme…"). A string, compiled by `re` on first use (0.7 ms).
_PROMPT = (
    r"(?>(?:.*[.?!…:;]\s)?)"  # the last sentence's start (or a label's end), for good
    r"\s*(?:(?:so|and|now|okay|ok|well|then|first|finally|lastly"
    r"|also|und|dann|jetzt|alors|et|bon|y|bueno|entonces|e|então|allora|en|dus),?\s+)*"
    r"(?:(?:please|can you|could you|would you|will you|i['’]d like you to|i want you to"
    r"|bitte)\s+)?"
    r"(?:tell (?:me|us)(?! about it\b[.!])|describe|walk (?:me|us) through"
    r"|talk (?:me|us) through|explain|say more|give (?:me|us) an example"
    r"|erzählen sie|erzähl(?:e|t)? (?:mal|mir|uns)|beschreiben sie|schildern sie|erklären sie"
    r"|racontez|raconte-moi|décrivez|décris-moi|parlez-moi|parle-moi|expliquez|explique-moi"
    r"|cuénteme|cuéntame|cuéntenos|descríbame|describa|háblame|hábleme|explíqueme|explícame"
    r"|conte-me|me conte|me conta|descreva|fale-me|me fale|explique-me"
    r"|mi racconti|raccontami|ci racconti|descriva|mi parli|parlami|mi spieghi"
    r"|vertel|beschrijf|leg (?:eens )?uit)\b"
)
# Letters of every prompt's verb, whatever its case: tell, describe, walk, talk, explain,
# say more, give; erzählen, beschreiben, schildern, erklären; raconter, décrire, parler,
# expliquer; contar, describir, hablar, explicar, falar, descrever; raccontare, parlare,
# spiegare; vertellen, beschrijven, uitleggen.
_PROMPT_WORDS = (
    "ell ", "escribe", "alk ", "xplain", "ay more", "ive ",
    "rzähl", "eschreib", "childer", "rklär",
    "acont", "accont", "écri", "arle", "xpliq", "uént", "escrí", "ábl", "xplí", "onte", "escrev",
    "ale-", "onta", "escriv", "arli", "pieg", "ertel", "eschrijf", " uit",
)  # fmt: skip
_CLOSING_RE = re.compile(
    r"is in theaters|in theaters now|in cinemas|is out now|now streaming|now available"
    r"|has been edited|been condensed|condensed for clarity|edited for (?:length|clarity)",
    re.IGNORECASE,
)
_FIRST_WORDS = 12  # words of a speaker's first turn in the speaker report
_CLOSERS = " \t\"'”’»)]*_"  # trailing quotes and brackets after a question mark
# What ends a sentence (ends_sentence): Latin's, CJK's, Arabic's question mark and Urdu's
# full stop, the Devanagari danda, Ethiopic's and Armenian's full stops.
_SENTENCE_ENDS = frozenset(".?!…:;。？！؟۔।॥።፧։")
# Also after it, in chats and captions: emoji and symbols, with their skin tones, joiners
# and variation selectors ("Your shift? 🌙").
_TRAILING_SYMBOLS = frozenset({"So", "Sk", "Mn", "Me", "Cf"})
_QUESTION_MARKS = frozenset("?？؟❓❔‽⁇⁈")  # Latin, full-width (CJK), Arabic, emoji


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: each non-blank line (lines are separated by "\\n").

    Leading/trailing whitespace of a line is excluded from the span. Blank lines produce
    nothing.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return spans


def detect_segments(
    text: str, turns: Sequence[Turn] = (), spans: Sequence[Span] = ()
) -> list[Segment]:
    """Segments in document order, one per paragraph.

    `turns` are the speakers a transcript file gave (Document.turns): when any has a
    speaker, they are the labels, and the text is not searched for more. `spans` are the
    file's formatting (Document.spans): an unlabelled Q&A may set its questions apart in
    bold or as headings rather than end them with a question mark.
    """
    bounds = split_paragraphs(text)
    pars = [text[start:end] for start, end in bounds]
    asides = [bool(_ASIDE_RE.match(par)) or is_notice(par) for par in pars]
    from_file = any(turn.speaker for turn in turns)
    labels = _labels_of_turns(bounds, turns) if from_file else read_labels(pars, asides)
    for i, (par, label) in enumerate(zip(pars, labels, strict=True)):
        if label is None and not asides[i]:
            asides[i] = is_non_speech(par)
    kinds = _set_apart(bounds, spans) if spans else []
    plain_asides = asides.copy()  # an unlabelled Q&A's: its questions may be headings
    if any(kinds):
        # A heading or a line in bold among the turns may title a part of the interview
        # ("Section A: Background"): nobody's words, not those of the turn before it. A
        # file's reader has left such a title out of its turns already.
        titles = part_titles(pars, labels, kinds)
        outside = _outside_turns(bounds, turns) if from_file else titles
        begun = False
        for i, (title, kind) in enumerate(zip(titles, kinds, strict=True)):
            labels[i] = None if title else labels[i]
            apart = kind.startswith("heading") or (kind and outside[i])
            asides[i] = asides[i] or (begun and labels[i] is None and bool(apart))
            begun = begun or labels[i] is not None
    keys = [speaker_key(label.name) if label else "" for label in labels]
    found = [key for key in keys if key]
    # A share of labelled paragraphs and a repeated label, so that a stray "Note:" or
    # "Update:" in a magazine Q&A does not turn it into a transcript; one question and its
    # answer (`_one_exchange`) need no repeat. Speakers named by the file itself need neither.
    labelled = (from_file and bool(found)) or (
        len(found) >= max(2, _LABELLED_SHARE * asides.count(False))
        and (Counter(found).most_common(1)[0][1] >= 2 or _one_exchange(pars, asides, labels))
    )
    if labelled:
        typed = _typed_labels(bounds, turns) if from_file else [True] * len(pars)
        _one_off_notes_set_aside(labels, keys, asides, typed)
        _read_out_lines_kept(pars, labels, keys, typed)
        names = _display_names(labels, keys)
        unnamed = _unnamed_turns(bounds, turns) if from_file else ()
        roles = _detect_labelled(pars, asides, [names.get(key, "") for key in keys], unnamed)
    else:
        roles = _detect_journalistic(pars, plain_asides, _set_apart(bounds, spans))
    times = [
        label.timestamp if label is not None else _leading_time(par)
        for par, label in zip(pars, labels, strict=True)
    ]
    times = _with_end_stamps(pars, asides, times)
    return [
        Segment(role, speaker, start, end, time, label.name if labelled and label else "")
        for (start, end), (role, speaker), label, time in zip(
            bounds, roles, labels, times, strict=True
        )
    ]


def _leading_time(par: str) -> str:
    """The time in brackets that opens an unlabelled paragraph ("[00:01:23] So…"), or the
    time alone that it is (the stamp above a turn), or ""."""
    if par[:1].isdigit() and _TIME_RE.fullmatch(par):
        return par
    if par.startswith(("[", "{", "#")) and (alone := _STAMP_ALONE_RE.fullmatch(par.rstrip())):
        return next(time for time in alone.groups() if time)
    bracketed = _LEADING_TIME_RE.match(par)
    time = _TIME_RE.search(par, 0, bracketed.end()) if bracketed else None
    return time[0] if time else ""


def leading_time_end(text: str, seg: Segment) -> int:
    """Where the time in brackets that opens `seg`, an unlabelled paragraph, ends with the
    blanks after it ("[00:00:00.000 --> 00:00:04.000]   So…"); `seg.start` for none."""
    time = _LEADING_TIME_RE.match(text, seg.start, seg.end)
    if time is None and seg.timestamp:  # QualCoder's stamp alone on its line
        time = _STAMP_ALONE_RE.match(text, seg.start, seg.end)
    if seg.label or time is None:
        return seg.start
    end = time.end()
    while end < seg.end and text[end] in " \t":
        end += 1
    return end


def words_start(text: str, seg: Segment) -> int:
    """Where the words said in `seg` start: after its label (`speech_start`), or after the
    time that opens it when it has no label (`leading_time_end`)."""
    return speech_start(text, seg) if seg.label else leading_time_end(text, seg)


def _with_end_stamps(pars: Sequence[str], asides: Sequence[bool], times: list[str]) -> list[str]:
    """`times` (when each paragraph starts, as written; "" for none) with the times that
    stamps at paragraphs' ends give, where the transcript writes its times so.

    Such a stamp marks when its paragraph ends: f4transkript and f5transkript, and tools
    that write for MAXQDA as they do (tscribe), put the time at a paragraph's end when the
    typist presses Enter ("… we left. #00:01:23-4#", tenths after the dash), and typists
    who stamp by hand follow them ("… we left. [00:01:23]"). So each is the next
    paragraph's start, and the first stamped paragraph starts the recording, at 0:00.
    It is the transcript's way when at least half its paragraphs of speech, two or more,
    end in a stamp and fewer start with a time; a time ending a line now and then ("We
    met at (10:30)") is said, not stamped. The text is left as it is: the stamp is shown
    where the file has it, and every offset stays on its word.
    """
    ends = [end_stamp(par) if not time else "" for par, time in zip(pars, times, strict=True)]
    stamped = sum(map(bool, ends))
    if stamped < 2 or stamped * 2 < asides.count(False) or stamped <= sum(map(bool, times)):
        return times
    timed = list(times)
    first = next(i for i, end in enumerate(ends) if end)
    timed[first] = timed[first] or "00:00:00"
    for i, end in enumerate(ends[:-1]):
        if end and not timed[i + 1]:
            timed[i + 1] = end
    return timed


def end_stamp(par: str) -> str:
    """The time a stamp after the paragraph's words writes ("… left. [00:01:23]", "(12:05)",
    f4's "#00:01:23-4#" as "00:01:23.4"), "" for none."""
    match = _end_stamp_at(par)
    if match is None:
        return ""
    if match["time"]:
        return match["time"]
    return f"{match['f4']}.{match['tenths']}" if match["tenths"] else match["f4"]


def _end_stamp_at(par: str) -> re.Match[str] | None:
    # Most paragraphs: no bracket at the end, or no colon where a time's last one is
    # (":23]", ":23.456]", ":23-4#").
    if par[-1:] not in _END_STAMP_OPENERS or ":" not in par[-8:-3]:
        return None
    at = par.rfind(_END_STAMP_OPENERS[par[-1]], max(0, len(par) - _END_STAMP_MAX_CHARS), -1)
    match = re.compile(_END_STAMP).fullmatch(par, at) if at > 0 else None
    return None if match is None or par[:at].isspace() else match  # alone, it ends nothing


def _one_off_notes_set_aside(
    labels: list[Label | None], keys: list[str], asides: list[bool], typed: Sequence[bool]
) -> None:
    """A typist's or editor's note in a labelled transcript ("Note: the recording paused
    here…", "Update: …") is no speaker's turn: used once, such a word typed as a label is
    no name, and its paragraph an aside (in place). A name a file's field gives (a voice
    span, a JSON speaker) is trusted."""
    counts = Counter(keys)
    for i, key in enumerate(keys):
        if key in _NOTE_WORDS and counts[key] == 1 and typed[i]:
            labels[i], keys[i], asides[i] = None, "", True


def _read_out_lines_kept(
    pars: Sequence[str], labels: list[Label | None], keys: list[str], typed: Sequence[bool]
) -> None:
    """Lines a speaker reads out or lists after a colon ("…what was on the board:" over
    "Time: 6am to 6pm" and "Break: 20 minutes") go on in their turn: such a word used
    once as a label is no speaker."""
    counts = Counter(keys)
    listing = False
    for i, key in enumerate(keys):
        after_colon = i > 0 and (listing or pars[i - 1].rstrip().endswith(":"))
        listing = bool(key) and counts[key] == 1 and typed[i] and after_colon
        if listing:
            labels[i], keys[i] = None, ""


def _one_exchange(
    pars: Sequence[str], asides: Sequence[bool], labels: Sequence[Label | None]
) -> bool:
    """Two labelled paragraphs and no unlabelled speech after the first, the first a
    question or asked by a role ("Interviewer:", "Q:"): a short transcript, as a REFI
    project's may be; not a glossary of "Apple: …", "Banana: …" (titles above may stay)."""
    first = next((i for i, label in enumerate(labels) if label is not None), len(labels))
    rest = [i for i in range(first, len(pars)) if not asides[i]]
    if len(rest) != 2 or any(labels[i] is None for i in rest):
        return False
    label = labels[first]
    assert label is not None
    return _ends_with_question_mark(pars[first]) or _label_role(label.name) is Role.QUESTION


def read_labels(pars: Sequence[str], skip: Sequence[bool] = ()) -> list[Label | None]:
    """The speaker label of each paragraph, None where there is none.

    Accepted: "Name:" with the name capitalised (or in a script without case), a label in
    lower case that recurs or names a role ("interviewer:"), and a name alone on its line
    above the speech when it carries a time (Otter), names a role, is also used with a
    colon, or when such lines are common. Paragraphs where `skip` is true are not read.
    A typed transcript's header above the first turn ("Date: 14 February") is no label
    (`_header_fields_left_out`).
    """
    found: list[tuple[Label, str] | None] = [
        None if (skip and skip[i]) else _label_candidate(par) for i, par in enumerate(pars)
    ]
    tabs = sum(1 for c in found if c is not None and c[1] == "\t")
    if tabs and sum(1 for c in found if c is not None and c[1] in (":", "：")) >= tabs:
        # A transcript labelled with colons: a tab is no label in it ("Monday<tab>10 to 6",
        # a small table in an answer, read as a speaker Monday). One labelled with tabs
        # keeps them, with a header's "Date: 14 February" or an answer's "Example: …".
        found = [None if c and c[1] == "\t" else c for c in found]
    keys = [speaker_key(c[0].name) if c else "" for c in found]
    colon = Counter(key for c, key in zip(found, keys, strict=True) if c and c[1] not in ("", "["))
    alone = Counter(key for c, key in zip(found, keys, strict=True) if c and not c[1])
    body = len(pars) - sum(bool(x) for x in skip)
    common = sum(alone.values()) >= max(2, _ALONE_SHARE * body)
    # QualCoder writes every label in brackets: beside "Name:" labelling turns, "[Nods]" is a note.
    named = Counter(
        key
        for c, key in zip(found, keys, strict=True)
        if c and c[1] not in ("", "[") and (capitalised(c[0].name) or _label_role(key))
    )
    bracketed = Counter() if max(named.values(), default=0) >= 2 else _bracketed_names(found, keys)

    def believable(i: int) -> bool:
        """Whether paragraph i reads as a label, leaving aside the paragraph after it."""
        candidate, key = found[i], keys[i]
        if candidate is None:
            return False
        label, has_colon = candidate
        role = _label_role(key) is not None
        if has_colon == "[":
            return key in bracketed and (
                role or capitalised(label.name) or bracketed[key] >= _LOWER_CASE_REPEATS
            )
        if has_colon:
            return role or capitalised(label.name) or colon[key] >= _LOWER_CASE_REPEATS
        return (role or (capitalised(label.name) and not label.name.endswith("."))) and (
            bool(label.timestamp) or role or key in colon or (common and alone[key] > 1)
        )

    believed = [believable(i) for i in range(len(found))]
    # A name alone is a label above speech: not above another label, nor at the end.
    # A short reply under it ("Yes.") is speech, though it looks like a name.
    return _header_fields_left_out(
        pars,
        [
            candidate[0]
            if candidate is not None
            and believed[i]
            and (candidate[1] or (i + 1 < len(pars) and not believed[i + 1]))
            else None
            for i, candidate in enumerate(found)
        ],
    )


def _bracketed_names(
    found: Sequence[tuple[Label, str] | None], keys: Sequence[str]
) -> Counter[str]:
    """The names in brackets opening lines (`found`) that are speakers, with how many
    lines each opens: each opens two lines or more, is no typist's note ("[laughs]"), and
    two or more such names take turns, one's lines, another's, the first's again. A note
    seldom does so, nor a placeholder of the anonymised ("[Town] is small")."""
    opened = [key for c, key in zip(found, keys, strict=True) if c and c[1] == "["]
    counts = Counter(key for key in opened if not is_bracket_note(key))
    names = Counter({key: n for key, n in counts.items() if n >= 2})
    order = [key for key in opened if key in names]
    turns = sum(a != b for a, b in pairwise(order))
    return names if len(names) >= 2 and turns >= _BRACKETED_TURNS else Counter()


def _header_fields_left_out(pars: Sequence[str], labels: list[Label | None]) -> list[Label | None]:
    """A typed transcript's header ("Date: 14 February", "Location: Zoom") above the first
    turn is no speaker: a field named once there is no label (the paragraph an intro).
    Nor, in a header with such a field, is a role naming who plays it ("Interviewer: Dr.
    Ruth Mensah", "Participant: P12 (nurse, 34)"): a name, not a sentence. Without a
    field, such roles are the header where someone they name speaks under a label of
    their name ("Interviewer: Tom Baker" above "Tom: How did…"): the interviewer's
    questions were answers, the header line the only question."""
    counts = Counter(speaker_key(label.name) for label in labels if label)
    header: list[int] = []
    fields = 0
    for i, label in enumerate(labels):
        if label is None:
            continue
        key = speaker_key(label.name)
        if key in _HEADER_FIELDS and counts[key] == 1:
            fields += 1
        elif _label_role(key) is None or not _names_someone(pars[i][label.end :]):
            break  # the first turn: the header, if any, has ended
        header.append(i)
    named = any(
        _named_speaks(pars[i][label.end :], counts)
        for i in header
        if (label := labels[i]) is not None
    )
    for i in header if fields or named else ():
        labels[i] = None
    return labels


def _named_speaks(name: str, counts: Counter[str]) -> bool:
    """Whether the person `name` names speaks under a label of their name: whole, or its
    first or last word ("Tom Baker" as "Tom:")."""
    words = name.split()
    return bool(words) and any(counts[speaker_key(n)] for n in {name.strip(), words[0], words[-1]})


def _names_someone(speech: str) -> bool:
    """Whether the words after a role's label are a name or an id, not something said:
    a few words, each capitalised, a number or in brackets, none ending a sentence (an
    initial's full stop aside); one word must hold a digit ("P12"), not greet ("Hi")."""
    words = speech.split()
    if not 0 < len(words) <= _NAME_MAX_WORDS or _ends_with_question_mark(speech):
        return False
    first = _WORD_RE.findall(words[0].casefold())
    if first and (first[0] in _GREETINGS or first[0] in _ACKNOWLEDGEMENTS):
        return False  # "Good Morning", "Welcome Back": said, capitalised
    if len(words) == 1 and not any(char.isdigit() for char in words[0]):
        return False
    return all(
        (word[0].isupper() or word[0].isdigit() or word[0] in "([")
        and not word.endswith(("!", "…"))
        and not (word.endswith(".") and len(word) > 3)
        for word in words
    )


def label_at(par: str) -> Label | None:
    """A "Name:" label at the start of `par` that needs no other line to be believed:
    capitalised, or naming a role."""
    candidate = _label_candidate(par)
    if candidate is None or candidate[1] in ("", "["):
        return None
    label = candidate[0]
    ok = capitalised(label.name) or _label_role(speaker_key(label.name)) is not None
    return label if ok else None


def is_non_speech(par: str) -> bool:
    """An unlabelled line that is plainly not speech: "[inaudible]", "(laughs)", a note
    that the connection dropped, a separator."""
    return len(par) <= _NON_SPEECH_MAX_CHARS and bool(_NON_SPEECH_RE.fullmatch(par))


def speech_direction(text: str, seg: Segment, speech: int) -> str:
    """ "ltr" or "rtl" when the words of `seg` (from `speech`, to its line's end) run the
    other way from its speaker label, "" when they agree or say nothing. A paragraph
    takes the direction of its first letter, the label's: an Arabic name over English
    words would read right to left."""
    line_end = text.find("\n", speech, seg.end)
    words = _direction(text, speech, seg.end if line_end < 0 else line_end)
    return words if words and words != _direction(text, seg.start, speech) else ""


def text_direction(text: str) -> str:
    """ "rtl" or "ltr" from the first letter of `text` that has a direction, as Unicode's
    rule for a paragraph (and HTML's dir="auto") takes it; "" when none has one."""
    return _direction(text, 0, len(text))


def _direction(text: str, start: int, end: int) -> str:
    """The direction of the first letter of text[start:end] that has one."""
    for i in range(start, end):
        char = text[i]
        if char.isascii():  # most letters of most transcripts: no table to look up
            if char.isalpha():
                return "ltr"
            continue
        kind = bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return ""


def speech_start(text: str, seg: Segment) -> int:
    """Where the words of `seg` start in `text`: after its label ("Name: ", "**Q:** "),
    `seg.end` for a name alone on its line, `seg.start` for a paragraph without a label."""
    if not seg.label:
        return seg.start
    head = seg.start + len(seg.label)
    if text.startswith(seg.label, seg.start) and head < seg.end and text[head] in ":：":
        # "Name: " as most transcripts write it (and as a file's turns are): no search.
        head += 1
        while head < seg.end and text[head] in " \t":
            head += 1
        return head
    candidate = _label_candidate(text[seg.start : seg.end])
    return seg.start + candidate[0].end if candidate else seg.start


@lru_cache(maxsize=4096)  # a transcript repeats a few names thousands of times
def speaker_key(name: str) -> str:
    """What variants of one label have in common: case, spacing, markup, a number with
    or without a space ("Interviewer2", "interviewer 2", "Interviewer2 2"), short forms."""
    name = re.sub(f"[{_DIRECTION_MARKS}\u200b\ufeff]", "", name)
    key = re.sub(r"[\s_*]+", " ", name.casefold()).strip().rstrip(".").strip()
    key = re.sub(r"(?<=[^\W\d])(?=\d)", " ", key)
    key = re.sub(r"\b0+(?=\d)", "", key)
    key = re.sub(r" (\d+)(?: \1)+$", r" \1", key)
    words = key.split(" ")
    number = next((i for i, w in enumerate(words) if w.isdigit()), len(words))
    base = " ".join(words[:number]).rstrip(".")
    return " ".join([_ALIASES.get(base, base), *words[number:]]).strip()


def paragraphs_by_speaker(segments: Iterable[Segment]) -> dict[str, list[Segment]]:
    """Each speaker's paragraphs, asides left out, in the order the speakers first speak."""
    paragraphs: dict[str, list[Segment]] = {}
    for seg in segments:
        if seg.speaker and seg.role != Role.ASIDE:
            paragraphs.setdefault(seg.speaker, []).append(seg)
    return paragraphs


def side_of(paragraphs: Iterable[Segment]) -> Role:
    """A speaker's side, from their paragraphs (paragraphs_by_speaker): the role of most
    of them, the first counted among equals. The Speakers dialog shows it, and who
    answers is the interview's participant (participants.answering_speakers)."""
    return Counter(seg.role for seg in paragraphs).most_common(1)[0][0]


def speaker_report(text: str, segments: Sequence[Segment]) -> SpeakerReport:
    """The speakers of `segments` (turn count, first words, label variants) and whether
    the detection is unsure: few labels, no question marks, nobody asking."""
    turns: Counter[str] = Counter()
    previous = ""
    for seg in segments:
        if seg.role != Role.ASIDE:
            turns[seg.speaker] += seg.speaker != previous
            previous = seg.speaker
    speakers = []
    for name, segs in paragraphs_by_speaker(segments).items():
        role = side_of(segs)
        first = next((seg for seg in segs if seg.end - seg.start > len(seg.label) + 1), segs[0])
        speech = text[speech_start(text, first) : first.end]
        variants = tuple(dict.fromkeys(seg.label for seg in segs if seg.label))
        speakers.append(
            SpeakerInfo(
                name=name,
                role=role,
                turns=turns[name],
                paragraphs=len(segs),
                first_words=" ".join(speech.split()[:_FIRST_WORDS]),
                variants=variants if variants != (name,) else (),
            )
        )
    reasons = []
    spoken = [seg for seg in segments if seg.role not in (Role.ASIDE, Role.INTRO)]
    labelled = sum(bool(seg.label) for seg in segments)
    if not any(seg.role == Role.QUESTION for seg in segments):
        reasons.append("No questions were found.")
    elif labelled == 0:
        candidates = sum(bool(x) for x in read_labels([text[s.start : s.end] for s in spoken]))
        if candidates == 1:
            reasons.append("Only one paragraph starts with a speaker label; it was not used.")
        elif candidates:
            reasons.append(
                f"{candidates} of {len(spoken)} paragraphs start with a speaker label, too few "
                "to go by (and none used twice); they were not used."
                if candidates >= len(spoken)
                else f"Only {candidates} of {len(spoken)} paragraphs start with a speaker "
                "label; they were not used."
            )
        if not any(_ends_with_question_mark(text[s.start : s.end]) for s in spoken):
            reasons.append("There are no question marks: who asks was guessed.")
    elif len(speakers) < 2:
        reasons.append("Only one speaker was found.")
    return SpeakerReport(tuple(speakers), bool(reasons), tuple(reasons))


def _label_candidate(par: str) -> tuple[Label, str] | None:
    """(label, what parts it from the speech: ":" (or "：", or a tab), "[" for a name in
    brackets, "" for a name alone on its line) when `par` starts like a label, before the
    document-wide checks."""
    # Cheap tests first: most paragraphs of a long text are neither (5 MB: ~70 ms saved).
    head = par[:_LABEL_MAX_CHARS]
    match = _LABEL_RE.match(par) if ":" in head or "：" in head or "\t" in head else None
    has_colon = match is not None
    if match is None and par[:1] in _CLOSING_BRACKET:
        bracketed = re.match(_BRACKETED_NAME, par)
        if bracketed and par[bracketed.end("name")] == _CLOSING_BRACKET[par[0]]:
            return Label(bracketed["name"], "", bracketed.end()), "["
    if match is None:
        match = _ALONE_RE.fullmatch(par) if len(par) <= _LABEL_MAX_CHARS else None
        if match is None:
            return None
    name = match["name"].strip("_")
    if not name:
        return None
    time = _TIME_RE.search(par, 0, match.end())
    label = Label(name, time[0] if time else "", match.end() if has_colon else len(par))
    return label, match["sep"] if has_colon else ""


def capitalised(name: str) -> bool:
    """Every word starts with a capital, a digit, or a letter of a script without case."""
    return all(not word[0].islower() for word in name.split())


def _labels_of_turns(spans: list[tuple[int, int]], turns: Sequence[Turn]) -> list[Label | None]:
    """The labels of paragraphs that start a turn of a transcript file."""
    by_start = {turn.start: turn for turn in turns if turn.speaker}
    labels: list[Label | None] = []
    for start, _ in spans:
        turn = by_start.get(start)
        if turn is None:
            labels.append(None)
            continue
        time = "" if turn.start_ms is None else format_ms(turn.start_ms)
        labels.append(Label(turn.speaker, time, len(turn.speaker) + 1))
    return labels


def _typed_labels(spans: list[tuple[int, int]], turns: Sequence[Turn]) -> list[bool]:
    """Whether each paragraph starts a turn of a transcript file whose speaker the reader
    took from a label typed in the text (Turn.typed)."""
    starts = {turn.start for turn in turns if turn.typed}
    return [start in starts for start, _ in spans]


def _unnamed_turns(spans: list[tuple[int, int]], turns: Sequence[Turn]) -> list[bool]:
    """Whether each paragraph starts a turn of a transcript file that names no speaker
    (a subtitle's dialogue dash), where the file names the others."""
    starts = {turn.start for turn in turns if not turn.speaker}
    return [start in starts for start, _ in spans]


def is_note_word(name: str) -> bool:
    """Whether a label's name is a word that starts a typist's or editor's note ("Note:",
    "Update:"), not a speaker, when a transcript uses it once."""
    return speaker_key(name) in _NOTE_WORDS


def part_titles(
    pars: Sequence[str], labels: Sequence[Label | None], kinds: Sequence[str]
) -> list[bool]:
    """Whether each paragraph, though it opens with a label, titles a part of the
    interview ("Section A: Background", "Topic 2: Work"): set apart as a heading or all in
    bold (`kinds`, as `_set_apart` gives them), words after its label, whose name labels
    no other paragraph, nor says who asks or answers. "Q: How did you start?" as a
    heading still asks, and so do "Sarah: How…?" and "Sarah: And then?", two headings of
    one interviewer's questions. A title ends in no sentence's stop: "Tom: And your
    brothers?", a co-interviewer's one question, bold as every question of the transcript
    is, is Tom's."""
    keys = [speaker_key(label.name) if label is not None else "" for label in labels]
    counts = Counter(key for key in keys if key)
    return [
        label is not None
        and bool(kind)
        and label.end < len(par.rstrip())
        and _label_role(label.name) is None
        and counts[key] == 1
        and not ends_sentence(par[label.end :].rstrip())
        for par, label, key, kind in zip(pars, labels, keys, kinds, strict=True)
    ]


def _outside_turns(bounds: Sequence[tuple[int, int]], turns: Sequence[Turn]) -> list[bool]:
    """Whether each paragraph (its bounds) lies in none of a transcript file's turns."""
    spans = sorted((turn.start, turn.end) for turn in turns)
    starts = [start for start, _ in spans]
    outside = []
    for start, _ in bounds:
        i = bisect_left(starts, start + 1) - 1  # the last turn starting at or before it
        outside.append(i < 0 or spans[i][1] <= start)
    return outside


def is_bracket_note(name: str) -> bool:
    """Whether a word in brackets is a typist's note ("[laughs]", "(inaudible)"), not a
    speaker's name."""
    return speaker_key(name) in _BRACKET_NOTES


def is_notice(paragraph: str) -> bool:
    """A tool's line in a transcript, no one's speech: "Aroha Ngata stopped transcription"
    (Microsoft Teams), "Meeting ended after 00:42:17 👋" (Google Meet), "Transcribed by
    https://otter.ai"."""
    if paragraph.endswith(" transcription"):
        return bool(_TRANSCRIPTION_NOTICE.fullmatch(paragraph))
    if paragraph[:20].casefold() == "meeting ended after ":
        return bool(re.fullmatch(_MEETING_ENDED, paragraph))
    return paragraph[:13].casefold() == "transcribed b" and is_non_speech(paragraph)


def format_ms(ms: int) -> str:
    """ "01:02:03" for 3,723,000 ms."""
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _display_names(labels: Sequence[Label | None], keys: Sequence[str]) -> dict[str, str]:
    """Key -> the name shown for it: its most used spelling, a tidy one on ties."""
    spellings: dict[str, Counter[str]] = {}
    for label, key in zip(labels, keys, strict=True):
        if label is not None:
            spellings.setdefault(key, Counter())[label.name] += 1

    def rank(item: tuple[str, int]) -> tuple[int, bool, bool]:
        name, count = item  # most used, then capitalised, then spaced as the key is
        return count, capitalised(name), speaker_key(name) == name.casefold()

    # max() keeps the first seen among equals; Counter keeps insertion order.
    return {key: max(counts.items(), key=rank)[0] for key, counts in spellings.items()}


def apply_corrections(
    segments: list[Segment],
    roles: dict[int, Role],
    speakers: dict[str, str],
    sides: dict[str, Role] | None = None,
) -> list[Segment]:
    """The reader's corrections applied to `segments`, as new segments.

    `roles` maps a segment's start offset to the role the reader chose; `speakers` renames
    a detected speaker; `sides` puts a speaker (by the name shown, after renaming) on the
    asking (QUESTION) or answering (ANSWER) side for all their questions and answers.
    A paragraph moved to QUESTION or ANSWER keeps the speaker its label or turn names
    (the interviewer's greeting marked an answer is still hers); one without a speaker,
    or in an unlabelled interview (where who speaks was guessed from the roles), takes
    that side's usual speaker ("Interviewer" / "Interviewee" when there is none). Other
    roles have no speaker.
    """
    if not roles and not speakers and not sides:
        return list(segments)  # nothing to correct: most interviews, 16,000 paragraphs
    sides = sides or {}
    renamed = []
    for seg in segments:
        speaker = speakers.get(seg.speaker) or seg.speaker
        side = sides.get(speaker)
        role = side if side is not None and seg.role in _SIDES else seg.role
        renamed.append(
            seg
            if (speaker, role) == (seg.speaker, seg.role)
            else replace(seg, speaker=speaker, role=role)
        )
    usual = {
        Role.QUESTION: _usual_speaker(renamed, Role.QUESTION, _renamed(_INTERVIEWER, speakers)),
        Role.ANSWER: _usual_speaker(renamed, Role.ANSWER, _renamed(_INTERVIEWEE, speakers)),
    }
    # Labels name the speakers of every turn (detect_segments); without any, each
    # speaker is only the guess that follows from the paragraph's role.
    named = any(seg.label for seg in segments)
    corrected = []
    for seg in renamed:
        role = roles.get(seg.start, seg.role)
        if role == seg.role:
            corrected.append(seg)
            continue
        speaker = ""
        if role in usual:
            speaker = seg.speaker if named and seg.speaker else usual[role]
        corrected.append(replace(seg, role=role, speaker=speaker))
    return corrected


def question_numbers(
    segments: list[Segment], text: str = "", marked: Set[int] = frozenset()
) -> dict[int, int]:
    """Map segment index -> 1-based question number.

    Consecutive QUESTION segments of the same speaker are one question broken over
    paragraphs; asides between them (link-outs a magazine drops in) do not split it.
    Given the `text`, an asker's turn that only acknowledges ("Right.", "Mm-hmm, okay."),
    greets, thanks or checks the call ("Can you hear me?") is no question: it gets no
    number, and the outline no row, unless the reader marked it a question by hand (its
    start is in `marked`).
    """
    numbers: dict[int, int] = {}
    count = 0
    previous: Segment | None = None
    for index, seg in enumerate(segments):
        if seg.role == Role.ASIDE:
            continue
        asked = seg.role == Role.QUESTION
        if asked and text and seg.start not in marked and _asks_nothing(text, seg):
            # Said to the answer: the asker's next words start a question of their own.
            previous = None
            continue
        if asked:
            continues = (
                previous is not None
                and previous.role == Role.QUESTION
                and previous.speaker == seg.speaker
            )
            count += not continues
            numbers[index] = count
        previous = seg
    return numbers


def _asks_nothing(text: str, seg: Segment) -> bool:
    """Whether the paragraph, its label aside, only acknowledges what was said, greets or
    checks the call."""
    speech = text[speech_start(text, seg) : seg.end]
    return _only_acknowledgements(speech) or _greets_or_checks_the_call(speech)


def _greets_or_checks_the_call(speech: str) -> bool:
    """Whether `speech` is only greetings, thanks, back-channels and checks of the call:
    each sentence that asks, a check ("Hi Tom, can you hear me okay?"); each other,
    greetings ("Thanks for joining me today.", "That's all my questions.")."""
    if len(speech) > _CALL_CHECK_MAX_CHARS:
        return False
    sentences = _ANY_SENTENCE_RE.findall(speech)
    return bool(sentences) and all(map(_greets_or_checks, sentences))


def _greets_or_checks(sentence: str) -> bool:
    words = _WORD_RE.findall(sentence)
    folded = [word.casefold() for word in words]
    greeted, start = False, 0
    for word, said in zip(words, folded, strict=True):
        if said in _GREETINGS or said in _ACKNOWLEDGEMENTS:
            greeted = said in _NAMED_AFTER
        elif greeted and word[0].isupper():  # "Hi Sam", "Thanks Maria"
            greeted = False
        else:
            break
        start += 1
    rest = " ".join(folded[start:])
    if not _ends_with_question_mark(sentence.rstrip()):
        return not rest
    if rest.partition(" ")[0] not in _CHECK_FIRST_WORDS:  # most questions: no regex to compile
        return False
    check = re.match(_CALL_CHECK, rest)
    return check is not None and all(word in _CHECK_TAILS for word in rest[check.end() :].split())


def _only_acknowledgements(speech: str) -> bool:
    if len(speech) > _ACKNOWLEDGEMENT_MAX_CHARS or _ends_with_question_mark(speech):
        return False
    words = _WORD_RE.findall(speech.casefold())
    return bool(words) and all(word in _ACKNOWLEDGEMENTS for word in words)


def question_start(text: str, seg: Segment) -> int:
    """Where the words of the question `seg` start: after its label (`speech_start`) or
    the time opening it (`leading_time_end`) and the back-channels said before them
    ("Mm-hm. How did…?": Zoom's cues of one speaker join in one turn), so that its outline
    row and export heading start with the question.
    """
    start = words_start(text, seg)
    head = start
    while (sentence := _SENTENCE_RE.match(text, head, seg.end)) and _only_acknowledgements(
        sentence[0]
    ):
        head = sentence.end()
    return start if _only_acknowledgements(text[head : seg.end]) else head


def _renamed(name: str, speakers: dict[str, str]) -> str:
    return speakers.get(name) or name


def _usual_speaker(segments: list[Segment], role: Role, default: str) -> str:
    counts = Counter(seg.speaker for seg in segments if seg.role == role and seg.speaker)
    return counts.most_common(1)[0][0] if counts else default


def ends_sentence(words: str) -> bool:
    """Whether `words` end a sentence, or are none: a stop, a question mark, a colon, with
    the quotes and brackets that may close after it."""
    end = words.rstrip(_CLOSERS)
    return not end or end[-1] in _SENTENCE_ENDS


def _ends_with_question_mark(par: str) -> bool:
    if stamp := _end_stamp_at(par):
        par = par[: stamp.start()]  # "Why? [00:01:23]": a time after the words asks nothing
    par = par.rstrip(_CLOSERS)  # in C: most paragraphs end here, in a letter or a full stop
    end = len(par)
    while (
        end
        and par[end - 1] not in _QUESTION_MARKS
        and (par[end - 1] in _CLOSERS or category(par[end - 1]) in _TRAILING_SYMBOLS)
    ):
        end -= 1
    return end > 0 and par[end - 1] in _QUESTION_MARKS


def _pronouns(par: str) -> tuple[int, int]:
    """(first-person, second-person) pronoun counts."""
    words = _WORD_RE.findall(par.lower())
    return sum(w in _FIRST_PERSON for w in words), sum(w in _SECOND_PERSON for w in words)


def _is_closing(par: str, after_answer: bool) -> bool:
    """A sign-off such as "“Her Smell” is in theaters now." (the caller checks it is last)."""
    if any(_pronouns(par)) or _ends_with_question_mark(par):
        return False
    return bool(_CLOSING_RE.search(par)) or (after_answer and len(par) < _CLOSING_MAX_CHARS)


def _set_apart(bounds: Sequence[tuple[int, int]], spans: Sequence[Span]) -> list[str]:
    """Of each paragraph (its bounds), the kind of the file's span that sets all of it
    apart: "strong" (bold), "heading1" to "heading6", or "" for none."""
    kinds = [""] * len(bounds)
    starts = [start for start, _ in bounds]
    for span in spans:
        if span.kind == "strong" or span.kind.startswith("heading"):
            i = bisect_left(starts, span.start)
            while i < len(bounds) and bounds[i][1] <= span.end:
                kinds[i] = kinds[i] if kinds[i].startswith("heading") else span.kind
                i += 1
    return kinds


def _detect_journalistic(
    pars: list[str], asides: list[bool], set_apart: list[str]
) -> list[tuple[Role, str]]:
    """Roles of an unlabelled Q&A: intro, then questions each followed by an answer."""
    roles: list[Role] = [Role.ASIDE if aside else Role.OTHER for aside in asides]
    body = [i for i, aside in enumerate(asides) if not aside]
    apart = [set_apart[i] for i in body]
    if body and apart[0] == "heading1":
        apart[0] = ""  # the title: with the intro, whatever follows it
    if _questions_set_apart([pars[i] for i in body], apart):
        _set_apart_roles(roles, body, apart)
    else:
        _asked_roles(pars, roles, body)
    if Role.QUESTION not in roles:  # no question at all: not an interview we can read
        return [(role, "") for role in roles]
    roles = [Role.INTRO if role == Role.OTHER else role for role in roles]
    last = body[-1]
    after_answer = len(body) > 1 and roles[body[-2]] == Role.ANSWER
    if roles[last] == Role.ANSWER and _is_closing(pars[last], after_answer=after_answer):
        roles[last] = Role.CLOSING
    speakers = {Role.QUESTION: _INTERVIEWER, Role.ANSWER: _INTERVIEWEE}
    return [(role, speakers.get(role, "")) for role in roles]


def _questions_set_apart(pars: Sequence[str], apart: Sequence[str]) -> bool:
    """Whether a Q&A's paragraphs (its body) set its questions apart, in bold or as
    headings, with or without a question mark: two or more are followed by plain ones,
    and few plain paragraphs ask (a Q&A of question marks with bold section headings asks
    in plain ones)."""
    questions = [
        k for k in range(len(pars) - 1) if apart[k] and not apart[k + 1]
    ]  # each followed by its answer
    asked = sum(_ends_with_question_mark(pars[k]) for k in questions)
    asked_plainly = sum(
        _ends_with_question_mark(par) for par, kind in zip(pars, apart, strict=True) if not kind
    )
    return len(questions) >= 2 and asked_plainly <= max(asked, len(questions) // 4)


def _set_apart_roles(roles: list[Role], body: Sequence[int], apart: Sequence[str]) -> None:
    """Each paragraph set apart before a plain one a question, the plain ones after it its
    answer; one set apart before another (a section's heading) an aside."""
    asking = False
    for k, i in enumerate(body):
        if not apart[k]:
            if asking:
                roles[i] = Role.ANSWER
        elif k + 1 < len(body) and not apart[k + 1]:
            roles[i], asking = Role.QUESTION, True
        elif asking:
            roles[i] = Role.ASIDE
        # before the first question: a title or a heading, with the intro


def _asked_roles(pars: list[str], roles: list[Role], body: Sequence[int]) -> None:
    """Questions by their question marks (or, short and addressing "you", their place
    before a longer answer), each followed by its answer."""
    previous: Role | None = None
    for k, i in enumerate(body):
        par = pars[i]
        following = pars[body[k + 1]] if k + 1 < len(body) else None
        next_is_question = following is not None and _ends_with_question_mark(following)
        if previous == Role.QUESTION:
            role = Role.ANSWER
        elif _ends_with_question_mark(par) and not next_is_question:
            role = Role.QUESTION
        elif previous is None:
            # Intros address the reader as "you" too; only a question mark starts the Q&A.
            continue
        else:
            first, second = _pronouns(par)
            asks = (
                following is not None
                and not next_is_question
                and second > 0
                and second >= first
                and len(par) < min(_QUESTION_MAX_CHARS, len(following))
            )
            role = Role.QUESTION if asks else Role.ANSWER
        roles[i] = previous = role


def _detect_labelled(
    pars: list[str], asides: list[bool], labels: list[str], unnamed: Sequence[bool] = ()
) -> list[tuple[Role, str]]:
    """Roles of a transcript whose turns start with "Speaker:"; unlabelled paragraphs
    continue the turn before them, but for those that start a turn the file gives no
    speaker (`unnamed`): nobody's, as the paragraphs that continue it."""
    unnamed = unnamed or [False] * len(pars)
    turns: list[tuple[str, str]] = []  # (speaker, the turn's last paragraph)
    for par, aside, label, nobody in zip(pars, asides, labels, unnamed, strict=True):
        if label or nobody:
            turns.append((label, par))
        elif turns and not aside:
            turns[-1] = (turns[-1][0], par)
    speakers = list(dict.fromkeys(label for label, _ in turns if label))
    by_label = {name: _label_role(name) for name in speakers}
    plain = [name for name in speakers if by_label[name] is None]
    if plain and Role.QUESTION not in by_label.values():
        # Plain names: whoever asks most is the interviewer; max() keeps the first on ties.
        asked = Counter(label for label, last in turns if _asks(last))
        by_label[max(plain, key=lambda name: asked[name])] = Role.QUESTION
    roles: list[tuple[Role, str]] = []
    current: tuple[Role, str] = (Role.INTRO, "")
    for aside, label, nobody in zip(asides, labels, unnamed, strict=True):
        if label:
            current = (by_label[label] or Role.ANSWER, label)
        elif nobody and current[0] is not Role.INTRO:
            current = (Role.OTHER, "")
        roles.append((Role.ASIDE, "") if aside else current)
    # An unlabelled sign-off would otherwise continue the last turn; it needs a closing phrase.
    last = max(i for i, aside in enumerate(asides) if not aside)  # labelled, so never empty
    if not labels[last] and _is_closing(pars[last], after_answer=False):
        roles[last] = (Role.CLOSING, "")
    return roles


def _asks(par: str) -> bool:
    """Whether a turn's last paragraph asks: a question mark ends it, or, in one as short
    as a question, a prompt opens its last sentence (`_PROMPT`)."""
    if _ends_with_question_mark(par):
        return True
    return (
        len(par) <= _QUESTION_MAX_CHARS
        and any(word in par for word in _PROMPT_WORDS)  # most paragraphs: no regex to run
        and re.match(_PROMPT, par, re.IGNORECASE) is not None
    )


def _label_role(label: str) -> Role | None:
    """The role a generic label names ("Q", "Interviewer 2", "Int."); None for a name."""
    base = re.sub(r"(?: \d+)+$", "", speaker_key(label))
    if base in _QUESTION_LABELS:
        return Role.QUESTION
    return Role.ANSWER if base in _ANSWER_LABELS else None


def label_role(label: str) -> Role | None:
    """The role a generic label names ("Q", "Interviewer 2", "Int.", "P07"); None for a
    name (for reader.core.participants, which fills no participant from such a label)."""
    return _label_role(label)
