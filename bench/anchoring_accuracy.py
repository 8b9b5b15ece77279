"""How often re-anchoring puts a highlight on the right words, on transcripts "re-exported".

`python -m bench.anchoring_accuracy [--seeds 1-5,6-10] [--docs 30]` prints a table; `make
bench` shows the wrong and not-found shares as rows of its section 4 (measure "accuracy").

Each document is timed turns, "[00:00:06] Ana: ...", many said again word for word or with
a word changed (short answers, the same questions, long answers repeated). Every turn is
highlighted whole, or a third of them (the same documents and edits); the transcript is
then edited as a re-export does, by a random mix of:
times removed, turns deleted, a few turns' words edited, a speaker renamed, exchanges
reordered. Each highlight is then
  right      placed on (mostly within) its own turn as it reads now,
  not found  orphaned (the app lists it for the user to place again),
  wrong      placed on other words: another turn, or anything for a deleted turn.
Wrong is the worst of the three: a researcher's note silently on words it was never about.
The same seed gives the same documents and edits on any machine.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Iterable, Sequence

from bench.table import Row
from reader.core.anchoring import reanchor_all
from reader.core.annotations import Highlight, make_highlight

SEED_RANGES = ((1, 5), (6, 10))
ALL_SEEDS = range(SEED_RANGES[0][0], SEED_RANGES[-1][1] + 1)
DOCS_PER_SEED = 30
# Every turn highlighted, as the check began; a third, nearer a researcher's notes, where a
# copy of a deleted turn is less often highlighted too.
SHARES = (1.0, 1 / 3)
SHARE_NAMES = {1.0: "all", 1 / 3: "a third"}
OUTCOMES = ("right", "not found", "wrong")

SHORT = ["Yes.", "Mm-hm.", "No.", "Right.", "Okay.", "I see.", "Yeah, yeah."]
QUESTIONS = [
    "Can you tell me more about that?",
    "And then what happened?",
    "How did that make you feel?",
    "What do you mean by that?",
    "Did you like the work?",
    "Why do you think that was?",
]
LONG = [
    "I started at the bakery on Main Street in 2009, and my father painted my name on the "
    "sign above the door in green letters.",
    "We never had enough money for the servers, so every winter we had to choose between "
    "heating the office and keeping the machines running.",
    "It was the quiet I loved most, the empty streets before dawn and the radio playing old "
    "songs while the ovens warmed up.",
    "My mother used to say that you only know a place once you have walked it in the rain, "
    "and I think she was right about that.",
    "They came at seven, always the same faces, and they paid in coins that they counted out "
    "slowly on the counter one by one.",
    "Honestly I do not remember much of that year, only that it was hard and that we were "
    "tired all of the time.",
]
# A long answer said again with one word changed.
SWAPS = {
    "bakery": "shop",
    "green": "red",
    "servers": "printers",
    "quiet": "calm",
    "rain": "snow",
    "seven": "eight",
    "hard": "long",
    "father": "uncle",
    "winter": "summer",
    "empty": "dark",
    "slowly": "quickly",
    "tired": "busy",
}


def near_copy(rng: random.Random, words: str) -> str:
    """`words` with one of SWAPS' words changed, if it has one."""
    split = words.split(" ")
    swappable = [i for i, w in enumerate(split) if w.strip(",.") in SWAPS]
    if not swappable:
        return words
    i = rng.choice(swappable)
    word = split[i].strip(",.")
    split[i] = split[i].replace(word, SWAPS[word])
    return " ".join(split)


def small_edit(rng: random.Random, words: str) -> str:
    """A turn's words edited a little: a typo made or corrected, a word changed or put in,
    or one taken out."""
    split = words.split(" ")
    if len(split) < 3:
        return words
    i = rng.randrange(1, len(split))
    kind = rng.choice(["typo", "swap", "insert", "delete"])
    word = split[i]
    if kind == "typo" and len(word) > 3:
        j = rng.randrange(1, len(word) - 1)
        split[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif kind == "swap":
        ending = word[len(word.rstrip(",.?")) :]
        split[i] = rng.choice(["really", "then", "there", "still"]) + ending
    elif kind == "insert":
        split.insert(i, rng.choice(["really", "you know,", "well,"]))
    elif len(split) > 4:
        del split[i]
    return " ".join(split)


def make_turns(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """`n` (speaker, words) turns, the interviewer and one participant in turn."""
    participant = rng.choice(["Ana", "Ben", "Chloé"])
    turns = []
    for i in range(n):
        if i % 2 == 0:
            turns.append(("Interviewer", rng.choice(QUESTIONS)))
            continue
        r = rng.random()
        if r < 0.4:
            words = rng.choice(SHORT)
        elif r < 0.75:
            words = rng.choice(LONG)
        else:
            words = near_copy(rng, rng.choice(LONG))
        turns.append((participant, words))
    return turns


def stamp(seconds: int) -> str:
    return f"[{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}] "


def render(lines: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The transcript of `lines`, a blank line between them, and each line's span."""
    spans, pos = [], 0
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 2
    return "\n\n".join(lines) + "\n", spans


def re_export(
    rng: random.Random, turns: list[tuple[str, str]], times: list[int]
) -> tuple[str, dict[int, tuple[int, int]]]:
    """The transcript edited as a re-export does, and where each turn left is in it now (by
    its index in `turns`)."""
    keep_times = rng.random() < 0.25
    now: list[list] = [[i, speaker, words] for i, (speaker, words) in enumerate(turns)]
    if rng.random() < 0.8:  # turns deleted: whole exchanges (question and answer) or one
        for _ in range(rng.randrange(1, max(2, len(now) // 6))):
            j = rng.randrange(len(now))
            if rng.random() < 0.5 and j + 1 < len(now):
                del now[j : j + 2]
            else:
                del now[j]
    if rng.random() < 0.35:
        for _ in range(rng.randrange(1, 4)):
            row = rng.choice(now)
            row[2] = small_edit(rng, row[2])
    if rng.random() < 0.25:  # a speaker renamed
        old = rng.choice(["Interviewer", turns[1][0]])
        new = {"Interviewer": rng.choice(["I", "Int", "Interviewer (MK)"])}.get(old, old + " Lima")
        for row in now:
            if row[1] == old:
                row[1] = new
    if rng.random() < 0.25:  # neighbouring exchanges swapped
        for _ in range(rng.randrange(1, 3)):
            if len(now) < 6:
                break
            j = rng.randrange(0, len(now) - 4)
            now[j : j + 4] = now[j + 2 : j + 4] + now[j : j + 2]
    lines = [(stamp(times[i]) if keep_times else "") + f"{s}: {w}" for i, s, w in now]
    text, spans = render(lines)
    return text, {row[0]: spans[k] for k, row in enumerate(now)}


def one_document(
    rng: random.Random,
) -> tuple[list[Highlight], str, dict[int, tuple[int, int]]]:
    """A transcript's whole-turn highlights, the transcript re-exported, and where each
    highlight's turn is in it now (by the highlight's index; a deleted turn is not)."""
    turns = make_turns(rng, rng.randrange(30, 70))
    t, times = 0, []
    for _ in turns:
        t += rng.randrange(2, 40)
        times.append(t)
    lines = [stamp(s) + f"{speaker}: {w}" for s, (speaker, w) in zip(times, turns, strict=True)]
    before, spans = render(lines)
    highlights = [make_highlight(before, a, b) for a, b in spans]
    after, where = re_export(rng, turns, times)
    return highlights, after, where


def outcome(placed: Highlight, turn: tuple[int, int] | None) -> str:
    """right, not found or wrong (see the module's docstring)."""
    if placed.orphan:
        return "not found"
    if turn is None:
        return "wrong"
    overlap = max(0, min(turn[1], placed.end) - max(turn[0], placed.start))
    return "right" if overlap * 2 >= max(1, placed.end - placed.start) else "wrong"


def measure(seed: int, docs: int = DOCS_PER_SEED, share: float = 1.0) -> Counter[str]:
    """How many highlights of `docs` documents made from `seed` fared each way, `share` of
    the turns highlighted (the same documents whatever the share)."""
    rng, pick = random.Random(seed), random.Random(f"{seed} turns")
    counts: Counter[str] = Counter()
    for _ in range(docs):
        highlights, after, where = one_document(rng)
        kept = [i for i in range(len(highlights)) if share >= 1 or pick.random() < share]
        results, _ = reanchor_all(after, [highlights[i] for i in kept])
        counts.update(
            outcome(r.highlight, where.get(i)) for i, r in zip(kept, results, strict=True)
        )
    return counts


def seed_ranges(spec: str) -> list[tuple[int, int]]:
    """ "1-5,6-10" as [(1, 5), (6, 10)]; "7" as [(7, 7)]."""
    ranges = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        ranges.append((int(first), int(last or first)))
    return ranges


def table(per_range: Iterable[tuple[tuple[int, int], float, Counter[str]]]) -> str:
    """A Markdown table: right, not found and wrong for each range of seeds and share of
    the turns highlighted."""
    lines = [
        "| Seeds | Turns highlighted | Highlights | Right | Not found | Wrong | Wrong % |",
        "|---|---|---|---|---|---|---|",
    ]
    for (first, last), share, counts in per_range:
        total = sum(counts.values())
        cells = [f"{first}–{last}", SHARE_NAMES.get(share, f"{share:.0%}"), f"{total:,}"]
        cells += [f"{counts[o]:,}" for o in OUTCOMES]
        cells.append(f"{100 * counts['wrong'] / max(1, total):.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def rows(section: str, seeds: range = ALL_SEEDS, docs: int = DOCS_PER_SEED) -> list[Row]:
    """`make bench`'s rows: the share of highlights on wrong words and not found, per seed,
    every turn highlighted; then on wrong words with a third of them highlighted. The
    counts in the notes."""
    out = []
    for turns in SHARES:
        counts = [measure(seed, docs, turns) for seed in seeds]
        total = sum(counts, Counter())
        note = (
            f"{SHARE_NAMES[turns]} of the timed turns highlighted whole, the transcript "
            f"re-exported (seeds {seeds[0]}–{seeds[-1]}, bench/anchoring_accuracy.py): "
            f"{total['right']:,} right, {total['not found']:,} not found, "
            f"{total['wrong']:,} wrong"
        )

        def per_seed(outcome: str, counts: list[Counter[str]] = counts) -> list[float]:
            return [100 * c[outcome] / max(1, sum(c.values())) for c in counts]

        which = f"{SHARE_NAMES[turns]} turns highlighted, per seed"
        out.append(
            Row(
                section,
                f"placed on other words after a re-export ({which})",
                per_seed("wrong"),
                unit="%",
                note=note,
            )
        )
        if turns == 1:
            lost = f"not found after a re-export ({which})"
            out.append(Row(section, lost, per_seed("not found"), unit="%"))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.anchoring_accuracy", description=__doc__)
    parser.add_argument("--seeds", default=",".join(f"{a}-{b}" for a, b in SEED_RANGES))
    parser.add_argument("--docs", type=int, default=DOCS_PER_SEED, help="documents per seed")
    args = parser.parse_args(argv)
    per_range = [
        (span, share, sum((measure(seed, args.docs, share) for seed in seeds), Counter()))
        for span in seed_ranges(args.seeds)
        for seeds in [range(span[0], span[1] + 1)]
        for share in SHARES
    ]
    print(table(per_range))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
