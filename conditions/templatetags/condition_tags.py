"""Conditions on the pages of the apps below this one, which cannot import it."""

from django import template

from conditions.models import Condition

register = template.Library()


@register.simple_tag
def conditions_treated_with(treatment):
    """The published conditions a treatment is used for, as a list."""
    return list(Condition.objects.published().filter(condition_treatments__treatment=treatment)
                .prefetch_related("translations"))
