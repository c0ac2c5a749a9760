"""`make cluster-test`: the production shape (bench/cluster.py) under what production meets.

Three gunicorn app servers on one PostgreSQL database, Redis and an S3 bucket, two task
workers, nginx in front with deploy/nginx/. Each check prints what it measured; the run
exits 1 if any check fails. Visitors connect from their own loopback addresses
(127.x.y.z), so nginx and the hourly limits see different clients, as on the internet.
"""

import http.client
import io
import os
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.cookies import SimpleCookie

from .cluster import BUCKET, NGINX, REDIS_SERVER, Cluster, postgres_reachable

RATE_LIMIT = 10
LOAD_CLIENTS = 30
LOAD_REQUESTS = 300
SLOW_CONNECTIONS = 200
FORM = "/en/consult/"
THANKS = "/en/consult/thanks/"


class Visitor:
    """One browser: a source address of its own and its cookies."""

    def __init__(self, port, source_ip="127.0.0.1"):
        self.port = port
        self.source_ip = source_ip
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        """(status, headers with lower-case names, body, seconds taken)."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60,
                                                source_address=(self.source_ip, 0))
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        taken = time.monotonic() - started
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content, taken

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, fields):
        body = urllib.parse.urlencode(fields, doseq=True)
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                 "Referer": f"http://127.0.0.1:{self.port}{path}"})

    def log_in(self, username, password):
        from django.conf import settings

        login = f"/{settings.ADMIN_URL}login/"
        _status, _headers, page, _taken = self.get(login)
        status, headers, _body, _taken = self.post_form(login, {
            "csrfmiddlewaretoken": hidden_value(page, "csrfmiddlewaretoken"),
            "username": username, "password": password, "next": f"/{settings.ADMIN_URL}"})
        if status != 302:
            raise AssertionError(f"admin login answered {status}")


def hidden_value(page, name):
    match = re.search(rf'name="{name}" value="([^"]+)"', page.decode())
    if not match:
        raise AssertionError(f"no {name} in the page")
    return match.group(1)


def open_form(visitor):
    status, _headers, page, _taken = visitor.get(FORM)
    if status != 200:
        raise AssertionError(f"the form answered {status}")
    return {"csrfmiddlewaretoken": hidden_value(page, "csrfmiddlewaretoken"),
            "submission_token": hidden_value(page, "submission_token")}


def post_request(visitor, tokens, email, with_file=False):
    """POST a filled-in form (opened before, `tokens`): (status, where it sends the browser, seconds)."""
    from tests.factories import PDF, consult_form_data, multipart_body

    fields = consult_form_data(full_name="Cluster Family", email=email, contact_channel="email",
                               condition="other", message=f"Cluster check {email}: 我父亲需要咨询。")
    files = [("attachments", "report.pdf", PDF, "application/pdf")] if with_file else []
    body, content_type = multipart_body({**fields, **tokens}, files)
    status, headers, _body, taken = visitor.request(
        "POST", FORM, body, {"Content-Type": content_type, "Referer": f"http://127.0.0.1:{visitor.port}{FORM}"})
    return status, headers.get("location", ""), taken


def send_one(port, source_ip, email, with_file=False):
    visitor = Visitor(port, source_ip)
    try:
        return post_request(visitor, open_form(visitor), email, with_file)
    except (OSError, AssertionError, http.client.HTTPException) as error:
        return f"{type(error).__name__}: {error}", "", 0.0


def send_as_a_browser_would(port, source_ip, email, with_file=False, attempts=3):
    """send_one, but a page that breaks off is loaded again and the same filled-in form sent again.

    A server killed while writing a response cannot be hidden by nginx once the headers are
    out; the visitor sees a broken page and tries again. Sending the same form (the same
    submission token) again must still save it once. (result, how many tries it took).
    """
    visitor = Visitor(port, source_ip)
    tokens = None
    for attempt in range(1, attempts + 1):
        try:
            tokens = tokens or open_form(visitor)
            return post_request(visitor, tokens, email, with_file), attempt
        except (OSError, http.client.HTTPException) as error:
            failure = f"{type(error).__name__}: {error}", "", 0.0
        except AssertionError as error:
            return (f"{type(error).__name__}: {error}", "", 0.0), attempt
    return failure, attempts


class FormScraper(HTMLParser):
    """The fields of a page's form as a browser would submit them unchanged."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            value = self._textarea[1]
            self.fields.append((self._textarea[0], value[1:] if value.startswith("\n") else value))
            self._textarea = None


# --- The checks: each returns (what it measured, whether it passed) ---------------------------------


