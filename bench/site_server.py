"""Start the site the way `make serve` does: the one helper `make bench`, `make lighthouse`
and the load tests share.

`SiteServer` runs the same gunicorn command with the same gunicorn.conf.py and local
settings, DEBUG off, on a free port, against the SQLite file it is given, with its log,
page cache and uploads in a folder of its own, so it never serves or writes what a
`make serve` running next to it uses.
"""

import contextlib
import fcntl
import http.client
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"
RESULTS = BENCH / "results"
GUNICORN = Path(sys.executable).parent / "gunicorn"
MANIFEST = ROOT / "staticfiles" / "staticfiles.json"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(host, port, path, headers=None):
    """GET `path`: (status, headers as a dict with lower-case names, body bytes)."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def manage(*args, env=None):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def fresh_database(path, env=None):
    """A migrated, empty SQLite file at `path`, and collected static files for the local settings."""
    env = {**os.environ, **(env or {}), "DATABASE_URL": f"sqlite:///{path}",
           "DJANGO_SETTINGS_MODULE": "gobroad_site.settings.local"}
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    if not MANIFEST.exists():
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    return path


def copy_of_demo_database():
    """bench/work/ afresh, holding a consistent copy of the `make serve` database.

    One `make bench` or `make lighthouse` at a time: they share bench/work/, and two
    load tests on one machine would measure each other.
    """
    source = ROOT / "db.sqlite3"
    if not source.exists():
        sys.exit(f"{source} is missing: run `make setup` first.")
    lock = os.open(BENCH, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit("Another `make bench` or `make lighthouse` is running here; wait for it to finish.")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    database = WORK / "db.sqlite3"
    # The backup API copies a consistent snapshot even while `make serve` writes (WAL mode).
    with (contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
          contextlib.closing(sqlite3.connect(database)) as dst):
        src.backup(dst)
    return database


class SiteServer:
    """`with SiteServer(database, work_dir) as server:` runs gunicorn until the block ends.

    `database` is an SQLite file, or None when `env` gives DATABASE_URL.
    """

    def __init__(self, database, work_dir, env=None, extra_args=()):
        self.port = free_port()
        self.host = "127.0.0.1"
        self.work_dir = Path(work_dir)
        self.log_path = self.work_dir / "gunicorn.log"
        self.extra_args = list(extra_args)
        self.env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        self.env.update(
            DJANGO_SETTINGS_MODULE="gobroad_site.settings.local",
            DJANGO_DEBUG="0",
            DATABASE_URL=f"sqlite:///{database}",
            PAGE_CACHE_DIR=str(self.work_dir / "page_cache"),
            PRIVATE_MEDIA_ROOT=str(self.work_dir / "private_media"),
            HOST=self.host,
            PORT=str(self.port),
            PYTHONUNBUFFERED="1",
        )
        # Last, so a caller may set any of these (bench/cluster.py gives PostgreSQL's DATABASE_URL).
        self.env.update(env or {})
        self.process = None
        self._log = None

    @property
    def base_url(self):
        return f"http://{self.host}:{self.port}"

    def __enter__(self):
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        # A session of its own: Ctrl-C reaches us, and we stop gunicorn in order.
        self.process = subprocess.Popen(  # noqa: S603
            [str(GUNICORN), "-c", "gunicorn.conf.py", *self.extra_args, "gobroad_site.wsgi"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def _wait_healthy(self, timeout=60):
        deadline = time.monotonic() + timeout
        last_error = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, _, _ = self.get("/healthz")
                if status == 200:
                    return
                last_error = f"HTTP {status}"
            except OSError as error:
                last_error = error
            time.sleep(0.2)
        raise RuntimeError(f"/healthz did not answer 200 within {timeout} s ({last_error}):\n{self.log_tail()}")

    def get(self, path, headers=None):
        """(status, headers as a dict with lower-case names, body bytes)."""
        return http_get(self.host, self.port, path, headers)

    def worker_pids(self):
        """The gunicorn workers: the master's child processes."""
        master = self.process.pid
        return sorted(int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split())

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def count_in_log(self, text):
        try:
            return self.log_path.read_text(errors="replace").count(text)
        except OSError:
            return 0

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            # SIGTERM is gunicorn's graceful shutdown (workers finish their requests).
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


def rss_mb(pid):
    """Resident memory of a process in MB (VmRSS), or None if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def raise_on_sigterm():
    """Turn SIGTERM into an exception so `with SiteServer()` still stops gunicorn."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)
