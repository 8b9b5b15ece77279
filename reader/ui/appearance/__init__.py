"""appearance: theme, reading font, line width and zoom"""
