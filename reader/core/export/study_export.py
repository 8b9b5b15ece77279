"""Exports of a whole study: each interview's highlights through the one-interview
exporters, grouped by interview, then by question.

- Markdown, HTML and Word: a section per interview (its attributes in a line under its
  title), then the summary sections of the one-interview exports a level down (in Word,
  at the same level, each interview a Heading 1 on a new page); the study memo after
  them.
- CSV: the one-interview columns after `interview` (its title), `interview_id` and one
  column per attribute (headed by its label), ready for pandas and R.
- JSON: the study file's content, the memo, and per interview its entry and the full
  model of the one-interview JSON export.

An interview whose transcript is missing is exported from its notes (its highlights as
"not found in the current text"); one whose notes cannot be read is left out and named
at the top, and in the lines each exporter returns with its bytes (as the REFI-QDA one
does), for the Export dialog and the command line to say. Nothing is dropped silently.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from reader.core.annotations import Highlight, count_label
from reader.core.export import csv_export, docx_export, html_export, markdown_export
from reader.core.export.common import (
    DEFAULT_OPTIONS,
    ExportCancelled,
    ExportOptions,
    Progress,
    filter_description,
    linked_notes,
    place_all,
    recording_link,
    selected,
    summary_sections,
)
from reader.core.export.json_export import model_json
from reader.core.exported import EXPORTED_FROM
from reader.core.markdown_escape import escape
from reader.core.session import Session
from reader.core.study import Study
from reader.core.study_file import InterviewEntry, serialise
from reader.core.study_texts import StudyTexts
from reader.core.wording import counted


@dataclass(frozen=True)
class StudyExportOptions:
    """`highlights` filters highlights as in a one-interview export (its `progress` is
    called with interviews done and the number of interviews); `filters` keeps the
    interviews whose attribute values are in the given sets (Study.matching)."""

    highlights: ExportOptions = DEFAULT_OPTIONS
    filters: dict[str, frozenset[Any]] = field(default_factory=dict)
    # Where the export is written (None: to standard output): each interview's time links
    # lead to its recording from there (common.recording_link).
    destination: Path | None = None


@dataclass
class _Part:
    """One interview of a study export, opened, or why it could not be."""

    entry: InterviewEntry
    session: Session
    problem: str  # "" or e.g. the transcript is missing


_LeftOut = list[tuple[str, str]]  # (title, why) of each interview left out, or the memo
MEMO_HEADING = "Study memo"
# Before the anchors of the memo's headings: every interview's notes and the memo may have
# a "Results", each linked from its own text (html_export.own_links).
MEMO_ANCHORS = "memo-"
_Matched = tuple[_Part, list[Highlight]]  # an interview and the highlights it exports
Escape = Callable[[str], str]  # text to text in the format written: Markdown's, HTML's


def _parts(
    study: Study, options: StudyExportOptions, texts: StudyTexts | None
) -> tuple[list[_Part], _LeftOut]:
    """The interviews to export with their sessions, and those left out."""
    texts = texts or StudyTexts(study)
    entries = study.matching(dict(options.filters) or None)
    parts, left_out = [], []
    progress = options.highlights.progress
    for done, entry in enumerate(entries, 1):
        loaded = texts.get(entry)
        if loaded is None:
            left_out.append((entry.title, texts.problems.get(entry.id, "")))
        else:
            parts.append(_Part(entry, loaded.session, _problem(study, entry, loaded.problem)))
        if progress is not None and progress(done, len(entries)) is False:
            raise ExportCancelled(f"export cancelled after {done} of {len(entries)} interviews")
    return parts, left_out


def _problem(study: Study, entry: InterviewEntry, problem: str) -> str:
    """What an export says of an interview whose transcript could not be opened ("" when
    it could), without its path: a shared summary must not carry the user's folders."""
    if not problem:
        return ""
    try:
        state = "empty" if study.transcript_path(entry).stat().st_size == 0 else "cannot be read"
    except FileNotFoundError:
        state = "missing"
    except OSError:
        state = "cannot be read"
    return f"transcript {state}; exported from its notes"


def _matching(parts: list[_Part], hl: ExportOptions) -> tuple[list[_Matched], str]:
    """Each part with its selected highlights; filtered by colour or code, the parts with
    none are left out ("0 highlights" under every other title of a study), and named in a
    line for the top: "2 interviews with nothing that matches: “P1”, “P3”."."""
    matched = [(part, selected(part.session, hl)) for part in parts]
    if not hl.filtered:
        return matched, ""
    empty = [part.entry.title for part, highlights in matched if not highlights]
    if not empty:
        return matched, ""
    names = ", ".join(f"“{title}”" for title in empty)
    line = f"{counted(len(empty), 'interview')} with nothing that matches: {names}."
    return [(part, highlights) for part, highlights in matched if highlights], line


def _said(left_out: _LeftOut, joint: str) -> list[str]:
    """A line each: in the file "“P2” left out: why" (joint " left out: "), returned
    "“P2”: why" (joint ": ", said after "Left out of FILE:" or "not exported:")."""
    return [f"“{title}”{joint}{why}" for title, why in left_out]


def _in_file(left_out: _LeftOut) -> list[str]:
    return _said(left_out, " left out: ")


def _quiet(options: ExportOptions) -> ExportOptions:
    """The options without the progress callback (progress is counted in interviews)."""
    return ExportOptions(colors=options.colors, codes=options.codes)


def notes_anchors(entry: InterviewEntry) -> str:
    """What the anchors of an interview's note headings start with, "i-<its id>-": its
    "Results" is "i-<id>-results", apart from another interview's (MEMO_ANCHORS)."""
    return f"i-{entry.id}-"


def _plain(text: str) -> str:
    return text


def _bdi(html: str) -> str:
    """An HTML value isolated in its own direction: "Participant: يوسف العلي · Date: …"
    keeps the name right to left, and the " · " after it in its place."""
    return f"<bdi>{html}</bdi>"


def attribute_line(
    study: Study, entry: InterviewEntry, esc: Escape = _plain, value: Escape = _plain
) -> str:
    """E.g. "Participant: Ana · Date: 2024-03-01 · Role: nurse"; "" when none is set. In
    HTML `esc` escapes it and `value` isolates each value (_bdi)."""
    fixed = (("Participant", entry.participant), ("Date", entry.date))
    pairs = [(label, text) for label, text in fixed if text] + [
        (a.label, str(entry.attributes[a.key]))
        for a in study.data.attributes
        if a.key in entry.attributes
    ]
    return " · ".join(f"{esc(label)}: {value(esc(text))}" for label, text in pairs)


# Markdown --------------------------------------------------------------------------------


def export_study_markdown(
    study: Study, options: StudyExportOptions | None = None, texts: StudyTexts | None = None
) -> tuple[bytes, list[str]]:
    options = options or StudyExportOptions()
    parts, left_out = _parts(study, options, texts)
    esc = escape
    filters = _filters(study, parts, options)
    matched, unmatched = _matching(parts, _quiet(options.highlights))
    memo, memo_anchored = _memo(study, matched, left_out, options)
    total = count_label(h for _, highlights in matched for h in highlights)
    blocks = [
        f"# {esc(study.data.title)}",
        f"{counted(len(matched), 'interview')}, {total}"
        + (f" ({esc(filters)})" if filters else "")
        + f", {EXPORTED_FROM}",
        *(esc(line) for line in [unmatched, *_in_file(left_out)] if line),
    ]
    for part, highlights in matched:
        session = part.session
        blocks.append(f"## {esc(part.entry.title)}")
        about = [attribute_line(study, part.entry), _source(part), count_label(highlights)]
        blocks.append("  \n".join(esc(line) for line in about if line))
        placed = place_all(session, highlights)
        exported = {h.id for h in highlights}
        recording = _recording(study, part, options)
        notes, anchored = linked_notes(session.notes.notes, exported, recording)
        anchored |= memo_anchored
        tag = markdown_export.code_tags(session.notes.codebook)
        for section in summary_sections(session, placed):
            blocks.append(f"### {esc(section.heading)}")
            blocks.extend(
                markdown_export.entry(session, item, tag, anchored, recording)
                for item in section.items
            )
        blocks += markdown_export.research_notes(notes, 3, anchors=notes_anchors(part.entry))
    blocks += markdown_export.research_notes(memo, 2, MEMO_HEADING, MEMO_ANCHORS)
    return ("\n\n".join(blocks) + "\n").encode("utf-8"), _said(left_out, ": ")


def _memo(
    study: Study, matched: list[_Matched], left_out: _LeftOut, options: StudyExportOptions
) -> tuple[str, set[str]]:
    """The study memo as an export of the study shows it, after the interviews: its links
    to passages exported lead to them, its times into their interview's recording, the
    others keep their label; and the ids of the passages it links to."""
    from reader.core.study_memo import as_exported

    exported = {h.id for _, highlights in matched for h in highlights}
    recordings = {part.entry.id: _recording(study, part, options) for part, _ in matched}
    return linked_notes(as_exported(_memo_text(study, left_out), recordings), exported)


