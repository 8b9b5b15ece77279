"""A source's positions as its tool counts them (reader/core/refi/positions.py): mapped to
our NFC, LF text, and each source read the way under which its selections select the
words their names quote (QualCoder's CRLF for MAXQDA counted as one, a .NET tool's
UTF-16)."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.refi.codebook_xml import PROJECT_NS
from reader.core.refi.positions import Counting, Positions, counting_of
from reader.core.refi.qdpx_import import import_qdpx
from tests.core.test_refi import zipped

TEXT = "Q: Ready? 😅\nA: Quite ready, yes.\nQ: And then?\nA: Then the night shift began.\n"


@settings(max_examples=300, deadline=None)
@given(
    raw=st.lists(
        st.sampled_from(
            [
                *("a", "e", " ", "\n", "\r\n", "\u0301", "\u0300", "\u0323", "\u00e9"),
                *("\u212b", "\u1100", "\u1161", "\u11a8", "\u0958", "\U0001d15e", "\u0f73"),
                "\U0001f60a",
            ]
        ),
        max_size=40,
    ).map("".join),
)
def test_each_position_of_a_decomposed_text_maps_as_normalising_what_is_before_it(
    raw: str,
) -> None:
    """The map of positions (found per span of non-ASCII characters: normalising the
    whole text before each position made a decomposed transcript of 4,000 selections
    take half a minute) gives what normalising the text before each position gives."""
    positions = Positions(raw, Counting.CODE_POINTS)
    lf = raw.replace("\r\n", "\n")
    assert positions.text == unicodedata.normalize("NFC", lf)
    for p in range(len(raw) + 1):
        index = p - raw[: p + 1].count("\r\n")  # each CRLF before it is one LF
        assert positions(p) == len(unicodedata.normalize("NFC", lf[:index]))


def counted(text: str, counting: Counting) -> int:
    """The length of `text` as `counting` counts it."""
    if counting in (Counting.CRLF_ONCE, Counting.UTF16_CRLF_ONCE):
        text = text.replace("\r\n", "\n")
    if counting in (Counting.UTF16, Counting.UTF16_CRLF_ONCE):
        return len(text.encode("utf-16-le")) // 2
    return len(text)


@given(
    st.lists(st.sampled_from(["a", "b", " ", "\n", "\r\n", "😅", "𠀋", "é"]), max_size=30).map(
        "".join
    )
)
def test_each_position_is_the_character_it_counts_to(raw: str) -> None:
    """Each count (UTF-16 units and CRLF as one together too) maps the position before
    each character of the text to that character of ours (each CRLF one LF)."""
    for counting in Counting:
        positions = Positions(raw, counting)
        assert positions.length == counted(raw, counting)
        for i in range(len(raw) + 1):
            if raw[i - 1 : i + 1] != "\r\n":  # not between a CRLF's two characters
                ours = len(raw[:i].replace("\r\n", "\n"))
                assert positions(counted(raw[:i], counting)) == ours


def spans(text: str, quotes: list[str], counting: Counting) -> list[tuple[str, int, int]]:
    """Each quote's (name, start, end) in `text` as `counting` counts."""
    out = []
    for quote in quotes:
        start = text.index(quote)
        size = counted(text[:start], counting), counted(quote, counting)
        out.append((quote, size[0], size[0] + size[1]))
    return out


def test_each_source_is_read_as_its_selections_names_say_it_was_counted() -> None:
    quotes = ["Quite ready", "Then the night shift began."]
    crlf = TEXT.replace("\n", "\r\n")
    for raw, counting in (
        (crlf, Counting.CRLF_ONCE),
        (TEXT, Counting.UTF16),
        (crlf, Counting.CODE_POINTS),
        (crlf, Counting.UTF16_CRLF_ONCE),
    ):
        positions, doubtful = counting_of(raw, spans(raw, quotes, counting), Counting.CODE_POINTS)
        assert positions.counting is counting and doubtful == 0
        for _name, a, b in spans(raw, quotes, counting):
            assert positions.text[positions(a) : positions(b)] in quotes
    # Names that quote nothing tell nothing: the origin's count, nothing said.
    named = [("Selection 1", 3, 9), ("Selection 2", 20, 31)]
    positions, doubtful = counting_of(crlf, named, Counting.CRLF_ONCE)
    assert positions.counting is Counting.CRLF_ONCE and doubtful == 0
    # A passage that still selects other words, where the others fit, is said.
    named = [*spans(TEXT, quotes, Counting.CODE_POINTS), ("the night shift", 0, 15)]
    assert counting_of(TEXT, named, Counting.CODE_POINTS)[1] == 1


