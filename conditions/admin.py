from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import REVIEW_FIELDSET, URL_FIELD_OVERRIDES, ReadabilityMixin, ReviewDueFilter
from treatments.models import OutcomeStatistic

from .models import ChoiceReason, Condition, ConditionTreatment, GlossaryTerm, Symptom


class SymptomInline(admin.StackedInline):
    model = Symptom
    extra = 0
    fields = ("position", "name", "explanation")


class ConditionTreatmentInline(admin.TabularInline):
    model = ConditionTreatment
    extra = 0
    autocomplete_fields = ("treatment",)
    fields = ("position", "treatment", "note")


class ChoiceReasonInline(admin.TabularInline):
    model = ChoiceReason
    extra = 0
    fields = ("position", "text")


class GlossaryTermInline(admin.TabularInline):
    model = GlossaryTerm
    extra = 0
    fields = ("position", "term", "explanation")


class OutcomeStatisticInline(admin.StackedInline):
    model = OutcomeStatistic
    extra = 0
    formfield_overrides = URL_FIELD_OVERRIDES
    autocomplete_fields = ("treatments",)
    fields = ("position", "title", "treatments", "patient_group", "regimen", "measure",
              "measure_description", "time_point", "value", "patient_count", "source_citation",
              "source_year", "source_url", "is_published", "is_highlighted")


@admin.register(Condition)
class ConditionAdmin(ReadabilityMixin, admin.ModelAdmin):
    list_display = ("name", "is_published", "is_featured", "next_review_due", "updated_at")
    list_filter = ("is_published", "is_featured", ReviewDueFilter)
    list_editable = ("is_published",)
    search_fields = ("name", "summary", "overview")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("readability", "published_at", "updated_at")
    inlines = [SymptomInline, ConditionTreatmentInline, OutcomeStatisticInline, ChoiceReasonInline,
               GlossaryTermInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "is_published", "is_featured", "position")}),
        (_("Page text"), {"fields": ("readability", "overview", "symptoms_intro", "diagnosis",
                                     "treatment_approach", "reasons_intro")}),
        REVIEW_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )
