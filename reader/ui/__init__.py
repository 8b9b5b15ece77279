"""Qt widgets of Interview Reader."""

from reader.ui.import_scan import speed_up_import_scan

speed_up_import_scan()  # before the widget modules load: each pays PySide's scan
