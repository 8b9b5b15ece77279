"""Check boxes and radio buttons drawn in the theme's colours, in every widget and list,
and the keyboard's focus frame in the accent, around a focused tab too; a tool button
turned on edged in the accent; the current tab of a tab bar filled toward the accent and
lined in it; a tree's arrow on a selected row in the selection's text colour; dialog
buttons without icons, and the arrows the style hands out as icons in the theme's text.

Fusion edges them with the window a shade darker: black on black in High Contrast (an
unticked box was not there at all) and 1.2:1 in Dark. Here an unticked box is the page
with an edge of at least 3:1 (`Palette.edge`), and a ticked one is filled with the accent
and ticked in the page's colour, so the two states differ in more than a thin mark.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionSlider,
    QStyleOptionTab,
    QTabBar,
    QWidget,
)

from reader.ui import theme
from reader.ui.appearance.arrow_icons import arrow_icon

PE = QStyle.PrimitiveElement
BOXES = (PE.PE_IndicatorCheckBox, PE.PE_IndicatorItemViewItemCheck)
HAS_FOCUS = QStyle.StateFlag.State_HasFocus
SELECTED = QStyle.StateFlag.State_Selected
ON, ENABLED = QStyle.StateFlag.State_On, QStyle.StateFlag.State_Enabled
Shape = QTabBar.Shape
CC, SC = QStyle.ComplexControl, QStyle.SubControl
SHOWN_LINE = 2  # px, the current tab's line


class IndicatorStyle(QProxyStyle):
    """The application's style, but for check and radio indicators."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # noqa: N803 - Qt's name
    ) -> int:
        """No icons on a dialog's buttons (Close, OK, Cancel), as GNOME, Windows and macOS
        have them: where a desktop asks for them, Qt's stand-ins are drawn for a light
        button, and Close's black cross vanished on Dark's and High Contrast's."""
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)

    def standardIcon(
        self,
        standardIcon: QStyle.StandardPixmap,  # noqa: N803 - Qt's name
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        """Arrows in the theme's text colour (`arrow_icon`), the rest as the style has them."""
        direction = widget.layoutDirection() if widget else QApplication.layoutDirection()
        arrow = arrow_icon(standardIcon, direction == Qt.LayoutDirection.RightToLeft)
        return arrow or super().standardIcon(standardIcon, option, widget)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in BOXES or element == PE.PE_IndicatorRadioButton:
            paint_indicator(painter, option, radio=element == PE.PE_IndicatorRadioButton)
        elif element == PE.PE_FrameFocusRect:
            # A selected row's current item: the accent is close to the selection there
            # (1.3:1 in Light, yellow on High Contrast's white), its text colour is not.
            on_selection = theme.current().selection_text if option.state & SELECTED else ""
            paint_focus(painter, QRectF(option.rect), on_selection)
        elif element == PE.PE_PanelButtonTool and option.state & ON and option.state & ENABLED:
            paint_turned_on(painter, QRectF(option.rect))
        elif element == PE.PE_IndicatorBranch and option.state & SELECTED:
            # Fusion draws it in the window's text colour on the selection too: white on
            # High Contrast's white selection (the Codebook's open parent had no arrow).
            selected = QStyleOption(option)
            text = option.palette.color(QPalette.ColorRole.HighlightedText)
            selected.palette.setColor(QPalette.ColorRole.WindowText, text)
            super().drawPrimitive(element, selected, painter, widget)
        else:
            super().drawPrimitive(element, option, painter, widget)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """A tab bar's tabs: the current one filled toward the accent with a line in the
        accent on its side toward what it shows, the others on the window, framed in that
        fill, their names in the muted colour; a tab framed as a focused button is while the bar
        has the keyboard (the notes pane's: Tab, Ctrl+Shift+Tab). Fusion told them by
        shades: Dark's current tab was the darker one, High Contrast's both black."""
        if not isinstance(option, QStyleOptionTab):
            super().drawControl(element, option, painter, widget)
            if element == QStyle.ControlElement.CE_PushButton and option.state & HAS_FOCUS:
                # Fusion lightens a focused button's edge a shade: on High Contrast's a
                # button with a menu (the Library's Add) showed no focus at all.
                paint_focus(painter, QRectF(option.rect).adjusted(1, 1, -1, -1))
            elif element == QStyle.ControlElement.CE_ProgressBarGroove:
                paint_groove_edge(painter, QRectF(option.rect))
        elif element == QStyle.ControlElement.CE_TabBarTabShape:
            paint_tab_shape(painter, option)
        elif element == QStyle.ControlElement.CE_TabBarTabLabel and not _selected(option):
            other = QStyleOptionTab(option)
            muted = theme.muted_color()
            for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
                other.palette.setColor(role, muted)
            super().drawControl(element, other, painter, widget)
        else:
            super().drawControl(element, option, painter, widget)
            if element == QStyle.ControlElement.CE_TabBarTab and option.state & HAS_FOCUS:
                paint_focus(painter, QRectF(option.rect).adjusted(2, 2, -2, -1))

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """A slider drawn in the theme's colours (`paint_slider`), framed with the keyboard
        as the other controls are: Fusion outlined its groove in a faint shade. A scroll bar's
        handle in the theme's own colour (`Palette.scroll_handle`): Fusion fills it with
        the buttons' colour, 1.2:1 against its groove in Light. A drop-down list with the
        keyboard framed in the accent as a button is: Fusion edged it a shade lighter, grey
        on High Contrast's black and 2.2:1 on Dark's window."""
        if control == CC.CC_ScrollBar and isinstance(option, QStyleOptionSlider):
            bare = QStyleOptionSlider(option)  # the groove and arrows as Fusion has them
            bare.subControls &= ~SC.SC_ScrollBarSlider
            super().drawComplexControl(control, bare, painter, widget)
            if option.subControls & SC.SC_ScrollBarSlider:
                handle = self.subControlRect(control, option, SC.SC_ScrollBarSlider, widget)
                paint_scroll_handle(painter, handle, option)
            return
        if (
            control == CC.CC_Slider
            and isinstance(option, QStyleOptionSlider)
            and option.orientation == Qt.Orientation.Horizontal  # the app's one, the player's
        ):
            groove = self.subControlRect(control, option, SC.SC_SliderGroove, widget)
            handle = self.subControlRect(control, option, SC.SC_SliderHandle, widget)
            paint_slider(painter, groove, handle, option)
            if option.state & HAS_FOCUS:
                paint_focus(painter, QRectF(option.rect))
            return
        super().drawComplexControl(control, option, painter, widget)
        if control == CC.CC_ComboBox and option.state & HAS_FOCUS:
            paint_focus(painter, QRectF(option.rect))


def paint_slider(
    painter: QPainter, groove: QRect, handle: QRect, slider: QStyleOptionSlider
) -> None:
    """A horizontal slider (the recording's position): its groove in the edge colour, the
    part before the handle in the accent, a round handle in the text's. Fusion's were
    shades of the window, 1.4:1 to 2.3:1 against it: the place in the recording was hard
    to make out."""
    palette = theme.current()
    enabled = bool(slider.state & QStyle.StateFlag.State_Enabled)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    line = QRectF(groove.left(), groove.center().y() - 1.5, groove.width(), 4)
    before = QRectF(line.left(), line.top(), handle.center().x() - line.left(), 4)
    painter.setBrush(QColor(palette.edge() if enabled else palette.disabled()))
    painter.drawRoundedRect(line, 2, 2)
    if enabled and slider.sliderPosition > slider.minimum:
        painter.setBrush(QColor(palette.accent))
        painter.drawRoundedRect(before, 2, 2)
    side = min(handle.width(), handle.height()) - 2
    knob = QRectF(0, 0, side, side)
    knob.moveCenter(QRectF(handle).center())
    painter.setBrush(QColor(palette.text if enabled else palette.disabled()))
    painter.drawEllipse(knob)
    painter.restore()


def paint_scroll_handle(painter: QPainter, rect: QRect, bar: QStyleOptionSlider) -> None:
    """A scroll bar's handle in the theme's `scroll_handle` colour (the text's under the
    pointer or held), rounded, a pixel in from the groove's edges."""
    active = bar.activeSubControls & SC.SC_ScrollBarSlider
    hovered = bar.state & (QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_Sunken)
    color = theme.text_color() if active and hovered else QColor(theme.current().scroll_handle())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(rect).adjusted(2, 2, -2, -2), 3, 3)
    painter.restore()


