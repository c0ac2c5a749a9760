"""The production shape on one machine: several gunicorn app servers on PostgreSQL, Redis and
an S3-compatible bucket, the task workers, and nginx in front with the repository's
configuration (deploy/nginx/). `make cluster-test` proves it (bench/cluster_test.py) and
`make bench` measures it.

Everything it starts is its own and is stopped again: a fresh PostgreSQL database on the
machine's server (dropped at the end), a `redis-server` on a spare port (so stopping it
never touches the machine's shared Redis), moto's S3 server, an SMTP server that counts
what it receives, and nginx running as an ordinary process from a folder of its own.
"""

import contextlib
import logging
import os
import secrets
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

from deploy.nginx import render

from .site_server import MANIFEST, ROOT, SiteServer, free_port, http_get, manage

POSTGRES_SERVER = os.environ.get("CLUSTER_POSTGRES", "postgresql://root@127.0.0.1:5432")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
BUCKET = "gobroad-uploads"
# Debian's libnginx-mod-http-brotli-static, which Debian's nginx.conf loads in production.
BROTLI_STATIC_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def postgres_reachable(server=POSTGRES_SERVER):
    try:
        import psycopg

        with psycopg.connect(f"{server}/postgres", connect_timeout=2):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False


class PostgresDatabase:
    """A fresh database on the machine's PostgreSQL, dropped when the block ends."""

    def __init__(self, server=POSTGRES_SERVER):
        self.server = server
        self.name = f"gobroad_cluster_{uuid.uuid4().hex[:12]}"
        self.url = f"{server}/{self.name}"

    def _admin(self, sql):
        import psycopg

        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as connection:
            connection.execute(sql)

    def __enter__(self):
        self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc_info):
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class RedisServer:
    """`redis-server` on a spare port, in memory only; `stop()` is the outage the tests need."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_for_port(self.port)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def __exit__(self, *exc_info):
        self.stop()


class S3Server:
    """moto's S3 server with the bucket the site writes to."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None

    def __enter__(self):
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.client().create_bucket(Bucket=BUCKET)
        return self

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.url, region_name="us-east-1",
                            aws_access_key_id="cluster", aws_secret_access_key="cluster")  # noqa: S106

    def __exit__(self, *exc_info):
        self.server.stop()


