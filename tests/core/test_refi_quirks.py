"""REFI-QDA projects as other tools write them, quirks and all: each test builds a small
.qdpx from XML strings, imports it as a new study and reads what came from the disk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reader.core.refi.codebook_xml import PROJECT_NS
from reader.core.refi.qdpx_import import NotAProjectError, import_qdpx
from reader.core.study import open_study
from tests.core.test_refi import said, zipped

TEXT = "Interviewer: How do nights start?\nNurse: With the handover.\n"
QUOTE = "With the handover."
START = TEXT.index(QUOTE)
CODE = "c1000000-0000-0000-0000-000000000001"


def qde(sources: str, codes: str = "", origin: str = "NVivo 14", before: str = "") -> str:
    """A project.qde; `before` goes between the XML declaration and the Project."""
    codes = codes or f'<Code guid="{CODE}" name="Handover" isCodable="true" color="#ff9900"/>'
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{before}<Project xmlns="{PROJECT_NS}" '
        f'name="Nights" origin="{origin}"><CodeBook><Codes>{codes}</Codes></CodeBook>'
        f"<Sources>{sources}</Sources></Project>"
    )


def text_source(path: str = 'plainTextPath="internal://b1.txt"', start: int = START) -> str:
    """A text source named "Ana" with one passage coded "Handover"."""
    return (
        f'<TextSource guid="b1000000-0000-0000-0000-000000000001" name="Ana" {path}>'
        f'<PlainTextSelection guid="a1000000-0000-0000-0000-000000000001" name="{QUOTE}" '
        f'startPosition="{start}" endPosition="{start + len(QUOTE)}">'
        f'<Coding guid="e1000000-0000-0000-0000-000000000001"><CodeRef targetGUID="{CODE}"/>'
        "</Coding></PlainTextSelection></TextSource>"
    )


def passages(folder: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """(interview, quote, code names) of each highlight of the study on disk."""
    study = open_study(folder)
    return [
        (entry.title, h.exact, study.codebook.names(h.codes))
        for entry in study.interviews
        for h in study.open_session(entry).notes.highlights
    ]


def assert_read_whole(data: bytes | Path, folder: Path) -> None:
    """The project came into `folder` with nothing left out: Ana's passage coded Handover."""
    assert said(import_qdpx(data, folder)) == []
    assert passages(folder) == [("Ana", QUOTE, ("Handover",))]


def test_a_zip_made_on_windows_with_backslashes_and_a_leading_folder_is_read(
    tmp_path: Path,
) -> None:
    """Some Windows tools zip "Nights\\Sources\\b1.txt": read on a Mac or Linux its text was
    not found, the interview left out."""
    data = zipped(
        {"Nights\\project.qde": qde(text_source()), "Nights\\Sources\\b1.txt": TEXT.encode()}
    )
    assert_read_whole(data, tmp_path / "study")


def test_a_qdpx_zipped_again_on_a_mac_is_read_from_its_project_not_the_macs_copy(
    tmp_path: Path,
) -> None:
    """Unpacked to look inside and compressed again in the Finder, a .qdpx holds
    "__MACOSX/Nights/._project.qde" (no XML), which was taken for the project: refused
    as "not valid XML"."""
    data = zipped(
        {
            "Nights/project.qde": qde(text_source()),
            "Nights/sources/b1.txt": TEXT,
            "__MACOSX/Nights/._project.qde": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
            "__MACOSX/Nights/sources/._b1.txt": b"\x00\x05\x16\x07",
        }
    )
    assert_read_whole(data, tmp_path / "study")


def test_nested_codes_keep_colours_written_with_opacity_or_without_their_hash(
    tmp_path: Path,
) -> None:
    """ "#FF990080" (#RRGGBBAA) and "3366CC" are outside the schema's #RRGGBB: each code
    was given the palette's next colour instead of its own."""
    codes = (
        f'<Code guid="{CODE}" name="Handover" isCodable="false" color="#FF990080">'
        '<Code guid="c1000000-0000-0000-0000-000000000002" name="Late" isCodable="true" '
        'color="3366CC"/><Code guid="c1000000-0000-0000-0000-000000000003" name="Odd" '
        'isCodable="true" color="#12345"/></Code>'
    )
    data = zipped({"project.qde": qde(text_source(), codes), "sources/b1.txt": TEXT})
    import_qdpx(data, tmp_path / "study")
    book = open_study(tmp_path / "study").codebook
    tree = [(depth, code.name, code.codable, code.color) for depth, code in book.tree()]
    assert tree[:2] == [(0, "Handover", False, "#ff9900"), (1, "Late", True, "#3366cc")]
    assert tree[2][:2] == (1, "Odd") and tree[2][3] not in ("#ff9900", "#3366cc")