def _memo_text(study: Study, left_out: _LeftOut) -> str:
    """The study memo ("" when it has none); one that cannot be read is left out, and
    said as an interview left out is."""
    from reader.core.study_memo import MemoUnreadableError, memo_path, read_memo

    try:
        return read_memo(memo_path(study.folder))
    except (OSError, MemoUnreadableError) as exc:
        left_out.append((MEMO_HEADING, str(exc)))
        return ""


def _recording(study: Study, part: _Part, options: StudyExportOptions) -> str:
    """The interview's recording as the export links to it; "" when it has none."""
    return recording_link(part.session, study.notes_path(part.entry), options.destination)


def _source(part: _Part, esc: Escape = _plain, value: Escape = _plain) -> str:
    """The line "Source: NAME (problem)"; `esc` and `value` as in attribute_line."""
    name = PurePosixPath(part.entry.path).name  # the name, not the user's folders
    return f"Source: {value(esc(name))}" + (f" ({esc(part.problem)})" if part.problem else "")


def _filters(study: Study, parts: list[_Part], options: StudyExportOptions) -> str:
    """The active filters in words: the highlight filters and the attribute ones."""
    words = []
    if parts and options.highlights.filtered:
        words.append(filter_description(parts[0].session, options.highlights))
    for key, values in options.filters.items():
        label = key.capitalize() if key in ("participant", "date", "title") else key
        for a in study.data.attributes:
            if a.key == key:
                label = a.label
        words.append(f"{label} {' or '.join(sorted(map(str, values)))}")
    return "; ".join(words)


# HTML ------------------------------------------------------------------------------------

_STUDY_CSS = """
h2.interview { font-size: 1.45rem; border-top: 2px solid #888; }
h3 { font-size: 1.1rem; line-height: 1.3; margin: 1.6rem 0 .7rem; }
@media print {
  section.interview ~ section.interview { break-before: page; page-break-before: always; }
  h3 { break-after: avoid; page-break-after: avoid; }
}
"""


def export_study_html(
    study: Study, options: StudyExportOptions | None = None, texts: StudyTexts | None = None
) -> tuple[bytes, list[str]]:
    options = options or StudyExportOptions()
    parts, left_out = _parts(study, options, texts)
    title = html_escape(study.data.title)
    filters = _filters(study, parts, options)
    matched, unmatched = _matching(parts, _quiet(options.highlights))
    memo = _memo(study, matched, left_out, options)[0]
    total = count_label(h for _, highlights in matched for h in highlights)
    out = [
        *html_export.page_start(title, _STUDY_CSS),
        f'<h1 dir="auto">{title}</h1>',
        f'<p class="meta-line">{counted(len(matched), "interview")}, {total}'
        + (f" ({html_escape(filters)})" if filters else "")
        + f", {html_escape(EXPORTED_FROM)}</p>",
        *(
            f'<p class="meta-line">{html_escape(line)}</p>'
            for line in [unmatched, *_in_file(left_out)]
            if line
        ),
    ]
    for part, highlights in matched:
        session = part.session
        out.append(f'<section class="interview" id="i-{html_escape(part.entry.id)}">')
        out.append(f'<h2 class="interview" dir="auto">{html_escape(part.entry.title)}</h2>')
        about = (
            attribute_line(study, part.entry, html_escape, _bdi),
            _source(part, html_escape, _bdi),
            count_label(highlights),
        )
        for line in about:
            if line:
                out.append(f'<p class="meta-line">{line}</p>')
        placed = place_all(session, highlights)
        recording = _recording(study, part, options)
        for section in summary_sections(session, placed):
            out.append(f'<section class="{html_escape(section.key)}">')
            out.append(f"<h3>{html_export.heading(section)}</h3>")
            out.extend(html_export.entry(session, item, recording) for item in section.items)
            out.append("</section>")
        exported = {h.id for h in highlights}
        notes = linked_notes(session.notes.notes, exported, recording)[0]
        out += html_export.research_notes(notes, 3, anchors=notes_anchors(part.entry))
        out.append("</section>")
    out += html_export.research_notes(memo, 2, MEMO_HEADING, MEMO_ANCHORS)
    out += ["</main>", "</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8"), _said(left_out, ": ")


# Word ------------------------------------------------------------------------------------


