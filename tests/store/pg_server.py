"""A throwaway PostgreSQL server on loopback for the PostgreSQL tests.

Uses ``NEWSFUSE_TEST_PG_URL`` when set (a database the tests may create databases in); else
starts a private cluster with Debian's ``initdb``/``pg_ctl`` on a free port (as the ``postgres``
user when run as root, since PostgreSQL refuses to run as root) and stops it afterwards.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def postgres_server():
    """Yield a server URL (``postgresql://user@127.0.0.1:port``), or None with the reason why not."""
    if os.environ.get("NEWSFUSE_TEST_PG_URL"):
        yield os.environ["NEWSFUSE_TEST_PG_URL"], None
        return
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        yield None, "PostgreSQL is not installed (no initdb/pg_ctl); install Debian's postgresql " \
                    "or set NEWSFUSE_TEST_PG_URL"
        return
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            yield None, "running as root without runuser: cannot start PostgreSQL"
            return
        prefix = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="newsfuse-pg-"))
    root.chmod(0o755)
    if prefix:
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    try:
        subprocess.run(prefix + [initdb, "-D", str(data), "-A", "trust", "-U", "newsfuse",
                                 "--no-sync"], check=True, capture_output=True)
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-o", options, "-l",
                                 str(root / "log"), "-w", "start"], check=True, capture_output=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        yield None, f"could not start PostgreSQL: {exc.stderr.decode(errors='replace')[-300:]}"
        return
    try:
        yield f"postgresql://newsfuse@127.0.0.1:{port}/postgres", None
    finally:
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
