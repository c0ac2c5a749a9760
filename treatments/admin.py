from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from core import admin as core_admin

from .models import OutcomeStatistic, Treatment


@admin.register(Treatment)
class TreatmentAdmin(core_admin.TranslatedPageAdmin):
    list_display = ("name", "category", "parent", "is_published", "reader_languages", "next_review_due",
                    "updated_at")
    list_filter = ("is_published", "category", core_admin.ReviewDueFilter, core_admin.TranslationFilter)
    list_editable = ("is_published",)
    search_fields = ("translations__name", "translations__summary", "translations__description")
    slug_from = "name"
    autocomplete_fields = ("parent",)
    readonly_fields = ("readability", "reader_languages", "published_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "category", "parent", "summary", "is_published",
                           "is_featured", "position")}),
        (_("Page text"), {"fields": ("readability", "description", "how_it_works")}),
        (_("What it involves (each section is shown only when filled in)"), {
            "fields": ("suitable_for", "what_to_expect", "time_in_hospital", "time_overall", "side_effects",
                       "follow_up"),
            "description": _("Write only what the medical team states for patients in general. What one "
                             "patient went through belongs in their story (“what the story tells about a "
                             "treatment”), where it is shown as their experience."),
        }),
        core_admin.REVIEW_FIELDSET,
        core_admin.TRANSLATION_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )


@admin.register(OutcomeStatistic)
class OutcomeStatisticAdmin(TranslatableAdmin):
    formfield_overrides = core_admin.URL_FIELD_OVERRIDES
    list_display = ("title", "condition", "measure", "value", "time_point", "is_published",
                    "has_source", "is_highlighted")
    list_filter = ("is_published", "measure", "condition", "is_highlighted")
    search_fields = ("translations__title", "translations__patient_group", "translations__regimen",
                     "citation_title", "citation_authors")
    autocomplete_fields = ("condition", "treatments")
    fieldsets = (
        (None, {"fields": ("title", "condition", "treatments", "patient_group", "regimen")}),
        (_("The result"), {"fields": ("measure", "measure_description", "time_point", "value",
                                      "patient_count")}),
        (_("Source (required to publish)"), {"fields": ("source_kind", "citation_authors", "citation_title",
                                                        "citation_venue", "source_year", "doi", "source_url")}),
        (_("Publishing"), {"fields": ("is_published", "is_highlighted", "position")}),
    )

    @admin.display(boolean=True, description=_("source given"))
    def has_source(self, obj):
        return obj.has_source
