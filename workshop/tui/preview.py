"""`workshop preview`: the facilitator's screen on a throwaway session of one module, so an
author sees a draft as the room will. The session lives in a temporary folder, removed after."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workshop import sessions
from workshop.content.model import Plan
from workshop.tui.facilitator import FacilitatorApp
from workshop.tui.facilitator import make_app as facilitator_app


@contextmanager
def throwaway_session(plan: Plan) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="workshop-preview-"))
    try:
        yield sessions.create(plan, folder, "preview", "preview")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_app(path: Path, *, dark: bool = True, **options: object) -> FacilitatorApp:
    app = facilitator_app(path, bell=False, dark=dark, **options)  # type: ignore[arg-type]
    app.join_command = "nobody (a preview: nothing is kept)"
    return app
