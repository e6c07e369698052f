from django.urls import path

from skillsnet.centres import views

app_name = "centres"

urlpatterns = [
    path("centres/", views.centre_list, name="centres"),
    path("centres/<slug:slug>/", views.centre_detail, name="centre"),
    path("centres/<slug:slug>/manage/", views.manage_dashboard, name="manage"),
    path("centres/<slug:slug>/manage/runs/new/", views.manage_run_new, name="manage-run-new"),
    path("centres/<slug:slug>/manage/runs/upload/", views.manage_runs_upload, name="manage-runs-upload"),
    path("centres/<slug:slug>/manage/runs/<int:pk>/", views.manage_run, name="manage-run"),
    path(
        "centres/<slug:slug>/manage/runs/<int:pk>/sessions/<int:session_pk>/attendance/",
        views.manage_attendance,
        name="manage-attendance",
    ),
    path("centres/<slug:slug>/manage/bookings/<int:pk>/<str:decision>/", views.manage_decide, name="manage-decide"),
    path("training-centres/", views.find_runs, name="find"),
    path("training-centres/runs/<int:pk>/", views.run_detail, name="run"),
    path("training-centres/runs/<int:pk>/book/", views.run_book, name="book"),
    path("bookings/", views.my_bookings, name="my-bookings"),
    path("bookings/approvals/", views.employer_approvals, name="approvals"),
    path("bookings/approvals/<int:pk>/<str:decision>/", views.employer_decide, name="approvals-decide"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="cancel"),
    path("bookings/<int:pk>/accept/", views.booking_accept, name="accept"),
    path("bookings/<int:pk>/decline/", views.booking_decline, name="decline"),
    path("bookings/<int:pk>/calendar.ics", views.booking_ics, name="calendar"),
]
