"""Which files of a folder a study takes for transcripts (reader/core/study_scan.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest

from reader.core.study_scan import JSON_BLOCK, is_study_file_name, scan_folder, sniff
from tests.conftest import ROOT

TRANSCRIPTS = ROOT / "tests" / "data" / "transcripts"


def test_every_whisper_json_we_read_is_taken() -> None:
    shapes = sorted(TRANSCRIPTS.glob("*.json"))
    assert len(shapes) >= 5  # openai-whisper, WhisperX, faster-whisper, whisper.cpp, HF
    assert {p.name: sniff(p) for p in shapes} == {p.name: "" for p in shapes}


def test_json_that_is_no_transcript_is_skipped_and_said(tmp_path: Path) -> None:
    """A project's metadata.json beside the transcripts opened as the study's first
    interview: an error before the window showed, then no interview at all."""
    shutil.copy(TRANSCRIPTS / "zoom.vtt", tmp_path / "P01.vtt")
    (tmp_path / "metadata.json").write_text('{"project": "night shifts", "version": 2}')
    (tmp_path / "settings.json").write_text("{}")
    (tmp_path / "names.json").write_text('{"segments": "not a list"}')
    report = scan_folder(tmp_path)
    assert [p.name for p in report.found] == ["P01.vtt"]
    why = "it is JSON but not a Whisper transcript (it has no “segments”)"
    assert report.messages() == [
        f"metadata.json was skipped: {why}.",
        f"names.json was skipped: {why}.",
        f"settings.json was skipped: {why}.",
    ]


def test_segments_after_a_long_text_of_the_whole_are_found(tmp_path: Path) -> None:
    """openai-whisper writes the whole text first: its list may start blocks later, and
    a key cut between two blocks is found too."""
    for pad in (JSON_BLOCK * 2, JSON_BLOCK - len('{"text": "') - 5):
        path = tmp_path / f"long {pad}.json"
        segments = [{"start": 0.0, "end": 1.0, "text": "Hello"}]
        path.write_bytes(orjson.dumps({"text": "x" * pad, "segments": segments}))
        assert sniff(path) == ""


def test_a_bare_list_of_segments_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "faster.json"
    path.write_bytes(b'\xef\xbb\xbf\n  [{"start": 0, "end": 1, "text": "Hi"}]')
    assert sniff(path) == ""


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_whisper_json_saved_as_utf16_is_taken(tmp_path: Path, encoding: str) -> None:
    """Found by the formats review: Windows PowerShell 5's `>` writes UTF-16, which opened
    on its own but was skipped from a study as "JSON but not a Whisper transcript"."""
    segments = [{"start": 0.0, "end": 1.0, "text": "Hello"}]
    path = tmp_path / "P01.json"
    path.write_bytes(
        orjson.dumps({"text": "Hello", "segments": segments}).decode().encode(encoding)
    )
    assert sniff(path) == ""
    path.write_bytes('{"settings": {"theme": "dark"}}'.encode(encoding))
    assert "not a Whisper transcript" in sniff(path)
    assert [p.name for p in scan_folder(tmp_path).found] == []


def test_the_study_memo_and_its_copies_are_no_transcripts(tmp_path: Path) -> None:
    """memo.md in the study root is the study's; a memo.md in a subfolder may be a
    transcript, and the folder scanned as no study takes it too."""
    for name in ("P01.md", "memo.md", "memo.sync-conflict-20260101-000000-ABC.md", "sub/memo.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    in_study = scan_folder(tmp_path, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in in_study.found] == ["P01.md", "sub/memo.md"]
    assert len(scan_folder(tmp_path).found) == 4


def test_transcripts_named_like_the_study_files_are_transcripts(tmp_path: Path) -> None:
    """Only study.json, memo.md and their copies (which keep the extension) are the
    study's: "memo.txt" and "study (pilot).vtt" were left out without a word."""
    names = [
        "memo.txt",
        "study (pilot).txt",
        "memo (Ana).docx",
        "study.vtt",
        "study.corrupt-20260101-000000.json",
        "memo (conflicted copy).md",
    ]
    for name in names:
        (tmp_path / name).write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    (tmp_path / "study.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nHello.\n")
    (tmp_path / "memo (Ana).docx").unlink()  # not a Word file: only its name matters here
    found = scan_folder(tmp_path, tmp_path).found
    assert sorted(p.name for p in found) == ["memo.txt", "study (pilot).txt", "study.vtt"]
    assert all(not is_study_file_name(tmp_path / name) for name in names[:4])
    assert all(is_study_file_name(tmp_path / name) for name in names[4:])


