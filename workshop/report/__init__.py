"""Reports: renderers of a SessionState. They read state; they never read the journal."""

from workshop.report.ballots_csv import as_csv
from workshop.report.html import as_html
from workshop.report.markdown import as_markdown
from workshop.report.render import as_json

__all__ = ["as_csv", "as_html", "as_json", "as_markdown"]
