from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.views import PageMixin

from .query import MAX_QUERY_CHARS, add_snippets, search

RESULTS_PER_PAGE = 10


class SearchView(PageMixin, TemplateView):
    """`/<language>/search/?q=…`: results in the reader's language, each labelled with its kind.

    Never stored in the shared page cache (every query would be an entry of its own), but a
    browser may keep a result page for a minute.
    """

    template_name = "search/results.html"
    page_title = _("Search")
    page_description = _("Search the site: conditions, treatments, patient stories, doctors and hospitals.")
    page_cache_query_params = ("q", "page")
    cache_main_rendering = False

    def get_rendering_key(self):
        # The <head> is the same whatever was asked (its canonical address has no query).
        return repr((self.request.path, self.request.user.is_staff))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        typed = self.request.GET.get("q", "").strip()
        query = typed[:MAX_QUERY_CHARS]
        found = search(query, translation.get_language()) if query else None
        page = Paginator(found.documents if found else [], RESULTS_PER_PAGE).get_page(self.request.GET.get("page"))
        add_snippets(page.object_list, found.wanted if found else set())
        for document in page:
            document.kind_name = apps.get_model(document.kind)._meta.verbose_name
        context.update(query=query, found=found, page=page, page_query=urlencode({"q": query}),
                       max_query_chars=MAX_QUERY_CHARS,
                       too_long=len(typed) > MAX_QUERY_CHARS)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_cache_control(response, private=True, max_age=60)
        return response
