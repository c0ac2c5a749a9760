"""The two emails sent about a request. They carry its reference, never medical details."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import ConsultRequest

logger = logging.getLogger(__name__)


def admin_url(consult_request):
    return settings.SITE_URL + reverse("admin:consult_consultrequest_change", args=[consult_request.pk])


def _render(template, context):
    subject = render_to_string(f"consult/email/{template}_subject.txt", context)
    body = render_to_string(f"consult/email/{template}.txt", context)
    return " ".join(subject.split()), body


def _send_acknowledgement(consult_request):
    # In the language of the page the family wrote from.
    with translation.override(consult_request.page_language):
        subject, body = _render("acknowledgement", {
            "consult_request": consult_request, "SITE_URL": settings.SITE_URL,
            "channel": consult_request.get_contact_channel_display(),
        })
    EmailMessage(subject, body, to=[consult_request.email]).send(fail_silently=False)


def _send_coordinator_notice(consult_request):
    with translation.override(settings.CONSULT_COORDINATOR_LANGUAGE):
        subject, body = _render("coordinators", {
            "consult_request": consult_request, "admin_url": admin_url(consult_request),
        })
    EmailMessage(subject, body, to=settings.CONSULT_NOTIFY_EMAILS).send(fail_silently=False)


def send_notifications(request_id):
    """Send whichever of the two emails is still outstanding and record the outcome.

    Never raises: a failure is logged and kept on the request for the admin and for
    `manage.py send_consult_notifications` to retry.
    """
    consult_request = ConsultRequest.objects.filter(pk=request_id).first()
    if consult_request is None:
        return None
    changes = {}
    errors = []
    for field, send, what in (
        ("acknowledgement_sent_at", _send_acknowledgement, "acknowledgement"),
        ("coordinators_notified_at", _send_coordinator_notice, "coordinator notification"),
    ):
        if getattr(consult_request, field):
            continue
        try:
            send(consult_request)
        except Exception as error:
            logger.exception("Could not send the %s for consultation request %s", what,
                             consult_request.reference)
            errors.append(f"{what}: {type(error).__name__}: {error}"[:500])
        else:
            changes[field] = timezone.now()
    now = timezone.now()
    # update(), not save(): a coordinator may be editing status or notes at this moment.
    ConsultRequest.objects.filter(pk=request_id).update(
        **changes,
        notification_attempts=F("notification_attempts") + 1,
        last_notification_attempt_at=now,
        notification_error="\n".join(errors),
    )
    return not errors
