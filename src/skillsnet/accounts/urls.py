from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from skillsnet.accounts import audit_views, privacy_views, views
from skillsnet.accounts.forms import QueuedPasswordResetForm, SignInForm
from skillsnet.ratelimit import rate_limit

app_name = "accounts"

urlpatterns = [
    # Abuse limits per client address (docs/SECURITY.md); sign-in is also throttled per account by axes.
    path("register/", rate_limit("register", per_minute=5, per_hour=30)(views.register), name="register"),
    path("register/check-your-email/", views.registered, name="registered"),
    path(
        "sign-in/",
        rate_limit("sign-in", per_minute=20, per_hour=200, field="username")(
            auth_views.LoginView.as_view(
                template_name="accounts/sign_in.html", authentication_form=SignInForm, redirect_authenticated_user=True
            )
        ),
        name="sign-in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(template_name="accounts/signed_out.html"), name="sign-out"),
    path("", views.account, name="account"),
    path("dashboards/", views.dashboards, name="dashboards"),
    path("privacy/", privacy_views.privacy_overview, name="privacy"),
    path("privacy/download/", privacy_views.privacy_download, name="privacy-download"),
    path("privacy/delete/", privacy_views.privacy_delete, name="privacy-delete"),
    path("privacy/deleted/", privacy_views.privacy_deleted, name="privacy-deleted"),
    path("activity/", audit_views.my_activity, name="activity"),
    path("audit/", audit_views.audit_log_page, name="audit"),
    path("audit/audit-log.csv", audit_views.audit_log_csv, name="audit-csv"),
    path(
        "password-reset/",
        rate_limit("password-reset", per_minute=5, per_hour=20, field="email")(
            audit_views.PasswordResetView.as_view(
                template_name="accounts/password_reset.html",
                form_class=QueuedPasswordResetForm,
                email_template_name="accounts/email/password_reset.txt",
                subject_template_name="accounts/email/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password-reset-sent"),
            )
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        audit_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
]
