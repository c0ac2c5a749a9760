from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin

from core import admin as core_admin

from .models import OutcomeStatistic, Treatment


@admin.register(Treatment)
class TreatmentAdmin(core_admin.Reorderable, core_admin.ReviewStatusColumn, core_admin.TranslatedPageAdmin):
    list_display = ("name", "position", "category", "parent", "is_published", "reader_languages",
                    "review_status", "next_review_due", "updated_at")
    list_filter = ("is_published", "category", core_admin.ReviewDueFilter, core_admin.TranslationFilter)
    list_editable = ("is_published", "position")
    search_fields = ("translations__name", "translations__summary", "translations__description")
    slug_from = "name"
    autocomplete_fields = ("parent",)
    readonly_fields = ("readability", "reader_languages", "published_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "aliases", "slug", "category", "parent", "summary", "is_published",
                           "is_featured", "position")}),
        (_("Page text"), {"fields": ("readability", "description", "illustration", "how_it_works")}),
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


class DataCheckFilter(admin.SimpleListFilter):
    title = _("data check")
    parameter_name = "data_check"

    def lookups(self, request, model_admin):
        return [("fails", _("Fails the data check")), ("passes", _("Passes the data check"))]

    def queryset(self, request, queryset):
        if self.value() not in ("fails", "passes"):
            return queryset
        statistics = list(queryset)
        OutcomeStatistic.check_for_staff(statistics)
        failing = [s.pk for s in statistics if s.data_problems_found]
        return queryset.filter(pk__in=failing) if self.value() == "fails" else queryset.exclude(pk__in=failing)


@admin.register(OutcomeStatistic)
class OutcomeStatisticAdmin(core_admin.Reorderable, core_admin.LongTextBoxes, TranslatableAdmin):
    formfield_overrides = core_admin.URL_FIELD_OVERRIDES
    list_display = ("title", "position", "condition", "measure", "value", "patient_count", "time_point",
                    "is_published", "passes_data_check", "is_highlighted")
    list_editable = ("position",)
    list_filter = ("is_published", DataCheckFilter, "measure", "condition", "is_highlighted")
    search_fields = ("translations__title", "translations__patient_group", "translations__regimen",
                     "citation_title", "citation_authors")
    autocomplete_fields = ("condition", "treatments", "same_group_as")
    readonly_fields = ("data_check",)
    fieldsets = (
        (_("Data check"), {
            "fields": ("data_check",),
            "description": _("A figure can be published only when it passes: a rate from 0 to 100%, counts that "
                             "give the rate, a time point for survival figures, a source, and no contradiction "
                             "with the other figures about the same patients."),
        }),
        (None, {"fields": ("title", "condition", "treatments", "patient_group", "regimen", "same_group_as")}),
        (_("The result"), {
            "fields": ("measure", "measure_description", "value", "outcome_count", "patient_count",
                       "time_point_amount", "time_point_unit"),
            "description": _("Give what the source gives. With the group size, the page shows “5 of 11 "
                             "patients” and how uncertain a figure from a group that size is."),
        }),
        (_("Source (required to publish)"), {"fields": ("source_kind", "citation_authors", "citation_title",
                                                        "citation_venue", "source_year", "doi", "source_url")}),
        (_("Publishing"), {"fields": ("is_published", "is_highlighted", "position")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("condition", "same_group_as")

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        OutcomeStatistic.check_for_staff(changelist.result_list)
        return changelist

    @admin.display(boolean=True, description=_("passes the data check"))
    def passes_data_check(self, obj):
        return not obj.data_problems_found

    @admin.display(description=_("what the check finds"))
    def data_check(self, obj):
        if obj is None or obj.pk is None:
            return _("Checked when you save.")
        problems = obj.data_problems()
        if not problems:
            return _("Passes: this figure may be published.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((p,) for p in problems)))