def test_names_quoting_their_words_whole_tell_a_count_one_emoji_apart() -> None:
    """Found by the REFI review: counted in UTF-16 with an emoji only inside the passages,
    each selection read as code points also began with its name, one character longer
    ("It was awful 😢 "); the tie went to the origin's count, and nothing was said."""
    raw = "Interviewer: How did it feel?\nNurse: It was awful 😢 honestly. Then home.\n"
    quotes = ["How did it feel?", "It was awful 😢"]
    named = spans(raw, quotes, Counting.UTF16)
    positions, doubtful = counting_of(raw, named, Counting.CODE_POINTS)
    assert positions.counting is Counting.UTF16 and doubtful == 0
    assert [positions.text[positions(a) : positions(b)] for _, a, b in named] == quotes


def test_unnamed_selections_take_the_count_under_which_they_all_fit() -> None:
    """Found by the REFI review: with no names to tell, UTF-16 positions were read as code
    points, every passage after an emoji a character late and the last dropped."""
    raw = "A: 😀 Hello there.\nB: 交班 was hard 😢, truly.\n"
    named = [
        (f"Selection {n}", a, b)
        for n, (_, a, b) in enumerate(
            spans(raw, ["Hello there.", "was hard 😢, truly."], Counting.UTF16)
        )
    ]
    positions, _ = counting_of(raw, named, Counting.CODE_POINTS)
    assert positions.counting is Counting.UTF16
    assert [positions.text[positions(a) : positions(b)] for _, a, b in named] == [
        "Hello there.",
        "was hard 😢, truly.",
    ]


def test_a_title_line_above_one_paragraph_is_read_the_right_way_too() -> None:
    """After a single CRLF, read a character early, each selection started on the line
    end before its words and stopped a character short, which its name begins with too:
    the counts tied, and the origin's (the wrong one) was taken."""
    raw = "Interview with Ana\r\nWe did the handover to my sister. The nights were long.\r\n"
    quotes = ["the handover to my sister", "nights were long"]
    positions, doubtful = counting_of(
        raw, spans(raw, quotes, Counting.CRLF_ONCE), Counting.CODE_POINTS
    )
    assert positions.counting is Counting.CRLF_ONCE and doubtful == 0


@pytest.mark.parametrize("line_end", ["\r\n", "\r\r\n"])
def test_qualcoders_crlf_for_maxqda_lands_on_the_words(tmp_path: Path, line_end: str) -> None:
    """QualCoder writes CRLF into the file for MAXQDA and keeps positions that counted
    LF alone: each passage after a line landed a character a line early ('d the scanner
    counts every minu'), and came back to the study as a new highlight beside its own
    (the REFI review's F3). On Windows its text-mode write makes that CRLF CR CR LF
    (refi.py writes `fulltext.replace(LF, CRLF)` into a file opened without
    `newline=""`): read as two line ends, the interview had a blank line between its
    lines and each passage landed a character early for each line above it."""
    crlf = TEXT.replace("\n", line_end)
    selections = "".join(
        f'<PlainTextSelection guid="eeeeeeee-0000-0000-0000-00000000000{k}" name="{name}" '
        f'startPosition="{a}" endPosition="{b}"/>'
        for k, (name, a, b) in enumerate(
            spans(crlf, ["Quite ready", "the night"], Counting.CRLF_ONCE)
        )
    )
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="QC" origin="QualCoder 3.6"><Sources>'
        '<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc" '
        f'plainTextPath="internal://d1.txt">{selections}</TextSource></Sources></Project>'
    )
    data = zipped({"project.qde": qde, "sources/d1.txt": "\ufeff" + crlf})
    report = import_qdpx(data, tmp_path / "study")
    assert [h.exact for h in report.passages] == ["Quite ready", "the night"]
    assert not report.doubtful and "Check" not in report.message()
    (transcript,) = (tmp_path / "study").rglob("*.txt")
    assert transcript.read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize("counting", [Counting.CODE_POINTS, Counting.UTF16])
def test_a_texts_own_crlfs_lost_to_the_xml_reader_are_counted_as_its_tool_did(
    tmp_path: Path, counting: Counting
) -> None:
    """A source's text in the project itself (PlainTextContent), written with CRLFs: the
    XML reader makes each an LF, as XML says, and the positions, counted with the CRs,
    landed a character late for each line before them ('get words he'); counted in UTF-16
    units too (its emoji two), as a .NET or Java tool counts."""
    crlf = TEXT.replace("\n", "\r\n")
    selections = "".join(
        f'<PlainTextSelection guid="eeeeeeee-0000-0000-0000-00000000000{k}" name="{name}" '
        f'startPosition="{a}" endPosition="{b}"/>'
        for k, (name, a, b) in enumerate(spans(crlf, ["Quite ready", "the night"], counting))
    )
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="NV" origin="NVivo 14"><Sources>'
        '<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc">'
        f"<PlainTextContent>{crlf}</PlainTextContent>{selections}</TextSource></Sources>"
        "</Project>"
    )
    report = import_qdpx(zipped({"project.qde": qde}), tmp_path / "study")
    assert [h.exact for h in report.passages] == ["Quite ready", "the night"]
    assert not report.doubtful