def check_submissions(cluster):
    from consult.models import ConsultRequest

    jobs = [(f"127.10.0.{number % LOAD_CLIENTS + 1}", f"load{number}@example.org", number % 2 == 1)
            for number in range(LOAD_REQUESTS)]
    started = time.monotonic()
    with ThreadPoolExecutor(LOAD_CLIENTS) as pool:
        results = list(pool.map(lambda job: send_one(cluster.nginx.port, *job), jobs))
    elapsed = time.monotonic() - started
    redirected = sum(1 for status, location, _ in results if status == 302 and location.endswith(THANKS))
    server_errors = sum(1 for status, _, _ in results if not isinstance(status, int) or status >= 500)
    saved = ConsultRequest.objects.filter(email__startswith="load")
    distinct = saved.values("email").distinct().count()
    deadline = time.monotonic() + 120
    while saved.notifications_outstanding().exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    acknowledged = [cluster.smtp.received[f"load{number}@example.org"] for number in range(LOAD_REQUESTS)]
    taken = sorted(taken for _, _, taken in results if taken)
    measured = (f"{redirected}/{LOAD_REQUESTS} thanked, {saved.count()} rows ({distinct} distinct), "
                f"{server_errors} 5xx or errors; {sum(1 for n in acknowledged if n == 1)} acknowledged once, "
                f"{sum(1 for n in acknowledged if n > 1)} twice or more; {elapsed:.1f} s, "
                f"p50 {statistics.median(taken) * 1000:.0f} ms, max {taken[-1] * 1000:.0f} ms")
    passed = (redirected == saved.count() == distinct == LOAD_REQUESTS and server_errors == 0
              and all(n == 1 for n in acknowledged))
    return measured, passed


def check_rate_limit(cluster):
    from consult.models import ConsultRequest

    visitors = [Visitor(cluster.nginx.port, "127.20.0.1") for _ in range(40)]
    forms = [open_form(visitor) for visitor in visitors]
    barrier = threading.Barrier(len(visitors))

    def post(index):
        barrier.wait()
        return post_request(visitors[index], forms[index], f"limit{index}@example.org")[0]

    with ThreadPoolExecutor(len(visitors)) as pool:
        statuses = list(pool.map(post, range(len(visitors))))
    accepted, refused = statuses.count(302), statuses.count(429)
    saved = ConsultRequest.objects.filter(email__startswith="limit").count()
    measured = f"40 at once from one address: {accepted} accepted, {refused} refused (429), {saved} saved"
    return measured, accepted == saved == RATE_LIMIT and refused == 40 - RATE_LIMIT


def check_admin_edit(cluster, staff):
    from django.conf import settings

    from hospitals.models import Hospital

    hospital = Hospital.objects.published().order_by("pk").first()
    path = "/en/hospitals/"
    before = [Visitor(app.port).get(path) for app in cluster.apps for _ in range(2)]
    cached_before = sum(1 for _, headers, _, _ in before if headers.get("x-page-cache") == "hit")
    new_name = f"{hospital.name} (edited {int(time.time())})"
    change = f"/{settings.ADMIN_URL}hospitals/hospital/{hospital.pk}/change/?language=en"
    editor = cluster.apps[0].port
    staff_visitor = Visitor(editor)
    staff_visitor.log_in(*staff)
    _status, _headers, page, _taken = staff_visitor.get(change)
    scraper = FormScraper()
    scraper.feed(page.decode())
    fields = [(name, new_name if name == "name" else value) for name, value in scraper.fields]
    fields.append(("_save", "Save"))
    status, _headers, _body, _taken = staff_visitor.post_form(change, fields)
    after = [Visitor(app.port).get(path) for app in cluster.apps]
    seen = sum(1 for _, _, body, _ in after if new_name.encode() in body)
    measured = (f"{cached_before} of {len(before)} reads before were cache hits; admin save on app 1 "
                f"answered {status}; new name on {seen} of {len(cluster.apps)} app servers at the next request")
    if status >= 500:
        measured += "\n" + cluster.apps[0].log_tail(40)
    return measured, status == 302 and seen == len(cluster.apps) and cached_before >= len(cluster.apps)


