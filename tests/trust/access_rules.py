"""Who may reach each page and API operation: the access-control matrix's rules.

`tests/trust/test_access_matrix.py` finds every URL in the URL configuration and every operation in the OpenAPI
document, requests each one as each persona below, and compares the outcome with the rule here:

- **allow**: a 2xx, or a redirect anywhere but a sign-in page. For a POST (pages are posted with an empty body,
  API operations with `{}`), a 400, 409 or 422 also counts: the request got past access control and its input
  was refused.
- **deny**: 401, 403 or 404, or a redirect to a sign-in page (ours or the admin's).
- **public**: the same as allow, for pages anyone may see without an account.

A page or operation without a rule fails the suite: add its rule here. The key is the URL name with its
namespace (`centres:manage-run`) or the API operation id (`skillsnet_centres_api_cancel_booking`). `params`
fills the path from the fixture world (`tests/trust/conftest.py`); `post` gives a different rule for POST.

The personas: anonymous; learner A, who owns every private object in the world; learner B; staff of a
training provider, a training centre and an employer other than the ones in the world ("other"), the same for
the ones that own the world's course, centre and vacancy ("own"); and a programme admin (also Django staff).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

PERSONAS = (
    "anonymous",
    "learner_a",
    "learner_b",
    "provider_other",
    "provider_own",
    "centre_other",
    "centre_own",
    "employer_other",
    "employer_own",
    "admin",
)
# The seven the matrix is about, and the three owners that prove each rule's path points at a real object.
OWNERS = ("provider_own", "centre_own", "employer_own")

ALLOW, DENY, PUBLIC = "allow", "deny", "public"


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(PERSONAS, outcome)


def only(*personas: str) -> dict[str, str]:
    """Allowed for the personas named, denied to everyone else."""
    unknown = set(personas) - set(PERSONAS)
    assert not unknown, f"unknown personas {unknown}"
    return {p: ALLOW if p in personas else DENY for p in PERSONAS}


PUBLIC_PAGE = everyone(PUBLIC)
SIGNED_IN = {**everyone(ALLOW), "anonymous": DENY}
NOBODY = everyone(DENY)
# Learner A's private objects: nobody else, not even the programme team, through these pages.
OWNER_ONLY = only("learner_a")
ADMIN_ONLY = only("admin")
PROVIDER_STAFF = only("provider_other", "provider_own")
EMPLOYER_STAFF = only("employer_other", "employer_own")
CENTRE_MANAGERS = only("centre_own", "admin")


@dataclass(frozen=True)
class Rule:
    expect: Mapping[str, str]
    params: Callable[[Any], dict[str, Any]] | None = None
    # A different expectation for POST, when it differs from GET's.
    post: Mapping[str, str] | None = None
    why: str = ""
    # Personas (beyond learner A, A's centre and the programme team) who may see A's name or email here.
    sees_a: tuple[str, ...] = ()

    def for_method(self, method: str) -> Mapping[str, str]:
        return self.post if method == "POST" and self.post is not None else self.expect


def rule(expect: Mapping[str, str], params: Callable[[Any], dict[str, Any]] | None = None, **kw: Any) -> Rule:
    missing = set(PERSONAS) - set(expect)
    assert not missing, f"a rule must say what happens to every persona; missing {missing}"
    return Rule(expect=expect, params=params, **kw)


def _course(w: Any) -> dict[str, Any]:
    return {"slug": w.course.slug}


def _lesson(w: Any) -> dict[str, Any]:
    return {"slug": w.course.slug, "pk": w.lesson.pk}


def _vacancy(w: Any) -> dict[str, Any]:
    return {"slug": w.employer.slug, "pk": w.vacancy.pk}


RULES: dict[str, Rule] = {
    # ------------------------------------------------------------ site
    "home": rule(PUBLIC_PAGE),
    "accessibility": rule(PUBLIC_PAGE),
    "privacy": rule(PUBLIC_PAGE),
    "healthz": rule(PUBLIC_PAGE),
    "admin:index": rule(only("admin"), why="The Django admin is for staff accounts; programme admins are staff."),
    # ------------------------------------------------------------ accounts
    "accounts:register": rule(PUBLIC_PAGE, why="Signed-in people are sent to their account page."),
    "accounts:sign-in": rule(PUBLIC_PAGE),
    "accounts:sign-out": rule(PUBLIC_PAGE),
    "accounts:account": rule(SIGNED_IN, why="Each person's own account."),
    "accounts:dashboards": rule(SIGNED_IN, why="Links to the dashboards each person's own roles open."),
    "accounts:activity": rule(SIGNED_IN, why="Each person sees only the audit entries about them."),
    "accounts:audit": rule(ADMIN_ONLY),
    "accounts:audit-csv": rule(ADMIN_ONLY),
    "accounts:registered": rule(PUBLIC_PAGE),
    "accounts:password-reset": rule(PUBLIC_PAGE),
    "accounts:password-reset-sent": rule(PUBLIC_PAGE),
    "accounts:password-reset-confirm": rule(PUBLIC_PAGE, lambda w: {"uidb64": w.reset_uid, "token": w.reset_token}),
    "accounts:password-reset-complete": rule(PUBLIC_PAGE),
    "accounts:privacy": rule(SIGNED_IN, why="Each person's own data."),
    "accounts:privacy-download": rule(SIGNED_IN, why="Each person downloads only their own data."),
    "accounts:privacy-delete": rule(SIGNED_IN),
    "accounts:privacy-deleted": rule(PUBLIC_PAGE, why="Shown after the account is gone."),
    "skillsnet_accounts_api_my_export": rule(SIGNED_IN),
    # ------------------------------------------------------------ catalogue
    "catalogue:roles": rule(PUBLIC_PAGE),
    "catalogue:role": rule(PUBLIC_PAGE, lambda w: {"slug": w.role.slug}),
    "catalogue:skill": rule(PUBLIC_PAGE, lambda w: {"slug": "gmp"}),
    "skillsnet_api_version": rule(PUBLIC_PAGE),
    "skillsnet_catalogue_api_list_skills": rule(PUBLIC_PAGE),
    "skillsnet_catalogue_api_list_occupations": rule(PUBLIC_PAGE),
    "skillsnet_catalogue_api_list_roles": rule(PUBLIC_PAGE),
    "skillsnet_catalogue_api_get_role": rule(PUBLIC_PAGE, lambda w: {"slug": w.role.slug}),
    "skillsnet_catalogue_api_list_courses": rule(PUBLIC_PAGE),
    # ------------------------------------------------------------ Career Converter (answers live in the session)
    "converter-placeholder": rule(PUBLIC_PAGE),
    "converter:start": rule(PUBLIC_PAGE),
    "converter:sources": rule(PUBLIC_PAGE),
    "converter:jobs": rule(PUBLIC_PAGE),
    "converter:jobs-suggest": rule(PUBLIC_PAGE),
    "converter:skills": rule(PUBLIC_PAGE),
    "converter:skills-suggest": rule(PUBLIC_PAGE),
    "converter:cv": rule(PUBLIC_PAGE),
    "converter:review": rule(PUBLIC_PAGE),
    "converter:review-change": rule(PUBLIC_PAGE, lambda w: {"skill": "gmp"}),
    "converter:review-remove": rule(PUBLIC_PAGE, lambda w: {"skill": "gmp"}),
    "converter:review-credentials": rule(PUBLIC_PAGE),
    "converter:review-confirm": rule(PUBLIC_PAGE),
    "converter:check": rule(PUBLIC_PAGE),
    "converter:results": rule(PUBLIC_PAGE),
    "converter:print": rule(PUBLIC_PAGE),
    "converter:role": rule(PUBLIC_PAGE, lambda w: {"slug": w.role.slug}),
    "converter:learning-plan": rule(SIGNED_IN, lambda w: {"slug": w.role.slug}),
    "converter:follow": rule(SIGNED_IN, lambda w: {"slug": w.role.slug}, why="Enrols or books for the person."),
    "converter:save": rule(SIGNED_IN),
    "converter:saved": rule(SIGNED_IN, why="Each person's own list."),
    "converter:saved-open": rule(OWNER_ONLY, lambda w: {"pk": w.assessment.pk}),
    "converter:saved-rename": rule(OWNER_ONLY, lambda w: {"pk": w.assessment.pk}),
    "converter:saved-delete": rule(OWNER_ONLY, lambda w: {"pk": w.assessment.pk}),
    "converter:start-again": rule(PUBLIC_PAGE),
    "skillsnet_converter_api_extract": rule(PUBLIC_PAGE),
    "skillsnet_converter_api_matches": rule(PUBLIC_PAGE),
    "skillsnet_converter_api_plan": rule(PUBLIC_PAGE),
    # ------------------------------------------------------------ online training
    "training-placeholder": rule(PUBLIC_PAGE),
    "learning:catalogue": rule(PUBLIC_PAGE),
    "learning:course": rule(PUBLIC_PAGE, _course),
    "learning:enrol": rule(SIGNED_IN, _course),
    "learning:lesson": rule(OWNER_ONLY, _lesson, why="Only learners enrolled on the course (A) study it."),
    "learning:lesson-complete": rule(OWNER_ONLY, _lesson),
    "learning:check": rule(OWNER_ONLY, _lesson),
    "learning:file": rule(
        only("learner_a", "provider_own"),
        lambda w: {"pk": w.lesson_file.pk},
        why="Enrolled learners and the course provider's staff.",
    ),
    "learning:dashboard": rule(SIGNED_IN),
    "learning:plan": rule(SIGNED_IN),
    "learning:plan-create": rule(SIGNED_IN),
    "learning:plan-add": rule(SIGNED_IN),
    "learning:plan-remove": rule(OWNER_ONLY, lambda w: {"pk": w.plan_item.pk}),
    "learning:plan-move": rule(OWNER_ONLY, lambda w: {"pk": w.plan_item.pk, "direction": "down"}),
    "learning:records": rule(SIGNED_IN, why="Each person's own learning records."),
    "learning:provider": rule(PROVIDER_STAFF, why="Each provider's staff see their own provider's courses."),
    "learning:provider-course": rule(only("provider_own"), _course),
    "learning:provider-module": rule(only("provider_own"), lambda w: {"slug": w.course.slug, "pk": w.module.pk}),
    "learning:provider-lesson": rule(only("provider_own"), _lesson),
    "learning:provider-file-delete": rule(
        only("provider_own"), lambda w: {"slug": w.course.slug, "pk": w.lesson_file.pk}
    ),
    "learning:provider-question-delete": rule(
        only("provider_own"), lambda w: {"slug": w.course.slug, "pk": w.question.pk}
    ),
    # Providers publish their own catalogue (catalogue/publishing_views.py): that provider's staff only.
    "catalogue:provider-courses": rule(only("provider_own"), lambda w: {"provider": w.course.provider.slug}),
    "catalogue:course-new": rule(only("provider_own"), lambda w: {"provider": w.course.provider.slug}),
    "catalogue:upload": rule(only("provider_own"), lambda w: {"provider": w.course.provider.slug}),
    "catalogue:course-edit": rule(
        only("provider_own"), lambda w: {"provider": w.course.provider.slug, "course": w.course.slug}
    ),
    "catalogue:course-submit": rule(
        only("provider_own"), lambda w: {"provider": w.course.provider.slug, "course": w.course.slug}
    ),
    "catalogue:review": rule(ADMIN_ONLY, why="The programme team reviews new and changed courses."),
    "catalogue:review-decide": rule(ADMIN_ONLY, lambda w: {"course": w.course.slug, "decision": "return"}),
    # Organisation API keys (skillsnet/orgkeys): staff make and revoke their organisation's keys.
    "orgkeys:keys": rule(
        only("provider_other", "provider_own", "centre_other", "centre_own", "employer_other", "employer_own")
    ),
    "orgkeys:webhooks": rule(
        only("provider_other", "provider_own", "centre_other", "centre_own", "employer_other", "employer_own")
    ),
    "orgkeys:revoke": rule(only("provider_own"), lambda w: {"pk": w.provider_key.pk}),
    # Key-protected operations: only the key of the organisation in the path (the "own" personas send one).
    "skillsnet_catalogue_api_provider_courses": rule(only("provider_own"), lambda w: {"provider": "cgt-catapult"}),
    "skillsnet_catalogue_api_provider_courses_upload": rule(
        only("provider_own"), lambda w: {"provider": "cgt-catapult"}
    ),
    "skillsnet_centres_api_centre_bookings": rule(only("centre_own"), lambda w: {"centre": w.centre.slug}),
    "skillsnet_centres_api_centre_runs_upload": rule(only("centre_own"), lambda w: {"centre": w.centre.slug}),
    "skillsnet_learning_api_course_outline": rule(PUBLIC_PAGE, _course),
    "skillsnet_learning_api_create_enrolment": rule(SIGNED_IN),
    "skillsnet_learning_api_my_enrolments": rule(SIGNED_IN),
    "skillsnet_learning_api_my_statements": rule(SIGNED_IN),
    # Credentials are public by design: their address is an unguessable UUID the learner chooses to share.
    "credentials:jwks": rule(PUBLIC_PAGE),
    "credentials:issuer": rule(PUBLIC_PAGE),
    "credentials:verify": rule(PUBLIC_PAGE, lambda w: {"pk": w.credential.pk}),
    "credentials:status": rule(PUBLIC_PAGE, lambda w: {"pk": w.credential.pk}),
    "credentials:json": rule(PUBLIC_PAGE, lambda w: {"pk": w.credential.pk}),
    "credentials:jwt": rule(PUBLIC_PAGE, lambda w: {"pk": w.credential.pk}),
    "skillsnet_learning_api_get_credential": rule(PUBLIC_PAGE, lambda w: {"credential_id": w.credential.pk}),
    # ------------------------------------------------------------ training centres
    "centres-placeholder": rule(PUBLIC_PAGE),
    "centres:centres": rule(PUBLIC_PAGE),
    "centres:centre": rule(PUBLIC_PAGE, lambda w: {"slug": w.centre.slug}),
    # A centre's staff see the learners booked on its runs: their roster and approvals.
    "centres:manage": rule(CENTRE_MANAGERS, lambda w: {"slug": w.centre.slug}, sees_a=("centre_own",)),
    "centres:manage-run-new": rule(CENTRE_MANAGERS, lambda w: {"slug": w.centre.slug}),
    "centres:manage-runs-upload": rule(CENTRE_MANAGERS, lambda w: {"slug": w.centre.slug}),
    "centres:manage-run": rule(
        CENTRE_MANAGERS, lambda w: {"slug": w.centre.slug, "pk": w.run.pk}, sees_a=("centre_own",)
    ),
    "centres:manage-attendance": rule(
        CENTRE_MANAGERS,
        lambda w: {"slug": w.centre.slug, "pk": w.run.pk, "session_pk": w.session.pk},
        sees_a=("centre_own",),
    ),
    "centres:manage-decide": rule(
        CENTRE_MANAGERS,
        lambda w: {"slug": w.centre.slug, "pk": w.centre_pending.pk, "decision": "approve"},
        sees_a=("centre_own",),
    ),
    "centres:find": rule(PUBLIC_PAGE),
    "centres:run": rule(PUBLIC_PAGE, lambda w: {"pk": w.free_run.pk}),
    "centres:book": rule(SIGNED_IN, lambda w: {"pk": w.free_run.pk}),
    "centres:my-bookings": rule(SIGNED_IN, why="Each person's own bookings."),
    "centres:approvals": rule(
        EMPLOYER_STAFF,
        why="Each employer sees the bookings that name it, with the learner's name: the learner named them.",
        sees_a=("employer_own",),
    ),
    "centres:approvals-decide": rule(
        only("employer_own"), lambda w: {"pk": w.employer_pending.pk, "decision": "approve"}
    ),
    "centres:cancel": rule(OWNER_ONLY, lambda w: {"pk": w.booking.pk}),
    "centres:accept": rule(OWNER_ONLY, lambda w: {"pk": w.offered.pk}),
    "centres:decline": rule(OWNER_ONLY, lambda w: {"pk": w.offered.pk}),
    "centres:calendar": rule(OWNER_ONLY, lambda w: {"pk": w.booking.pk}),
    "skillsnet_centres_api_list_runs": rule(PUBLIC_PAGE),
    "skillsnet_centres_api_get_run": rule(PUBLIC_PAGE, lambda w: {"run_id": w.free_run.pk}),
    "skillsnet_centres_api_book_run": rule(SIGNED_IN, lambda w: {"run_id": w.free_run.pk}),
    "skillsnet_centres_api_list_bookings": rule(SIGNED_IN),
    "skillsnet_centres_api_cancel_booking": rule(OWNER_ONLY, lambda w: {"booking_id": w.booking.pk}),
    "skillsnet_centres_api_accept_offer": rule(OWNER_ONLY, lambda w: {"booking_id": w.offered.pk}),
    "skillsnet_centres_api_decline_offer": rule(OWNER_ONLY, lambda w: {"booking_id": w.offered.pk}),
    # ------------------------------------------------------------ employers and vacancies
    "industry:vacancies": rule(PUBLIC_PAGE),
    "industry:vacancy-public": rule(PUBLIC_PAGE, lambda w: {"pk": w.vacancy.pk}),
    "industry:employer": rule(only("employer_own"), lambda w: {"slug": w.employer.slug}),
    "industry:vacancy-create": rule(only("employer_own"), lambda w: {"slug": w.employer.slug}),
    "industry:vacancy": rule(only("employer_own"), _vacancy),
    "industry:vacancy-edit": rule(only("employer_own"), _vacancy),
    "industry:vacancy-close": rule(only("employer_own"), _vacancy),
    "industry:vacancy-skills": rule(only("employer_own"), _vacancy),
    "industry:candidates": rule(only("employer_own"), _vacancy),
    "industry:candidate": rule(
        only("employer_own"),
        lambda w: {**_vacancy(w), "handle": w.handle},
        why="Only through the employer's own vacancy, and only while the learner consents.",
    ),
    "industry:discoverable": rule(SIGNED_IN, why="Each person's own consent."),
    "industry:contact-requests": rule(SIGNED_IN, why="Each person's own requests."),
    "industry:contact-decide": rule(OWNER_ONLY, lambda w: {"pk": w.contact.pk, "decision": "decline"}),
    "skillsnet_industry_api_vacancy_list": rule(PUBLIC_PAGE),
    "skillsnet_industry_api_vacancy_counts": rule(PUBLIC_PAGE),
    "skillsnet_industry_api_vacancy_detail": rule(PUBLIC_PAGE, lambda w: {"pk": w.vacancy.pk}),
    # ------------------------------------------------------------ programme insight
    "insights:dashboard": rule(ADMIN_ONLY),
    "insights:csv": rule(ADMIN_ONLY, lambda w: {"key": "activity-by-month"}),
    "insights:provider": rule(only("provider_own", "admin"), lambda w: {"slug": w.course.provider.slug}),
    "insights:provider-csv": rule(only("provider_own", "admin"), lambda w: {"slug": w.course.provider.slug}),
    "insights:feedback": rule(OWNER_ONLY, _course, why="Only learners who took the course rate it."),
    # ------------------------------------------------------------ the API's own pages
    "api:openapi-json": rule(PUBLIC_PAGE),
    "api:openapi-view": rule(PUBLIC_PAGE),
    "api:api-root": rule(NOBODY, why="Nothing lives at the API's root: a JSON 404 for everyone."),
}

# Personas whose responses must never contain learner A's name, email address or saved-assessment name, except
# where a rule's `sees_a` names them (the centre running A's bookings sees A on its roster). Learner A and the
# programme team may see them anywhere they are allowed in.
LEAK_CHECKED = tuple(p for p in PERSONAS if p not in {"learner_a", "admin"})


@dataclass
class Outcome:
    persona: str
    status: int
    got: str
    location: str = ""
    leaks: list[str] = field(default_factory=list)
