"""The production nginx configuration (deploy/nginx/gobroad.conf.in), run by the real nginx.

nginx runs from a folder of its own (bench.cluster.Nginx) in front of small HTTP servers that
answer with what they received, so each test sees what a visitor and an app server would.
"""

import contextlib
import http.client
import json
import random
import re
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from bench.cluster import NGINX, Nginx
from deploy.nginx import render

ROOT = Path(__file__).resolve().parents[2]
STATIC_ROOT = ROOT / "staticfiles"
CLIENT_ADDRESS = "127.0.0.7"  # a loopback address of its own, so nginx's view of the client is unmistakable

pytestmark = pytest.mark.skipif(not Path("/usr/sbin/nginx").exists(),
                                reason="nginx is not installed (/usr/sbin/nginx): apt-get install nginx "
                                       "libnginx-mod-http-brotli-static")


class _RecordingHandler(BaseHTTPRequestHandler):
    """Answers every request with a JSON account of what it received, and records it."""

    protocol_version = "HTTP/1.1"  # nginx keeps its connections to the app servers open

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        received = 0
        while received < length:
            chunk = self.rfile.read(min(1 << 20, length - received))
            if not chunk:
                break
            received += len(chunk)
        seen = {
            "upstream": self.server.name,
            "method": self.command,
            "path": self.path,
            "host": self.headers.get("Host"),
            "x_forwarded_for": self.headers.get("X-Forwarded-For"),
            "x_forwarded_proto": self.headers.get("X-Forwarded-Proto"),
            "body_length": received,
        }
        with self.server.lock:
            self.server.requests.append(seen)
        body = json.dumps(seen).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def version_string(self):
        return "gunicorn/99.1"  # what an app server would disclose if nginx passed it on

    def log_message(self, *args):
        pass


class Upstream(ThreadingHTTPServer):
    """An app server stand-in on a free 127.0.0.1 port, serving from a thread."""

    daemon_threads = True

    def __init__(self, name):
        self.name = name
        self.requests = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _RecordingHandler)
        self.address = f"127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self):
        self.shutdown()
        self.server_close()


def quiet_port():
    """A free port below the range the kernel takes outgoing connections' local ports from.

    bench's free_port() picks from that range, so a connection opened before nginx starts (these
    tests open many) can take the port and nginx fails to bind it; a port below it stays free.
    """
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    for _ in range(50):
        port = random.randint(max(1024, low - 10000), low - 1)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port below the ephemeral range")


def closed_port_address():
    """A 127.0.0.1 address nothing listens on: an app server that is down."""
    return f"127.0.0.1:{quiet_port()}"


def site_nginx(work_dir, app_servers):
    """bench.cluster.Nginx in front of `app_servers`, on a port no outgoing connection can take."""
    nginx = Nginx(work_dir, app_servers)
    nginx.port = quiet_port()
    return nginx


