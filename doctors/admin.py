from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core import admin as core_admin

from .models import Doctor


@admin.register(Doctor)
class DoctorAdmin(core_admin.Reorderable, core_admin.TranslatedPageAdmin):
    list_display = ("name", "position", "role", "hospital", "is_published", "reader_languages", "updated_at")
    list_filter = ("is_published", "hospital", "conditions", core_admin.TranslationFilter)
    list_editable = ("is_published", "position")
    search_fields = ("translations__name", "aliases", "translations__role")
    slug_from = "name"
    autocomplete_fields = ("hospital", "conditions")
    readonly_fields = ("reader_languages", "published_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "aliases", "slug", "title", "role", "summary", "hospital", "is_published",
                           "position")}),
        (_("Practice"), {"fields": ("conditions", "specialties", "languages", "education", "interests")}),
        (_("Photo (shown only with consent)"), {"fields": ("photo_consent_on_file", "image", "image_alt")}),
        (_("In the doctor's own words"), {
            "fields": ("own_words",),
            "description": _("Only words the doctor said or wrote exactly. Leave empty otherwise."),
        }),
        core_admin.TRANSLATION_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )
