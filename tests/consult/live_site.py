"""gunicorn serving the site as `make serve` does, and posting the consult form to it as a browser would.

Only the standard library talks to the server, so what is measured is the server alone.
"""

import http.cookiejar
import re
import urllib.request
import uuid

from bench.site_server import SiteServer, fresh_database
from tests.factories import multipart_body

FORM = "/en/consult/"


def load_test_server(tmp_path, rate_limit, workers=4, **env):
    """gunicorn as `make serve` runs it, on a fresh database, to use in a `with` block."""
    database = fresh_database(tmp_path / "load.sqlite3")
    server = SiteServer(database, tmp_path, env={
        "DJANGO_SECRET_KEY": "load-test-only-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "WEB_CONCURRENCY": str(workers),
        "CONSULT_RATE_LIMIT_PER_HOUR": str(rate_limit),
        "CONSULT_UPLOAD_ATTEMPTS_PER_HOUR": "10000",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
        **env,
    })
    return server


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def open_consult_form(base, follow_redirects=True):
    """A visitor with their own cookies who has loaded the form: (opener, CSRF token)."""
    handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
    if not follow_redirects:
        handlers.append(NoRedirect)
    opener = urllib.request.build_opener(*handlers)
    with opener.open(base + FORM, timeout=30) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    return opener, token


def consult_form_post(base, token, fields, files):
    """The POST of the form with `fields` and `files` ((field, file name, content, type)), as a request."""
    body, content_type = multipart_body({**fields, "csrfmiddlewaretoken": token}, files)
    return urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
        base + FORM, data=body, headers={"Content-Type": content_type})
