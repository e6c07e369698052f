from django.contrib import admin
from django.urls import include, path

from skillsnet import views
from skillsnet.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("career-converter/", views.coming_soon, {"part": "converter"}, name="converter-placeholder"),
    path("training/", views.coming_soon, {"part": "training"}, name="training-placeholder"),
    path("training-centres/", views.coming_soon, {"part": "centres"}, name="centres-placeholder"),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include("skillsnet.accounts.urls")),
    path("", include("skillsnet.catalogue.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler404 = "skillsnet.views.not_found"
handler500 = "skillsnet.views.server_error"