NESTED = "".join(
    f'<!ENTITY {name} "{("&" + previous + ";") * 10}">'
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        (f'<!ENTITY a "lol">{NESTED}', "builds “b” of other XML entities"),
        ('<!ENTITY a SYSTEM "file:///etc/hostname">', "asks to read another file in place"),
        ('<!ENTITY a PUBLIC "-//x//y" "http://example.org/y">', "asks to read another file"),
    ],
)
def test_a_project_declaring_entities_that_read_files_or_swell_is_refused_unread(
    tmp_path: Path, declared: str, message: str
) -> None:
    """A billion laughs, or an entity naming a file to read: refused before a byte of the
    text is read, with a reason, and no study is made (it said "not valid XML", or, with
    a Python built on an expat before 2.4, swelled to gigabytes)."""
    data = zipped(
        {
            "project.qde": qde(text_source(), before=f"<!DOCTYPE Project [{declared}]>").replace(
                'name="Ana"', 'name="&a;"'
            ),
            "sources/b1.txt": TEXT,
        }
    )
    with pytest.raises(NotAProjectError, match=message):
        import_qdpx(data, tmp_path / "study")
    assert not (tmp_path / "study").exists()


def test_a_doctype_and_a_plain_entity_are_read(tmp_path: Path) -> None:
    declared = '<!DOCTYPE Project SYSTEM "Project.dtd" [<!ENTITY who "Ana">]>'
    data = zipped(
        {
            "project.qde": qde(text_source().replace('"Ana"', '"&who;"'), before=declared),
            "sources/b1.txt": TEXT,
        }
    )
    assert_read_whole(data, tmp_path / "study")


def test_texts_outside_the_qdpx_are_read_from_where_their_paths_lead(tmp_path: Path) -> None:
    """Sources named by `relative://` (against the project's basePath, else the .qdpx's
    folder) or `absolute://`, beside the .qdpx and not in it, as the standard allows:
    each was left out as "its text is not in the file". The texts are UTF-8 with a BOM and
    CRLFs, UTF-16: the positions count what the tool read."""
    documents = tmp_path / "documents"
    documents.mkdir()
    crlf = TEXT.replace("\n", "\r\n")
    (documents / "Ana.txt").write_bytes(b"\xef\xbb\xbf" + crlf.encode() + b"Ana.")
    (tmp_path / "Ben.txt").write_bytes(f"{crlf}Ben.".encode("utf-16"))
    (tmp_path / "Cy.txt").write_text(f"{TEXT}Cy.", encoding="utf-8")
    (tmp_path / "key").write_text(TEXT, encoding="utf-8")  # no .txt: never read
    (documents / "Fay.txt").write_text(f"{TEXT}Fay.", encoding="utf-8")
    sources = [
        ("Ana", 'plainTextPath="relative://documents/Ana.txt"', START + 1),
        ("Ben", 'plainTextPath="relative://Ben.txt"', START + 1),
        ("Cy", f'plainTextPath="absolute://{tmp_path / "Cy.txt"}"', START),
        ("Di", f'plainTextPath="absolute://{tmp_path / "key"}"', START),
        ("Ed", 'plainTextPath="relative://gone/Ed.txt"', START),
    ]
    xml = "".join(
        text_source(path, start)
        .replace('name="Ana"', f'name="{name}"')
        .replace("b1000000-0000-0000-0000-000000000001", f"b100000{n}-0000-0000-0000-000000000001")
        .replace("a1000000-0000-0000-0000-000000000001", f"a100000{n}-0000-0000-0000-000000000001")
        for n, (name, path, start) in enumerate(sources)
    )
    qdpx = tmp_path / "Nights.qdpx"
    qdpx.write_bytes(zipped({"project.qde": qde(xml)}))
    report = import_qdpx(qdpx, tmp_path / "study")
    assert passages(tmp_path / "study") == [
        (name, QUOTE, ("Handover",)) for name in ("Ana", "Ben", "Cy")
    ]
    read = [documents / "Ana.txt", tmp_path / "Ben.txt", tmp_path / "Cy.txt"]
    assert report.outside == read  # said, as files of the computer the project named
    assert report.message().splitlines()[1] == (
        f"Texts read from outside the .qdpx, where the project names them: {read[0]}, "
        f"{read[1]} and {read[2]}."
    )
    assert said(report) == [
        f"text source “Di”: its text is named as {tmp_path / 'key'}, which is no text file "
        "(.txt): export the project again from the program that made it",
        f"text source “Ed”: its text is in {tmp_path / 'gone' / 'Ed.txt'}, outside the .qdpx, "
        "and that file is not there: put it there and import again, or export the project "
        "again from the program that made it with its documents inside it",
    ]
    based = qde(text_source('plainTextPath="relative://Fay.txt"'))
    based = based.replace('name="Nights"', f'name="Nights" basePath="{documents}"')
    import_qdpx(zipped({"project.qde": based}), tmp_path / "based")
    assert passages(tmp_path / "based") == [("Ana", QUOTE, ("Handover",))]


