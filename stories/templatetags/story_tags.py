"""Stories on the pages of the apps below this one, which cannot import it."""

from django import template

from stories.models import PatientStory

register = template.Library()


@register.simple_tag
def stories_about(subject, limit=6):
    """Up to `limit` published stories about a condition or a treatment, as a list."""
    return list(PatientStory.objects.about(subject)[:limit])
