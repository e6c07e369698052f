"""The learning app's errors, a learner's pseudonymous identity and their xAPI record (`statement_record`),
which every other write of online learning uses.

Services raise `LearningError` (or `CredentialError`) with a sentence for the person; views show it as a
form error or a 4xx `{"detail": …}`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.learning import xapi
from skillsnet.learning.forwarding import forward_statement
from skillsnet.learning.models import LearnerIdentity, Statement, Verb
from skillsnet.tasks import enqueue_on_commit


class LearningError(Exception):
    """A learning request that cannot be carried out; the message is for the person."""


class CredentialError(LearningError):
    """A credential cannot be issued or changed."""


def learner_identity(learner: User) -> LearnerIdentity:
    identity, _ = LearnerIdentity.objects.get_or_create(learner=learner)
    return identity


# ---------------------------------------------------------------- xAPI records


@transaction.atomic
def statement_record(
    *,
    learner: User,
    verb: Verb | str,
    activity: xapi.Activity,
    result: dict[str, Any] | None = None,
    parent: xapi.Activity | None = None,
    timestamp: datetime | None = None,
) -> Statement:
    """Store one xAPI statement about `learner` and, when an LRS is configured, forward it after commit.

    The centres app records `attended` through this too (with `xapi.Activity(..., type="meeting")`).
    """
    verb = Verb(verb)
    now = timezone.now()
    moment = timestamp or now
    if timezone.is_naive(moment):
        raise LearningError("Learning records need a timezone-aware time.")
    statement_id = uuid.uuid4()
    data = xapi.build_statement(
        statement_id=str(statement_id),
        actor_name=str(learner_identity(learner).opaque_id),
        verb=verb.value,
        activity=activity,
        timestamp=moment,
        stored=now,
        result=result,
        parent=parent,
    )
    statement = Statement.objects.create(
        id=statement_id, learner=learner, verb=verb.value, object_id=activity.id, timestamp=moment, data=data
    )
    from django.conf import settings

    if settings.XAPI_LRS_ENDPOINT:
        enqueue_on_commit(forward_statement, statement_id=str(statement_id))
    return statement
