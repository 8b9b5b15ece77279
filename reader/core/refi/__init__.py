"""REFI-QDA exchange: `.qdpx` projects and `.qdc` codebooks, to and from NVivo, ATLAS.ti,
MAXQDA and QualCoder. See docs/refi-qda.md.

- `codebook_xml`: the code tree as REFI `Code` elements; `.qdc` export and import.
- `qdpx_export`: a study, or one interview, as a `.qdpx` zip.
- `qdpx_import`: a `.qdpx` read into a new study or one that exists, with a report of
  what was left out.
- `left_out`: what an import left out, as records (kind, name, why), and the report's
  lines made from them, those of one kind and reason in one.
- `media`: recordings (audio and video sources) and their transcripts' SyncPoints.
"""
