"""Consultation requests: health data sent by families, seen only by coordinators."""

import hmac
import ipaddress
import re
import secrets
import unicodedata
import zoneinfo
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# No 0/O, 1/I/L: a reference read out over the phone or copied by hand stays unambiguous.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PATTERN = re.compile(rf"^GB-[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}}$")
# Compared with whatever was typed when the reference is unknown, so a miss costs the same time.
NOBODY_EMAIL = "nobody@gobroad.invalid"


def new_reference():
    """A reference like GB-7K3F-9Q2M: 31^8 (about 850 billion) values, from `secrets`."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"GB-{chars[:4]}-{chars[4:]}"


def normalise_reference(typed):
    """A reference as it was typed ("gb 7k3f 9q2m", "7K3F9Q2M", full-width letters…) in its
    stored form GB-7K3F-9Q2M, or "" when it cannot be one."""
    chars = "".join(c for c in unicodedata.normalize("NFKC", typed or "").upper() if c.isalnum())
    if len(chars) == 10 and chars.startswith("GB"):
        chars = chars[2:]
    reference = f"GB-{chars[:4]}-{chars[4:]}" if len(chars) == 8 else ""
    return reference if REFERENCE_PATTERN.match(reference) else ""


def same_email(typed, stored):
    """Whether two addresses match, case and surrounding spaces aside, compared in constant time."""
    return hmac.compare_digest(typed.strip().lower().encode(), stored.strip().lower().encode())


def reply_time_zone():
    return zoneinfo.ZoneInfo(settings.CONSULT_REPLY_TIME_ZONE)


def reply_time_promise():
    """The one wording of the reply time promised to families, or "" when staff have set none.

    Every page and email that mentions the reply time uses it, so it is promised in the
    same words everywhere and nowhere once CONSULT_REPLY_WORKING_DAYS is unset.
    """
    days = settings.CONSULT_REPLY_WORKING_DAYS
    if not days:
        return ""
    return ngettext(
        "usually within %(days)d working day (Monday to Friday, %(time_zone)s time)",
        "usually within %(days)d working days (Monday to Friday, %(time_zone)s time)",
        days,
    ) % {"days": days, "time_zone": settings.CONSULT_REPLY_TIME_ZONE}


def add_working_days(day, count):
    """The date `count` working days (Monday to Friday) after `day`."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def reply_due_at(received_at):
    """When the promised reply time of a request received at `received_at` runs out: the end of
    its last working day in the reply time zone, or None when no time is promised."""
    days = settings.CONSULT_REPLY_WORKING_DAYS
    if not days:
        return None
    zone = reply_time_zone()
    last_day = add_working_days(received_at.astimezone(zone).date(), days)
    return datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)


def promised_reply_cutoff(now=None):
    """Requests received before this moment are past the promised reply time now (None: no promise)."""
    days = settings.CONSULT_REPLY_WORKING_DAYS
    if not days:
        return None
    zone = reply_time_zone()
    today = (now or timezone.now()).astimezone(zone).date()
    # The earliest day of receipt whose reply is not yet due; reply_due_at() grows with the day.
    day = today
    while add_working_days(day - timedelta(days=1), days) >= today:
        day -= timedelta(days=1)
    return datetime.combine(day, time.min, tzinfo=zone)


