from django.urls import path

from . import views

app_name = "hospitals"
urlpatterns = [
    path("", views.HospitalListView.as_view(), name="list"),
    path("<slug:slug>/", views.HospitalDetailView.as_view(), name="detail"),
]
