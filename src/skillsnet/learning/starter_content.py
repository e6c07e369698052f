"""Starter content for the online courses, so a fresh installation has courses to study.

A few core courses get lessons written for them (in our own words); every other online course gets an
introduction built from its own catalogue entry and the descriptions of the skills it teaches, with a
knowledge check on those skills. Providers replace it with their own material through the authoring pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    choices: tuple[str, ...]
    correct: int
    explanation: str = ""


@dataclass(frozen=True)
class LessonSpec:
    title: str
    body: str
    questions: tuple[QuestionSpec, ...] = ()


@dataclass(frozen=True)
class ModuleSpec:
    title: str
    summary: str
    lessons: tuple[LessonSpec, ...] = field(default_factory=tuple)


WRITTEN: dict[str, tuple[ModuleSpec, ...]] = {
    "gmp-fundamentals": (
        ModuleSpec(
            "What GMP is and why it matters",
            "The rules that make every batch of a medicine safe, and how they shape a working day.",
            (
                LessonSpec(
                    "Good manufacturing practice in one page",
                    """Good manufacturing practice (GMP) is the part of quality assurance that makes sure medicines
are **consistently produced and controlled** to the standard their licence demands. Testing a finished batch
cannot prove that every vial in it is right, so GMP builds quality in at every step instead.

In the UK the MHRA inspects manufacturers against the GMP rules (the "Orange Guide", which mirrors EU GMP).
For cell and gene therapies the same principles apply, with extra care because the product is often made for
one patient and cannot be sterilised at the end.

GMP rests on a few ideas:

- **Written procedures** (SOPs) for everything that affects quality, followed exactly.
- **Trained people** who understand why each step matters.
- **Qualified equipment and validated processes**, so results are reproducible.
- **Records made at the time**, so anyone can reconstruct what happened.
- **Deviations reported**, investigated and corrected, never hidden.
""",
                ),
                LessonSpec(
                    "Deviations and why we report them",
                    """A **deviation** is any departure from an approved procedure or specification: a missed
step, a temperature out of range, a label printed wrongly. Reporting it quickly protects the patient and you.

1. Stop, make the situation safe and tell your supervisor.
2. Record what happened, when and what you did, in the deviation system.
3. Quality assurance assesses the impact on the product.
4. An investigation finds the root cause, and a **CAPA** (corrective and preventive action) stops it
   happening again.

An honest "I made a mistake" is always better than a perfect-looking record that is not true.
""",
                    (
                        QuestionSpec(
                            "Why can't a manufacturer rely on testing the finished batch alone?",
                            (
                                "Testing samples cannot show that every unit of the batch is right",
                                "Testing is not allowed for medicines",
                                "Finished batches are always sterile",
                            ),
                            0,
                            "A test looks at samples; GMP builds quality into every step so the whole batch is right.",
                        ),
                        QuestionSpec(
                            "You notice a step was missed in yesterday's batch. What do you do first?",
                            (
                                "Fill the step in on the record with yesterday's date",
                                "Tell your supervisor and raise a deviation",
                                "Wait to see whether the batch passes its tests",
                            ),
                            1,
                            "Deviations are reported at once so their impact can be assessed.",
                        ),
                        QuestionSpec(
                            "What does CAPA stand for?",
                            (
                                "Corrective and preventive action",
                                "Controlled access to production areas",
                                "Certified aseptic process approval",
                            ),
                            0,
                        ),
                    ),
                ),
            ),
        ),
    ),
    "good-documentation-practice": (
        ModuleSpec(
            "Writing records that stand up",
            "How to complete GMP records so that they are trustworthy.",
            (
                LessonSpec(
                    "The rules of good documentation practice",
                    """If it was not written down, it did not happen. A batch record is the evidence that a
medicine was made correctly, so it must be right first time.

- Write in **indelible ink**, at the time you do the step, never before or from memory.
- **Sign and date** every entry with your own signature; never sign for someone else.
- Correct a mistake with a **single line** through it so the original stays readable, then write the right
  value, your initials, the date and a reason. No correction fluid, no overwriting.
- Never leave blanks: mark unused fields **N/A** with your initials.
- Record the real value you saw (for example 20.4 °C), not just "OK".
""",
                ),
                LessonSpec(
                    "ALCOA+ in practice",
                    """Regulators sum up what makes data trustworthy with **ALCOA+**:

