"""Load: 200 consultation requests from 20 concurrent clients against gunicorn with 4 workers.

Every request must land when several workers write to the default SQLite at once:
200 rows, 0 errors. A fresh database file is migrated in a temporary folder,
gunicorn runs with the project's gunicorn.conf.py and local settings, and each client
keeps its own cookies, fetches the form for its CSRF token and posts (every other
request with a small PDF). Only the standard library is used. The hourly limit is
raised through its setting for this run, as in production it would stop one address
sending 200 requests.
"""

import json
import re
import sqlite3
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.site_server import GUNICORN
from tests.factories import PDF, consult_form_data

from .live_site import consult_form_post, load_test_server, open_consult_form

CLIENTS = 20
REQUESTS = 200

pytestmark = [pytest.mark.own_server,
              pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment")]


def send_one(base, number):
    """One family's visit: GET the form, POST it, follow the redirect to the thanks page."""
    opener, token = open_consult_form(base)
    fields = consult_form_data(full_name=f"Анна Иванова {number}", email=f"family{number}@example.org",
                               contact_channel="email", condition="other",
                               message=f"Request {number}: 我父亲需要咨询。")
    files = [("attachments", f"report-{number}.pdf", PDF, "application/pdf")] if number % 2 else []
    request = consult_form_post(base, token, fields, files)
    with opener.open(request, timeout=30) as response:
        html = response.read().decode()
        final_url = response.geturl()
    match = re.search(r'<p class="reference">(GB-[0-9A-Z]{4}-[0-9A-Z]{4})</p>', html)
    if not final_url.endswith("/en/consult/thanks/") or not match:
        raise AssertionError(f"request {number} ended at {final_url} without a reference")
    return match.group(1)


def attempt(base, number):
    try:
        return send_one(base, number), None
    except (urllib.error.URLError, OSError, AssertionError, AttributeError) as error:
        return None, f"{number}: {type(error).__name__}: {error}"


@pytest.fixture
def server(tmp_path):
    with load_test_server(tmp_path, rate_limit=1000) as running:
        yield running.base_url, running.env["DATABASE_URL"].removeprefix("sqlite:///"), tmp_path


@pytest.fixture
def limited_server(tmp_path):
    with load_test_server(tmp_path, rate_limit=25) as running:
        yield running.base_url, running.env["DATABASE_URL"].removeprefix("sqlite:///"), tmp_path


def test_200_concurrent_submissions_all_land(server):
    base, database, tmp_path = server
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda number: attempt(base, number), range(REQUESTS)))
    elapsed = time.monotonic() - started

    references = [reference for reference, _error in results if reference]
    errors = [error for _reference, error in results if error]
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT COUNT(*) FROM consult_consultrequest").fetchone()[0]
        attachments = connection.execute("SELECT COUNT(*) FROM consult_consultattachment").fetchone()[0]
        distinct = connection.execute(
            "SELECT COUNT(DISTINCT reference) FROM consult_consultrequest").fetchone()[0]
    server_errors = (tmp_path / "gunicorn.log").read_text().count('" 500 ')
    summary = {"rows": rows, "errors": len(errors), "seconds": round(elapsed, 1), "attachments": attachments,
               "clients": CLIENTS, "workers": 4, "server_500s": server_errors}
    print("\nconsult load test:", json.dumps(summary))

    assert errors == [], "\n".join(errors[:10])
    assert rows == REQUESTS
    assert distinct == REQUESTS and sorted(set(references)) == sorted(references)
    assert attachments == REQUESTS // 2
    assert server_errors == 0
    assert len(list((tmp_path / "private_media").rglob("*.pdf"))) == REQUESTS // 2
    assert elapsed < 60


def test_the_hourly_limit_is_exact_across_workers(limited_server):
    """60 concurrent requests from one address with a limit of 25: exactly 25 land, 35 are told to wait."""
    base, database, tmp_path = limited_server

    def status(number):
        try:
            send_one(base, number)
            return 200
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = list(pool.map(status, range(60)))
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT COUNT(*) FROM consult_consultrequest").fetchone()[0]
    print("\nconsult rate-limit load test:", json.dumps({"rows": rows, "refused": statuses.count(429)}))
    assert rows == 25
    assert statuses.count(200) == 25 and statuses.count(429) == 35
