"""The docks in every theme: their title bars' float and close buttons drawn in the theme's
muted colour (Fusion's own are a fixed grey: 2.85:1 on the dark title bar, under the 3:1
that WCAG 1.4.11 asks of controls), and in High Contrast, lines between the docks, the
reader and the notes, which otherwise all meet on the same black."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QWidget

from reader.core.palettes import Palette
from reader.ui import theme

BUTTONS = ("qt_dockwidget_floatbutton", "qt_dockwidget_closebutton")  # Qt's own names
# palette(mid) is white in High Contrast; the splitter's handle keeps its width to grab.
# Text fields and menus get an edge too: Fusion draws theirs a shade darker than the
# window, which on black is black, so the filter fields looked like labels.
PANE_LINES = (
    "QMainWindow::separator { background: palette(mid); width: 2px; height: 2px; }"
    "QSplitter::handle { background: palette(mid); border: 0 solid palette(window);"
    " border-left-width: 2px; border-right-width: 2px; }"
    "QLineEdit { border: 1px solid palette(mid); border-radius: 2px; padding: 2px; }"
    # Every field's edge is white here: the one with the keyboard takes the accent.
    "QLineEdit:focus { border: 2px solid palette(link); padding: 1px; }"
    # A black menu or drop-down list over the black page.
    "QMenu, QComboBox QAbstractItemView { border: 1px solid palette(mid); }"
    # The Codebook's list and description and the Library's table sit among buttons and
    # fields, not filling a pane: edged as the fields are, else black on black.
    "QTreeView#code-tree, QPlainTextEdit#code-memo, QTableView#library-view"
    " { border: 1px solid palette(mid); padding: 1px; }"
    "QTreeView#code-tree:focus, QPlainTextEdit#code-memo:focus, QTableView#library-view:focus"
    " { border: 2px solid palette(link); padding: 0; }"
)


def field_edges(palette: Palette) -> str:
    """On the Dark theme, the text fields, the Codebook's list and description and the
    Library's table edged in the check boxes' edge (3:1), the one with the keyboard in
    the accent: Fusion's field was the page a shade darker than the dock (1.1:1), and a
    filter that held words read as a label. Menus and drop-down lists too: Fusion's edge,
    a shade darker than the menu, vanished on the page, and a menu over the reader ran
    into its text."""
    edge, accent = palette.edge(), palette.accent
    views = "QTreeView#code-tree, QPlainTextEdit#code-memo, QTableView#library-view"
    focused = views.replace(",", ":focus,") + ":focus"
    return (
        f"QLineEdit {{ border: 1px solid {edge}; border-radius: 2px; padding: 2px; }}"
        f"QLineEdit:focus {{ border: 2px solid {accent}; padding: 1px; }}"
        f"{views} {{ border: 1px solid {edge}; padding: 1px; }}"
        f"{focused} {{ border: 2px solid {accent}; padding: 0; }}"
        f"QMenu, QComboBox QAbstractItemView {{ border: 1px solid {palette.popup_edge()}; }}"
    )


def button_color() -> QColor:
    """The buttons' glyphs: muted text, at least 3:1 on the title bar in every theme."""
    return theme.muted_color()


class TitleButtons(QObject):
    """Paints a dock's title buttons itself: Qt sets their icons again at every style
    change and every float, so an icon of ours would not last."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QAbstractButton):
            paint_button(watched)
            return True
        return False


def paint_button(button: QAbstractButton) -> None:
    painter = QPainter(button)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = button_color()
    if button.isDown() or button.underMouse():
        hover = QColor(color)
        hover.setAlpha(90 if button.isDown() else 45)
        painter.fillRect(button.rect(), hover)
    side = min(button.width(), button.height()) - 5.0
    box = QRectF(0, 0, side, side)
    box.moveCenter(QRectF(button.rect()).center())
    painter.setPen(QPen(color, 1.4))
    if button.objectName() == BUTTONS[1]:  # close: a cross
        painter.drawLine(box.topLeft(), box.bottomRight())
        painter.drawLine(box.topRight(), box.bottomLeft())
    else:  # float: a window before another
        step = side * 0.32
        painter.drawRect(box.adjusted(step, 0, 0, -step))
        # Filled by the brush, not fillRect(QBrush): PySide's choice among fillRect's
        # overloads builds QGradient's enums (2 ms) on the first paint.
        painter.setBrush(button.palette().window())
        painter.drawRect(box.adjusted(0, step, -step, 0))
    painter.end()


def dress_dock(dock: QDockWidget) -> None:
    """Draw `dock`'s title buttons in the theme's colours (once per dock)."""
    if dock.findChild(TitleButtons) is not None:
        return
    painter = TitleButtons(dock)
    for name in BUTTONS:
        button = dock.findChild(QAbstractButton, name)
        if button is not None:
            button.installEventFilter(painter)


def dress_window(window: QWidget, palette: Palette) -> None:
    """Every dock of `window`, and the lines between panes where the theme wants them."""
    for dock in window.findChildren(QDockWidget):
        dress_dock(dock)
    sheet = PANE_LINES if palette.pane_lines else field_edges(palette) if palette.dark else ""
    if window.styleSheet() != sheet:
        window.setStyleSheet(sheet)