def check_file_across_servers(cluster, staff):
    from consult.models import ConsultAttachment

    first, second = cluster.apps[0], cluster.apps[1]
    status, _location, _taken = send_one(first.port, "127.0.0.1", "file@example.org", with_file=True)
    attachment = ConsultAttachment.objects.get(request__email="file@example.org")
    download = f"/consult/attachments/{attachment.pk}/"
    anonymous_status = Visitor(second.port).get(download)[0]
    coordinator = Visitor(second.port)
    coordinator.log_in(*staff)
    got_status, headers, content, _taken = coordinator.get(download)
    stored = cluster.s3.client().get_object(Bucket=BUCKET, Key=f"private/{attachment.file.name}")["Body"].read()
    grants = cluster.s3.client().get_object_acl(Bucket=BUCKET, Key=f"private/{attachment.file.name}")["Grants"]
    public = [grant for grant in grants if "URI" in grant.get("Grantee", {})]
    try:
        attachment.file.url  # noqa: B018
        has_url = True
    except ValueError:
        has_url = False
    measured = (f"sent to app 1: {status}; anonymous download on app 2: {anonymous_status}; "
                f"coordinator on app 2: {got_status}, {len(content)} bytes, same as the bucket's: "
                f"{content == stored}; public grants {len(public)}; public URL: {has_url}")
    passed = (status == 302 and anonymous_status == 302 and got_status == 200 and content == stored
              and content.startswith(b"%PDF") and not public and not has_url
              and "attachment" in headers.get("content-disposition", ""))
    return measured, passed


