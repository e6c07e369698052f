"""The sense of a mention: the words of its sentence can make it evidence of another skill, or of none."""

from __future__ import annotations

from .text import _Tokens

# --- context: the sense of a mention ----------------------------------------------------------------
# Words in the same sentence that mark a clinical, food, farm, environmental or equipment-check setting,
# and words that keep the GMP (medicines manufacturing) sense even there. Single normalised tokens.
_CLINICAL = frozenset(
    [
        "patient",
        "ward",
        "theatre",
        "surgery",
        "surgical",
        "scrub",
        "scrubbed",
        "antt",
        "cannula",
        "wound",
        "dental",
        "dentist",
        "nurse",
        "nursing",
        "clinic",
        "bedside",
        "catheter",
        "operating",
        "donor",
        "gp",
        "veterinary",
        "vet",
        "anaesthetic",
        "midwife",
        "paramedic",
        "resident",
        "care",
    ]
)
_PHARMACEUTICAL = frozenset(
    [
        "good",
        "manufacturing",
        "cleanroom",
        "isolator",
        "batch",
        "filling",
        "civas",
        "pharmacy",
        "product",
        "release",
        "qualified",
        "annex",
        "grade",
        "atmp",
        "licensed",
        "mhra",
        "compounding",
    ]
)
_FOOD = frozenset(
    [
        "food",
        "bakery",
        "meat",
        "dairy",
        "brewery",
        "beer",
        "brewing",
        "haccp",
        "brc",
        "salsa",
        "kitchen",
        "restaurant",
        "factory",
        "catering",
        "poultry",
        "drink",
        "beverage",
        "snack",
        "confectionery",
    ]
)
_FARM = frozenset(
    [
        "farm",
        "livestock",
        "poultry",
        "fish",
        "pig",
        "cattle",
        "crop",
        "arable",
        "broiler",
        "smolt",
        "hatchery",
        "herd",
        "flock",
    ]
)
_OUTDOORS = frozenset(
    [
        "river",
        "groundwater",
        "borehole",
        "dust",
        "stack",
        "emission",
        "noise",
        "ecology",
        "ecological",
        "pollution",
        "field",
        "catchment",
        "soil",
        "effluent",
        "sewage",
        "outdoor",
        "ambient",
    ]
)
_CLEANROOM = frozenset(["cleanroom", "grade", "settle", "viable", "aseptic", "isolator", "annex"])
_EQUIPMENT = frozenset(
    [
        "analyser",
        "analyzer",
        "meter",
        "cytometer",
        "machine",
        "instrument",
        "equipment",
        "pipette",
        "balance",
        "internal",
        "eqa",
        "gas",
        "bead",  # fourteenth round: "daily CS&T and bead QC" on a cytometer
    ]
)
# "IPC" is infection prevention and control in care; in-process control only among these words.
_MANUFACTURING = frozenset(
    [*_PHARMACEUTICAL, "line", "process", "production", "weight", "fill", "check", "sample", "sampling", "operator"]
)
_CHECK_NOUNS = frozenset({"check", "verification"})
# Fourteenth round: a process transferred "into the GMP suite" or "for the GMP plant" (development and MSAT CVs) is
# where the process goes, not GMP work by the writer (eight wrong finds over thirteen dev sets).
_TRANSFERRED = frozenset({"transfer", "transferred", "transferring", "scale"})
_GMP_PLACES = frozenset({"suite", "facility", "plant", "manufacture", "manufacturing"})
# "Servicing" of a car, van, tractor or truck is vehicle maintenance, and of an aircraft aircraft maintenance; neither
# is planned preventive maintenance to the labellers (fifteen wrong finds, none right, over thirteen dev sets).
_VEHICLES = frozenset(
    {"vehicle", "car", "van", "tractor", "truck", "lorry", "hgv", "motor", "garage", "brake", "tyre", "imi", "mechanic"}
    | {"rover", "dealer"}
)
_AIRCRAFT = frozenset({"aircraft", "typhoon", "hawk", "raf", "parachute", "aircrew", "squadron", "wing"})
# Twentieth round: prescribing medicines (an independent prescriber, a vet's prescribing policy) is pharmacology
# practised, with or without a degree named (five right in five over eighteen dev sets).
_PRESCRIBING = frozenset({"prescribing", "prescribe", "prescribes", "prescribed"})
# Seventeenth round: a plant run "from the DCS" is control-room operation (the labelling decision of two sets: PLC/SCADA
# is work on the control system itself). "SCADA" reads as its words written out, so only the DCS is caught here.
_PLANT_SCREENS = frozenset({"dcs"})
_FROM_SCREENS = frozenset({"from", "through", "via", "on", "using"})
# Sixteenth round: fridge and probe temperatures logged in a kitchen ("SFBB diary, allergen matrix and fridge
# temperature logs") are food hygiene (five wrong finds of cold chain gone, two right lost, over fourteen dev sets).
_KITCHEN = frozenset({"kitchen", "allergen", "sfbb", "menu", "chef", "brigade", "probe"})
# Composite parts cured in an autoclave (aerospace lay-up) are not sterilised.
_COMPOSITES = frozenset({"cure", "curing", "cured", "prepreg", "composite", "carbon"})
# Fourteenth round: an engineer or builder who services, commissions or fits out cleanrooms ("AHUs, chillers and
# cleanroom pressure regimes", "HEPA DOP tests ... a pharma client's cleanroom suite", "lab and cleanroom projects")
# does not work to cleanroom behaviour or grades (ten wrong finds gone, one right one lost over thirteen sets). "Client"
# and "contractor" are not among the words: contract cleaners do work in the client's cleanrooms.
_BUILDING_SERVICES = frozenset(
    {"ahus", "ahu", "hvac", "bms", "chiller", "commission", "commissioning", "hepa", "dop", "project", "fit"}
)
_RELEASE = frozenset(["release", "batch", "raw", "product", "stability", "specification", "finished"])
_SPREADSHEET = frozenset(["excel", "spreadsheet", "kpi", "oee", "dashboard"])
_CONTROL_CHART = frozenset(["westgard", "levey", "jennings", "cusum", "xmr", "shewhart", "ewma", "western", "electric"])
# eleventh round: a brewery names its beer by the kit around the filter as often ("run the cross-flow filter and the
# tunnel pasteuriser"); not "yeast", which a vaccine or enzyme process grows before its own TFF
# twenty-eighth round: and by what the filter feeds ("before packaging", "before the bright tanks", "replaced our
# kieselguhr set-up"): seven cross-flow filters read as TFF over twenty-seven sets, all in breweries, none right
_BEER = frozenset(
    {"beer", "cider", "lager", "ale", "brewhouse", "brewery", "pasteuriser", "wort", "keg", "cask"}
    | {"packaging", "bright", "kieselguhr", "canning", "kegging", "bottling"}
)
_NOT_TFF = _BEER | frozenset(["reverse", "osmosis", "dialysis", "dialyser", "desalination", "ship", "membrane", "wine"])
# Reverse osmosis or a water plant outside medicines manufacturing (on a ship, at a works, for dialysis) is water
# treatment, not the pharmaceutical clean utilities.
_WATER_PLANT = frozenset(["plant", "ship", "works", "fresh", "drinking", "dialysis", "boiler", "treatment", "frigate"])
_CLEAN_UTILITY = frozenset(
    ["wfi", "purified", "pharmaceutical", "cleanroom", "good", "gmp", "steam", "pharmacopoeia", "usp", "validation"]
)
# Distillation in a chemicals plant, a refinery or a solvent recovery unit is not the distilling of spirit.
_CHEMICAL_STILL = frozenset(
    {"column", "solvent", "refinery", "crude", "curve", "reactor", "dcs", "fractional", "petroleum", "vacuum"}
    | {"chemical"}
)
# A harvest from a patient or a donor (bone marrow, eggs, stem cells) is a clinical procedure, not the recovery of
# product from a culture.
_CLINICAL_HARVEST = frozenset(["marrow", "bone", "egg", "oocyte", "donor", "hpc", "stem", "apheresis", "theatre"])
# Taking an e-learning course is learning, not designing one.
_LEARNER = frozenset(
    {"completed", "complete", "started", "start", "doing", "did", "done", "took", "passed", "finished"}
)
_DESIGNER = frozenset(
    {"design", "designed", "designing", "build", "built", "author", "authored", "wrote", "write", "create", "created"}
    | {"develop", "developed", "storyboard", "storyboarded", "produced"}
)
# "Diagnostics" is fault finding on a vehicle, a machine or software; a diagnostic radiographer, a diagnostics lab
# or module does no fault finding.
_FAULT_CONTEXT = frozenset(
    {"fault", "vehicle", "engine", "car", "machine", "equipment", "tool", "software", "repair", "brake", "tyre"}
    | {"servicing", "service", "electrical", "plc", "breakdown"}
)
_SPIRIT = frozenset(
    {"spirit", "whisky", "whiskey", "gin", "rum", "vodka", "distillery", "wash", "pot", "still", "stillman"}
)

