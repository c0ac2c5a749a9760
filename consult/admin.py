import csv
import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ConsultRequest
from .services import record_status_change
from .tasks import send_request_emails

SUBMITTED_FIELDS = (
    "reference", "created_at", "writer_role", "full_name", "email", "phone", "contact_channel", "messenger_id",
    "preferred_language", "patient_country", "patient_age", "condition_label", "message",
)
CSV_COLUMNS = (
    ("reference", _("Reference")), ("created_at", _("Received (UTC)")), ("status", _("Status")),
    ("assigned_to", _("Assigned coordinator")), ("writer_role", _("Who is writing")),
    ("full_name", _("Full name")), ("email", _("Email")), ("phone", _("Phone")),
    ("contact_channel", _("Preferred contact")), ("messenger_id", _("Messenger ID")),
    ("preferred_language", _("Language")),
    ("patient_country", _("Patient's country")), ("patient_age", _("Patient's age")),
    ("condition", _("Condition")), ("message", _("Question or situation")),
    ("attachments", _("Attachments")), ("notifications", _("Emails")),
)


class NotificationStateFilter(admin.SimpleListFilter):
    title = _("emails")
    parameter_name = "emails"

    def lookups(self, request, model_admin):
        return ConsultRequest.NotificationState.choices

    def queryset(self, request, queryset):
        state = ConsultRequest.NotificationState
        return {
            state.SENT: queryset.notifications_sent,
            state.FAILED: queryset.notifications_failed,
            state.PENDING: queryset.notifications_pending,
        }.get(self.value(), queryset.all)()


