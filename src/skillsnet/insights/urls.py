"""The programme dashboard, provider statistics and course feedback (namespace `insights`)."""

from django.urls import path

from skillsnet.insights import views

app_name = "insights"

urlpatterns = [
    path("insights/", views.dashboard, name="dashboard"),
    path("insights/<slug:key>.csv", views.table_csv, name="csv"),
    path("providers/<slug:slug>/statistics/", views.provider_statistics, name="provider"),
    path("providers/<slug:slug>/statistics.csv", views.provider_statistics_csv, name="provider-csv"),
    path("training/courses/<slug:slug>/feedback/", views.course_feedback, name="feedback"),
]
