"""An attribute list's "Several values…": nurses and doctors at the warehouse, chosen with
the keys, kept as the list is filled again, and remembered as its callers store it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from reader.core.study import Study, open_study
from reader.ui.library.attribute_filter import chosen_filters, fill_attribute_filter
from reader.ui.library.attribute_values import index_of
from reader.ui.library.several_values import ChooseValues, SeveralValues
from tests.conftest import DATA

ROLES = {"P01 Zoom": "nurse", "P02 Teams": "doctor", "P03": "porter", "P05 Otter": "nurse"}
SITES = {"P01 Zoom": "warehouse", "P02 Teams": "warehouse", "P05 Otter": "depot"}


@pytest.fixture
def study(tmp_path: Path) -> Study:
    folder = tmp_path / "Ward study"
    shutil.copytree(DATA / "student", folder)
    study = open_study(folder)
    study.define_attribute("Role", "text")
    study.define_attribute("Site", "choice", ["warehouse", "depot"])
    for entry in study.interviews:
        study.set_attribute(entry.id, "role", ROLES.get(entry.title))
        study.set_attribute(entry.id, "site", SITES.get(entry.title))
    return study


@pytest.fixture
def combo(study: Study, qtbot: Any) -> Iterator[QComboBox]:
    window = QWidget()  # held here: the list is its child
    qtbot.addWidget(window)
    combo = QComboBox(window)
    fill_attribute_filter(combo, study)
    window.show()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    yield combo


def choose_several(combo: QComboBox, qtbot: Any) -> ChooseValues:
    qtbot.keyClick(combo, Qt.Key.Key_End)  # the last item: Several values…
    watcher = combo.findChild(SeveralValues)
    qtbot.waitUntil(lambda: watcher.dialog is not None and watcher.dialog.isVisible())
    return watcher.dialog


def test_several_values_are_checked_with_the_keys_and_filter_as_any_of_each(
    combo: QComboBox, study: Study, qtbot: Any
) -> None:
    assert combo.itemText(combo.count() - 1) == "Several values…"
    dialog = choose_several(combo, qtbot)
    values = dialog.values
    assert values.currentItem().text() == "nurse"  # the first value, under its heading
    qtbot.keyClick(values, Qt.Key.Key_Space)  # nurse
    qtbot.keyClick(values, Qt.Key.Key_Down)
    qtbot.keyClick(values, Qt.Key.Key_Space)  # doctor
    for _ in range(2):  # porter, then over the Site heading to warehouse
        qtbot.keyClick(values, Qt.Key.Key_Down)
    assert values.currentItem().text() == "warehouse"
    qtbot.keyClick(values, Qt.Key.Key_Space)
    qtbot.keyClick(values, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert combo.currentText() == "Role: nurse, doctor · Site: warehouse"
    filters = chosen_filters(combo)
    assert filters == {"role": {"nurse", "doctor"}, "site": {"warehouse"}}
    assert {e.title for e in study.matching(filters)} == {"P01 Zoom", "P02 Teams"}
    # Filled again (the Library changed): kept while its values are offered.
    fill_attribute_filter(combo, study)
    assert combo.currentText() == "Role: nurse, doctor · Site: warehouse"
    # As stored in the settings (JSON: lists), made again.
    stored = [[key, value] for key, value in combo.currentData()]
    combo.setCurrentIndex(0)
    fill_attribute_filter(combo, study)
    assert combo.itemText(index_of(combo, stored)) == "Role: nurse, doctor · Site: warehouse"


def test_cancelled_or_one_value_checked(combo: QComboBox, qtbot: Any) -> None:
    combo.setCurrentIndex(combo.findText("Site: depot"))
    dialog = choose_several(combo, qtbot)
    assert chosen_filters(combo) == {"site": {"depot"}}  # meanwhile, the choice before
    assert dialog.checked() == (("site", "depot"),)  # the dialog opens with it checked
    qtbot.keyClick(dialog.values, Qt.Key.Key_Escape)
    assert combo.currentText() == "Site: depot"
    dialog = choose_several(combo, qtbot)
    dialog.values.currentItem().setCheckState(Qt.CheckState.Checked)  # nurse
    last = dialog.values.item(dialog.values.count() - 1)
    last.setCheckState(Qt.CheckState.Unchecked)  # depot
    dialog.accept()
    assert combo.currentText() == "Role: nurse"  # one value: its own item
