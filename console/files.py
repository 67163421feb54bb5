"""Files we write for people (reports, statements, notices, label sheets, receipts, chart
exports, field routes): one way to write them, one permission.

Policy: owner-only (0600), whatever the umask. These files carry personal data —
names, addresses, phone numbers, account figures (PIPL: only the people who need them) —
and label sheets carry signed seal codes: whoever can read a sheet can print labels that
verify. A counter PC is often shared between OS accounts, and a file made readable by
everyone cannot be made private again once copied, while its owner can always share it on
purpose. So every such file starts private; the bytes go to a temporary file beside the
target and are renamed over it, so nobody ever sees half a document and a failure leaves
nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

USER_FILE_MODE = 0o600


def write_user_file(path: Path | str, data: bytes) -> Path:
    """Write `data` to `path` atomically, readable and writable by its owner only."""
    path = Path(path)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, USER_FILE_MODE)  # mkstemp's mode is private too; say it, not rely on it
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
