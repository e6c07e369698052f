"""Consented talent search: who employers can find, what they see, and withdrawal taking effect at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from skillsnet import engine
from skillsnet.accounts.models import AuditEntry, User
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.converter.selectors import saved_profile
from skillsnet.industry import selectors, services
from skillsnet.industry.models import ContactRequest, ContactStatus, TalentConsent, Vacancy

from . import helpers

pytestmark = pytest.mark.django_db

BMS = {"occupations": ["biomedical-scientist"]}
BREWER = {"occupations": ["brew-house-operator"]}


def _codes(vacancy: Vacancy) -> list[str]:
    return [c.code for c in selectors.rank_candidates(vacancy).candidates]


def _code(vacancy: Vacancy, user: User) -> str:
    return selectors.candidate_code(selectors.candidate_handle(vacancy.employer.slug, user.pk))


def _handle(vacancy: Vacancy, user: User) -> str:
    return selectors.candidate_handle(vacancy.employer.slug, user.pk)


def test_employers_find_only_learners_who_consented(vacancy: Vacancy, learner: User, other_learner: User) -> None:
    helpers.discoverable(learner, **BMS)
    helpers.save_assessment(other_learner, **BMS)  # an assessment, but no consent
    assert _codes(vacancy) == [_code(vacancy, learner)]


def test_candidates_are_ranked_by_fit_to_the_vacancy(
    vacancy: Vacancy, learner: User, other_learner: User, make_user: Callable[..., User]
) -> None:
    helpers.discoverable(learner, **BREWER)
    helpers.discoverable(other_learner, **BMS)
    nobody = make_user("no.skills@example.com")
    helpers.discoverable(nobody, skills={"fermentation": 1})  # nothing this vacancy needs
    ranking = selectors.rank_candidates(vacancy)
    assert [c.code for c in ranking.candidates] == [_code(vacancy, other_learner), _code(vacancy, learner)]
    assert ranking.considered == 3


def test_the_fit_is_the_engines_fit_to_the_vacancys_own_skills(vacancy: Vacancy, learner: User, employer: Any) -> None:
    # The employer lowers one requirement and drops another: the fit follows the vacancy, not the role.
    services.vacancy_skills_set(
        vacancy=vacancy, skills={"pcr": (2, True), "good-documentation-practice": (3, True)}, actor=employer
    )
    helpers.discoverable(learner, occupations=["brew-house-operator"], skills={"pcr": 1})
    [candidate] = selectors.rank_candidates(vacancy).candidates
    # Brewer: documentation at 2 of 3, PCR self-rated 1 of 2, both essential.
    assert candidate.score == pytest.approx((2 / 3 + 1 / 2) / 2)
    snap = engine_snapshot()
    spec = engine.RoleSpec(
        "v",
        "v",
        "quality-control",
        4,
        (engine.Requirement("pcr", 2), engine.Requirement("good-documentation-practice", 3)),
    )
    cat = engine.build_catalogue(snap.catalogue.skills, [spec], [], snap.catalogue.courses)
    profile = engine.Profile.from_levels({"pcr": 1, "good-documentation-practice": 2})
    assert candidate.score == pytest.approx(engine.match(cat, profile)[0].score)


def test_transferable_skills_count_towards_the_fit(biotech: Any, employer: Any, learner: User) -> None:
    vacancy = helpers.make_vacancy(biotech, "atmp-manufacturing-technician", actor=employer)
    helpers.discoverable(learner, **BREWER)
    [candidate] = selectors.rank_candidates(vacancy).candidates
    gmp = next(s for s in candidate.skills if s.name.startswith("Good manufacturing"))
    assert gmp.source == "Through HACCP food safety"
    assert gmp.level == 1.0


def test_employers_see_only_what_a_learner_has_shown_never_the_assumed_basics(
    biotech: Any, employer: Any, learner: User
) -> None:
    # Naming a job credits teamwork at awareness level as an assumption (the learner sees it in the
    # Converter); the biomedical scientist's job does not show teamwork, so the employer sees no level for it.
    vacancy = helpers.make_vacancy(biotech, "atmp-manufacturing-technician", actor=employer)
    helpers.discoverable(learner, **BMS)
    [candidate] = selectors.rank_candidates(vacancy).candidates
    teamwork = next(s for s in candidate.skills if s.name == "Teamwork")
    assert (teamwork.level, teamwork.source, teamwork.met) == (0, "", False)
    assert all("ssumed" not in source for *_, source in candidate.other_skills)
    assessment = helpers.save_assessment(learner, **BMS)
    assert saved_profile(assessment).primary("teamwork").provenance is engine.Provenance.ASSUMED


def test_the_most_recent_assessment_is_the_one_searched(vacancy: Vacancy, learner: User) -> None:
    helpers.discoverable(learner, **BREWER)
    before = selectors.rank_candidates(vacancy).candidates[0].score
    helpers.save_assessment(learner, **BMS)
    after = selectors.rank_candidates(vacancy).candidates[0].score
    assert after > before


def test_withdrawing_consent_hides_the_learner_from_the_very_next_search(
    vacancy: Vacancy, employer: Any, learner: User, signed_in: Any
) -> None:
    helpers.discoverable(learner, **BMS)
    client = signed_in(employer)
    slug = vacancy.employer.slug
    candidates_url = reverse("industry:candidates", args=[slug, vacancy.pk])
    detail_url = reverse("industry:candidate", args=[slug, vacancy.pk, _handle(vacancy, learner)])
    assert _code(vacancy, learner) in client.get(candidates_url).content.decode()
    assert client.get(detail_url).status_code == 200

    services.consent_withdraw(learner=learner)

    assert _code(vacancy, learner) not in client.get(candidates_url).content.decode()
    assert client.get(detail_url).status_code == 404
    assert client.post(detail_url, {"message": "Hello"}).status_code == 404
    assert AuditEntry.objects.filter(action="industry.consent.withdrawn", subject=learner).exists()


def test_withdrawing_consent_hides_pending_requests_but_not_accepted_contacts(
    vacancy: Vacancy, employer: Any, learner: User, other_learner: User, signed_in: Any
) -> None:
    helpers.discoverable(learner, **BMS)
    helpers.discoverable(other_learner, **BREWER)
    pending = services.contact_request(vacancy=vacancy, employer_user=employer, candidate=learner, message="Hi")
    accepted = services.contact_request(vacancy=vacancy, employer_user=employer, candidate=other_learner, message="Hi")
    services.contact_decide(request=accepted, learner=other_learner, accept=True)

    services.consent_withdraw(learner=learner)
    services.consent_withdraw(learner=other_learner)

    shown = selectors.contact_requests_for_vacancy(vacancy)
    assert [r.pk for r in shown] == [accepted.pk]
    page = signed_in(employer).get(reverse("industry:vacancy", args=[vacancy.employer.slug, vacancy.pk]))
    html = page.content.decode()
    assert other_learner.email in html  # what was shared stays shared
    assert learner.email not in html
    assert "Waiting for the candidate" not in html
    rows = signed_in(employer).get(reverse("industry:employer", args=[vacancy.employer.slug])).context["rows"]
    assert (rows[0].pending, rows[0].accepted) == (0, 1)
    # The learner still sees the request, and cannot accept it without consenting again.
    assert [r.pk for r in selectors.contact_requests_for_learner(learner)] == [pending.pk]
    with pytest.raises(services.IndustryError, match="discoverable again"):
        services.contact_decide(request=pending, learner=learner, accept=True)


def test_contact_details_stay_hidden_until_the_candidate_accepts(
    vacancy: Vacancy, employer: Any, learner: User, signed_in: Any, django_capture_on_commit_callbacks: Any
) -> None:
    helpers.discoverable(learner, **BMS)
    employer_client = signed_in(employer)
    detail_url = reverse("industry:candidate", args=[vacancy.employer.slug, vacancy.pk, _handle(vacancy, learner)])
    before = employer_client.get(detail_url).content.decode()
    assert _code(vacancy, learner) in before
    assert learner.email not in before
    assert learner.full_name not in before

    with django_capture_on_commit_callbacks(execute=True):
        response = employer_client.post(detail_url, {"message": "Would you like to talk about the role?"})
    assert response.status_code == 302
    request = ContactRequest.objects.get(candidate=learner)
    assert mail.outbox[-1].to == [learner.email]
    assert employer.email not in mail.outbox[-1].body
    waiting = employer_client.get(detail_url).content.decode()
    assert learner.email not in waiting
    assert "Waiting for the candidate" in waiting

    learner_client = signed_in(learner)
    page = learner_client.get(reverse("industry:contact-requests")).content.decode()
    assert "Would you like to talk about the role?" in page
    accept = reverse("industry:contact-decide", args=[request.pk, "accept"])
    with django_capture_on_commit_callbacks(execute=True):
        assert learner_client.post(accept).status_code == 302
    assert mail.outbox[-1].to == [employer.email]
    assert learner.email not in mail.outbox[-1].body

    after = signed_in(employer).get(detail_url).content.decode()
    assert learner.email in after
    assert learner.full_name in after
    codes = list(AuditEntry.objects.filter(subject=learner).values_list("action", flat=True))
    assert {"industry.contact.requested", "industry.contact.accepted"} <= set(codes)


def test_a_declined_request_reveals_nothing(vacancy: Vacancy, employer: Any, learner: User, signed_in: Any) -> None:
    helpers.discoverable(learner, **BMS)
    request = services.contact_request(vacancy=vacancy, employer_user=employer, candidate=learner, message="Hi")
    assert signed_in(learner).post(reverse("industry:contact-decide", args=[request.pk, "decline"])).status_code == 302
    request.refresh_from_db()
    assert request.status == ContactStatus.DECLINED
    html = signed_in(employer).get(reverse("industry:vacancy", args=[vacancy.employer.slug, vacancy.pk])).content
    assert learner.email.encode() not in html
    assert AuditEntry.objects.filter(action="industry.contact.declined", subject=learner).exists()


def test_only_the_candidate_answers_a_request(
    vacancy: Vacancy, employer: Any, learner: User, other_learner: User, signed_in: Any
) -> None:
    helpers.discoverable(learner, **BMS)
    request = services.contact_request(vacancy=vacancy, employer_user=employer, candidate=learner, message="Hi")
    for who in (other_learner, employer):
        assert signed_in(who).post(reverse("industry:contact-decide", args=[request.pk, "accept"])).status_code == 404
    request.refresh_from_db()
    assert request.status == ContactStatus.PENDING


def test_an_employer_cannot_contact_someone_who_never_consented(vacancy: Vacancy, employer: Any, learner: User) -> None:
    helpers.save_assessment(learner, **BMS)
    with pytest.raises(services.IndustryError, match="no longer discoverable"):
        services.contact_request(vacancy=vacancy, employer_user=employer, candidate=learner, message="Hi")


def test_one_request_per_candidate_and_vacancy(vacancy: Vacancy, employer: Any, learner: User) -> None:
    helpers.discoverable(learner, **BMS)
    services.contact_request(vacancy=vacancy, employer_user=employer, candidate=learner, message="Hi")
    with pytest.raises(services.IndustryError, match="already asked"):
        services.contact_request(vacancy=vacancy, employer_user=employer, candidate=learner, message="Again")


def test_other_employers_cannot_search_through_someone_elses_vacancy(
    vacancy: Vacancy, other_employer: Any, learner: User, signed_in: Any
) -> None:
    helpers.discoverable(learner, **BMS)
    client = signed_in(other_employer)
    assert client.get(reverse("industry:candidates", args=["demo-biotech", vacancy.pk])).status_code == 404
    url = reverse("industry:candidate", args=["demo-biotech", vacancy.pk, _handle(vacancy, learner)])
    assert client.get(url).status_code == 404
    assert client.post(url, {"message": "Hi"}).status_code == 404
    assert not ContactRequest.objects.exists()


def test_each_employer_sees_a_different_pseudonym(vacancy: Vacancy, learner: User) -> None:
    assert selectors.candidate_handle("demo-biotech", learner.pk) != selectors.candidate_handle(
        "other-labs", learner.pk
    )
    assert selectors.candidate_code("7f3a0000").startswith("Candidate 7F3A")


def test_a_closed_vacancy_has_no_candidate_search(
    vacancy: Vacancy, employer: Any, learner: User, signed_in: Any
) -> None:
    helpers.discoverable(learner, **BMS)
    services.vacancy_close(vacancy=vacancy, actor=employer)
    html = signed_in(employer).get(reverse("industry:candidates", args=["demo-biotech", vacancy.pk])).content.decode()
    assert "This vacancy is closed" in html
    assert _code(vacancy, learner) not in html


def test_the_consent_page_needs_the_box_ticked_then_gives_and_withdraws(learner: User, signed_in: Any) -> None:
    client = signed_in(learner)
    url = reverse("industry:discoverable")
    page = client.get(url).content.decode()
    assert "never see your name, email address" in page
    refused = client.post(url, {"action": "give"})
    assert "Tick the box to confirm" in refused.content.decode()
    assert not TalentConsent.objects.exists()

    assert client.post(url, {"action": "give", "agree": "on"}).status_code == 302
    consent = TalentConsent.objects.get(learner=learner)
    assert consent.withdrawn_at is None
    assert consent.statement_version == selectors.STATEMENT_VERSION
    assert client.post(url, {"action": "withdraw"}).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    actions = list(AuditEntry.objects.filter(subject=learner).values_list("action", flat=True))
    assert {"industry.consent.given", "industry.consent.withdrawn"} <= set(actions)


def test_consent_can_be_given_again_after_withdrawal(learner: User) -> None:
    services.consent_give(learner=learner)
    assert services.consent_give(learner=learner) == selectors.active_consent(learner)  # idempotent
    services.consent_withdraw(learner=learner)
    assert selectors.active_consent(learner) is None
    services.consent_give(learner=learner)
    assert TalentConsent.objects.filter(learner=learner).count() == 2
    services.consent_withdraw(learner=learner)
    with pytest.raises(services.IndustryError, match="nothing to withdraw"):
        services.consent_withdraw(learner=learner)
