"""Mentions that name someone or something besides the writer's own work: a colleague or function they
work with, kit they only maintain, a quality of their employer, a place."""

from __future__ import annotations

from .mentions import _counted
from .text import _Tokens

# "worked alongside the QA team", "fed back to the nurse in charge": a function or person the writer
# works with, not a thing they do.
_RELATIONAL = frozenset({"alongside", "beside"})
_WITH_FOR = frozenset({"with", "for", "to", "by", "from"})
_DETERMINERS = frozenset({"the", "our", "their", "a", "an", "site", "local", "my", "his", "her"})
# Skills whose labels can name a person ("the nurse in charge", "the supervisor"): after "to the", "with
# the"... they name someone else.
# Skills named like a department: "passed to QA", "transferred to QC" name the function, not the work.
_FUNCTION_SKILLS = frozenset({"quality-assurance", "quality-control-testing"})
_PERSON_SKILLS = frozenset({"team-leadership", "people-management", "leadership", "quality-assurance"})
_GROUP_NOUNS = frozenset(
    [
        "team",
        "department",
        "dept",
        "colleague",
        "function",
        "manager",
        "officer",
        "staff",
        "inspector",
        "inspectorate",
        "auditor",
        "group",
    ]
)
# "look after autoclaves, centrifuges and microscopes": maintaining the kit is not using it.
_MAINTAIN_VERBS = frozenset(
    [
        "maintain",
        "maintained",
        "maintaining",
        "maintenance",
        "ppm",
        "service",
        "serviced",
        "servicing",
        "repair",
        "repaired",
        "repairing",
        "install",
        "installed",
        "installing",
        "calibrate",
        "calibrated",
        "calibrating",
    ]
)
_MAINTAIN_WINDOW = 6
# "HTA licensed", "UKAS accredited": a quality of the workplace. "Certified" is not here: after a skill it is mostly
# the writer's own certificate ("ADR certified", "F-gas certified").
_ATTRIBUTES = frozenset({"accredited", "licensed", "licenced", "approved"})
# "virology lab", "a diagnostics company", "a biotech start-up", "viral vector customers", "single-use components": the
# mention qualifies a place, an organisation, a customer or a product, which is not evidence of doing the skill (the
# activities described are). Nouns such as "plant", "project" or "suite" are not here: "HVAC plant", "Green Belt
# project" and "CL3 suite" were evidence as often as not on the dev paragraphs.
_PLACE_NOUNS = frozenset(
    [
        *("lab", "laboratory", "company", "wholesaler", "contractor", "consultancy", "firm"),
        *("facility", "cdmo", "cmo", "cro", "start", "startup", "customer", "client"),
        *("kit", "device", "component", "apprenticeship", "manufacturer", "supplier", "sector", "industry"),
        *("ward", "clinic", "hospital"),  # sixth round: "on the haematology ward"
    ]
)
# "QA team", "BMS staff", "haematology unit", "supervisor role": a word written as one token in front of a
# group, unit or role names whom the writer works with or where, not what they do. (A job title does carry
# evidence: an "HPLC analyst" runs HPLC.)
_ROLE_NOUNS = frozenset(["staff", "team", "unit", "department", "dept", "role", "colleague", "function"])
_ORGANISATIONS = frozenset(
    [
        "unit",
        "lab",
        "laboratory",
        "site",
        "company",
        "department",
        "trust",
        "facility",
        "plant",
        "practice",
        "service",
        "business",
        "firm",
    ]
)
# Skills named after the kit they use: maintaining that kit is not evidence of them.
_KIT_SKILLS = frozenset(
    [
        "pumps-transfer-systems",
        "production-line-operation",
        "microscopy",
        "centrifugation",
        "flow-cytometry",
        "elisa-immunoassays",
        "laboratory-equipment",
        "chemistry",
        "biochemistry",
        "haematology",
        "spectrophotometry",
        "hplc",
        "gas-chromatography",
        "mass-spectrometry",
        "chromatography",
        "bioreactor-operation",
        "cell-counting-viability",
        "pcr-qpcr",
        "electrophoresis",
    ]
)


_PLANT_KIT = frozenset(["pumps-transfer-systems", "production-line-operation", "bioreactor-operation"])


# Sixteenth round: a clinical specialty named as a service ("Haematology Trials Unit", "a haematology and oncology
# ward", "haematology outpatients", "the in-house haematology and biochemistry analysers") is where the writer works
# or what the kit measures, not knowledge of the science (13 wrong finds of haematology over fourteen dev sets).
_SPECIALTIES = frozenset({"haematology", "microbiology", "virology", "immunology"})
_SERVICE_NOUNS = frozenset(
    {"ward", "unit", "outpatient", "clinic", "trial", "research", "department", "secretary", "analyser", "machine"}
)


def _names_a_service(tokens: _Tokens, end: int) -> bool:
    """Whether a service noun follows within three tokens of the clause, past "and" and other names ("haematology
    and oncology ward"), with no verb between."""
    norms, sentence = tokens.norms, tokens.sentence
    for t in range(end, min(len(norms), end + 3)):
        if sentence[t] != sentence[end - 1] or tokens.clause_break[t]:
            return False
        if norms[t] in _SERVICE_NOUNS:
            return True
    return False


def _bystander(tokens: _Tokens, first: int, end: int, slug: str, opens: int) -> bool:
    """Whether the mention names someone the writer works with, kit they only maintain, a quality of their
    employer ("the unit is HTA licensed") or a word in a job title or a place ("virology lab")."""
    norms, sentence = tokens.norms, tokens.sentence
    here = sentence[first]
    before = [norms[t] for t in range(max(0, first - 3), first) if sentence[t] == here]
    after = norms[end] if end < len(norms) and sentence[end] == here and not tokens.clause_break[end] else ""
    if after in _ATTRIBUTES:
        return True
    if slug == "quality-assurance" and end - first == 2 and tokens.starts[first] == tokens.starts[first + 1]:
        # the bare acronym "QA" (ninth round): a department in 15 of its 18 finds over the seven dev sets ("QA and
        # production staff", "handing to QA"); "QA officer", "QA lead", "quality assurance" still count
        return True
    if after and after not in _PLACE_NOUNS and tokens.capitals[end]:
        # past an acronym: "a cell therapy QC lab", "refinery QC lab"
        t = end
        while t < len(norms) and tokens.starts[t] == tokens.starts[end]:
            t += 1
        if t < len(norms) and sentence[t] == here and not tokens.clause_break[t] and norms[t] in _PLACE_NOUNS:
            after = norms[t]
    if after in _PLACE_NOUNS and not _verb_before(tokens, first):
        return True
    if slug in _SPECIALTIES and end - first == 1 and _names_a_service(tokens, end):
        return True
    if (
        after in _ROLE_NOUNS
        and tokens.starts[first] == tokens.starts[end - 1]
        and not norms[first].endswith("ed")  # "instructed units" is a verb on its object
        and not _verb_before(tokens, first)
    ):
        return True
    opening = norms[opens : min(first, opens + 3)]
    if (
        len(opening) >= 2
        and opening[0] in {"the", "our"}
        and opening[1] in _ORGANISATIONS
        and not any(norms[t] in {"I", "i", "me", "my", "we"} for t in range(opens, first))
    ):
        return True
    if slug in _PERSON_SKILLS and (end - 1 in tokens.possessive or (before and before[-1] == "my")):
        return True  # "help my supervisor", "under the supervisor's check": the writer's own boss
    if before:
        det = before[-1] in _DETERMINERS
        lead = before[-2] if det and len(before) >= 2 else before[-1]
        if lead in _RELATIONAL:
            return True
        person = det and slug in _PERSON_SKILLS and not _counted(tokens, first, end)  # not "with a department of 40"
        if lead in _WITH_FOR and (after in _GROUP_NOUNS or person):
            return True
    return slug in _FUNCTION_SKILLS and (_recipient(tokens, first) or _department(tokens, first, end))


