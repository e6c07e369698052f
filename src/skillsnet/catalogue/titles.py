"""Job titles as people type them: one normal form for search, and the synonyms in data/job_titles.yaml.

`normalise_title` turns "Band 5 Staff Nurses (NHS)" and "staff nurse" into comparable word strings:
lower case, words only, "&" as "and", common abbreviations spelt out ("asst" → "assistant"), plurals made
singular, a few split compounds joined ("fork lift" → "forklift"), and the little words dropped.
`core_title` also drops what says how, when or at which grade someone did the job ("senior", "trainee",
"nights", "band 5"), so that "senior care assistant" meets "care assistant".

Both sides of every comparison go through the same function, so over-eager stemming ("sales" → "sale")
costs nothing: it happens to the query and to the label alike.

`sync_job_titles` writes the reviewed synonyms onto the source occupations carrying each ESCO URI; the
dataset loader and the ESCO import both call it, so the synonyms are there whichever ran last.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple, Protocol

WORD_RE = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})

# Abbreviations that job adverts and CVs use for a whole word.
ABBREVIATIONS = {
    "asst": "assistant",
    "assist": "assistant",
    "mgr": "manager",
    "mngr": "manager",
    "supv": "supervisor",
    "supvr": "supervisor",
    "tech": "technician",
    "techs": "technician",
    "engr": "engineer",
    "eng": "engineer",
    "maint": "maintenance",
    "admin": "administrative",
    "ops": "operations",
    "op": "operative",
    "dept": "department",
    "mfg": "manufacturing",
    "prod": "production",
    "whse": "warehouse",
    "snr": "senior",
    "sr": "senior",
    "jnr": "junior",
    "jr": "junior",
    "vet": "veterinary",
    "elec": "electrical",
}

# Plurals that the suffix rule below gets wrong.
IRREGULAR = {"midwives": "midwife", "men": "man", "women": "woman", "people": "person", "staff": "staff"}

# Compounds written both split and joined; the joined form is the normal one.
COMPOUNDS = {
    "fork lift": "forklift",
    "health care": "healthcare",
    "home care": "homecare",
    "child care": "childcare",
    "day care": "daycare",
    "fire fighter": "firefighter",
    "house keeper": "housekeeper",
    "care giver": "caregiver",
    "post man": "postman",
    "multi skilled": "multiskilled",
    "multi skill": "multiskilled",
    "dinner lady": "dinnerlady",
}
# The parts of each joined form, so the database prefilter also finds labels written split.
COMPOUND_PARTS = {joined: split.split() for split, joined in COMPOUNDS.items()}

# Words that say at which grade, how or when someone did a job, not which job it was.
QUALIFIERS = frozenset(
    {
        "senior",
        "junior",
        "trainee",
        "apprentice",
        "graduate",
        "lead",
        "principal",
        "experienced",
        "qualified",
        "relief",
        "bank",
        "agency",
        "temporary",
        "temp",
        "locum",
        "casual",
        "permanent",
        "contract",
        "part",
        "full",
        "time",
        "night",
        "day",
        "weekend",
        "shift",
        "nhs",
        "band",
        "grade",
        "level",
        "uk",
    }
)

# Words that name a kind of post but not a line of work: a partial match on these alone says nothing.
GENERIC_WORDS = frozenset(
    {
        "worker",
        "operative",
        "operator",
        "assistant",
        "technician",
        "driver",
        "manager",
        "officer",
        "engineer",
        "supervisor",
        "specialist",
        "attendant",
        "hand",
        "staff",
        "person",
        "associate",
        "advisor",
        "adviser",
        "consultant",
        "coordinator",
        "administrator",
        "clerk",
        "team",
        "leader",
        "member",
        "helper",
        "general",
        "head",
        "chief",
        "deputy",
        "professional",
        "practitioner",
        "executive",
        "agent",
        "aide",
        "support",
        "service",
        "services",
        *QUALIFIERS,
    }
)


def _singular(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normal_words(text: str) -> tuple[str, ...]:
    """The words of `text` in normal form (see the module docstring), little words dropped when others remain."""
    return _words(text, expand=True)


def literal_words(text: str) -> tuple[str, ...]:
    """As `normal_words`, but with abbreviations left as typed: "admin" must still start "administrator"."""
    return _words(text, expand=False)


@lru_cache(maxsize=65536)
def _words(text: str, *, expand: bool) -> tuple[str, ...]:
    raw = WORD_RE.findall(text.lower().replace("&", " and "))
    words = [_singular(ABBREVIATIONS.get(word, word) if expand else word) for word in raw]
    joined = " ".join(words)
    if any(split in joined for split in COMPOUNDS):
        padded = f" {joined} "
        for split, compound in COMPOUNDS.items():
            padded = padded.replace(f" {split} ", f" {compound} ")
        words = padded.split()
    meaningful = [word for word in words if word not in STOP_WORDS]
    return tuple(meaningful or words)


def normalise_title(text: str) -> str:
    """One string per job title however it is written: 'Warehouse Operatives' → 'warehouse operative'."""
    return " ".join(normal_words(text))


@lru_cache(maxsize=65536)
def core_title(text: str) -> str:
    """The normal title without grade, seniority or shift words: 'Senior Staff Nurse (Band 6)' → 'staff nurse'."""
    words = [word for word in normal_words(text) if word not in QUALIFIERS and not word.isdigit()]
    return " ".join(words)


# Titles held in every sector, which ESCO or a curated job give to one sector's work ("technical director" is
# ESCO's theatre job and "technical manager" one of its labels; "account manager" is a bank's; field service
# engineers keep lifts, scanners and fab tools alike running): a CV line that says only this names no job, and
# the person picks theirs (titles of generic words alone, "team leader", are already refused through
# GENERIC_WORDS). Kept in `core_title` form (singular, no grades or small words: "head of quality" is "head
# quality").
SECTORLESS_TITLES = frozenset(
    core_title(title)
    for title in (
        "head of quality",
        "quality manager",
        "technical manager",
        "technical supervisor",
        "head of technical",
        "technical services manager",
        "technical director",
        "account manager",
        "field technician",
        "field service engineer",
    )
)


class TitleForms(NamedTuple):
    normal: str  # normalise_title
    compact: str  # the normal form without spaces: "fork lift" and "forklift" meet here
    core: str  # core_title
    padded: str  # " normal ": finds a phrase, a word or a word's start on word boundaries


@lru_cache(maxsize=131072)
def title_forms(text: str) -> TitleForms:
    """Every form of a label the search compares, computed once per label per process."""
    normal = normalise_title(text)
    return TitleForms(normal, normal.replace(" ", ""), core_title(text), f" {normal} ")


def search_tokens(text: str) -> list[str]:
    """The normal words, plus the words as typed and the parts of joined compounds: what the prefilter looks for."""
    tokens = list(normal_words(text))
    for word in WORD_RE.findall(text.lower()):
        if word not in STOP_WORDS or not tokens:
            tokens.append(word)
    for token in list(tokens):
        tokens.extend(COMPOUND_PARTS.get(token, []))
    return list(dict.fromkeys(tokens))


# ---------------------------------------------------------------- writing the synonyms


class JobTitleEntry(Protocol):
    @property
    def esco_uri(self) -> str: ...

    @property
    def titles(self) -> Sequence[str]: ...


def titles_by_uri(entries: Iterable[JobTitleEntry]) -> dict[str, list[str]]:
    by_uri: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        by_uri[entry.esco_uri].extend(entry.titles)
    return dict(by_uri)


def sync_job_titles(by_uri: dict[str, list[str]]) -> int:
    """Make every source occupation's `job_titles` what `by_uri` gives its ESCO URI; return the rows changed.

    Occupations without a URI in `by_uri` lose any synonyms they had; a URI with no occupation in the
    database yet (ESCO not imported) waits for the import, which calls this again.
    """
    from skillsnet.catalogue.models import SourceOccupation, search_text_of

    changed = []
    rows = SourceOccupation.objects.filter(esco_uri__isnull=False).only("id", "title", "alt_titles", "esco_uri")
    current = dict(SourceOccupation.objects.exclude(job_titles=[]).values_list("id", "job_titles"))
    wanted_ids = set()
    for row in rows.filter(esco_uri__in=list(by_uri)) if by_uri else []:
        wanted = list(by_uri[row.esco_uri or ""])
        wanted_ids.add(row.pk)
        if current.get(row.pk, []) != wanted:
            row.job_titles = wanted
            row.search_text = search_text_of(row.title, row.alt_titles, wanted)
            changed.append(row)
    stale = [pk for pk in current if pk not in wanted_ids]
    for row in SourceOccupation.objects.filter(pk__in=stale).only("id", "title", "alt_titles"):
        row.job_titles = []
        row.search_text = search_text_of(row.title, row.alt_titles)
        changed.append(row)
    SourceOccupation.objects.bulk_update(changed, ["job_titles", "search_text"], batch_size=500)
    return len(changed)
