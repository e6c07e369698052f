from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from skillsnet.accounts.models import User
from skillsnet.learning import services
from skillsnet.learning.models import (
    Choice,
    Credential,
    Enrolment,
    LearningPlan,
    Lesson,
    LessonFile,
    Module,
    PlanItem,
    Question,
    SkillEvidence,
    Statement,
)


class LessonInline(admin.TabularInline[Lesson, Module]):
    model = Lesson
    fields = ["position", "title", "status", "pass_mark"]
    extra = 0
    show_change_link = True


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin[Module]):
    list_display = ["title", "course", "position", "status"]
    list_filter = ["status", "course__provider"]
    search_fields = ["title", "course__title"]
    autocomplete_fields = ["course"]
    inlines = [LessonInline]


class LessonFileInline(admin.TabularInline[LessonFile, Lesson]):
    model = LessonFile
    extra = 0


class QuestionInline(admin.StackedInline[Question, Lesson]):
    model = Question
    extra = 0
    show_change_link = True


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin[Lesson]):
    list_display = ["title", "module", "position", "status"]
    list_filter = ["status"]
    search_fields = ["title", "module__course__title"]
    inlines = [LessonFileInline, QuestionInline]


class ChoiceInline(admin.TabularInline[Choice, Question]):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin[Question]):
    list_display = ["text", "lesson"]
    inlines = [ChoiceInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin[Enrolment]):
    list_display = ["learner", "course", "enrolled_at", "completed_at"]
    list_filter = ["completed_at"]
    search_fields = ["learner__email", "course__title"]
    raw_id_fields = ["learner"]


@admin.register(SkillEvidence)
class SkillEvidenceAdmin(admin.ModelAdmin[SkillEvidence]):
    list_display = ["learner", "skill", "level", "source", "at"]
    list_filter = ["source"]
    search_fields = ["learner__email", "skill__name"]
    raw_id_fields = ["learner"]


class PlanItemInline(admin.TabularInline[PlanItem, LearningPlan]):
    model = PlanItem
    extra = 0


@admin.register(LearningPlan)
class LearningPlanAdmin(admin.ModelAdmin[LearningPlan]):
    list_display = ["learner", "target_role", "target_date", "is_active"]
    raw_id_fields = ["learner"]
    inlines = [PlanItemInline]


@admin.action(description="Revoke the selected credentials (reason: withdrawn by the programme team)")
def revoke(modeladmin: CredentialAdmin, request: HttpRequest, queryset: QuerySet[Credential]) -> None:
    actor = request.user if isinstance(request.user, User) else None
    done = 0
    for credential in queryset.filter(revoked_at__isnull=True):
        services.credential_revoke(credential=credential, actor=actor, reason="Withdrawn by the programme team.")
        done += 1
    modeladmin.message_user(request, f"{done} credential(s) revoked.", messages.SUCCESS)


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin[Credential]):
    list_display = ["achievement_name", "learner", "issued_at", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["learner__email", "achievement_name"]
    readonly_fields = [
        "id", "learner", "achievement_name", "description", "issued_at", "expires_at", "revoked_at",
        "revocation_reason", "source_type", "source_id", "document", "jwt",
    ]  # fmt: skip
    actions = [revoke]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # credentials are issued by the service, never typed in

    def has_delete_permission(self, request: HttpRequest, obj: Credential | None = None) -> bool:
        return False  # revoke instead: a deleted credential would fail verification without a reason


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin[Statement]):
    list_display = ["timestamp", "learner", "verb", "object_id", "forwarded_at"]
    list_filter = ["verb"]
    search_fields = ["learner__email", "object_id"]
    readonly_fields = ["id", "learner", "verb", "object_id", "timestamp", "data", "forwarded_at", "forward_attempts"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
