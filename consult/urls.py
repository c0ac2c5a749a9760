from django.urls import path

from . import views

# The public pages, under each language's prefix. Attachments are downloaded outside the
# prefixes (gobroad_site/urls.py): they are files, in no language.
app_name = "consult"
urlpatterns = [
    path("", views.ConsultRequestView.as_view(), name="request"),
    path("thanks/", views.ConsultThanksView.as_view(), name="thanks"),
    path("status/", views.ConsultStatusView.as_view(), name="status"),
]
