from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from consult.views import attachment_download
from core.storage import public_media
from hospitals.views import ContactView

from . import views
from .sitemaps import SITEMAPS

# (address, name of the URL and of its template in pages/, title, description)
FIXED_PAGES = [
    ("privacy/", "privacy", _("Privacy notice"),
     _("What our consultation form collects, why, who sees it, how long we keep it and how to ask us "
       "to delete it.")),
    ("accessibility/", "accessibility", _("Accessibility statement"),
     _("The accessibility standard this site meets, how we test it, known gaps and how to report a "
       "problem.")),
    ("about-our-data/", "about_our_data", _("About our data"),
     _("What the outcome figures on this site mean, where they come from, what they do not tell you, "
       "and why results vary.")),
]

# The staff site says whose it is, in the editor's language, not "Django administration".
admin.site.site_header = admin.site.site_title = _("GoBroad Hematology — staff")
admin.site.index_title = _("Content and consultation requests")

# Outside the language prefixes: what is in no language, or only for staff.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("consult/attachments/<int:pk>/", attachment_download, name="consult_attachment"),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Every public page under /en/, /zh-hans/ and /ru/. An address without a prefix (as all
# were before) is redirected by LocaleMiddleware to the visitor's language, English if
# their browser prefers none of the three.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    *(
        path(route, views.PageView.as_view(template_name=f"pages/{name}.html", page_title=title,
                                           page_description=description), name=name)
        for route, name, title, description in FIXED_PAGES
    ),
    path("conditions/", include("conditions.urls")),
    path("treatments/", include("treatments.urls")),
    path("stories/", include("stories.urls")),
    path("hospitals/", include("hospitals.urls")),
    path("doctors/", include("doctors.urls")),
    path("international-patients/", include("journey.urls")),
    path("contact/", ContactView.as_view(), name="contact"),
    path("consult/", include("consult.urls")),
    path("search/", include("search.urls")),
    prefix_default_language=True,
)

handler404 = views.page_not_found

if settings.SERVE_MEDIA:
    # Story and doctor photos from the default storage, folder or bucket (core/storage.py);
    # in production nginx keeps a copy of each (deploy/nginx.conf).
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", public_media, name="public-media")]