def test_a_sources_text_is_normalised_as_the_reader_reads_it() -> None:
    """U+2029 stayed in the text an import writes, fingerprints and quotes, where the
    reader makes it a line end: its own line ends, not the one place's (line_ends.py)."""
    from reader.core.document import normalise

    raw = "Interviewer: one\u2029Maria: two\r\nthree e\u0301"
    positions = Positions(raw, Counting.CODE_POINTS)
    assert positions.text == normalise(raw)
    assert positions.text[positions(17) :].startswith("Maria")


def test_a_source_counted_in_utf16_with_crlf_once_lands_on_the_words(tmp_path: Path) -> None:
    """A tool that keeps LF text in a .NET string (ATLAS.ti, which writes CRLF into the
    file and counts a line end once) counts an emoji two: no count read it so, and each
    passage after a line end and an emoji landed on other words (' And the nights')."""
    crlf = (
        "Q: How was the ward? 😅\r\nA: Quiet, then chaos.\r\nQ: And the nights?\r\n"
        "A: Long, very long 😢 and lonely.\r\n"
    )
    quotes = ["Quiet, then chaos.", "And the nights?", "Long, very long 😢 and lonely."]

    def units(text: str) -> int:  # UTF-16 units, each CRLF one
        return len(text.replace("\r\n", "\n").encode("utf-16-le")) // 2

    selections = ""
    for k, quote in enumerate(quotes):
        start = units(crlf[: crlf.index(quote)])
        selections += (
            f'<PlainTextSelection guid="eeeeeeee-0000-0000-0000-00000000000{k}" '
            f'name="{quote}" startPosition="{start}" endPosition="{start + units(quote)}"/>'
        )
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="Ward" origin="ATLAS.ti 24.1.0"><Sources>'
        '<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Ward talk" '
        f'plainTextPath="internal://d1.txt">{selections}</TextSource></Sources></Project>'
    )
    data = zipped({"project.qde": qde, "sources/d1.txt": "\ufeff" + crlf})
    report = import_qdpx(data, tmp_path / "study")
    assert [h.exact for h in report.passages] == quotes
    assert not report.doubtful


def test_qualcoders_passages_no_name_quotes_land_on_their_words_in_a_windows_export(
    tmp_path: Path,
) -> None:
    """QualCoder's texts have LF alone (its import makes each CRLF an LF) and on Windows
    its text-mode write gives each line a CRLF. Its selections' names tell the count where
    they quote words, but an annotation (a Note holding a PlainTextSelection) has no name
    and a recording's TranscriptSelection is named after the recording: a source
    annotated but not coded, and every coded passage and time of a recording's
    transcript, were read with a CRLF as two, each a character early for each line above."""
    text = "I: When did nights start?\nN: In March.\nI: And then?\nN: Then the ward got quiet.\n"
    recorded = text.replace("March", "May")
    night, ward = recorded.index("N: Then"), text.index("the ward got")
    qde = f"""<Project xmlns="{PROJECT_NS}" name="QC" origin="QualCoder 3.6">
<CodeBook><Codes><Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Ward" isCodable="true"/>
</Codes></CodeBook><Sources>
<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc" plainTextPath="internal://d1.txt">
<NoteRef targetGUID="ffffffff-0000-0000-0000-000000000001"/></TextSource>
<AudioSource guid="dddddddd-0000-0000-0000-000000000002" name="Rec.mp3" path="absolute:///r/Rec.mp3">
<Transcript guid="cccccccc-0000-0000-0000-000000000001" name="Rec.mp3" plainTextPath="internal://t1.txt">
<SyncPoint guid="bbbbbbbb-0000-0000-0000-000000000001" position="0" timeStamp="0"/>
<SyncPoint guid="bbbbbbbb-0000-0000-0000-000000000002" position="{night}" timeStamp="9000"/>
<SyncPoint guid="bbbbbbbb-0000-0000-0000-000000000003" position="{len(recorded) - 1}"
 timeStamp="9900"/>
<TranscriptSelection guid="eeeeeeee-0000-0000-0000-000000000002" name="Rec.mp3"
 fromSyncPoint="bbbbbbbb-0000-0000-0000-000000000002"
 toSyncPoint="bbbbbbbb-0000-0000-0000-000000000003">
<Coding guid="eeeeeeee-0000-0000-0000-000000000003">
<CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/></Coding>
</TranscriptSelection></Transcript></AudioSource></Sources>
<Notes><Note guid="ffffffff-0000-0000-0000-000000000001" creationDateTime="2024-05-01T10:00:00Z">
<PlainTextContent>Ask about the ward</PlainTextContent>
<PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000001" startPosition="{ward}"
 endPosition="{ward + len("the ward")}"/></Note></Notes></Project>"""
    files = {
        "project.qde": qde,
        "sources/d1.txt": "\ufeff" + text.replace("\n", "\r\n"),
        "sources/t1.txt": "\ufeff" + recorded.replace("\n", "\r\n"),
    }
    report = import_qdpx(zipped(files), tmp_path / "study")
    assert sorted(h.exact for h in report.passages) == ["N: Then the ward got quiet.", "the ward"]
    assert (tmp_path / "study" / "transcripts" / "Rec.mp3.txt").read_text("utf-8") == (
        "[00:00:00] I: When did nights start?\nN: In May.\nI: And then?\n"
        "[00:00:09] N: Then the ward got quiet.\n"
    )


