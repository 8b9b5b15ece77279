"""Check boxes and radio buttons, and the check boxes of a list's rows, show in every theme:
an unticked one has an edge of at least 3:1 against its background (WCAG 1.4.11), and a
ticked one is plainly another thing. A tree's arrow shows on a selected row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QListView,
    QProxyStyle,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSlider,
    QStyleOptionViewItem,
    QTreeView,
)

from reader.core.palettes import PALETTES, contrast_ratio, parse_hex
from reader.ui.appearance.indicators import IndicatorStyle, install_indicator_style
from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.test_docks import NON_TEXT_CONTRAST, rgb


def indicator_colors(button: QAbstractButton) -> set[tuple[int, int, int]]:
    """Every colour painted inside the button's indicator."""
    option = QStyleOptionButton()
    option.initFrom(button)
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if isinstance(button, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    box = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    return {
        rgb(image.pixelColor(QPoint(x, y)))
        for x in range(box.left(), box.right() + 1)
        for y in range(box.top(), box.bottom() + 1)
    }


@pytest.mark.parametrize("name", list(PALETTES))
def test_unticked_and_ticked_boxes_show_in_every_theme(
    window: MainWindow, qtbot, name: str
) -> None:
    # Installed just after the window's first paint (start-up does not wait for it).
    qtbot.waitUntil(lambda: isinstance(QApplication.style(), IndicatorStyle))
    window.appearance.set_theme(name)
    palette = PALETTES[name]
    dialog = ExportDialog({"blue": "Blue"}, {"id-land": ("Land tenure", "#1f77b4")}, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    radio = QRadioButton("one", dialog)
    radio.adjustSize()
    radio.show()
    for button in (dialog.color_boxes["blue"], radio):
        background = rgb(button.grab().toImage().pixelColor(button.width() - 1, 0))
        assert background == parse_hex(palette.window)
        unticked = indicator_colors(button)
        best = max(contrast_ratio(c, background) for c in unticked)
        assert best >= NON_TEXT_CONTRAST, (name, button.text(), best)
        button.setFocus()  # the user ticks it: Space on the focused box
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert button.isChecked()
        QApplication.processEvents()
        ticked = indicator_colors(button)
        accent = parse_hex(palette.accent)
        assert accent in ticked and accent not in unticked
        assert contrast_ratio(accent, background) >= NON_TEXT_CONTRAST
    # The codes' rows: their boxes as the colours' ones, against what lies under them as
    # shown (the group's panel, a shade off the window in some themes).
    view = dialog.code_list
    land = view.model().index(0, 0)
    background = rgb(dialog.grab().toImage().pixelColor(at(view, view.visualRect(land).topRight())))
    unticked = item_indicator_colors(view, land)
    best = max(contrast_ratio(c, background) for c in unticked)
    assert best >= NON_TEXT_CONTRAST, (name, "Land tenure", best)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert land.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    QApplication.processEvents()
    ticked = item_indicator_colors(view, land)
    accent = parse_hex(palette.accent)
    assert accent in ticked and accent not in unticked
    assert contrast_ratio(accent, background) >= NON_TEXT_CONTRAST
    dialog.close()


def at(view: QListView, point: QPoint) -> QPoint:
    """`point` of the list's viewport, in its window."""
    return view.viewport().mapTo(view.window(), point)


def item_indicator_colors(view: QListView, index: QModelIndex) -> set[tuple[int, int, int]]:
    """Every colour painted inside the check box of the list's row `index`, in its window
    (the rows lie on the window's background, not a page of their own)."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegate().initStyleOption(option, index)
    element = QStyle.SubElement.SE_ItemViewItemCheckIndicator
    box = view.style().subElementRect(element, option, view)
    image = view.window().grab().toImage()
    return {
        rgb(image.pixelColor(at(view, QPoint(x, y))))
        for x in range(box.left(), box.right() + 1)
        for y in range(box.top(), box.bottom() + 1)
    }


@pytest.mark.parametrize("name", list(PALETTES))
def test_a_selected_rows_arrow_shows_in_every_theme(window: MainWindow, qtbot, name: str) -> None:
    # High Contrast's Codebook: its selected parent's arrow, white on the white selection.
    qtbot.waitUntil(lambda: isinstance(QApplication.style(), IndicatorStyle))
    window.appearance.set_theme(name)
    model = QStandardItemModel()
    work = QStandardItem("Work")
    work.appendRow(QStandardItem("Pay"))
    model.appendRow(work)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.expandAll()
    view.show()
    qtbot.waitExposed(view)
    view.setCurrentIndex(model.index(0, 0))
    image = view.viewport().grab().toImage()
    row = view.visualRect(model.index(0, 0))
    branch = {
        rgb(image.pixelColor(x, y))
        for x in range(view.indentation())
        for y in range(row.top(), row.bottom() + 1)
    }
    selection = parse_hex(PALETTES[name].selection)
    assert selection in branch  # the selection is under the arrow
    assert max(contrast_ratio(c, selection) for c in branch) >= NON_TEXT_CONTRAST, name


def test_the_edge_keeps_three_to_one_on_page_and_window() -> None:
    for palette in PALETTES.values():
        edge = parse_hex(palette.edge())
        for page in (palette.base, palette.window):
            assert contrast_ratio(edge, parse_hex(page)) >= NON_TEXT_CONTRAST
        assert QColor(palette.edge()).isValid()


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_keyboard_focus_frame_is_drawn_in_the_accent(window: MainWindow, name: str) -> None:
    """Fusion's frame was a shade of the window: 1.5:1 on High Contrast's black."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionFocusRect

    window.appearance.set_theme(name)
    install_indicator_style()
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor(PALETTES[name].base))
    option = QStyleOptionFocusRect()
    option.rect = QRect(0, 0, 40, 20)
    painter = QPainter(image)
    QApplication.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter)
    painter.end()
    assert rgb(image.pixelColor(20, 1)) == parse_hex(PALETTES[name].accent)


@pytest.mark.parametrize("name", list(PALETTES))
def test_a_button_a_slider_and_a_drop_down_with_the_keyboard_are_framed_in_the_accent(
    window: MainWindow, name: str
) -> None:
    """Fusion lightened a focused button's edge a shade and outlined a slider's groove
    faintly: on High Contrast the Library's Add and the recording's slider showed no
    focus (the visual review's finding 2). A drop-down list (the Export dialog's Export,
    Coded Passages' code) was edged in grey on High Contrast's black."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionComboBox, QStyleOptionSlider

    window.appearance.set_theme(name)
    install_indicator_style()
    accent = parse_hex(PALETTES[name].accent)
    style = QApplication.style()
    button, slider, combo = QStyleOptionButton(), QStyleOptionSlider(), QStyleOptionComboBox()
    button.text, slider.orientation, slider.maximum = "Add", Qt.Orientation.Horizontal, 10
    combo.currentText = "This interview"
    for option in (button, slider, combo):
        option.rect = QRect(0, 0, 80, 24)
        option.palette = QApplication.palette()
        option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_HasFocus
    for option, draw in (
        (button, lambda o, p: style.drawControl(QStyle.ControlElement.CE_PushButton, o, p)),
        (slider, lambda o, p: style.drawComplexControl(QStyle.ComplexControl.CC_Slider, o, p)),
        (combo, lambda o, p: style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, o, p)),
    ):
        painted = []
        for state in (option.state, QStyle.StateFlag.State_Enabled):
            image = QImage(80, 24, QImage.Format.Format_RGB32)
            image.fill(QColor(PALETTES[name].window))
            option.state = state
            painter = QPainter(image)
            draw(option, painter)
            painter.end()
            painted.append({rgb(image.pixelColor(x, 12)) for x in range(80)})
        assert accent in painted[0] and accent not in painted[1], type(option).__name__


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_readers_scroll_bar_handle_shows_against_its_groove(
    window: MainWindow, qtbot, name: str
) -> None:
    """Fusion filled the handle with the buttons' colour: 1.2:1 against its groove in
    Light, 1.4:1 in Dark. The reader's own scroll bar, at the top of the interview."""
    qtbot.waitUntil(lambda: isinstance(QApplication.style(), IndicatorStyle))
    window.appearance.set_theme(name)
    bar = window.reader.verticalScrollBar()
    bar.setValue(0)
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    sub = QStyle.SubControl
    found = bar.style().subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, sub.SC_ScrollBarSlider, bar
    )
    assert found.bottom() < bar.height() * 0.8  # the groove shows below it
    image = bar.grab().toImage()
    handle = image.pixelColor(found.center())
    groove = image.pixelColor(QPoint(found.center().x(), bar.height() * 9 // 10))
    assert contrast_ratio(rgb(handle), rgb(groove)) >= NON_TEXT_CONTRAST, name


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_recordings_slider_shows_its_groove_its_handle_and_what_is_played(
    window: MainWindow, name: str
) -> None:
    """Fusion drew the groove and handle in shades of the window, 1.4:1 to 2.3:1 against
    it in every theme (WCAG 1.4.11 asks 3:1 of a control): the place in the recording
    was hard to make out. Halfway: the part played, the handle and the rest."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter

    window.appearance.set_theme(name)
    install_indicator_style()
    palette = PALETTES[name]
    window_color = parse_hex(palette.window)
    slider = QStyleOptionSlider()
    slider.orientation, slider.maximum = Qt.Orientation.Horizontal, 10
    slider.sliderPosition = slider.sliderValue = 5
    slider.rect, slider.palette = QRect(0, 0, 200, 24), QApplication.palette()
    slider.state = QStyle.StateFlag.State_Enabled
    image = QImage(200, 24, QImage.Format.Format_RGB32)
    image.fill(QColor(palette.window))
    painter = QPainter(image)
    QApplication.style().drawComplexControl(QStyle.ComplexControl.CC_Slider, slider, painter)
    painter.end()

    def strongest(x: int) -> float:
        """The contrast with the window of what is painted across row x's column."""
        return max(contrast_ratio(rgb(image.pixelColor(x, y)), window_color) for y in range(24))

    for x in (20, 100, 180):  # played, the handle, still to play
        assert strongest(x) >= NON_TEXT_CONTRAST, (x, strongest(x))
    column = {rgb(image.pixelColor(20, y)) for y in range(24)}
    assert parse_hex(palette.accent) in column  # the part played, in the accent


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_focus_frame_of_a_selected_rows_item_shows_on_the_selection(
    window: MainWindow, name: str
) -> None:
    """The current item of a list with the keyboard, on its selected row (the Codebook's
    code, Coded Passages' cell): the accent frame was 1.3:1 on Light's blue selection and
    yellow on High Contrast's white one."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionFocusRect

    window.appearance.set_theme(name)
    install_indicator_style()
    selection = PALETTES[name].selection
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor(selection))
    option = QStyleOptionFocusRect()
    option.rect = QRect(0, 0, 40, 20)
    option.state = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus
    painter = QPainter(image)
    QApplication.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter)
    painter.end()
    frame = rgb(image.pixelColor(20, 1))
    assert contrast_ratio(frame, parse_hex(selection)) >= NON_TEXT_CONTRAST, frame


@pytest.mark.parametrize("name", list(PALETTES))
def test_a_tool_button_turned_on_shows_it_and_differs_from_a_greyed_out_one(
    window: MainWindow, name: str
) -> None:
    """Match case (Aa), Typist's Loop, Preview turned on: Fusion's grey box stood 1.2:1 to
    1.9:1 from the bar (WCAG 1.4.11 asks 3:1 of a state), and looked as the greyed-out
    Follow did."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionToolButton

    window.appearance.set_theme(name)
    install_indicator_style()
    window_color = parse_hex(PALETTES[name].window)
    painted = []
    for state in (QStyle.StateFlag.State_Enabled, QStyle.StateFlag.State_None):
        option = QStyleOptionToolButton()
        option.rect, option.palette = QRect(0, 0, 40, 24), QApplication.palette()
        option.state = state | QStyle.StateFlag.State_On
        image = QImage(40, 24, QImage.Format.Format_RGB32)
        image.fill(QColor(PALETTES[name].window))
        painter = QPainter(image)
        QApplication.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelButtonTool, option, painter
        )
        painter.end()
        painted.append({rgb(image.pixelColor(20, y)) for y in range(24)})
    strongest = max(contrast_ratio(color, window_color) for color in painted[0])
    assert strongest >= NON_TEXT_CONTRAST, strongest
    assert painted[0] != painted[1]  # turned on, not greyed out


class DesktopWithIcons(QProxyStyle):
    """A desktop that asks for icons on dialog buttons (Xfce, a bare X session): Fusion
    then gives Qt's stand-in icons, drawn for a light button."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):  # noqa: N803
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


def test_a_dialogs_close_button_has_no_icon_even_where_the_desktop_asks_for_one(qtbot) -> None:
    """Coded Passages', Speakers' and Keyboard Shortcuts' Close showed Qt's black cross,
    which vanished on Dark's and High Contrast's buttons; OK and Cancel had a green tick
    and a red cross beside the app's own buttons, which have none."""
    close = QDialogButtonBox.StandardButton.Close
    for style, has_icon in ((DesktopWithIcons("fusion"), True),
                            (IndicatorStyle(DesktopWithIcons("fusion")), False)):  # fmt: skip
        box = QDialogButtonBox()
        qtbot.addWidget(box)
        box.setStyle(style)
        box.setStandardButtons(close)
        assert box.button(close).icon().isNull() is not has_icon


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_file_pickers_arrows_show_in_every_theme(window: MainWindow, qtbot, name: str) -> None:
    """Qt's own picker (a desktop without one of its own): its Back, Forward and Parent
    Folder arrows were near-black pictures, not there on Dark's and High Contrast's
    buttons (1.3:1)."""
    from PySide6.QtWidgets import QFileDialog, QToolButton

    qtbot.waitUntil(lambda: isinstance(QApplication.style(), IndicatorStyle))
    window.appearance.set_theme(name)
    palette = PALETTES[name]
    picker = QFileDialog(window, options=QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    for button_name in ("backButton", "forwardButton", "toParentButton"):
        button = picker.findChild(QToolButton, button_name)
        assert button is not None
        image = button.icon().pixmap(16, 16).toImage()
        painted = [
            rgb(image.pixelColor(x, y))
            for x in range(16)
            for y in range(16)
            if image.pixelColor(x, y).alpha() == 255
        ]
        best = max(contrast_ratio(c, parse_hex(palette.button)) for c in painted)
        assert best >= NON_TEXT_CONTRAST, (button_name, best)
    picker.close()


@pytest.mark.parametrize("name", list(PALETTES))
def test_a_progress_bar_shows_what_is_left_in_every_theme(window: MainWindow, name: str) -> None:
    """The export's "Exporting…" bar at 42%: on High Contrast its groove was black on the
    black dialog, edged in black, and only the part done showed."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionProgressBar

    window.appearance.set_theme(name)
    install_indicator_style()
    window_color = parse_hex(PALETTES[name].window)
    bar = QStyleOptionProgressBar()
    bar.rect, bar.palette = QRect(0, 0, 200, 20), QApplication.palette()
    bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
    bar.minimum, bar.maximum, bar.progress = 0, 100, 42
    image = QImage(200, 20, QImage.Format.Format_RGB32)
    image.fill(QColor(PALETTES[name].window))
    painter = QPainter(image)
    QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
    painter.end()
    left = {rgb(image.pixelColor(160, y)) for y in range(20)}  # a column of what is left
    assert max(contrast_ratio(c, window_color) for c in left) >= NON_TEXT_CONTRAST, name
