"""Consultation requests: health data sent by families, seen only by coordinators."""

import ipaddress
import os
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: a reference read out over the phone or copied by hand stays unambiguous.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference():
    """A reference like GB-7K3F-9Q2M: 31^8 (about 850 billion) values, from `secrets`."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"GB-{chars[:4]}-{chars[4:]}"


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


class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT and STATIC_ROOT, readable only by the site's own user.

    They have no URL on purpose: they are served by `consult_attachment` after a
    permission check.
    """

    def __init__(self):
        super().__init__(base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700)

    # Read on every use (FileSystemStorage caches it), so the folder follows the setting.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Consultation attachments have no public URL; use the download view.")


def private_storage():
    return PrivateStorage()


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

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW,
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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        indexes = [models.Index(fields=["client_fingerprint", "created_at"], name="consult_client_recent")]

    def __str__(self):
        return self.reference

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


class UploadAttempt(models.Model):
    """A post of the form that carried files, saved or not, for the hourly limit on uploads."""

    client_fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client_fingerprint", "created_at"], name="consult_upload_recent")]

    def __str__(self):
        return f"{self.client_fingerprint[:8]}… {self.created_at:%Y-%m-%d %H:%M}"


EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
EXTENSION_ALIASES = {".jpg": (".jpg", ".jpeg")}


def attachment_path(instance, filename):
    """A random name that reveals nothing; the original name is kept in the database."""
    extension = EXTENSIONS.get(instance.content_type, "")
    return f"consult/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}{extension}"


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


@receiver(post_delete, sender=ConsultAttachment)
def delete_attachment_file(sender, instance, **kwargs):
    """Remove the file with its row, also on cascade, queryset and admin bulk deletes.

    Only once the deletion is committed: a rolled-back delete keeps its file.
    """
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
