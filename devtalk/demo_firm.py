"""The demo firm's cast: a coachwork builder of fifteen people, in plain data.

Kept apart from the code that writes it (devtalk.services.demo) so the story can be read
on its own: who works where, who leads whom, who signs in with which demo account.
"""

from __future__ import annotations

FIRM_NAME = "Carrosseriebouw De Vries"
PASSWORD = "demo"

FUNCTIONS = {
    "plaatwerker": ("Plaatwerker", "Maakt plaatdelen voor opbouwen en aanhangers: tekening lezen, knippen, kanten, zetten en samenbouwen op maat."),
    "lasser": ("Lasser", "Last staal, rvs en aluminium (MIG/MAG en TIG) volgens tekening en lasmethodebeschrijving, met aandacht voor vervorming."),
    "spuiter": ("Spuiter", "Bereidt oppervlakken voor en spuit grond-, vul- en aflak in de spuitcabine; herstelt lakfouten en werkt veilig met 2K-producten."),
    "monteur": ("Monteur", "Monteert hydrauliek, pneumatiek, verlichting en laadkleppen en levert het voertuig wegklaar en gecontroleerd af."),
}

# (username, name, function, manager username, roles, language)
PEOPLE = (
    ("directeur", "Henk de Vries", None, None, ("employee", "manager"), "nl"),
    ("hr", "Ingrid Bakker", None, "directeur", ("employee", "hr_admin"), "nl"),
    ("manager", "Marco Jansen", "lasser", "directeur", ("employee", "manager"), "nl"),
    ("svisser", "Sandra Visser", "spuiter", "directeur", ("employee", "manager"), "nl"),
    ("employee", "Daan Smit", "plaatwerker", "manager", ("employee",), "nl"),
    ("kmulder", "Kees Mulder", "lasser", "manager", ("employee",), "nl"),
    ("ayilmaz", "Ahmet Yılmaz", "lasser", "manager", ("employee",), "nl"),
    ("pnowak", "Piotr Nowak", "plaatwerker", "manager", ("employee",), "en"),
    ("bdeboer", "Bram de Boer", "plaatwerker", "manager", ("employee",), "nl"),
    ("jhendriks", "Jan Hendriks", "lasser", "manager", ("employee",), "nl"),
    ("lmeijer", "Lisa Meijer", "spuiter", "svisser", ("employee",), "nl"),
    ("rbos", "Ruud Bos", "spuiter", "svisser", ("employee",), "nl"),
    ("felamrani", "Fatima El Amrani", "monteur", "svisser", ("employee",), "nl"),
    ("tkuipers", "Tom Kuipers", "monteur", "svisser", ("employee",), "nl"),
    ("wvandijk", "Wim van Dijk", "monteur", "svisser", ("employee",), "nl"),
)

# The current round shows every state a conversation can be in; the demo `employee`
# (Daan) has just started filling in.
CURRENT_STATES = {
    "employee": "open",
    "kmulder": "employee_submitted",
    "ayilmaz": "manager_submitted",
    "pnowak": "ready",
    "bdeboer": "held",
    "jhendriks": "reported",
    "lmeijer": "acknowledged",
    "rbos": "ready",
    "felamrani": "open",
    "tkuipers": "employee_submitted",
    "wvandijk": "reported",
    "manager": "ready",
    "svisser": "open",
    "hr": "open",
}

OPEN_ANSWERS = {
    "energy": (
        "Als een lastige klus in één keer goed past. Dan ben ik echt tevreden.",
        "Samen met de jongens een opbouw afmaken en zien dat de klant blij is.",
        "Nieuwe dingen uitzoeken, zoals het aluminium lassen vorig jaar.",
        "Rustig kunnen doorwerken zonder dat er steeds iets tussendoor komt.",
        "Jonge collega's iets leren. Dat geeft me energie.",
    ),
    "learning_wish": (
        "Beter worden in TIG-lassen van rvs, vooral dunne plaat.",
        "Ik wil leren programmeren op de kantbank.",
        "Meer weten van hydrauliek en storingen zoeken.",
        "Kleur mengen en kleurverschil beter kunnen beoordelen.",
        "Tekeningen in 3D kunnen lezen op de computer.",
    ),
    "learning_style": (
        "Door het te doen, met iemand naast me die het kan.",
        "Eerst kijken hoe een ervaren collega het doet, dan zelf proberen.",
        "Een korte cursus en daarna veel oefenen in de werkplaats.",
    ),
    "support_needed": (
        "Tijd om te oefenen, ook als het druk is.",
        "Dat je af en toe vraagt hoe het gaat.",
        "Duidelijkheid over de planning van de week.",
    ),
    "other": (
        "Het gereedschap in hal 2 is aan vervanging toe.",
        "Goed dat we dit gesprek elk jaar hebben.",
        "Ik zou graag een keer meelopen met de werkvoorbereiding.",
    ),
}

ACTIONS = (
    ("walk_along", "Twee dagen meelopen met Jan bij het aluminium lassen"),
    ("course", "Cursus TIG-lassen rvs (2 dagen, opleidingsfonds)"),
    ("on_the_job", "Instructie kantbank-programma door de leverancier"),
    ("mentor", "Bram koppelen aan een ervaren plaatwerker als maatje"),
    ("job_rotation", "Een maand in de spuiterij meedraaien"),
    ("reading", "Vakblad Metaal & Techniek bijhouden, elke maand één artikel bespreken"),
    ("coaching", "Maandelijks kort gesprek over planning en werkdruk"),
    ("task_enrichment", "Zelf de eindcontrole doen van eigen opbouwen"),
)

REPORT_SUMMARIES = (
    "Goed gesprek. We zien allebei dat het vakwerk sterk is; de groei zit in het zelfstandig oplossen van problemen.",
    "Open gesprek over energie en werkdruk. Afgesproken om leren meer in de gewone werkweek in te plannen.",
    "We verschilden van mening over het lezen van tekeningen; na doorpraten blijkt het vooral om 3D-tekeningen te gaan.",
)