def client_fingerprint(ip):
    """A keyed hash of the client address (an IPv6 client is its /64), never the address."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        address = None
    if address is not None and address.version == 6 and address.ipv4_mapped:
        ip = str(address.ipv4_mapped)
    elif address is not None and address.version == 6:
        ip = str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return salted_hmac("consult.client-address", ip or "unknown", algorithm="sha256").hexdigest()


def private_storage():
    """The storage of consultation attachments (STORAGES["private"]; see consult/storage.py)."""
    return storages["private"]


class ConsultRequestQuerySet(models.QuerySet):
    def recent_from(self, fingerprint, since):
        return self.filter(client_fingerprint=fingerprint, created_at__gte=since)

    def notifications_outstanding(self):
        return self.filter(
            models.Q(acknowledgement_sent_at__isnull=True) | models.Q(coordinators_notified_at__isnull=True)
        )

    def notifications_sent(self):
        return self.filter(acknowledgement_sent_at__isnull=False, coordinators_notified_at__isnull=False)

    def notifications_failed(self):
        return self.notifications_outstanding().filter(notification_attempts__gt=0)

    def notifications_pending(self):
        return self.notifications_outstanding().filter(notification_attempts=0)

    def older_than(self, days):
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))

    def unanswered(self):
        return self.filter(status__in=ConsultRequest.UNANSWERED)

    def past_promised_reply_time(self, now=None):
        """Unanswered requests older than the promised reply time; none when no time is promised."""
        cutoff = promised_reply_cutoff(now)
        if cutoff is None:
            return self.none()
        return self.unanswered().filter(created_at__lt=cutoff)

    def for_family(self, typed_reference, typed_email):
        """The request a family may follow, given its reference and the email address it was sent
        with; None for a wrong pair, an unknown reference or spam alike.

        The address is always compared, against a made-up one when the reference is unknown,
        so the time taken says nothing about which references exist.
        """
        reference = normalise_reference(typed_reference)
        found = self.filter(reference=reference).first() if reference else None
        matches = same_email(typed_email, found.email if found else NOBODY_EMAIL)
        if found is None or not matches or found.status == ConsultRequest.Status.SPAM:
            return None
        return found


class ConsultRequest(models.Model):
    class WriterRole(models.TextChoices):
        PATIENT = "patient", _("I am the patient")
        FAMILY = "family", _("A family member or friend of the patient")
        DOCTOR = "doctor", _("The patient's doctor")

    class ContactChannel(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        WHATSAPP = "whatsapp", "WhatsApp"
        WECHAT = "wechat", "WeChat"
        TELEGRAM = "telegram", "Telegram"

    class Language(models.TextChoices):
        # Django's language codes, the site's languages.
        ENGLISH = "en", "English"
        CHINESE = "zh-hans", "中文"
        RUSSIAN = "ru", "Русский"

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        WITH_SPECIALIST = "with_specialist", _("With a specialist")
        CONTACTED = "contacted", _("Contacted")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")

    class NotificationState(models.TextChoices):
        PENDING = "pending", _("Emails pending")
        FAILED = "failed", _("Email failed")
        SENT = "sent", _("Emails sent")

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False,
                                 default=new_reference)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    writer_role = models.CharField(_("who is writing"), max_length=10, choices=WriterRole.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40)
    contact_channel = models.CharField(_("preferred contact"), max_length=10, choices=ContactChannel.choices)
    messenger_id = models.CharField(
        _("messenger ID"), max_length=100, blank=True,
        help_text=_("The WeChat ID, WhatsApp number or Telegram username the sender gave, if any. "
                    "Never emailed."),
    )
    preferred_language = models.CharField(_("reply language"), max_length=7, choices=Language.choices)
    page_language = models.CharField(
        _("language of the form"), max_length=7, choices=Language.choices, default=Language.ENGLISH,
        help_text=_("The language of the page the family wrote from; their acknowledgement email is in it."),
    )
    patient_country = models.CharField(_("patient's country"), max_length=100)
    patient_age = models.PositiveSmallIntegerField(_("patient's age"), validators=[MaxValueValidator(120)])
    condition = models.ForeignKey(
        "conditions.Condition", verbose_name=_("condition"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="consult_requests",
        help_text=_("Empty when the sender chose “other / not sure”."),
    )
    # Kept as sent, so the request still says what was chosen if the page is renamed or removed.
    condition_name = models.CharField(_("condition as chosen"), max_length=120, blank=True)
    message = models.TextField(_("question or situation"), max_length=5000)

    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    consent_given_at = models.DateTimeField(_("consent given"))
    client_fingerprint = models.CharField(
        _("scrambled client address"), max_length=64, editable=False,
        help_text=_("A keyed hash of the sender's internet address, used only for the hourly limit."),
    )
    # The random token of the form page it was sent from: the same form sent twice (a double
    # click, or nginx retrying it on another app server after one died mid-request) is saved once.
    submission_token = models.UUIDField(null=True, editable=False, unique=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW,
                              db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned coordinator"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="assigned_consult_requests",
    )
    internal_notes = models.TextField(
        _("internal notes"), blank=True,
        help_text=_("Only coordinators see these. Never sent to the patient."),
    )

    acknowledgement_sent_at = models.DateTimeField(_("acknowledgement sent"), null=True, blank=True)
    coordinators_notified_at = models.DateTimeField(_("coordinators notified"), null=True, blank=True)
    notification_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)
    last_notification_attempt_at = models.DateTimeField(_("last email attempt"), null=True, blank=True)
    notification_error = models.TextField(_("last email error"), blank=True)

    objects = ConsultRequestQuerySet.as_manager()

    # Not yet answered: a reply is still owed to the family.
    UNANSWERED = (Status.NEW, Status.IN_REVIEW, Status.WITH_SPECIALIST)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        indexes = [models.Index(fields=["client_fingerprint", "created_at"], name="consult_client_recent")]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            # The first entry of the history: received.
            self.status_changes.create(status=self.status, changed_at=self.created_at)

    def record_status(self, by=None):
        """Add the request's current status to its history; returns the StatusChange."""
        return self.status_changes.create(status=self.status, changed_by=by)

    @property
    def family_stage(self):
        """The stage a family sees, in their words; None for spam, which is never revealed."""
        return family_stage(self.status)

    def family_history(self):
        """(stage, date) of each change a family may see, oldest first."""
        return [(stage, change.changed_at) for change in self.status_changes.all()
                if (stage := family_stage(change.status)) is not None]

    @property
    def reply_due_at(self):
        return reply_due_at(self.created_at)

    def is_past_promised_reply_time(self, now=None):
        due = self.reply_due_at
        return bool(due and self.status in self.UNANSWERED and (now or timezone.now()) >= due)

    def summary(self):
        """(label, value) pairs saying what was sent, in the active language, with nothing typed
        and nothing medical but the condition chosen from our list (files are counted, never
        named): safe for the thanks page and the acknowledgement."""
        return [
            (_("Who is writing"), self.get_writer_role_display()),
            (_("Preferred contact"), self.get_contact_channel_display()),
            (_("Reply language"), self.get_preferred_language_display()),
            (_("Condition"), self.condition_shown()),
            (_("Files attached"), str(self.attachments.count())),
        ]

    def condition_shown(self):
        """The condition chosen, named in the active language where its page can be read in it."""
        if self.condition is None:
            return self.condition_label
        language = self.condition.language_for(translation.get_language())
        return self.condition.safe_translation_getter("name", language_code=language) or self.condition_label

    def records_to_send(self):
        """What the chosen condition's page asks families to send, in the active language."""
        if self.condition is None:
            return []
        language = self.condition.language_for(translation.get_language())
        return [record.safe_translation_getter("text", language_code=language)
                for record in self.condition.records_to_send.all()]

    @property
    def notification_state(self):
        if self.acknowledgement_sent_at and self.coordinators_notified_at:
            return self.NotificationState.SENT
        if self.notification_attempts:
            return self.NotificationState.FAILED
        return self.NotificationState.PENDING

    def get_notification_state_display(self):
        return self.NotificationState(self.notification_state).label

    @property
    def condition_label(self):
        return self.condition_name or _("Other / not sure")


