from django import template
from django.apps import apps
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.models import MedicallyReviewedModel
from core.richtext import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render editor-written Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.simple_tag(takes_context=True)
def review_overdue(context):
    """Pages past their medical review date, for the admin home, per model the user may change."""
    user = context["request"].user
    items = []
    for model in apps.get_models():
        if not issubclass(model, MedicallyReviewedModel):
            continue
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        count = model.objects.due_for_review().count()
        if count:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?review=overdue"
            items.append({"label": opts.verbose_name_plural.capitalize(), "count": count, "url": url})
    return {"total": sum(item["count"] for item in items), "items": items}
