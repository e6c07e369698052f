"""The bridge from ESCO skills to curated skills: how far holding an ESCO skill counts as holding ours.

Why a bridge (docs/decisions/0006-esco-bridge.md): a curated skill may carry one ESCO URI, and that
identity used to be the only way an ESCO occupation reached the curated graph. Most ESCO skills are not the
same as any curated skill but bear on one partly ("operate autoclave" on sterilisation, "work in teams" on
teamwork), and a wrong identity made a housekeeper "meet" cleanroom working. The bridge is graded (strength
0–1), many-to-one and reviewed, and it lives in a diffable file:

    data/esco_bridge.csv          esco_uri, esco_label, skill, strength, method, reviewed, note
    data/esco_bridge_review.yaml  the reviewer's decisions: accept with a strength, reject, or add

`build_esco_bridge` (a maintainer command) proposes links from ESCO's structure and the curated data,
applies the review file and writes the CSV and a review report; `import_esco` loads the CSV into
`EscoSkillLink` after the relations. Methods, with the strengths proposed before review:

    identity   a curated skill's own esco_uri                                  1.0
    hierarchy  an ESCO skill narrower than an identity-linked one              0.6 one level down, 0.4 deeper;
               under a transversal ESCO skill (ESCO files "analyse blood samples" under "think critically")
               0.4 one level down and nothing deeper
    label      a curated name or label (the engine's lexicon) in the ESCO skill's labels: the whole preferred
               label 0.8, a whole alternative label 0.4 (short alternatives such as "mapping" or "crimping"
               often mean something else), two or more words inside the preferred label 0.4 (a part of an
               alternative label is not proposed)
    related    an ESCO skill-skill relation from an identity-linked skill      0.3 (0.4 when "essential")
    manual     added by the review file

A review decision always wins over a proposal. Links below 0.3 are not written (too weak to be evidence).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction

from skillsnet import engine
from skillsnet.catalogue import esco
from skillsnet.catalogue.models import BridgeMethod, EscoSkillLink, Origin, Skill
from skillsnet.catalogue.versioning import bulk_catalogue_write, bump_catalogue_version

COLUMNS = ("esco_uri", "esco_label", "skill", "strength", "method", "reviewed", "note")
METHODS = tuple(m.value for m in BridgeMethod)
MIN_STRENGTH = 0.3  # weaker links are not written
COVERAGE_STRENGTH = 0.5  # a link counts towards coverage from this strength
COVERAGE_SKILLS = 3  # an occupation is covered when it reaches this many distinct curated skills
COVERAGE_TARGET = 0.97

# Curated categories that hold GMP technical skills: a generic ESCO skill (teamwork, hygiene, following
# procedures, health and safety…) never links to one of these (the builder refuses, a test checks).
TECHNICAL_CATEGORIES = frozenset(
    {
        "aseptic-cleanroom",
        "quality",
        "bioprocess-upstream",
        "bioprocess-downstream",
        "process-development",
        "analytical",
        "microbiology",
        "cell-biology",
        "molecular-biology",
    }
)

PROPOSED = {
    "identity": 1.0,
    "hierarchy": 0.6,
    "hierarchy-deep": 0.4,
    "hierarchy-transversal": 0.4,
    "label-whole": 0.8,
    "label-whole-alt": 0.4,
    "label-part": 0.4,
    "related-essential": 0.4,
    "related": 0.3,
}
_METHOD_RANK = {"identity": 0, "manual": 1, "hierarchy": 2, "label": 3, "related": 4}

BROADER_FILE = "broaderRelationsSkillPillar.csv"
RELATED_FILE = "skillSkillRelations.csv"


class BridgeError(Exception):
    """The bridge or review file is wrong; the message names the file and row."""


def default_bridge_path() -> Path:
    return Path(settings.DATA_DIR) / "esco_bridge.csv"


def default_review_path() -> Path:
    return Path(settings.DATA_DIR) / "esco_bridge_review.yaml"


@dataclass(frozen=True)
class Link:
    esco_uri: str
    esco_label: str
    skill: str
    strength: float
    method: str
    reviewed: bool
    note: str

    def row(self) -> list[str]:
        return [
            self.esco_uri,
            self.esco_label,
            self.skill,
            f"{self.strength:.2f}",
            self.method,
            "yes" if self.reviewed else "no",
            self.note,
        ]


# --- The CSV ---------------------------------------------------------------------------------------------


def sort_key(link: Link) -> tuple[str, str, str]:
    return (link.esco_label.casefold(), link.esco_uri, link.skill)


def write_bridge(links: Iterable[Link], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for link in sorted(links, key=sort_key):
        writer.writerow(link.row())
    path.write_text(buffer.getvalue(), encoding="utf-8")


def read_bridge(path: Path | str | None = None) -> list[Link]:
    """The links in the bridge CSV, checked field by field; raises BridgeError naming the row."""
    path = Path(path) if path is not None else default_bridge_path()
    if not path.is_file():
        raise BridgeError(f"{path} does not exist; build it with `skillsnet build_esco_bridge`.")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or tuple(header) != COLUMNS:
            raise BridgeError(f"{path}, row 1: the header must be {','.join(COLUMNS)}.")
        links: list[Link] = []
        seen: dict[tuple[str, str], int] = {}
        for number, record in enumerate(reader, start=2):
            if not record:
                continue
            if len(record) != len(COLUMNS):
                raise BridgeError(
                    f"{path}, row {number}: has {len(record)} fields where the header has {len(COLUMNS)}."
                )
            uri, label, skill, strength, method, reviewed, note = (value.strip() for value in record)
            if not esco._SKILL_URI.fullmatch(uri):
                raise BridgeError(f"{path}, row {number}: esco_uri {uri!r} is not an ESCO skill URI.")
            try:
                value = float(strength)
            except ValueError:
                value = -1.0
            if not 0.0 <= value <= 1.0:
                raise BridgeError(f"{path}, row {number}: strength {strength!r} is not a number from 0 to 1.")
            if method not in METHODS:
                raise BridgeError(f"{path}, row {number}: method {method!r} is not one of {', '.join(METHODS)}.")
            if reviewed not in ("yes", "no"):
                raise BridgeError(f"{path}, row {number}: reviewed must be yes or no, not {reviewed!r}.")
            first = seen.setdefault((uri, skill), number)
            if first != number:
                raise BridgeError(f"{path}, row {number}: repeats the ESCO skill and curated skill of row {first}.")
            links.append(Link(uri, label, skill, value, method, reviewed == "yes", note))
    return links


# --- Loading into the database ---------------------------------------------------------------------------


@dataclass
class BridgeTally:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def sync_links(links: Sequence[Link], source: str = "data/esco_bridge.csv") -> BridgeTally:
    """Make EscoSkillLink exactly `links` (adding, updating, deleting); raises BridgeError on unknown names.

    Call inside a transaction; the caller bumps the catalogue version when the tally says it changed.
    """
    by_uri = dict(Skill.objects.filter(esco_uri__isnull=False).values_list("esco_uri", "id"))
    curated = dict(Skill.objects.filter(origin=Origin.CURATED).values_list("slug", "id"))
    wanted: dict[tuple[int, int], dict[str, Any]] = {}
    for number, link in enumerate(links, start=2):
        esco_id = by_uri.get(link.esco_uri)
        if esco_id is None:
            raise BridgeError(
                f"{source}, row {number}: no skill has the ESCO URI {link.esco_uri} ({link.esco_label}); "
                "import the ESCO export it was built from."
            )
        skill_id = curated.get(link.skill)
        if skill_id is None:
            raise BridgeError(
                f"{source}, row {number}: {link.skill!r} is not a curated skill; load the dataset first "
                "(skillsnet load_dataset) or rebuild the bridge (skillsnet build_esco_bridge)."
            )
        wanted[(esco_id, skill_id)] = {
            "strength": link.strength,
            "method": link.method,
            "reviewed": link.reviewed,
            "note": link.note[:300],
        }
    tally = BridgeTally()
    current: dict[tuple[int, int], dict[str, Any]] = {
        (row["esco_skill_id"], row["skill_id"]): dict(row)
        for row in EscoSkillLink.objects.values(
            "id", "esco_skill_id", "skill_id", "strength", "method", "reviewed", "note"
        )
    }
    new, changed = [], []
    for (esco_id, skill_id), values in wanted.items():
        row = current.pop((esco_id, skill_id), None)
        if row is None:
            new.append(EscoSkillLink(esco_skill_id=esco_id, skill_id=skill_id, **values))
        elif any(row[name] != value for name, value in values.items()):
            changed.append(EscoSkillLink(pk=row["id"], **values))
        else:
            tally.unchanged += 1
    EscoSkillLink.objects.bulk_create(new, batch_size=1000)
    EscoSkillLink.objects.bulk_update(changed, ["strength", "method", "reviewed", "note"], batch_size=1000)
    stale = [row["id"] for row in current.values()]
    for start in range(0, len(stale), 1000):
        EscoSkillLink.objects.filter(pk__in=stale[start : start + 1000]).delete()
    tally.created, tally.updated, tally.deleted = len(new), len(changed), len(stale)
    return tally


def load_bridge(path: Path | str | None = None) -> BridgeTally:
    """Load the bridge CSV on its own (import_esco does this after the relations); bumps the version on change."""
    path = Path(path) if path is not None else default_bridge_path()
    links = read_bridge(path)
    with transaction.atomic(), bulk_catalogue_write():
        tally = sync_links(links, str(path))
        if tally.changed:
            bump_catalogue_version()
    return tally


# --- Building: the inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CuratedSkill:
    slug: str
    name: str
    category: str
    kind: str
    esco_uri: str | None
    labels: tuple[str, ...]


@dataclass
class EscoData:
    """What the builder needs from the ESCO export."""

    skills: dict[str, esco.EscoSkill]
    reuse: dict[str, str]  # skill URI -> reuseLevel (transversal, cross-sector, sector-specific, …)
    occupations: dict[str, str]  # occupation URI -> title
    relations: dict[str, list[tuple[str, bool]]]  # skill URI -> [(occupation URI, essential)]
    narrower: dict[str, list[str]]  # skill URI -> the skills directly narrower than it
    related: dict[str, list[tuple[str, bool]]]  # skill URI -> [(related skill URI, essential)]


def read_esco(path: Path | str | None = None) -> EscoData:
    export = esco.read_export(path)
    skills = {s.uri: s for s in export.skills}
    reuse = {
        values[0].strip().lower(): values[1].strip()
        for _, values in esco.read_rows(path, esco.SKILLS_FILE, ["conceptUri", "reuseLevel"])
    }
    relations: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for r in export.relations:
        relations[r.skill_uri].append((r.occupation_uri, r.essential))
    narrower: dict[str, list[str]] = defaultdict(list)
    for _, (concept, broader) in esco.read_rows(path, BROADER_FILE, ["conceptUri", "broaderUri"]):
        concept, broader = concept.strip().lower(), broader.strip().lower()
        if concept in skills and broader in skills:
            narrower[broader].append(concept)
    related: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for _, (origin, kind, target) in esco.read_rows(
        path, RELATED_FILE, ["originalSkillUri", "relationType", "relatedSkillUri"]
    ):
        origin, target = origin.strip().lower(), target.strip().lower()
        if origin in skills and target in skills:
            related[origin].append((target, kind.strip() == "essential"))
    return EscoData(
        skills=skills,
        reuse=reuse,
        occupations={o.uri: o.title for o in export.occupations},
        relations=dict(relations),
        narrower=dict(narrower),
        related=dict(related),
    )


def read_curated(data_dir: Path | str | None = None) -> list[CuratedSkill]:
    from skillsnet.catalogue.dataset import DatasetError, read_dataset

    try:
        dataset = read_dataset(Path(data_dir) if data_dir is not None else Path(settings.DATA_DIR))
    except DatasetError as exc:
        raise BridgeError(f"The curated dataset has problems; fix them first:\n{exc}") from None
    return [CuratedSkill(s.slug, s.name, s.category, s.kind, s.esco_uri, tuple(s.alt_labels)) for s in dataset.skills]


# --- Building: proposals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    esco_uri: str
    skill: str
    strength: float
    method: str
    why: str


def _spans(tokens: tuple[str, ...], lexicon: engine.Lexicon) -> Iterator[tuple[int, int, str]]:
    """(start, end, slug) of the longest lexicon entry at each position of `tokens`, left to right."""
    i = 0
    while i < len(tokens):
        best: tuple[int, str] | None = None
        j = i + 1
        while j <= len(tokens) and tokens[i:j] in lexicon.prefixes:
            slug = lexicon.entries.get(tokens[i:j])
            if slug:
                best = (j, slug)
            j += 1
        if best:
            yield i, best[0], best[1]
            i = best[0]
        else:
            i += 1


def propose(curated: Sequence[CuratedSkill], data: EscoData) -> list[Proposal]:
    """Every link ESCO's structure and the curated labels suggest, strongest first per pair."""
    found: list[Proposal] = []
    identity = {s.esco_uri: s.slug for s in curated if s.esco_uri and s.esco_uri in data.skills}
    for uri, slug in identity.items():
        found.append(Proposal(uri, slug, PROPOSED["identity"], "identity", "the curated skill's esco_uri"))
        transversal = data.reuse.get(uri) == "transversal"
        level, frontier, seen = 1, list(data.narrower.get(uri, ())), {uri}
        while frontier and not (transversal and level > 1):
            step = "hierarchy-transversal" if transversal else "hierarchy" if level == 1 else "hierarchy-deep"
            next_frontier: list[str] = []
            for child in sorted(set(frontier) - seen):
                seen.add(child)
                parent = data.skills[uri].name
                found.append(Proposal(child, slug, PROPOSED[step], "hierarchy", f"narrower than '{parent}'"))
                next_frontier.extend(data.narrower.get(child, ()))
            frontier, level = next_frontier, level + 1
        for target, essential in data.related.get(uri, ()):
            strength = PROPOSED["related-essential" if essential else "related"]
            found.append(Proposal(target, slug, strength, "related", f"related to '{data.skills[uri].name}'"))

    specs = [engine.SkillSpec(slug=s.slug, name=s.name, labels=s.labels) for s in curated]
    lexicon = engine.build_lexicon(specs, reader_rules=False)  # the CV reader's tuning must not move the bridge
    for uri, skill in data.skills.items():
        for index, label in enumerate((skill.name, *skill.alt_labels)):
            tokens = engine.normalise(label)
            if not tokens:
                continue
            whole = lexicon.entries.get(tokens)
            if whole:
                strength = PROPOSED["label-whole" if index == 0 else "label-whole-alt"]
                found.append(Proposal(uri, whole, strength, "label", f"whole label '{label}'"))
                continue
            if index > 0:
                continue
            for start, end, slug in _spans(tokens, lexicon):
                if end - start == 1:
                    continue  # one word of a longer label is not evidence
                why = f"'{' '.join(tokens[start:end])}' in '{label}'"
                found.append(Proposal(uri, slug, PROPOSED["label-part"], "label", why))

    best: dict[tuple[str, str], Proposal] = {}
    for proposal in found:
        key = (proposal.esco_uri, proposal.skill)
        current = best.get(key)
        if current is None or (-proposal.strength, _METHOD_RANK[proposal.method], proposal.why) < (
            -current.strength,
            _METHOD_RANK[current.method],
            current.why,
        ):
            best[key] = proposal
    return sorted(best.values(), key=lambda p: (p.esco_uri, p.skill))


