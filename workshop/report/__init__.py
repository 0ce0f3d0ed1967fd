"""Reports: renderers of a SessionState. They read state; they never read the journal."""

from workshop.report.render import as_json, as_markdown

__all__ = ["as_json", "as_markdown"]
