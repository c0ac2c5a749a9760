from django import template
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.models import MedicallyReviewedModel
from core.richtext import render_markdown
from core.translation import SOURCE_LANGUAGE, TranslatedPage, language_tag

register = template.Library()


@register.filter
def markdown(text):
    """Render editor-written Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.filter
def lang_attr(obj):
    """` lang="en"` on an element holding `obj`'s text when it is in another language than the page."""
    language = obj.get_current_language()
    if language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language_tag(language))


@register.simple_tag(takes_context=True)
def content_status(context):
    """What the admin home lists for editors: pages past their medical review date, and pages
    not yet readable, or not yet checked by a doctor, in each language; per model they may change."""
    user = context["request"].user
    overdue, translations = [], []
    for model in apps.get_models():
        opts = model._meta
        if not issubclass(model, TranslatedPage) or not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        label = opts.verbose_name_plural.capitalize()
        if issubclass(model, MedicallyReviewedModel):
            count = model.objects.due_for_review().count()
            if count:
                overdue.append({"label": label, "count": count, "url": f"{changelist}?review=overdue"})
        for code, name in settings.LANGUAGES:
            if code == SOURCE_LANGUAGE:
                continue
            missing = model.objects.missing_translation(code).count()
            unreviewed = model.objects.unreviewed_translation(code).count()
            if missing or unreviewed:
                translations.append({
                    "label": label, "language": name, "missing": missing, "unreviewed": unreviewed,
                    "missing_url": f"{changelist}?translation=missing:{code}",
                    "unreviewed_url": f"{changelist}?translation=unreviewed:{code}",
                })
    return {"overdue_total": sum(item["count"] for item in overdue), "overdue": overdue,
            "translations": translations}
