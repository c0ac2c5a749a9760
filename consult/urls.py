from django.urls import path

from . import views

app_name = "consult"
urlpatterns = [
    path("", views.ConsultRequestView.as_view(), name="request"),
    path("thanks/", views.ConsultThanksView.as_view(), name="thanks"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
