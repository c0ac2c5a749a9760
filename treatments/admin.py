from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import REVIEW_FIELDSET, URL_FIELD_OVERRIDES, ReadabilityMixin, ReviewDueFilter

from .models import OutcomeStatistic, Treatment


@admin.register(Treatment)
class TreatmentAdmin(ReadabilityMixin, admin.ModelAdmin):
    list_display = ("name", "category", "parent", "is_published", "next_review_due", "updated_at")
    list_filter = ("is_published", "category", ReviewDueFilter)
    list_editable = ("is_published",)
    search_fields = ("name", "summary", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    readonly_fields = ("readability", "published_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "category", "parent", "summary", "is_published",
                           "is_featured", "position")}),
        (_("Page text"), {"fields": ("readability", "description", "how_it_works")}),
        REVIEW_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )


@admin.register(OutcomeStatistic)
class OutcomeStatisticAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ("title", "condition", "measure", "value", "time_point", "is_published",
                    "has_source", "is_highlighted")
    list_filter = ("is_published", "measure", "condition", "is_highlighted")
    search_fields = ("title", "patient_group", "regimen", "source_citation")
    autocomplete_fields = ("condition", "treatments")
    fieldsets = (
        (None, {"fields": ("title", "condition", "treatments", "patient_group", "regimen")}),
        (_("The result"), {"fields": ("measure", "measure_description", "time_point", "value",
                                      "patient_count")}),
        (_("Source (required to publish)"), {"fields": ("source_citation", "source_year", "source_url")}),
        (_("Publishing"), {"fields": ("is_published", "is_highlighted", "position")}),
    )

    @admin.display(boolean=True, description=_("source given"))
    def has_source(self, obj):
        return bool(obj.source_citation.strip())
