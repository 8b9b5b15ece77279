"""SHA-256 in hex, for text, notes files and paths. Small inputs use CPython's built-in
SHA-256: hashlib's OpenSSL one is about six times faster, but loading it maps ~3.5 MB and
takes a few ms, which start-up need not pay for a short interview (issue #17). Large
inputs (a long transcript) use OpenSSL's, loaded then.
"""

from __future__ import annotations

try:  # CPython's own: _sha2 from Python 3.12, _sha256 before
    from _sha2 import sha256 as _builtin_sha256  # type: ignore[import-not-found]
except ImportError:
    try:
        from _sha256 import sha256 as _builtin_sha256  # type: ignore[import-not-found]
    except ImportError:  # another Python: hashlib's throughout
        from hashlib import sha256 as _builtin_sha256

LARGE_BYTES = 1 << 20  # from here OpenSSL's speed is worth its loading


def sha256_hex(data: bytes) -> str:
    if len(data) >= LARGE_BYTES:
        from hashlib import sha256

        return sha256(data).hexdigest()
    return _builtin_sha256(data).hexdigest()
