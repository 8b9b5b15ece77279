"""The recordings the Attach Recording dialog offers."""

from __future__ import annotations

from fnmatch import fnmatchcase

from reader.core.media_suffixes import FILTER


def test_a_recorders_names_in_capitals_match_the_recordings_filter() -> None:
    """Hand recorders and cameras name their files in capitals, and the desktop's own file
    dialog (GTK's, the desktop portal's) matches a pattern case by case: ZOOM0001.WAV was
    not among the recordings offered."""
    recordings, _, everything = FILTER.partition(";;")
    assert everything == "All files (*)"
    patterns = recordings.partition("(")[2].removesuffix(")").split()
    for name in ("ZOOM0001.WAV", "MVI_0042.MOV", "REC001.MP3", "talk.m4a", "P01 Ana.wav"):
        assert any(fnmatchcase(name, pattern) for pattern in patterns), name
    assert not any(fnmatchcase("talk.vtt", pattern) for pattern in patterns)