class CountingSMTPServer(socketserver.ThreadingTCPServer):
    """Accepts every message and counts them by recipient (`received["family1@example.org"]`)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.received = Counter()
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self):
        self.shutdown()
        self.server_close()


class _SMTPHandler(socketserver.StreamRequestHandler):
    def handle(self):
        recipients = []

        def say(line):
            self.wfile.write(line.encode() + b"\r\n")

        say("220 counting SMTP server")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                say("250 ok")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>").lower())
                say("250 ok")
            elif verb == "DATA":
                say("354 go on")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                with self.server.lock:
                    self.server.received.update(recipients)
                recipients = []
                say("250 queued")
            elif verb == "QUIT":
                say("221 bye")
                return
            else:  # MAIL, RSET, NOOP
                if verb == "RSET":
                    recipients = []
                say("250 ok")


class Nginx:
    """nginx with deploy/nginx/gobroad.conf.in rendered for these app servers, on a spare port."""

    def __init__(self, work_dir, app_servers):
        self.port = free_port()
        self.dir = Path(work_dir) / "nginx"
        self.app_servers = app_servers
        self.process = None

    def write_config(self):
        for folder in ("cache", "temp", "logs"):
            (self.dir / folder).mkdir(parents=True, exist_ok=True)
        (self.dir / "gobroad.conf").write_text(render(
            app_servers=self.app_servers, server_name="_", static_root=ROOT / "staticfiles",
            cache_dir=self.dir / "cache", port=self.port))
        temp = self.dir / "temp"
        # Only this wrapper is the test's own: Debian's nginx.conf does the same for production.
        (self.dir / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 2;
daemon off;
pid {self.dir}/nginx.pid;
error_log {self.dir}/logs/error.log warn;
load_module {BROTLI_STATIC_MODULE};
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log {self.dir}/logs/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.dir}/gobroad.conf;
}}
""")
        return self.dir / "nginx.conf"

    def check(self):
        """`nginx -t` on the rendered configuration: (ok, what nginx said)."""
        config = self.write_config()
        result = subprocess.run([NGINX, "-t", "-c", str(config), "-p", str(self.dir)],  # noqa: S603
                                capture_output=True, text=True)
        return result.returncode == 0, result.stderr

    def __enter__(self):
        config = self.write_config()
        self.process = subprocess.Popen(  # noqa: S603
            [NGINX, "-c", str(config), "-p", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=open(self.dir / "logs" / "stderr.log", "wb"),  # noqa: SIM115
            start_new_session=True)
        try:
            wait_for_port(self.port)
        except RuntimeError:
            raise RuntimeError((self.dir / "logs" / "stderr.log").read_text()) from None
        return self

    def __exit__(self, *exc_info):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def wait_for_port(port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class Cluster:
    """`with Cluster(work_dir) as cluster:`: `cluster.url` is nginx, `cluster.apps` the app servers."""

    def __init__(self, work_dir, instances=3, workers=2, env=None, bucket=True):
        """`bucket=False` leaves uploads in folders (`make bench` sends none, and moto is a dev package)."""
        self.work_dir = Path(work_dir)
        self.bucket = bucket
        self.instances = instances
        self.task_workers = workers
        self.extra_env = env or {}
        self.stack = contextlib.ExitStack()
        self.apps = []
        self.workers = []

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.stack.close()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stack.close()

    def _start(self):
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.database = self.stack.enter_context(PostgresDatabase())
        self.redis = self.stack.enter_context(RedisServer())
        self.s3 = self.stack.enter_context(S3Server()) if self.bucket else None
        self.smtp = CountingSMTPServer()
        self.stack.callback(self.smtp.close)
        # What every app server, worker and command here shares (SiteServer adds the local settings).
        self.env = {
            "DJANGO_SECRET_KEY": "cluster-" + secrets.token_urlsafe(48),
            "DATABASE_URL": self.database.url,
            "REDIS_URL": self.redis.url,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp.port),
            "TRUSTED_PROXY_COUNT": "1",
            "WEB_CONCURRENCY": "2",
            "DJANGO_LOG_LEVEL": "WARNING",
            **self.extra_env,
        }
        if self.s3:
            self.env.update(S3_BUCKET=BUCKET, S3_ENDPOINT_URL=self.s3.url, S3_REGION="us-east-1",
                            AWS_ACCESS_KEY_ID="cluster", AWS_SECRET_ACCESS_KEY="cluster")  # noqa: S106
        env = {**os.environ, **self.env, "DJANGO_SETTINGS_MODULE": "gobroad_site.settings.local"}
        manage("migrate", "--noinput", "--verbosity", "0", env=env)
        manage("setup_roles", "--verbosity", "0", env=env)
        manage("load_demo_content", "--verbosity", "0", env=env)
        if not MANIFEST.exists():
            manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
        for number in range(1, self.instances + 1):
            app = SiteServer(None, self.work_dir / f"app{number}", env=self.env)
            self.apps.append(self.stack.enter_context(app))
        for number in range(1, self.task_workers + 1):
            log = open(self.work_dir / f"worker{number}.log", "wb")  # noqa: SIM115 - closed below
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload",
                 "--no-startup-delay", "--interval", "0.2"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            self.workers.append(worker)
            self.stack.callback(_stop_process, worker, log)
        self.nginx = self.stack.enter_context(
            Nginx(self.work_dir, [f"127.0.0.1:{app.port}" for app in self.apps]))

    @property
    def url(self):
        return f"http://127.0.0.1:{self.nginx.port}"

    base_url = url

    def get(self, path, headers=None):
        """GET through nginx, as SiteServer.get does straight from gunicorn."""
        return http_get("127.0.0.1", self.nginx.port, path, headers)


def _stop_process(process, log):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log.close()
