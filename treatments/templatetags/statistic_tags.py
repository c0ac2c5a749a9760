from django import template

from treatments.models import OutcomeStatistic

register = template.Library()


@register.simple_tag
def measure_meanings():
    """(name, meaning) of every measure a figure can use, in the order editors choose them."""
    return [(label, OutcomeStatistic.MEANINGS[measure]) for measure, label in OutcomeStatistic.Measure.choices
            if measure in OutcomeStatistic.MEANINGS]
