from django.urls import path

from skillsnet.catalogue import publishing_views, views

app_name = "catalogue"

urlpatterns = [
    path("roles/", views.role_list, name="roles"),
    path("roles/<slug:slug>/", views.role_detail, name="role"),
    path("skills/<slug:slug>/", views.skill_detail, name="skill"),
    # Providers publish their own catalogue; the programme team reviews it.
    path("publish/review/", publishing_views.review, name="review"),
    path("publish/review/<slug:course>/<str:decision>/", publishing_views.review_decide, name="review-decide"),
    path("publish/<slug:provider>/", publishing_views.provider_courses, name="provider-courses"),
    path("publish/<slug:provider>/new/", publishing_views.course_new, name="course-new"),
    path("publish/<slug:provider>/upload/", publishing_views.upload, name="upload"),
    path("publish/<slug:provider>/courses/<slug:course>/", publishing_views.course_edit, name="course-edit"),
    path("publish/<slug:provider>/courses/<slug:course>/submit/", publishing_views.course_submit, name="course-submit"),
]
