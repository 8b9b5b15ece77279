"""The study memo in the window: its file saved and watched, and its place in the notes pane."""