| Letter | Meaning |
| --- | --- |
| A | Attributable: who did it and when |
| L | Legible: readable for the whole retention period |
| C | Contemporaneous: recorded at the time |
| O | Original: the first record, or a true copy |
| A | Accurate: correct and complete |
| + | Complete, consistent, enduring and available |

The same rules apply to electronic records: audit trails make entries attributable, and shared log-ins break
that link.
""",
                    (
                        QuestionSpec(
                            "How do you correct a wrong entry in a batch record?",
                            (
                                "Cover it with correction fluid and write over it",
                                "One line through it, the right value, initials, date and reason",
                                "Tear out the page and start again",
                            ),
                            1,
                        ),
                        QuestionSpec(
                            "What does the C in ALCOA stand for?",
                            ("Complete", "Contemporaneous", "Certified"),
                            1,
                            "Contemporaneous: recorded at the time the work was done.",
                        ),
                        QuestionSpec(
                            "A field on the form does not apply to this batch. What do you do?",
                            ("Leave it blank", "Write N/A with your initials", "Copy the value from the last batch"),
                            1,
                        ),
                    ),
                ),
            ),
        ),
    ),
    "introduction-to-cell-and-gene-therapy": (
        ModuleSpec(
            "Living medicines",
            "What advanced therapy medicinal products are and how they are made.",
            (
                LessonSpec(
                    "Cell, gene and tissue therapies",
                    """**Advanced therapy medicinal products** (ATMPs) are medicines based on genes, cells or
tissues:

- **Gene therapies** deliver a working gene, often inside a harmless viral vector such as AAV or a lentivirus.
- **Cell therapies** use living cells as the medicine; CAR-T cells are a patient's own T cells, engineered
  to find and kill their cancer.
- **Tissue-engineered products** repair or replace damaged tissue.

Many are **autologous** (made from the patient's own cells, one batch per patient) and some are
**allogeneic** (made from a donor, many doses per batch).
""",
                ),
                LessonSpec(
                    "From vein to vein",
                    """An autologous CAR-T therapy travels a chain that must never break:

1. The patient's white cells are collected by **apheresis** at the hospital.
2. The cells travel, cold and tracked, to the manufacturing site.
3. T cells are selected, activated, **transduced** with a viral vector and expanded for about one to two weeks.
4. The product is formulated, **cryopreserved** and tested, then released by a Qualified Person.
5. It returns in liquid-nitrogen vapour to the hospital and is infused into the same patient.

Because each batch belongs to one person, **chain of identity** (whose cells these are) and **chain of
custody** (who held them, when) are checked at every hand-over.
""",
                    (
                        QuestionSpec(
                            "What makes an autologous therapy different from an allogeneic one?",
                            (
                                "It is made from the patient's own cells",
                                "It is always a gene therapy",
                                "It is made from a donor and treats many patients",
                            ),
                            0,
                        ),
                        QuestionSpec(
                            "Why is chain of identity checked at every hand-over?",
                            (
                                "To speed up shipping",
                                "Because each batch belongs to one patient and must reach only them",
                                "Because the product can be sterilised again",
                            ),
                            1,
                        ),
                    ),
                ),
            ),
        ),
    ),
    "cleanroom-fundamentals": (
        ModuleSpec(
            "Working in a cleanroom",
            "Grades, gowning and behaviour that keep products free of contamination.",
            (
                LessonSpec(
                    "Cleanroom grades",
                    """EU GMP Annex 1 defines four grades of clean area by how many particles and microbes the
air may hold:

- **Grade A**: the critical zone where the product is open, such as inside a biosafety cabinet or isolator.
- **Grade B**: the background room around a grade A zone for aseptic work.
- **Grades C and D**: cleaner support areas for less critical steps.

People are the largest source of contamination: we shed skin cells and microbes all the time.
""",
                ),
                LessonSpec(
                    "Gowning and behaviour",
                    """Good cleanroom behaviour keeps the contamination you carry away from the product:

- Gown in the order your site's procedure sets, from head down, without touching the outside of the garment.
- Move **slowly and deliberately**; fast movement sheds particles and disturbs the airflow.
- Never place anything between the clean air supply and an open product.
- Leave at once, and say so, if you feel unwell or your gown is damaged.
""",
                    (
                        QuestionSpec(
                            "Where is a product open to the environment handled?",
                            ("Grade D", "Grade A", "Grade C"),
                            1,
                        ),
                        QuestionSpec(
                            "What is the largest source of contamination in a cleanroom?",
                            ("The walls", "The people working in it", "The filtered air supply"),
                            1,
                        ),
                    ),
                ),
            ),
        ),
    ),
}
