"""Every write of online learning, by area (this module keeps the old import path and names):

- `learning.records`: the errors, a learner's identity and their xAPI record (`statement_record`);
- `learning.progress`: enrolment, lessons, knowledge checks and completing a course;
- `learning.credentials`: a course's assessment, issuing and revoking credentials;
- `learning.plans`: learning plans;
- `learning.authoring`: modules, lessons, files and questions written by training-provider staff.

Each is keyword-only, typed and transactional. Services raise `LearningError` (or `CredentialError`) with a
sentence for the person; views show it as a form error or a 4xx `{"detail": …}`.
"""

from skillsnet.learning.authoring import (
    ALLOWED_FILE_EXTENSIONS,
    MAX_FILE_BYTES,
    lesson_file_add,
    lesson_file_delete,
    lesson_save,
    module_save,
    question_add,
    question_delete,
)
from skillsnet.learning.credentials import Assessment, course_assessment, credential_issue, credential_revoke
from skillsnet.learning.plans import (
    learning_plan_from_steps,
    plan_create,
    plan_item_add,
    plan_item_move,
    plan_item_remove,
)
from skillsnet.learning.progress import check_submit, enrolment_create, lesson_complete, lesson_start
from skillsnet.learning.records import CredentialError, LearningError, learner_identity, statement_record

__all__ = [
    "ALLOWED_FILE_EXTENSIONS",
    "MAX_FILE_BYTES",
    "Assessment",
    "CredentialError",
    "LearningError",
    "check_submit",
    "course_assessment",
    "credential_issue",
    "credential_revoke",
    "enrolment_create",
    "learner_identity",
    "learning_plan_from_steps",
    "lesson_complete",
    "lesson_file_add",
    "lesson_file_delete",
    "lesson_save",
    "lesson_start",
    "module_save",
    "plan_create",
    "plan_item_add",
    "plan_item_move",
    "plan_item_remove",
    "question_add",
    "question_delete",
    "statement_record",
]
