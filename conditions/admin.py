from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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
    fields = ("position", "term", "explanation")


class RecordToSendInline(core_admin.RowsInline):
    model = RecordToSend
    fields = ("position", "text")


class OutcomeStatisticInline(core_admin.StackedRowsInline):
    model = OutcomeStatistic
    formfield_overrides = core_admin.URL_FIELD_OVERRIDES
    autocomplete_fields = ("treatments",)
    fields = ("position", "title", "treatments", "patient_group", "regimen", "measure",
              "measure_description", "time_point", "value", "patient_count", "source_kind", "citation_authors",
              "citation_title", "citation_venue", "source_year", "doi", "source_url", "is_published", "is_highlighted")


@admin.register(Condition)
class ConditionAdmin(core_admin.TranslatedPageAdmin):
    list_display = ("name", "is_published", "reader_languages", "is_featured", "next_review_due", "updated_at")
    list_filter = ("is_published", "is_featured", core_admin.ReviewDueFilter, core_admin.TranslationFilter)
    list_editable = ("is_published",)
    search_fields = ("translations__name", "translations__summary", "translations__overview")
    slug_from = "name"
    readonly_fields = ("readability", "reader_languages", "published_at", "updated_at")
    inlines = [SymptomInline, ConditionTreatmentInline, OutcomeStatisticInline, ChoiceReasonInline,
               GlossaryTermInline, RecordToSendInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "is_published", "is_featured", "position")}),
        (_("Page text"), {"fields": ("readability", "overview", "symptoms_intro", "diagnosis",
                                     "treatment_approach", "reasons_intro")}),
        core_admin.REVIEW_FIELDSET,
        core_admin.TRANSLATION_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )
