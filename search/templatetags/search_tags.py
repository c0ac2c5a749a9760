from html import escape  # Django's, which also takes lazy strings, costs three times as much here

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def result_list(page, hits):
    """A page of results (search.query.Hit), numbered on from the page's first. Built in Python: a
    page of search results is rendered for each visitor, and the template's loop cost 0.15-0.21 ms
    of it, against 0.03."""
    items = "".join(f"""
    <li class="search-result">
      <p class="search-result__kind">{escape(hit.kind_name)}</p>
      <h2 class="search-result__title"><a href="{escape(hit.url)}">{escape(hit.title)}</a></h2>
      <p class="search-result__snippet">{hit.snippet}</p>
    </li>""" for hit in hits)
    return mark_safe(f'<ol class="search-results" start="{page.start_index()}">{items}\n  </ol>')  # noqa: S308 - escaped above; a snippet is safe HTML