def test_a_project_declared_utf16_and_saved_as_utf8_is_read(tmp_path: Path) -> None:
    """.NET's XmlWriter on a string declares UTF-16, and the file is saved as UTF-8: it
    was refused ("encoding specified in XML declaration is incorrect"). A project really
    in UTF-16 is read as ever."""
    declared = qde(text_source()).replace('encoding="utf-8"', 'encoding="utf-16"')
    for n, project in enumerate((declared.encode(), declared.encode("utf-16"))):
        import_qdpx(zipped({"project.qde": project, "sources/b1.txt": TEXT}), tmp_path / f"{n}")
        assert passages(tmp_path / f"{n}") == [("Ana", QUOTE, ("Handover",))]


def test_a_selection_ending_before_it_starts_is_said_so_and_the_others_come(
    tmp_path: Path,
) -> None:
    """ "positions 30–12 do not fit its text of 60 characters" sent the user looking at the
    text; a selection past the text's end is said as before."""
    end = START + len(QUOTE)
    backwards = text_source().replace(
        f'startPosition="{START}" endPosition="{end}"',
        f'startPosition="{end}" endPosition="{START}"',
    )
    past = text_source().replace(f'endPosition="{end}"', 'endPosition="9000"')
    past = past.replace("a1000000-", "a2000000-").replace('"b1000000-', '"b2000000-')
    past = past.replace('name="Ana"', 'name="Ben"').replace("b1.txt", "b2.txt")
    data = zipped(
        {"project.qde": qde(backwards + past), "sources/b1.txt": TEXT, "sources/b2.txt": TEXT + "."}
    )
    report = import_qdpx(data, tmp_path / "study")
    assert said(report) == [
        f"selection “{QUOTE}” in “Ana”: it ends (at {START}) before it starts (at {end}) in "
        "the file",
        f"selection “{QUOTE}” in “Ben”: positions {START}–9000 do not fit its text of "
        f"{len(TEXT) + 1} characters",
    ]
    assert [entry.title for entry in open_study(tmp_path / "study").interviews] == ["Ana", "Ben"]


@pytest.mark.parametrize(
    ("members", "what"),
    [
        (
            {"project.qde": qde(text_source())[:-40]},
            r"not valid XML .*: it is damaged or cut short",
        ),
        ({"Nights/sources/b1.txt": TEXT}, r"the \.qdpx holds no project \(\.qde\) file"),
        ({"project.qde": "<CodeBook/>"}, r"its \.qde file is not a REFI-QDA project"),
    ],
)
def test_a_project_that_cannot_be_read_says_what_to_do_and_makes_no_study(
    tmp_path: Path, members: dict[str, str], what: str
) -> None:
    """Each said what was wrong and no more: the user was left without a next step."""
    with pytest.raises(NotAProjectError, match=f"{what}[:;] export it again from the program"):
        import_qdpx(zipped(members), tmp_path / "study")
    assert not (tmp_path / "study").exists()


def test_a_sources_file_named_url_escaped_or_in_a_macs_unicode_form_is_found(
    tmp_path: Path,
) -> None:
    """ "internal://Café%20night.txt" for the zip's "Café night.txt", whose "é" a Mac's zip
    writes as "e" and an accent: the text was not found, the interview left out."""
    decomposed = "Cafe\u0301 night.txt"
    data = zipped(
        {
            "project.qde": qde(text_source('plainTextPath="internal://Café%20night.txt"')),
            f"sources/{decomposed}": TEXT,
        }
    )
    assert_read_whole(data, tmp_path / "study")


