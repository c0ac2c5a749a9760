from django import template

from consult.models import reply_time_promise

register = template.Library()


@register.simple_tag
def reply_time():
    """The promised reply time in the active language ("usually within 2 working days (…)"), or ""
    when none is set: `{% reply_time as when %}{% if when %}…{{ when }}…{% else %}…{% endif %}`."""
    return reply_time_promise()
