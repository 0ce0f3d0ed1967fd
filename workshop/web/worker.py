"""The one thread that touches the phone page's session: the event loop hands it work and awaits
the answer, so it never waits on the file's lock or an fsync itself.

Work comes in two kinds. `run` is done alone, in the order it came (a page, a proof, a join).
`write` is a verb that appends (a ballot, a note, a presence): every verb waiting when the thread
comes round is done in one group commit (`SessionFile.together`: one lock, one write, one fsync),
and each is answered only once that write is on disk. A room of 1,000 phones taps within a few
seconds of a poll opening; one fsync per tap was most of what each cost (docs/architecture.md).
"""

from __future__ import annotations

import asyncio
import contextvars
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from workshop.sessions import Session

T = TypeVar("T")
ROUND = 512  # jobs taken at most in one round: a burst is answered in pieces, never all at the end


@dataclass
class _Job:
    work: Callable[[], Any]
    together: bool
    future: asyncio.Future[Any]


class Worker:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name="session", daemon=True)
        self._thread.start()
        self.rounds = 0  # rounds done, and verbs written together in them: for benchmarks
        self.written = 0

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """`work(*args)` on the session's thread, alone, in a copy of the caller's context (its
        language, i18n.speaking, goes along)."""
        context = contextvars.copy_context()
        return await self._submit(lambda: context.run(work, *args), False)

    async def write(self, work: Callable[..., T], *args: Any) -> T:
        """`work(*args)` on the session's thread, in one group commit with the other verbs waiting,
        in a copy of the caller's context."""
        context = contextvars.copy_context()
        return await self._submit(lambda: context.run(work, *args), True)

    async def _submit(self, work: Callable[[], T], together: bool) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._jobs.put(_Job(work, together, future))
        return await future

    def close(self) -> None:
        """Stop after the work already given (the thread is a daemon: it never holds up an exit)."""
        self._jobs.put(None)

    def _work(self) -> None:
        while True:
            jobs = [self._jobs.get()]
            while len(jobs) < ROUND:
                try:
                    jobs.append(self._jobs.get_nowait())
                except queue.Empty:
                    break
            alive = [job for job in jobs if job is not None]
            # Pages and proofs first, then the verbs together: none of those verbs has been
            # answered yet, so a page asked for meanwhile may show the file without them.
            done: list[tuple[_Job, Any, bool]] = []
            for job in alive:
                if not job.together:
                    done.append(_call(job))
            verbs = [job for job in alive if job.together]
            if verbs:
                results = self.session.together([job.work for job in verbs])
                answers = zip(verbs, results, strict=True)
                done += [(job, result, isinstance(result, Exception)) for job, result in answers]
                self.written += len(verbs)
            self.rounds += 1
            if done:
                loop = done[0][0].future.get_loop()
                try:
                    loop.call_soon_threadsafe(_answer, done)  # one wake-up of the event loop per round
                except RuntimeError:
                    return  # the loop has closed: nobody is waiting any more
            if len(alive) < len(jobs):
                return


def _call(job: _Job) -> tuple[_Job, Any, bool]:
    try:
        return job, job.work(), False
    except Exception as err:  # raised to the one who asked, on the event loop
        return job, err, True


def _answer(done: list[tuple[_Job, Any, bool]]) -> None:
    for job, result, failed in done:
        if job.future.done():  # the request was cancelled meanwhile (its phone went away)
            continue
        if failed:
            job.future.set_exception(result)
        else:
            job.future.set_result(result)
