"""The six areas of activity, from kpmpc-activities.lt.txt (EN: the mission README)."""

from __future__ import annotations

# (slug, LT title, EN title, [(LT sub-activity, EN sub-activity), …])
AREAS = [
    (
        "kvalifikaciju-sistema",
        "Lietuvos kvalifikacijų sistemos formavimas ir profesinio mokymo turinio kūrimas",
        "Forming the Lithuanian qualifications system and VET content",
        [
            ("Profesinių standartų rengimas", "Preparing occupational standards"),
            ("Kvalifikacijų sistemos formavimo darbai", "Qualifications-system work"),
            ("Modulinių profesinio mokymo programų rengimas ir (arba) jų atnaujinimas",
             "Preparing and updating modular VET programmes"),
            ("Profesinio mokymo kreditų sistemos plėtra", "Developing the VET credit system"),
            ("Sektorinių profesinių komitetų veiklos organizavimas",
             "Organising the work of the sectoral professional committees"),
        ],
    ),
    (
        "kokybes-uztikrinimas",
        "Profesinio mokymo kokybės užtikrinimas",
        "VET quality assurance",
        [
            ("Formaliojo profesinio mokymo programų vertinimas", "Evaluating formal VET programmes"),
            ("Pasirengimo vykdyti formaliojo profesinio mokymo programas ekspertinis vertinimas",
             "Expert evaluation of readiness to deliver formal VET programmes"),
            ("Formaliojo profesinio mokymo programų įgyvendinimo kokybės išorinis vertinimas",
             "External evaluation of the quality of formal VET programme delivery"),
            ("Institucijų pasirengimo vertinti asmens įgytas kompetencijas vertinimas",
             "Evaluating institutions' readiness to assess the competences a person has acquired"),
        ],
    ),
    (
        "suaugusiuju-svietimas",
        "Suaugusiųjų švietimo sistemos plėtra",
        "Developing adult education",
        [
            ("Suaugusiųjų švietimo sistemos ir tęstinio suaugusiųjų mokymosi galimybių plėtra",
             "Developing adult education and lifelong-learning opportunities"),
            ("Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programų, finansuojamų valstybės "
             "biudžeto lėšomis, konkurso ir atrankos organizavimas",
             "Organising the competition and selection of non-formal adult education programmes funded "
             "from the state budget"),
            ("Suaugusiųjų neformaliojo švietimo koordinatorių savivaldybėse konsultavimas",
             "Advising municipal coordinators of non-formal adult education"),
        ],
    ),
    (
        "svietimo-pagalba",
        "Švietimo pagalbos profesinio mokymo ir suaugusiųjų švietimo dalyviams teikimas",
        "Support for VET and adult-education participants",
        [
            ("Profesijos mokytojų ir andragogų kvalifikacijos tobulinimas",
             "Professional development of VET teachers and andragogues"),
            ("Profesinio mokymo ir suaugusiųjų švietimo metodinė veikla",
             "Methodological work in VET and adult education"),
            ("Profesinio mokymo metodinių komisijų veiklos koordinavimas",
             "Coordinating VET methodological commissions"),
        ],
    ),
    (
        "informacija-ir-tyrimai",
        "Informacija ir tyrimai",
        "Information and research",
        [
            ("Kvalifikacijų poreikio prognostinių ir suaugusiųjų švietimo tyrimų organizavimas ir vykdymas",
             "Qualification-needs forecasting and adult-education research"),
            ("Informacijos apie profesinį mokymą ir suaugusiųjų švietimą kaupimas, analizavimas ir sklaida",
             "Collecting, analysing and disseminating information on VET and adult education"),
            ("Profesinio meistriškumo konkursų stebėsena", "Monitoring vocational skills competitions"),
        ],
    ),
    (
        "atstovavimas",
        "Atstovavimas",
        "Representation",
        [
            ("Nacionalinio profesinio mokymo kokybės užtikrinimo orientacinio punkto (EQAVET) atstovas Lietuvoje",
             "EQAVET National Reference Point for VET quality assurance in Lithuania"),
            ("Nacionalinio kvalifikacijų koordinavimo punkto (EQF NCP) atstovas Lietuvoje",
             "EQF National Coordination Point in Lithuania"),
            ("Europos profesinio mokymo plėtotės centro (CEDEFOP) informacijos ir žinių tinklo ReferNet "
             "koordinatorius Lietuvoje", "Coordinator of CEDEFOP's ReferNet network in Lithuania"),
            ("Nacionalinis UNESCO-UNEVOC tinklo atstovas", "National member of the UNESCO-UNEVOC network"),
        ],
    ),
]


def sub_activities(items, language: str):
    index = 0 if language == "lt" else 1
    return [("activity", {"title": pair[index], "description": ""}) for pair in items]
