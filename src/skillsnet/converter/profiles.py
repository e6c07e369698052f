"""A person's profile for the Career Converter: previous jobs, self-rated skills, CV text and verified
evidence turned into an engine `Profile` (`profile_build`), and the errors the Converter reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from skillsnet import engine
from skillsnet.accounts.models import User
from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS
from skillsnet.catalogue.search import occupation_for_title
from skillsnet.catalogue.selectors import role_list
from skillsnet.catalogue.snapshot import Snapshot, engine_snapshot, occupation_specs
from skillsnet.catalogue.titles import core_title, normalise_title
from skillsnet.converter.documents import MAX_CHARS
from skillsnet.learning.selectors import done_course_slugs, verified_skills

MAX_OCCUPATIONS = 3
MAX_SKILLS = 200
MAX_HOURS_PER_WEEK = 60
DEFAULT_HOURS_PER_WEEK = 10
MAX_NAME = 120
ADJUSTED_DETAIL = "level set by you"

# What each level means, in the person's words (the self-rating and review pages show these).
LEVEL_DESCRIPTORS = {
    0: "I don't have this skill",
    1: "I know what it is",
    2: "I can do it with some guidance",
    3: "I do it independently and reliably",
    4: "I could teach or lead it",
}
PROVENANCE_LABELS = {
    engine.Provenance.ASSUMED: "Assumed from having held a job",
    engine.Provenance.OCCUPATION: "From your job",
    engine.Provenance.CV: "From your CV",
    engine.Provenance.SELF_RATED: "Rated by you",
    engine.Provenance.VERIFIED: "Verified",
}


# Every job asks a person to follow its procedures, work with others and take care over details, and the ESCO
# skills of most jobs do not say so (ESCO lists what is particular to a job). Anyone who names a previous job
# is credited with these at awareness level (1), marked "assumed": enough for the entry roles that train on
# the job to be listed and ranked, never enough to meet a requirement above awareness, and never counted as
# evidence that the person can be assessed (`matching.relevant_skill_count`). A job that shows more keeps
# its own level. (Dev parts of the labelled jobs, 2026-12-06: sensible@3 76.0% -> 79.0% on the first dev part,
# 50.0% -> 57.9% on dev3; wrong@3 7.2% -> 6.0% and 12.9% -> 5.0%; see docs/EVALUATION.md.)
WORKPLACE_BASICS = ("procedural-discipline", "teamwork", "attention-to-detail")
ASSUMED_DETAIL = "every job asks for this; raise the level if yours asked for more"


class ConverterError(Exception):
    """Input the converter cannot use; the message is a sentence for the person. `field` names the input."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Source:
    provenance: str  # engine.Provenance value
    label: str  # "From your job", "From your CV"...
    detail: str  # the job title, the CV phrase quoted, the course name
    level: int


@dataclass(frozen=True)
class SkillRow:
    """One skill of the person, for display: its level, and every piece of evidence for it."""

    skill: str
    name: str
    level: int
    provenance: str  # of the primary evidence
    sources: tuple[Source, ...]
    verified: bool  # backed by a completed course or attendance: cannot be removed or lowered


@dataclass(frozen=True)
class OccupationRef:
    key: str  # as given: a slug or an ESCO URI
    slug: str
    title: str


@dataclass(frozen=True)
class ProfileResult:
    profile: engine.Profile
    rows: tuple[SkillRow, ...]
    occupations: tuple[OccupationRef, ...]
    unknown_occupations: tuple[str, ...] = ()
    unknown_skills: tuple[str, ...] = ()
    # (code, where it came from: "stated by you", "from your job as …", "from your CV: …")
    credentials: tuple[tuple[str, str], ...] = ()

    @property
    def errors(self) -> list[str]:
        messages = [f"We do not know the job '{key}'." for key in self.unknown_occupations]
        messages += [f"We do not know the skill '{key}'." for key in self.unknown_skills]
        return messages

    @property
    def is_empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class Found:
    """A skill read from text."""

    skill: str
    name: str
    level: int
    evidence: str
    level_reason: str = ""  # why this level: "level 3: 9 years (since 2017), as “Band 6 biomedical scientist”"
    # Not a phrase of the skill: the sentence model suggested it from these words ("“rotated the stock”, “pallets”")
    suggested_by: str = ""

    @property
    def reason_to_show(self) -> str:
        """The level's reason, and for a suggestion from wording, which words and that it needs checking."""
        if not self.suggested_by:
            return self.level_reason
        note = f"suggested from the wording {self.suggested_by}, not from a phrase naming the skill: check it"
        return f"{self.level_reason}; {note}" if self.level_reason else note


