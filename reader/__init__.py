"""Interview Reader: read an interview and keep research notes on it, offline."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Interview Reader"
APP_ID = "interview-reader"
