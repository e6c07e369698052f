from django.contrib import admin
from django.urls import include, path

from skillsnet import views
from skillsnet.api import api
from skillsnet.centres import views as centre_views
from skillsnet.converter import views as converter_views
from skillsnet.learning import views as learning_views

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    # The Career Converter's start page keeps the name the site navigation links to.
    path("career-converter/", converter_views.start, name="converter-placeholder"),
    path("career-converter/", include("skillsnet.converter.urls")),
    # The training catalogue keeps the name the site navigation links to.
    path("training/", learning_views.catalogue, name="training-placeholder"),
    path("training/", include("skillsnet.learning.urls")),
    path("", include("skillsnet.learning.credential_urls")),
    # The run finder keeps the name the site navigation links to.
    path("training-centres/", centre_views.find_runs, name="centres-placeholder"),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include("skillsnet.accounts.urls")),
    path("", include("skillsnet.catalogue.urls")),
    path("", include("skillsnet.centres.urls")),
    path("", include("skillsnet.industry.urls")),
    path("", include("skillsnet.insights.urls")),
    path("", include("skillsnet.orgkeys.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler404 = "skillsnet.views.not_found"
handler500 = "skillsnet.views.server_error"
