from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from core import admin as core_admin
from treatments.models import OutcomeStatistic

from .models import ChoiceReason, Condition, ConditionTreatment, GlossaryTerm, RecordToSend, Symptom


class SymptomInline(core_admin.StackedRowsInline):
    model = Symptom
    fields = ("position", "name", "explanation")


class ConditionTreatmentInline(core_admin.RowsInline):
    model = ConditionTreatment
    autocomplete_fields = ("treatment",)
    fields = ("position", "treatment", "note")


class ChoiceReasonInline(core_admin.RowsInline):
    model = ChoiceReason
    fields = ("position", "text")


class GlossaryTermInline(core_admin.RowsInline):
    model = GlossaryTerm
    fields = ("position", "term", "aliases", "explanation", "reviewer", "last_reviewed", "next_review_due")


class RecordToSendInline(core_admin.RowsInline):
    model = RecordToSend
    fields = ("position", "text")


class OutcomeStatisticInline(admin.TabularInline):
    """The condition's figures, to see at a glance; each is edited on its own page, where the data check runs."""

    model = OutcomeStatistic
    fields = ("title", "measure", "value", "patient_count", "is_published")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    extra = 0
    classes = ["collapse"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("short title"))
    def title(self, obj):
        return str(obj.safe_translation_getter("title", any_language=True) or "")


@admin.register(Condition)
class ConditionAdmin(core_admin.Reorderable, core_admin.ReviewStatusColumn, core_admin.TranslatedPageAdmin):
    list_display = ("name", "position", "is_published", "reader_languages", "is_featured", "review_status",
                    "next_review_due", "updated_at")
    list_filter = ("is_published", "is_featured", core_admin.ReviewDueFilter, core_admin.TranslationFilter)
    list_editable = ("is_published", "position")
    search_fields = ("translations__name", "translations__summary", "translations__overview")
    slug_from = "name"
    readonly_fields = ("readability", "reader_languages", "published_at", "updated_at")
    inlines = [SymptomInline, ConditionTreatmentInline, OutcomeStatisticInline, ChoiceReasonInline,
               GlossaryTermInline, RecordToSendInline]
    fieldsets = (
        (None, {"fields": ("name", "aliases", "slug", "summary", "is_published", "is_featured", "position")}),
        (_("Page text"), {"fields": ("readability", "overview", "illustration", "symptoms_intro", "diagnosis",
                                     "treatment_approach", "reasons_intro")}),
        core_admin.REVIEW_FIELDSET,
        core_admin.TRANSLATION_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(core_admin.ReviewStatusColumn, core_admin.LongTextBoxes, TranslatableAdmin):
    """Every explained word on one list, so a doctor can review them; they are written on the condition."""

    list_display = ("term", "condition", "review_status", "next_review_due")
    list_filter = (core_admin.ReviewDueFilter, "condition")
    search_fields = ("translations__term", "translations__explanation")
    fields = ("condition", "position", "term", "aliases", "explanation", "reviewer", "last_reviewed",
              "next_review_due")
    autocomplete_fields = ("condition",)
