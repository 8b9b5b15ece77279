"""The Speakers dialog and the line that offers it when detection is unsure."""