def skills_extract(*, text: str, snapshot: Snapshot | None = None) -> list[Found]:
    """The skills mentioned in free text (a CV, a job description), with a suggested level and the quote."""
    snap = snapshot or engine_snapshot()
    found = engine.extract(text[:MAX_CHARS], snap.lexicon, model=snap.sentence_model)
    return [
        Found(f.skill, snap.skill_name(f.skill), f.level, f.evidence, f.level_reason, f.suggested_by)
        for f in found
        if f.skill in snap.skill_names
    ]


# Shares a person can picture, for telling them how often the CV reader errs: (fraction, words).
_SHARES = (
    (1 / 10, "one in ten"),
    (1 / 5, "one in five"),
    (1 / 4, "one in four"),
    (3 / 10, "three in ten"),
    (1 / 3, "one in three"),
    (2 / 5, "two in five"),
    (1 / 2, "one in two"),
)


def share_in_words(fraction: float) -> str:
    """'about one in four' for 0.247: the nearest share in `_SHARES`, as said to a person."""
    return "about " + min(_SHARES, key=lambda share: abs(share[0] - fraction))[1]


@dataclass(frozen=True)
class ReaderRecord:
    """How the CV reader did on labelled CV paragraphs it was never tuned on."""

    precision: float  # of the skills it suggested, the share a careful reader accepts
    recall: float  # of the skills a careful reader accepts, the share it suggested

    @property
    def wrong_in_words(self) -> str:
        return share_in_words(1 - self.precision)

    @property
    def missed_in_words(self) -> str:
        return share_in_words(1 - self.recall)


# The test part of the labelled CV paragraphs in `make eval` with the sentence model (docs/EVALUATION.md, 2026-12-07:
# 0.812 / 0.760 with the model trained on 74 dev sets, against 0.820 / 0.737 for the phrases alone; twelve blind sets
# measured before the model learnt from them, cv-dev63 to cv-dev74, gave 0.75-0.84 precision and 0.65-0.77 recall).
# The review page tells a person these figures in words, so that they check what was read; update it when `make eval`
# moves them.
CV_READER_RECORD = ReaderRecord(precision=0.812, recall=0.760)


@dataclass(frozen=True)
class CvJob:
    """A job a CV names, as the job search would offer it: the person adds it as a previous job or not."""

    key: str  # a role's or a source occupation's slug (what the job search gives)
    title: str
    quote: str  # the title as the CV writes it


# A CV names each job at the start of a line, before the employer, the dates or the duties: "Band 6
# biomedical scientist, Hollinsford General, 2017-present". The title ends at a comma, bracket, colon,
# dash, full stop, a year, or a word that starts the employer or the dates.
_TITLE_END = re.compile(
    r"\s*(?:[,(;:|\u2013\u2014]|\.(?:\s|$)|\s-\s|\b(?:at|with|for|since|in|from|on)\b|\b(?:19|20)\d\d\b)", re.I
)
MAX_TITLE_WORDS = 6
MAX_CV_JOBS = 3
# Each candidate line costs a title search: a CV is read for titles in its first lines that could be one, so a
# document of thousands of short lines costs no more than a long CV.
MAX_TITLE_LINES = 60


