"""Ordinary CV wording for curated skills: tasks written as a verb on an object ("took blood samples",
"monitored patients", "calibrated pipettes and balances") rather than as a skill's name.

`TASK_PHRASES` maps a skill slug to phrases. In a phrase, a word in braces is a verb and stands for its
inflected forms ("{take} blood" is also "took blood", "taking blood"); the verb may be followed by a short
gap before the rest ("took routine blood samples"), as verb-led labels are (see extraction/mentions.py). A phrase
whose skill is not in the catalogue is ignored. The phrases were written from the skills' definitions in
data/skills.yaml and the usual wording of UK CVs, not from the test part of the evaluation set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

_IRREGULAR: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "take": ("took", "taken"),
        "give": ("gave", "given"),
        "run": ("ran",),
        "write": ("wrote", "written"),
        "keep": ("kept",),
        "lead": ("led",),
        "teach": ("taught",),
        "draw": ("drew", "drawn"),
        "do": ("did", "done"),
        "make": ("made",),
        "hold": ("held",),
        "deal": ("dealt",),
        "grow": ("grew", "grown"),
        "set": (),
        "put": (),
        "get": ("got",),
        "build": ("built",),
        "oversee": ("oversaw", "overseen"),
    }
)
_DOUBLE_FINAL = frozenset({"run", "plan", "log", "ship", "swab", "prep", "chart", "put", "set", "get", "pin"})


def verb_forms(verb: str) -> tuple[str, ...]:
    """Base, past, past participle and -ing forms of a verb (the -s form normalises to the base)."""
    if verb in _IRREGULAR:
        past: tuple[str, ...] = _IRREGULAR[verb]
    elif verb.endswith("e"):
        past = (verb + "d",)
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        past = (verb[:-1] + "ied",)
    elif verb in _DOUBLE_FINAL:
        past = (verb + verb[-1] + "ed",)
    else:
        past = (verb + "ed",)
    if verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        ing = verb[:-1] + "ing"
    elif verb in _DOUBLE_FINAL:
        ing = verb + verb[-1] + "ing"
    else:
        ing = verb + "ing"
    return tuple(dict.fromkeys((verb, *past, ing)))


_BRACED = re.compile(r"\{(\w+)\}")


def expand(phrase: str) -> Iterator[str]:
    """The written forms of a phrase: every braced verb in each of its forms."""
    match = _BRACED.search(phrase)
    if match is None:
        yield phrase
        return
    for form in verb_forms(match[1]):
        yield from expand(phrase[: match.start()] + form + phrase[match.end() :])


def phrase_verbs() -> frozenset[str]:
    """Every form of every braced verb: these lead phrases that may match across a short gap."""
    return frozenset(
        form for phrases in TASK_PHRASES.values() for p in phrases for v in _BRACED.findall(p) for form in verb_forms(v)
    )


_SAMPLES = ("sample", "specimen")
_STAFF = ("staff", "junior", "trainee", "apprentice", "student", "new starter", "new staff", "nurse", "colleague")

TASK_PHRASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "venepuncture": (
            "{take} blood",
            "{take} bloods",
            "{draw} blood",
            "{cannulate}",
            "{insert} cannula",
            "{insert} the needle",
            "blood samples from patients",
        ),
        "patient-monitoring": (
            "{monitor} patients",
            "{monitor} the patient",
            "{monitor} residents",
            "{monitor} donors",
            "{do} observations",
            "basic observations",
            "patient observations",
            "clinical observations",
            "{record} observations",
            "{take} observations",
            "fluid balance",
            "level 3 patients",
            "critical care nurse",
            "intensive care nurse",
            "ICU nurse",
            "ventilated patients",
        ),
        "medication-administration": (
            "{administer} medication",
            "{administer} medicines",
            "{administer} drugs",
            "{give} medication",
            "{give} medicines",
            "{give} injections",
            "{give} vaccinations",
            "{give} vaccines",
            "medication rounds",
            "drug rounds",
            "MAR charts",
            "{vaccinate}",
            "IV medications",
            "IV drugs",
        ),
        "clinical-record-keeping": (
            "daily notes",
            "care notes",
            "care plans",
            "care plan reviews",
            "patient notes",
            "nursing notes",
            "clinical notes",
            "clinical records",
            "patient records",
            "fluid charts",
        ),
        "communicate-in-healthcare": (
            "{support} families",
            "patients and families",
            "patients and relatives",
            "patients and their families",
            "families and carers",
            "{explain} procedures to patients",
            "{reassure} patients",
            "{reassure} donors",
        ),
        "sample-management": (
            *(f"{{book}} in {s}" for s in _SAMPLES),
            *(f"{{collect}} {s}" for s in _SAMPLES),
            *(f"{{receive}} {s}" for s in _SAMPLES),
            *(f"{{label}} {s}" for s in _SAMPLES),
            *(f"{{store}} {s}" for s in _SAMPLES),
            *(f"{{handle}} {s}" for s in _SAMPLES),
            *(f"{{log}} {s}" for s in _SAMPLES),
            *(f"{{package}} {s}" for s in _SAMPLES),
            "{package} evidence",
            "{recover} evidence",
            "sample handling",
            "freezer inventory",
        ),
        "instrument-calibration": (
            "{calibrate} instruments",
            "{calibrate} pipettes",
            "{calibrate} balances",
            "{calibrate} gauges",
            "{calibrate} probes",
            "{calibrate} sensors",
            "{calibrate} meters",
            "{calibrate} transmitters",
            "{calibrate}",
            "calibration checks",
        ),
        "laboratory-equipment-maintenance": (
            "{service} analysers",
            "{repair} analysers",
            "{maintain} analysers",
            "{service} instruments",
            "{repair} instruments",
            "{service} centrifuges",
            "{maintain} the analysers",
            "{maintain} lab equipment",
            "{maintain} laboratory equipment",
            "analyser faults",
            "analyser maintenance",
            "equipment servicing",
            "servicing contracts",
            "{look} after autoclaves",
            "{look} after the analysers",
            "{look} after centrifuges",
            "{look} after lab equipment",
        ),
        "equipment-cleaning": (
            "deep clean",
            "{clean} down",
            "clean downs",
            "{decontaminate} instruments",
            "{decontaminate} equipment",
            "{clean} the equipment",
            "{clean} the lines",
            "{clean} the beer lines",
            "{clean} equipment",
        ),
        "inventory-management": (
            "stock control",
            "stock levels",
            "stock rotation",
            "stock checks",
            "stock takes",
            "stocktakes",
            "stock loss",
            "stock orders",
            "{manage} stock",
            "{manage} the stock",
            "{restock}",
            "{replenish} stock",
            "{keep} the vehicle stocked",
        ),
        "procurement": (
            "{order} materials",
            "{order} supplies",
            "{order} consumables",
            "{order} reagents",
            "{order} stock",
            "{order} parts",
            "{manage} ordering",
            "purchase orders",
            "{raise} POs",
        ),
        "training-delivery": (
            *(f"{{train}} {s}" for s in _STAFF),
            *(f"{{teach}} {s}" for s in _STAFF),
            "{train} others",
            "{train} the team",
            "{train} new",
            "{teach} the course",
            "{teach} a course",
            "{induct}",
            "{instruct}",
            "instructor",
            "{deliver} training",
            "apprentice programme",
            "{run} training",
            "training staff",
        ),
        "competency-assessment": (
            "{sign} off junior",
            "{sign} off trainee",
            "{sign} off new",
            "{sign} off staff",
            "{sign} off students",
            "{sign} off competencies",
            "{assess} competence",
            "{assess} competency",
            "competency assessments",
            "competency assessor",
            "portfolio verifier",
            "critical care competencies",
        ),
        "team-leadership": (
            "nurse in charge",
            "in charge of the shift",
            "shift leader",
            "shift lead",
            "team leader",
            "{lead} a team",
            "{lead} shifts",
            "{lead} a shift",
            "{lead} a brigade",
            "{lead} a crew",
            "{supervise} assistants",
            "{supervise} technicians",
            "{supervise} operators",
            "{supervise} carers",
            "{supervise} a team",
            "{supervise} staff",
            "sergeant",
            "staff sergeant",
            "petty officer",
            "chief petty officer",
            "flight sergeant",
            "warrant officer",
        ),
        "people-management": (
            "line manage",
            "line manager",
            "line management",
            "{manage} staff",
            "{manage} a team",
            "{manage} the team",
            "{manage} people",
            "{manage} technicians",
            "{manage} nurses",
            "{manage} teachers",
            "{manage} a team of",
            "{lead} a team of",
            "{recruit} staff",
            "recruiting and training",
            "appraisals",
        ),
        "customer-service": (
            "{deal} with customers",
            "{deal} directly with customers",
            "{serve} customers",
            "customer queries",
            "escalated complaints",
            "first line support",
            "help desk",
            "helpdesk",
            "service desk",
            "front of house",
        ),
        "technical-writing": (
            "{write} reports",
            "{write} statements",
            "witness statements",
            "technical reports",
            "evidential reports",
            "monitoring reports",
            "design history file",
        ),
        "chemical-handling": (
            "{handle} chemicals",
            "chemical stock",
            "chemical dosing",
            "{adjust} dosing",
            "pesticide application",
            "PA1",
            "PA2",
            "chemical store",
        ),
        "temperature-excursions": (
            "temperature alarms",
            "fridge alarms",
            "goes out of range",
            "went out of range",
            "out of range temperatures",
            "excursion",
        ),
        "cold-chain": (
            "vaccine fridges",
            "vaccine fridge",
            "fridge temperatures",
            "frozen and chilled",
            "chilled and frozen",
            "cold store",
            "temperature log",
            "temperature controlled",
        ),
        "process-monitoring": (
            "{log} temperatures",
            "{log} strengths",
            "{log} pressures",
            "{log} flows",
            "{log} readings",
            "{record} flows",
            "{record} readings",
            "{record} temperatures",
            "{monitor} the baths",
            "{monitor} the plant",
            "{monitor} the process",
            "{monitor} the line",
            "process parameters",
        ),
        "analyse-lab-data": (
            "{authorise} results",
            "{authorise} reports",
            "{validate} results",
            "{interpret} results",
            "{report} results",
            "reporting scientist",
        ),
        "inspection-readiness": (
            "MHRA audits",
            "regulatory audits",
            "{host} audits",
            "{host} inspections",
            "{host} customer audits",
            "{host} BRC",
            "MHRA inspections",
            "regulatory inspections",
            "Red Tractor",
        ),
        "stakeholder-management": (
            "customer reviews",
            "client meetings",
            "{liaise} with clients",
            "{liaise} with customers",
            "{liaise} with regulators",
            "{liaise} with suppliers",
            "external labs",
        ),
        "presentation-skills": (
            "{present} at",
            "presentations",
            "{present} results",
            "{present} findings",
            "{present} data",
        ),
        "preventive-maintenance": (
            "PM checklists",
            "PM schedule",
            "planned maintenance",
            "PPM",
            "maintenance strategy",
        ),
        "emergency-response": (
            "emergency drills",
            "decontamination drills",
            "medical incidents",
            "major incidents",
            "first aid",
        ),
        "checklist-compliance": (
            "safety checks",
            "pre flight checks",
            "swab counts",
            "instrument counts",
            "sharps counts",
        ),
        "good-documentation-practice": (
            "log sheets",
            "room sheets",
            "logbooks",
            "{keep} the logs",
        ),
        "mammalian-cell-culture": (
            "HEK293",
            "HEK293T",
            "CHO cells",
            "CHO line",
            "Vero cells",
            "HeLa",
            "{grow} cells",
            "{passage} cells",
        ),
        "microbiology": ("TB cultures", "bacterial cultures", "plate counts", "TVCs"),
        "media-buffer-preparation": ("{prepare} reagents", "{prepare} media", "{prepare} buffers", "{make} up buffers"),
        "incident-reporting": ("safety occurrences", "{report} incidents", "near misses", "Datix"),
        "sop-writing": ("{write} the policy", "{write} the standard", "{write} procedures", "{write} policies"),
        "line-quality-checks": ("first off checks", "first off"),
        "production-scheduling": ("{plan} routes", "{plan} the schedule", "shift plans"),
        "water-testing": ("water quality checks", "river sampling", "groundwater sampling"),
        "chain-of-identity-custody": ("continuity records", "exhibit continuity", "chain of custody"),
        "control-room-operation": ("control panel", "control room"),
        "shift-working": ("night shifts", "rotating shifts", "12 hour shifts", "weeks on"),
        "cell-counting-viability": ("viability counts", "cell counts"),
        "clinical-aseptic-technique": (
            "scrub nurse",
            "scrub practitioner",
            "theatre nurse",
            "{scrub} for",
            "sterile packs",
            "operating department practitioner",
        ),
        "sterilisation-methods": ("steam sterilisers", "Bowie Dick", "sterilisation cycles", "autoclave cycles"),
        "permit-to-work": (
            "confined space",
            "confined spaces",
            "{isolate} equipment",
            "{isolate} the plant",
        ),
        "genetics": ("genotyping",),
        "project-metrics": ("OEE", "KPI", "SQDC"),
        "dangerous-goods": ("IATA", "hazardous cargo", "hazardous goods", "ADR"),
        "microbiology-lab-qc": ("growth promotion",),
        "electrical-maintenance": ("electrical work", "electrical faults"),
        "stem-cell-transplantation": ("stem cell collections", "stem cell harvests", "HPC processing"),
        "sop-adherence": ("{work} to SOPs", "{work} to procedures", "{follow} procedures", "{work} to the procedures"),
        "water-treatment": ("sewage treatment", "wastewater treatment", "water treatment works"),
        "batch-review-release": ("batch certification", "{certify} batches", "{release} batches"),
        "coaching-mentoring": ("{supervise} PhD students", "{supervise} students", "{mentor}"),
        "goods-receipt-status-control": ("{book} in deliveries", "{inspect} deliveries"),
        "troubleshooting": ("{diagnose} faults", "{find} faults", "{trace} faults"),
        "warehouse-operations": ("pick and pack", "goods out", "despatch"),
        "forklift-operation": ("forklift driver", "reach truck", "counterbalance truck"),
        "haccp": ("CCP checks", "CCP records"),
        "deviation-capa": ("{raise} deviations", "{investigate} deviations"),
        "vehicle-maintenance": ("MOT", "MOTs", "vehicle servicing", "{service} vehicles"),
        "quality-audits": ("{inspect} contractors", "internal audits", "{audit} suppliers"),
    }
)


# --- the reader's own phrases (issue 13, second round) ------------------------------------------------------
# Phrases built from lists of the people and things a task is done to. They serve the CV reader only: the ESCO
# bridge builder (catalogue/esco_bridge.py) proposes links from TASK_PHRASES and builds its lexicon without
# these (`build_lexicon(..., reader_rules=False)`), so tuning the reader does not move the shipped bridge.
# People a writer trains, teaches or instructs at work (besides _STAFF), and the groups a leader runs.
_LEARNERS = (
    *("troops", "soldier", "reservist", "recruit", "cadet", "volunteer", "user", "operator", "technician"),
    *("engineer", "carer", "pharmacist", "doctor", "midwife", "crew", "pupil", "learner", "team member"),
    *("scientist", "analyst", "cleaner", "driver", "officer", "new joiner", "new recruit", "lab staff"),
)
_CREWS = ("team", "crew", "brigade", "shift", "section", "squad", "watch")
# People a clinician or carer deals with directly, and what they do with them.
_CARED_FOR = (
    *("patient", "donor", "client", "resident", "families", "relatives", "carer", "parent", "mother"),
    *("women", "service user", "people living with", "children", "older people"),
)
# Documents a writer writes: procedures (sop-writing) and other technical documents (technical-writing).
_PROCEDURE_DOCS = (
    *("SOP", "procedure", "policy", "standard", "work instruction", "test method"),
    *("standing orders", "local rules", "clinical protocol", "guideline"),
)
_TECHNICAL_DOCS = (
    *("report", "specification", "quality agreement", "protocol", "technical file", "statement"),
    *("validation protocol", "user requirement", "risk assessment report", "submission", "control plan"),
)
# What a clinician or carer gives a patient.
_MEDICINES = (
    *("medication", "medicines", "drugs", "injections", "vaccinations", "vaccines", "chemotherapy"),
    *("blood products", "insulin", "antibiotics", "IV fluids", "infusions", "controlled drugs", "IMP"),
)
# Product attributes checked on a line (line-quality-checks): "fill weight checks", "seal checks".
_LINE_ATTRIBUTES = (
    *("weight", "fill weight", "metal detector", "seal", "seal strength", "date code", "torque"),
    *("Brix", "CO2", "in process", "line", "pack", "coding"),
)
_CARE_VERBS = ("support", "reassure", "welcome", "counsel", "advise", "educate", "consent", "visit")

READER_PHRASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "medication-administration": (
            *(f"{{{verb}}} {what}" for verb in ("give", "administer") for what in _MEDICINES),
            "syringe drivers",
            "by injection",
        ),
        "communicate-in-healthcare": (
            *(f"{{{verb}}} {who}" for verb in _CARE_VERBS for who in _CARED_FOR),
            *(f"{{talk}} to {who}" for who in _CARED_FOR),
            *(f"{{speak}} to {who}" for who in _CARED_FOR),
            "patient queries",
        ),
        "inventory-management": ("{order} stock", "stock counts", "stores accounts", "{run} the stores"),
        "training-delivery": (
            *(f"{{{verb}}} {who}" for verb in ("train", "teach", "instruct") for who in _LEARNERS),
            "training sessions",
            "training days",
            "training programme",
            "teaching sessions",
            "induction programme",
            "customer training",
            "apprenticeship programmes",
        ),
        "team-leadership": (
            *(f"{{{verb}}} a {crew}" for verb in ("lead", "run", "head") for crew in _CREWS),
            *(f"{{{verb}}} the {crew}" for verb in ("lead", "run", "head") for crew in _CREWS),
            *(f"{crew} lead" for crew in _CREWS),
        ),
        "customer-service": ("{help} customers", "{handle} complaints", "{deal} with complaints"),
        "technical-writing": tuple(
            f"{{{verb}}} {doc}" for verb in ("write", "author", "draft", "compile") for doc in _TECHNICAL_DOCS
        ),
        "emergency-response": ("firefighter", "firefighting", "{respond} to incidents", "{respond} to emergencies"),
        "sop-writing": (
            *(f"{{{verb}}} {doc}" for verb in ("write", "author", "draft") for doc in _PROCEDURE_DOCS),
            *(f"{{{verb}}} the {doc}" for verb in ("write", "author", "draft") for doc in _PROCEDURE_DOCS),
        ),
        "line-quality-checks": tuple(f"{what} checks" for what in _LINE_ATTRIBUTES),
        "deviation-capa": ("{investigate} excursions", "excursion investigations", "8D"),
    }
)
# TASK_PHRASES the reader leaves out: on the dev paragraphs they named something else more often than the skill
# ("lead a team of" is team leadership, not people management; an "excursion" is often a trip; "order stock" is
# stock control, read through READER_PHRASES).
READER_DROPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "people-management": ("{lead} a team of",),
        "temperature-excursions": ("excursion",),
        "procurement": ("{order} stock",),
    }
)


def reader_phrases() -> dict[str, tuple[str, ...]]:
    """TASK_PHRASES as the CV reader uses them: with READER_PHRASES added and READER_DROPS left out."""
    out = {
        slug: tuple(p for p in written if p not in READER_DROPS.get(slug, ())) for slug, written in TASK_PHRASES.items()
    }
    for slug, written in READER_PHRASES.items():
        out[slug] = (*out.get(slug, ()), *written)
    return out


def phrase_verbs_of(table: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """Every form of every braced verb of a phrase table."""
    return frozenset(
        form for phrases in table.values() for p in phrases for v in _BRACED.findall(p) for form in verb_forms(v)
    )


# A skill label is often a noun phrase with an action noun ("instrument calibration", "administration of
# medicines"); CVs write the same thing as a verb on its object ("calibrated the instruments", "administer
# medicines"). `object_phrases` turns such a label into its verb-object phrase, so every curated and ESCO label
# of that shape is also read in the verb form, not only the phrases someone thought to write down.
ACTION_NOUNS: Mapping[str, str] = MappingProxyType(
    {
        "administration": "administer",
        "analysis": "analyse",
        "assembly": "assemble",
        "assessment": "assess",
        "audit": "audit",
        "auditing": "audit",
        "calibration": "calibrate",
        "cleaning": "clean",
        "collection": "collect",
        "commissioning": "commission",
        "compounding": "compound",
        "control": "control",
        "counting": "count",
        "decontamination": "decontaminate",
        "disinfection": "disinfect",
        "dispensing": "dispense",
        "disposal": "dispose of",
        "distillation": "distil",
        "extraction": "extract",
        "filtration": "filter",
        "handling": "handle",
        "identification": "identify",
        "inspection": "inspect",
        "installation": "install",
        "interpretation": "interpret",
        "investigation": "investigate",
        "labelling": "label",
        "loading": "load",
        "maintenance": "maintain",
        "management": "manage",
        "measurement": "measure",
        "monitoring": "monitor",
        "operation": "operate",
        "packaging": "package",
        "packing": "pack",
        "planning": "plan",
        "preparation": "prepare",
        "processing": "process",
        "purification": "purify",
        "qualification": "qualify",
        "recording": "record",
        "repair": "repair",
        "reporting": "report",
        "review": "review",
        "sampling": "sample",
        "scheduling": "schedule",
        "screening": "screen",
        "sequencing": "sequence",
        "sterilisation": "sterilise",
        "storage": "store",
        "supervision": "supervise",
        "testing": "test",
        "tracking": "track",
        "transfer": "transfer",
        "trending": "trend",
        "validation": "validate",
        "verification": "verify",
        "writing": "write",
    }
)
# Objects too vague to stand for a skill after a verb ("manage data", "control change", "test process").
_VAGUE_OBJECTS = frozenset(
    {
        "data",
        "process",
        "change",
        "quality",
        "time",
        "work",
        "project",
        "system",
        "risk",
        "product",
        "material",
        "resource",
        "information",
        "activity",
        "operation",
        "task",
        "record",
        "result",
        "general",
        "performance",
        "procedure",
        "line",
        "temperature",
        "alarm",
        "base",
        "routine",
        "manual",
        "bulk",
        "cost",
        "laboratory",
        "pharmacy",
        "release",
        "specification",
        "open",
        "membrane",
        "depth",
        "sheet",
        "frozen",
        "site",
        "tank",
        "component",
        "column",
        "swab",
        "rinse",
        "trend",
        "capacity",
        "demand",
        "supply",
        "sensory",
        "breakdown",
        "heat",
        "logger",
        "personnel",
    }
)
# ESCO labels often lead with a verb ("perform data analysis"): such a word is not part of the object.
_LEAD_VERBS = frozenset(
    [
        *("perform", "performing", "undertake", "conduct", "execute", "executing", "implement", "do", "make"),
        *("write", "compose", "apply", "applying", "employ", "utilise", "enact", "achieve", "administer"),
        *("double-check", "carry", "use"),
    ]
)
# The object must end in a noun: "environmental monitoring", "preventive maintenance" or "visual inspection"
# name a kind of action, not something acted on.
_ADJECTIVE_END = re.compile(r"(al|ive|ic|ous|ary|ed|able|ible|ing)$")
_LABEL_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def object_phrases(label: str) -> tuple[str, ...]:
    """The verb-object phrases ("{calibrate} instrument") of a label made of an object and an action noun
    ("instrument calibration", "calibration of instruments"); none for other labels. The object is one or two
    words, not a vague one on its own, and the label has no other words."""
    words = _LABEL_WORD.findall(label.lower())
    if not 2 <= len(words) <= 4:
        return ()
    if words[-1] in ACTION_NOUNS:
        verb, obj = ACTION_NOUNS[words[-1]], words[:-1]
    elif words[0] in ACTION_NOUNS and len(words) >= 3 and words[1] in {"of", "for"}:
        verb, obj = ACTION_NOUNS[words[0]], words[2:]
    else:
        return ()
    if not 1 <= len(obj) <= 2 or any(w in ACTION_NOUNS or w in {"and", "or", "of", "the", "a"} for w in obj):
        return ()
    if any(w in _LEAD_VERBS or any(c.isdigit() for c in w) for w in obj):
        return ()
    if _ADJECTIVE_END.search(obj[-1]) or obj[-1] in {"sterile", "first"}:
        return ()
    if len(obj) == 1 and (obj[0].rstrip("s") in _VAGUE_OBJECTS or obj[0] in _VAGUE_OBJECTS or len(obj[0]) <= 3):
        return ()
    head, *particle = verb.split()
    return (" ".join([f"{{{head}}}", *particle, *obj]),)
