"""The catalogue holds organisations' content, not people's data (see accounts/privacy.py).

A course names the programme-team member who reviewed it; that link is set to NULL when their account is
erased (the foreign key's on_delete), and who reviewed what stays in the audit log under its own rules.
"""

from __future__ import annotations

from skillsnet.accounts.privacy import not_personal
from skillsnet.catalogue.models import Course, CoursePrerequisite, CourseSkill

REVIEWED = "organisation content; linked to a person only as its reviewer, a link set to NULL on erasure"
not_personal(Course, reason=REVIEWED)
not_personal(CourseSkill, reason="a course's teaching claim; " + REVIEWED)
not_personal(CoursePrerequisite, reason="a course's prerequisite; " + REVIEWED)
