"""Every action of the main window, built once, before any document opens, with its
shortcut and tip; and the menus that show them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QFontDatabase, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from reader.core.palettes import THEME_LABELS
from reader.ui import theme
from reader.ui.appearance.appearance import MEASURE_LABELS, ViewActions
from reader.ui.lazy_dock import bring_forward
from reader.ui.mnemonics import with_mnemonics
from reader.ui.window.text_editing import connect_text_editing

if TYPE_CHECKING:
    from reader.ui.notes.notes_editor import NotesEditor


@dataclass
class Actions:
    """The window's actions, each made once, for menus, keys and panes."""

    open: QAction
    show_notes_file: QAction
    save_notes_as: QAction
    restore_backup: QAction
    export: QAction
    import_annotations: QAction
    print: QAction
    export_pdf: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    cut: QAction  # these four act on the text field with the keyboard (text_editing.py)
    copy: QAction
    paste: QAction
    select_all: QAction
    paste_plain: QAction  # on while the notes editor has the focus (which takes it)
    replace: QAction  # the same (NotesEditor.acts_here)
    find: QAction
    find_next: QAction
    find_previous: QAction
    search_everything: QAction
    focus_reader: QAction
    focus_notes: QAction
    focus_outline: QAction
    focus_annotations: QAction
    color_labels: QAction
    speakers: QAction
    quote_in_notes: QAction
    copy_quotation: QAction
    toggle_preview: QAction
    cycle_panes: QAction
    previous_pane: QAction
    bold: QAction
    italic: QAction
    inline_code: QAction
    link: QAction
    heading_1: QAction
    heading_2: QAction
    heading_3: QAction
    bullet_list: QAction
    numbered_list: QAction
    block_quote: QAction
    about: QAction
    playback: Playback
    view: ViewActions
    shortcuts: QAction
    user_guide: QAction
    # Studies (issue #12): File menu and switching between interviews.
    new_study: QAction
    open_study: QAction
    add_interviews: QAction
    next_interview: QAction
    previous_interview: QAction
    focus_library: QAction
    study_memo: QAction  # View: the study memo in the notes pane, or the interview's notes
    fill_from_transcripts: QAction  # Edit, and the Library's Add and right-click menus
    # Steps through the open interview from the reader's caret (reading/stepping.py).
    next_question: QAction
    previous_question: QAction
    next_highlight: QAction
    previous_highlight: QAction
    select_paragraph_end: QAction
    select_paragraph_start: QAction
    jump_back: QAction
    jump_forward: QAction
    recent_menu: QMenu | None = None  # File ▸ Open Recent, filled as it opens
    view_menu: QMenu | None = None  # the Codebook's toggle joins it later (add_dock_toggle)
    codes: CodebookActions | None = None  # the codebook (#14) and REFI-QDA (#15)

    def format_actions(self) -> list[QAction]:
        """The Format menu's, in its order; `off_bar` not on the notes' bar."""
        return [
            self.bold,
            self.italic,
            self.inline_code,
            self.link,
            self.heading_1,
            self.heading_2,
            self.heading_3,
            self.bullet_list,
            self.numbered_list,
            self.block_quote,
        ]

    def off_bar(self) -> list[QAction]:
        """The formatting actions in the Format menu alone: the notes' bar fits a 1024 px
        screen as it is."""
        return [self.inline_code, self.link, self.numbered_list]

    def steps(self) -> list[tuple[QAction, str, bool]]:
        """The reader's steps: (action, "question" or "highlight", forward)."""
        return [
            (self.next_question, "question", True),
            (self.previous_question, "question", False),
            (self.next_highlight, "highlight", True),
            (self.previous_highlight, "highlight", False),
            (self.select_paragraph_end, "paragraph", True),
            (self.select_paragraph_start, "paragraph", False),
            (self.jump_back, "jump", False),
            (self.jump_forward, "jump", True),
        ]


@dataclass
class CodebookActions:
    """The Codes menu, and REFI-QDA imports in the File menu (reader/ui/codebook); its
    exports are formats of File ▸ Export…."""

    code_passage: QAction
    recent: list[QAction]  # Alt+1..9: the codes used last, on the selection or highlight
    focus_codebook: QAction
    retrieve: QAction
    pictures: QAction
    import_qdpx: QAction
    import_qdc: QAction  # File ▸ Import's, named beside the other formats
    import_qdc_in_codes: QAction  # the same import in Codes, where a student looks first
    export_codebook: QAction  # Markdown or CSV, for a methods appendix
    # The Codebook's own keys (Insert, F2, Ctrl+M, Delete), named in the menu too: they
    # were found only by those who knew to go to the dock (the keys stay the dock's).
    new_code: QAction
    rename_code: QAction
    merge_code: QAction
    delete_code: QAction
    menu: QMenu | None = None


def build_codebook_actions(window: QMainWindow) -> CodebookActions:
    return CodebookActions(
        code_passage=_reader_key(
            _action(window, "&Code Passage…", None, "Choose or create codes (C)"), "C"
        ),
        recent=[
            _action(window, f"Recent Code {n}", f"Alt+{n}", "Apply a code used lately")
            for n in range(1, 10)
        ],
        # K: B is Go to Li&brary's, beside it in View.
        focus_codebook=_action(window, "Go to Codeboo&k", "Ctrl+6", "Move the focus to the codes"),
        new_code=_action(window, "Ne&w Code…\tInsert", None, "Add a code beside the one chosen"),
        rename_code=_action(window, "Re&name Code\tF2", None, "Rename the code chosen"),
        merge_code=_action(
            window, "&Merge Code Into…\tCtrl+M", None, "Merge the code chosen into another"
        ),
        delete_code=_action(window, "De&lete Code\tDelete", None, "Delete the code chosen"),
        retrieve=_action(
            window, "&Retrieve Coded Passages…", "Ctrl+Shift+R", "Every passage of a code"
        ),
        pictures=_action(
            window, "&Pictures of the Coding…", None, "Code × interview, co-occurrence, frequency"
        ),
        import_qdpx=_action(
            window,
            "REFI-QDA &Project (.qdpx)…",
            None,
            "A .qdpx joins the open study, or becomes a new one",
        ),
        import_qdc=_action(
            window, "REFI-QDA Code&book (.qdc)…", None, "Import a REFI-QDA codebook's codes"
        ),
        import_qdc_in_codes=_action(  # among the codes the item says what it does
            window,
            "&Import REFI-QDA Codebook (.qdc)…",
            None,
            "Import a REFI-QDA codebook's codes",
        ),
        export_codebook=_action(
            window,
            "E&xport Codebook…",
            None,
            "The codes with their colours, descriptions and counts, as Markdown or CSV",
        ),
    )


def _action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | list | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)  # all of the platform's keys (F3 and Ctrl+G)
    elif shortcut is not None:
        action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
        action.setWhatsThis(tip)  # kept while the status tip says why it is greyed out
    # On the window too, so shortcuts work while a menu or panel is hidden.
    window.addAction(action)
    return action


def _reader_key(action: QAction, key: str) -> QAction:
    """`action` with the reading pane's key for it shown beside it in the menu, as the
    pane's own menu shows it. Not a shortcut: typed in the notes, it is a letter."""
    action.setIconText(action.iconText())  # kept without the key
    action.setText(f"{action.text()}\t{key}")
    return action


def build_actions(window: QMainWindow) -> Actions:
    std = QKeySequence.StandardKey
    actions = Actions(
        open=_action(window, "&Open Interview…", std.Open, "Open another interview file"),
        show_notes_file=_action(
            window, "S&how Notes File", None, "Show the folder that holds this interview's notes"
        ),
        save_notes_as=_action(
            window, "Save Notes &As…", std.SaveAs, "Keep the notes in another file from now on"
        ),
        restore_backup=_action(
            window, "Restore from &Backup…", None, "Bring back the notes as they were earlier"
        ),
        export=_action(
            window,
            "&Export…",
            "Ctrl+E",
            "Markdown, HTML, CSV, Word, JSON, W3C annotations or REFI-QDA",
        ),
        import_annotations=_action(
            window, "W3C &Annotations (.jsonld)…", None, "Add W3C Web Annotations to this interview"
        ),
        print=_action(
            window, "&Print…", std.Print, "Print the interview with highlights and notes"
        ),
        export_pdf=_action(
            window, "Export as PD&F…", None, "The interview with highlights and notes, as PDF"
        ),
        # Ctrl+Q everywhere: the platform's Quit keys are none on Windows.
        quit=_action(window, "&Quit", "Ctrl+Q", "Save everything and quit"),
        # What they undo, and whether they can, follow the focus (window/undo_focus.py).
        undo=_action(window, "&Undo", [QKeySequence(std.Undo)]),  # Ctrl+Z alone
        redo=_action(window, "&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"]),
        cut=_field_action(window, "Cu&t", std.Cut, "Cut the selected words to the clipboard"),
        copy=_field_action(window, "&Copy", std.Copy, "Copy the selected words"),
        paste=_field_action(window, "&Paste", std.Paste, "Paste where the caret is"),
        select_all=_field_action(window, "Select &All", std.SelectAll, "Select all the text"),
        paste_plain=_notes_action(
            window,
            "Paste as Plain Te&xt",
            "Ctrl+Shift+V",
            "Paste the text alone in the notes: no headings, bold, links or lists",
        ),
        find=_action(  # as README's keys say: the Library's own Ctrl+F is its filter
            window,
            "&Find…",
            std.Find,
            "Find in the interview, or in the notes when they have the focus "
            "(in the Library, Ctrl+F filters the list)",
        ),
        replace=_notes_action(
            window, "Rep&lace…", "Ctrl+H", "Find and replace in the notes (with the focus there)"
        ),
        find_next=_action(window, "Find &Next", std.FindNext, "Go to the next match"),
        find_previous=_action(
            window, "Find Pre&vious", std.FindPrevious, "Go to the previous match"
        ),
        search_everything=_action(
            window,
            "Search &Everything…",
            "Ctrl+Shift+F",
            "Search the interview, highlights, notes, codes and research notes",
        ),
        focus_reader=_action(window, "Go to &Reader", "Ctrl+1", "Move the focus to the interview"),
        focus_notes=_action(window, "Go to &Notes", "Ctrl+2", "Move the focus to your notes"),
        focus_annotations=_action(
            window, "Go to Annotation&s", "Ctrl+3", "Move the focus to the annotations panel"
        ),
        focus_outline=_action(window, "Go to O&utline", "Ctrl+4", "Move the focus to the outline"),
        color_labels=_action(
            window, "Highlight C&olours…", None, "Name what each highlight colour means"
        ),
        speakers=_action(
            window, "Spea&kers…", None, "Rename and merge speakers; choose who asks and answers"
        ),
        quote_in_notes=_reader_key(
            _action(
                window,
                "&Quote in Notes",
                None,
                "Quote the selection or highlight in your notes (Q)",
            ),
            "Q",
        ),
        copy_quotation=_action(
            window,
            "Cop&y as Quotation",
            "Ctrl+Shift+C",
            "Copy the selection or highlight with its speaker, question and time",
        ),
        toggle_preview=_short(
            _checkable(
                _action(window, "&Preview Notes", "Ctrl+Shift+P", "Show the notes rendered")
            ),
            "Preview",
        ),
        cycle_panes=_action(window, "Next Pan&e", "F6", "Move the focus to the next pane"),
        previous_pane=_action(
            window, "Previous Pane", "Shift+F6", "Move the focus to the previous pane"
        ),
        bold=_format_action(window, "&Bold", std.Bold, "**bold**"),
        italic=_format_action(window, "&Italic", std.Italic, "*italic*"),
        inline_code=_format_action(window, "Inline &Code", "Ctrl+`", "`code`"),
        link=_format_action(window, "Lin&k", "Ctrl+K", "[words](address)"),
        heading_1=_format_action(window, "Heading &1", "Ctrl+Alt+1", "# Heading"),
        heading_2=_format_action(window, "Heading &2", "Ctrl+Alt+2", "## Heading"),
        heading_3=_format_action(window, "Heading &3", "Ctrl+Alt+3", "### Heading"),
        bullet_list=_format_action(window, "Bullet &List", "Ctrl+Shift+8", "- item"),
        numbered_list=_format_action(window, "&Numbered List", "Ctrl+Shift+7", "1. item"),
        block_quote=_format_action(window, "Block &Quote", "Ctrl+Shift+.", "> quote"),
        about=_action(window, "&About Interview Reader", None),
        new_study=_action(window, "&New Study…", None, "Make a folder of interviews a study"),
        open_study=_action(
            window, "Open &Study…", "Ctrl+Shift+O", "Open a folder of interviews as a study"
        ),
        add_interviews=_action(
            window, "A&dd Interviews to Study…", None, "Add transcripts to the open study"
        ),
        next_interview=_action(
            window, "Ne&xt Interview", "Ctrl+PgDown", "Open the next interview of the study"
        ),
        previous_interview=_action(
            window, "&Previous Interview", "Ctrl+PgUp", "Open the previous interview"
        ),
        focus_library=_action(
            window, "Go to Li&brary", "Ctrl+5", "Move the focus to the study's interviews"
        ),
        study_memo=_checkable(
            _action(
                window, "Stud&y Memo", "Ctrl+7", "Notes across the study's interviews (memo.md)"
            )
        ),
        fill_from_transcripts=_action(
            window,
            "Fill Participant&s and Dates from Transcripts",
            None,
            "Each interview without a participant or a date gets the one its transcript gives",
        ),
        next_question=_action(
            window, "Next &Question", "Ctrl+Down", "Go to the next question (in the reader)"
        ),
        previous_question=_action(
            window, "&Previous Question", "Ctrl+Up", "Go to the previous question (in the reader)"
        ),
        next_highlight=_action(
            window, "Next &Highlight", "]", "Go to the next highlight or coded passage"
        ),
        previous_highlight=_action(
            window, "Previous Hi&ghlight", "[", "Go to the previous highlight or coded passage"
        ),
        select_paragraph_end=_action(
            window,
            "Select to Paragraph &End",
            "Ctrl+Shift+Down",
            "Select to the paragraph's end; again, the next one",
        ),
        select_paragraph_start=_action(
            window,
            "Select to Paragraph &Start",
            "Ctrl+Shift+Up",
            "Select to the paragraph's start; again, the one before",
        ),
        jump_back=_action(
            window,
            "&Back",
            "Alt+Shift+Left",
            "Back to where the reading was before a jump, in this interview or the one before",
        ),
        jump_forward=_action(window, "&Forward", "Alt+Shift+Right", "On to where Back came from"),
        view=_view_actions(window),
        shortcuts=_action(window, "&Keyboard Shortcuts", "F1", "Every key of the app"),
        user_guide=_action(window, "&User Guide", None, "How to use Interview Reader"),
        playback=build_playback(window),
    )
    actions.codes = build_codebook_actions(window)
    return actions


