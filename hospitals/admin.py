from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core import admin as core_admin

from .models import Hospital, HospitalContact


class HospitalContactInline(core_admin.RowsInline):
    model = HospitalContact
    fields = ("position", "kind", "value", "purpose")


@admin.register(Hospital)
class HospitalAdmin(core_admin.Reorderable, core_admin.TranslatedPageAdmin):
    list_display = ("name", "position", "city", "is_published", "reader_languages", "updated_at")
    list_filter = ("is_published", core_admin.TranslationFilter)
    list_editable = ("is_published", "position")
    search_fields = ("translations__name", "translations__city")
    slug_from = "name"
    autocomplete_fields = ("conditions",)
    readonly_fields = ("reader_languages", "published_at", "updated_at")
    inlines = [HospitalContactInline]
    formfield_overrides = core_admin.URL_FIELD_OVERRIDES
    fieldsets = (
        (None, {"fields": ("name", "slug", "city", "summary", "is_published", "position")}),
        (_("How to reach it"), {
            "fields": ("address", "email", "map_url", "hours", "time_zone", "languages_spoken"),
            "description": _("Leave empty what is not known: the site shows only what is filled in."),
        }),
        (_("What it offers"), {"fields": ("conditions", "services")}),
        core_admin.TRANSLATION_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )
