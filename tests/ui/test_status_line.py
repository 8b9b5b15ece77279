"""The status line's messages stop clear of the word count, cut with … where they are long,
and read whole in their tooltip."""

from __future__ import annotations

from reader.core.read_only import ReadOnly, why_read_only
from reader.ui.window.main_window import MainWindow

LONG = f"Import Annotations: {why_read_only(ReadOnly.NOTES_IN_USE)}"


def _inked(window: MainWindow, left: int, right: int) -> bool:
    """Whether anything but the background is painted between x `left` and `right` of the
    status line (where its text would be)."""
    bar = window.statusBar()
    image = bar.grab().toImage()
    background = image.pixelColor(1, 1)
    return any(
        image.pixelColor(x, y) != background
        for x in range(left, right)
        for y in range(2, image.height() - 2)
    )


def test_a_long_message_is_cut_clear_of_the_word_count_and_read_whole_in_its_tip(
    window: MainWindow, qtbot
) -> None:
    """At 1024 px a key's reason ("Import Annotations: These notes are read-only here: …
    File ▸ Save Notes As… keeps them in a file you can change.") was clipped where it met
    the word count, its last word run into "0 words"; now it ends with … before a gap, and
    the whole of it is the status line's tooltip."""
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    bar.showMessage(LONG)
    qtbot.waitUntil(lambda: bar.currentMessage() == LONG)
    words = window.words_label
    assert words.isVisible() and words.text()
    assert not _inked(window, words.x() - 8, words.x())
    assert bar.toolTip() == LONG
    bar.showMessage("Saved")
    bar.repaint()
    assert bar.toolTip() == ""


def test_a_message_that_fits_is_shown_whole(window: MainWindow, qtbot) -> None:
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    bar.showMessage("Saved")
    bar.repaint()
    assert _inked(window, 4, 40)
    assert bar.toolTip() == ""