# --- Building: the review file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    esco_uri: str
    skill: str
    strength: float | None  # None: rejected
    note: str
    line: int


@dataclass
class Review:
    decisions: list[Decision] = field(default_factory=list)
    generic: set[str] = field(default_factory=set)  # ESCO skill URIs the reviewer classes as generic


def read_review(path: Path, curated: Sequence[CuratedSkill], data: EscoData) -> Review:
    """The review file, checked against the curated skills and the export; raises BridgeError."""
    if not path.is_file():
        return Review()
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise BridgeError(f"{path} is not valid YAML ({exc}).") from None
    if not isinstance(document, dict):
        raise BridgeError(f"{path}: expected a mapping with 'generic' and 'decisions'.")
    slugs = {s.slug for s in curated}
    by_label: dict[str, list[str]] = defaultdict(list)
    for uri, concept in data.skills.items():
        by_label[concept.name].append(uri)

    def resolve(entry: dict[str, Any], where: str) -> str:
        uri = str(entry.get("esco") or "").strip().lower()
        label = str(entry.get("label") or "").strip()
        if uri:
            if uri not in data.skills:
                raise BridgeError(f"{where}: {uri} is not an ESCO skill in the export.")
            if label and data.skills[uri].name != label:
                raise BridgeError(f"{where}: {uri} is '{data.skills[uri].name}' in ESCO, not '{label}'.")
            return uri
        uris = by_label.get(label, [])
        if len(uris) != 1:
            problem = "no ESCO skill has" if not uris else f"{len(uris)} ESCO skills have"
            raise BridgeError(f"{where}: {problem} the preferred label '{label}'; give its URI as esco.")
        return uris[0]

    review = Review()
    for index, entry in enumerate(document.get("generic") or [], start=1):
        where = f"{path}, generic #{index}"
        review.generic.add(resolve(entry if isinstance(entry, dict) else {"label": entry}, where))
    seen: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(document.get("decisions") or [], start=1):
        where = f"{path}, decision #{index}"
        if not isinstance(entry, dict):
            raise BridgeError(f"{where}: expected a mapping with esco/label, skill, strength or reject, note.")
        uri = resolve(entry, where)
        skill = str(entry.get("skill") or "").strip()
        if skill not in slugs:
            raise BridgeError(f"{where}: {skill!r} is not a curated skill in data/skills.yaml.")
        rejected = "reject" in entry
        note = str(entry.get("reject") if rejected else entry.get("note") or "").strip()
        if not note:
            raise BridgeError(f"{where}: give a one-line note (or the reason after reject:).")
        strength: float | None = None
        if not rejected:
            try:
                strength = float(entry.get("strength"))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                strength = -1.0
            if not MIN_STRENGTH <= strength <= 1.0:
                raise BridgeError(f"{where}: strength must be from {MIN_STRENGTH} to 1 (or reject the link).")
        first = seen.setdefault((uri, skill), index)
        if first != index:
            raise BridgeError(f"{where}: repeats the decision #{first} on the same ESCO skill and curated skill.")
        review.decisions.append(Decision(uri, skill, strength, note, index))
    return review


