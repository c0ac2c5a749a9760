"""Doctors on the pages of the apps below this one, which cannot import it."""

from django import template

from doctors.models import Doctor

register = template.Library()


@register.simple_tag
def doctors_treating(condition):
    """The published doctors who treat a condition, as a list."""
    return list(Doctor.objects.published().for_cards().filter(conditions=condition))


@register.simple_tag
def doctors_at(hospital):
    """The published doctors of a hospital, as a list."""
    return list(Doctor.objects.published().for_cards().filter(hospital=hospital))
