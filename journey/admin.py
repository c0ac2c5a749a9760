from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core import admin as core_admin

from .models import JourneyPage, JourneyStep


class JourneyStepInline(core_admin.StackedRowsInline):
    model = JourneyStep
    fields = ("position", "title", "family_does", "center_does", "needs")


@admin.register(JourneyPage)
class JourneyPageAdmin(core_admin.Reorderable, core_admin.TranslatedPageAdmin):
    list_display = ("title", "position", "is_published", "reader_languages", "updated_at")
    list_editable = ("position",)
    list_filter = ("is_published", core_admin.TranslationFilter)
    slug_from = "title"
    readonly_fields = ("readability", "reader_languages", "published_at", "updated_at")
    inlines = [JourneyStepInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "is_published", "position"),
                "description": _("Describe only what the center really does and offers: no service, price or "
                                 "time that has not been agreed.")}),
        (_("Page text"), {"fields": ("readability", "intro")}),
        core_admin.TRANSLATION_FIELDSET,
        (_("History"), {"fields": ("published_at", "updated_at"), "classes": ("collapse",)}),
    )
