"""Site-wide pages: home, fixed information pages, health check, robots.txt and the sitemap."""

import logging

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from conditions.models import Condition
from core.structured_data import absolute
from core.translation import language_tag
from core.views import PageMixin
from stories.models import PatientStory
from treatments.models import Treatment

logger = logging.getLogger(__name__)


class PageView(PageMixin, TemplateView):
    """A template page whose title and description are given where it is routed."""


class HomeView(PageView):
    template_name = "home.html"
    page_title = _("Blood cancer care, explained plainly")
    page_description = _(
        "GoBroad Healthcare Group treats blood cancers such as multiple myeloma. Read about "
        "conditions, treatments and reported outcomes with their sources, and ask our specialists."
    )

    def get_structured_data(self):
        """The site, searchable: how a search engine can send a reader straight to our results."""
        return [{
            "@type": "WebSite",
            "@id": absolute("/#website"),
            "url": absolute(reverse("home")),
            "name": "GoBroad Hematology",
            "inLanguage": language_tag(translation.get_language()),
            "publisher": {"@id": absolute("/#organization")},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint",
                           "urlTemplate": absolute(reverse("search:results")) + "?q={search_term_string}"},
                "query-input": "required name=search_term_string",
            },
        }]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Built only when <main> is rendered, not when its kept fragment is used: even building
        # these queries took a third of a rendered home page.
        context["conditions"] = SimpleLazyObject(
            lambda: list(Condition.objects.for_cards().filter(is_featured=True)))
        context["treatments"] = SimpleLazyObject(lambda: list(
            Treatment.objects.published().filter(parent=None, is_featured=True).prefetch_related("translations")))
        context["reported_results"] = SimpleLazyObject(lambda: list(Condition.objects.with_home_results()))
        context["stories"] = SimpleLazyObject(
            lambda: list(PatientStory.objects.published().for_cards().filter(is_featured=True)[:3]))
        return context


class NotFoundView(PageView):
    template_name = "404.html"
    page_title = _("Page not found")
    page_description = _("This page could not be found.")

    def get_breadcrumbs(self):
        return super().get_breadcrumbs()[:1]

    # Never kept under the address asked for: every unknown address would add a copy. Its <main>
    # is the same at every address, and kept once per language.
    def get_rendering_key(self):
        return None

    def get_main_rendering_key(self):
        return self.rendering_key_for("any address")


def page_not_found(request, exception):
    """The 404 page, with the site's chrome, whatever the request's method."""
    view = NotFoundView()
    view.setup(request)
    return view.render_to_response(view.get_context_data(), status=404).render()


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 otherwise; the reason goes to the log, not to the caller."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM django_migrations")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def sitemap(request, sitemaps):
    return sitemap_views.sitemap(request, sitemaps)


sitemap.page_cache_query_params = ("p",)


@require_safe
def robots_txt(request):
    # The admin is left out on purpose: naming it here would publish the path DJANGO_ADMIN_URL
    # hides, and its pages send noindex themselves.
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('consult:thanks')}")
    lines.append(f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
