"""`python -m bench`: run every benchmark, print the table, rewrite bench/RESULTS.md."""

from __future__ import annotations

from bench.run import main

raise SystemExit(main())
