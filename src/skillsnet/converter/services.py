"""The Career Converter's one entry point: the web journey, the JSON API and `skillsnet convert` all call
these functions, so the three always give the same answers for the same input.

Reading: `profile_build` turns previous jobs, self-rated skills, CV text (and, for a signed-in person,
verified skills) into an engine `Profile` with a display row per skill; `roles_match` ranks roles;
`plan_for_role` plans the training for one. Writing: `assessment_save/rename/delete`.

The functions live by stage in `profiles`, `matching`, `planning` and `assessments`; callers use this module.
"""

from __future__ import annotations

from skillsnet.converter.assessments import (
    assessment_delete,
    assessment_rename,
    assessment_save,
    clean_inputs,
)
from skillsnet.converter.matching import (
    MIN_ASSESSABLE_FIT,
    MIN_ASSESSABLE_SKILLS,
    THIN_EVIDENCE_MESSAGE,
    RolesAssessment,
    UnassessedJob,
    relevant_skill_count,
    role_match,
    roles_assess,
    roles_match,
    unassessed_esco_jobs,
)
from skillsnet.converter.planning import (
    PlanResult,
    centre_choices,
    default_region,
    learning_plan_create,
    plan_for_role,
)
from skillsnet.converter.profiles import (
    ADJUSTED_DETAIL,
    CV_READER_RECORD,
    DEFAULT_HOURS_PER_WEEK,
    LEVEL_DESCRIPTORS,
    MAX_CV_JOBS,
    MAX_HOURS_PER_WEEK,
    MAX_NAME,
    MAX_OCCUPATIONS,
    MAX_SKILLS,
    PROVENANCE_LABELS,
    WORKPLACE_BASICS,
    ConverterError,
    CvJob,
    Found,
    OccupationRef,
    ProfileResult,
    ReaderRecord,
    SkillRow,
    Source,
    held_courses,
    jobs_in_cv,
    profile_build,
    skills_extract,
    verified_evidence,
)

__all__ = [
    "ADJUSTED_DETAIL",
    "CV_READER_RECORD",
    "DEFAULT_HOURS_PER_WEEK",
    "LEVEL_DESCRIPTORS",
    "MAX_CV_JOBS",
    "MAX_HOURS_PER_WEEK",
    "MAX_NAME",
    "MAX_OCCUPATIONS",
    "MAX_SKILLS",
    "MIN_ASSESSABLE_FIT",
    "MIN_ASSESSABLE_SKILLS",
    "PROVENANCE_LABELS",
    "THIN_EVIDENCE_MESSAGE",
    "WORKPLACE_BASICS",
    "ConverterError",
    "CvJob",
    "Found",
    "OccupationRef",
    "PlanResult",
    "ProfileResult",
    "ReaderRecord",
    "RolesAssessment",
    "SkillRow",
    "Source",
    "UnassessedJob",
    "assessment_delete",
    "assessment_rename",
    "assessment_save",
    "centre_choices",
    "clean_inputs",
    "default_region",
    "held_courses",
    "jobs_in_cv",
    "learning_plan_create",
    "plan_for_role",
    "profile_build",
    "relevant_skill_count",
    "role_match",
    "roles_assess",
    "roles_match",
    "skills_extract",
    "unassessed_esco_jobs",
    "verified_evidence",
]