def old_study(folder: Path) -> Path:
    """A study made in `folder` earlier: its study.json, memo and a notes file for each
    transcript in its notes folder."""
    from reader.core.document import load_document
    from reader.core.notes_file import NotesData
    from reader.core.store import save_notes
    from reader.core.study import open_study

    folder.mkdir()
    for name in ("P01-zoom.vtt", "P03.srt", "P05-otter.txt"):
        shutil.copy(ROOT / "tests" / "data" / "student" / name, folder / name)
    (folder / "memo.md").write_text("# What I saw\n\nNight shifts: ask about the scanner.\n")
    study = open_study(folder)
    for entry in study.interviews:
        meta = load_document(study.transcript_path(entry)).meta()
        save_notes(study.notes_path(entry), NotesData(document=meta))
    study.save()
    assert len(list((folder / "notes").glob("*.json"))) == 3
    return folder


def test_an_older_studys_folder_gives_its_transcripts_and_nothing_else(tmp_path: Path) -> None:
    """Its notes files were each said to be skipped ("3 files were skipped: it is an
    Interview Reader file, not a transcript"), which alarmed; they, its study.json and its
    memo are the older study's, left out as quietly as the study's own are."""
    report = scan_folder(old_study(tmp_path / "old"), tmp_path / "new")
    assert [p.name for p in report.found] == ["P01-zoom.vtt", "P03.srt", "P05-otter.txt"]
    assert report.skipped == [] and report.messages() == []


def test_notes_files_beside_the_transcripts_are_left_out_quietly(tmp_path: Path) -> None:
    """Notes saved beside their transcripts (Save Notes As…), or an older study's notes
    folder copied without its study.json: notes, not transcripts, and nothing to say."""
    old = old_study(tmp_path / "old")
    (old / "study.json").unlink()
    notes = sorted((old / "notes").iterdir())
    shutil.copy(notes[0], old / "P01-zoom.notes.json")
    report = scan_folder(old)
    assert [p.name for p in report.found] == [
        "memo.md",  # a memo with no study beside it may be a transcript
        "P01-zoom.vtt",
        "P03.srt",
        "P05-otter.txt",
    ]
    assert report.messages() == []
    assert sniff(notes[0]) == "it is an interview’s notes file, not a transcript"
    other = tmp_path / "export.json"
    other.write_text('{"format": "interview-reader-study-export", "interviews": []}')
    assert scan_folder(tmp_path / "old").messages() == []
    assert sniff(other) == "it is a summary exported from Interview Reader, not a transcript"


def test_a_name_that_is_not_utf8_is_refused_with_a_name_a_message_can_show(
    tmp_path: Path,
) -> None:
    """A Latin-1 "café.txt" from an old zip: no JSON file can hold its name (Python keeps
    its é as a lone surrogate), and hashing it for an id crashed every export and the
    opening of its folder. It is skipped, said with "\\ufffd" for the byte; opened on its
    own, or inside a folder so named, it is refused in one line."""
    import os

    from reader.core.document import DocumentError, load_document
    from reader.core.study import StudyError, open_study, study_of

    latin1 = tmp_path / os.fsdecode(b"caf\xe9.txt")
    latin1.write_text("Q: Why?\n\nA: Because.\n", encoding="utf-8")
    (tmp_path / "P01.txt").write_text("Q: Why?\n\nA: Because.\n", encoding="utf-8")
    report = scan_folder(tmp_path)
    assert report.found == [tmp_path / "P01.txt"]
    assert report.messages() == [
        "caf\ufffd.txt was skipped: a name in its path is not UTF-8 text (rename it)."
    ]
    study = open_study(tmp_path)
    assert [e.path for e in study.interviews] == ["P01.txt"]
    assert study_of(latin1) is None
    with pytest.raises(DocumentError, match=r"caf\ufffd\.txt cannot be opened: a name in its"):
        load_document(latin1)
    inside = tmp_path / os.fsdecode(b"Interviews \xe9t\xe9")
    inside.mkdir()
    (inside / "P02.txt").write_text("Q: Why?\n\nA: Because.\n", encoding="utf-8")
    with pytest.raises(StudyError, match="Interviews \ufffdt\ufffd cannot be a study"):
        open_study(inside)
    with pytest.raises(DocumentError, match="cannot be opened"):
        load_document(inside / "P02.txt")


