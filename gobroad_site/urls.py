from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "privacy/",
        views.PageView.as_view(
            template_name="pages/privacy.html",
            page_title=_("Privacy notice"),
            page_description=_("What our consultation form collects, why, who sees it, how "
                               "long we keep it and how to ask us to delete it."),
        ),
        name="privacy",
    ),
    path(
        "accessibility/",
        views.PageView.as_view(
            template_name="pages/accessibility.html",
            page_title=_("Accessibility statement"),
            page_description=_("The accessibility standard this site meets, how we test it, "
                               "known gaps and how to report a problem."),
        ),
        name="accessibility",
    ),
    path(
        "about-our-data/",
        views.PageView.as_view(
            template_name="pages/about_our_data.html",
            page_title=_("About our data"),
            page_description=_("What the outcome figures on this site mean, where they come "
                               "from, what they do not tell you, and why results vary."),
        ),
        name="about_our_data",
    ),
    path("conditions/", include("conditions.urls")),
    path("treatments/", include("treatments.urls")),
    path("stories/", include("stories.urls")),
    path("consult/", include("consult.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Story photos for `make serve`; in production the web server or a CDN serves MEDIA_ROOT.
    urlpatterns += [
        re_path(r"^media/(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
