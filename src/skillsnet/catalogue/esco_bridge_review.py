"""Building the ESCO bridge, the review file (data/esco_bridge_review.yaml): the reviewer's decisions,
checked against the curated skills and the export, applied to the proposals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from skillsnet.catalogue.esco_bridge_proposals import TECHNICAL_CATEGORIES, CuratedSkill, EscoData, Proposal
from skillsnet.catalogue.esco_links import MIN_STRENGTH, BridgeError, Link, sort_key


def default_review_path() -> Path:
    return Path(settings.DATA_DIR) / "esco_bridge_review.yaml"


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
