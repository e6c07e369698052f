"""Free text (a CV, a job description) to skills, by dictionary look-up of normalised token n-grams.

Text and labels go through the same normaliser: case folded, punctuation and hyphens split, final
plural s/es stripped, -ize spelt -ise, and common abbreviations (GMP, QC, SOP...) expanded. Each
position takes the longest label that matches there. Labels led by a verb ("trained operators") also
match across a short gap ("trained 14 new operators"); mentions in the scope of a negation or an
aspiration ("no experience of X", "hoping to learn X") are not evidence. No model is loaded; an
embedding matcher can be plugged in through `SemanticMatcher`, off by default.

The modules, in the order they depend on each other:
- `text`: the normaliser, the tokeniser and longest-first matching of phrase tables;
- `lexicon`: `Lexicon` and `build_lexicon`, and the phrases that are no evidence;
- `mentions`: the skill mentions in a text, verb-led labels across a short gap included;
- `scope`: negation, aspiration, pastimes and work arranged for others;
- `senses`: the sense of a mention in its sentence; `bystanders`: colleagues, kit maintained, places;
- `levels`: the level of a mention and its reason in words;
- `reader`: `extract` and `as_evidence`;
- `sentences`: the sentence model `extract` may consult (`SentenceModel`, its fitting, saving and loading).
"""

from .levels import (
    CUE_WINDOW_AFTER,
    CUE_WINDOW_BEFORE,
    DEFAULT_LEVEL,
    EXPERT_YEARS,
    LEVEL_CUES,
    PRACTITIONER_YEARS,
    SENIORITY_TITLES,
)
from .lexicon import (
    GENERIC_LABELS,
    NOT_EVIDENCE,
    READER_NOT_EVIDENCE,
    SELF_DESCRIPTIONS,
    VERB_HEADS,
    WEAK_LABELS,
    Lexicon,
    build_lexicon,
)
from .mentions import PEOPLE_MANAGED, VERB_GAP
from .reader import EVIDENCE_CONTEXT, ExtractedSkill, SemanticMatcher, as_evidence, extract
from .scope import ARRANGED_WINDOW, ARRANGING_VERBS, HOBBY_CUES, NEGATION_CUES, NEGATION_WINDOW
from .sentences import SentenceModel, labelled_sentences
from .sentences import fit as fit_sentence_model
from .sentences import load as load_sentence_model
from .sentences import save as save_sentence_model
from .text import ABBREVIATIONS, normalise, normalise_token

__all__ = [
    "ABBREVIATIONS",
    "ARRANGED_WINDOW",
    "ARRANGING_VERBS",
    "CUE_WINDOW_AFTER",
    "CUE_WINDOW_BEFORE",
    "DEFAULT_LEVEL",
    "EVIDENCE_CONTEXT",
    "EXPERT_YEARS",
    "GENERIC_LABELS",
    "HOBBY_CUES",
    "LEVEL_CUES",
    "NEGATION_CUES",
    "NEGATION_WINDOW",
    "NOT_EVIDENCE",
    "PEOPLE_MANAGED",
    "PRACTITIONER_YEARS",
    "READER_NOT_EVIDENCE",
    "SELF_DESCRIPTIONS",
    "SENIORITY_TITLES",
    "VERB_GAP",
    "VERB_HEADS",
    "WEAK_LABELS",
    "ExtractedSkill",
    "Lexicon",
    "SemanticMatcher",
    "SentenceModel",
    "as_evidence",
    "build_lexicon",
    "extract",
    "fit_sentence_model",
    "labelled_sentences",
    "load_sentence_model",
    "normalise",
    "normalise_token",
    "save_sentence_model",
]
