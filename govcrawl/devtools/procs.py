"""The processes a process started, and their memory, read from Linux's /proc (bench and tests)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["command_line", "descendants", "peak_rss_mib"]

PROC = Path("/proc")


def _parents() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for proc in PROC.iterdir():
        if not proc.name.isdigit():
            continue
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # it ended while it was read
        children.setdefault(parent, []).append(int(proc.name))
    return children


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid``: its children, theirs, and so on."""
    children = _parents()
    found, todo = [], list(children.get(pid, ()))
    while todo:
        found.append(todo.pop())
        todo.extend(children.get(found[-1], ()))
    return found


def command_line(pid: int) -> str:
    """The process's arguments joined by spaces ('' once it has ended)."""
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def peak_rss_mib(pid: int) -> float:
    """The process's own peak resident memory (VmHWM) in MiB; 0 once it has ended."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
