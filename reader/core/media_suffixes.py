"""The file suffixes of recordings: what is looked for beside a transcript, offered to
attach, and never opened as a transcript."""

from __future__ import annotations

# Phones and Macs record .m4a, .aac, .amr, .3gp, .mov, .aif; Windows, .wma.
AUDIO_SUFFIXES = (".mp3", ".m4a", ".wav", ".ogg", ".opus", ".flac", ".aac", ".aif", ".aiff")
AUDIO_SUFFIXES += (".wma", ".amr")
VIDEO_SUFFIXES = (".mp4", ".webm", ".mkv", ".mov", ".m4v", ".avi", ".3gp")
# Audio first: when both "x.mp3" and "x.mp4" lie beside "x.vtt", the lighter one plays.
SUFFIXES = AUDIO_SUFFIXES + VIDEO_SUFFIXES
# Hand recorders and cameras name their files in capitals ("ZOOM0001.WAV", "MVI_0042.MOV"),
# and the desktop's own file dialog (GTK's, the desktop portal's) matches case by case.
_PATTERNS = " ".join(f"*{s} *{s.upper()}" for s in SUFFIXES)
FILTER = f"Recordings ({_PATTERNS});;All files (*)"
