"""`skillsnet demo_insights`: refuses production, needs a catalogue, and a second run adds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command

from skillsnet.accounts.models import User
from skillsnet.converter.models import Assessment
from skillsnet.industry.models import ContactRequest, Employer, TalentConsent, Vacancy

pytestmark = pytest.mark.django_db


def test_it_refuses_to_run_in_production(catalogue: Any, settings: Any) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="development only"):
        call_command("demo_insights")
    assert not Employer.objects.exists()


def test_it_needs_the_catalogue_first(db: None) -> None:
    with pytest.raises(CommandError, match="load_dataset"):
        call_command("demo_insights")


def test_it_creates_the_demo_data_once(catalogue: Any, make_user: Any) -> None:
    from skillsnet.accounts.models import Role

    make_user("employer@example.com", roles=[(Role.EMPLOYER, "demo-biotech")])
    call_command("demo_insights", learners=20, stdout=None)
    counts = (
        User.objects.count(),
        Assessment.objects.count(),
        TalentConsent.objects.count(),
        Vacancy.objects.count(),
        ContactRequest.objects.count(),
    )
    assert Employer.objects.get().slug == "demo-biotech"
    assert counts[0] == 21
    assert counts[1] == 20
    assert counts[2] > 0
    assert counts[3] == 2
    assert counts[4] == 3
    assert User.objects.exclude(region="").count() == 20
    call_command("demo_insights", learners=20)
    assert counts == (
        User.objects.count(),
        Assessment.objects.count(),
        TalentConsent.objects.count(),
        Vacancy.objects.count(),
        ContactRequest.objects.count(),
    )


def test_it_books_learners_onto_runs_already_under_way(catalogue: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from skillsnet.centres.models import Booking, BookingStatus
    from skillsnet.centres.services import demo_schedule_create

    demo_schedule_create(start=timezone.localdate(), months=1)
    call_command("demo_insights", learners=20, stdout=None)
    now = timezone.now()
    past = Booking.objects.filter(run__sessions__starts_at__lte=now, status=BookingStatus.CONFIRMED).distinct()
    assert past.exists()  # centre staff can mark attendance straight away
    assert all(b.created_at < b.run.sessions.order_by("starts_at").first().starts_at for b in past)
    assert all(b.run.sessions.order_by("starts_at").first().starts_at > now - timedelta(days=60) for b in past)
    again = past.count()
    call_command("demo_insights", learners=20, stdout=None)
    assert past.count() == again
