"""Widgets shared by the facilitator, participant and replay screens. Each one takes a
SessionState in `show` and redraws only when the part it shows has changed."""
