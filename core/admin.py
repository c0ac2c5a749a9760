"""Admin pieces shared by the content apps."""

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .readability import reading_age_html


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("medical review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", _("Review overdue")), ("current", _("Review up to date")),
                ("unset", _("No review date"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.due_for_review()
        if self.value() == "current":
            return queryset.filter(next_review_due__gt=timezone.localdate())
        if self.value() == "unset":
            return queryset.filter(next_review_due__isnull=True)
        return queryset


class ReadabilityMixin:
    """Shows the reading age of the saved text on the change form."""

    @admin.display(description=_("readability"))
    def readability(self, obj):
        if obj is None or obj.pk is None:
            return _("Shown after the first save.")
        return reading_age_html(obj.readability_text())


REVIEW_FIELDSET = (
    _("Medical review"),
    {
        "fields": ("reviewed_by", "last_reviewed", "next_review_due"),
        "description": _("Shown at the end of the page as “Medically reviewed by … · Page last "
                         "reviewed … · Next review due …”."),
    },
)

# Editors paste links without a scheme; assume https (Django 6's default) rather than http.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}
