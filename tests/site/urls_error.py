from django.urls import path

from gobroad_site.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("test failure")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
