"""The X server of the real-window tests: one Xvfb per test process, for the whole run, on
a display number drawn at random from a range no one else uses.

Servers that choose their own number (Xvfb -displayfd alone) all search from :0, where
every test process and every other run on the machine meet; their lock files in /tmp
were seen gone while the servers ran, which lets a new server take a number in use."""

from __future__ import annotations

import os
import random
import subprocess
from collections.abc import Iterator

import pytest

DISPLAYS = range(1000, 30000)
SCREEN = ("-screen", "0", "1400x900x24", "-nolisten", "tcp")


def _start_xvfb(number: int) -> subprocess.Popen[bytes] | None:
    """An Xvfb on :`number` once it accepts clients; None when the number is taken."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-displayfd", str(write_end), *SCREEN],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as announced:
        ready = announced.readline().strip()  # written once it accepts clients
    if ready:
        return server
    server.wait(10)  # it ended: the number was taken
    return None


def _answers(display: str) -> bool:
    probe = ["xdotool", "getdisplaygeometry"]
    env = {**os.environ, "DISPLAY": display}
    return subprocess.run(probe, env=env, capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    for number in random.sample(DISPLAYS, 5):  # another number if one is taken or mute
        server = _start_xvfb(number)
        if server is not None and _answers(f":{number}"):
            break
        if server is not None:
            server.terminate()
            server.wait(10)
    else:
        pytest.fail("Xvfb started on five display numbers without answering a client")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