def request(port, method, path, headers=None, body=None, source=None):
    """One request to nginx on 127.0.0.1:`port`: (status, headers with lower-case names, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15, source_address=source)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def app():
    upstream = Upstream("app")
    yield upstream
    upstream.close()


@pytest.fixture(scope="module")
def site(app, tmp_path_factory):
    """nginx with the production configuration in front of one app server."""
    with site_nginx(tmp_path_factory.mktemp("site"), [app.address]) as nginx:
        yield nginx


@pytest.fixture
def received(app):
    """What the app server receives during this test."""
    with app.lock:
        app.requests.clear()
    return app.requests


def hashed_static_name(name):
    manifest = json.loads((STATIC_ROOT / "staticfiles.json").read_text())
    return manifest["paths"][name]


# --- The configuration is valid, plain and with TLS -------------------------------------------


def nginx_test(config_dir):
    result = subprocess.run([NGINX, "-t", "-c", str(config_dir / "nginx.conf"), "-p", str(config_dir)],
                            capture_output=True, text=True, timeout=30)
    return result.returncode == 0, result.stderr


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for localhost and its key: (certificate path, key path)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-days", "1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=30)
    return cert, key


def tls_nginx(work_dir, app_servers, certificate):
    """A bench.cluster.Nginx whose gobroad.conf is the TLS render, written in its place."""
    nginx = site_nginx(work_dir, app_servers)
    nginx.write_config()
    text = render(app_servers=app_servers, server_name="_", static_root=STATIC_ROOT,
                  cache_dir=nginx.dir / "cache", tls_certificate=str(certificate[0]),
                  tls_certificate_key=str(certificate[1]))
    (nginx.dir / "gobroad.conf").write_text(text)
    return nginx, text


def test_nginx_accepts_the_plain_http_configuration(tmp_path):
    ok, said = Nginx(tmp_path, ["127.0.0.1:8000", "127.0.0.1:8001"]).check()
    assert ok, said
    assert "test is successful" in said


def test_nginx_accepts_the_tls_configuration_with_http_redirecting(tmp_path, certificate):
    nginx, text = tls_nginx(tmp_path, ["127.0.0.1:8000"], certificate)
    ok, said = nginx_test(nginx.dir)
    assert ok, said
    assert "listen 443 ssl" in text
    # Port 80 is kept only to send visitors to HTTPS (and answer certbot's challenge).
    assert re.search(r"listen 80;.*return 301 https://\$host\$request_uri;", text, re.DOTALL)


def test_tls_render_serves_https_and_redirects_http(tmp_path, certificate, app, received):
    """The TLS render, moved to free ports: HTTPS reaches the app as https, HTTP is redirected."""
    nginx, text = tls_nginx(tmp_path, [app.address], certificate)
    http_port = quiet_port()
    while http_port == nginx.port:
        http_port = quiet_port()
    for production, free in (("443 ", f"{nginx.port} "), ("80;", f"{http_port};")):
        text = text.replace(f"listen {production}", f"listen {free}").replace(f"listen [::]:{production}",
                                                                               f"listen [::]:{free}")
    assert f"listen {nginx.port} ssl" in text and f"listen {http_port};" in text
    nginx.write_config = lambda: nginx.dir / "nginx.conf"  # keep the TLS render in place
    (nginx.dir / "gobroad.conf").write_text(text)
    with nginx:
        status, headers, _ = request(http_port, "GET", "/consult/?a=1", headers={"Host": "www.example.org"})
        assert status == 301
        assert headers["location"] == "https://www.example.org/consult/?a=1"
        assert not received

        context = ssl.create_default_context(cafile=str(certificate[0]))
        connection = http.client.HTTPSConnection("localhost", nginx.port, timeout=15, context=context)
        try:
            connection.request("GET", "/consult/")
            response = connection.getresponse()
            seen = json.loads(response.read())
        finally:
            connection.close()
    assert response.status == 200
    assert seen["x_forwarded_proto"] == "https"  # what SECURE_PROXY_SSL_HEADER trusts


def test_render_refuses_an_incomplete_configuration(tmp_path):
    with pytest.raises(ValueError, match="no app server"):
        render(app_servers=[], server_name="_", static_root=STATIC_ROOT, cache_dir=tmp_path)
    with pytest.raises(ValueError, match="NGINX_TLS_CERTIFICATE_KEY"):
        render(app_servers=["127.0.0.1:8000"], server_name="_", static_root=STATIC_ROOT, cache_dir=tmp_path,
               tls_certificate="/etc/letsencrypt/live/x/fullchain.pem")
    with pytest.raises(ValueError, match="NGINX_TLS_CERTIFICATE"):
        render(app_servers=["127.0.0.1:8000"], server_name="_", static_root=STATIC_ROOT, cache_dir=tmp_path,
               tls_certificate_key="/etc/letsencrypt/live/x/privkey.pem")


# --- What the app server is told -----------------------------------------------------------


def test_the_app_learns_the_client_address_from_the_last_forwarded_entry(site, received):
    """TRUSTED_PROXY_COUNT=1: nginx appends the address it saw, whatever the client claims."""
    status, _, body = request(site.port, "GET", "/consult/", source=(CLIENT_ADDRESS, 0),
                              headers={"Host": "www.example.org", "X-Forwarded-For": "1.2.3.4"})
    assert status == 200
    seen = json.loads(body)
    entries = [entry.strip() for entry in seen["x_forwarded_for"].split(",")]
    assert entries[-1] == CLIENT_ADDRESS
    assert seen["x_forwarded_proto"] == "http"
    assert seen["host"] == "www.example.org"  # checked against ALLOWED_HOSTS by the app

    status, _, body = request(site.port, "GET", "/", source=(CLIENT_ADDRESS, 0))
    assert json.loads(body)["x_forwarded_for"] == CLIENT_ADDRESS
    assert len(received) == 2


# --- An app server that is down ------------------------------------------------------------


class DroppingServer:
    """An app server that takes each request whole and closes the connection without answering
    (a gunicorn worker killed mid-request)."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.dropped = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                data = b""
                with contextlib.suppress(OSError):
                    while b"\r\n\r\n" not in data and (chunk := connection.recv(65536)):
                        data += chunk
                    head, _, body = data.partition(b"\r\n\r\n")
                    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                    remaining = int(length.group(1)) - len(body) if length else 0
                    while remaining > 0 and (chunk := connection.recv(65536)):
                        remaining -= len(chunk)
                if data:
                    self.dropped += 1

    def close(self):
        self.sock.close()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("failure", ["refuses", "drops"])