# View ▸ Zoom, Theme, Reading Font, Line Width (issue #17) ----------------------------------


def _view_actions(window: QMainWindow) -> ViewActions:
    def choices(labels: dict[str, str]) -> dict[str, QAction]:
        group = QActionGroup(window)
        return {
            key: group.addAction(_checkable(QAction(text, window))) for key, text in labels.items()
        }

    installed = set(QFontDatabase.families())
    fonts = [f for f in (*theme.READING_FAMILIES, *theme.UI_FAMILIES) if f in installed]
    return ViewActions(
        zoom_in=_action(
            window, "Zoom &In", ["Ctrl+=", "Ctrl++"], "Larger text in the reader or the notes"
        ),
        zoom_out=_action(window, "Zoo&m Out", "Ctrl+-", "Smaller text in the reader or the notes"),
        zoom_reset=_action(window, "Actual Si&ze", "Ctrl+0", "The text at its usual size"),
        themes=choices(THEME_LABELS),
        fonts=choices(dict(zip(fonts, with_mnemonics(fonts), strict=True))),
        measures=choices(MEASURE_LABELS),
        full_screen=_checkable(
            _action(window, "Full S&creen", "F11", "The window over the whole screen")
        ),
    )


def _view_menu_block(view_menu: QMenu, view: ViewActions) -> None:
    view_menu.addSeparator()
    for action in (view.zoom_in, view.zoom_out, view.zoom_reset):
        view_menu.addAction(action)
    for title, group in (
        ("&Theme", view.themes),
        ("Reading &Font", view.fonts),
        ("Line &Width", view.measures),
    ):
        sub = view_menu.addMenu(title)
        sub.addActions(list(group.values()))
    view_menu.addAction(view.full_screen)