def test_a_case_without_a_name_gives_its_source_values_and_takes_no_participant(
    tmp_path: Path,
) -> None:
    """MAXQDA and Quirkos write a document's variables as a Case with no name naming it:
    that case took the source's one participant, "", and its real participant's case was
    left out ("an interview has one participant, “” here")."""
    variables = (
        '<Variables><Variable guid="f1000000-0000-0000-0000-000000000001" name="Shift" '
        'typeOfVariable="Text"/><Variable guid="f1000000-0000-0000-0000-000000000002" '
        'name="Years" typeOfVariable="Integer"/></Variables>'
    )
    source = '<SourceRef targetGUID="b1000000-0000-0000-0000-000000000001"/>'
    cases = (
        '<Cases><Case guid="f2000000-0000-0000-0000-000000000001"><VariableValue>'
        '<VariableRef targetGUID="f1000000-0000-0000-0000-000000000001"/>'
        f"<TextValue>night</TextValue></VariableValue>{source}</Case>"
        '<Case guid="f2000000-0000-0000-0000-000000000002" name="Nurse Ana"><VariableValue>'
        '<VariableRef targetGUID="f1000000-0000-0000-0000-000000000002"/>'
        f"<IntegerValue>12</IntegerValue></VariableValue>{source}</Case></Cases>"
    )
    project = qde(text_source()).replace("<Sources>", f"{variables}{cases}<Sources>")
    report = import_qdpx(zipped({"project.qde": project, "sources/b1.txt": TEXT}), tmp_path / "s")
    assert said(report) == []
    (entry,) = open_study(tmp_path / "s").interviews
    assert (entry.participant, entry.attributes) == ("Nurse Ana", {"shift": "night", "years": 12})


def test_a_relative_path_written_with_three_slashes_is_relative(tmp_path: Path) -> None:
    """ "relative:///Ana.txt", as the standard's examples write a relative path (and
    QualCoder's reader quotes them), was taken for the absolute "/Ana.txt"."""
    (tmp_path / "Ana.txt").write_text(TEXT, encoding="utf-8")
    qdpx = tmp_path / "Nights.qdpx"
    qdpx.write_bytes(
        zipped({"project.qde": qde(text_source('plainTextPath="relative:///Ana.txt"'))})
    )
    assert_read_whole(qdpx, tmp_path / "study")


def test_a_passage_put_in_a_case_is_said_to_be_so_not_coded_by_a_missing_code(
    tmp_path: Path,
) -> None:
    """NVivo puts a passage in a case by a Coding naming the case: that was said as "its
    code is not in the codebook", and the user looked for a code that was never one."""
    cases = (
        '<Cases><Case guid="f2000000-0000-0000-0000-000000000001" name="Nurse Ana">'
        '<SourceRef targetGUID="b1000000-0000-0000-0000-000000000001"/></Case></Cases>'
    )
    in_case = (
        '<Coding guid="e1000000-0000-0000-0000-000000000002">'
        '<CodeRef targetGUID="f2000000-0000-0000-0000-000000000001"/></Coding>'
    )
    sources = text_source().replace("</PlainTextSelection>", f"{in_case}</PlainTextSelection>")
    project = qde(sources).replace("<Sources>", f"{cases}<Sources>")
    report = import_qdpx(zipped({"project.qde": project, "sources/b1.txt": TEXT}), tmp_path / "s")
    assert said(report) == [
        f"a coding of “{QUOTE}” in “Ana”: it puts the passage in the case “Nurse Ana”: cases "
        "of passages are not imported"
    ]
    assert passages(tmp_path / "s") == [("Ana", QUOTE, ("Handover",))]


