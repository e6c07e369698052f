from django.urls import path

from skillsnet.converter import views

app_name = "converter"

urlpatterns = [
    path("", views.start, name="start"),
    path("from/", views.sources, name="sources"),
    path("from/jobs/", views.jobs, name="jobs"),
    path("from/jobs/suggest/", views.jobs_suggest, name="jobs-suggest"),
    path("from/skills/", views.skills, name="skills"),
    path("from/skills/suggest/", views.skills_suggest, name="skills-suggest"),
    path("from/cv/", views.cv, name="cv"),
    path("review/", views.review, name="review"),
    path("review/qualifications/", views.review_credentials, name="review-credentials"),
    path("review/confirm-levels/", views.review_confirm, name="review-confirm"),
    path("review/<slug:skill>/", views.review_change, name="review-change"),
    path("review/<slug:skill>/remove/", views.review_remove, name="review-remove"),
    path("check/", views.check, name="check"),
    path("results/", views.results, name="results"),
    path("results/print/", views.print_view, name="print"),
    path("results/<slug:slug>/", views.role_detail, name="role"),
    path("results/<slug:slug>/learning-plan/", views.learning_plan, name="learning-plan"),
    path("results/<slug:slug>/follow/", views.follow, name="follow"),
    path("save/", views.save, name="save"),
    path("saved/", views.saved, name="saved"),
    path("saved/<int:pk>/open/", views.saved_open, name="saved-open"),
    path("saved/<int:pk>/rename/", views.saved_rename, name="saved-rename"),
    path("saved/<int:pk>/delete/", views.saved_delete, name="saved-delete"),
    path("start-again/", views.start_again, name="start-again"),
]
