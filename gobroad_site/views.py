"""Site-wide pages: home, fixed information pages, health check, robots.txt, errors."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from conditions.models import Condition
from stories.models import PatientStory
from treatments.models import OutcomeStatistic, Treatment


class PageView(TemplateView):
    """A template page whose title and description are given where it is routed."""

    page_title = ""
    page_description = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("page_title", self.page_title)
        context.setdefault("page_description", self.page_description)
        return context


class HomeView(PageView):
    template_name = "home.html"
    page_title = _("Blood cancer care, explained plainly")
    page_description = _(
        "GoBroad Healthcare Group treats blood cancers such as multiple myeloma. Read about "
        "conditions, treatments and reported outcomes with their sources, and ask our specialists."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conditions"] = Condition.objects.published().filter(is_featured=True)
        context["treatments"] = Treatment.objects.published().filter(parent=None, is_featured=True)
        context["statistics"] = OutcomeStatistic.objects.for_display().filter(is_highlighted=True)
        context["stories"] = PatientStory.objects.published().for_cards().filter(is_featured=True)[:3]
        return context


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM django_migrations")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse({"status": "unavailable", "reason": f"database: {error}"}, status=503)
    return JsonResponse({"status": "ok"})


def sitemap(request, sitemaps):
    return sitemap_views.sitemap(request, sitemaps)


sitemap.page_cache_query_params = ("p",)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{_admin_prefix()}",
        f"Disallow: {reverse('consult:thanks')}",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _admin_prefix():
    return reverse("admin:index").lstrip("/")
