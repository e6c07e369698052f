"""The one way in to each private object: a booking, and a centre's management pages.

One condition per line, so the tests can prove each branch. Someone else's booking is a 404 (we do not
confirm it exists); a centre you do not staff is a 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from skillsnet.accounts.models import Role, User
from skillsnet.accounts.selectors import has_role, is_programme_admin
from skillsnet.centres.models import Booking, Centre


def get_booking_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> Booking:
    """The booking if `user` is its learner. Reading (not writing) is also open to the centre's staff and
    programme admins, who support learners; changing a booking is the learner's alone."""
    booking = Booking.objects.select_related("run", "run__course", "run__centre", "learner").filter(pk=pk).first()
    if booking is None:
        raise Http404("No such booking.")
    if not user.is_authenticated:
        raise Http404("No such booking.")
    if booking.learner_id == user.pk:
        return booking
    if write:
        raise Http404("No such booking.")
    if is_programme_admin(user):
        return booking
    if has_role(user, Role.CENTRE_STAFF, scope=booking.run.centre.slug):
        return booking
    raise Http404("No such booking.")


def get_centre_for_staff(user: User | AnonymousUser, slug: str) -> Centre:
    """The centre if `user` is on its staff or a programme admin; 404 for no such centre, else 403."""
    centre = Centre.objects.filter(slug=slug).first()
    if centre is None:
        raise Http404("No such centre.")
    if is_programme_admin(user):
        return centre
    if has_role(user, Role.CENTRE_STAFF, scope=centre.slug):
        return centre
    raise PermissionDenied("Only this centre's staff can manage it.")


def get_booking_for_approver(user: User | AnonymousUser, pk: int) -> Booking:
    """A booking the user may approve or reject as the learner's named employer (404 otherwise)."""
    booking = Booking.objects.select_related("run", "run__course", "run__centre", "learner").filter(pk=pk).first()
    if booking is None:
        raise Http404("No such booking.")
    if not booking.employer:
        raise Http404("No such booking.")
    if not has_role(user, Role.EMPLOYER, scope=booking.employer):
        raise Http404("No such booking.")
    return booking
