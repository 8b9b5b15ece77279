"""Qt widgets of Interview Reader."""
