"""The processes (workers) crawling a run, so that the annex step knows whether they are done.

A worker joins when its run is opened or joined, is seen again every GOVCRAWL_WORKER_HEARTBEAT
seconds, and leaves with its close reason. Its name says where to look for it: host, pid and the
scrapyd job. A worker that never left and was not seen for GOVCRAWL_WORKER_LOST_SECONDS, or whose
process is gone from this very host, was killed (SIGKILL, a machine that went down): it is *lost*,
not running. In a single-process run a worker
that joins (a resume with JOBDIR) replaces every earlier one, which can no longer be running.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from govcrawl.storage.models import RunWorker

__all__ = ["WorkerState", "join_run", "leave_run", "open_workers", "seen", "this_worker"]

#: the close reason given to earlier workers of a single-process run when it is resumed
REPLACED = "replaced"
#: the close reason given to a worker found lost
LOST = "lost"


@dataclass(frozen=True)
class WorkerState:
    """A worker that has not left its run: running, or lost when it has been silent too long."""

    name: str
    started_at: datetime
    seen_at: datetime
    lost: bool

    def describe(self) -> str:
        return f"{self.name} (started {self.started_at:%Y-%m-%d %H:%M:%S}, last seen {self.seen_at:%H:%M:%S})"


def this_worker(job: str = "") -> str:
    """The name of this process as a worker: host, pid, and the scrapyd job when there is one."""
    name = f"{socket.gethostname()} pid {os.getpid()}"
    return f"{name} job {job}" if job else name


def _gone(host: str, pid: int) -> bool:
    """Whether the worker process is known to have ended: only a process of this host can be looked up."""
    if host != socket.gethostname() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, owned by another user
        return False
    return False


def join_run(engine: Engine, run_id: int, name: str, *, replace_others: bool, host: str | None = None,
             pid: int | None = None) -> None:
    """Record ``name`` as a worker of the run (again, if it was already), running as ``pid`` on
    ``host`` (default: this process); with ``replace_others`` (a single-process run) close every
    other open worker of the run as replaced."""
    host = socket.gethostname() if host is None else host
    pid = os.getpid() if pid is None else pid
    now = datetime.now()
    with Session(engine) as session, session.begin():
        if replace_others:
            session.execute(update(RunWorker).where(RunWorker.run_id == run_id, RunWorker.name != name,
                                                    RunWorker.finished_at.is_(None))
                            .values(finished_at=now, reason=REPLACED))
        row = session.scalars(select(RunWorker).where(RunWorker.run_id == run_id, RunWorker.name == name)).first()
        if row is None:
            session.add(RunWorker(run_id=run_id, name=name, host=host, pid=pid, started_at=now, seen_at=now))
        else:
            row.host, row.pid, row.started_at, row.seen_at, row.finished_at, row.reason = host, pid, now, now, None, ""


def seen(engine: Engine, run_id: int, name: str) -> None:
    """The worker is alive (its heartbeat)."""
    with Session(engine) as session, session.begin():
        session.execute(update(RunWorker).where(RunWorker.run_id == run_id, RunWorker.name == name)
                        .values(seen_at=datetime.now()))


def leave_run(engine: Engine, run_id: int, name: str, reason: str) -> None:
    """The worker closed, for ``reason`` (Scrapy's close reason, or LOST)."""
    now = datetime.now()
    with Session(engine) as session, session.begin():
        session.execute(update(RunWorker).where(RunWorker.run_id == run_id, RunWorker.name == name)
                        .values(seen_at=now, finished_at=now, reason=reason))


def open_workers(engine: Engine, run_id: int, lost_after: float, now: datetime | None = None) -> list[WorkerState]:
    """The workers of the run that have not left it, each marked lost when it has not been seen for
    ``lost_after`` seconds or its process is gone from this host."""
    cutoff = (now or datetime.now()) - timedelta(seconds=lost_after)
    with Session(engine) as session:
        rows = session.scalars(select(RunWorker).where(RunWorker.run_id == run_id, RunWorker.finished_at.is_(None))
                               .order_by(RunWorker.id)).all()
        return [WorkerState(row.name, row.started_at, row.seen_at, row.seen_at < cutoff or _gone(row.host, row.pid))
                for row in rows]
