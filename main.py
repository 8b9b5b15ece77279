"""Start Interview Reader; `python main.py --help` lists the commands."""

from __future__ import annotations

import sys

from reader.app import main

if __name__ == "__main__":
    sys.exit(main())
