"""`--output` onto a file that is already there: the new report replaces the old one whole or not
at all. A write that fails part-way (here a file-size limit, as a full disk would) leaves the
earlier report exactly as it was and no temporary file beside it; a link stays a link and a
file keeps its mode."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Workshop

LIMIT = 200  # bytes a process may write into a file: less than any report, more than nothing


def _small_files() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails (EFBIG) instead of killing


def _report_with_small_files(ws: Workshop, out: Path) -> subprocess.CompletedProcess[str]:
    """`workshop report s -o OUT` in a process whose files cannot grow past LIMIT bytes."""
    return subprocess.run(
        [sys.executable, "-m", "workshop", "report", "s", "-o", str(out), "--sessions-dir", str(ws.sessions)],
        capture_output=True,
        text=True,
        preexec_fn=_small_files,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
    )


def test_a_write_cut_short_leaves_the_earlier_report_whole(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    assert len(ws.ok("report", "s").stdout.encode()) > LIMIT
    folder = tmp_path / "out"
    folder.mkdir()
    earlier = b"# The earlier report\n" + b"a line the facilitator needs\n" * 200
    (folder / "report.md").write_bytes(earlier)
    done = _report_with_small_files(ws, folder / "report.md")
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert done.stderr.splitlines() == [f"error: {folder / 'report.md'}: cannot write: file too large"], done.stderr
    assert done.stdout == ""
    assert (folder / "report.md").read_bytes() == earlier
    assert sorted(p.name for p in folder.iterdir()) == ["report.md"]


def test_a_link_stays_a_link_and_its_file_gets_the_report(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    real = tmp_path / "kept" / "report.md"
    real.parent.mkdir()
    real.write_text("the earlier report\n")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    assert ws.ok("report", "s", "-o", str(link)).stdout == f"{link}\n"
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("# ")
    assert sorted(p.name for p in real.parent.iterdir()) == ["report.md"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in ("cwd", "content", "sessions")) == [
        "kept",
        "latest.md",
    ]


def test_a_file_keeps_its_mode(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    out = tmp_path / "private.md"
    out.write_text("the earlier report\n")
    out.chmod(0o600)
    ws.ok("report", "s", "-o", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("# ")


def test_a_new_file_gets_the_umask_s_mode(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    before = os.umask(0o027)
    try:
        ws.ok("report", "s", "-o", str(tmp_path / "new.md"))
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_a_hard_linked_file_is_written_in_place_for_both_names(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    out = tmp_path / "report.md"
    out.write_text("the earlier report\n")
    other = tmp_path / "also.md"
    os.link(out, other)
    ws.ok("report", "s", "-o", str(out))
    assert os.path.samefile(out, other)
    assert other.read_text().startswith("# ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_file_in_a_folder_we_cannot_write_to_is_still_written(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    folder = tmp_path / "shared"
    folder.mkdir()
    out = folder / "report.md"
    out.write_text("the earlier report\n")
    folder.chmod(0o555)
    try:
        ws.ok("report", "s", "-o", str(out))
    finally:
        folder.chmod(0o755)
    assert out.read_text().startswith("# ")


def test_dev_stdout_is_written_directly(ws: Workshop, tmp_path: Path) -> None:
    """/dev/stdout leads through /proc to the pipe or file the shell gave: nothing to rename over."""
    ws.started_at()
    done = subprocess.run(
        [sys.executable, "-m", "workshop", "report", "s", "-o", "/dev/stdout", "--sessions-dir", str(ws.sessions)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ") and done.stdout.endswith("\n/dev/stdout\n")


def test_a_hard_linked_report_cut_short_keeps_the_earlier_one_under_both_names(ws: Workshop, tmp_path: Path) -> None:
    """A file with another hard link is written in place (a rename would cut the other name off
    from the new report); a write that fails part-way there used to leave the first 200 bytes of
    the new report under both names and the earlier one gone. Now the room is made first, and
    a write that cannot fit changes nothing."""
    ws.started_at()
    assert len(ws.ok("report", "s").stdout.encode()) > LIMIT
    earlier = b"# The earlier report\n" + b"a line\n" * 20  # fewer bytes than LIMIT: it was written
    out = tmp_path / "report.md"
    out.write_bytes(earlier)
    other = tmp_path / "also.md"
    os.link(out, other)
    done = _report_with_small_files(ws, out)
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert done.stderr.splitlines() == [f"error: {out}: cannot write: file too large"], done.stderr
    assert out.read_bytes() == earlier and other.read_bytes() == earlier
    assert os.path.samefile(out, other)


def test_a_hard_linked_report_longer_than_the_new_one_ends_where_the_new_one_does(ws: Workshop, tmp_path: Path) -> None:
    ws.started_at()
    new = ws.ok("report", "s").stdout
    out = tmp_path / "report.md"
    out.write_text("an earlier, much longer report\n" * 2000)
    os.link(out, tmp_path / "also.md")
    ws.ok("report", "s", "-o", str(out))
    assert out.read_text() == new == (tmp_path / "also.md").read_text()
