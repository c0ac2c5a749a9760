from django import template
from django.utils.safestring import mark_safe

from gobroad_site.richtext import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render editor-written Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it