def jobs_in_cv(*, text: str, limit: int = MAX_CV_JOBS) -> list[CvJob]:
    """The jobs a CV names outright, first named first, at most `limit`: a line's opening words that are an
    industry role's title, or that name one source occupation (`catalogue.search.occupation_for_title`:
    a label is the title, grade and seniority words aside). A title that fits several jobs equally is left
    out; the person confirms each one before it counts."""
    roles: dict[str, tuple[str, str]] = {}  # normal or core title -> (slug, title)
    for slug, title in role_list().values_list("slug", "title"):
        for form in (normalise_title(title), core_title(title)):
            if form:
                roles.setdefault(form, (slug, title))
    found: dict[str, CvJob] = {}
    tried = 0
    for line in text[:MAX_CHARS].splitlines():
        head = _TITLE_END.split(line.strip(" \t\u2022*-"), maxsplit=1)[0].strip()
        if not head[:1].isupper() or len(head.split()) > MAX_TITLE_WORDS:
            continue
        tried += 1
        if tried > MAX_TITLE_LINES:
            break
        role = roles.get(normalise_title(head)) or roles.get(core_title(head) or "-")
        if role is not None:
            job = CvJob(role[0], role[1], head)
        elif (occupation := occupation_for_title(head)) is not None:
            job = CvJob(occupation.slug, occupation.title, head)
        else:
            continue
        found.setdefault(job.key, job)
        if len(found) >= limit:
            break
    return list(found.values())


def verified_evidence(user: User | None, rows: Iterable[tuple[str, int, str]] | None = None) -> list[engine.Evidence]:
    """Skills a signed-in person has proved (completed courses, attended runs).

    `rows` are that person's (skill, level, detail) when the caller read them already, for many people at once."""
    if user is None or not user.is_authenticated:
        return []
    if rows is not None:
        return [
            engine.Evidence(slug, max(0, min(4, int(level))), engine.Provenance.VERIFIED, str(detail))
            for slug, level, detail in rows
            if max(0, min(4, int(level)))
        ]
    evidence: list[engine.Evidence] = []
    for slug, level, detail in verified_skills(user):
        level = max(0, min(4, int(level)))
        if level:
            evidence.append(engine.Evidence(slug, level, engine.Provenance.VERIFIED, str(detail)))
    return evidence


def held_courses(user: User | None) -> set[str]:
    """Courses a signed-in person has completed online or attended on site: a plan never repeats them."""
    if user is None or not user.is_authenticated:
        return set()
    return done_course_slugs(user)


