"""Employers, vacancies and consented talent search (namespace `industry`)."""

from django.urls import path

from skillsnet.industry import views

app_name = "industry"

urlpatterns = [
    path("vacancies/", views.vacancy_list, name="vacancies"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy-public"),
    path("employers/<slug:slug>/", views.employer_dashboard, name="employer"),
    path("employers/<slug:slug>/vacancies/new/", views.vacancy_create, name="vacancy-create"),
    path("employers/<slug:slug>/vacancies/<int:pk>/", views.vacancy_manage, name="vacancy"),
    path("employers/<slug:slug>/vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy-edit"),
    path("employers/<slug:slug>/vacancies/<int:pk>/close/", views.vacancy_close, name="vacancy-close"),
    path("employers/<slug:slug>/vacancies/<int:pk>/skills/", views.vacancy_skills, name="vacancy-skills"),
    path("employers/<slug:slug>/vacancies/<int:pk>/candidates/", views.candidates, name="candidates"),
    path(
        "employers/<slug:slug>/vacancies/<int:pk>/candidates/<str:handle>/",
        views.candidate_detail,
        name="candidate",
    ),
    path("account/discoverable/", views.discoverable, name="discoverable"),
    path("account/contact-requests/", views.contact_requests, name="contact-requests"),
    path("account/contact-requests/<int:pk>/<str:decision>/", views.contact_decide, name="contact-decide"),
]
