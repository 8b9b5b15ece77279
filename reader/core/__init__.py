"""The model of Interview Reader in plain Python: no Qt may be imported here."""