def export_study_docx(
    study: Study, options: StudyExportOptions | None = None, texts: StudyTexts | None = None
) -> tuple[bytes, list[str]]:
    from reader.core.study_memo import as_exported
    from reader.core.xml_chars import xml_safe

    options = options or StudyExportOptions()
    parts, left_out = _parts(study, options, texts)
    filters = _filters(study, parts, options)
    hl = _quiet(options.highlights)
    matched, unmatched = _matching(parts, hl)
    memo = _memo_text(study, left_out)
    every = [h for _, highlights in matched for h in highlights]
    word, out = docx_export.new_document(study.data.title, every)
    counts = f"{counted(len(matched), 'interview')}, {count_label(every)}"
    top = [counts + (f" ({filters})" if filters else "") + f", {EXPORTED_FROM}", unmatched]
    for line in filter(None, [*top, *_in_file(left_out)]):
        out.add(xml_safe(line))
    for number, (part, highlights) in enumerate(matched):
        out.heading(xml_safe(part.entry.title), 1, new_page=number > 0)
        about = [attribute_line(study, part.entry), _source(part), count_label(highlights)]
        for line in filter(None, about):
            out.add(xml_safe(line))
        docx_export.summary(out, part.session, highlights, Progress(hl, len(highlights)))
    if memo.strip():
        out.heading(MEMO_HEADING, 1, new_page=bool(matched))
        docx_export.research_notes(out, as_exported(memo), 2)
    return docx_export.saved(word, out), _said(left_out, ": ")


# CSV -------------------------------------------------------------------------------------


def csv_columns(study: Study) -> list[str]:
    """`interview`, `interview_id`, `participant`, `date`, an attribute column each (its
    label; one that equals another column gets " (attribute)"), then the one-interview
    columns."""
    fixed = ["interview", "interview_id", "participant", "date"]
    taken = {*fixed, *csv_export.COLUMNS}
    labels = []
    for a in study.data.attributes:
        label = a.label if a.label not in taken else f"{a.label} (attribute)"
        taken.add(label)
        labels.append(label)
    return [*fixed, *labels, *csv_export.COLUMNS]


def export_study_csv(
    study: Study, options: StudyExportOptions | None = None, texts: StudyTexts | None = None
) -> tuple[bytes, list[str]]:
    options = options or StudyExportOptions()
    parts, left_out = _parts(study, options, texts)
    hl = _quiet(options.highlights)
    buffer = io.StringIO()
    out = csv_export.writer(buffer, options.highlights)
    out.writerow(csv_columns(study))
    for part in parts:
        entry = part.entry
        # A number stays a number ("-3", not the text "'-3" a formula guard makes of a
        # string); "" where the interview has no value.
        values = [entry.attributes.get(a.key, "") for a in study.data.attributes]
        lead = [entry.title, entry.id, entry.participant, entry.date, *values]
        out.writerows([*lead, *row] for row in csv_export.rows(part.session, hl))
    return buffer.getvalue().encode("utf-8-sig"), _said(left_out, ": ")


# JSON ------------------------------------------------------------------------------------


def export_study_json(
    study: Study, options: StudyExportOptions | None = None, texts: StudyTexts | None = None
) -> tuple[bytes, list[str]]:
    options = options or StudyExportOptions()
    parts, left_out = _parts(study, options, texts)
    hl = _quiet(options.highlights)
    data = orjson.loads(serialise(study.data))
    data["format"] = "interview-reader-study-export"
    del data["interviews"]
    data["memo"] = _memo_text(study, left_out)  # Markdown, as memo.md holds it
    data["left_out"] = _in_file(left_out)
    order = {a.key: i for i, a in enumerate(study.data.attributes)}
    data["interviews"] = [
        {
            **part.entry.to_json(order),
            "problem": part.problem,
            "model": model_json(part.session, hl),
        }
        for part in parts
    ]
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n", _said(left_out, ": ")


StudyExporter = Callable[
    [Study, StudyExportOptions | None, StudyTexts | None], tuple[bytes, list[str]]
]
STUDY_FORMATS: dict[str, StudyExporter] = {
    "md": export_study_markdown,
    "html": export_study_html,
    "csv": export_study_csv,
    "json": export_study_json,
    "docx": export_study_docx,
}


def export_study(
    study: Study,
    name: str,
    options: StudyExportOptions | None = None,
    texts: StudyTexts | None = None,
) -> tuple[bytes, list[str]]:
    """The study in format `name` (a key of STUDY_FORMATS), and a line for each interview
    left out ("“P2”: its notes cannot be read (…)"); KeyError for an unknown format."""
    return STUDY_FORMATS[name](study, options, texts)
