"""The online training platform under /training/ (namespace `learning`)."""

from django.urls import path

from skillsnet.learning import authoring_views, views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("courses/<slug:slug>/", views.course_detail, name="course"),
    path("courses/<slug:slug>/enrol", views.enrol, name="enrol"),
    path("courses/<slug:slug>/lessons/<int:pk>/", views.lesson_detail, name="lesson"),
    path("courses/<slug:slug>/lessons/<int:pk>/complete", views.lesson_complete, name="lesson-complete"),
    path("courses/<slug:slug>/lessons/<int:pk>/check", views.check_submit, name="check"),
    path("files/<int:pk>/", views.file_download, name="file"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("plan/", views.plan, name="plan"),
    path("plan/new", views.plan_create, name="plan-create"),
    path("plan/steps/add", views.plan_add, name="plan-add"),
    path("plan/steps/<int:pk>/remove", views.plan_remove, name="plan-remove"),
    path("plan/steps/<int:pk>/<str:direction>", views.plan_move, name="plan-move"),
    path("records.json", views.records_json, name="records"),
    path("provider/", authoring_views.provider_home, name="provider"),
    path("provider/courses/<slug:slug>/", authoring_views.provider_course, name="provider-course"),
    path("provider/courses/<slug:slug>/modules/<int:pk>/", authoring_views.provider_module, name="provider-module"),
    path("provider/courses/<slug:slug>/lessons/<int:pk>/", authoring_views.provider_lesson, name="provider-lesson"),
    path(
        "provider/courses/<slug:slug>/files/<int:pk>/delete",
        authoring_views.provider_file_delete,
        name="provider-file-delete",
    ),
    path(
        "provider/courses/<slug:slug>/questions/<int:pk>/delete",
        authoring_views.provider_question_delete,
        name="provider-question-delete",
    ),
]