def _selected(tab: QStyleOptionTab) -> bool:
    return bool(tab.state & QStyle.StateFlag.State_Selected)


def paint_tab_shape(painter: QPainter, tab: QStyleOptionTab) -> None:
    """The current tab filled (`Palette.current_tab`) and lined in the accent toward its
    page; another, the window's, framed in that fill (in the borders' white, High
    Contrast's other tab outshone the current one)."""
    palette = theme.current()
    painter.save()
    if _selected(tab):
        painter.fillRect(tab.rect, QColor(palette.current_tab()))
        painter.fillRect(shown_edge(tab), QColor(palette.accent))
    else:
        painter.setPen(QPen(QColor(palette.current_tab()), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(tab.rect).adjusted(0.5, 0.5, -0.5, -0.5))
    painter.restore()


def shown_edge(tab: QStyleOptionTab) -> QRect:
    """The tab's edge toward the page it shows (below a tab on top, and so on)."""
    rect, shape = tab.rect, tab.shape
    if shape in (Shape.RoundedSouth, Shape.TriangularSouth):
        return QRect(rect.left(), rect.top(), rect.width(), SHOWN_LINE)
    if shape in (Shape.RoundedWest, Shape.TriangularWest):
        return QRect(rect.right() - SHOWN_LINE + 1, rect.top(), SHOWN_LINE, rect.height())
    if shape in (Shape.RoundedEast, Shape.TriangularEast):
        return QRect(rect.left(), rect.top(), SHOWN_LINE, rect.height())
    return QRect(rect.left(), rect.bottom() - SHOWN_LINE + 1, rect.width(), SHOWN_LINE)


def indicator_colors(state: QStyle.StateFlag) -> tuple[QColor, QColor, QColor]:
    """(fill, edge, mark) of an indicator in `state`, from the current theme."""
    palette = theme.current()
    on = bool(state & (QStyle.StateFlag.State_On | QStyle.StateFlag.State_NoChange))
    enabled = bool(state & QStyle.StateFlag.State_Enabled)
    page = QColor(palette.base)
    if not enabled:
        grey = QColor(palette.disabled())
        return (grey if on else page), grey, page
    if on:
        accent = QColor(palette.accent)
        return accent, accent, page
    return page, QColor(palette.edge()), page


def paint_indicator(painter: QPainter, option: QStyleOption, radio: bool) -> None:
    state = option.state
    fill, edge, mark = indicator_colors(state)
    side = min(option.rect.width(), option.rect.height()) - 1.0
    box = QRectF(0, 0, side, side)
    box.moveCenter(QRectF(option.rect).center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(edge, max(1.5, side / 9)))
    painter.setBrush(fill)
    if radio:
        painter.drawEllipse(box.adjusted(0.75, 0.75, -0.75, -0.75))
    else:
        painter.drawRoundedRect(box.adjusted(0.75, 0.75, -0.75, -0.75), 2.5, 2.5)
    painter.setPen(QPen(mark, max(1.6, side / 7), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(mark)
    x, y, w = box.x(), box.y(), box.width()
    if radio and state & QStyle.StateFlag.State_On:
        painter.drawEllipse(box.center(), w * 0.16, w * 0.16)
    elif state & QStyle.StateFlag.State_NoChange:  # partly: a dash
        painter.drawLine(QPointF(x + w * 0.28, y + w / 2), QPointF(x + w * 0.72, y + w / 2))
    elif state & QStyle.StateFlag.State_On:
        tick = QPainterPath(QPointF(x + w * 0.25, y + w * 0.52))
        tick.lineTo(x + w * 0.43, y + w * 0.7)
        tick.lineTo(x + w * 0.76, y + w * 0.32)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
    painter.restore()


def paint_turned_on(painter: QPainter, rect: QRectF) -> None:
    """A tool button turned on (Match case, Typist's Loop, Preview) as the current tab is:
    filled toward the accent, a line in the accent along its foot (a frame all round is
    the keyboard's focus). Fusion's grey box stood 1.2:1 to 1.9:1 from the bar, and looked
    as a greyed-out button (Follow, with no times) did."""
    palette = theme.current()
    box = rect.adjusted(1, 1, -1, -1)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette.current_tab()))
    painter.drawRoundedRect(box, 3, 3)
    painter.fillRect(QRectF(box.left(), box.bottom() - SHOWN_LINE, box.width(), SHOWN_LINE),
                     QColor(palette.accent))  # fmt: skip
    painter.restore()


def paint_groove_edge(painter: QPainter, rect: QRectF) -> None:
    """A progress bar's groove edged as a check box is (`Palette.edge`): Fusion's edge, the
    window a shade darker, was black on High Contrast's black, where the bar showed its
    part done and nothing of what was left."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.current().edge()), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
    painter.restore()


def paint_focus(painter: QPainter, rect: QRectF, color: str = "") -> None:
    """Where the keyboard is (a box's label, a button): a 2 px frame in the accent, or in
    `color` where the accent would not show. Fusion's was a shade of the window, about
    1.5:1 on High Contrast's black."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color or theme.current().accent), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 2, 2)
    painter.restore()


def install_indicator_style() -> None:
    """Wrap the application's style once, and set the theme's palette again (a new style
    brings its own)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), IndicatorStyle):
        app.setStyle(IndicatorStyle(app.style().name()))
        app.setPalette(theme.qt_palette(theme.current()))
