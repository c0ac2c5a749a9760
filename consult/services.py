"""Taking in a request: the client's address, the hourly limit and the one transaction that saves it."""

import ipaddress
import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import ConsultRequest, private_storage
from .notifications import send_notifications

logger = logging.getLogger(__name__)
RATE_WINDOW = timedelta(hours=1)


class RateLimited(Exception):
    def __init__(self, retry_at):
        super().__init__(retry_at)
        self.retry_at = retry_at


def client_ip(request):
    """REMOTE_ADDR, or the X-Forwarded-For entry added by the outermost trusted proxy.

    Each trusted proxy appends the address it received the request from, so with N of
    them the client is the Nth entry from the right; anything further left is whatever
    the client chose to send and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < trusted:
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def retry_time(fingerprint, now=None):
    """When this client may send again, or None while it is under the hourly limit."""
    now = now or timezone.now()
    recent = ConsultRequest.objects.recent_from(fingerprint, now - RATE_WINDOW)
    count = recent.count()
    limit = settings.CONSULT_RATE_LIMIT_PER_HOUR
    if count < limit:
        return None
    # The request that has to leave the window before one more fits under the limit.
    oldest_blocking = recent.order_by("created_at").values_list("created_at", flat=True)[count - limit]
    return oldest_blocking + RATE_WINDOW


def _serialise_client(fingerprint):
    """Make count-then-insert atomic per client across every worker process.

    SQLite: the transaction began IMMEDIATE (settings.SQLITE_OPTIONS), so it already
    holds the database's write lock. PostgreSQL: a transaction-scoped advisory lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(fingerprint[:15], 16)])


def submit(form, fingerprint):
    """Save a valid form as one transaction and send the emails after it commits."""
    try:
        with transaction.atomic():
            _serialise_client(fingerprint)
            retry_at = retry_time(fingerprint)
            if retry_at is not None:
                raise RateLimited(retry_at)
            consult_request = form.create_request(fingerprint)
            transaction.on_commit(partial(send_notifications, consult_request.pk), robust=True)
    except BaseException:
        # A rolled-back request leaves no files behind.
        storage = private_storage()
        for name in form.stored_files:
            storage.delete(name)
        raise
    logger.info("Consultation request %s received", consult_request.reference)
    return consult_request
