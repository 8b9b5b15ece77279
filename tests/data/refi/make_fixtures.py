"""Writes the .qdpx fixtures beside this file, in the shapes NVivo, ATLAS.ti and MAXQDA
export (hand-made from their documented habits, not copied from their files):

- nvivo.qdpx: `Sources/` capitalised, a source file with a BOM and CRLF counted as two
  characters, a codable parent, Cases with VariableValues, a note tied by a Link, a
  picture source and a selection past the end of its text.
- atlas.qdpx: a project file not called project.qde, inline PlainTextContent with CRLF
  counted as one character, a quotation comment in Description, a coding of a code that
  does not exist, a three-digit colour.
- maxqda.qdpx: a relative:// source path, CRLF counted as two, a character beyond the BMP,
  an audio source, codes without colours or isCodable.

Run: .venv/bin/python tests/data/refi/make_fixtures.py
"""

# ruff: noqa: E501 - the XML is laid out as the tools write it, one element a line
from __future__ import annotations

import zipfile
from pathlib import Path

HERE = Path(__file__).parent
HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
NS = 'xmlns="urn:QDA-XML:project:1.0"'

NVIVO_TEXT = "Interviewer: How do nights start?\r\nNurse: With the handover. Always tired.\r\n"
ATLAS_TEXT = "Q: And the ward?\r\nA: Quiet, then chaos.\r\n"
MAXQDA_TEXT = "I: Your shift? 🌙\r\nR: Long. Café at three.\r\n"


