"""The code tree fitted to a narrow dock: the counts column as wide as the widest count,
and a level's indent narrow enough that the deepest codes keep room for their names."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTreeView

from reader.ui.codebook.model import CodeTreeModel

NAMES_KEPT = 2  # the deepest codes keep at least 1/NAMES_KEPT of the names column
NARROWEST_INDENT = 8  # px: a level still told from the one above it


class TreeFit:
    """Keeps `view`'s counts column and indent fitted as the counts, the codes and the
    dock's width change."""

    def __init__(self, view: QTreeView, model: CodeTreeModel) -> None:
        self.view, self.model = view, model
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed width, as wide as the widest count (ResizeToContents asks every row for
        # its size at each count change): the names keep the rest of a narrow dock, where
        # a count of thousands' room left "Recruitme…" at 1024 px. So do the indents.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        for changed in (model.modelReset, model.dataChanged, model.rowsInserted):
            changed.connect(self.fit_counts)
        model.modelReset.connect(self.fit_indent)
        header.sectionResized.connect(self.fit_indent)  # the dock's width
        self.fit_counts()
        self.fit_indent()

    def fit_counts(self, *_args: object) -> None:
        metrics, header = self.view.fontMetrics(), self.view.header()
        widest = max(metrics.horizontalAdvance(t) for t in ("00", self.model.widest_count()))
        header.setMinimumSectionSize(min(header.minimumSectionSize(), widest + 12))
        if header.sectionSize(1) != widest + 12:
            header.resizeSection(1, widest + 12)

    def fit_indent(self, *_args: object) -> None:
        """Two digits' width a level, less where the deepest codes would keep under half
        the names column: at 1024 px a sixth level's names had no room left at all."""
        widest = self.view.fontMetrics().horizontalAdvance("00")
        levels = self.model.depth() + 1  # the top level is indented too, for its arrows
        room = self.view.header().sectionSize(0) // NAMES_KEPT
        indent = max(NARROWEST_INDENT, min(widest, room // levels))
        if indent != self.view.indentation():
            self.view.setIndentation(indent)