# "Support QA during inspections", "help QC with sampling": the function the writer supports. "Across QA and QC",
# "a department of 32 in QA and QC": the departments a group spans.
_SUPPORT_VERBS = frozenset(
    {"support", "supported", "supporting", "supports", "assist", "assisted", "assisting", "help", "helped", "helping"}
)
_HEADCOUNT = frozenset({"department", "dept", "team", "report", "staff", "people", "section", "headcount"})
_FUNCTION_FORMS = frozenset({("quality", "assurance"), ("quality", "control"), ("qa",), ("qc",)})
# Fourteenth round: "work closely with QA and QC", "quarantine until QC release": the function the writer works
# beside or waits for.
_DEPARTMENT_CUES = frozenset({"across", "with", "alongside", "until"})
_MANAGE_VERBS = frozenset({"manage", "manages", "managed", "managing"})


def _department(tokens: _Tokens, first: int, end: int) -> bool:
    """Whether a function's name ("QA", "QC") names a department here rather than the work: after a verb of
    supporting or "across", after "in" when the clause counts people ("five direct reports in QA and the lab"), or
    coordinated with another group's name before a role noun ("placing QA and production staff"). The second of
    two coordinated names reads like the first ("across QA and QC"). An acronym is one written word of several
    tokens ("QC" is "quality control")."""
    norms, sentence, starts = tokens.norms, tokens.sentence, tokens.starts

    def same_clause(t: int) -> bool:
        return t >= 0 and sentence[t] == sentence[first] and not tokens.clause_break[t + 1]

    lead = first
    if same_clause(first - 1) and norms[first - 1] in {"and", "or"} and first >= 2:
        before = first - 2
        while before > 0 and starts[before - 1] == starts[before]:
            before -= 1
        if tuple(norms[before : first - 1]) in _FUNCTION_FORMS:
            lead = before
    t = lead - 1
    while same_clause(t) and norms[t] in _DETERMINERS:
        t -= 1
    if same_clause(t):
        if norms[t] in _SUPPORT_VERBS or norms[t] in _DEPARTMENT_CUES:
            return True
        if lead != first and norms[t] in _MANAGE_VERBS:
            return True  # "manage QA and QC", "line manage QA and QC heads": departments run, not the work
        if norms[t] == "in":
            u = t
            while same_clause(u - 1):
                u -= 1
            if any(norms[v] in _HEADCOUNT for v in range(u, t)):
                return True
    if end < len(norms) and norms[end] == "and" and sentence[end] == sentence[first]:
        after = end + 1
        while after + 1 < len(norms) and starts[after + 1] == starts[after]:
            after += 1  # past the next written word
        after += 1
        return after < len(norms) and sentence[after] == sentence[first] and norms[after] in _ROLE_NOUNS | _GROUP_NOUNS
    return False


def _maintained(tokens: _Tokens, first: int) -> bool:
    """Whether the mention is kit the writer maintains, services or repairs ("look after autoclaves"), also when
    the verb opens a clause ("..., maintain the centrifuges") or the kit is further down its list."""
    norms, sentence = tokens.norms, tokens.sentence
    for t in range(max(0, first - _MAINTAIN_WINDOW), first):
        if sentence[t] == sentence[first] and norms[t] in _MAINTAIN_VERBS:
            return True
        if sentence[t] == sentence[first] and norms[t] == "look" and t + 1 < first and norms[t + 1] == "after":
            return True
    return False


def _recipient(tokens: _Tokens, first: int) -> bool:
    """Whether the mention is the function that work goes to or comes from ("records for QA review", "for the
    client's QA", "transferred them to QC"): a preposition before it, past a determiner or a possessive."""
    t = first - 1
    for _ in range(4):
        if t < 0 or tokens.sentence[t] != tokens.sentence[first] or tokens.clause_break[t + 1]:
            return False
        word = tokens.norms[t]
        if word in _WITH_FOR or word == "into":
            return True
        if word not in _DETERMINERS and t not in tokens.possessive:
            return False
        t -= 1
    return False


def _verb_before(tokens: _Tokens, first: int) -> bool:
    """Whether a word before the mention in its clause looks like a verb ("I work in a ... lab" does not
    count: the mention still names the place)."""
    for t in range(first - 1, max(-1, first - 4), -1):
        if tokens.sentence[t] != tokens.sentence[first] or tokens.clause_break[t + 1]:
            return False
        if tokens.norms[t] in {"run", "ran", "set", "built", "lead", "led", "manage", "managed", "establish"}:
            return True
    return False
