"""The one way in to each private object of this app: an employer's pages, a vacancy's candidates, and a
learner's contact requests.

One condition per line, so the tests can prove each branch. Anything a person may not see is a 404: we
never confirm that another employer's vacancy, or another learner's request, exists.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from skillsnet.accounts.models import Role, User
from skillsnet.accounts.selectors import has_role
from skillsnet.industry.models import ContactRequest, Employer, Vacancy


def get_employer_for_staff(user: User | AnonymousUser, slug: str) -> Employer:
    """The employer if `user` is on its staff (an employer role scoped to its slug); 404 otherwise."""
    employer = Employer.objects.filter(slug=slug).first()
    if employer is None:
        raise Http404("No such employer.")
    if not user.is_authenticated:
        raise Http404("No such employer.")
    if not has_role(user, Role.EMPLOYER, scope=employer.slug):
        raise Http404("No such employer.")
    return employer


def get_vacancy_for_employer(user: User | AnonymousUser, pk: int, *, write: bool = False) -> Vacancy:
    """The vacancy if `user` is on the staff of the employer that posted it; 404 otherwise.

    This is the only way to an employer's candidate search: employers see consenting learners only
    through their own vacancies. Changing a vacancy (`write`) also needs an active account.
    """
    vacancy = Vacancy.objects.select_related("employer", "role").filter(pk=pk).first()
    if vacancy is None:
        raise Http404("No such vacancy.")
    if not user.is_authenticated:
        raise Http404("No such vacancy.")
    if not has_role(user, Role.EMPLOYER, scope=vacancy.employer.slug):
        raise Http404("No such vacancy.")
    if write and not user.is_active:
        raise Http404("No such vacancy.")
    return vacancy


def get_contact_request_for_learner(user: User | AnonymousUser, pk: int, *, write: bool = False) -> ContactRequest:
    """A contact request addressed to `user` (only the candidate answers it); 404 otherwise."""
    request = ContactRequest.objects.select_related("vacancy", "vacancy__employer").filter(pk=pk).first()
    if request is None:
        raise Http404("No such request.")
    if not user.is_authenticated:
        raise Http404("No such request.")
    if request.candidate_id != user.pk:
        raise Http404("No such request.")
    if write and not user.is_active:
        raise Http404("No such request.")
    return request