def test_passages_no_count_puts_on_the_words_their_names_quote_are_said(tmp_path: Path) -> None:
    """Where no count selected any passage's words (a count this app does not know: UTF-8
    bytes here, as a Go or Rust tool indexes a string; QualCoder's CR CR LF line ends
    before they were read), every passage landed on other words and the report said
    nothing: names that quote words the text has say so; names quoting no words of it
    ("Selection 12") still tell nothing."""
    text = "Interview with José, café owner\nQ: Ready?\nA: Quite ready, yes.\nA: The night.\n"
    selections = ""
    for k, name in enumerate(["Quite ready", "The night", "Selection 3"]):
        quote = name if k < 2 else "Ready"
        start = len(text[: text.index(quote)].encode())
        selections += (
            f'<PlainTextSelection guid="eeeeeeee-0000-0000-0000-00000000000{k}" name="{name}" '
            f'startPosition="{start}" endPosition="{start + len(quote)}"/>'
        )
    qde = (
        f'<Project xmlns="{PROJECT_NS}" name="X" origin="Some Tool 1.0"><Sources>'
        '<TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Doc" '
        f'plainTextPath="internal://d1.txt">{selections}</TextSource></Sources></Project>'
    )
    report = import_qdpx(zipped({"project.qde": qde, "sources/d1.txt": text}), tmp_path / "s")
    assert "Quite ready" not in [h.exact for h in report.passages]
    assert report.doubtful == ["2 passages of “Doc”"]
    assert "Check 2 passages of “Doc”" in report.message()


MAXQDA_CRLF = (
    "I: Your shift? 🌙\r\nR: Long. Café at three.\r\n\r\nI: And the handover?\r\n"
    "R: We go bed by bed.\r\nIt takes an hour,\r\nsometimes two.\r\n\r\nI: Thanks.\r\n"
)


@pytest.mark.parametrize("counting", list(Counting))
def test_a_maxqda_project_s_unnamed_passages_land_on_their_words_however_counted(
    tmp_path: Path, counting: Counting
) -> None:
    """MAXQDA names no selection: with nothing to tell, its CRLF text was read as code
    points with a CRLF as two, and positions counting a line end once (or an emoji two,
    as Windows programs count UTF-16) put every passage after the first line a character
    further on for each line above it (' Café at thre', 'I: And the handov'), said
    nowhere. The count under which the passages begin and end at words is taken."""
    from tests.core.test_refi import FIXTURES

    quotes = ["Your shift?", "Café at three.", "And the handover?", "sometimes two.", "Thanks."]
    quotes.insert(3, "We go bed by bed.\r\nIt takes an hour,")
    with zipfile.ZipFile(FIXTURES / "maxqda.qdpx") as archive:  # its one passage, "Coffee"
        qde = archive.read("project.qde").decode()
    one = re.search(r"<PlainTextSelection .*?</PlainTextSelection>", qde, re.DOTALL)
    assert one is not None
    selections = [
        re.sub(
            r'startPosition="\d+" endPosition="\d+"',
            f'startPosition="{a}" endPosition="{b}"',
            one[0],
        )
        .replace("e2e2e2e2-0000-0000-0000-000000000001", f"e2e2e2e2-0000-0000-0000-00000000010{k}")
        .replace("f2f2f2f2-0000-0000-0000-000000000001", f"f2f2f2f2-0000-0000-0000-00000000010{k}")
        for k, (_, a, b) in enumerate(spans(MAXQDA_CRLF, quotes, counting))
    ]
    qde = qde.replace(one[0], "".join(selections))
    data = zipped({"project.qde": qde, "texts/R1.txt": MAXQDA_CRLF.encode()})
    report = import_qdpx(data, tmp_path / "study")
    assert [h.exact for h in report.passages] == [q.replace("\r\n", "\n") for q in quotes]
