"""Reads of the catalogue: what the role and skill pages and the API show; searches live in
`catalogue.search` and example-content visibility in `catalogue.visibility` (both re-exported here, so the
old import paths keep working).

Every function here costs a fixed number of queries, whatever the size of the catalogue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from skillsnet.catalogue.models import (
    LEVEL_LABELS,
    Course,
    CourseSkill,
    Role,
    RoleFamily,
    RoleSkill,
    Skill,
    SkillTransfer,
    SourceOccupation,
)
from skillsnet.catalogue.requirements import EntryRequirement, describe
from skillsnet.catalogue.search import (
    ALTERNATIVE,
    JOB_TITLE,
    MAX_QUERY_TOKENS,
    STOP_WORDS,
    TITLE,
    WORD_RE,
    search_occupations,
    search_occupations_page,
    search_skills,
    search_skills_page,
)
from skillsnet.catalogue.visibility import show_example_content, visible_courses

__all__ = [
    "ALTERNATIVE",
    "JOB_TITLE",
    "MAX_QUERY_TOKENS",
    "STOP_WORDS",
    "TITLE",
    "WORD_RE",
    "CourseForRole",
    "CourseTeaching",
    "FamilyGroup",
    "RoleNeed",
    "RolePage",
    "SkillNeed",
    "SkillPage",
    "SkillRaised",
    "course_list",
    "level_words",
    "occupation_list",
    "role_list",
    "role_page",
    "role_with_skills",
    "roles_by_family",
    "search_occupations",
    "search_occupations_page",
    "search_skills",
    "search_skills_page",
    "show_example_content",
    "skill_list",
    "skill_page",
    "visible_courses",
]

# ---------------------------------------------------------------- lists for the API


def skill_list() -> QuerySet[Skill]:
    return Skill.objects.order_by("origin", "name")  # "curated" sorts before "esco"


def occupation_list() -> QuerySet[SourceOccupation]:
    return SourceOccupation.objects.select_related("sector").order_by("origin", "title")


def role_list(*, family: str | None = None, max_entry_level: int | None = None) -> QuerySet[Role]:
    roles = Role.objects.order_by("title")
    if family:
        roles = roles.filter(family=family)
    if max_entry_level is not None:
        roles = roles.filter(entry_level__lte=max_entry_level)
    return roles


def role_with_skills(slug: str) -> Role | None:
    requirements = Prefetch("requirements", RoleSkill.objects.select_related("skill"))
    return Role.objects.prefetch_related(requirements).filter(slug=slug).first()


def course_list(*, mode: str | None = None, skill: str | None = None) -> QuerySet[Course]:
    courses = (
        visible_courses(Course.objects.select_related("provider"))
        .prefetch_related(
            Prefetch("skills_taught", CourseSkill.objects.select_related("skill")),
            Prefetch("prerequisites", Course.objects.only("id", "slug")),
            "centres",
        )
        .order_by("title")
    )
    if mode:
        courses = courses.filter(mode=mode)
    if skill:
        courses = courses.filter(skills_taught__skill__slug=skill)
    return courses


# ---------------------------------------------------------------- pages


def level_words(level: int) -> str:
    """'Practitioner (3 of 4)': the word first, the number for those who compare."""
    return f"{LEVEL_LABELS.get(level, str(level))} ({level} of 4)"


@dataclass(frozen=True)
class FamilyGroup:
    label: str
    roles: list[Role]


def roles_by_family(roles: Iterable[Role]) -> list[FamilyGroup]:
    """Roles grouped by job family, families in their usual order (manufacturing first)."""
    grouped: dict[str, list[Role]] = defaultdict(list)
    for role in roles:
        grouped[role.family].append(role)
    return [FamilyGroup(family.label, grouped[family.value]) for family in RoleFamily if grouped[family.value]]


@dataclass(frozen=True)
class SkillNeed:
    skill: Skill
    level: int
    level_words: str


@dataclass(frozen=True)
class SkillRaised:
    skill: Skill
    from_words: str
    to_words: str


@dataclass
class CourseForRole:
    course: Course
    raises: list[SkillRaised] = field(default_factory=list)


@dataclass(frozen=True)
class RolePage:
    role: Role
    requirements: list[EntryRequirement]
    essential: list[SkillNeed]
    optional: list[SkillNeed]
    courses: list[CourseForRole]


def role_page(slug: str) -> RolePage | None:
    """A role with its skills, and the courses that raise any of them (those covering most first)."""
    role = Role.objects.filter(slug=slug).first()
    if role is None:
        return None
    requirements = list(role.requirements.select_related("skill"))
    needs = {r.skill_id: SkillNeed(r.skill, r.level, level_words(r.level)) for r in requirements}
    courses: dict[int, CourseForRole] = {}
    teaching = CourseSkill.objects.filter(skill_id__in=needs).select_related("course__provider", "skill")
    for item in teaching.order_by("course__title", "skill__name"):
        entry = courses.setdefault(item.course_id, CourseForRole(item.course))
        entry.raises.append(SkillRaised(item.skill, level_words(item.assumes_level), level_words(item.to_level)))
    return RolePage(
        role=role,
        requirements=describe(role.entry_requirements),
        essential=[needs[r.skill_id] for r in requirements if r.essential],
        optional=[needs[r.skill_id] for r in requirements if not r.essential],
        courses=sorted(courses.values(), key=lambda c: (-len(c.raises), c.course.title)),
    )


@dataclass(frozen=True)
class RoleNeed:
    role: Role
    level_words: str
    essential: bool


@dataclass(frozen=True)
class CourseTeaching:
    course: Course
    from_words: str
    to_words: str


@dataclass(frozen=True)
class SkillPage:
    skill: Skill
    category_label: str
    roles: list[RoleNeed]
    courses: list[CourseTeaching]
    transfers_in: list[SkillTransfer]
    transfers_out: list[SkillTransfer]


def skill_page(slug: str) -> SkillPage | None:
    skill = Skill.objects.filter(slug=slug).first()
    if skill is None:
        return None
    needs = skill.role_requirements.select_related("role").order_by("role__title")
    teaching = skill.taught_by.select_related("course__provider").order_by("-to_level", "course__title")
    return SkillPage(
        skill=skill,
        category_label=skill.category.replace("-", " ").capitalize(),
        roles=[RoleNeed(n.role, level_words(n.level), n.essential) for n in needs],
        courses=[CourseTeaching(t.course, level_words(t.assumes_level), level_words(t.to_level)) for t in teaching],
        transfers_in=list(skill.transfers_in.select_related("from_skill").order_by("-credit", "from_skill__name")),
        transfers_out=list(skill.transfers_out.select_related("to_skill").order_by("-credit", "to_skill__name")),
    )
