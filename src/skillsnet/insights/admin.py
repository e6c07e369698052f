from django.contrib import admin

from skillsnet.insights.models import CourseFeedback


@admin.register(CourseFeedback)
class CourseFeedbackAdmin(admin.ModelAdmin[CourseFeedback]):
    list_display = ["course", "rating", "learner", "updated_at"]
    list_filter = ["rating"]
    search_fields = ["course__title", "learner__email"]
    list_select_related = ["course", "learner"]