def crlf_two(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def crlf_one(text: str, quote: str) -> tuple[int, int]:
    start, end = crlf_two(text, quote)
    before = text[:start].count("\r\n")
    return start - before, end - before


def write(name: str, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(zipfile.ZipInfo(path, (2024, 1, 1, 0, 0, 0)), data)


def nvivo() -> None:
    s1, e1 = crlf_two(NVIVO_TEXT, "With the handover.")
    s2, e2 = crlf_two(NVIVO_TEXT, "Always tired.")
    qde = f"""{HEAD}<Project {NS} name="Night shifts (NVivo)" origin="NVivo 14.23.0">
<Users><User guid="11111111-1111-1111-1111-111111111111" name="Ana"/></Users>
<CodeBook><Codes>
  <Code guid="{{AAAAAAAA-0000-0000-0000-000000000001}}" name="Work" isCodable="true" color="#3366CC">
    <Description>Everything about the job</Description>
    <Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Handover" isCodable="true" color="#FF9900"/>
  </Code>
  <Code guid="aaaaaaaa-0000-0000-0000-000000000003" name="Fatigue" isCodable="true"/>
</Codes></CodeBook>
<Variables>
  <Variable guid="bbbbbbbb-0000-0000-0000-000000000001" name="Role" typeOfVariable="Text"/>
  <Variable guid="bbbbbbbb-0000-0000-0000-000000000002" name="Years" typeOfVariable="Integer"/>
</Variables>
<Cases>
  <Case guid="cccccccc-0000-0000-0000-000000000001" name="Nurse Ana">
    <VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/><TextValue>nurse</TextValue></VariableValue>
    <VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000002"/><IntegerValue>12</IntegerValue></VariableValue>
    <SourceRef targetGUID="dddddddd-0000-0000-0000-000000000001"/>
  </Case>
</Cases>
<Sources>
  <TextSource guid="dddddddd-0000-0000-0000-000000000001" name="Ana, night 1" plainTextPath="internal://dddddddd-0000-0000-0000-000000000001.txt">
    <PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000001" name="handover" startPosition="{s1}" endPosition="{e1}">
      <Coding guid="ffffffff-0000-0000-0000-000000000001"><CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000002"/></Coding>
      <Coding guid="ffffffff-0000-0000-0000-000000000002"><CodeRef targetGUID="AAAAAAAA-0000-0000-0000-000000000001"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000002" name="tired" startPosition="{s2}" endPosition="{e2}" creationDateTime="2024-02-01T09:30:00Z">
      <Coding guid="ffffffff-0000-0000-0000-000000000003"><CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000003"/></Coding>
    </PlainTextSelection>
    <PlainTextSelection guid="eeeeeeee-0000-0000-0000-000000000003" name="past the end" startPosition="70" endPosition="9000"/>
  </TextSource>
  <PictureSource guid="dddddddd-0000-0000-0000-000000000002" name="Ward plan" path="internal://plan.png"/>
</Sources>
<Notes>
  <Note guid="99999999-0000-0000-0000-000000000001" name="Memo on tiredness"><PlainTextContent>Ask about rotas.</PlainTextContent></Note>
  <Note guid="99999999-0000-0000-0000-000000000002" name="Loose memo"><PlainTextContent>Not tied.</PlainTextContent></Note>
</Notes>
<Links>
  <Link guid="88888888-0000-0000-0000-000000000001" originGUID="99999999-0000-0000-0000-000000000001" targetGUID="eeeeeeee-0000-0000-0000-000000000002"/>
</Links>
</Project>
"""
    write(
        "nvivo.qdpx",
        {
            "project.qde": qde.encode(),
            "Sources/dddddddd-0000-0000-0000-000000000001.txt": b"\xef\xbb\xbf"
            + NVIVO_TEXT.encode(),
        },
    )


def atlas() -> None:
    s1, e1 = crlf_one(ATLAS_TEXT, "Quiet, then chaos.")
    qde = f"""{HEAD}<Project {NS} name="Ward study" origin="ATLAS.ti 23.2.1">
<CodeBook><Codes>
  <Code guid="a1a1a1a1-0000-0000-0000-000000000001" name="Calm" isCodable="true" color="#0f0"/>
</Codes></CodeBook>
<Sources>
  <TextSource guid="d1d1d1d1-0000-0000-0000-000000000001" name="Ward talk">
    <PlainTextContent>{ATLAS_TEXT.replace(chr(13), "&#13;")}</PlainTextContent>
    <PlainTextSelection guid="e1e1e1e1-0000-0000-0000-000000000001" name="chaos" startPosition="{s1}" endPosition="{e1}">
      <Description>Turns quickly.</Description>
      <Coding guid="f1f1f1f1-0000-0000-0000-000000000001"><CodeRef targetGUID="a1a1a1a1-0000-0000-0000-000000000001"/></Coding>
      <Coding guid="f1f1f1f1-0000-0000-0000-000000000002"><CodeRef targetGUID="a1a1a1a1-0000-0000-0000-00000000dead"/></Coding>
    </PlainTextSelection>
  </TextSource>
</Sources>
</Project>
"""
    write("atlas.qdpx", {"Ward study.qde": qde.encode()})


def maxqda() -> None:
    s1, e1 = crlf_two(MAXQDA_TEXT, "Café at three.")
    qde = f"""{HEAD}<Project {NS} name="Shifts" origin="MAXQDA 2022 (Release 22.7.0)">
<CodeBook><Codes>
  <Code guid="a2a2a2a2-0000-0000-0000-000000000001" name="Coffee" isCodable="1"/>
</Codes></CodeBook>
<Sources>
  <TextSource guid="d2d2d2d2-0000-0000-0000-000000000001" name="R1" plainTextPath="relative://texts/R1.txt">
    <PlainTextSelection guid="e2e2e2e2-0000-0000-0000-000000000001" startPosition="{s1}" endPosition="{e1}">
      <Coding guid="f2f2f2f2-0000-0000-0000-000000000001"><CodeRef targetGUID="a2a2a2a2-0000-0000-0000-000000000001"/></Coding>
    </PlainTextSelection>
  </TextSource>
  <AudioSource guid="d2d2d2d2-0000-0000-0000-000000000002" name="R1 recording" path="relative://R1.mp3"/>
</Sources>
</Project>
"""
    write("maxqda.qdpx", {"project.qde": qde.encode(), "texts/R1.txt": MAXQDA_TEXT.encode()})


if __name__ == "__main__":
    nvivo()
    atlas()
    maxqda()
