"""Skill mentions in tokenised text: the longest label at each position, and verb-led labels across a
short gap (see `lexicon.VERB_HEADS`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType

from .lexicon import Lexicon
from .text import _Tokens

# A verb-led label (`lexicon.VERB_HEADS`) matches across up to VERB_GAP words in one clause, not across a
# preposition (_GAP_BLOCKERS); a participle right after "a", "is", "fully"... is an adjective (_ADJECTIVE_BEFORE).
VERB_GAP = 6  # tokens
_PARTICIPLE = re.compile(r"(ed|en)$")
_ADJECTIVE_BEFORE = frozenset(
    {"a", "an", "the", "am", "is", "are", "was", "were", "be", "been", "being", "fully", "highly", "newly", "well"}
)
_GAP_BLOCKERS = frozenset(
    {"with", "for", "to", "from", "by", "into", "about", "after", "before", "during", "via", "on", "in", "as", "at"}
    # twenty-seventh round: a conjunction that opens another clause ("improve my English writing but I can read all the
    # procedures" is no procedure written)
    | {"but", "because", "while", "although", "though", "whereas"}
)


# A verb's base form right after a form of "be" is an adjective or a noun, not the verb ("I was present at the
# handover" is not presenting).
_COPULAS = frozenset({"am", "is", "are", "was", "were", "be", "been", "being"})


def _adjective_use(tokens: _Tokens, i: int) -> bool:
    """Whether the verb at `i` is a participle used as an adjective ("a trained operator"), or a base form after "be"
    ("was present at")."""
    if i == 0 or tokens.sentence[i - 1] != tokens.sentence[i]:
        return False
    before, word = tokens.norms[i - 1], tokens.norms[i]
    if before in _ADJECTIVE_BEFORE and _PARTICIPLE.search(word) is not None:
        return True
    return before in _COPULAS and not word.endswith(("ing", "ed", "en"))


def _skill_matches(tokens: _Tokens, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """(first token, end token, slug) of every skill mention, left to right.

    At each position the longest label wins; a label that starts inside an earlier mention counts too
    when it runs past its end ("stem cell" + "cell culture" in "stem cell culture"). Verb-led labels
    also match across a short gap, and the labels inside the rest they matched give way to them ("wrote
    our cleaning SOPs" is writing procedures, not following them). No label runs across a sentence break. A
    group of PEOPLE_MANAGED or more people ("a team of 28") is a people-management mention.
    """
    norms, first_words, sentence = tokens.norms, lexicon.trie.next, tokens.sentence
    verb_led, heads = lexicon.verb_led, lexicon.verb_heads
    n = len(norms)
    found: list[tuple[int, int, str]] = []
    gapped: list[tuple[int, int, int, str]] = []  # (verb, start of the rest, end, slug)
    covered = 0
    firsts = lexicon.firsts
    for i in range(n):
        if firsts and norms[i] not in firsts:
            continue
        adjective = norms[i] in heads and _adjective_use(tokens, i)
        best: tuple[int, str] | None = None
        here = sentence[i]
        # the labels that start here, word by word; a participle used as an adjective starts none ("a trained operator")
        node = None if adjective else first_words.get(norms[i])
        j = i + 1
        while node is not None:
            if node.slug is not None and not (node.capitals_only and not all(tokens.capitals[i:j])):
                best = (j, node.slug)
            if j == n or sentence[j] != here:  # a label never runs across a sentence break
                break
            node = node.next.get(norms[j])
            j += 1
        direct_end = 0
        if best is not None and best[0] > covered:
            if best[1]:  # "" marks a NOT_EVIDENCE phrase
                found.append((i, best[0], best[1]))
            covered = direct_end = best[0]
        rests = verb_led.get(norms[i])
        if rests and not adjective and not (best is not None and not best[1]):  # not a verb in "teaching lab"
            # A longer label read straight on from the verb wins over a gapped one ending inside it.
            gapped.extend(g for g in _gapped_matches(tokens, i, rests) if g[2] > direct_end)
        if rests and i + 1 < n and not adjective and sentence[i + 1] == here and not (best is not None and not best[1]):
            # the verb's own preposition, then the gap: "work to anti-contamination procedures"
            after = verb_led.get(f"{norms[i]} {norms[i + 1]}")
            if after:
                gapped.extend((i, a, b, s) for _, a, b, s in _gapped_matches(tokens, i + 1, after) if b > direct_end)
    if lexicon.also:
        found = _merge(found, [(a, b, other) for a, b, _ in found for other in lexicon.also.get(tuple(norms[a:b]), ())])
    if "people-management" in lexicon.slugs:
        found = _merge(found, _counted_groups(tokens))
    if "shift-working" in lexicon.slugs:
        found = _merge(found, _shift_roles(tokens, found))
    found = _merge(found, _coordinated_tails(tokens, lexicon, found))
    if "them" in norms:
        found = _merge(found, _pronoun_objects(tokens, lexicon))
    if not _TEACHING_VERBS.isdisjoint(norms):
        found = _merge(found, _people_taught(tokens, lexicon.slugs))
    if "cross-team-cooperation" in lexicon.slugs and not _WORKING_WITH.isdisjoint(norms):
        found = _merge(found, _functions_worked_with(tokens))
    if "aseptic-technique" in lexicon.slugs and not _ASEPTIC_ZONES.isdisjoint(norms):
        found = _merge(found, _aseptic_work(tokens))
    if "team-leadership" in lexicon.slugs and not _SUPERVISING.isdisjoint(norms):
        found = _merge(found, _people_supervised(tokens))
    if not gapped:
        return found
    # A label that starts in the gap and runs to the end of the rest names the object more exactly than the verb's
    # label does ("taking tap samples" is tap samples, not taking samples), unless it starts with a verb of its own
    # ("train and sign off junior staff": both verbs take the object).
    starts_by_end: dict[int, list[int]] = {}
    for m in found:
        if norms[m[0]] not in heads:
            starts_by_end.setdefault(m[1], []).append(m[0])
    gapped = [g for g in gapped if not any(g[0] < a < g[1] for a in starts_by_end.get(g[2], ()))]
    spans = [(a, b) for _, a, b, _ in gapped]
    kept = [m for m in found if not any(a <= m[0] and m[1] <= b for a, b in spans)]
    return sorted([*kept, *((v, b, slug) for v, _, b, slug in gapped)])


def _gapped_matches(
    tokens: _Tokens, verb: int, rests: Mapping[str, Sequence[tuple[tuple[str, ...], str]]]
) -> list[tuple[int, int, int, str]]:
    """(verb, start of the rest, end, slug) for each verb-led label whose rest follows a gap of 1 to
    VERB_GAP tokens, in the same sentence and clause, with no preposition in the gap; nearest first."""
    norms, sentence, breaks = tokens.norms, tokens.sentence, tokens.clause_break
    n = len(norms)
    out: list[tuple[int, int, int, str]] = []
    seen: set[str] = set()
    for k in range(verb + 2, min(n, verb + 2 + VERB_GAP)):
        gap_word = norms[k - 1]
        if sentence[k - 1] != sentence[verb] or breaks[k - 1] or gap_word in _GAP_BLOCKERS:
            break
        for rest, slug in rests.get(norms[k], ()):
            end = k + len(rest)
            if slug in seen or end > n or tuple(norms[k:end]) != rest:
                continue
            if any(sentence[t] != sentence[verb] or breaks[t] for t in range(k, end)):
                continue
            out.append((verb, k, end, slug))
            seen.add(slug)
    return out


# A group of PEOPLE_MANAGED or more people that the writer has ("a team of 28", "Department of 32", "with 40
# personnel") is evidence of managing people, not only of leading a team: line management comes with a group that
# size. People the work is for ("a skills matrix for 600 operators") and a staffing level ("30 staff per shift") are
# not. The twentieth round raised it from 15 to 25: over eighteen dev sets groups of 15 to 24 were people management
# in 5 finds and not in 9 (the labellers read them as team leadership).
PEOPLE_MANAGED = 25
_GROUPS = frozenset({"team", "department", "dept", "section", "squadron", "workforce", "crew", "unit", "group"})
_PEOPLE = frozenset(
    {
        *("staff", "personnel", "people", "employee", "report", "rating", "technician", "operative", "engineer"),
        *("nurse", "scientist", "analyst", "operator", "driver", "colleague", "worker", "cleaner", "soldier"),
    }
)
_COUNT_WORDS = MappingProxyType(
    {
        **{w: 10 + i for i, w in enumerate(("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"))},
        **{w: 17 + i for i, w in enumerate(("seventeen", "eighteen", "nineteen"))},
        **{w: 10 * i for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy"), start=2)},
        **{w: 10 * i for i, w in enumerate(("eighty", "ninety", "hundred"), start=8)},
    }
)


_ORGANISATION_NOUNS = frozenset(
    {"company", "business", "firm", "group", "organisation", "manufacturing", "manufacturer", "site", "plant", "trust"}
)
_LARGE_COUNTS = frozenset(
    [*(str(n) for n in range(PEOPLE_MANAGED, 1000)), *(w for w, n in _COUNT_WORDS.items() if n >= PEOPLE_MANAGED)]
)


def _counted_groups(tokens: _Tokens) -> list[tuple[int, int, str]]:
    """People-management mentions: "a team of 28", "Department of 32", "40 personnel" (PEOPLE_MANAGED or more)."""
    norms, sentence = tokens.norms, tokens.sentence
    out: list[tuple[int, int, str]] = []
    if _LARGE_COUNTS.isdisjoint(norms):
        return out
    for i in [i for i, norm in enumerate(norms) if norm in _LARGE_COUNTS]:
        if i >= 2 and norms[i - 1] == "of" and norms[i - 2] in _GROUPS and sentence[i - 2] == sentence[i]:
            out.append((i - 2, i + 1, "people-management"))
        elif i + 1 < len(norms) and sentence[i + 1] == sentence[i] and norms[i + 1] in _PEOPLE:
            rate = i + 2 < len(norms) and norms[i + 2] in {"per", "a", "each"}  # "30 staff per shift": a staffing level
            # "a 600-employee manufacturing group": the size of an organisation
            size = i + 2 < len(norms) and sentence[i + 2] == sentence[i] and norms[i + 2] in _ORGANISATION_NOUNS
            # people the work is for: "for 40 staff", "for up to 200 personnel"
            audience = "for" in norms[max(0, i - 3) : i]
            if not audience and not rate and not size:
                out.append((i, i + 2, "people-management"))
    return out


def _pronoun_objects(tokens: _Tokens, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """A verb on "them" takes the nearest earlier noun of its sentence that makes a label with it: "cannulate patients
    and donors, monitor them for citrate toxicity" is monitoring patients."""
    norms, sentence, entries = tokens.norms, tokens.sentence, lexicon.entries
    out: list[tuple[int, int, str]] = []
    for t in range(1, len(norms)):
        if norms[t] != "them" or norms[t - 1] not in lexicon.verb_heads or sentence[t - 1] != sentence[t]:
            continue
        for q in range(t - 2, -1, -1):
            if sentence[q] != sentence[t]:
                break
            slug = entries.get((norms[t - 1], norms[q]))
            if slug:
                out.append((t - 1, t + 1, slug))
                break
    return out


def _coordinated_tails(
    tokens: _Tokens, lexicon: Lexicon, found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The verb-led label that ends a coordinated label, when it names another skill: "recruiting and training staff"
    (people management) also says "training staff" (training others). The longest label at a position hides the labels
    inside it; a verb after "and" or "or" with its object is a whole phrase of its own. A noun after "and" is not
    ("beverage filtration and clarification" is no harvest clarification)."""
    norms, entries = tokens.norms, lexicon.entries
    out: list[tuple[int, int, str]] = []
    for first, end, slug in found:
        for k in range(first + 1, end - 1):
            if norms[k] in _COORDINATORS and norms[k + 1] in lexicon.verb_heads:
                tail = entries.get(tuple(norms[k + 1 : end]))
                if tail and tail != slug:
                    out.append((k + 1, end, tail))
    return out


_COORDINATORS = frozenset({"and", "or"})


# Seventh round: teaching and assessing people, whoever they are ("trained the last three stillmen", "train commis
# chefs on knife skills", "taught first aid to ship's company", "ran toolbox talks", "I assess them on placement",
# "sign off their scrub competencies"). The labels name some people and some courses; these verbs take any.
_TEACH = frozenset({"train", "trains", "trained", "taught", "teach", "teaches", "instruct", "instructs", "instructed"})
_DELIVER = frozenset({"deliver", "delivers", "delivered", "run", "runs", "ran", "give", "gives", "gave", "lead", "led"})
_ASSESS = frozenset({"assess", "assesses", "assessed", "sign", "signs", "signed", "signing"})
_TEACHING_VERBS = _TEACH | _DELIVER | _ASSESS
_PEOPLE_TAUGHT = frozenset(
    {"staff", "starter", "student", "apprentice", "operator", "technician", "nurse", "colleague", "user", "soldier"}
    | {"recruit", "trainee", "cadet", "junior", "chef", "engineer", "analyst", "auditor", "assistant", "volunteer"}
    | {"driver", "cleaner", "operative", "crew", "team", "unit", "company", "battalion", "squadron", "platoon"}
    | {"carer", "worker", "employee", "member", "supervisor", "scientist", "graduate", "intern", "them", "pharmacist"}
    | {"paramedic", "midwife", "firefighter", "officer", "demonstrator", "newcomer", "learner", "pupil", "class"}
)
_COURSES = frozenset({"course", "induction", "apprenticeship", "toolbox", "drill", "workshop", "lesson", "tutorial"})
_ASSESSED = frozenset({"competency", "competence", "booklet", "portfolio", "placement", "assessment", "task"})
_TAUGHT_SCOPE = 5  # tokens after the verb, in its clause


def _clause_ahead(tokens: _Tokens, v: int) -> Iterator[int]:
    """The tokens after the verb at `v` where its object may be: up to _TAUGHT_SCOPE of them, in its sentence and
    clause."""
    sentence, n = tokens.sentence, len(tokens.norms)
    end = v + 1
    while end < n and end - v <= _TAUGHT_SCOPE and sentence[end] == sentence[v] and not tokens.clause_break[end]:
        yield end
        end += 1


def _names_people(word: str, people: frozenset[str]) -> bool:
    """Whether a normalised word names people: one of `people`, a plural in -men ("stillmen", "storemen"), or (the
    thirteenth round) a noun of someone who does something ("relief milkers", "keepers", "health advisors",
    "improvers", "phlebotomists"), unless it is a piece of kit or a common thing with such an ending."""
    if word in people or (word.endswith("men") and len(word) > 4):
        return True
    return len(word) > 5 and word.endswith(_AGENT_ENDINGS) and word not in _NOT_AGENTS


_AGENT_ENDINGS = ("er", "or", "ist", "ian")
_NOT_AGENTS = frozenset(
    {"filter", "container", "computer", "freezer", "fermenter", "printer", "analyser", "analyzer", "counter"}
    | {"scanner", "cylinder", "boiler", "heater", "shaker", "sequencer", "washer", "chiller", "server", "monitor"}
    | {"controller", "reactor", "compressor", "generator", "sensor", "detector", "incubator", "register", "number"}
    | {"matter", "letter", "poster", "binder", "folder", "manner", "other", "career", "colour", "error", "sector"}
    | {"factor", "vector", "indicator", "border", "corridor", "interior", "exterior", "quarter", "semester"}
    | {"trailer", "tractor", "extruder", "digester", "scrubber", "cooler", "refrigerator"}
)


# Seventh round: working with another function is cross-department cooperation (tests/eval/cvs/README.md: "worked
# alongside / supported QA" -> cross-team-cooperation, not QA). The reader already reads such a QA or QC as no
# evidence of the function's own work (`bystanders`); this reads what it is evidence of.
_WORKING_WITH = frozenset({"with", "alongside", "support", "supported", "supporting", "supports"})
_FUNCTIONS: frozenset[tuple[str, ...]] = frozenset(
    {("quality", "assurance"), ("quality", "control"), ("production",), ("manufacturing",), ("engineering",)}
    | {("msat",), ("validation",), ("R", "D"), ("regulatory",), ("maintenance",), ("operations",), ("qc",), ("qa",)}
    | {("microbiology",), ("supply", "chain"), ("procurement",), ("development",), ("clinical",), ("packaging",)}
    | {("HR",), ("human", "resource"), ("legal",), ("finance",), ("IT",), ("L", "D"), ("sale",), ("marketing",)}
    | {("estate",), ("facilities",), ("actuarial",), ("logistics",), ("purchasing",), ("planning",)}
    | {("regulatory", "affair"), ("pharmacy",), ("medical",), ("nursing",)}
)
# Twenty-fourth round: the business functions a writer works with too (HR, legal, finance, L&D, estates...). Functions
# named alone after "with" ("liaise with production", "work closely with HR and legal"); the others only before a team
# noun ("with validation" may be the work, "with the validation team" is people).
_NAMED_ALONE = frozenset({"msat", "qa", "qc", "production", "manufacturing", "HR", "legal", "finance"})
_FUNCTION_PEOPLE = frozenset({"team", "department", "colleague", "engineer", "function", "lead", "manager", "staff"})
_OWNERS = frozenset({"the", "our", "their", "site", "client", "customer", "sponsor", "other"})


def _functions_worked_with(tokens: _Tokens) -> list[tuple[int, int, str]]:
    """Cross-department cooperation: "work closely with QA", "liaise with production", "supported the QA team",
    "with the client's validation engineer", "worked alongside QA". After "with", "alongside" or a verb of
    supporting, past a determiner or an owner ("the client's"), a function's name, alone or before a team noun."""
    norms, sentence, starts = tokens.norms, tokens.sentence, tokens.starts
    out: list[tuple[int, int, str]] = []
    n = len(norms)
    for t in [i for i, word in enumerate(norms) if word in _WORKING_WITH]:
        u = t + 1
        while u < n and sentence[u] == sentence[t] and norms[u] in _OWNERS and u - t <= 3:
            u += 1
        if u >= n or sentence[u] != sentence[t] or tokens.clause_break[u]:
            continue
        w = u + 1
        while w < n and starts[w] == starts[u]:
            w += 1  # the whole written word: "QA" is "quality assurance"
        name = tuple(norms[u:w])
        if name not in _FUNCTIONS and w < n and (*name, norms[w]) in _FUNCTIONS:
            name, w = (*name, norms[w]), w + 1  # "supply chain"
        if name not in _FUNCTIONS:
            continue
        if w < n and sentence[w] == sentence[t] and norms[w] in _FUNCTION_PEOPLE:
            w += 1
        elif len(name) == 1 and name[0] not in _NAMED_ALONE:
            continue  # "with validation", "with development": a function only before a team noun
        out.append((t, w, "cross-team-cooperation"))
    return out


def _people_taught(tokens: _Tokens, slugs: frozenset[str]) -> list[tuple[int, int, str]]:
    """Training others and assessing them, from a verb of teaching or assessing whose object is people, a course or a
    competence: `training-delivery` for "trained the last three stillmen", "taught first aid to ship's company",
    "ran toolbox talks", "teach on the foundation course"; `competency-assessment` for "I assess them on placement",
    "sign off their competency booklets". The object is looked for in the verb's clause, up to _TAUGHT_SCOPE tokens on,
    not past a preposition other than "to" ("trained in GMP", "trained as a nurse" are the writer's own training) and
    not after a participle used as an adjective ("a trained operator")."""
    norms = tokens.norms
    out: list[tuple[int, int, str]] = []
    n = len(norms)
    for v in [i for i, word in enumerate(norms) if word in _TEACHING_VERBS]:
        verb = norms[v]
        if _adjective_use(tokens, v):
            continue
        if verb in {"sign", "signs", "signed", "signing"} and not (v + 1 < n and norms[v + 1] == "off"):
            continue
        for end in _clause_ahead(tokens, v):
            word = norms[end]
            if word in _GAP_BLOCKERS and not (word == "to" and verb in _TEACH | _DELIVER) and word != "on":
                break
            people = _names_people(word, _PEOPLE_TAUGHT)
            if verb in _ASSESS and (people or word in _ASSESSED):
                out.append((v, end + 1, "competency-assessment"))
                break
            if verb in _TEACH and people and (end > v + 1 or tokens.ends[end] - tokens.starts[end] > len(word)):
                out.append((v, end + 1, "training-delivery"))
                break
            if verb in _DELIVER | {"teach", "teaches", "taught"} and word in _COURSES:
                out.append((v, end + 1, "training-delivery"))
                break
            if verb in _DELIVER and word == "to":
                break  # "led the way to", "ran samples to the lab": not teaching
    return [m for m in out if m[2] in slugs]


# A role named after the shift it leads ("Lab shift leader", "Night shift team leader", "shift supervisor") is also
# evidence of working shifts; leading a shift as a task ("led a shift of 10") was not, for either labeller, and
# neither was a fire service "Watch Manager".
_SHIFT_WORDS = frozenset({"shift", "night"})
_ROLE_NOUNS = frozenset({"leader", "lead", "supervisor", "manager"})


def _shift_roles(tokens: _Tokens, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Shift-working mentions from team-leadership mentions that are a role title with a shift word before its noun."""
    norms = tokens.norms
    return [
        (a, b, "shift-working")
        for a, b, slug in found
        if slug == "team-leadership"
        and norms[b - 1] in _ROLE_NOUNS
        and any(norms[t] in _SHIFT_WORDS and _one_phrase(tokens, t, b) for t in range(max(0, a - 2), b - 1))
    ]


def _one_phrase(tokens: _Tokens, first: int, end: int) -> bool:
    """Whether tokens first..end-1 sit in one sentence with no comma, colon or bracket between them."""
    return tokens.sentence[first] == tokens.sentence[end - 1] and not any(tokens.clause_break[first + 1 : end])


def _counted(tokens: _Tokens, first: int, end: int, *, after: int = 0) -> bool:
    """Whether a mention names a group of PEOPLE_MANAGED or more people ("team of 28", "40 personnel"), or, with
    `after`, counts one in the next few words of its sentence ("leading a team" of 60)."""
    stop = min(end + after, len(tokens.norms))
    return any(
        tokens.norms[t] in _LARGE_COUNTS and tokens.sentence[t] == tokens.sentence[first] for t in range(first, stop)
    )


def _merge(found: list[tuple[int, int, str]], more: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return sorted([*found, *more]) if more else found


# Eighth round: making or handling product inside an aseptic zone is aseptic technique (tests/eval/cvs/README.md:
# "pharmacy aseptic unit, isolators, CIVAS" -> aseptic-technique): "prepare chemo, TPN and CIVAS in negative-pressure
# isolators", "run the vial filling line in a grade A RABS", "grade A transfers in the BSC". Not monitoring, testing,
# qualifying or cleaning such a zone ("EM sampling in grade A/B during filling", "sterility tests in the isolator",
# "IQ/OQ protocols for isolators"), which are other skills.
_ASEPTIC_ZONES = frozenset({"isolator", "rabs", "laminar", "A", "cabinet"})
_ASEPTIC_WORK = frozenset(
    {"prepare", "prepared", "preparing", "fill", "filled", "filling", "compound", "compounded", "compounding"}
    | {"process", "processed", "processing", "transfer", "transferred", "subculture", "subculturing", "manipulation"}
    | {"manipulate", "manipulated", "connection", "intervention", "reconstitute", "reconstituted", "aliquot"}
)
_NOT_ASEPTIC_WORK = frozenset(
    {"monitoring", "monitor", "settle", "sterility", "iq", "oq", "pq", "validation", "protocol", "cleaning", "clean"}
    | {"test", "testing", "audit", "mapping", "commissioning", "watched", "observed", "shadowing", "certification"}
)


def _aseptic_work(tokens: _Tokens) -> list[tuple[int, int, str]]:
    """Aseptic-technique mentions: a sentence that names an aseptic zone (an isolator, a RABS, grade A, a biological
    safety cabinet or laminar flow cabinet) and product work in it, and no monitoring, testing, qualifying or
    cleaning; the mention is the zone."""
    norms, sentence = tokens.norms, tokens.sentence
    out: list[tuple[int, int, str]] = []
    judged: set[int] = set()
    for t in [i for i, word in enumerate(norms) if word in _ASEPTIC_ZONES]:
        word, number = norms[t], sentence[t]
        zone = word in {"isolator", "rabs"}
        zone = zone or (word == "A" and t > 0 and norms[t - 1] == "grade")
        zone = zone or (word == "cabinet" and t > 0 and norms[t - 1] in {"safety", "flow"})
        if not zone or number in judged:
            continue
        judged.add(number)
        words = set(norms[bisect_left(sentence, number) : bisect_right(sentence, number)])
        if not words.isdisjoint(_ASEPTIC_WORK) and words.isdisjoint(_NOT_ASEPTIC_WORK):
            out.append((t - 1 if word in {"A", "cabinet"} else t, t + 1, "aseptic-technique"))
    return out


# Eighth round: supervising people or a shift is leading a team ("supervise mechanics on night shift", "supervised the
# night shift in the stillhouse", "supervising SACs on the line").
_SUPERVISING = frozenset({"supervise", "supervises", "supervised", "supervising"})
# Students supervised are mentored, not led (the labellers read "supervise two PhD students" as coaching).
_SUPERVISED = (_PEOPLE_TAUGHT - {"student", "pupil", "learner", "demonstrator", "class", "graduate", "intern"}) | {
    *("shift", "crew", "watch", "section", "mechanic", "fitter", "electrician", "storeman")
}


def _people_supervised(tokens: _Tokens) -> list[tuple[int, int, str]]:
    """Team-leadership mentions: a verb of supervising whose object, within _TAUGHT_SCOPE tokens of its clause and
    before any preposition, is people or a shift, crew or section (not "supervised by", not "under supervision")."""
    norms = tokens.norms
    out: list[tuple[int, int, str]] = []
    for v in [i for i, word in enumerate(norms) if word in _SUPERVISING]:
        if _adjective_use(tokens, v):
            continue
        for end in _clause_ahead(tokens, v):
            if norms[end] in _GAP_BLOCKERS:
                break
            if _names_people(norms[end], _SUPERVISED):
                out.append((v, end + 1, "team-leadership"))
                break
    return out
