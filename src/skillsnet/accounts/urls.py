from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from skillsnet.accounts import views
from skillsnet.accounts.forms import QueuedPasswordResetForm, SignInForm

app_name = "accounts"

urlpatterns = [
    path("register/", views.register, name="register"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html", authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="sign-in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(template_name="accounts/signed_out.html"), name="sign-out"),
    path("", views.account, name="account"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=QueuedPasswordResetForm,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-sent"),
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
        auth_views.PasswordResetConfirmView.as_view(
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
