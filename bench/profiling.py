"""pyinstrument profiles of figures that missed their target, boiled down to the cause.

Each sample's own time is charged to the nearest function of the app (reader/ or
main.py) on its stack, so Qt's C++ work lands on the app function that asked for it.
The summary lists those functions with their share of the profiled time and the callee
most of it went to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyinstrument import Profiler
from pyinstrument.frame import Frame

ROOT = Path(__file__).resolve().parents[1]
APP_PREFIXES = (str(ROOT / "reader") + "/", str(ROOT / "main.py"))
OUTSIDE = "(outside the app's code: Qt event loop, bench driver)"
TREE_LINES = 45
TOP = 8
SPREAD_SHARE = 0.15  # below this, the top function is not "the" cause
WRAPPER_SHARE = 0.5  # an outermost app function with this much of the app's time is its entry


def profile(fn: Callable[[], object], label: str) -> dict[str, Any]:
    """Run `fn` under pyinstrument and summarise the profile."""
    profiler = Profiler(interval=0.0005)
    profiler.start()
    try:
        fn()
    finally:
        profiler.stop()
    return summarise(profiler, label)


def _is_app(frame: Frame) -> bool:
    path = frame.file_path or ""
    return not frame.is_synthetic and path.startswith(APP_PREFIXES)


def _name(frame: Frame) -> str:
    """Class.function; a module's top level is named by its file, as several are profiled."""
    if frame.function == "<module>":
        return f"<module> @ {_where(frame).split(':')[0]}"
    if frame.class_name:
        return f"{frame.class_name}.{frame.function}"
    return frame.function or "?"


def _where(frame: Frame) -> str:
    path = frame.file_path or ""
    if path.startswith(str(ROOT) + "/"):
        path = path[len(str(ROOT)) + 1 :]
    return f"{path}:{frame.line_no}" if frame.line_no else path


def summarise(profiler: Profiler, label: str) -> dict[str, Any]:
    """Duration, the app functions charged with the time, and a trimmed call tree."""
    session = profiler.last_session
    assert session is not None
    root = session.root_frame()
    duration = session.duration
    charged: dict[str, float] = defaultdict(float)
    where: dict[str, str] = {}
    callees: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    inclusive: dict[str, float] = defaultdict(float)
    outermost: set[str] = set()  # app functions with no app function above them

    def walk(frame: Frame, owner: str, stack: frozenset[str] = frozenset()) -> None:
        if frame.is_synthetic:
            return  # "[self]" and the like: already in their parent's total_self_time
        if _is_app(frame):
            owner = _name(frame)
            where.setdefault(owner, _where(frame))
            if not stack:
                outermost.add(owner)
            if owner not in stack:  # recursion would count the same time twice
                inclusive[owner] += frame.time
                stack = stack | {owner}
        own = frame.total_self_time
        if own > 0:
            charged[owner] += own
            callee = "its own code" if _is_app(frame) else f"{_name(frame)} ({_where(frame)})"
            callees[owner][callee] += own
        for child in frame.children:
            walk(child, owner, stack)

    if root is not None:
        walk(root, OUTSIDE)
    total = sum(charged.values()) or 1.0
    top = []
    for name, seconds in sorted(charged.items(), key=lambda kv: -kv[1])[:TOP]:
        callee, callee_s = max(callees[name].items(), key=lambda kv: kv[1])
        top.append(
            {
                "function": name.split(" @ ")[0],
                "where": where.get(name, ""),
                "seconds": seconds,
                "share": seconds / total,
                "mostly_in": callee,
                "mostly_share": callee_s / seconds if seconds else 0.0,
            }
        )
    busy = total - charged.get(OUTSIDE, 0.0)
    steps = [
        {"function": name.split(" @ ")[0], "where": where[name], "seconds": t, "share": t / total}
        for name, t in sorted(inclusive.items(), key=lambda kv: -kv[1])
        if not (name in outermost and t >= WRAPPER_SHARE * busy)  # the entry point: all of it
    ][:TOP]
    tree = profiler.output_text(
        unicode=True,
        color=False,
        time="percent_of_total",
        processor_options={"filter_threshold": 0.02},
    )
    lines = [line for line in tree.splitlines() if line.strip()]
    body = [
        line for line in lines if not line.lstrip().startswith(("_", "/", "Recorded", "Profile"))
    ]
    return {
        "label": label,
        "duration": duration,
        "total": total,
        "busy": busy,
        "top": top,
        "steps": steps,
        "tree": body[:TREE_LINES],
    }


def _label(entry: dict[str, Any]) -> str:
    if entry["function"] == "<module>":
        return f"importing `{entry['where'].split(':')[0]}`"
    return f"`{entry['function']}` ({entry['where']})"


def cause_sentence(summary: dict[str, Any]) -> str:
    """The main cause in one sentence: function, file and share of the profiled time.

    When the app's code was idle most of the profile (an event loop left running), shares
    are of the time it was busy instead.
    """
    top = [t for t in summary["top"] if t["function"] != OUTSIDE] or summary["top"]
    if not top:
        return "The profile recorded no samples."
    total, busy = summary.get("total", 0.0), summary.get("busy", 0.0)
    if total and busy < total / 2:
        scale, of = total / busy, f"of the {busy * 1000:,.0f} ms the app's code was busy"
    else:
        scale, of = 1.0, "of the profiled time"
    first = top[0]
    steps = summary.get("steps", [])[:4]
    listed = ", ".join(
        f"{_label(s)} {s['share'] * scale:.0%} ({s['seconds'] * 1000:,.0f} ms)" for s in steps
    )
    if first["share"] * scale < SPREAD_SHARE and steps:
        return (
            f"No single function dominates (the largest, {_label(first)}, has "
            f"{first['share'] * scale:.0%} {of}); the time goes to these steps, callees "
            f"included: {listed}."
        )
    text = f"{first['share'] * scale:.0%} {of} is charged to {_label(first)}"
    if first["mostly_in"] != "its own code":
        text += f", {first['mostly_share']:.0%} of it in `{first['mostly_in']}`"
    if len(top) > 1:
        text += f"; next {_label(top[1])} with {top[1]['share'] * scale:.0%}"
    if steps:
        text += f". The biggest steps, callees included: {listed}"
    return text + "."
