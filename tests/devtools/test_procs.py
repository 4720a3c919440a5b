"""The /proc readings of the bench and the kill tests: a process's children, arguments and peak memory."""

from __future__ import annotations

import os
import subprocess
import sys

from govcrawl.devtools.procs import arguments, command_line, descendants, peak_rss_mib


def test_a_child_is_found_with_its_arguments_and_memory_until_it_ends() -> None:
    argv = [sys.executable, "-c", "import time; time.sleep(30)", "an argument with spaces", ""]
    child = subprocess.Popen(argv)
    try:
        assert child.pid in descendants(os.getpid())
        assert arguments(child.pid) == argv  # an empty last argument is kept
        assert command_line(child.pid) == " ".join(argv)
        assert peak_rss_mib(child.pid) > 1
    finally:
        child.kill()
        child.wait()
    assert child.pid not in descendants(os.getpid())
    assert arguments(child.pid) == [] and command_line(child.pid) == "" and peak_rss_mib(child.pid) == 0.0