# A science named on its own ("biochemistry results", "boiler chemistry", "phonics and maths") is a department,
# a sample type or a school subject; it is evidence of the science with a degree or teaching in its sentence.
_DISCIPLINES = frozenset(["biology", "chemistry", "biochemistry", "mathematics", "pharmacology"])
_ACADEMIC = frozenset(
    [
        *("bsc", "msc", "mchem", "mbiol", "mpharm", "mphil", "phd", "dphil", "degree", "graduate", "hon"),
        *("bachelor", "master", "doctorate", "gcse", "teach", "taught", "teacher", "teaching", "lecturer"),
        *("head", "module", "thesis", "undergraduate", "postgraduate", "university"),
    ]
)
# "validation" in a sentence about methods, cleaning or software is that kind of validation, not process
# validation.
_VALIDATION_SENSES: tuple[tuple[frozenset[str], str], ...] = (
    (
        frozenset(["method", "assay", "analytical", "hplc", "elisa", "pcr", "linearity", "accuracy", "precision"]),
        "analytical-method-validation",
    ),
    (frozenset(["cleaning", "swab", "rinse", "residue", "carryover"]), "cleaning-validation"),
    (
        frozenset(["software", "computerised", "computer", "csv", "lims", "gamp", "spreadsheet"]),
        "computer-system-validation",
    ),
)
_SENSE_SLUGS = frozenset(
    {
        *_DISCIPLINES,
        "process-validation",
        "aseptic-technique",
        "cleanroom-gowning",
        "cleanroom-behaviour",
        "annex-1-cleanroom-grades",
        "good-documentation-practice",
        "in-process-sampling",
        "personal-hygiene",
        "quality-control-testing",
        "statistical-process-control",
        "tangential-flow-filtration",
        "clean-utilities",
        "environmental-monitoring",
        "biosafety",
        "gmp",
        "venepuncture",
        "sop-writing",
        "permit-to-work",
        "distillation",
        "harvest-clarification",
        "e-learning-design",
        "troubleshooting",
        "preventive-maintenance",
        "sterilisation-methods",
        "batch-review-release",
        "cold-chain",
        "plc-scada",
    }
)  # the skills `_sense` may read in another sense
# "Took blood pressures", "checked blood sugars": a reading taken from the patient, not a blood sample.
_BLOOD_READINGS = frozenset(["pressure", "sugar", "glucose", "gas"])
# A bare "permit" is a work permit only beside the work it controls ("parking permits" are not).
_PERMIT_WORK = frozenset(
    {"hot", "work", "isolation", "isolate", "isolated", "isolating", "confined", "electrical", "mechanical"}
    | {"ptw", "loto", "lockout", "authorised", "authority", "issuer", "receiver", "system", "safety", "plant"}
    | {"maintenance"}
)