def generic_skills(review: Review, data: EscoData) -> set[str]:
    """ESCO skills any job may hold: those ESCO itself calls transversal, and those the review marks generic."""
    return review.generic | {uri for uri, level in data.reuse.items() if level == "transversal"}


def apply_review(
    proposals: Sequence[Proposal], review: Review, curated: Sequence[CuratedSkill], data: EscoData
) -> list[Link]:
    categories = {s.slug: s.category for s in curated}
    generic = generic_skills(review, data)
    decisions = {(d.esco_uri, d.skill): d for d in review.decisions}
    links: dict[tuple[str, str], Link] = {}
    for proposal in proposals:
        key = (proposal.esco_uri, proposal.skill)
        label = data.skills[proposal.esco_uri].name
        decision = decisions.pop(key, None)
        if decision is None:
            if proposal.esco_uri in generic and categories.get(proposal.skill) in TECHNICAL_CATEGORIES:
                continue  # never proposed: a generic skill is no evidence of a GMP technical one
            if proposal.strength >= MIN_STRENGTH:
                links[key] = Link(
                    proposal.esco_uri, label, proposal.skill, proposal.strength, proposal.method, False, proposal.why
                )
        elif decision.strength is not None:
            links[key] = Link(
                proposal.esco_uri, label, proposal.skill, decision.strength, proposal.method, True, decision.note
            )
    for (uri, skill), decision in decisions.items():  # decisions on pairs nobody proposed: manual links
        if decision.strength is not None:
            links[(uri, skill)] = Link(
                uri, data.skills[uri].name, skill, decision.strength, "manual", True, decision.note
            )
    problems = [
        f"'{link.esco_label}' is generic but links to {link.skill} ({categories[link.skill]})"
        for link in links.values()
        if link.esco_uri in generic and categories.get(link.skill) in TECHNICAL_CATEGORIES
    ]
    if problems:
        raise BridgeError(
            "A generic ESCO skill may not link to a GMP technical skill; reject these links in the review file:\n"
            + "\n".join(sorted(problems))
        )
    return sorted(links.values(), key=sort_key)


