"""Background work for consultation requests, run by the task worker (`manage.py db_worker`)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import notifications
from .models import ConsultRequest, StatusChange

# Wait before the 2nd, 3rd, … attempt. After the last, the request shows "Email failed" in
# the admin, where a coordinator can send again; so can `manage.py send_consult_notifications`.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
                timedelta(hours=6))


@task()
def send_request_emails(request_id):
    """Send a request's outstanding emails; on failure, try again later."""
    sent = notifications.send_notifications(request_id)
    if sent is False:
        attempts = (ConsultRequest.objects.filter(pk=request_id)
                    .values_list("notification_attempts", flat=True).first() or 0)
        if 0 < attempts <= len(RETRY_DELAYS):
            send_request_emails.using(run_after=timezone.now() + RETRY_DELAYS[attempts - 1]).enqueue(request_id)
    return sent


@task()
def send_stage_email(change_id):
    """Send the family's email about a change of stage; on failure, try again later."""
    sent = notifications.send_stage_email(change_id)
    if sent is False:
        attempts = (StatusChange.objects.filter(pk=change_id)
                    .values_list("family_email_attempts", flat=True).first() or 0)
        if 0 < attempts <= len(RETRY_DELAYS):
            send_stage_email.using(run_after=timezone.now() + RETRY_DELAYS[attempts - 1]).enqueue(change_id)
    return sent
