"""workshop: a terminal facilitator for leadership workshops in contact centres."""

__version__ = "0.1.0"