# --- Measuring and reporting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    occupations: int
    covered: int  # reach at least COVERAGE_SKILLS distinct curated skills through links >= COVERAGE_STRENGTH
    none: int  # reach no curated skill at all through such links
    median: float

    @property
    def share(self) -> float:
        return self.covered / self.occupations if self.occupations else 0.0

    def line(self) -> str:
        return (
            f"{self.covered:,} of {self.occupations:,} ESCO occupations ({self.share:.1%}) reach at least "
            f"{COVERAGE_SKILLS} distinct curated skills through reviewed links of strength >= {COVERAGE_STRENGTH}; "
            f"{self.none:,} reach none; median {self.median:g} curated skills"
        )


def coverage(links: Iterable[Link], data: EscoData) -> Coverage:
    targets: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.reviewed and link.strength >= COVERAGE_STRENGTH:  # what the engine uses (see snapshot.py)
            targets[link.esco_uri].add(link.skill)
    reached: dict[str, set[str]] = {uri: set() for uri in data.occupations}
    for uri, skills in targets.items():
        for occupation, _essential in data.relations.get(uri, ()):
            reached[occupation] |= skills
    counts = sorted(len(s) for s in reached.values())
    median = (counts[(len(counts) - 1) // 2] + counts[len(counts) // 2]) / 2 if counts else 0.0
    return Coverage(
        occupations=len(counts),
        covered=sum(1 for n in counts if n >= COVERAGE_SKILLS),
        none=sum(1 for n in counts if n == 0),
        median=median,
    )


def top_occupations(uri: str, data: EscoData, n: int = 5) -> list[str]:
    """The occupations requiring an ESCO skill: essential first, then those with the fewest skills (the
    skill weighs most in them), then by title."""
    sizes = _occupation_sizes(data)
    ranked = sorted(
        data.relations.get(uri, ()), key=lambda r: (not r[1], sizes.get(r[0], 0), data.occupations.get(r[0], ""))
    )
    return [data.occupations[o] + ("" if essential else " (optional)") for o, essential in ranked[:n]]


_sizes_cache: dict[int, dict[str, int]] = {}


def _occupation_sizes(data: EscoData) -> dict[str, int]:
    sizes = _sizes_cache.get(id(data))
    if sizes is None:
        counter: Counter[str] = Counter()
        for rows in data.relations.values():
            counter.update(o for o, _ in rows)
        sizes = _sizes_cache[id(data)] = dict(counter)
    return sizes


def report(links: Sequence[Link], data: EscoData, before: Coverage, after: Coverage, review: Review) -> str:
    by_uri: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_uri[link.esco_uri].append(link)

    def impact(uri: str) -> tuple[int, int]:
        rows = data.relations.get(uri, ())
        return (len(rows), sum(1 for _, essential in rows if essential))

    generic_uris = generic_skills(review, data)
    methods = Counter(link.method for link in links)
    reviewed = sum(1 for link in links if link.reviewed)
    lines = [
        "# ESCO → curated skill bridge: review report",
        "",
        "Generated by `skillsnet build_esco_bridge` from data/esco, data/skills.yaml and",
        "data/esco_bridge_review.yaml; do not edit by hand. ESCO v1.1.1 labels © European Union, CC BY 4.0.",
        "",
        f"- Coverage with the bridge: {after.line()}.",
        f"- Coverage with identity links only: {before.line()}.",
        f"- Target: {COVERAGE_TARGET:.0%} of ESCO occupations covered.",
        f"- Links: {len(links):,} from {len(by_uri):,} ESCO skills ("
        + ", ".join(f"{methods[m]:,} {m}" for m in METHODS if methods[m])
        + f"); {reviewed:,} reviewed, {len(links) - reviewed:,} proposed and not yet reviewed.",
        f"- Generic ESCO skills (ESCO's transversal ones and {len(review.generic)} the review names), never linked to"
        " a GMP technical skill: " + f"{len(generic_uris):,}.",
        "",
        "Ordered by impact: how many ESCO occupations require the ESCO skill (essential + optional). Each link",
        "reads `curated skill strength method`, with ✓ when a review decision covers it. The occupations are",
        "those that require the ESCO skill, essential first: if they are not the kind of work the curated skill",
        "describes, the link is wrong.",
        "",
        "| ESCO skill | occupations (essential) | links | occupations requiring it |",
        "| --- | --- | --- | --- |",
    ]
    for uri in sorted(by_uri, key=lambda u: (-impact(u)[0], -impact(u)[1], data.skills[u].name, u)):
        total, essential = impact(uri)
        cells = "<br>".join(
            f"{link.skill} {link.strength:.2f} {link.method}{' ✓' if link.reviewed else ''}"
            for link in sorted(by_uri[uri], key=lambda link: (-link.strength, link.skill))
        )
        generic = " *(generic)*" if uri in generic_uris else ""
        name = data.skills[uri].name.replace("|", "/")
        occupations = "; ".join(top_occupations(uri, data)).replace("|", "/")
        lines.append(f"| {name}{generic} | {total} ({essential}) | {cells} | {occupations} |")
    return "\n".join(lines) + "\n"


@dataclass
class BuildResult:
    links: list[Link]
    before: Coverage
    after: Coverage
    proposals: int
    review: Review


def build(
    *, esco_path: Path | str | None = None, data_dir: Path | str | None = None, review_path: Path | None = None
) -> tuple[BuildResult, EscoData]:
    """Propose, apply the review, measure: everything `build_esco_bridge` writes, without writing it."""
    data = read_esco(esco_path)
    curated = read_curated(data_dir)
    proposals = propose(curated, data)
    review = read_review(review_path or default_review_path(), curated, data)
    links = apply_review(proposals, review, curated, data)
    identity = [
        Link(s.esco_uri, "", s.slug, 1.0, "identity", True, "")
        for s in curated
        if s.esco_uri and s.esco_uri in data.skills
    ]
    return BuildResult(links, coverage(identity, data), coverage(links, data), len(proposals), review), data