def test_a_request_to_a_failing_app_server_is_answered_by_another(tmp_path, method, failure):
    """A request an app server refuses, or takes and drops, is sent to the next one: a form's POST too."""
    dropping = DroppingServer() if failure == "drops" else None
    down = dropping.address if dropping else closed_port_address()
    live = Upstream("live")
    body = b"name=Ana&message=" + b"x" * 5000 if method == "POST" else None
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    try:
        with site_nginx(tmp_path, [down, live.address]) as nginx:
            # nginx tries its first app server first; a few requests make sure each worker has.
            answers = [request(nginx.port, method, "/consult/", headers=headers, body=body) for _ in range(4)]
    finally:
        live.close()
        if dropping:
            dropping.close()
    assert [status for status, _, _ in answers] == [200] * 4
    for _, _, answer in answers:
        seen = json.loads(answer)
        assert seen["upstream"] == "live"
        assert seen["method"] == method
        assert seen["body_length"] == (len(body) if body else 0)
    # The failing server really was tried (else this test would prove nothing).
    errors = (Path(tmp_path) / "nginx" / "logs" / "error.log").read_text()
    assert f'upstream: "http://{down}' in errors
    if dropping:
        assert dropping.dropped >= 1


# --- Static files ---------------------------------------------------------------------------


@pytest.mark.parametrize(("accept", "encoding", "suffix"), [("br", "br", ".br"), ("gzip", "gzip", ".gz"),
                                                            ("gzip, deflate, br", "br", ".br"), ("", None, "")])
def test_static_files_are_served_compressed_and_cached_by_nginx(site, received, accept, encoding, suffix):
    name = hashed_static_name("css/site.css")
    headers = {"Accept-Encoding": accept} if accept else {}
    status, response_headers, body = request(site.port, "GET", f"/static/{name}", headers=headers)
    assert status == 200
    assert response_headers.get("content-encoding") == encoding
    assert body == (STATIC_ROOT / (name + suffix)).read_bytes()
    assert response_headers["content-type"].startswith("text/css")
    cache_control = response_headers["cache-control"]
    assert "immutable" in cache_control
    assert "max-age=31536000" in cache_control
    assert "accept-encoding" in response_headers.get("vary", "").lower()
    assert not received  # the app servers never see a static file


def test_a_missing_static_file_is_a_404_from_nginx(site, received):
    status, _, _ = request(site.port, "GET", "/static/css/no-such-file.0123456789ab.css")
    assert status == 404
    assert not received


# --- Upload size ------------------------------------------------------------------------------


def test_a_body_above_the_upload_limit_is_refused_before_the_app(site, received):
    """Over 60 MB: 413 as soon as nginx reads the headers, without waiting for the body."""
    with socket.create_connection(("127.0.0.1", site.port), timeout=5) as sock:
        sock.sendall(b"POST /consult/ HTTP/1.1\r\nHost: localhost\r\n"
                     b"Content-Type: multipart/form-data; boundary=x\r\n"
                     b"Content-Length: %d\r\n\r\n" % (61 * 1024 * 1024) + b"-" * 65536)
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert not received


def test_five_ten_megabyte_files_fit_under_the_upload_limit(site, received):
    """What the consultation form allows (five files of 10 MB, and the form) reaches the app whole."""
    body = b"x" * (settings.CONSULT_MAX_FILES * settings.CONSULT_MAX_FILE_BYTES + 1024 * 1024)
    status, _, answer = request(site.port, "POST", "/consult/", body=body,
                                headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert status == 200
    assert json.loads(answer)["body_length"] == len(body)


# --- What the server discloses ------------------------------------------------------------


def test_the_server_header_names_no_version(site, received):
    name = hashed_static_name("css/site.css")
    for path, expected in (("/consult/", 200), (f"/static/{name}", 200), ("/static/missing.css", 404)):
        status, headers, body = request(site.port, "GET", path)
        assert status == expected, path
        assert headers["server"] == "nginx", path  # neither nginx's version nor the app server's name
        assert b"nginx/" not in body, path
