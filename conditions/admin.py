from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableStackedInline, TranslatableTabularInline

from core.admin import (
    REVIEW_FIELDSET,
    TRANSLATION_FIELDSET,
    URL_FIELD_OVERRIDES,
    ReviewDueFilter,
    TranslatedPageAdmin,
    TranslationFilter,
)
from treatments.models import OutcomeStatistic

from .models import ChoiceReason, Condition, ConditionTreatment, GlossaryTerm, Symptom


class SymptomInline(TranslatableStackedInline):
    model = Symptom
    extra = 0
    fields = ("position", "name", "explanation")


class ConditionTreatmentInline(TranslatableTabularInline):
    model = ConditionTreatment
    extra = 0
    autocomplete_fields = ("treatment",)
    fields = ("position", "treatment", "note")


class ChoiceReasonInline(TranslatableTabularInline):
    model = ChoiceReason
    extra = 0
    fields = ("position", "text")


class GlossaryTermInline(TranslatableTabularInline):
    model = GlossaryTerm
    extra = 0
    fields = ("position", "term", "explanation")


class OutcomeStatisticInline(TranslatableStackedInline):
    model = OutcomeStatistic
    extra = 0
    formfield_overrides = URL_FIELD_OVERRIDES
    autocomplete_fields = ("treatments",)
    fields = ("position", "title", "treatments", "patient_group", "regimen", "measure",
              "measure_description", "time_point", "value", "patient_count", "source_kind", "citation_authors",
              "citation_title", "citation_venue", "source_year", "doi", "source_url", "is_published", "is_highlighted")


@admin.register(Condition)
class ConditionAdmin(TranslatedPageAdmin):
    list_display = ("name", "is_published", "reader_languages", "is_featured", "next_review_due", "updated_at")
    list_filter = ("is_published", "is_featured", ReviewDueFilter, TranslationFilter)
    list_editable = ("is_published",)
    search_fields = ("translations__name", "translations__summary", "translations__overview")
    slug_from = "name"
    readonly_fields = ("readability", "reader_languages", "published_at", "updated_at")
    inlines = [SymptomInline, ConditionTreatmentInline, OutcomeStatisticInline, ChoiceReasonInline,
               GlossaryTermInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "is_published", "is_featured", "position")}),
        (_("Page text"), {"fields": ("readability", "overview", "symptoms_intro", "diagnosis",
                                     "treatment_approach", "reasons_intro")}),
        REVIEW_FIELDSET,
        TRANSLATION_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )
