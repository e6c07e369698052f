from django.urls import path

from skillsnet.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("roles/", views.role_list, name="roles"),
    path("roles/<slug:slug>/", views.role_detail, name="role"),
    path("skills/<slug:slug>/", views.skill_detail, name="skill"),
]
