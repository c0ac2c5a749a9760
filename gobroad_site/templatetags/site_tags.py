from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from gobroad_site import structured_data
from gobroad_site.richtext import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render editor-written Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context):
    return structured_data.breadcrumbs(context)


@register.simple_tag(takes_context=True)
def json_ld(context, crumbs):
    data = structured_data.page_graph(context, crumbs)
    return format_html('<script type="application/ld+json">{}</script>',
                       mark_safe(structured_data.to_script_json(data)))  # noqa: S308 - escaped for <script>


@register.simple_tag(takes_context=True)
def review_overdue(context):
    """Pages past their medical review date, for the admin home, per model the user may change."""
    from conditions.models import Condition
    from treatments.models import Treatment

    user = context["request"].user
    items = []
    for model in (Condition, Treatment):
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        count = model.objects.due_for_review().count()
        if count:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?review=overdue"
            items.append({"label": opts.verbose_name_plural.capitalize(), "count": count, "url": url})
    return {"total": sum(item["count"] for item in items), "items": items}