def test_the_apps_exports_saved_among_the_transcripts_are_none(tmp_path: Path) -> None:
    """A summary saved into the study folder (Markdown, Word, JSON; an interview's, the
    study's, Coded Passages') was offered as a new transcript and taken when the folder
    was opened or added again. Each is left out quietly, and refused when picked; a
    Markdown transcript of that shape but for the line, and a Word one, are still taken."""
    from reader.core.codebook_retrieval import passages_markdown
    from reader.core.export import export
    from reader.core.export.study_export import export_study
    from reader.core.study import StudyError, open_study
    from tests.core.test_export_samples import sample_session

    shutil.copy(TRANSCRIPTS / "rev.txt", tmp_path / "P01.txt")
    import docx

    word = docx.Document()  # its author: python-docx's
    for line in ("Q: Why nights?", "A: The quiet."):
        word.add_paragraph(line)
    word.save(str(tmp_path / "P02.docx"))
    heading = "# P03\n\nSource: P03.txt\n\n2 highlights, exported from my notes.\n"
    (tmp_path / "P03.md").write_text(heading, encoding="utf-8")
    session = sample_session()
    exports = {f"summary.{fmt}": export(session, fmt) for fmt in ("md", "docx", "json")}
    exports["passages.md"] = passages_markdown([], "Coffee")
    study = open_study(tmp_path)
    exports.update({f"study.{fmt}": export_study(study, fmt)[0] for fmt in ("md", "json")})
    for name, data in exports.items():
        (tmp_path / name).write_bytes(data)
    transcripts = ["P01.txt", "P02.docx", "P03.md"]
    report = scan_folder(tmp_path, tmp_path)
    assert [p.name for p in report.found] == transcripts and report.messages() == []
    reopened = open_study(tmp_path, touch_disk=False)  # the next start, the command line
    assert [e.path for e in reopened.interviews] == transcripts
    assert study.not_listed([tmp_path / name for name in exports]) == []
    with pytest.raises(StudyError, match=r"summary\.docx cannot be added: it is a summary "):
        study.add_interview(tmp_path / "summary.docx")


def test_a_study_with_no_interview_says_what_its_folder_holds(tmp_path: Path) -> None:
    from reader.core.study_scan import no_interviews_words

    (tmp_path / "P01.pdf").write_bytes(b"%PDF")
    said = no_interviews_words(tmp_path)
    assert said.startswith("No transcript in this folder, only 1 other file (.pdf):")
    (tmp_path / "empty.txt").write_bytes(b"")  # a transcript skipped, said apart
    assert no_interviews_words(tmp_path).startswith("This study has no interviews yet")


def test_documents_not_read_beside_the_transcripts_are_said_with_what_to_do(
    tmp_path: Path,
) -> None:
    """Found by a new user's folder of transcripts, some of them older: its .doc was left
    out without a word, and the .txt inside a Pages document (a folder on a Mac) was an
    interview of its own. Rich Text is read, also saved as .txt."""
    (tmp_path / "P01.txt").write_text("Q: Hi?\nA: Hello.\n", encoding="utf-8")
    (tmp_path / "P02.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tmp_path / "P03.rtf").write_bytes(b"{\\rtf1\\ansi Q: Hi?\\par A: Hello.\\par}")
    (tmp_path / "P04.txt").write_bytes(b"{\\rtf1\\ansi Q: Hi?\\par A: Hello.\\par}")
    (tmp_path / "P05.pages" / "Index").mkdir(parents=True)
    (tmp_path / "P05.pages" / "Index" / "Text.txt").write_text("Q: Hi?\nA: Hi.\n")
    (tmp_path / "consent form.pdf").write_bytes(b"%PDF-1.7\n")  # no transcript: quiet
    report = scan_folder(tmp_path)
    assert [p.name for p in report.found] == ["P01.txt", "P03.rtf", "P04.txt"]
    said = sorted(report.messages())
    assert said[0].startswith("P02.doc was skipped: it is an older Word document (.doc): ")
    assert said[1].startswith("P05.pages was skipped: it is a Pages document: in Pages,")
    assert len(said) == 2


def test_a_folder_of_older_word_documents_says_to_save_them_as_docx(tmp_path: Path) -> None:
    """Said once, by what the folder holds, not again as each file skipped."""
    from reader.core.study_scan import no_interviews_words

    for name in ("P01.doc", "P02.doc"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    said = no_interviews_words(tmp_path)
    assert said.startswith("No transcript in this folder, only 2 other files (.doc):")
    assert "(an older Word document (.doc): open it in Word or LibreOffice, save it as" in said
    assert scan_folder(tmp_path).messages() == []


def test_older_word_documents_are_said_where_the_folder_says_no_interviews_yet(
    tmp_path: Path,
) -> None:
    """A .doc beside a damaged .docx, or in a subfolder, was left out without a word: the
    scan kept it for what the folder holds to say, which said "no interviews yet" there,
    or listed only the files at the top."""
    from reader.core.study_scan import no_interviews_words

    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    (tmp_path / "P01.doc").write_bytes(doc)
    (tmp_path / "P02.docx").write_bytes(b"not a zip")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "P03.doc").write_bytes(doc)
    said = scan_folder(tmp_path).messages()
    assert "older Word document" not in no_interviews_words(tmp_path)
    assert "P02.docx was skipped: it is not a .docx document." in said
    for name in ("P01.doc", "P03.doc"):
        assert any(line.startswith(f"{name} was skipped: it is an older Word") for line in said)
    assert len(said) == 3


def test_a_folder_of_pages_documents_says_to_export_them(tmp_path: Path) -> None:
    """A folder of Pages documents kept as folders (as Pages does on some Macs) said only
    "This study has no interviews yet": the Pages documents, left out of the scan's
    messages to be said by what the folder holds, were not counted among its files."""
    from reader.core.study_scan import no_interviews_words

    for name in ("P01.pages", "P02.pages"):
        (tmp_path / name / "Index").mkdir(parents=True)
    assert scan_folder(tmp_path).messages() == []
    said = no_interviews_words(tmp_path)
    assert said.startswith("No transcript in this folder, only 2 other files (.pages):")
    assert "(a Pages document: in Pages, choose File ▸ Export To ▸ Word…" in said


def test_an_office_programs_lock_file_is_left_out_quietly(tmp_path: Path) -> None:
    """Found by the lifecycle review: Word's "~$P06 Fay.docx", beside the transcript it
    has open, was said to be skipped as no .docx, which read as P06 being damaged."""
    (tmp_path / "P06 Fay.txt").write_text("Q: Hi?\nA: Hello.\n", encoding="utf-8")
    (tmp_path / "~$P06 Fay.docx").write_bytes(b"\x0bWord lock\x00" * 10)
    report = scan_folder(tmp_path)
    assert [p.name for p in report.found] == ["P06 Fay.txt"] and report.messages() == []


@pytest.mark.parametrize(("encoding", "letters"), [("utf-8-sig", "é"), ("utf-16", "😀")])
def test_a_transcript_whose_first_bytes_end_inside_a_character_is_taken(
    tmp_path: Path, encoding: str, letters: str
) -> None:
    """An Arabic or Chinese subtitle file that Windows saved with a byte order mark was
    skipped as "not valid UTF-8-SIG text" when the bytes looked at first cut a letter."""
    for shift in range(4):  # one of them cuts a letter, whatever its width
        cue = f"Amal: {'x' * shift}{letters * 6000}"
        text = f"1\n00:00:01,000 --> 00:00:02,000\n{cue}\n"
        (tmp_path / f"P0{shift}.srt").write_bytes(text.encode(encoding))
    report = scan_folder(tmp_path)
    assert report.messages() == []
    assert [p.name for p in report.found] == ["P00.srt", "P01.srt", "P02.srt", "P03.srt"]


def test_a_doc_that_is_rich_text_or_text_is_a_transcript_of_the_folder(tmp_path: Path) -> None:
    """Rich Text and plain text saved as .doc were skipped as "an older Word document"
    when a study's folder was scanned or a file picked to add, and a .doc that came into
    the folder was never offered: only Word's own format is."""
    from reader.core.study import open_study

    shutil.copy(TRANSCRIPTS / "rtf-saved-as.doc", tmp_path / "P01.doc")
    shutil.copy(TRANSCRIPTS / "text-saved-as.doc", tmp_path / "P02.doc")
    (tmp_path / "P03.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    report = scan_folder(tmp_path)
    assert [p.name for p in report.found] == ["P01.doc", "P02.doc"]
    assert len(report.messages()) == 1
    assert report.messages()[0].startswith("P03.doc was skipped: it is an older Word document")
    (tmp_path / "study").mkdir()
    study = open_study(tmp_path / "study")
    added, refused = study.add_paths([tmp_path / "P01.doc", tmp_path / "P03.doc"])
    assert [e.path for e in added] == ["../P01.doc"]
    assert refused[0].startswith("P03.doc cannot be added: it is an older Word document")
    shutil.copy(TRANSCRIPTS / "text-saved-as.doc", tmp_path / "study" / "P04.doc")
    assert study.not_listed([tmp_path / "study" / "P04.doc"]) == [tmp_path / "study" / "P04.doc"]


def test_a_small_transcript_that_cannot_open_is_skipped_with_what_opening_says(
    tmp_path: Path,
) -> None:
    """A Teams meeting not transcribed gives a .vtt of its header alone, a silent recording
    Whisper's JSON with no segments, a tool a byte order mark alone: each was added to the
    study as an interview, and only opening it said it could not be read."""
    shutil.copy(TRANSCRIPTS / "zoom.vtt", tmp_path / "P01.vtt")
    (tmp_path / "P02.vtt").write_bytes(b"WEBVTT\r\n\r\n")
    (tmp_path / "P03.json").write_bytes(b'{"text": "", "segments": [], "language": "en"}')
    (tmp_path / "P04.srt").write_bytes(b"\xef\xbb\xbf")
    report = scan_folder(tmp_path)
    assert [p.name for p in report.found] == ["P01.vtt"]
    said = report.messages()
    assert said[0].startswith("P02.vtt was skipped: it holds no transcript: no words under")
    assert said[0].endswith("download it again.")
    assert said[1].startswith("P03.json was skipped: it holds no transcript: its “text” is")
    assert said[2] == "P04.srt was skipped: it is empty."


def test_openai_words_alone_are_taken(tmp_path: Path) -> None:
    """OpenAI's transcription of words alone, with their times or not: skipped as "JSON but
    not a Whisper transcript"."""
    timed = tmp_path / "timed.json"
    timed.write_bytes(b'{"task": "transcribe", "text": "Hi.", "words": [{"word": "Hi"}]}')
    untimed = tmp_path / "untimed.json"
    untimed.write_bytes(b'{\n  "text": "Hi.",\n  "usage": {"type": "duration"}\n}')
    assert (sniff(timed), sniff(untimed)) == ("", "")


def test_whisper_tables_and_lyrics_in_a_folder_are_taken_and_other_tables_quietly_not(
    tmp_path: Path,
) -> None:
    """A folder of Whisper's .tsv, whisper.cpp's .csv and .lrc (which File ▸ Open reads)
    opened as a study had no interview: "only 3 other files (.csv, .lrc, .tsv)". A
    spreadsheet beside them (the participants' ages) is no transcript, and no failure."""
    for name in ("whisper.tsv", "whisper-cpp.csv", "whisper-cpp.lrc", "names.md"):
        shutil.copy(TRANSCRIPTS / name, tmp_path / name.replace(".md", ".markdown"))
    (tmp_path / "participants.csv").write_text("participant,age\nP01,34\n", encoding="utf-8")
    (tmp_path / "codes.tsv").write_text("code\tdefinition\nwork\tpaid work\n", encoding="utf-8")
    report = scan_folder(tmp_path)
    assert [p.name for p in report.found] == [
        "names.markdown", "whisper-cpp.csv", "whisper-cpp.lrc", "whisper.tsv",
    ]  # fmt: skip
    assert report.messages() == []
    assert sniff(tmp_path / "participants.csv") == ""  # picked: read as a typed transcript
