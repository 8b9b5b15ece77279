"""SHA-256 without OpenSSL for small inputs: the same digests as hashlib's, either side of
the size from which hashlib's is used."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from reader.core.hashing import LARGE_BYTES, sha256_hex
from tests.conftest import ROOT


@given(st.binary(max_size=4096))
def test_the_same_digest_as_hashlib(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_either_side_of_large() -> None:
    for size in (0, LARGE_BYTES - 1, LARGE_BYTES, LARGE_BYTES + 1):
        data = bytes(range(256)) * (size // 256) + b"\xff" * (size % 256)
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_opening_a_short_interview_does_not_load_openssl() -> None:
    code = (
        "import sys; from reader.core.document import load_document; "
        "from reader.resources import BUNDLED_INTERVIEW; load_document(BUNDLED_INTERVIEW); "
        "print('_hashlib' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
