"""A faster answer to the question PySide asks of every module imported after it.

PySide's `__feature__` support (PYSIDE-2029) records, for each newly imported module,
whether its source names "PySide6", and finds out with `inspect.getsource`. That walks
every loaded module for each one it asks about (`inspect.getmodule`), and cost this app
~15 ms of its start-up (157 modules, measured with bench/startup.py). Reading a module's
file and looking for the same bytes gives the same answer in a tenth of the time. Any
module that is not a plain .py file, or any PySide without this hook, keeps PySide's way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "PySide6.support.feature"


def names_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether `module`'s source contains "PySide6", as PySide's own check decides."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            pass
    return fallback(module)


def speed_up_import_scan() -> None:
    """Replace PySide's per-module source check with `names_pyside` (once)."""
    import PySide6.QtCore  # noqa: F401  (loads the feature module)

    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or getattr(check, "__wrapped__", None) is not None:
        return

    def fast_check(module: ModuleType) -> bool:
        return names_pyside(module, check)

    fast_check.__wrapped__ = check  # type: ignore[attr-defined]
    feature._mod_uses_pyside = fast_check  # type: ignore[union-attr]
