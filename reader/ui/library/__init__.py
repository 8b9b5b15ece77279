"""The study: its owner, the Library dock, switching interviews, recent files."""
