"""The emails sent about a request: the acknowledgement and the coordinators' notice when it
arrives, and the family's email when its stage changes. They carry its reference, never what
was typed or any medical detail beyond the condition chosen from our list."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from .models import ConsultRequest, StatusChange

logger = logging.getLogger(__name__)


def admin_url(consult_request):
    return settings.SITE_URL + reverse("admin:consult_consultrequest_change", args=[consult_request.pk])


def reply_to_address():
    """Where a family's answer to our emails goes: CONSULT_REPLY_TO_EMAIL, else the first coordinator address."""
    return settings.CONSULT_REPLY_TO_EMAIL or next(iter(settings.CONSULT_NOTIFY_EMAILS), "")


def status_page_url(consult_request):
    """The page where the family follows the request, in the active language, its reference filled in."""
    return f"{settings.SITE_URL}{reverse('consult:status')}?{urlencode({'reference': consult_request.reference})}"


def _render(template, context):
    subject = render_to_string(f"consult/email/{template}_subject.txt", context)
    body = render_to_string(f"consult/email/{template}.txt", context)
    return " ".join(subject.split()), body


def _to_family(subject, body, consult_request):
    reply_to = reply_to_address()
    return EmailMessage(subject, body, to=[consult_request.email], reply_to=[reply_to] if reply_to else None)


def _send_acknowledgement(consult_request):
    # In the language of the page the family wrote from.
    with translation.override(consult_request.page_language):
        subject, body = _render("acknowledgement", {
            "consult_request": consult_request, "SITE_URL": settings.SITE_URL,
            "channel": consult_request.get_contact_channel_display(),
            "summary": consult_request.summary(), "records_to_send": consult_request.records_to_send(),
            "condition": consult_request.condition_shown(), "status_url": status_page_url(consult_request),
            "can_reply": bool(reply_to_address()),
        })
    _to_family(subject, body, consult_request).send(fail_silently=False)


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


def stage_email(change):
    """The subject and body of the family's email about `change`, in the language they wrote in:
    the reference, the new stage in their words and the link to follow the request, nothing else."""
    consult_request = change.request
    with translation.override(consult_request.page_language):
        return _render("stage", {
            "reference": consult_request.reference, "stage": change.family_stage,
            "status_url": status_page_url(consult_request), "SITE_URL": settings.SITE_URL,
        })


def send_stage_email(change_id):
    """Send the family's email about a status change and record it on the change.

    True when sent (or already sent), False when it failed and may be tried again, None
    when there is nothing to send: the change is gone, or the request has since been
    marked as spam.
    """
    change = StatusChange.objects.select_related("request").filter(pk=change_id).first()
    if change is None or change.family_email_sent_at:
        return None if change is None else True
    if change.family_stage is None or change.request.status == ConsultRequest.Status.SPAM:
        StatusChange.objects.filter(pk=change_id).update(family_email_error="Not sent: the request is marked as spam.")
        return None
    subject, body = stage_email(change)
    try:
        _to_family(subject, body, change.request).send(fail_silently=False)
    except Exception as error:
        logger.exception("Could not send the stage email for consultation request %s", change.request.reference)
        StatusChange.objects.filter(pk=change_id).update(
            family_email_attempts=F("family_email_attempts") + 1,
            family_email_error=f"{type(error).__name__}: {error}"[:500])
        return False
    StatusChange.objects.filter(pk=change_id).update(
        family_email_sent_at=timezone.now(), family_email=f"{subject}\n\n{body}",
        family_email_attempts=F("family_email_attempts") + 1, family_email_error="")
    return True
