"""Public credential addresses (namespace `credentials`): keys, issuer profile, verification, status."""

from django.urls import path

from skillsnet.learning import credential_views as views

app_name = "credentials"

urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("credentials/issuer", views.issuer, name="issuer"),
    path("credentials/<uuid:pk>/verify", views.credential_verify, name="verify"),
    path("credentials/<uuid:pk>/status", views.credential_status, name="status"),
    path("credentials/<uuid:pk>.json", views.credential_json, name="json"),
    path("credentials/<uuid:pk>.jwt", views.credential_jwt, name="jwt"),
]