def _run_from(tokens: _Tokens, first: int) -> bool:
    """Whether the control system is where the writer works from: "from the DCS", "through the DCS"."""
    before = [n for n in tokens.norms[max(0, first - 3) : first] if n not in {"the", "our", "site", "plant"}]
    return bool(before) and before[-1] in _FROM_SCREENS


def _handed_to_qa(tokens: _Tokens, end: int) -> bool:
    """Whether "before" and then QA follow the mention in its sentence ("before handing to QA", "before QA")."""
    norms, sentence = tokens.norms, tokens.sentence
    t = end
    while t < len(norms) and sentence[t] == sentence[end - 1] and norms[t] != "before" and t - end < 6:
        t += 1
    after = norms[t + 1 : t + 6] if t < len(norms) and norms[t] == "before" else []
    return any(after[i : i + 2] == ["quality", "assurance"] for i in range(len(after)))  # "QA" reads as these words


def _sense(tokens: _Tokens, first: int, end: int, slug: str, words: set[str]) -> str:
    """The skill this mention is evidence of, given its sentence (`words`): `slug`, another slug, or ""."""
    clinical = bool(words & _CLINICAL) and not words & _PHARMACEUTICAL
    if slug == "aseptic-technique" and clinical:
        return "clinical-aseptic-technique"
    if slug in {"cleanroom-gowning", "cleanroom-behaviour", "annex-1-cleanroom-grades"} and clinical:
        return ""
    if slug in {"cleanroom-behaviour", "annex-1-cleanroom-grades", "cleanroom-gowning"} and words & _BUILDING_SERVICES:
        return ""  # the cleanrooms a building-services engineer or builder looks after
    if slug == "personal-hygiene" and clinical:
        return "infection-prevention-control"  # hand hygiene on a ward is infection control
    if slug == "good-documentation-practice" and clinical:
        return "clinical-record-keeping"
    if slug == "in-process-sampling":
        if tokens.norms[first] == "ipc" and end - first == 1 and not words & _MANUFACTURING:
            return "infection-prevention-control"  # "the monthly IPC meeting", "the IPC module"
        if words & {"blood", "patient"}:
            return "venepuncture"
        if words & _OUTDOORS:
            return ""
    if slug == "quality-control-testing" and words & _EQUIPMENT and not words & _RELEASE:
        return "laboratory-equipment-maintenance"
    if slug == "quality-control-testing" and end < len(tokens.norms) and tokens.norms[end] in _CHECK_NOUNS:
        return ""  # "QC checks" on an instrument or a file, "post-repair QC verification": checking, not testing
    if slug == "statistical-process-control" and words & _SPREADSHEET and not words & _CONTROL_CHART:
        return ""
    if slug == "clean-utilities" and words & _WATER_PLANT and not words & _CLEAN_UTILITY:
        return "water-treatment"  # a municipal, shipboard or dialysis RO plant is water treatment
    if slug == "tangential-flow-filtration" and words & _NOT_TFF:
        return "beverage-filtration" if words & _BEER else ""
    if slug == "environmental-monitoring" and words & _OUTDOORS and not words & _CLEANROOM:
        return ""
    if slug == "process-validation" and not words & {"ppq", "process", "cpv"}:
        for cues, other in _VALIDATION_SENSES:
            if words & cues:
                return other
    if slug in _DISCIPLINES and not words & _ACADEMIC and not (slug == "pharmacology" and words & _PRESCRIBING):
        return ""
    if slug == "biosafety" and words & _FARM:
        return ""
    if slug == "gmp" and words & _TRANSFERRED and end < len(tokens.norms) and tokens.norms[end] in _GMP_PLACES:
        return ""  # "the tech transfer package for the GMP plant": where the process goes, not the writer's GMP work
    if slug == "preventive-maintenance" and tokens.norms[first] == "servicing" and end - first == 1:
        if words & _VEHICLES:
            return "vehicle-maintenance"  # a car, van, tractor or truck serviced
        if words & _AIRCRAFT:
            return ""  # aircraft servicing is aircraft maintenance, read from its own words
    if slug == "plc-scada" and tokens.norms[first] in _PLANT_SCREENS and _run_from(tokens, first):
        return "control-room-operation"  # "run the columns from the DCS": operating a plant, not the control system
    if slug == "cold-chain" and words & _KITCHEN:
        return ""  # a kitchen's fridge temperature logs are food hygiene, not a product's cold chain
    if slug == "batch-review-release" and _handed_to_qa(tokens, end):
        return ""  # "review executed batch records before they go to QA": production's check, not disposition
    if slug == "sterilisation-methods" and words & _COMPOSITES:
        return ""  # an autoclave that cures carbon-fibre prepreg sterilises nothing
    if slug == "gmp" and words & _FOOD and not words & {"pharmaceutical", "medicine", "mhra", "atmp", "cosmetic"}:
        return ""
    if slug == "venepuncture" and end < len(tokens.norms) and tokens.norms[end] in _BLOOD_READINGS:
        return ""
    if slug == "sop-writing" and any(
        tokens.norms[i] == "stored" and tokens.norms[i + 1] == "procedure" for i in range(first, end - 1)
    ):
        return ""  # SQL "stored procedures"
    if slug == "distillation" and words & _CHEMICAL_STILL and not words & _SPIRIT:
        return ""
    if slug == "harvest-clarification" and words & _CLINICAL_HARVEST:
        return ""
    if slug == "e-learning-design" and words & _LEARNER and not words & _DESIGNER:
        return ""
    if slug == "troubleshooting" and tokens.norms[first].startswith("diagnostic") and not words & _FAULT_CONTEXT:
        return ""
    if slug == "permit-to-work" and end - first == 1 and tokens.norms[first] == "permit" and not words & _PERMIT_WORK:
        return ""
    return slug


# A skill whose evidence is also evidence of another one: a writer who works in named cleanroom grades ("grade C
# activities", "cleaning grade B/C/D areas") works to cleanroom behaviour. The mention must name a grade, not the
# regulation ("Annex 1"), and not grade A alone or with B ("filling in grade A", "EM in grade A/B"): the critical zone
# inside a cabinet, isolator or RABS gave behaviour right 3 times in 19 over the ten dev sets; nor, since the nineteenth
# round, grade B (right 7 times in 30 over seventeen sets). Grades C and D still do (8 in 20). The implied skill gets
# the mention's level (the labels give it the level of the work).
_IMPLIED = {"annex-1-cleanroom-grades": "cleanroom-behaviour"}
_IMPLIED_BY = frozenset({"grade"})
_GRADES_NOT_IMPLYING = frozenset({"A", "B"})


def _implied(tokens: _Tokens, first: int, slug: str) -> str | None:
    """The other skill the mention at `first` is also evidence of (`_IMPLIED`), or None."""
    norms = tokens.norms
    if slug not in _IMPLIED or norms[first] not in _IMPLIED_BY:
        return None
    if first + 1 < len(norms) and norms[first + 1] in _GRADES_NOT_IMPLYING:
        return None
    return _IMPLIED[slug]
