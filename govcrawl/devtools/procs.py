"""The processes a process started, and their memory, read from Linux's /proc (bench and tests)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["arguments", "command_line", "descendants", "peak_rss_mib"]

PROC = Path("/proc")


def _children() -> dict[int, list[int]]:
    """Each live process's children, by the parent's id."""
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
    children = _children()
    found, todo = [], list(children.get(pid, ()))
    while todo:
        found.append(todo.pop())
        todo.extend(children.get(found[-1], ()))
    return found


def arguments(pid: int) -> list[str]:
    """The process's arguments, its program first ([] once it has ended)."""
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return []
    if not raw:
        return []  # a kernel thread, or a process that has just ended
    # each argument ends with a NUL, unless the process rewrote its own command line
    return raw.removesuffix(b"\0").decode(errors="replace").split("\0")


def command_line(pid: int) -> str:
    """The process's arguments joined by spaces ('' once it has ended)."""
    return " ".join(arguments(pid))


def peak_rss_mib(pid: int) -> float:
    """The process's own peak resident memory (VmHWM) in MiB; 0 once it has ended."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
