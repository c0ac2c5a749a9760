"""The hospitals' contact details on every page's footer."""

from django import template

from hospitals.models import Hospital

register = template.Library()


@register.simple_tag
def hospitals_to_contact():
    return list(Hospital.objects.for_contact())