def check_slow_clients(cluster):
    """200 connections trickling headers to nginx while others read /healthz and a page."""
    stop = threading.Event()
    sockets = []
    for number in range(SLOW_CONNECTIONS):
        slow = socket.create_connection(("127.0.0.1", cluster.nginx.port), source_address=("127.40.0.1", 0))
        slow.sendall(f"GET /en/?slow={number} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        sockets.append(slow)

    def trickle():
        while not stop.wait(1):
            for slow in sockets:
                try:
                    slow.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass

    threading.Thread(target=trickle, daemon=True).start()
    times = {"/healthz": [], "/en/": []}
    try:
        for _round in range(10):
            for path, taken in times.items():
                status, _headers, _body, seconds = Visitor(cluster.nginx.port).get(path)
                taken.append(seconds if status == 200 else 99)
            time.sleep(0.4)
    finally:
        stop.set()
        for slow in sockets:
            slow.close()
    worst = {path: max(taken) for path, taken in times.items()}
    measured = (f"{SLOW_CONNECTIONS} slow connections; slowest of 10: /healthz {worst['/healthz'] * 1000:.0f} ms, "
                f"/en/ {worst['/en/'] * 1000:.0f} ms")
    return measured, all(value < 1 for value in worst.values())


def check_failover(cluster):
    from django.core.management import call_command

    from consult.models import ConsultAttachment, ConsultRequest

    victim = cluster.apps[1]
    jobs = [(f"127.30.0.{number % 20 + 1}", f"failover{number}@example.org", number % 2 == 0) for number in range(60)]

    def kill_soon():
        time.sleep(0.6)
        os.killpg(victim.process.pid, 9)

    killer = threading.Thread(target=kill_soon)
    with ThreadPoolExecutor(20) as pool:
        killer.start()
        outcomes = list(pool.map(lambda job: send_as_a_browser_would(cluster.nginx.port, *job), jobs))
    killer.join()
    results = [result for result, _tries in outcomes]
    tried_again = sum(1 for _result, tries in outcomes if tries > 1)
    thanked = sum(1 for status, location, _ in results if status == 302 and location.endswith(THANKS))
    failed = [status for status, _, _ in results if status != 302]
    saved = ConsultRequest.objects.filter(email__startswith="failover")
    distinct = saved.values("email").distinct().count()
    with_files = saved.filter(attachments__isnull=False).distinct().count()
    attachments = ConsultAttachment.objects.filter(request__email__startswith="failover")

    def in_the_bucket():
        keys = {item["Key"] for page in cluster.s3.client().get_paginator("list_objects_v2").paginate(
            Bucket=BUCKET, Prefix="private/") for item in page.get("Contents", [])}
        missing = sum(1 for attachment in attachments if f"private/{attachment.file.name}" not in keys)
        stray = len(keys - {f"private/{name}" for name in ConsultAttachment.objects.values_list("file", flat=True)})
        return missing, stray

    missing, stray = in_the_bucket()
    # A file stored just before the kill, its request never committed, is left for the
    # hourly purge; run it now (the burst is over, so no file is still being saved).
    call_command("purge_consult_requests", "--stray-after", "0", stdout=io.StringIO())
    missing_after_purge, stray_after_purge = in_the_bucket()
    retried = (cluster.nginx.dir / "logs" / "error.log").read_text(errors="replace").count("upstream")
    measured = (f"app 2 killed (-9) during 60 posts: {thanked} thanked, {len(failed)} not {failed[:3]}, "
                f"{tried_again} after a broken page and a second try; "
                f"{saved.count()} rows ({distinct} distinct), {with_files}/30 with their file, "
                f"{missing} files missing; {stray} stray files, {stray_after_purge} after the purge "
                f"({missing_after_purge} missing); nginx logged {retried} upstream failures and went on")
    passed = (thanked == 60 and saved.count() == distinct == 60 and with_files == 30
              and missing == 0 == missing_after_purge == stray_after_purge)
    return measured, passed


def check_redis_down(cluster):
    from consult.models import ConsultRequest

    cluster.redis.stop()
    statuses, cache_headers, times = [], set(), []
    for _round in range(3):
        for path in ("/en/", "/ru/conditions/multiple-myeloma/", "/zh-hans/stories/"):
            status, headers, _body, taken = Visitor(cluster.nginx.port).get(path)
            statuses.append(status)
            cache_headers.add(headers.get("x-page-cache", "none"))
            times.append(taken)
    status, location, _taken = send_one(cluster.nginx.port, "127.50.0.1", "noredis@example.org")
    saved = ConsultRequest.objects.filter(email="noredis@example.org").count()
    measured = (f"Redis stopped: {statuses.count(200)}/{len(statuses)} pages 200 (cache: "
                f"{', '.join(sorted(cache_headers))}), slowest {max(times) * 1000:.0f} ms; "
                f"a request sent: {status}, saved {saved}")
    return measured, statuses.count(200) == len(statuses) and status == 302 and saved == 1


def main():
    missing = [tool for tool in (NGINX, REDIS_SERVER) if not os.path.exists(tool)]
    if missing or not postgres_reachable():
        sys.exit(f"make cluster-test needs PostgreSQL at 127.0.0.1:5432, nginx and redis-server (missing: "
                 f"{', '.join(missing) or 'PostgreSQL'}).")
    started = time.monotonic()
    rows = []
    with tempfile.TemporaryDirectory(prefix="gobroad-cluster-") as work, \
            Cluster(work, env={"CONSULT_RATE_LIMIT_PER_HOUR": str(RATE_LIMIT),
                               "CONSULT_UPLOAD_ATTEMPTS_PER_HOUR": "1000"}) as cluster:
        os.environ.update(cluster.env, DJANGO_SETTINGS_MODULE="gobroad_site.settings.local")
        import django

        django.setup()
        from django.contrib.auth import get_user_model

        password = "cluster-" + os.urandom(8).hex()
        get_user_model().objects.create_superuser("cluster-coordinator", "c@example.org", password)
        staff = ("cluster-coordinator", password)
        print(f"Cluster up in {time.monotonic() - started:.0f} s: nginx :{cluster.nginx.port} in front of "
              f"{', '.join(f':{app.port}' for app in cluster.apps)}; PostgreSQL {cluster.database.name}; "
              f"Redis :{cluster.redis.port}; S3 :{cluster.s3.port}", flush=True)
        checks = [
            ("300 submissions, 30 clients", lambda: check_submissions(cluster)),
            ("rate limit across servers", lambda: check_rate_limit(cluster)),
            ("admin edit seen everywhere", lambda: check_admin_edit(cluster, staff)),
            ("upload on one, download on another", lambda: check_file_across_servers(cluster, staff)),
            ("slowloris", lambda: check_slow_clients(cluster)),
            ("kill -9 during a burst", lambda: check_failover(cluster)),
            ("Redis stopped", lambda: check_redis_down(cluster)),
        ]
        for name, check in checks:
            check_started = time.monotonic()
            try:
                measured, passed = check()
            except Exception as error:  # noqa: BLE001 - reported in the table, and the run fails
                measured, passed = f"{type(error).__name__}: {error}", False
            rows.append((name, passed, measured, time.monotonic() - check_started))
            print(f"  {'ok  ' if passed else 'FAIL'} {name} ({rows[-1][3]:.1f} s)", flush=True)
    width = max(len(name) for name, *_ in rows)
    print(f"\n{'check'.ljust(width)}  result  measured")
    for name, passed, measured, _seconds in rows:
        print(f"{name.ljust(width)}  {'ok    ' if passed else 'FAIL  '}  {measured}")
    print(f"\nWhole run: {time.monotonic() - started:.0f} s")
    sys.exit(0 if all(passed for _, passed, _, _ in rows) else 1)


if __name__ == "__main__":
    main()