def _short(action: QAction, icon_text: str) -> QAction:
    """A shorter name on a tool bar (the menus keep the full one); its tip names it whole
    and its key, as the formatting buttons' tips do (Preview's said no key)."""
    action.setIconText(icon_text)
    if not action.shortcut().isEmpty():
        name = action.text().replace("&", "")
        action.setToolTip(f"{name}  ({action.shortcut().toString()})")
    return action


def _checkable(action: QAction) -> QAction:
    action.setCheckable(True)
    return action


def _field_action(
    window: QMainWindow, text: str, keys: QKeySequence.StandardKey, tip: str
) -> QAction:
    """An action of the text field with the keyboard, whose keys are the field's own:
    shown in the menu, never taken from the field (a list's Ctrl+C is its own)."""
    action = QAction(text, window)
    action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the menu's, while open
    action.setStatusTip(tip)
    action.setWhatsThis(tip)
    return action


def _notes_action(window: QMainWindow, text: str, shortcut: str, tip: str) -> QAction:
    """An action of the notes editor, in a menu: its shortcut works while the editor has
    the focus (elsewhere it would paste where the user cannot see)."""
    action = QAction(text, window)
    action.setShortcut(shortcut)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setStatusTip(tip)
    action.setWhatsThis(tip)
    return action


def _format_action(
    window: QMainWindow, text: str, shortcut: QKeySequence.StandardKey | str, markdown: str
) -> QAction:
    """A formatting action: its shortcut works only while the notes pane has focus."""
    action = QAction(text, window)
    action.setShortcut(shortcut)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(f"{text.replace('&', '')}: {markdown}  ({action.shortcut().toString()})")
    action.setIconText(TOOLBAR_TEXT.get(text, text.replace("&", "")))
    return action


def connect_formatting(actions: Actions, editor: NotesEditor) -> None:
    """The Format menu's actions, on the notes editor."""
    for action, marker in ((actions.bold, "**"), (actions.italic, "*"), (actions.inline_code, "`")):
        action.triggered.connect(lambda _=False, marker=marker: editor.wrap_selection(marker))
    actions.link.triggered.connect(editor.insert_link)
    for action, prefix in (
        (actions.heading_1, "# "),
        (actions.heading_2, "## "),
        (actions.heading_3, "### "),
        (actions.bullet_list, "- "),
        (actions.numbered_list, "1. "),
        (actions.block_quote, "> "),
    ):
        action.triggered.connect(lambda _=False, prefix=prefix: editor.set_line_prefix(prefix))


TOOLBAR_TEXT = {
    "&Bold": "B",
    "&Italic": "I",
    "Heading &1": "H1",
    "Heading &2": "H2",
    "Heading &3": "H3",
    "Bullet &List": "•",
    "Block &Quote": "❝",
}


# Playback (reader/ui/recording/) ---------------------------------------------------------
# Window-wide keys, so they work while reading and while writing notes. Ctrl+Left/Right
# stay the editors' word jumps (the notes editor and the reader's caret use them), so
# skipping is Alt+Left/Right, which neither editor nor any action here uses.
# The pitch is kept at each. A letter or digit each for the menu (four rates share 1, 2, 5).
SPEEDS = {
    0.5: "&0.5×",
    0.75: "0.&75×",
    1.0: "1× (&Normal)",
    1.25: "&1.25×",
    1.5: "1.&5×",
    2.0: "&2×",
}


@dataclass
class Playback:
    """The recording's actions."""

    attach: QAction
    detach: QAction
    play: QAction
    back: QAction
    forward: QAction
    play_paragraph: QAction
    go_to_said: QAction  # the reader's caret to the words being said
    go_to_time: QAction  # the recording at a time typed
    insert_time: QAction
    follow: QAction
    typist_loop: QAction
    video: QAction  # View ▸ Video: the picture's dock, for a recording with one
    speeds: list[QAction]
    speed_menu: QMenu | None = None  # Playback ▸ Speed, made with the menus


