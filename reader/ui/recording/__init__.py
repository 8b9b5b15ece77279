"""The recording beside the transcript: the player, its bar, following along and jumping by time."""