class PastPromisedReplyFilter(admin.SimpleListFilter):
    """Unanswered requests older than the reply time promised to families (listed only while one is set)."""

    title = _("Past the promised reply time")
    parameter_name = "reply"

    def lookups(self, request, model_admin):
        return [("overdue", _("Past the promised reply time"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.past_promised_reply_time()
        return queryset


class ConsultRequestAdminForm(forms.ModelForm):
    tell_family = forms.BooleanField(
        label=_("Tell the family by email"), required=False,
        help_text=_("When you change the status, send the family a short email in the language they wrote in: "
                    "only the reference, the new stage in plain words and a link to follow their request. "
                    "Never sent for spam."),
    )

    class Meta:
        model = ConsultRequest
        fields = ("status", "assigned_to", "internal_notes")


def spreadsheet_safe(value):
    """Text a spreadsheet will not run as a formula (a phone number starts with +)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(ConsultRequest)
class ConsultRequestAdmin(admin.ModelAdmin):
    form = ConsultRequestAdminForm
    # Short headings and the sender's details in one column, so that the list fits a 1,280 px
    # screen without the navigation sidebar (coordinators see no other list).
    list_display = ("reference", "received", "sender", "patient", "preferred_language", "status", "coordinator",
                    "notification_state_display")
    list_display_links = ("reference",)
    # RelatedOnly: the filters list people and conditions that have requests, not every account.
    list_filter = ("status", NotificationStateFilter, "preferred_language",
                   ("assigned_to", admin.RelatedOnlyFieldListFilter),
                   ("condition", admin.RelatedOnlyFieldListFilter), "created_at")
    search_fields = ("reference", "full_name", "email", "phone", "messenger_id", "patient_country", "condition_name")
    list_select_related = ("assigned_to",)
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["export_csv", "retry_notifications"]
    readonly_fields = SUBMITTED_FIELDS + (
        "attachment_links", "privacy_notice_version", "consent_given_at", "notification_state_display",
        "acknowledgement_sent_at", "coordinators_notified_at", "notification_attempts",
        "last_notification_attempt_at", "notification_error", "status_history",
    )
    fieldsets = (
        (_("Triage"), {"fields": ("status", "tell_family", "assigned_to", "internal_notes")}),
        (_("Status history"), {"fields": ("status_history",)}),
        (_("Request"), {"fields": SUBMITTED_FIELDS}),
        (_("Medical reports"), {"fields": ("attachment_links",)}),
        (_("Consent and emails"), {"fields": (
            "privacy_notice_version", "consent_given_at", "notification_state_display",
            "acknowledgement_sent_at", "coordinators_notified_at", "notification_attempts",
            "last_notification_attempt_at", "notification_error",
        )}),
    )

    def has_add_permission(self, request):
        return False  # requests arrive only through the public form

    def get_list_display(self, request):
        # The reply-time column exists only while a reply time is promised.
        if settings.CONSULT_REPLY_WORKING_DAYS:
            return (*self.list_display, "past_promised_reply_time")
        return self.list_display

    def get_list_filter(self, request):
        if settings.CONSULT_REPLY_WORKING_DAYS:
            return (*self.list_filter, PastPromisedReplyFilter)
        return self.list_filter

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    @admin.display(description=_("reply overdue"), boolean=True)
    def past_promised_reply_time(self, obj):
        return obj.is_past_promised_reply_time()

    @admin.display(description=_("received"), ordering="created_at")
    def received(self, obj):
        return date_format(timezone.localtime(obj.created_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("from"), ordering="full_name")
    def sender(self, obj):
        return format_html('{}<br><span class="address">{}</span><br>{}', obj.full_name, obj.email,
                           _("Prefers: %(channel)s") % {"channel": obj.get_contact_channel_display()})

    @admin.display(description=_("patient"), ordering="condition_name")
    def patient(self, obj):
        return format_html("{}<br>{}", obj.condition_label, obj.patient_country)

    @admin.display(description=_("coordinator"), ordering="assigned_to")
    def coordinator(self, obj):
        if obj.assigned_to is None:
            return "—"
        return obj.assigned_to.get_full_name() or obj.assigned_to.get_username()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not (change and "status" in form.changed_data):
            if form.cleaned_data.get("tell_family"):
                self.message_user(request, _("No email was sent to the family: the status did not change."),
                                  messages.WARNING)
            return
        tell_family = form.cleaned_data.get("tell_family", False)
        status_change = record_status_change(obj, by=request.user, tell_family=tell_family)
        if tell_family and status_change.family_stage is None:
            self.message_user(request, _("No email was sent to the family: a request marked as spam is never "
                                         "announced."), messages.WARNING)
        elif tell_family:
            self.message_user(request, _("The family will be told by email that their request is now at the "
                                         "stage “%(stage)s”.") % {"stage": status_change.family_stage})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_active=True, is_staff=True).filter(
                Q(is_superuser=True)
                | Q(groups__permissions__codename="change_consultrequest")
                | Q(user_permissions__codename="change_consultrequest")
            ).distinct().order_by("first_name", "last_name", "username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("condition"), ordering="condition_name")
    def condition_label(self, obj):
        return obj.condition_label

    @admin.display(description=_("emails"))
    def notification_state_display(self, obj):
        return obj.get_notification_state_display()

    @admin.display(description=_("status history"))
    def status_history(self, obj):
        """Each change, who made it, what the family sees and the email they were sent about it."""
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (date_format(timezone.localtime(change.changed_at), "DATETIME_FORMAT"), change.get_status_display(),
             change.family_stage or _("(not shown to the family)"),
             change.changed_by.get_username() if change.changed_by else "—", self._family_email(change))
            for change in obj.status_changes.select_related("changed_by")
        ))
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("Changed"), _("Status"), _("What the family sees"), _("Changed by"), _("Email to the family"), rows,
        )

    @staticmethod
    def _family_email(change):
        if change.family_email_sent_at:
            sent = date_format(timezone.localtime(change.family_email_sent_at), "DATETIME_FORMAT")
            return format_html('{}<pre class="consult-family-email">{}</pre>',
                               _("Sent %(when)s:") % {"when": sent}, change.family_email)
        if change.family_email_error:
            return change.family_email_error
        if change.family_email_queued_at:
            return _("Queued: it goes out in the next minute.")
        return "—"

    @admin.display(description=_("attachments"))
    def attachment_links(self, obj):
        attachments = obj.attachments.all()
        if not attachments:
            return _("None")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}">{}</a> ({}, {})</li>', (
                (reverse("consult_attachment", args=[a.pk]), a.download_name, a.content_type,
                 filesizeformat(a.size))
                for a in attachments
            )),
        )

    @admin.action(description=_("Export selected requests as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        queryset = queryset.select_related("assigned_to").annotate(attachment_count=Count("attachments"))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="consultation-requests-{timezone.now():%Y%m%d-%H%M}.csv"')
        response["Cache-Control"] = "private, no-store"
        # A byte-order mark so spreadsheet programs read Chinese and Cyrillic correctly.
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([str(label) for _name, label in CSV_COLUMNS])
        for obj in queryset:
            values = {
                "created_at": obj.created_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
                "status": obj.get_status_display(),
                "assigned_to": obj.assigned_to.get_username() if obj.assigned_to else "",
                "writer_role": obj.get_writer_role_display(),
                "contact_channel": obj.get_contact_channel_display(),
                "preferred_language": obj.get_preferred_language_display(),
                "condition": obj.condition_label,
                "attachments": obj.attachment_count,
                "notifications": obj.get_notification_state_display(),
            }
            writer.writerow([spreadsheet_safe(values.get(name, getattr(obj, name, "")))
                             for name, _label in CSV_COLUMNS])
        return response

    @admin.action(description=_("Send outstanding emails again"), permissions=["change"])
    def retry_notifications(self, request, queryset):
        outstanding = list(queryset.notifications_outstanding().values_list("pk", flat=True))
        for pk in outstanding:
            send_request_emails.enqueue(pk)
        if outstanding:
            self.message_user(request, ngettext(
                "The emails of %(count)d request will be sent again in the next minute; its email column "
                "shows the result.",
                "The emails of %(count)d requests will be sent again in the next minute; their email column "
                "shows the result.", len(outstanding),
            ) % {"count": len(outstanding)})
        else:
            self.message_user(request, _("Every selected request's emails were already sent."))