def build_playback(window: QMainWindow) -> Playback:
    follow = _checkable(
        _action(window, "F&ollow Along", None, "Mark and keep in view what is being said")
    )
    follow.setChecked(True)
    follow.setIconText("Follow")
    loop = _checkable(_action(window, "Typist's &Loop", None, "Every pause goes back two seconds"))
    loop.setIconText("Loop")
    video = _checkable(_action(window, "&Video", None, "The recording's picture"))
    video.setEnabled(False)  # until a recording with a picture is open
    speeds = QActionGroup(window)
    return Playback(
        attach=_action(window, "A&ttach Recording…", None, "The interview's audio or video"),
        detach=_action(window, "&Detach Recording", None, "Forget this interview's recording"),
        play=_action(window, "&Play / Pause", "Ctrl+Space", "Play or pause the recording"),
        back=_action(window, "&Back 5 Seconds", "Alt+Left", "Go back five seconds"),
        forward=_action(window, "&Forward 5 Seconds", "Alt+Right", "Go forward five seconds"),
        play_paragraph=_action(
            window,
            "Play P&aragraph",
            "Ctrl+Shift+Space",
            "Play the paragraph at the caret, or the words selected to their paragraph's end",
        ),
        go_to_said=_action(
            window, "&Go to Words Being Said", "Ctrl+J", "The reader's caret where they are"
        ),
        go_to_time=_action(window, "Go to Ti&me…", "Ctrl+T", "A time of the recording you type"),
        insert_time=_action(
            window, "&Insert Time in Notes", "Ctrl+Shift+T", "A link that plays from now"
        ),
        follow=follow,
        typist_loop=loop,
        video=video,
        speeds=[_speed(speeds, rate, text) for rate, text in SPEEDS.items()],
    )


def _speed(group: QActionGroup, rate: float, text: str) -> QAction:
    # Made here, not by addAction(text), whose action's wrapper went invalid (as Speed's).
    action = group.addAction(QAction(text, group.parent()))
    action.setData(rate)
    action.setCheckable(True)
    action.setChecked(rate == 1.0)
    return action


def _playback_menu(window: QMainWindow, playback: Playback) -> None:
    menu = window.menuBar().addMenu("&Playback")
    menu.addActions([playback.play, playback.back, playback.forward, playback.play_paragraph])
    menu.addActions([playback.go_to_said, playback.go_to_time])
    playback.speed_menu = _kept_menu("&Speed", window)  # the recording greys it out
    playback.speed_menu.addActions(playback.speeds)
    menu.addMenu(playback.speed_menu)
    menu.addSeparator()
    menu.addActions([playback.follow, playback.typist_loop, playback.insert_time])
    menu.addSeparator()
    menu.addActions([playback.attach, playback.detach])


def _kept_menu(title: str, window: QMainWindow) -> QMenu:
    """A menu that Python keeps using after the menus are built. Made here, not by
    addMenu(title): the wrapper of a menu Qt made went invalid before the window closed
    (PySide6, once in the full suite, with the Speed menu)."""
    return QMenu(title, window)


NATIVE = QKeySequence.SequenceFormat.NativeText  # a key as the menus show it
# The docks' View toggles are named by the docks' titles: given a letter each here.
DOCK_TOGGLES = {
    "Library": "&Library",
    "Outline": "&Outline",
    "Annotations": "&Annotations",
    "Search": "Searc&h",
    "Codebook": "Co&debook",
}


def add_dock_toggle(actions: Actions, dock: QDockWidget) -> None:
    """List `dock` in View with its letter, above Video. Shown, it comes forward: tabbed
    behind another, the user saw nothing (and a lazy dock's panel is made when it shows, not
    before). Most show no key: the key that brings the dock (Ctrl+6) is its Go to item's,
    a few lines down, and does not hide it; written here too, a menu showed one key on two
    items. Search has no Go to item: Ctrl+Shift+F, Edit ▸ Search Everything…'s, which brings
    it, is written beside it."""
    toggle = dock.toggleViewAction()
    toggle.triggered.connect(lambda on: bring_forward(dock) if on else None)
    text = DOCK_TOGGLES.get(dock.windowTitle(), dock.windowTitle())
    if dock.windowTitle() == "Search":
        text += "\t" + actions.search_everything.shortcut().toString(NATIVE)
    toggle.setText(text)
    assert actions.view_menu is not None
    actions.view_menu.insertAction(actions.playback.video, toggle)


