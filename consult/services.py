"""Taking in a request: the client's address, the hourly limits and the one transaction that saves it."""

import ipaddress
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from core.translation import SOURCE_LANGUAGE

from .models import ConsultAttachment, ConsultRequest, LimitedEvent, new_reference, private_storage
from .tasks import send_request_emails, send_stage_email

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


def _retry_time(recent, limit, now):
    """When one more event fits under `limit` in the window, or None while it already does.

    `recent` is the client's events in the window, as a queryset with `created_at`.
    """
    count = recent.count()
    if count < limit:
        return None
    # The event that has to leave the window before one more fits under the limit.
    oldest_blocking = recent.order_by("created_at").values_list("created_at", flat=True)[count - limit]
    return oldest_blocking + RATE_WINDOW


def retry_time(fingerprint, now=None):
    """When this client may send again, or None while it is under the hourly limit of saved requests."""
    now = now or timezone.now()
    return _retry_time(ConsultRequest.objects.recent_from(fingerprint, now - RATE_WINDOW),
                       settings.CONSULT_RATE_LIMIT_PER_HOUR, now)


def _serialise_client(fingerprint):
    """Make count-then-insert atomic per client across every worker process.

    SQLite: the transaction began IMMEDIATE (settings.SQLITE_OPTIONS), so it already
    holds the database's write lock. PostgreSQL: a transaction-scoped advisory lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(fingerprint[:15], 16)])


def record_limited_event(kind, fingerprint, limit):
    """Count one `kind` of LimitedEvent for this client; raise RateLimited, counting nothing,
    when it already has `limit` of them in the last hour."""
    now = timezone.now()
    with transaction.atomic():
        _serialise_client(fingerprint)
        LimitedEvent.objects.filter(created_at__lt=now - RATE_WINDOW).delete()
        retry_at = _retry_time(LimitedEvent.objects.filter(kind=kind, client_fingerprint=fingerprint), limit, now)
        if retry_at is not None:
            raise RateLimited(retry_at)
        LimitedEvent.objects.create(kind=kind, client_fingerprint=fingerprint, created_at=now)


def record_upload_attempt(fingerprint):
    """Count a post that carries files, saved or not; raise RateLimited when the client is over the limit.

    Files cost decoding before anything is saved, so the attempts are limited on their
    own, and the one refused here is not counted.
    """
    record_limited_event(LimitedEvent.Kind.UPLOAD, fingerprint, settings.CONSULT_UPLOAD_ATTEMPTS_PER_HOUR)


def record_status_lookup(fingerprint):
    """Count a look-up on the page that follows a request; raise RateLimited when over the limit.

    Each look-up tries a reference and an email address: the limit keeps anyone from trying many.
    """
    record_limited_event(LimitedEvent.Kind.STATUS_LOOKUP, fingerprint, settings.CONSULT_STATUS_LOOKUPS_PER_HOUR)


def record_status_change(consult_request, by=None, tell_family=False):
    """Record the request's status, just saved, in its history, with who changed it, and queue
    the family's email about it when asked. Spam is never announced, whatever is asked."""
    with transaction.atomic():
        change = consult_request.record_status(by)
        if tell_family and change.family_stage is not None:
            change.family_email_queued_at = timezone.now()
            change.save(update_fields=["family_email_queued_at"])
            send_stage_email.enqueue(change.pk)
    return change


def already_received(submission_token, email, message):
    """The request already saved from the form page that carried this token, with this email
    address and message, or None.

    A token is random and only ever shown to the person who opened that form page. The same
    page sent again with another message (an old page brought back to write a second
    request) is a new request.
    """
    try:
        token = uuid.UUID(str(submission_token))
    except ValueError:
        return None
    earlier = ConsultRequest.objects.filter(submission_token=token).first()
    if earlier and earlier.email.casefold() == (email or "").strip().casefold() \
            and earlier.message.strip() == (message or "").strip():
        return earlier
    return None


def submit(form, fingerprint):
    """Save a valid form, its files and a fresh reference as one transaction, with its emails queued.

    The emails go out from the task worker, never inside this request. If the
    transaction fails, the files it stored are deleted again. A form already saved (sent
    again by a double click or retried by the proxy) returns the request saved the first
    time, and nothing is saved or sent twice.
    """
    stored_files = []
    token = form.cleaned_data.get("submission_token")
    try:
        with transaction.atomic():
            _serialise_client(fingerprint)
            if token and (earlier := already_received(token, form.cleaned_data["email"],
                                                      form.cleaned_data["message"])):
                return earlier
            if token and ConsultRequest.objects.filter(submission_token=token).exists():
                token = None  # a second request written on a page already sent once
            retry_at = retry_time(fingerprint)
            if retry_at is not None:
                raise RateLimited(retry_at)
            consult_request = _save_request(form, fingerprint, token, stored_files)
            send_request_emails.enqueue(consult_request.pk)
    except BaseException:
        storage = private_storage()
        for name in stored_files:
            storage.delete(name)
        raise
    logger.info("Consultation request %s received", consult_request.reference)
    return consult_request


def _save_request(form, fingerprint, token, stored_files):
    consult_request = form.save(commit=False)
    condition = form.cleaned_data["condition"]
    consult_request.condition = condition
    # Kept in English, the coordinators' working language, whatever the page's language.
    consult_request.condition_name = (
        condition.safe_translation_getter("name", language_code=SOURCE_LANGUAGE) if condition else "")
    consult_request.privacy_notice_version = settings.PRIVACY_NOTICE_VERSION
    consult_request.consent_given_at = timezone.now()
    consult_request.client_fingerprint = fingerprint
    consult_request.page_language = translation.get_language()
    consult_request.submission_token = token
    for attempt in range(5):
        try:
            with transaction.atomic():
                consult_request.save()
            break
        except IntegrityError:
            # The reference is random and a repeat astronomically rare but cheap to survive. (The
            # submission token is unique too, but a second save of one form waits above for the
            # client's lock and then finds the first.)
            if attempt == 4:
                raise
            consult_request.reference = new_reference()
    for checked in form.cleaned_data["attachments"]:
        attachment = ConsultAttachment(request=consult_request, original_name=checked.original_name,
                                       content_type=checked.content_type, size=len(checked.content))
        # upload_to ignores this name: the stored name is random.
        attachment.file.save("upload", ContentFile(checked.content), save=False)
        stored_files.append(attachment.file.name)
        attachment.save()
    return consult_request
