"""The thresholds and penalties of role fit, readiness and ranking, with the reasons for each."""

from __future__ import annotations

from typing import Literal

Readiness = Literal["ready-now", "short-training", "stretch"]
READY_NOW: Readiness = "ready-now"
SHORT_TRAINING: Readiness = "short-training"
STRETCH: Readiness = "stretch"

# Readiness comes from the training hours the essential gaps need (see docs/ENGINE.md).
READY_NOW_MAX_HOURS = 8.0
READY_NOW_MIN_ESSENTIAL = 0.9
SHORT_TRAINING_MAX_HOURS = 120.0
# Cheap gaps are not enough for "short training": the person must already cover half of what the role
# needs on day one and fully hold at least one essential skill. A missing hard entry requirement (a
# degree, a registration) always reads "stretch".
SHORT_TRAINING_MIN_ESSENTIAL = 0.5
# A move is within reach when the role's entry level is at most one RQF level above the person's
# previous jobs (the job-zone rule of the career-causeways method) and no hard requirement is missing.
REACH_MAX_STEP_UP = 1
# Within reach, a role one level up is listed above a role at the person's level only when it fits by
# this much more: employers hire career changers first at the level they come from. (Measured on the
# dev part of the labelled jobs: 0.05–0.15 all help; see docs/EVALUATION.md.)
STEP_UP_PENALTY = 0.08
# Roles entered at RQF 2 train people on the job; a role above that hires for its specialist (non-generic)
# skills. A person from non-graduate work (previous jobs known, entered at RQF 4 or below) who shows less than
# MIN_SPECIALIST_COVERAGE of a skilled role's specialist requirement weight would be hired into it on
# behaviours alone, which employers do not do: it is listed as if one level up (less SPECIALIST_PENALTY).
# Graduates and managers are left out of the rule: the ESCO bridge reaches their specialist skills only in
# part, and the entry roles are not their route. (Measured on the dev part; see docs/EVALUATION.md.)
ON_THE_JOB_ENTRY_LEVEL = 2
# The same rule downwards: a role entered three or more RQF levels below the person's previous jobs (a
# chemistry graduate, RQF 6, and a QC technician, RQF 3) is listed below an equal fit nearer their level.
# Employers hesitate to hire far below a candidate's level, and the person would start far below their
# pay. It is a ranking penalty, not a filter: the role stays listed, and `overqualified` still flags it.
STEP_DOWN_LEVELS = 3
STEP_DOWN_PENALTY = 0.08
UNPROVEN_MAX_SENIORITY = 4
# A role on the career route of the person's previous job (data/career_routes.yaml: where people from that
# kind of work usually start) is ranked as if it fitted this much better. Skill evidence read through the
# ESCO bridge is thin for most ordinary jobs, and a recruiter starts from the route. The fit shown is
# unchanged, and a role the person shows nothing for is still never listed. (Measured on the dev part of
# the labelled jobs: 0.05 to 0.2 help less, 0.25 to 0.6 all give the same; see docs/EVALUATION.md.)
ROUTE_BONUS = 0.25
# A route lists its roles most usual first: each place further down the list takes ROUTE_ORDER_STEP off the
# bonus (at most ROUTE_ORDER_MAX_PLACE places), so between route roles whose fits are within a few points the
# more usual one is listed first. (Dev part, after the label-blind route review: 0.01 +3 jobs, no more wrong
# answers; 0.02-0.05 +4 to +6 jobs but more wrong and labelled-wrong roles.)
ROUTE_ORDER_STEP = 0.01
ROUTE_ORDER_MAX_PLACE = 5
# A role on the person's route is within reach even when it starts more than one level above their previous
# jobs (the route says people from that work are hired into it), ranked as one level up; a missing hard
# requirement still puts it out of reach. (Dev part: +2 jobs.)
MIN_SPECIALIST_COVERAGE = 0.2
SPECIALIST_PENALTY = 0.08
# Over-qualified: can do the job (essential cover >= 0.9) and either exceeds most of it by a full level
# on their own skills, or comes from occupations at least two entry levels above the role's.
OVERQUALIFIED_MIN_ESSENTIAL = 0.9
OVERQUALIFIED_EXCEED_SHARE = 0.8
OVERQUALIFIED_SENIORITY_GAP = 2
