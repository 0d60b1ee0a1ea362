"""Home, sections and the information pages for SPK members (spk-recommendations.lt.txt)."""

from __future__ import annotations

# slug: (LT title, EN title, LT intro, EN intro)
SECTIONS = {
    "veiklos-sritys": ("Veiklos sritys", "Areas of activity",
                       "Ką daro Kvalifikacijų ir profesinio mokymo plėtros centras.",
                       "What the Qualifications and VET Development Centre does."),
    "naujienos": ("Naujienos", "News",
                  "Kvalifikacijų sistemos ir profesinio mokymo naujienos.",
                  "News of the qualifications system and VET."),
    "spk": ("Sektoriniai profesiniai komitetai", "Sectoral professional committees",
            "Darbdavių, profesinių sąjungų ir ekspertų komitetai, padedantys nustatyti prioritetus, rengti ir "
            "vertinti profesinius standartus ir profesinio mokymo programas.",
            "Committees of employers, trade unions and experts who help prioritise, write and evaluate "
            "occupational standards and VET programmes."),
    "leidiniai": ("Leidiniai ir tyrimai", "Publications and research",
                  "Tyrimų ataskaitos, apžvalgos ir metodinė medžiaga.",
                  "Research reports, reviews and methodological material."),
    "spk-nariams": ("Informacija SPK nariams", "Information for SPK members",
                    "Ką turėtų žinoti sektorinių profesinių komitetų nariai.",
                    "What members of the sectoral professional committees should know."),
}

HOME_INTRO = {
    "lt": "<p>KPMPC plėtoja Lietuvos kvalifikacijų sistemą, profesinio mokymo turinį ir suaugusiųjų švietimą "
          "ir yra Europos kvalifikacijų sandaros nacionalinis koordinavimo punktas.</p>",
    "en": "<p>KPMPC develops Lithuania's qualifications system, VET content and adult education, and is the "
          "European Qualifications Framework National Coordination Point.</p>",
}
HOME_BODY = {
    "lt": "<p>Su <a linktype=\"page\" id=\"{spk}\">sektoriniais profesiniais komitetais</a> rengiame profesinius "
          "standartus ir modulines profesinio mokymo programas.</p>",
    "en": "<p>With the <a linktype=\"page\" id=\"{spk}\">sectoral professional committees</a> we prepare "
          "occupational standards and modular VET programmes.</p>",
}

# slug, topic, LT title, EN title, LT paragraphs, EN paragraphs
INFORMATION = [
    (
        "kvalifikaciju-sistema", "qualifications-system",
        "Kaip tvarkoma Lietuvos kvalifikacijų sistema", "How the Lithuanian qualifications system works",
        ["Kvalifikacijų sistemos tvarkymo procesai: kvalifikacijų sudarymas ir tvarkymas, asmens įgytų "
         "kompetencijų vertinimas ir kvalifikacijos suteikimas.",
         "Kvalifikacijos įrašomos į kvalifikacijų registrą; SPK padeda plėtoti kvalifikacijų sistemą: nustato "
         "pagrindines sektoriaus ir tarpsektorines kvalifikacijas, vertina standartus ir programas."],
        ["The processes of the qualifications system: designing and maintaining qualifications, assessing "
         "the competences a person has acquired, and awarding qualifications.",
         "Qualifications are entered in the qualifications register; the SPK help develop the system: they "
         "identify the main sectoral and cross-sectoral qualifications and evaluate standards and programmes."],
    ),
    (
        "ltks-lygiai", "ltks-levels",
        "Kvalifikacijų priskyrimas LTKS lygiams", "Assigning qualifications to LTKS levels",
        ["Lietuvos kvalifikacijų sandara (LTKS) turi aštuonis lygius, susietus su Europos kvalifikacijų "
         "sandaros (EKS) lygiais.",
         "SPK nariai dalyvauja priskiriant sektoriaus kvalifikacijas LTKS lygiams ir aptaria, ar kvalifikacijos "
         "reikalavimai atitinka lygio aprašą."],
        ["The Lithuanian Qualifications Framework (LTKS) has eight levels, referenced to the levels of the "
         "European Qualifications Framework (EQF).",
         "SPK members take part in assigning the sector's qualifications to LTKS levels and discuss whether "
         "a qualification's requirements match the level descriptor."],
    ),
    (
        "kaip-dalyvauti", "participation",
        "Kaip SPK nariai gali įsitraukti", "How SPK members can take part",
        ["Profesinio mokymo patrauklumo didinimo iniciatyvos: profesinio meistriškumo konkursai, profesinio "
         "mokymo gerosios patirties konkursai.",
         "Formuojamas SPK narių, galinčių dalyvauti kompetencijų vertinime ir pripažinime, „bankas“; "
         "inicijuojami tarptautinio bendradarbiavimo, mobilumo ir naujovių perkėlimo projektai."],
        ["Initiatives to make VET attractive: vocational skills competitions and competitions of good VET "
         "practice.",
         "A \"bank\" of SPK members who can take part in assessing and recognising competences is being built; "
         "international cooperation, mobility and innovation-transfer projects are initiated."],
    ),
]


def paragraphs(texts: list[str]):
    return [("paragraph", f"<p>{text}</p>") for text in texts]
