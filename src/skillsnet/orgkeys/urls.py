from django.urls import path

from skillsnet.orgkeys import views

app_name = "orgkeys"

urlpatterns = [
    path("api-keys/", views.keys, name="keys"),
    path("api-keys/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("api-keys/webhooks/", views.webhooks, name="webhooks"),
]
