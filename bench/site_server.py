"""Start the site the way `make serve` does, on a copy of the demo database.

Shared by bench/run.py and bench/lighthouse.py. The server runs the same gunicorn
command with the same gunicorn.conf.py and local settings, DEBUG off, but on a free
port, against bench/work/db.sqlite3 (a copy, so a benchmark never writes to the real
database) and with its own page cache directory, so it starts cold and never serves
pages cached by a `make serve` running next to it.
"""

import contextlib
import fcntl
import http.client
import json
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
VENV_BIN = ROOT / ".venv" / "bin"
SOURCE_DB = ROOT / "db.sqlite3"
MANIFEST = ROOT / "staticfiles" / "staticfiles.json"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_lock = None


def _lock_bench_dir():
    """One `make bench` or `make lighthouse` at a time: they share bench/work/, and two
    load tests on one machine would measure each other."""
    global _lock
    _lock = os.open(BENCH, os.O_RDONLY)
    try:
        fcntl.flock(_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit("Another `make bench` or `make lighthouse` is running here; wait for it to finish.")


def prepare_work_dir():
    """A fresh bench/work/ holding a consistent copy of the demo database."""
    if not SOURCE_DB.exists():
        sys.exit(f"{SOURCE_DB} is missing: run `make setup` first.")
    _lock_bench_dir()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    database = WORK / "db.sqlite3"
    # The backup API copies a consistent snapshot even if `make serve` is writing
    # (WAL mode), which a plain file copy of db.sqlite3 would not.
    source = sqlite3.connect(f"file:{SOURCE_DB}?mode=ro", uri=True)
    target = sqlite3.connect(database)
    with target:
        source.backup(target)
    source.close()
    target.close()
    return database


def first_published_story(database):
    """The slug of the story the story list shows first, or None."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        row = connection.execute(
            "SELECT slug FROM stories_patientstory WHERE is_published = 1 AND consent_on_file = 1 "
            "ORDER BY is_featured DESC, published_at DESC, id DESC LIMIT 1"
        ).fetchone()
    return row[0] if row else None


def hashed_static(name="css/site.css"):
    """The URL collectstatic gave `name` (e.g. /static/css/site.1a2b3c.css)."""
    try:
        paths = json.loads(MANIFEST.read_text())["paths"]
    except (OSError, ValueError, KeyError):
        sys.exit(f"Cannot read {MANIFEST}: run `make setup` (collectstatic) first.")
    if name not in paths:
        sys.exit(f"{name} is not in {MANIFEST}.")
    return "/static/" + paths[name]


def gunicorn_settings(env):
    """workers/threads/max_requests as gunicorn.conf.py computes them for `env`."""
    code = (
        "import json, runpy; c = runpy.run_path('gunicorn.conf.py'); "
        "print(json.dumps({k: c.get(k) for k in ('workers', 'threads', 'worker_class', "
        "'max_requests', 'max_requests_jitter', 'accesslog')}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


class SiteServer:
    """`with SiteServer() as server:` runs gunicorn until the block ends, even on errors."""

    def __init__(self, database, extra_args=(), log_name="gunicorn.log", config="gunicorn.conf.py"):
        self.config = config  # another file only for experiments; `make bench` uses the real one
        self.port = free_port()
        self.host = "127.0.0.1"
        self.log_path = WORK / log_name
        self.extra_args = list(extra_args)
        self.env = dict(os.environ)
        # Settings `make serve` would use, DEBUG off whatever the caller's shell says.
        self.env.pop("REDIS_URL", None)  # the default file cache, in a directory of our own
        self.env.update(
            DJANGO_SETTINGS_MODULE="gobroad_site.settings.local",
            DJANGO_DEBUG="0",
            DATABASE_URL=f"sqlite:///{database}",
            PAGE_CACHE_DIR=str(WORK / "page_cache"),
            HOST=self.host,
            PORT=str(self.port),
            PYTHONUNBUFFERED="1",
        )
        self.process = None
        self._log = None

    @property
    def base_url(self):
        return f"http://{self.host}:{self.port}"

    def __enter__(self):
        command = [str(VENV_BIN / "gunicorn"), "-c", self.config, *self.extra_args, "gobroad_site.wsgi"]
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        # A session of its own: Ctrl-C reaches us, and we stop gunicorn in order.
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
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
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    def worker_pids(self):
        """The gunicorn workers: the master's child processes."""
        master = self.process.pid
        children_file = Path(f"/proc/{master}/task/{master}/children")
        try:
            return sorted(int(pid) for pid in children_file.read_text().split())
        except OSError:
            pass
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # The command name is in parentheses and may hold spaces; ppid follows it.
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == master:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def count_in_log(self, text):
        try:
            with open(self.log_path, errors="replace") as log:
                return sum(1 for line in log if text in line)
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


def _ticks(pid, with_children=False):
    """CPU clock ticks a process has used (utime+stime, plus its reaped children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    # After the ")" field 0 is the state, so utime..cstime (stat fields 14-17) are 11-14.
    used = int(fields[11]) + int(fields[12])
    if with_children:
        used += int(fields[13]) + int(fields[14])
    return used


def machine_busy_ticks():
    """Busy CPU ticks of the whole machine, all CPUs (user, nice, system, irq, softirq, steal)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(fields[:3]) + sum(fields[5:8])


def server_ticks(server):
    """CPU ticks gunicorn used: the master with the workers it has reaped (recycled ones
    included) plus the live workers."""
    return _ticks(server.process.pid, with_children=True) + sum(_ticks(pid) for pid in server.worker_pids())


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
