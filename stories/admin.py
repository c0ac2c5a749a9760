from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableStackedInline

from core.admin import TRANSLATION_FIELDSET, TranslatedPageAdmin, TranslationFilter

from .models import PatientStory, StoryQuestion, StorySection


class StorySectionInline(TranslatableStackedInline):
    model = StorySection
    extra = 0
    fields = ("position", "heading", "body")


class StoryQuestionInline(TranslatableStackedInline):
    model = StoryQuestion
    extra = 0
    fields = ("position", "question", "answer")


@admin.register(PatientStory)
class PatientStoryAdmin(TranslatedPageAdmin):
    list_display = ("title", "display_name", "country", "condition", "outcome", "is_published",
                    "reader_languages", "consent_on_file", "is_featured", "is_demo_content")
    list_filter = ("is_published", "consent_on_file", "is_featured", TranslationFilter, "condition",
                   "treatments", "country", "is_demo_content")
    search_fields = ("translations__title", "translations__display_name", "translations__summary")
    slug_from = "title"
    autocomplete_fields = ("condition", "treatments")
    readonly_fields = ("readability", "reader_languages", "published_at", "updated_at", "is_demo_content")
    inlines = [StorySectionInline, StoryQuestionInline]
    fieldsets = (
        (_("Consent (required to publish)"), {
            "fields": ("consent_on_file", "consent_date", "consent_scope"),
            "description": _("A story can be published only when the patient's written consent is "
                             "on file. Unticking consent unpublishes the story immediately."),
        }),
        (None, {"fields": ("title", "slug", "summary", "is_published", "is_featured")}),
        (_("The patient"), {"fields": ("display_name", "name_is_pseudonym", "age_at_treatment",
                                       "country", "condition", "diagnosis_detail", "treatments")}),
        (_("Outcome"), {"fields": ("outcome", "outcome_detail", "outcome_timing")}),
        (_("Photo"), {"fields": ("image", "image_alt")}),
        (_("Expert perspective (optional)"), {"fields": ("expert_name", "expert_role", "expert_text")}),
        TRANSLATION_FIELDSET,
        (_("Readability and history"), {"fields": ("readability", "published_at", "updated_at",
                                                   "is_demo_content")}),
    )
