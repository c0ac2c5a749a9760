"""Demo content: the facts and figures of the center's multiple myeloma page
(shared/seed/center-page-multiple-myeloma.txt), retold in our own words.

Nothing here may be invented: every fact, figure and name comes from the seed.
Text fields are Markdown. Format:
- TREATMENTS: dicts of Treatment fields plus "slug" and "parent" (a slug or None);
  parents come before their sub-therapies.
- CONDITIONS: dicts of Condition fields plus "slug" and the ordered children
  "symptoms" [(name, explanation)], "treatments" [(treatment slug, note)],
  "reasons" [text] and "glossary" [(term, explanation)].
- STATISTICS: dicts of OutcomeStatistic fields plus "condition" (slug),
  "treatments" [slugs] and "value" as a string ("45.5").
- STORIES: dicts of PatientStory fields plus "condition" (slug), "treatments"
  [slugs], "sections" [(heading, body)] and "questions" [(question, answer)].

Where the seed is silent the field is left empty: no reviewer names or review dates, no
patient counts, no source years or links, and no age for the patient whose birth year is
all the seed gives.
"""

DEMO_CONSENT_SCOPE = (
    "Demo content: this story is retold from the one already published on the center's "
    "multiple myeloma page. Confirm the patient's written consent before going live."
)


def _md(*paragraphs):
    """Markdown paragraphs, separated by an empty line."""
    return "\n\n".join(paragraphs)


def _bullets(*items):
    """A Markdown bullet list."""
    return "\n".join(f"- {item}" for item in items)


# ---------------------------------------------------------------------------------------------
# Treatments
# ---------------------------------------------------------------------------------------------

TREATMENTS = [
    {
        "slug": "chemotherapy",
        "parent": None,
        "name": "Chemotherapy and novel agents",
        "category": "chemotherapy",
        "summary": (
            "Medicines that slow down or kill plasma cells that grow out of control. Today they "
            "are often given together with newer medicines and steroids."
        ),
        "description": _md(
            "Chemotherapy is one of the oldest ways to treat myeloma. It uses medicines that hold "
            "back or kill plasma cells that are growing out of control.",
            "Today, doctors often give chemotherapy together with newer medicines, called "
            "**novel agents**, and with steroid medicines (corticosteroids). Immunomodulators and "
            "proteasome inhibitors are examples of novel agents.",
        ),
        "how_it_works": _md(
            "Giving these medicines together aims to:",
            _bullets(
                "make the treatment work better",
                "make it less likely that the cancer cells stop responding to the medicines "
                "(drug resistance)",
                "give patients better results",
            ),
        ),
        "is_featured": True,
    },
    {
        "slug": "radiotherapy",
        "parent": None,
        "name": "Radiotherapy",
        "category": "radiotherapy",
        "summary": (
            "A treatment aimed at one part of the body. For myeloma it is mostly used to ease "
            "strong pain from damaged or broken bones."
        ),
        "description": _md(
            "Radiotherapy treats the disease in one place in the body. Doctors call this "
            "**local control**.",
            "In myeloma, it is mainly used to ease bad pain. The pain may come from places where "
            "the disease has damaged a bone (bone lesions), or from a bone that broke because the "
            "disease made it weak (a pathological fracture).",
        ),
        "how_it_works": "",
        "is_featured": True,
    },
    {
        "slug": "stem-cell-transplantation",
        "parent": None,
        "name": "Hematopoietic stem cell transplantation (HSCT)",
        "category": "transplant",
        "summary": (
            "New blood-making stem cells are given to the patient. For fit patients with myeloma, "
            "a transplant of their own stem cells after the first phase of treatment is a "
            "standard treatment."
        ),
        "description": _md(
            "Hematopoietic stem cells are the cells that make new blood cells. In a "
            "hematopoietic stem cell transplantation (HSCT), the patient is given healthy stem "
            "cells.",
            _bullets(
                "In an **autologous** transplant, the stem cells are the patient's own.",
                "In an **allogeneic** transplant, the stem cells come from a donor.",
            ),
            "For myeloma, patients who are in good physical condition and can have a transplant "
            "often have an autologous transplant after their first phase of treatment (induction "
            "therapy). This is a standard treatment. It makes remission much deeper and helps "
            "patients live longer.",
        ),
        "how_it_works": _md(
            "An autologous transplant has two main steps:",
            _bullets(
                "**Conditioning.** The patient has high-dose chemotherapy. It clears away the "
                "tumor cells that are left and gets the body ready for the transplant.",
                "**The transplant.** The patient's own healthy stem cells are given back to them. "
                "They rebuild the immune system.",
            ),
        ),
        "is_featured": True,
    },
    {
        "slug": "targeted-therapy",
        "parent": None,
        "name": "Targeted therapy",
        "category": "targeted",
        "summary": (
            "Medicines that aim at things myeloma cells need to live and grow. Two kinds are "
            "used: proteasome inhibitors and immunomodulators."
        ),
        "description": _md(
            "Targeted therapy means medicines that aim at certain things the myeloma cells rely on. "
            "Two kinds are used for myeloma:",
            _bullets("proteasome inhibitors", "immunomodulators"),
            "Both are also among the newer medicines (novel agents) that doctors may give "
            "together with chemotherapy.",
        ),
        "how_it_works": _bullets(
            "**Proteasome inhibitors** block a system that plasma cells need to break down "
            "proteins. Without it, the myeloma cells die.",
            "**Immunomodulators** make the area around the myeloma cells better for the immune "
            "system and block signals that make the tumor grow.",
        ),
        "is_featured": True,
    },
    {
        "slug": "proteasome-inhibitors",
        "parent": "targeted-therapy",
        "name": "Proteasome inhibitors",
        "category": "targeted",
        "summary": (
            "Medicines that block a system plasma cells need to break down proteins. Without it, "
            "the myeloma cells die."
        ),
        "description": _md(
            "Proteasome inhibitors are a kind of targeted therapy. They are also one of the newer "
            "medicines (novel agents) that doctors may give together with chemotherapy.",
        ),
        "how_it_works": _md(
            "Plasma cells must be able to break down proteins to stay alive. Proteasome "
            "inhibitors block the pathway they use to do this. As a result, the myeloma cells die.",
        ),
        "is_featured": False,
    },
    {
        "slug": "immunomodulators",
        "parent": "targeted-therapy",
        "name": "Immunomodulators",
        "category": "targeted",
        "summary": (
            "Medicines that improve the surroundings of the myeloma cells for the immune system "
            "and hold back the signals that make the tumor grow."
        ),
        "description": _md(
            "Immunomodulators are a kind of targeted therapy. They are also one of the newer "
            "medicines (novel agents) that doctors may give together with chemotherapy.",
        ),
        "how_it_works": _md(
            "They work in two ways:",
            _bullets(
                "They improve the area around the myeloma cells, called the **immune "
                "microenvironment**.",
                "They block signals that tell the tumor to grow.",
            ),
        ),
        "is_featured": False,
    },
    {
        "slug": "immunotherapy",
        "parent": None,
        "name": "Immunotherapy",
        "category": "immunotherapy",
        "summary": (
            "Treatments that use the immune system, or parts of it such as antibodies and T cells, "
            "against myeloma. They are key new options when myeloma comes back or stops responding."
        ),
        "description": _md(
            "Immunotherapy uses the body's defence system (the immune system), or parts of it, to "
            "fight myeloma. There are four kinds:",
            _bullets(
                "monoclonal antibodies",
                "antibody–drug conjugates (ADCs)",
                "bispecific antibodies",
                "CAR-T cell therapy",
            ),
            "These are important new options for people whose myeloma has come back (relapsed) or "
            "does not respond to treatment (refractory).",
        ),
        "how_it_works": _bullets(
            "**Monoclonal antibodies** stick to certain proteins on the outside of myeloma cells. "
            "This helps the immune system clear the cells away.",
            "**Antibody–drug conjugates (ADCs)** carry a cell-killing medicine straight to the "
            "myeloma cells.",
            "**Bispecific antibodies** bring T cells (a kind of immune cell) and myeloma cells "
            "together, so the immune system can kill the myeloma cells better.",
            "**CAR-T cell therapy** uses T cells that have been changed so that they seek out and "
            "attack myeloma cells.",
        ),
        "is_featured": True,
    },
    {
        "slug": "monoclonal-antibodies",
        "parent": "immunotherapy",
        "name": "Monoclonal antibodies",
        "category": "immunotherapy",
        "summary": (
            "Antibodies that stick to certain proteins on the outside of myeloma cells, so the "
            "immune system can clear the cells away."
        ),
        "description": _md(
            "Monoclonal antibodies are a kind of immunotherapy. They are one of the new options for "
            "myeloma that has come back or does not respond to treatment.",
        ),
        "how_it_works": _md(
            "Each of these antibodies aims at a certain protein on the surface of myeloma cells. "
            "When it sticks to the cell, it helps the immune system find the cell and clear it away.",
        ),
        "is_featured": False,
    },
    {
        "slug": "antibody-drug-conjugates",
        "parent": "immunotherapy",
        "name": "Antibody–drug conjugates (ADCs)",
        "category": "immunotherapy",
        "summary": (
            "An antibody joined to a cell-killing medicine. It carries the medicine straight to "
            "the myeloma cells to kill them precisely."
        ),
        "description": _md(
            "Antibody–drug conjugates, or ADCs, are a kind of immunotherapy. They are one of the "
            "new options for myeloma that has come back or does not respond to treatment.",
        ),
        "how_it_works": _md(
            "An ADC joins an antibody to a medicine that kills cells. The antibody takes the "
            "medicine right to the myeloma cells, so the medicine can kill them precisely.",
        ),
        "is_featured": False,
    },
    {
        "slug": "bispecific-antibodies",
        "parent": "immunotherapy",
        "name": "Bispecific antibodies",
        "category": "immunotherapy",
        "summary": (
            "Antibodies that link T cells, a kind of immune cell, to myeloma cells, so the immune "
            "system can kill the myeloma cells better."
        ),
        "description": _md(
            "Bispecific antibodies are a kind of immunotherapy. They are one of the new options for "
            "myeloma that has come back or does not respond to treatment.",
        ),
        "how_it_works": _md(
            "A bispecific antibody holds on to two things at once: a T cell and a myeloma cell. "
            "Linking the two helps the immune system kill the myeloma cell.",
        ),
        "is_featured": False,
    },
    {
        "slug": "car-t-cell-therapy",
        "parent": "immunotherapy",
        "name": "CAR-T cell therapy",
        "category": "cellular",
        "summary": (
            "T cells, a kind of immune cell, are changed so that they seek out and attack myeloma "
            "cells. It can suit some people whose myeloma has come back or stopped responding."
        ),
        "description": _md(
            "CAR-T cell therapy is a kind of immunotherapy. It uses **T cells**, which are part of "
            "the immune system. The T cells are changed (genetically engineered) so that they "
            "find and attack myeloma cells.",
            "It can be a choice for some people whose myeloma has come back (relapsed) or does "
            "not respond to treatment (refractory).",
        ),
        "how_it_works": _md(
            _bullets(
                "**Collecting the cells.** The T cells can be the patient's own, collected first "
                "(lymphocyte collection). In some treatments they come from a donor instead; this "
                "is called allogeneic or donor CAR-T.",
                "**Changing the cells.** Modern biotechnology is used to engineer the T cells so "
                "that they can target tumor cells very precisely.",
                "**Giving the cells back.** The engineered T cells are put back into the "
                "patient's body. There they seek out and destroy myeloma cells.",
            ),
            "Each CAR-T product aims at a particular target. Targets named in our patients' "
            "stories include BCMA (B-cell maturation antigen) and GPRC5D (G protein-coupled "
            "receptor class C group 5 member D). Some CAR-T aims at two targets at once, for "
            "example BCMA and CD19.",
            "A common reaction after CAR-T is **cytokine release syndrome (CRS)**, a strong "
            "immune reaction that can bring a high fever. The care team watches for it closely "
            "and treats it.",
        ),
        "is_featured": False,
    },
]


# ---------------------------------------------------------------------------------------------
# Conditions
# ---------------------------------------------------------------------------------------------

CONDITIONS = [
    {
        "slug": "multiple-myeloma",
        "name": "Multiple myeloma",
        "summary": (
            "A blood cancer of plasma cells, the cells in the bone marrow that make antibodies. "
            "The cancer cells crowd out healthy blood-making cells and make an abnormal protein "
            "called M-protein."
        ),
        "overview": _md(
            "Multiple myeloma is a blood cancer. It starts in **plasma cells**. Healthy plasma "
            "cells make antibodies. Antibodies help the body spot germs and fight them.",
            "In multiple myeloma, plasma cells become cancer cells. They grow out of control "
            "inside the bone marrow, the soft tissue inside bones. There they crowd out the "
            "healthy cells that make blood.",
            "The cancer cells do not make useful antibodies. Instead, they make an abnormal "
            "antibody protein, or pieces of one. Doctors call this **M-protein** (myeloma "
            "protein). The M-protein, and the large number of cancer cells, can cause many "
            "different problems in the body.",
            "In its early stages, multiple myeloma often causes no clear symptoms. This makes it "
            "hard to find early.",
        ),
        "symptoms_intro": _md(
            "As the disease gets worse, a person may notice some of these problems:",
        ),
        "diagnosis": _md(
            "Good treatment starts with an accurate diagnosis. Our experts are skilled at finding "
            "small signs of disease that can be missed elsewhere.",
            "**The GoBroad Precision Diagnostics Center**",
            _bullets(
                "It is led by a team with more than 30 years of experience in diagnosis.",
                "It brings together five areas of testing, known as **MICM**: pathology, "
                "morphology, immunology, cytogenetics and molecular biology.",
                "Specialists from different fields work together on each case (a "
                "multidisciplinary team). Together they write a precise, complete diagnostic "
                "report.",
                "It uses advanced tools, including mass spectrometry, flow cytometry and "
                "next-generation sequencing (NGS).",
                "It offers over 1,500 diagnostic tests. They cover the full range of blood "
                "cancers and solid tumors.",
                "This testing gives a strong base for cellular therapy and immunotherapy.",
            ),
        ),
        "treatment_approach": _md(
            "There is no single plan for everyone. Doctors choose a treatment based on:",
            _bullets(
                "the patient's age",
                "their physical condition",
                "whether they can have a stem cell transplant",
                "the molecular features of their disease, found with laboratory tests",
            ),
            "We plan each person's treatment around their own risk factors and the features of "
            "their disease. We choose treatments that work well and put as little strain on the "
            "body as possible (minimally invasive).",
            "You may be treated as an outpatient, going home the same day, or as an inpatient, "
            "staying in hospital. Either way, our joined-up care team gives skilled and caring "
            "support at every step.",
        ),
        "reasons_intro": (
            "GoBroad Healthcare Group is a leading hematology center. We offer new kinds of "
            "treatment to give you a better chance that your treatment succeeds."
        ),
        "is_featured": True,
        "symptoms": [
            ("Fractures",
             "Myeloma damages the structure of bones. The bones become fragile and can break "
             "easily. A break like this is called a pathological fracture."),
            ("Bone pain",
             "The pain is often in the back, ribs or hips. It can be mild or strong. Sometimes it "
             "comes with a broken bone or a pressed nerve."),
            ("Fatigue and shortness of breath",
             "Myeloma can cause anemia, which means too few red blood cells. This can make you "
             "feel tired, or out of breath when you are active."),
            ("Confusion",
             "Too much calcium in the blood (hypercalcemia) or kidney problems can affect "
             "thinking and make it hard to concentrate."),
            ("Numbness or weakness",
             "A pressed nerve, or blood that has become too thick (hyperviscosity), can cause "
             "numbness or weakness in the arms, legs or face."),
            ("Leg swelling",
             "When the kidneys do not work well, the body can hold on to fluid. This can make the "
             "legs or feet swell."),
            ("Loss of appetite",
             "High calcium levels or kidney problems can make you less hungry. They can also cause "
             "weight loss or a sick feeling (nausea)."),
            ("Frequent infections",
             "The body's defences (the immune system) become weaker. This raises the risk of "
             "infections such as pneumonia, urinary tract infections, sinus infections and skin "
             "infections."),
            ("Increased thirst",
             "Feeling very thirsty is often caused by high calcium levels together with kidney "
             "damage."),
        ],
        "treatments": [
            ("chemotherapy",
             "A long-used treatment that holds back or kills the myeloma cells. Today it is often "
             "combined with newer medicines, such as immunomodulators and proteasome inhibitors, "
             "and with steroids."),
            ("radiotherapy",
             "Used mainly to control the disease in one place, especially to ease strong pain "
             "from bone damage or broken bones."),
            ("stem-cell-transplantation",
             "For patients in good physical condition, a transplant of their own stem cells "
             "(autologous transplant) after the first phase of treatment is a standard treatment. "
             "It makes remission much deeper and helps patients live longer."),
            ("targeted-therapy",
             "Proteasome inhibitors and immunomodulators act on things the myeloma cells need to "
             "survive and grow."),
            ("immunotherapy",
             "Monoclonal antibodies, antibody–drug conjugates, bispecific antibodies and CAR-T "
             "cell therapy. These are key new options when myeloma comes back or stops "
             "responding to treatment (relapsed/refractory myeloma)."),
        ],
        "reasons": [
            "Next-generation treatments that work in different ways, for myeloma that has come "
            "back or stopped responding (relapsed/refractory)",
            "CAR-T cell therapy for relapsed/refractory myeloma",
            "Stem cell transplantation (HSCT) for multiple myeloma",
            "For some patients with hard-to-treat myeloma or secondary plasma cell leukemia: CAR-T "
            "to bring remission, then a stem cell transplant to strengthen it, giving a chance of "
            "long-term remission",
        ],
        "glossary": [
            ("Plasma cell",
             "A kind of white blood cell that lives mostly in the bone marrow. Healthy plasma "
             "cells make antibodies, which help the body fight germs."),
            ("Bone marrow",
             "The soft tissue inside bones where blood cells are made."),
            ("M-protein",
             "The abnormal antibody, or piece of an antibody, made by myeloma cells. It is also "
             "called myeloma protein. Tests measure it to see how the disease is doing."),
            ("Relapsed / refractory",
             "Relapsed means the disease has come back after treatment. Refractory means it does "
             "not respond to treatment, or has stopped responding."),
            ("Extramedullary",
             "Outside the bone marrow. Extramedullary disease means myeloma has spread to other "
             "tissues of the body."),
            ("Remission",
             "The signs of the disease have gone down. In complete remission (CR), tests can no "
             "longer find the disease. In partial remission (PR), or a very good partial response "
             "(VGPR), the disease has gone down but tests can still find some."),
            ("HSCT",
             "Hematopoietic stem cell transplantation: the patient is given healthy blood-making "
             "stem cells. Autologous means the cells are the patient's own; allogeneic means they "
             "come from a donor."),
            ("CAR-T",
             "A treatment that uses the patient's or a donor's T cells, a kind of immune cell, "
             "changed so that they find and attack cancer cells. CAR stands for chimeric antigen "
             "receptor."),
            ("Cytokine release syndrome (CRS)",
             "A strong immune reaction that is common after CAR-T. It can cause a high fever."),
            ("ORR, PFS and OS",
             "Ways to report results. ORR (objective or overall response rate): how many patients' "
             "disease shrank or disappeared. PFS (progression-free survival): how many were alive without "
             "the disease getting worse at a set time. OS (overall survival): how many were alive "
             "at a set time."),
        ],
    },
    {
        "slug": "myelodysplastic-syndrome",
        "name": "Myelodysplastic syndrome (MDS)",
        "summary": "A condition in which the bone marrow does not make healthy blood cells properly.",
        "overview": _md(
            "Myelodysplastic syndrome (MDS) is a condition of the bone marrow, where blood cells are "
            "made. In MDS, the bone marrow does not make healthy blood cells properly.",
        ),
        "symptoms_intro": "",
        "diagnosis": "",
        "treatment_approach": "",
        "reasons_intro": "",
        "is_featured": False,
        "symptoms": [],
        "treatments": [],
        "reasons": [],
        "glossary": [],
    },
]


# ---------------------------------------------------------------------------------------------
# Outcome statistics: the CAR-T results of the seed's "Our Achievements"
# ---------------------------------------------------------------------------------------------

_SOURCE = (
    "Published studies, and long-term follow-up of patients by GoBroad Healthcare Group"
)


def _statistic(**fields):
    return {
        "condition": "multiple-myeloma",
        "patient_count": None,
        "source_citation": _SOURCE,
        "source_year": None,
        "source_url": "",
        "is_highlighted": True,
        **fields,
    }


STATISTICS = [
    _statistic(
        title="Donor CAR-T as part of a donor stem cell transplant",
        patient_group=(
            "Patients with hard-to-treat multiple myeloma that had come back or was getting worse "
            "(relapsed or progressive)"
        ),
        regimen=(
            "Donor-humanized CAR-T cells (allogeneic CAR-T) added to the treatment given before a "
            "stem cell transplant from a donor (HSCT)"
        ),
        measure="cr",
        time_point="",
        value="45.5",
        treatments=["car-t-cell-therapy", "stem-cell-transplantation"],
    ),
    _statistic(
        title="Chemotherapy and intrathecal injection, then CAR-T, for disease in the brain or spine",
        patient_group=(
            "Patients with relapsed/refractory myeloma or lymphoma that involved the central "
            "nervous system (CNS: the brain and spinal cord)"
        ),
        regimen=(
            "Chemotherapy plus an intrathecal injection (medicine given into the fluid around the "
            "spinal cord), as a bridge to CAR-T"
        ),
        measure="orr",
        time_point="",
        value="100",
        treatments=["car-t-cell-therapy"],
    ),
    _statistic(
        title="Donor CAR-T after earlier CAR-T did not work",
        patient_group="Patients whose earlier CAR-T therapy had failed",
        regimen=(
            "Donor-humanized CAR-T cells given before a stem cell transplant from a donor "
            "(allo-HSCT)"
        ),
        measure="cr",
        time_point="",
        value="94.4",
        treatments=["car-t-cell-therapy", "stem-cell-transplantation"],
    ),
    _statistic(
        title="CAR-T for plasmablastic myeloma",
        patient_group=(
            "Patients with plasmablastic myeloma (PBM) that had not responded to several lines "
            "of treatment"
        ),
        regimen="CAR-T aimed at BCMA, or at both BCMA and CD19 (dual-target CAR-T)",
        measure="orr",
        time_point="",
        value="83.3",
        treatments=["car-t-cell-therapy"],
    ),
    _statistic(
        title="CAR-T for secondary plasma cell leukemia: progression-free survival",
        patient_group="Patients with secondary plasma cell leukemia (sPCL)",
        regimen=(
            "BCMA CAR-T, which brought a short-term remission. Some patients then had a stem cell "
            "transplant to strengthen it and reached a deeper, possibly long-term remission."
        ),
        measure="pfs",
        time_point="6 months",
        value="62.5",
        treatments=["car-t-cell-therapy"],
    ),
    _statistic(
        title="CAR-T for secondary plasma cell leukemia: overall survival",
        patient_group="Patients with secondary plasma cell leukemia (sPCL)",
        regimen=(
            "BCMA CAR-T, which brought a short-term remission. Some patients then had a stem cell "
            "transplant to strengthen it and reached a deeper, possibly long-term remission."
        ),
        measure="os",
        time_point="6 months",
        value="60",
        treatments=["car-t-cell-therapy"],
    ),
]


# ---------------------------------------------------------------------------------------------
# Patient stories, in the seed's order
# ---------------------------------------------------------------------------------------------

STORIES = [
    {
        "slug": "yuri-dual-target-car-t-multiple-myeloma",
        "title": "Yuri's story: through serious CAR-T complications after myeloma came back",
        "display_name": "Yuri",
        "name_is_pseudonym": False,
        "age_at_treatment": 39,
        "country": "Russia",
        "condition": "multiple-myeloma",
        "diagnosis_detail": (
            "IgA-κ multiple myeloma, R-ISS stage III (high risk); relapsed after an autologous "
            "stem cell transplant, with complex chromosome changes and extramedullary disease"
        ),
        "treatments": ["chemotherapy", "car-t-cell-therapy"],
        "outcome": "other",
        "outcome_detail": "Stable and well enough to go home; tumor markers fell a lot",
        "outcome_timing": "After 40 days in hospital",
        "summary": (
            "Yuri, 39, came from Russia with multiple myeloma that had come back after "
            "chemotherapy and a stem cell transplant at home. At Beijing Boren Hospital, Professor "
            "Zhang Yajing's team gave him intensive chemotherapy and dual-target CAR-T. He had "
            "serious complications, including HLH. After 40 days he was stable, his pain was much "
            "less and his tumor markers had fallen a lot."
        ),
        "is_featured": True,
        "sections": [
            ("How it started", _md(
                "In 2023, Yuri began to have bone pain and felt very tired. Later, his nose and "
                "gums started to bleed.",
                "After a full set of tests, doctors found **IgA-κ multiple myeloma** at **R-ISS "
                "stage III**. This stage means a high risk.",
                "In Russia, he had several rounds of chemotherapy and a transplant of his own "
                "stem cells (an autologous stem cell transplant). At first the disease went down "
                "part of the way (partial remission). Then it came back. There were more cancer "
                "cells than before. Tests found complex changes in his chromosomes, and the "
                "myeloma had spread outside the bone marrow (extramedullary infiltration).",
                "His doctors at home advised him to look for more advanced treatment. Full of "
                "hope, Yuri travelled from Russia to Beijing Boren Hospital, to be treated by "
                "Professor Zhang Yajing's team.",
            )),
            ("What the team faced", _md(
                "When Yuri arrived, his illness was very complex. Tests showed that his bones "
                "were badly damaged. They also showed myeloma tumors outside the bone marrow "
                "(extramedullary plasmacytomas) in many places: the liver, stomach, spleen, "
                "pancreas and pelvis. The total amount of tumor in his body was very large.",
                "There were three big challenges:",
                _bullets(
                    "**A lot of tumor, growing fast.** A whole-body nuclear scan showed that the "
                    "disease had spread widely. He had clear symptoms all over his body.",
                    "**A high risk from treatment.** After so many treatments, his immune system "
                    "was very weak. His bone marrow was not working well (bone marrow suppression). "
                    "This raised his risk of infection and bleeding.",
                    "**Serious reactions to CAR-T.** After BCMA CAR-T and GPRC5D CAR-T cell "
                    "therapy, Yuri had a high fever, low blood pressure and an uneven heartbeat "
                    "(arrhythmia). He also developed **hemophagocytic lymphohistiocytosis "
                    "(HLH)**, a complication that can threaten life. The whole treatment was "
                    "full of danger and uncertainty.",
                ),
            )),
            ("How the team cared for him", _md(
                "Professor Zhang Yajing led the team. They made a plan just for Yuri, with "
                "doctors from many fields.",
                _bullets(
                    "**A plan made for him.** First the team checked that nothing ruled the "
                    "treatment out. Then he had intensive chemotherapy, followed by dual-target "
                    "CAR-T therapy. The aim was to clear as many tumor cells as possible.",
                    "**Step-by-step care for complications.** Yuri had cytokine release syndrome "
                    "(CRS), a strong immune reaction. The team stepped up his care in stages: "
                    "first treatment against infection, then tocilizumab, dexamethasone and "
                    "medicine to hold up his blood pressure (vasopressors). In the end, the "
                    "symptoms came under control.",
                    "**Many specialists working together.** Experts in heart care, infections and "
                    "intensive care watched him closely. They treated his uneven heartbeat, low "
                    "blood pressure and low oxygen in the blood (hypoxemia).",
                    "**Close watching and fast action.** When HLH broke out, the team quickly "
                    "started plasma exchange. They also gave transfusions, treatment to stop "
                    "bleeding, and medicines that calm the immune system. Slowly the "
                    "\"inflammatory storm\" settled, and his vital signs stayed steady.",
                ),
                "The team handled each crisis with care. It has a lot of experience looking after "
                "very ill patients from other countries. With its help, Yuri got through the most "
                "dangerous time.",
            )),
            ("Results", _md(
                "After 40 days in hospital, Yuri's vital signs were stable and his pain was much "
                "less. Tests showed that the inflammatory storm was under control, the CAR-T cells "
                "had multiplied well in his body, and his tumor markers had dropped a lot. He was "
                "well enough to go home.",
                "Professor Zhang and her team made a plan for follow-up and maintenance "
                "treatment. It is meant to help him keep his results and recover in the long "
                "term.",
                "Yuri and his family were deeply thankful. They said they had found more than "
                "advanced medicine: they had found a team that was always there to protect him.",
            )),
        ],
        "questions": [],
    },
    {
        "slug": "mr-wang-car-t-instead-of-transplant",
        "title": "Mr. Wang, 73: CAR-T instead of a transplant, and back to painting and travel",
        "display_name": "Mr. Wang",
        "name_is_pseudonym": True,
        "age_at_treatment": 73,
        "country": "China",
        "condition": "multiple-myeloma",
        "diagnosis_detail": "High-risk IgG-lambda multiple myeloma, DS stage IIIA",
        "treatments": ["chemotherapy", "targeted-therapy", "car-t-cell-therapy"],
        "outcome": "vgpr",
        "outcome_detail": "",
        "outcome_timing": "More than four months after CAR-T",
        "summary": (
            "Mr. Wang, 73, had multiple myeloma and, over three years, surgery for several other "
            "tumors. At GoBroad Shanghai Liquan Hospital he had CAR-T therapy (ciltacabtagene "
            "autoleucel) in January 2025, in place of a transplant. More than four months later he "
            "had a very good partial response (VGPR). He now paints, walks and travels with his "
            "family."
        ),
        "is_featured": True,
        "sections": [
            ("Diagnosis", _md(
                "Mr. Wang is 73. \"Mr. Wang\" is not his real name.",
                "In April 2020, a routine health check found that his blood counts were not "
                "normal. He was then diagnosed with multiple myeloma.",
                "Over the next three years, doctors also found several solid tumors. He had "
                "surgery for lung cancer, a gastrointestinal stromal tumor (GIST, a tumor of the "
                "digestive tract), a kidney tumor and prostate problems. Through all of this he "
                "stayed positive and brave, and faced each treatment together with his family.",
            )),
            ("Treatment at GoBroad Shanghai Liquan Hospital", _md(
                "In September 2023, he came to GoBroad Shanghai Liquan Hospital with a high fever "
                "that would not go away. Doctors found a lung infection. The team treated the "
                "infection fully and, at the same time, gave chemotherapy for his myeloma.",
                "His myeloma was a high-risk type: **IgG-lambda, DS stage IIIA**. The team wanted "
                "to help him live a long time with a good quality of life. After careful checks, "
                "and talks with Mr. Wang and his family, they started CAR-T therapy with "
                "**ciltacabtagene autoleucel** in January 2025.",
                "He finished his hospital treatment and went home in February, helped by caring "
                "staff.",
            )),
            ("Results", _md(
                "More than four months after CAR-T, tests show that he has a **very good partial "
                "response (VGPR)**. Many of his test results are much better.",
                "His daily life is much better too. Everyday activities are easy for him, and he "
                "even travels with his family. He has gone back to painting and walking, and lives "
                "a calm, full life.",
            )),
            ("In their own words", _md(
                "We talked with Mr. Wang and his wife, a close and loving couple, about what they "
                "went through.",
                "Smiling, Mr. Wang said he hopes their story gives confidence and courage to other "
                "people with multiple myeloma, especially older people.",
                "His wife said that medicine keeps moving forward. If you work with your doctors "
                "and stay positive, she said, there is always hope.",
            )),
        ],
        "questions": [
            ("Between 2020 and 2023 you had four operations: for lung cancer, GIST, a kidney tumor "
             "and prostate problems. How did your treatment go?",
             _md(
                 "In 2020, a routine check showed that my blood counts were not normal. Then a "
                 "PET-CT scan found lung cancer, which we did not expect. My blood disease could "
                 "still be managed then, so the doctors said to treat the lung cancer first.",
                 "In 2021, check-ups found a gastrointestinal stromal tumor and a kidney tumor. "
                 "Both had to be removed with surgery. For the blood disease, the doctors said to "
                 "keep a close eye on it. I had also had an enlarged prostate for a long time, and "
                 "in the end that needed surgery too.",
                 "Every new diagnosis hit me hard and left me feeling low. But my family always "
                 "stood by me and my doctors took good care of me, so I recovered well from each "
                 "operation. Each success made me more confident and braver about fighting the "
                 "disease.",
             )),
            ("When did your myeloma treatment start, and why did you choose Liquan Hospital?",
             _md(
                 "From 2020 to 2023, I mostly focused on the operations, and we kept watching the "
                 "myeloma. I was getting better after the surgeries, but my myeloma test results "
                 "stayed high.",
                 "Then my daughter looked into it. She heard from patient groups that GoBroad "
                 "Shanghai Liquan Hospital had a lot of experience with multiple myeloma. We saw "
                 "Dr. Su Li several times. His skill, care and warmth impressed us, so we decided "
                 "to have full myeloma treatment at Liquan.",
             )),
            ("Why did you and your family choose CAR-T therapy (ciltacabtagene autoleucel), and "
             "how did you prepare?",
             _md(
                 "At Liquan, I first had standard chemotherapy together with targeted medicines. "
                 "After a while, my illness stopped improving and I felt worse and worse.",
                 "We thought about a stem cell transplant. But because of my age, my other health "
                 "problems and my past operations, my family worried a lot that I could not cope "
                 "with such a hard treatment. We did not know what to do. Dr. Su looked at my case "
                 "carefully and suggested commercial CAR-T therapy. He explained in detail what "
                 "was new and good about it, and what side effects it could have. His advice gave "
                 "us hope at a dark time.",
                 "At first we were unsure about such a new treatment. We had heard it could cause "
                 "long fevers and other side effects. Dr. Su explained things patiently and "
                 "encouraged me, and that gave me the courage to go ahead. With my family behind "
                 "me, I believed I could get through it.",
             )),
            ("You spent 40 days in a laminar flow ward, a specially clean ward. Did it go "
             "smoothly? What do you remember most?",
             _md(
                 "All in all, it went better than I expected. I had some discomfort, but the care "
                 "team handled everything well. Dr. Su and his team changed my treatment to fit how "
                 "I was doing, and problems like fever were brought under control quickly. My "
                 "medicines were adjusted in time, so even the side effects of chemotherapy were "
                 "milder than I expected.",
                 "One thing touched me. I was in hospital over the Spring Festival, and Dr. Su, "
                 "Dr. Jin, Dr. Wang and Head Nurse Zhang often came to see how I was. Before I "
                 "went into the sterile ward, I had a lung infection and was sharing a room with "
                 "other patients who had fevers. Dr. Su quickly had me moved to isolation early. "
                 "That showed real skill and care.",
                 "Thanks to the warm attention of the staff, I never felt lonely in those 40 days. "
                 "I went home on the second working day after the holiday, well enough to rest at "
                 "home and come back for regular check-ups.",
             )),
            ("How is your life now, and what would you like to say to other patients?",
             _md(
                 "In April, my wife and I came back from a trip to Japan. My health is mostly back "
                 "to how it was before I got ill. I take extra care to protect myself, and I eat a "
                 "light, healthy diet. On our trip we chose quiet, beautiful places. We hired a "
                 "private car to visit calm coasts and fresh mountain areas, and it made me feel "
                 "new again.",
                 "To everyone still fighting an illness: don't be afraid, and don't give up. "
                 "Medicine gets better every day. Stay positive and follow your treatment plan, and "
                 "getting better is within reach.",
                 "Looking back, staying hopeful gave me the strength to get through my illness. "
                 "Painting brought me joy too. It took my mind off things and lifted my mood. "
                 "Lately I have painted lively animals, which stand for energy; calm nature "
                 "scenes, which stand for hope; and flowers in bloom, which stand for how strong "
                 "life is. I hope every patient, like me, gets back their health and happiness "
                 "with good medical care and a loving family. The clouds will pass, and the sun "
                 "will come out again.",
             )),
        ],
        "expert_name": "Dr. Su Li",
        "expert_role": "Director of Hematology and Myeloma Center, GoBroad Shanghai Liquan Hospital",
        "expert_text": _md(
            "Mr. Wang was an older patient with high-risk multiple myeloma. His first treatment "
            "(induction therapy) worked, and we collected his stem cells successfully. But the "
            "side effects of chemotherapy were very hard on him, and he could not take much of it. "
            "He was older and frail, and he had had several operations. So high-dose "
            "chemotherapy followed by a transplant of his own stem cells would have been very "
            "risky for him.",
            "So in the next phase of treatment (consolidation), we chose BCMA CAR-T therapy "
            "(ciltacabtagene autoleucel) as part of his first line of treatment, in place of the "
            "transplant. In our view, BCMA CAR-T works better than a standard autologous "
            "transplant. Just as important, it breaks the pattern of treatment that never stops "
            "in usual myeloma care: no maintenance therapy is needed, and quality of life is much "
            "better.",
            "In the end, the result met all our hopes. Mr. Wang now comes for regular check-ups "
            "and is back to his normal life.",
        ),
    },
    {
        "slug": "ms-qian-transplant-then-car-t",
        "title": "Ms. Qian, 57: a stem cell transplant, then CAR-T, for a rare and aggressive myeloma",
        "display_name": "Ms. Qian",
        "name_is_pseudonym": False,
        "age_at_treatment": 57,
        "country": "China",
        "condition": "multiple-myeloma",
        "diagnosis_detail": (
            "Relapsed and refractory IgD-λ multiple myeloma with extramedullary infiltration, "
            "highly aggressive plasmablastic type; Durie-Salmon stage IA, ISS stage I, R-ISS "
            "stage III"
        ),
        "treatments": ["chemotherapy", "stem-cell-transplantation", "car-t-cell-therapy"],
        "outcome": "cr",
        "outcome_detail": "",
        "outcome_timing": "After 30 days of treatment",
        "summary": (
            "Ms. Qian, 57, had a rare, aggressive multiple myeloma that kept growing despite "
            "treatment. At GoBroad she had a transplant of her own stem cells, then BCMA CAR-T "
            "(zevor-cel): the first patient in Shanghai treated this way for refractory myeloma. "
            "After 30 days, tests found no tumor cells in her bone marrow: complete remission."
        ),
        "is_featured": True,
        "sections": [
            ("A first for Shanghai", _md(
                "In early September, GoBroad shared good news: Ms. Qian was going home from "
                "GoBroad Shanghai Liquan Hospital. She was the first patient in Shanghai, China, "
                "to be treated for refractory multiple myeloma with a stem cell transplant "
                "together with **zevorcabtagene autoleucel** (zevor-cel). Zevor-cel is a "
                "commercial CAR-T cell therapy that targets BCMA.",
                "She spent 26 key days in the transplant ward. The team at GoBroad Shanghai "
                "Zhaxin and Liquan hospitals looked after her with skill and care. The day before "
                "she went home, the team held a short, warm celebration for her. Ms. Qian and her "
                "family thanked the team deeply.",
            )),
            ("Diagnosis", _md(
                "In November 2023, Ms. Qian urgently looked for medical help. She had a lump on "
                "her left cheek, with swelling and night sweats. The first diagnosis was a shock: "
                "plasmablastic lymphoma. She quickly had radiotherapy, chemotherapy and targeted "
                "drug therapy. Even so, her illness kept growing and getting worse, and her "
                "health kept going down.",
                "In April 2024, she came to GoBroad Shanghai Liquan Hospital. After a full and "
                "careful set of tests, our doctors found a rarer and more complex disease: "
                "**relapsed and refractory multiple myeloma with extramedullary infiltration**.",
                _bullets(
                    "Type: IgD-λ",
                    "Durie-Salmon stage IA",
                    "International Staging System (ISS) stage I",
                    "Revised International Staging System (R-ISS) stage III",
                ),
                "The disease had spread to her lymph nodes and to the lining of her chest and "
                "belly (the thoracoabdominal peritoneum). It had also grown into her right "
                "ischium, part of the hip bone.",
            )),
            ("Why her case was hard", _md(
                "Multiple myeloma starts from plasma cells in the bone marrow. **Extramedullary "
                "infiltration** means the tumor has spread to tissues outside the bone marrow.",
                "IgD-λ myeloma is a rare type. Few people get it, it is very aggressive, and the "
                "outlook (prognosis) is poor. Ms. Qian's disease moved fast. It spread "
                "widely in her chest and belly and reached lymph nodes, soft tissues and bones "
                "all over her body. So her myeloma was classed as refractory. Tests of the tissue "
                "showed a highly aggressive type called **plasmablastic myeloma**.",
            )),
            ("The treatment plan", _md(
                "There is no standard treatment yet for relapsed and refractory multiple myeloma. "
                "A new chemotherapy plan held her disease back for a while, but she urgently "
                "needed something more effective to reach a deep remission that lasts.",
                "The team talked with Ms. Qian and her family and looked at her physical "
                "condition. They then made a plan just for her: a transplant of her own stem "
                "cells (autologous HSCT), followed by BCMA CAR-T (zevorcabtagene autoleucel).",
                "Her doctor, Dr. Li Su, head of the Hematology Department at GoBroad Shanghai "
                "Liquan Hospital, explained the idea. The transplant restores the patient's own "
                "immune system and gives the body a strong base for defence. Then CAR-T uses "
                "modern biotechnology to change the patient's own T cells, so that they find and "
                "destroy tumor cells with great precision. Together, the doctor said, the two "
                "treatments may rebuild her immune defences and clear out the tumor cells, with "
                "the aim of keeping the disease under control for a long time.",
            )),
            ("Step by step", _md(
                "In June 2024, Ms. Qian's lymphocytes (a kind of white blood cell) were collected. "
                "At the same time, a chemotherapy plan made for her greatly reduced the amount of "
                "tumor. After a short rest at home, she entered the transplant ward of GoBroad "
                "Shanghai Zhaxin Hospital in July.",
                "The treatment had three linked steps:",
                _bullets(
                    "**Conditioning (high-dose chemotherapy):** clears away the tumor cells that "
                    "are left and gets the body ready for the transplant.",
                    "**Autologous stem cell transplant:** her own healthy stem cells are given "
                    "back to her to rebuild her immune system.",
                    "**CAR-T cell therapy:** engineered T cells are put back into her body to "
                    "find and attack tumor cells precisely and strongly.",
                ),
            )),
            ("Complications and how they were handled", _md(
                "During treatment, Ms. Qian had several infections: bacteria in the blood "
                "(bacteremia), a lung infection and an infection of the stomach and gut. The team "
                "acted quickly and gave the right treatment against infection in time. Her signs "
                "of infection slowly went away. Later checks showed that her chest CT scan and "
                "the infections in her belly were much better.",
                "After the CAR-T cells were given, she had **cytokine release syndrome (CRS)**. "
                "For a short time her temperature rose to 41°C, and she was shivering. CRS is one "
                "of the common immune reactions to CAR-T therapy. It is worrying, but it is also "
                "an indirect sign that the CAR-T cells are working strongly. With close care from "
                "the team, her temperature slowly settled and the CRS was brought under control.",
            )),
            ("Results", _md(
                _bullets(
                    "**Day 11** after the transplant and CAR-T: the tumor at the front of her "
                    "chest had shrunk a lot. Her granulocytes (a kind of white blood cell) had "
                    "come back, and her body was making blood cells again.",
                    "**Day 14** after the CAR-T cells were given: she left the isolation unit and "
                    "moved back to the general ward at Liquan Hospital.",
                    "**After 30 days** of treatment: a bone marrow test found no tumor cells, and "
                    "her blood tumor markers were negative. This is **complete remission (CR)**.",
                ),
                "Her health got better fast, and she found hope and brightness in life again.",
                "Our team sees growing promise in this approach, a transplant followed by CAR-T, "
                "for relapsed and refractory multiple myeloma. It may give patients at very high "
                "risk a chance of deep remission, with the goal of what doctors call a functional "
                "cure, and new hope for a longer and better life. Ms. Qian's story shows that "
                "even a complex, changing illness can sometimes be overcome with new treatments.",
            )),
        ],
        "questions": [],
    },
    {
        "slug": "zinaida-sequential-car-t",
        "title": "Zinaida: two CAR-T treatments in three weeks for light chain myeloma",
        "display_name": "Zinaida",
        "name_is_pseudonym": False,
        "age_at_treatment": None,
        "country": "Russia",
        "condition": "multiple-myeloma",
        "diagnosis_detail": (
            "Light chain multiple myeloma, with myeloma kidney disease (myeloma nephropathy) and "
            "kidney failure needing long-term haemodialysis"
        ),
        "treatments": ["car-t-cell-therapy"],
        "outcome": "pr",
        "outcome_detail": "",
        "outcome_timing": "At the check two weeks later",
        "summary": (
            "Zinaida, born in 1957, came from Russia with light chain multiple myeloma that had "
            "damaged her kidneys. Treatments at home had not controlled it. At GHG medical center "
            "she had two CAR-T treatments, one after the other, within three weeks. Two weeks "
            "later her M protein had fallen by more than 90%: partial remission."
        ),
        "is_featured": False,
        "sections": [
            ("Before she came", _md(
                "Zinaida was born in 1957 and comes from Russia. She has light chain multiple "
                "myeloma, and the myeloma has harmed her kidneys (myeloma nephropathy).",
                "While she was being treated in Russia, her kidneys failed. For a long time she "
                "needed haemodialysis, where a machine does the kidneys' work of cleaning the "
                "blood. Her doctors at home tried all the usual treatments they had, including "
                "chemotherapy, but the disease could not be brought under control.",
            )),
            ("Why CAR-T", _md(
                "CAR-T cell therapy, a very new kind of treatment, gave her fresh hope. GHG "
                "medical center is known around the world for its skill in CAR-T cell therapy. "
                "It can aim CAR-T at a wide range of targets, so it can plan treatment to suit "
                "each patient.",
            )),
            ("Treatment", _md(
                "When Zinaida arrived, she was already very ill. Bone pain and weak kidneys "
                "(renal insufficiency) had left her extremely weak.",
                "The team wanted the best possible result for her, and to keep down the cost of "
                "her long journey. So they quickly planned two CAR-T treatments, one after the "
                "other (sequential):",
                _bullets(
                    "BCMA CAR-T, aimed at B-cell maturation antigen (BCMA)",
                    "GPRC5D CAR-T, aimed at G protein-coupled receptor class C group 5 member D "
                    "(GPRC5D)",
                ),
                "She finished the whole treatment in just three weeks.",
            )),
            ("Results", _md(
                "Two weeks later, her doctors checked how well the treatment had worked:",
                _bullets(
                    "Her M protein had fallen by more than 90%.",
                    "Her urine light chain level and her blood markers were much better.",
                ),
                "This is a **partial remission (PR)**. She had a mild cytokine release syndrome "
                "(CRS), but her general condition was good.",
                "For Zinaida, the treatment was a big step forward and a chance to get her life "
                "back. Her story also shows how working together across borders can help "
                "patients live better.",
            )),
        ],
        "questions": [],
    },
    {
        "slug": "woman-64-russia-walking-again",
        "title": "From a wheelchair to walking again: a 64-year-old woman from Russia",
        "display_name": "A 64-year-old woman from Russia",
        "name_is_pseudonym": False,
        "age_at_treatment": 64,
        "country": "Russia",
        "condition": "multiple-myeloma",
        "diagnosis_detail": (
            "RRMM (relapsed or refractory multiple myeloma), with spinal cord compression and "
            "extramedullary infiltration; first diagnosed in 2014"
        ),
        "treatments": ["chemotherapy", "car-t-cell-therapy"],
        "outcome": "vgpr",
        "outcome_detail": "",
        "outcome_timing": "After 26 days of treatment",
        "summary": (
            "A 64-year-old woman from Russia had lived with multiple myeloma since 2014. In 2023 "
            "it got worse and pressed on her spinal cord, so she could not walk. At GHG medical "
            "center she had chemotherapy, then mBCMA CAR-T. After 26 days she had a very good "
            "partial response. In February 2024 she left hospital walking slowly."
        ),
        "is_featured": False,
        "sections": [
            ("Many years of treatment", _md(
                "This patient was diagnosed with multiple myeloma in 2014. Since then she has had "
                "treatment for a long time, and the disease has come back many times. She had "
                "many rounds of chemotherapy.",
                "In 2023 her illness got worse again. She had severe bone pain and weak legs. She "
                "even had signs of paralysis (high paraplegia): she could not walk, and she could "
                "not control her bladder or bowels.",
            )),
            ("Diagnosis at GHG medical center", _md(
                "At GHG medical center, doctors found **relapsed or refractory multiple myeloma "
                "(RRMM)**. The myeloma had spread outside the bone marrow (extramedullary "
                "infiltration) and was pressing on her spinal cord (spinal cord compression).",
            )),
            ("Treatment", _md(
                "The team quickly made a plan:",
                _bullets(
                    "First, chemotherapy to take the pressure off her spinal cord.",
                    "Then, mBCMA CAR-T immunotherapy.",
                ),
                "After chemotherapy, the strength and feeling in her legs slowly began to come "
                "back. Control of her bladder and bowels slowly got better too.",
            )),
            ("Results", _md(
                "After CAR-T, her spinal cord worked even better. Her muscle strength improved to "
                "grade IV+, and her bladder and bowel control became normal. After 26 days of "
                "treatment, tests showed a **very good partial response (VGPR)**.",
                "In February 2024 she left hospital. Before, she could only get around in a "
                "wheelchair; now she could walk slowly. She and her family were very happy with "
                "the result.",
                "The team also gave her advice on rehabilitation and on maintenance treatment "
                "after she went home, to help her get back to normal life.",
            )),
        ],
        "questions": [],
    },
    {
        "slug": "guitarist-22-mds-donor-transplant",
        "title": "A 22-year-old guitarist: a donor stem cell transplant for MDS",
        "display_name": "A 22-year-old guitarist",
        "name_is_pseudonym": False,
        "age_at_treatment": 22,
        # The seed does not say where this patient comes from.
        "country": "",
        "condition": "myelodysplastic-syndrome",
        "diagnosis_detail": "Myelodysplastic syndrome (MDS), diagnosed in April 2021",
        "treatments": ["stem-cell-transplantation"],
        "outcome": "cr",
        "outcome_detail": "",
        "outcome_timing": "More than 2 years after the transplant",
        "summary": (
            "A 22-year-old guitarist came to GHG Medical Center in April 2021 with nosebleeds that "
            "kept coming back, and was diagnosed with MDS. A donor stem cell transplant followed in "
            "June 2021, then severe rejection in the gut, twice. More than 2 years after the "
            "transplant, the MDS is in complete remission and the guitarist is back at work."
        ),
        "is_featured": False,
        "sections": [
            ("Diagnosis", _md(
                "In April 2021, a 22-year-old guitarist came to GHG Medical Center because of "
                "nosebleeds that kept coming back (recurrent epistaxis). After the right tests, "
                "doctors diagnosed **myelodysplastic syndrome (MDS)**.",
            )),
            ("Transplant and complications", _md(
                "In June 2021, the patient had an **allogeneic stem cell transplant**, which uses "
                "stem cells from a donor. The transplant itself went well.",
                "Then came **grade 4 intestinal rejection**, a severe reaction in the gut: once 1 "
                "month after the transplant, and again at 6 months. The patient could not take in "
                "food through the gut. All nutrition had to be given through a vein (parenteral "
                "nutrition). This made it very hard to keep up the body's energy, protect the "
                "organs and control the many possible complications.",
                "With active treatment from the GHG medical team, the patient finally got through "
                "the rejection.",
            )),
            ("Results", _md(
                "More than 2 years after the transplant, the patient completed follow-up. The MDS "
                "was in **complete remission (CR)**, the patient was in good condition, and back "
                "to normal work and life.",
            )),
            ("In the patient's words", _md(
                "The patient left the transplant ward without trouble after a little more than "
                "20 days and felt very hopeful, but was also truly afraid of severe intestinal "
                "rejection after leaving.",
                "The patient calls the attending doctor the best doctor they have met in any "
                "hospital. In hospital, whenever the patient felt unwell and called her, she "
                "would come and gently ask, \"Baby, what's wrong with you?\" Thanks to her, the "
                "patient stayed in good spirits through the long stay, and she kept answering "
                "questions after the patient went home.",
                "The patient thanks the GHG medical team for saving their life and for healing "
                "both body and mind.",
            )),
        ],
        "questions": [],
    },
]
