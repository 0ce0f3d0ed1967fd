"""The engine: the event vocabulary, the fold into SessionState, ballot rules and tallies.
Pure: no Textual, no file or terminal I/O, no import of journal/."""