def build_menus(window: QMainWindow, actions: Actions, docks: list[QDockWidget]) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.new_study)
    file_menu.addAction(actions.open_study)
    actions.recent_menu = _kept_menu("Open &Recent", window)  # filled as it opens
    file_menu.addMenu(actions.recent_menu)
    file_menu.addAction(actions.add_interviews)
    file_menu.addSeparator()
    file_menu.addAction(actions.playback.attach)
    file_menu.addAction(actions.show_notes_file)
    file_menu.addAction(actions.save_notes_as)
    file_menu.addAction(actions.restore_backup)
    file_menu.addSeparator()
    file_menu.addAction(actions.export)
    file_menu.addAction(actions.export_pdf)
    import_menu = file_menu.addMenu("&Import")  # every format that comes in, together
    import_menu.addAction(actions.import_annotations)
    codes = actions.codes
    if codes is not None:
        import_menu.addAction(codes.import_qdpx)
        import_menu.addAction(codes.import_qdc)
    file_menu.addAction(actions.print)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    edit_menu.addSeparator()
    for action in (actions.cut, actions.copy, actions.paste, actions.paste_plain):
        edit_menu.addAction(action)
    edit_menu.addAction(actions.select_all)
    four = (actions.cut, actions.copy, actions.paste, actions.select_all)
    connect_text_editing(edit_menu, *four)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.quote_in_notes)
    edit_menu.addAction(actions.copy_quotation)
    edit_menu.addAction(actions.color_labels)
    edit_menu.addAction(actions.speakers)
    edit_menu.addAction(actions.fill_from_transcripts)
    edit_menu.addSeparator()
    for action in (
        actions.find,
        actions.replace,
        actions.find_next,
        actions.find_previous,
        actions.search_everything,
    ):
        edit_menu.addAction(action)
    if codes is not None:
        codes.menu = _kept_menu("&Codes", window)  # the Codebook's toggle joins it later
        bar.addMenu(codes.menu)
        codes.menu.addAction(codes.code_passage)
        codes.menu.addSeparator()
        codes.menu.addAction(codes.retrieve)
        codes.menu.addAction(codes.pictures)
        codes.menu.addAction(codes.import_qdc_in_codes)
        codes.menu.addAction(codes.export_codebook)
        codes.menu.addSeparator()
        for action in (codes.new_code, codes.rename_code, codes.merge_code, codes.delete_code):
            codes.menu.addAction(action)
        codes.menu.addSeparator()
        codes.menu.addAction(codes.focus_codebook)
    format_menu = bar.addMenu("F&ormat")
    for action in actions.format_actions():
        format_menu.addAction(action)
    format_menu.addSeparator()
    format_menu.addAction(actions.toggle_preview)
    actions.view_menu = view_menu = _kept_menu("&View", window)
    bar.addMenu(view_menu)
    view_menu.addAction(actions.playback.video)
    for dock in docks:
        add_dock_toggle(actions, dock)
    view_menu.addSeparator()
    view_menu.addAction(actions.focus_reader)
    view_menu.addAction(actions.focus_notes)
    view_menu.addAction(actions.focus_annotations)
    view_menu.addAction(actions.focus_outline)
    view_menu.addAction(actions.focus_library)
    if codes is not None:  # Codes ▸ Go to Codebook's, with the other Go to items
        view_menu.addAction(codes.focus_codebook)
    view_menu.addAction(actions.study_memo)
    view_menu.addAction(actions.previous_interview)
    view_menu.addAction(actions.next_interview)
    go_menu = _kept_menu("&Go", window)  # in the interview, from the reader's caret
    view_menu.addMenu(go_menu)
    for action, *_ in actions.steps():
        if action is actions.jump_back:  # over the jumps, apart from the steps
            go_menu.addSeparator()
        go_menu.addAction(action)
    view_menu.addAction(actions.cycle_panes)  # Shift+F6, Previous Pane: in F1 (no letter left)
    _view_menu_block(view_menu, actions.view)
    _playback_menu(window, actions.playback)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.user_guide)
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)
    for menu in menus_of(bar.actions()):  # a greyed-out action's tip says why (action_states)
        menu.setToolTipsVisible(True)


def menus_of(actions: list[QAction]) -> list[QMenu]:
    """The menus of `actions` and their submenus, at any depth."""
    menus = [a.menu() for a in actions if isinstance(a.menu(), QMenu)]
    return [m for menu in menus for m in (menu, *menus_of(menu.actions()))]
