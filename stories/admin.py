from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core import admin as core_admin

from .models import PatientStory, StoryQuestion, StorySection, StoryTreatmentNote


class StorySectionInline(core_admin.StackedRowsInline):
    model = StorySection
    fields = ("position", "voice", "heading", "speaker", "body")


class StoryQuestionInline(core_admin.StackedRowsInline):
    model = StoryQuestion
    fields = ("position", "question", "answer_voice", "answer")


class StoryTreatmentNoteInline(core_admin.RowsInline):
    model = StoryTreatmentNote
    autocomplete_fields = ("treatment",)
    fields = ("position", "treatment", "aspect", "text")


@admin.register(PatientStory)
class PatientStoryAdmin(core_admin.ReviewStatusColumn, core_admin.TranslatedPageAdmin):
    list_display = ("title", "display_name", "country", "condition", "outcome", "is_published",
                    "reader_languages", "review_status", "consent_on_file", "is_featured", "is_demo_content")
    list_filter = ("is_published", "consent_on_file", "is_featured", core_admin.ReviewDueFilter,
                   core_admin.TranslationFilter, "condition",
                   "treatments", "country", "is_demo_content")
    search_fields = ("translations__title", "translations__display_name", "translations__summary")
    slug_from = "title"
    autocomplete_fields = ("condition", "treatments", "doctors", "expert")
    readonly_fields = ("readability", "reader_languages", "published_at", "updated_at", "is_demo_content")
    inlines = [StorySectionInline, StoryQuestionInline, StoryTreatmentNoteInline]
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
        (_("Doctors"), {"fields": ("doctors",)}),
        (_("Expert perspective (optional)"), {
            "fields": ("expert", "expert_name", "expert_role", "expert_voice", "expert_text"),
            "description": _("Choose the expert's profile; type a name and role only for someone without one. "
                             "Words are shown as a quotation only when they are the expert's own, exactly."),
        }),
        core_admin.REVIEW_FIELDSET,
        core_admin.TRANSLATION_FIELDSET,
        (_("Readability and history"), {"fields": ("readability", "published_at", "updated_at",
                                                   "is_demo_content")}),
    )
