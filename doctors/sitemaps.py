from core.sitemaps import PublishedSitemap

from .models import Doctor


class DoctorSitemap(PublishedSitemap):
    model = Doctor
    priority = 0.6