def _level(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
        raise ConverterError(f"The level for {what} must be a whole number from 0 to 4.", field="skills")
    return value


def profile_build(
    *,
    occupations: Sequence[str] = (),
    skills: Mapping[str, int] | None = None,
    text: str = "",
    user: User | None = None,
    cv_skills: Iterable[tuple[Any, ...]] = (),
    adjusted: Mapping[str, int] | None = None,
    removed: Iterable[str] = (),
    credentials: Iterable[str] = (),
    cv_credentials: Iterable[tuple[str, str]] = (),
    verified: Iterable[tuple[str, int, str]] | None = None,
    snapshot: Snapshot | None = None,
) -> ProfileResult:
    """A person's profile from any combination of previous jobs, self-rated skills and CV text.

    `occupations` are slugs or ESCO URIs of source occupations or industry roles (at most three);
    `skills` maps skill slugs to self-rated levels 0–4 (0 means "I don't have it" and adds nothing);
    `text` is read for skills now; `cv_skills` are skills already read from a CV (slug, level, quote).
    On the review page a person may set a level (`adjusted`, final: it replaces every other source but a
    verified one) or remove a skill (`removed`). `credentials` are entry-requirement codes the person
    states (a degree, a registration); `cv_credentials` (code, sentence) were read from a CV earlier;
    previous jobs and CV text add the ones they imply. `verified` are the user's verified skills when the
    caller has read them for many people at once (the talent search), as `snapshot` is the engine snapshot
    it holds. Unknown jobs
    and skills are reported, not raised, so each caller can word its own error. Raises ConverterError
    for levels outside 0–4, unknown credentials or too many inputs.
    """
    snap = snapshot or engine_snapshot()
    occupations = [key.strip() for key in occupations if key and key.strip()]
    occupations = list(dict.fromkeys(occupations))
    if len(occupations) > MAX_OCCUPATIONS:
        raise ConverterError(f"Choose at most {MAX_OCCUPATIONS} previous jobs.", field="occupations")
    skills = dict(skills or {})
    if len(skills) > MAX_SKILLS:
        raise ConverterError(f"Rate at most {MAX_SKILLS} skills.", field="skills")

    specs, unknown_occupations = occupation_specs(occupations, snap)
    refs = tuple(
        OccupationRef(key, spec.slug, spec.title)
        for key, spec in zip(_known(occupations, unknown_occupations), specs, strict=True)
    )
    from_jobs = engine.profile_from_occupations(specs)
    evidence: list[engine.Evidence] = list(from_jobs.evidence)
    if specs:
        evidence += [
            engine.Evidence(slug, 1, engine.Provenance.ASSUMED, ASSUMED_DETAIL)
            for slug in WORKPLACE_BASICS
            if slug in snap.skill_names
        ]
    seniority = from_jobs.seniority
    shown: dict[str, str] = {}
    for code in dict.fromkeys(c.strip() for c in credentials if c and c.strip()):
        if code not in ENTRY_REQUIREMENTS:
            raise ConverterError(f"There is no qualification or registration '{code}'.", field="credentials")
        shown[code] = "stated by you"
    for spec in specs:
        for code in spec.entry_requirements:
            shown.setdefault(code, f"from your job as {spec.title}")
    read = list(cv_credentials)
    if text and text.strip():
        read += [(cred.code, cred.evidence) for cred in engine.extract_credentials(text[:MAX_CHARS])]
    for code, quote in read:
        if code in ENTRY_REQUIREMENTS:
            shown.setdefault(code, f"from your CV: {quote}")

    unknown_skills: list[str] = []
    for slug, level in skills.items():
        level = _level(level, f"'{slug}'")
        if slug not in snap.skill_names:
            unknown_skills.append(slug)
        elif level:
            evidence.append(engine.Evidence(slug, level, engine.Provenance.SELF_RATED, ""))

    if text and text.strip():
        evidence += [
            engine.Evidence(f.skill, f.level, engine.Provenance.CV, f.evidence)
            for f in skills_extract(text=text, snapshot=snap)
        ]
    for slug, level, quote, *_why in cv_skills:
        if slug in snap.skill_names and 1 <= level <= 4:
            evidence.append(engine.Evidence(slug, level, engine.Provenance.CV, quote))

    # The review page has the last word, except over verified evidence.
    overridden = set(removed) | set((adjusted or {}).keys())
    evidence = [ev for ev in evidence if ev.skill not in overridden]
    for slug, level in (adjusted or {}).items():
        level = _level(level, f"'{slug}'")
        if slug in snap.skill_names and level:
            evidence.append(engine.Evidence(slug, level, engine.Provenance.SELF_RATED, ADJUSTED_DETAIL))
    evidence += [ev for ev in verified_evidence(user, verified) if ev.skill in snap.skill_names]

    profile = engine.Profile(tuple(evidence), seniority, frozenset(shown), from_jobs.routes)
    return ProfileResult(
        profile=profile,
        rows=_rows(profile, snap),
        occupations=refs,
        unknown_occupations=tuple(unknown_occupations),
        unknown_skills=tuple(unknown_skills),
        credentials=tuple(sorted(shown.items())),
    )


def _known(keys: Sequence[str], unknown: Sequence[str]) -> list[str]:
    missing = set(unknown)
    return [key for key in keys if key not in missing]


def _rows(profile: engine.Profile, snap: Snapshot) -> tuple[SkillRow, ...]:
    rows = []
    for slug in profile.skills:
        primary = profile.primary(slug)
        if primary is None or primary.level == 0:
            continue
        sources = tuple(
            Source(ev.provenance.value, PROVENANCE_LABELS[ev.provenance], ev.detail, ev.level)
            for ev in sorted(profile.evidence_for(slug), key=lambda ev: (-ev.level, ev.provenance.value, ev.detail))
        )
        rows.append(
            SkillRow(
                skill=slug,
                name=snap.skill_name(slug),
                level=primary.level,
                provenance=primary.provenance.value,
                sources=sources,
                verified=any(s.provenance == engine.Provenance.VERIFIED.value for s in sources),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.level, r.name.lower())))
