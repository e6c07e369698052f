from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from skillsnet.catalogue.admin import URL_FIELDS
from skillsnet.centres import services as centre_services
from skillsnet.centres.models import Attendance, Booking, Centre, CourseRun, PracticalQualification, RunSession


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin[Centre]):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "organisation", "region"]
    list_filter = ["region"]
    search_fields = ["name", "organisation", "slug"]
    autocomplete_fields = ["courses"]


# --- Course runs, bookings and qualifications (the booking issue) ----------------------------------
# Runs and their sessions are edited here by programme admins. Bookings are read-only: every seat change
# goes through centres.services, which locks the run, keeps the queue fair and writes the audit log.


class RunSessionInline(admin.TabularInline[RunSession, CourseRun]):
    model = RunSession
    extra = 1


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CourseRun)
class CourseRunAdmin(admin.ModelAdmin[CourseRun]):
    list_display = ["course", "centre", "capacity", "status", "booking_opens_at", "booking_closes_at"]
    list_filter = ["status", "centre", "requires_approval"]
    search_fields = ["course__title", "course__slug", "centre__name"]
    autocomplete_fields = ["course"]
    inlines = [RunSessionInline]
    actions = ["cancel_runs"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change:
            # A larger capacity (or new dates) may free seats: offer them to the queue at once.
            centre_services.run_settle(run=form.instance)

    @admin.action(description="Cancel the selected runs and every booking on them")
    def cancel_runs(self, request: HttpRequest, queryset: QuerySet[CourseRun]) -> None:
        assert request.user.is_authenticated
        cancelled = sum(centre_services.run_cancel(run=run, actor=request.user) for run in queryset.order_by("pk"))
        messages.success(request, f"Runs cancelled; {cancelled} bookings cancelled and the learners emailed.")


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ["learner", "run", "status", "created_at", "offer_expires_at"]
    list_filter = ["status", "run__centre"]
    search_fields = ["learner__email", "run__course__title"]
    list_select_related = ["learner", "run__course", "run__centre"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["booking", "session", "mark", "recorded_by", "recorded_at"]
    list_filter = ["mark"]


@admin.register(PracticalQualification)
class PracticalQualificationAdmin(ReadOnlyAdmin):
    list_display = ["learner", "course", "issued_on", "expires_on", "renewal_reminded_at"]
    search_fields = ["learner__email", "course__title"]
