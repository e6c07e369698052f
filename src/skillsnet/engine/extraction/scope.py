"""Mentions that are no evidence because of their sentence: negated or hoped for, about pastimes, or work
the writer arranges for others."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .text import _longest_matches, _prefix_set, _remember_firsts, _Tokens, normalise

# A mention after one of these, in the same sentence and clause, is not evidence: "no experience of
# cleanrooms", "have not yet worked to GMP", "hoping to do HACCP level 3". The scope runs for
# NEGATION_WINDOW tokens and stops at a sentence break or a word that turns the clause ("but").
NEGATION_CUES: tuple[str, ...] = (
    "no",
    "not",
    "never",
    "without",
    "yet to",
    "lack",
    "lacking",
    "unfamiliar with",
    "hope to",
    "hoping to",
    "plan to",
    "planning to",
    "would like to",
    "would love to",
    "love to",
    "want to",
    "wanting to",
    "looking to",
    "aim to",
    "aiming to",
    "keen to",
    "working towards",
    "interested in",
    "need to build",
    "need to develop",
    "need to gain",
    "need to learn",
    "read about",
)
NEGATION_WINDOW = 8  # tokens
# A negation of a negative is an affirmation ("not afraid of hard work", "no stranger to nights", "never shy of a
# challenge"), and "no fewer than", "not just", "not least" count or add rather than deny.
_NEGATION_EXCEPTIONS = frozenset(
    {
        *(("not", w) for w in ("only", "just", "least", "limited", "afraid", "shy", "fazed", "daunted", "scared")),
        *(("no", w) for w in ("stranger", "fewer", "less", "shortage", "problem")),
        *(("never", w) for w in ("afraid", "shy", "fazed", "daunted", "scared")),
    }
)
_SCOPE_ENDERS = frozenset({"but", "however", "although", "though", "whereas", "while", "except", "instead"})

_NEGATION_ENTRIES: Mapping[tuple[str, ...], bool] = MappingProxyType(
    {normalise(phrase): True for phrase in NEGATION_CUES}
)
_NEGATION_PREFIXES = _prefix_set(_NEGATION_ENTRIES)
# A sentence about pastimes is no evidence of a skill ("In my spare time I enjoy brewing kombucha").
HOBBY_CUES: tuple[str, ...] = (
    "spare time",
    "free time",
    "outside work",
    "outside of work",
    "hobbies",
    "hobby",
    "interests include",
    "for fun",
    "in my leisure",
)
_HOBBY_ENTRIES: Mapping[tuple[str, ...], bool] = MappingProxyType({normalise(p): True for p in HOBBY_CUES})
_HOBBY_PREFIXES = _prefix_set(_HOBBY_ENTRIES)
_remember_firsts(_NEGATION_ENTRIES, _HOBBY_ENTRIES)


def _negated(tokens: _Tokens, verbs: frozenset[str] = frozenset()) -> set[int]:
    """Tokens in the scope of a negation or aspiration cue. The scope also ends at a new clause led by one of
    `verbs` ("so the vets can sample without anaesthetic, lead a team of four keepers"); a list after a comma stays
    in it ("no experience of GMP, cleanrooms or aseptic work")."""
    norms = tokens.norms
    out: set[int] = set()
    for a, b, _ in _longest_matches(norms, _NEGATION_ENTRIES, _NEGATION_PREFIXES):
        if b < len(norms) and (norms[a], norms[b]) in _NEGATION_EXCEPTIONS:
            continue
        for t in range(b, min(len(norms), b + NEGATION_WINDOW)):
            if tokens.sentence[t] != tokens.sentence[a] or norms[t] in _SCOPE_ENDERS:
                break
            if t > b and tokens.clause_break[t] and norms[t] in verbs:
                break
            out.add(t)
    return out


# "coordinated the sterility testing with external labs", "book apheresis slots", "arrange HEPA integrity tests
# with the specialist": the writer organises work someone else does. A mention up to ARRANGED_WINDOW tokens
# after such a verb, in its clause, is evidence only of the organising skills.
ARRANGING_VERBS = frozenset(
    {
        *("coordinate", "coordinated", "coordinating", "arrange", "arranged", "arranging", "book", "booked"),
        *("booking", "outsource", "outsourced", "outsourcing", "chase", "chased", "chasing"),
    }
)
ARRANGED_WINDOW = 5
_ARRANGED_STOPS = frozenset({"and", "in", "on", "into"})
_ORGANISING_SKILLS = frozenset(
    {
        *("stakeholder-management", "project-management", "production-scheduling", "supply-chain-management"),
        *("procurement", "medicinal-product-logistics", "customer-service", "time-management"),
        *("cross-team-cooperation", "sample-management", "goods-receipt-status-control", "people-management"),
        "cryogenic-shipping",  # twentieth round: booking dry shippers is arranging a cryogenic shipment
    }
)


def _arranged(tokens: _Tokens) -> set[int]:
    """Tokens that are the object of a verb of arranging others' work (ARRANGING_VERBS)."""
    norms, sentence, breaks = tokens.norms, tokens.sentence, tokens.clause_break
    out: set[int] = set()
    if ARRANGING_VERBS.isdisjoint(norms):
        return out
    for a, norm in enumerate(norms):
        if norm not in ARRANGING_VERBS:
            continue
        for t in range(a + 1, min(len(norms), a + 1 + ARRANGED_WINDOW)):
            if sentence[t] != sentence[a] or breaks[t] or norms[t] in _SCOPE_ENDERS or norms[t] in _ARRANGED_STOPS:
                break  # "book in specimens on Winpath" is reception work on a system, not arranging it
            out.add(t)
    return out