def test_a_coded_picture_is_named_with_the_passages_that_stay_behind(tmp_path: Path) -> None:
    """ "picture source “Ward plan”: it has no text to read" said neither that it is left
    out as a picture nor that its two coded areas went with it."""
    area = (
        '<PictureSelection guid="a300000{n}-0000-0000-0000-000000000001" firstX="0" '
        'firstY="0" secondX="9" secondY="9"><Coding guid="e300000{n}-0000-0000-0000-'
        f'000000000001"><CodeRef targetGUID="{CODE}"/></Coding></PictureSelection>'
    )
    picture = (
        '<PictureSource guid="b3000000-0000-0000-0000-000000000001" name="Ward plan" '
        f'path="internal://plan.png">{area.format(n=1)}{area.format(n=2)}</PictureSource>'
    )
    data = zipped(
        {
            "project.qde": qde(text_source() + picture),
            "sources/b1.txt": TEXT,
            "sources/plan.png": b"\x89PNG",
        }
    )
    report = import_qdpx(data, tmp_path / "study")
    assert said(report) == [
        "picture source “Ward plan”: a picture has no text to read, and this app shows "
        "transcripts only; the 2 passages marked on it stay behind"
    ]
    assert passages(tmp_path / "study") == [("Ana", QUOTE, ("Handover",))]


def test_positions_written_as_whole_decimals_are_read_and_a_fraction_is_said(
    tmp_path: Path,
) -> None:
    """A tool writing its numbers through a float wrote startPosition="5.0": each such
    selection was left out as having "no positions". A fraction ("5.5") names no
    character: it is said so, with what to do."""
    end = START + len(QUOTE)
    decimal = text_source().replace(
        f'startPosition="{START}" endPosition="{end}"',
        f'startPosition="{START}.0" endPosition="{end}.00"',
    )
    assert_read_whole(
        zipped({"project.qde": qde(decimal), "sources/b1.txt": TEXT}), tmp_path / "whole"
    )
    fraction = decimal.replace(f'"{START}.0"', f'"{START}.5"')
    report = import_qdpx(
        zipped({"project.qde": qde(fraction), "sources/b1.txt": TEXT}), tmp_path / "fraction"
    )
    assert said(report) == [
        f"selection “{QUOTE}” in “Ana”: its positions ({START}.5 to {end}.00) are not whole "
        "characters, so where it starts and ends is not known: code that passage again here"
    ]


@pytest.mark.parametrize("declared", ["ISO-8859-1", "windows-1252"])
def test_a_project_declaring_one_byte_a_character_is_read_as_its_bytes_are_written(
    tmp_path: Path, declared: str
) -> None:
    """Saved as UTF-8 under a declaration of ISO-8859-1 (or windows-1252), a project read
    as declared had "JosÃ©" where the other program showed "José"; it is read as UTF-8
    and the report says so. A project truly in that encoding is read as declared, and
    each source's text, in UTF-8 or not, as its bytes are written."""
    text = "José: How do nights start?\nNurse: With the handover.\n"
    project = qde(text_source(start=text.index(QUOTE)).replace('name="Ana"', 'name="José"'))
    project = project.replace('encoding="utf-8"', f'encoding="{declared}"')
    for kind, encoding in (("utf8", "utf-8"), ("one-byte", declared)):
        data = zipped(
            {"project.qde": project.encode(encoding), "sources/b1.txt": text.encode(encoding)}
        )
        report = import_qdpx(data, tmp_path / kind)
        assert passages(tmp_path / kind) == [("José", QUOTE, ("Handover",))]
        misread = f"The project file says it is written in {declared} but is in UTF-8"
        assert (misread in report.message()) is (kind == "utf8")


def word_file(text: str) -> bytes:
    """A .docx of a paragraph for each line of `text`."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_source_with_only_its_word_file_is_read_with_the_codings_its_names_confirm(
    tmp_path: Path,
) -> None:
    """A source whose plain text the project lacks, its .docx alone in sources/, was left
    out ("the project has only its formatted file"). Its paragraphs are read: the codings
    stay where each selection's name quotes the words it selects, else the text comes
    without them and that is said, never placed on words one may not have meant."""
    source = text_source('richTextPath="internal://b1.docx"')
    data = zipped({"project.qde": qde(source), "sources/b1.docx": word_file(TEXT)})
    assert_read_whole(data, tmp_path / "quoted")
    shifted = text_source('richTextPath="internal://b1.docx"', start=START - 3)
    data = zipped({"project.qde": qde(shifted), "sources/b1.docx": word_file(TEXT)})
    report = import_qdpx(data, tmp_path / "shifted")
    assert said(report) == [
        "the 1 selection in “Ana”: its text was read from its Word file (.docx), and their "
        "names do not show that they mark the same words there: code them again here"
    ]
    assert passages(tmp_path / "shifted") == []
    study = open_study(tmp_path / "shifted")
    assert [study.transcript_path(e).read_text() for e in study.interviews] == [TEXT.rstrip()]