# The stages a family sees, in their words. Spam is missing on purpose: it is never revealed.
FAMILY_STAGES = {
    ConsultRequest.Status.NEW: _("Received"),
    ConsultRequest.Status.IN_REVIEW: _("Your records are being checked"),
    ConsultRequest.Status.WITH_SPECIALIST: _("With a specialist"),
    ConsultRequest.Status.CONTACTED: _("We have replied"),
    ConsultRequest.Status.CLOSED: _("Closed"),
}


def family_stage(status):
    return FAMILY_STAGES.get(status)


class StatusChange(models.Model):
    """One change of a request's status, with when, who, and the email the family was sent about it."""

    request = models.ForeignKey(ConsultRequest, on_delete=models.CASCADE, related_name="status_changes",
                                verbose_name=_("request"))
    status = models.CharField(_("status"), max_length=20, choices=ConsultRequest.Status.choices)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    family_email_queued_at = models.DateTimeField(_("email to the family asked for"), null=True, blank=True)
    family_email_sent_at = models.DateTimeField(_("email to the family sent"), null=True, blank=True)
    family_email = models.TextField(_("email sent to the family"), blank=True)
    family_email_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)
    family_email_error = models.TextField(_("last email error"), blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self):
        return f"{self.request_id}: {self.status} {self.changed_at:%Y-%m-%d %H:%M}"

    @property
    def family_stage(self):
        return family_stage(self.status)


class LimitedEvent(models.Model):
    """Something a client may do only so often per hour: a post carrying files (saved or not),
    or a look-up on the page that follows a request."""

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("post with files")
        STATUS_LOOKUP = "status_lookup", _("request status look-up")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UPLOAD)
    client_fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "client_fingerprint", "created_at"], name="consult_event_recent")]

    def __str__(self):
        return f"{self.kind} {self.client_fingerprint[:8]}… {self.created_at:%Y-%m-%d %H:%M}"


ATTACHMENT_FOLDER = "consult"
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
EXTENSION_ALIASES = {".jpg": (".jpg", ".jpeg")}


def attachment_path(instance, filename):
    """A random name that reveals nothing; the original name is kept in the database."""
    extension = EXTENSIONS.get(instance.content_type, "")
    return f"{ATTACHMENT_FOLDER}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}{extension}"


class ConsultAttachment(models.Model):
    request = models.ForeignKey(ConsultRequest, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("request"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @property
    def download_name(self):
        """The original name, with the extension of what the file really is when they differ."""
        extension = EXTENSIONS.get(self.content_type, "")
        matching = EXTENSION_ALIASES.get(extension, (extension,))
        if extension and not self.original_name.lower().endswith(matching):
            return self.original_name + extension
        return self.original_name


def stored_attachment_names(folder=ATTACHMENT_FOLDER):
    """Every file under the attachments' folder of the private storage, as stored names."""
    storage = private_storage()
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for name in folders:
        yield from stored_attachment_names(f"{folder}/{name}")


def stray_attachment_files(older_than):
    """Stored files no attachment row refers to, stored longer than `older_than` (a timedelta) ago.

    A server killed between storing a file and committing its request leaves one behind.
    The age spares a file whose request is still being saved.
    """
    stored = set(stored_attachment_names())
    stray = stored - set(ConsultAttachment.objects.values_list("file", flat=True))
    storage, cutoff = private_storage(), timezone.now() - older_than
    return sorted(name for name in stray if storage.get_modified_time(name) <= cutoff)


@receiver(post_delete, sender=ConsultAttachment)
def delete_attachment_file(sender, instance, **kwargs):
    """Remove the file with its row, also on cascade, queryset and admin bulk deletes.

    Only once the deletion is committed: a rolled-back delete keeps its file.
    """
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
