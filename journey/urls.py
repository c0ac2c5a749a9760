from django.urls import path

from . import views

app_name = "journey"
urlpatterns = [
    path("", views.JourneyView.as_view(), name="page"),
]
