"""The marker questions every installation starts with, in our own words (en, fr, es).

Administrators edit the wording afterwards; the keys are what the scoring rules read.
"""

from django.db import migrations

# scheme, key, (en, fr, es), (help en, fr, es)
QUESTIONS = [
    (
        "iom",
        "needs_assessment",
        (
            "Does the needs assessment or rationale say how the situation differs for women, "
            "men, girls and boys?",
            "L’évaluation des besoins ou la justification décrit-elle en quoi la situation "
            "diffère pour les femmes, les hommes, les filles et les garçons ?",
            "¿La evaluación de necesidades o la justificación explica en qué difiere la "
            "situación de mujeres, hombres, niñas y niños?",
        ),
        (
            "Point to the paragraph of the rationale and the data it relies on.",
            "Indiquez le paragraphe de la justification et les données sur lesquelles il "
            "s’appuie.",
            "Indique el párrafo de la justificación y los datos en que se basa.",
        ),
    ),
    (
        "iom",
        "results_matrix",
        (
            "Do outputs and indicators of the results matrix take gender into account "
            "(for example targets by sex and age)?",
            "Les produits et les indicateurs du cadre de résultats tiennent-ils compte du "
            "genre (par exemple des cibles par sexe et par âge) ?",
            "¿Los productos e indicadores de la matriz de resultados tienen en cuenta el "
            "género (por ejemplo, metas por sexo y edad)?",
        ),
        (
            "Name the outputs or indicators, such as OP1.2.",
            "Citez les produits ou indicateurs, par exemple OP1.2.",
            "Nombre los productos o indicadores, por ejemplo OP1.2.",
        ),
    ),
    (
        "iom",
        "activities",
        (
            "Are activities planned so that women and men can take part and benefit equally?",
            "Les activités sont-elles prévues pour que les femmes et les hommes puissent y "
            "participer et en bénéficier à égalité ?",
            "¿Las actividades están previstas para que mujeres y hombres participen y se "
            "beneficien por igual?",
        ),
        ("", "", ""),
    ),
    (
        "iom",
        "principal_purpose",
        (
            "Is advancing gender equality the main purpose, or does the project target a group "
            "because the gender analysis showed the need?",
            "Faire progresser l’égalité des genres est-il l’objectif principal, ou le projet "
            "cible-t-il un groupe parce que l’analyse de genre en a montré le besoin ?",
            "¿Promover la igualdad de género es el propósito principal, o el proyecto se dirige "
            "a un grupo porque el análisis de género mostró la necesidad?",
        ),
        ("", "", ""),
    ),
    (
        "iom",
        "not_applicable",
        (
            "The project has no affected population (purely internal or technical work).",
            "Le projet n’a pas de population concernée (travail purement interne ou "
            "technique).",
            "El proyecto no tiene población afectada (trabajo puramente interno o técnico).",
        ),
        (
            "Choose this only when no person outside the organization is reached.",
            "À choisir seulement si le projet n’atteint personne en dehors de l’organisation.",
            "Elíjalo solo si el proyecto no llega a ninguna persona fuera de la organización.",
        ),
    ),
    (
        "iom",
        "not_applicable_reason",
        (
            "Why does the project have no affected population?",
            "Pourquoi le projet n’a-t-il pas de population concernée ?",
            "¿Por qué el proyecto no tiene población afectada?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "A",
        (
            "A. Gender analysis: is there an analysis of the different needs of women, men, "
            "girls and boys of different ages?",
            "A. Analyse de genre : les besoins différents des femmes, des hommes, des filles et "
            "des garçons de différents âges sont-ils analysés ?",
            "A. Análisis de género: ¿se analizan las necesidades distintas de mujeres, hombres, "
            "niñas y niños de diferentes edades?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "B",
        (
            "B. Targeting: are the people reached chosen according to that analysis?",
            "B. Ciblage : les personnes atteintes sont-elles choisies selon cette analyse ?",
            "B. Focalización: ¿se elige a las personas alcanzadas según ese análisis?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "C",
        (
            "C. Data: are data collected and used by sex and age?",
            "C. Données : les données sont-elles collectées et utilisées par sexe et par âge ?",
            "C. Datos: ¿se recogen y usan datos por sexo y edad?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "D",
        (
            "D. Tailored activities: do activities answer the needs the analysis found?",
            "D. Activités adaptées : les activités répondent-elles aux besoins relevés par "
            "l’analyse ?",
            "D. Actividades adaptadas: ¿responden las actividades a las necesidades que halló "
            "el análisis?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "E",
        (
            "E. Protection: are risks of gender-based violence identified and reduced?",
            "E. Protection : les risques de violence fondée sur le genre sont-ils repérés et "
            "réduits ?",
            "E. Protección: ¿se identifican y reducen los riesgos de violencia de género?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "F",
        (
            "F. Coordination: does the project work with others on gender and age?",
            "F. Coordination : le projet travaille-t-il avec d’autres acteurs sur le genre et "
            "l’âge ?",
            "F. Coordinación: ¿el proyecto trabaja con otros actores sobre género y edad?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "G",
        (
            "G. Influence: do women, men, girls and boys influence how the project is run?",
            "G. Influence : les femmes, les hommes, les filles et les garçons influencent-ils "
            "la conduite du projet ?",
            "G. Influencia: ¿mujeres, hombres, niñas y niños influyen en cómo se lleva el "
            "proyecto?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "H",
        (
            "H. Feedback and complaints: can each group give feedback safely and get an answer?",
            "H. Retours et plaintes : chaque groupe peut-il s’exprimer en sécurité et obtenir "
            "une réponse ?",
            "H. Opiniones y quejas: ¿cada grupo puede opinar con seguridad y recibir respuesta?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "I",
        (
            "I. Transparency: do people know what the project offers and how to reach it?",
            "I. Transparence : les personnes savent-elles ce que le projet offre et comment y "
            "accéder ?",
            "I. Transparencia: ¿las personas saben qué ofrece el proyecto y cómo acceder?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "J",
        (
            "J. Benefits: do women, men, girls and boys receive the benefits planned for them?",
            "J. Bénéfices : les femmes, les hommes, les filles et les garçons reçoivent-ils les "
            "bénéfices prévus pour eux ?",
            "J. Beneficios: ¿mujeres, hombres, niñas y niños reciben los beneficios previstos?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "K",
        (
            "K. Satisfaction: are the groups reached satisfied with what they received?",
            "K. Satisfaction : les groupes atteints sont-ils satisfaits de ce qu’ils ont reçu ?",
            "K. Satisfacción: ¿los grupos alcanzados están satisfechos con lo recibido?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "L",
        (
            "L. Project problems: are problems found for any group addressed?",
            "L. Problèmes du projet : les problèmes relevés pour un groupe sont-ils traités ?",
            "L. Problemas del proyecto: ¿se atienden los problemas detectados para algún grupo?",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "targeted",
        (
            "Does the project target a group because the gender analysis showed the need?",
            "Le projet cible-t-il un groupe parce que l’analyse de genre en a montré le besoin ?",
            "¿El proyecto se dirige a un grupo porque el análisis de género mostró la necesidad?",
        ),
        (
            "Yes gives the suffix T (targeted); no gives M (mainstreamed).",
            "Oui donne le suffixe T (ciblé) ; non donne M (intégré).",
            "Sí da el sufijo T (focalizado); no da M (transversal).",
        ),
    ),
    (
        "gam",
        "not_applicable",
        (
            "The project has no contact with affected people and no influence on what is "
            "delivered or how.",
            "Le projet n’a aucun contact avec les personnes concernées et aucune influence sur "
            "ce qui est fourni ni sur la manière.",
            "El proyecto no tiene contacto con las personas afectadas ni influye en qué se "
            "entrega ni cómo.",
        ),
        ("", "", ""),
    ),
    (
        "gam",
        "not_applicable_reason",
        (
            "Why does the marker not apply?",
            "Pourquoi le marqueur ne s’applique-t-il pas ?",
            "¿Por qué no se aplica el marcador?",
        ),
        ("", "", ""),
    ),
    (
        "dac",
        "screened",
        (
            "Has the project been screened against the gender equality policy marker?",
            "Le projet a-t-il été examiné au regard du marqueur de politique d’égalité des "
            "genres ?",
            "¿Se ha examinado el proyecto según el marcador de política de igualdad de género?",
        ),
        (
            "Leave unticked if nobody has checked it yet: that is “not screened”, not 0.",
            "Laissez décoché si personne ne l’a encore vérifié : c’est « non examiné », pas 0.",
            "Déjelo sin marcar si nadie lo ha revisado: es «no examinado», no 0.",
        ),
    ),
    (
        "dac",
        "gender_analysis",
        (
            "Did a gender analysis inform the design?",
            "Une analyse de genre a-t-elle éclairé la conception ?",
            "¿Un análisis de género orientó el diseño?",
        ),
        ("", "", ""),
    ),
    (
        "dac",
        "do_no_harm",
        (
            "Has the project checked that it does no harm and does not reinforce gender "
            "inequalities?",
            "Le projet a-t-il vérifié qu’il ne cause pas de tort et ne renforce pas les "
            "inégalités de genre ?",
            "¿El proyecto ha comprobado que no causa daño ni refuerza desigualdades de género?",
        ),
        ("", "", ""),
    ),
    (
        "dac",
        "gender_objective",
        (
            "Is there at least one explicit gender equality objective?",
            "Y a-t-il au moins un objectif explicite d’égalité des genres ?",
            "¿Hay al menos un objetivo explícito de igualdad de género?",
        ),
        ("", "", ""),
    ),
    (
        "dac",
        "gender_indicator",
        (
            "Is that objective backed by a gender-specific indicator?",
            "Cet objectif est-il assorti d’un indicateur propre au genre ?",
            "¿Ese objetivo tiene un indicador específico de género?",
        ),
        ("", "", ""),
    ),
    (
        "dac",
        "sex_disaggregated_data",
        (
            "Are data disaggregated by sex where they concern people?",
            "Les données sont-elles ventilées par sexe lorsqu’elles concernent des personnes ?",
            "¿Los datos se desglosan por sexo cuando se refieren a personas?",
        ),
        ("", "", ""),
    ),
    (
        "dac",
        "commitment_to_report",
        (
            "Does the project commit to report on its gender equality results?",
            "Le projet s’engage-t-il à rendre compte de ses résultats en matière d’égalité des "
            "genres ?",
            "¿El proyecto se compromete a informar sobre sus resultados de igualdad de género?",
        ),
        ("", "", ""),
    ),
    (
        "dac",
        "principal_objective",
        (
            "Is gender equality the top-level objective of the project?",
            "L’égalité des genres est-elle l’objectif de plus haut niveau du projet ?",
            "¿La igualdad de género es el objetivo de más alto nivel del proyecto?",
        ),
        ("", "", ""),
    ),
    (
        "dac",
        "would_not_exist_without",
        (
            "Would the project not exist without that objective?",
            "Le projet n’existerait-il pas sans cet objectif ?",
            "¿El proyecto no existiría sin ese objetivo?",
        ),
        ("", "", ""),
    ),
]


def add_questions(apps, schema_editor):
    MarkerQuestion = apps.get_model("markers", "MarkerQuestion")
    for order, (scheme, key, text, help_text) in enumerate(QUESTIONS):
        MarkerQuestion.objects.update_or_create(
            scheme=scheme,
            key=key,
            defaults={
                "text_en": text[0],
                "text_fr": text[1],
                "text_es": text[2],
                "help_en": help_text[0],
                "help_fr": help_text[1],
                "help_es": help_text[2],
                "order": order,
            },
        )


def remove_questions(apps, schema_editor):
    MarkerQuestion = apps.get_model("markers", "MarkerQuestion")
    for scheme, key, _text, _help in QUESTIONS:
        MarkerQuestion.objects.filter(scheme=scheme, key=key).delete()


class Migration(migrations.Migration):
    dependencies = [("markers", "0001_initial")]

    operations = [migrations.RunPython(add_questions, remove_questions)]
