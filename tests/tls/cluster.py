"""A throwaway PostgreSQL cluster with TLS on a free port: initdb, start, stop.

initdb and postgres refuse to run as root, so as root the cluster belongs to the
`postgres` system user (as on every Debian/Ubuntu install) and runs through runuser.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# hall_pc must also show a certificate from the site CA whose CN is its name.
HBA = """\
local all all trust
hostssl all hall_pc 127.0.0.0/8 trust clientcert=verify-full
hostssl all all 127.0.0.0/8 trust
hostnossl all all 127.0.0.0/8 reject
"""


def pg_bin() -> Path | None:
    """The folder of initdb/pg_ctl: GRIDDESK_PG_BIN, else the newest Debian-style install."""
    if os.environ.get("GRIDDESK_PG_BIN"):
        return Path(os.environ["GRIDDESK_PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_owner() + cmd, capture_output=True, text=True, timeout=60)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stdout}{done.stderr}")


def _configure(data: Path, port: int, crt: Path, key: Path, ca: Path) -> None:
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(f"port = {port}\nlisten_addresses = '127.0.0.1,127.0.0.2'\n"
                   f"unix_socket_directories = '{data.parent}'\n"
                   f"ssl = on\nssl_cert_file = '{crt}'\nssl_key_file = '{key}'\n"
                   f"ssl_ca_file = '{ca}'\n"
                   "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
    (data / "pg_hba.conf").write_text(HBA)


def _hand_over(folder: Path) -> None:
    # Root made the files; the cluster's owner must own them (the key: readable by it only).
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, owner.pw_uid, owner.pw_gid)


@contextmanager
def tls_cluster(bindir: Path, folder: Path, crt: Path, key: Path, ca: Path) -> Iterator[int]:
    """Yield the port of a running TLS-only cluster under `folder`; always stopped after."""
    data, port = folder / "data", free_port()
    _hand_over(folder)
    _run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
          "-E", "UTF8", "--locale=C", "--no-sync"])
    _configure(data, port, crt, key, ca)
    try:
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
              "-w", "-t", "30", "start"])
        yield port
    finally:
        subprocess.run(_as_owner() + [str(bindir / "pg_ctl"), "-D", str(data), "-m",
                                      "immediate", "-w", "stop"],
                       capture_output=True, timeout=60)
