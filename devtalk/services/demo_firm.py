"""The demo firm's cast: a coachwork builder of sixteen people, in plain data.

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

# The work mentor asked for input on Daan's open conversation (devtalk.services.demo_third_voice),
# in PEOPLE's shape. Added after the rounds are written, so everyone else's demo answers stay as they were.
THIRD_VOICE_MENTOR = ("collega", "Gerrit Kok", None, None, ("employee",), "nl")
# Colleagues who already gave input on Piotr's conversation, where both sides are in: the comparison
# shows their average. (username of the conversation's employee, the colleagues' usernames)
THIRD_VOICE_GIVEN = ("pnowak", ("bdeboer", "kmulder", "jhendriks"))
THIRD_VOICE_TEXTS = (
    "Werkt netjes en vraagt door als een tekening niet klopt.",
    "Kan nog leren om eerder hulp te vragen als het vastloopt.",
    "Helpt nieuwe mensen graag op weg aan de kantbank.",
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

# Each open question's demo answers, by item id and side, so every answer is one a person would
# give to that very question. A pool under job function codes is for people in that function
# (None: people without one). The look back on last year's agreements is written from the
# person's own earlier actions instead (LOOKING_BACK).
OPEN_ANSWERS = {
    "terugblik-trots": {
        "employee": {
            "plaatwerker": ("De kipperbak voor Van Dam: alles paste in één keer.",
                            "Het zetwerk voor de nieuwe laadbakken, zonder één afgekeurd deel.",
                            "Dat ik de uitslag van de trechter zelf heb uitgerekend."),
            "lasser": ("Het aluminium frame van de bakwagen; geen enkele las afgekeurd.",
                       "De rvs-tank voor de melkwagen, mooi strak gelast.",
                       "Dat de nieuwe jongen nu zelf kan hechten."),
            "spuiter": ("De oldtimerbus in de originele kleur; de klant zag geen verschil.",
                        "Minder overspray sinds ik het pistool anders instel.",
                        "Het herstelwerk aan de koelwagen, op tijd klaar."),
            "monteur": ("De laadklep van de bakwagen in één dag gemonteerd en afgesteld.",
                        "Dat ik de storing in de EBS zelf heb gevonden.",
                        "De eerste trekker met oplegger helemaal wegklaar afgeleverd."),
            None: ("Dat de gespreksronde dit jaar op tijd rond was.",
                   "Het inwerkprogramma voor nieuwe collega's."),
        },
        "manager": ("Het werk is netjes en op tijd; daar kunnen we op bouwen.",
                    "Dat er zelf wordt nagedacht als iets niet klopt.",
                    "De hulp aan nieuwe collega's."),
    },
    "energie": {
        "employee": ("Als een lastige klus in één keer goed past. Dan ben ik echt tevreden.",
                     "Samen met de jongens een opbouw afmaken en zien dat de klant blij is.",
                     "Nieuwe dingen uitzoeken, zoals een techniek die ik nog niet ken.",
                     "Jonge collega's iets leren.",
                     "Een klus van begin tot eind zelf doen."),
        "manager": ("Van lastige klussen waar nagedacht moet worden.",
                    "Van een klus van begin tot eind zelf doen.",
                    "Van anderen iets uitleggen."),
    },
    "energie-genoeg": {
        "employee": ("Ja, meestal wel.",
                     "Niet genoeg: het is nu vooral seriewerk.",
                     "Soms. Als het druk is, blijft er weinig van over.",
                     "Ja, sinds ik meer eigen klussen krijg."),
        "manager": ("Redelijk; in drukke weken minder.",
                    "Te weinig; daar wil ik iets aan doen.",
                    "Ja, volgens mij wel."),
    },
    "energie-kost": {
        "employee": ("Steeds onderbroken worden voor spoedklussen.",
                     "Zoeken naar gereedschap dat niet op zijn plek ligt.",
                     "Onduidelijke tekeningen waar ik steeds over moet bellen.",
                     "Lang achter elkaar hetzelfde werk."),
        "manager": ("De spoedklussen tussendoor.",
                    "Wachten op materiaal of op een tekening.",
                    "Veel hetzelfde werk achter elkaar."),
    },
    "leerwens": {
        "employee": {
            "plaatwerker": ("Ik wil leren programmeren op de kantbank.",
                            "Tekeningen in 3D kunnen lezen op de computer.",
                            "Beter worden in het walsen van dikke plaat."),
            "lasser": ("Beter worden in TIG-lassen van rvs, vooral dunne plaat.",
                       "Aluminium lassen zonder vervorming.",
                       "Mijn lascertificaat halen."),
            "spuiter": ("Kleur mengen en kleurverschil beter kunnen beoordelen.",
                        "Werken met waterbasislak.",
                        "Kleine schades bijwerken zonder het hele paneel over te spuiten."),
            "monteur": ("Meer weten van hydrauliek en storingen zoeken.",
                        "De elektrische schema's van de nieuwe trailers lezen.",
                        "EBS-remsystemen uitlezen en afstellen."),
            None: ("Meer weten over het arbeidsrecht bij ziekte.",
                   "Beter leren werken met de planning in Excel."),
        },
        "manager": {
            "plaatwerker": ("Het programmeren van de kantbank.", "3D-tekeningen lezen."),
            "lasser": ("TIG-lassen van rvs.", "Het lascertificaat aluminium."),
            "spuiter": ("Kleur mengen en kleurmeting.", "Spot repair."),
            "monteur": ("Storingen zoeken in hydrauliek.", "Voertuigelektra."),
            None: ("Het verzuim beter bijhouden.",),
        },
    },
    "hoe-leren": {
        "employee": ("Door het te doen, met iemand naast me die het kan.",
                     "Eerst kijken hoe een ervaren collega het doet, dan zelf proberen.",
                     "Een korte cursus en daarna veel oefenen in de werkplaats.",
                     "Als iemand het één keer goed uitlegt, en dan zelf doen."),
        "manager": ("Door het zelf te doen, met een ervaren collega erbij.",
                    "Met een korte cursus en oefenen in de werkplaats."),
    },
    "nodig-van-leidinggevende": {
        "employee": ("Tijd om te oefenen, ook als het druk is.",
                     "Dat je af en toe vraagt hoe het gaat.",
                     "Duidelijkheid over de planning van de week.",
                     "Dat ik een keer mee mag naar een klant."),
        "manager": ("Tijd inplannen om te oefenen.",
                    "Elke maand even vragen hoe het gaat.",
                    "Een ervaren collega als maatje regelen."),
    },
    "meelopen-rouleren": {
        "employee": ("Ik zou graag een keer meelopen met de werkvoorbereiding.",
                     "Ja, een paar dagen in de spuiterij lijkt me leerzaam.",
                     "Ik wil best een nieuwe collega inwerken.",
                     "Nee, ik zit goed op mijn plek."),
        "manager": ("Meelopen met de werkvoorbereiding zou goed passen.",
                    "Een nieuwe collega inwerken, dat kan goed."),
    },
    "over-een-paar-jaar": {
        "employee": ("Hetzelfde werk, maar met meer eigen klussen.",
                     "Misschien voorman van de hal.",
                     "In de werkvoorbereiding.",
                     "Nog steeds hier, met een certificaat op zak."),
        "manager": ("Een vaste kracht die anderen kan inwerken.",
                    "Doorgroeien naar voorman zit erin."),
    },
    "verder-nog": {
        "employee": ("Het gereedschap in hal 2 is aan vervanging toe.",
                     "Goed dat we dit gesprek elk jaar hebben.",
                     "De kantine mag wel een opknapbeurt."),
        "manager": ("Fijn dat het zo goed loopt.",
                    "Laten we over een half jaar even bijpraten."),
    },
}

# "What came of last year's agreements?": one line per action agreed last year, by its status.
LOOKING_BACK_ITEM = "terugblik-afspraken"
LOOKING_BACK = {
    "open": "{what}: daar ben ik nog niet aan toegekomen.",
    "in_progress": "{what}: daar ben ik nog mee bezig.",
    "done": "{what}: gedaan, en dat hielp.",
    "dropped": "{what}: is er niet van gekomen, het was te druk.",
}

# How an action looked back on is rated in that conversation, so the rating says what the person wrote.
HELPED_BY_STATUS = {"done": "helped", "in_progress": "partly"}


def open_answers(item_id: str, side: str, function_id: str | None) -> tuple[str, ...]:
    """The answers a person in this job function could give to this open question on this side."""
    pool = OPEN_ANSWERS.get(item_id, {}).get(side, ())
    return pool.get(function_id, pool.get(None, ())) if isinstance(pool, dict) else pool


# Each person's own follow-up actions: (kind, what, status) by how many years ago they were agreed
# (0: the current round, for the conversations reported in it; those are still open). No two people
# share an action; Kees agreed his TIG course again after it fell through.
ACTIONS = {
    "hr": {2: (("course", "Cursus verzuimbegeleiding (1 dag)", "done"),
               ("peer_consultation", "Intervisie met HR-collega's uit de regio, vier keer per jaar", "in_progress")),
           1: (("reading", "Nieuwsbrief arbeidsrecht bijhouden en het personeelshandboek bijwerken", "done"),
               ("task_enrichment", "Het inwerkprogramma voor nieuwe collega's opzetten", "done"))},
    "manager": {2: (("course", "Training leidinggeven aan een team in de werkplaats", "done"),
                    ("coaching", "Elk kwartaal een gesprek met Henk over de planning van de hal", "done")),
                1: (("mentor", "Een leidinggevende van een andere carrosseriebouwer als klankbord", "in_progress"),
                    ("task_enrichment", "Zelf de weekplanning van de lasafdeling maken", "done"))},
    "svisser": {2: (("course", "Cursus werken met waterbasislak", "done"),
                    ("on_the_job", "Instructie van de nieuwe spuitcabine door de leverancier", "done")),
                1: (("peer_consultation", "Met de spuiterij van een collega-bedrijf overleggen over kleurmeting", "dropped"),
                    ("coaching", "Maandelijks kort gesprek met Henk over de werkdruk in de spuiterij", "in_progress"))},
    "employee": {2: (("walk_along", "Twee dagen meelopen met Jan bij het aluminium lassen", "done"),
                     ("on_the_job", "Uitleg van Bram over het walsen van dikke plaat", "done")),
                 1: (("course", "Cursus 3D-tekeningen lezen (2 dagen, opleidingsfonds)", "in_progress"),
                     ("task_enrichment", "Zelf de maten van eigen plaatwerk controleren met het meetrapport", "done"))},
    "kmulder": {2: (("course", "Cursus TIG-lassen rvs (2 dagen, opleidingsfonds)", "dropped"),
                    ("reading", "De lasmethodebeschrijvingen van nieuwe opdrachten doorlezen", "done")),
                1: (("course", "Cursus TIG-lassen rvs (2 dagen, opleidingsfonds)", "done"),
                    ("walk_along", "Een dag meelopen met de werkvoorbereiding", "in_progress"))},
    "ayilmaz": {2: (("on_the_job", "Instructie van het nieuwe lasapparaat door de leverancier", "done"),
                    ("task_enrichment", "Zelf de lasnaden visueel keuren voor de eindcontrole", "done")),
                1: (("course", "Lascertificaat aluminium halen", "in_progress"),
                    ("mentor", "Maatje zijn van de nieuwe leerling-lasser", "done"))},
    "pnowak": {2: (("course", "Cursus Nederlands op de werkvloer", "done"),
                   ("walk_along", "Meelopen met Daan aan de kantbank", "done")),
               1: (("on_the_job", "Instructie kantbank-programma door de leverancier", "done"),
                   ("task_enrichment", "De werkinstructies van de kantbank in het Engels zetten", "in_progress"))},
    "bdeboer": {2: (("mentor", "Daan als maatje in het eerste jaar", "done"),
                    ("on_the_job", "Leren werken met de kantbank, met uitleg van Piotr", "done")),
                1: (("job_rotation", "Een maand in de spuiterij meedraaien", "dropped"),
                    ("course", "Cursus plaatwerk tekenen en uitslagen", "done"))},
    "jhendriks": {2: (("course", "Cursus lasinspectie niveau 1", "done"),
                      ("task_enrichment", "Lasmethodebeschrijvingen voor aluminium opstellen", "done")),
                  1: (("mentor", "Leermeester van de nieuwe leerling-lasser", "in_progress"),
                      ("reading", "Vakblad Lastechniek bijhouden, elke maand één artikel bespreken", "done")),
                  0: (("course", "Cursus robotlassen (3 dagen)", "open"),)},
    "lmeijer": {2: (("course", "Cursus kleur mengen en kleurmeting", "done"),
                    ("walk_along", "Een dag meelopen bij de lakleverancier", "done")),
                1: (("on_the_job", "Kleine schades bijwerken oefenen met Ruud", "in_progress"),
                    ("task_enrichment", "Zelf de kleurstalen van nieuwe klanten beheren", "done")),
                0: (("course", "Cursus spot repair (2 dagen)", "open"),)},
    "rbos": {2: (("coaching", "Maandelijks kort gesprek over planning en werkdruk", "done"),
                 ("on_the_job", "Uitleg van Sandra over het instellen van het HVLP-pistool", "done")),
             1: (("course", "Cursus veilig werken met 2K-producten", "done"),
                 ("job_rotation", "Twee weken meedraaien bij de montage", "dropped"))},
    "felamrani": {2: (("course", "Cursus hydrauliek (basis)", "done"),
                      ("walk_along", "Meelopen met Wim bij het afleveren", "done")),
                  1: (("course", "Cursus hydrauliek: storingen zoeken", "in_progress"),
                      ("on_the_job", "Instructie van de EBS-uitleessoftware door de leverancier", "done"))},
    "tkuipers": {2: (("on_the_job", "Uitleg van Wim over het aansluiten van laadkleppen", "done"),
                     ("reading", "De montagehandleidingen van de nieuwe laadkleppen doornemen", "done")),
                 1: (("course", "Cursus voertuigelektra 24 volt", "done"),
                     ("task_enrichment", "Zelf de eindcontrole doen van eigen opbouwen", "in_progress"))},
    "wvandijk": {2: (("mentor", "Tom inwerken bij de montage", "done"),
                     ("course", "Cursus RDW-keuringseisen voor opbouwen", "done")),
                 1: (("peer_consultation", "Met de montagechefs van twee dealers de afleverfouten bespreken", "done"),
                     ("task_enrichment", "De afleverchecklist voor wegklare voertuigen opstellen", "done")),
                 0: (("walk_along", "Een week meelopen met de werkvoorbereiding", "open"),)},
}

# A report's summary: an opening, then a sentence on the subjects of its first agenda points (in
# quotes), grouped by kind, so a summary only ever talks about what was on its agenda.
SUMMARY_OPENINGS = (
    "Goed en open gesprek.",
    "Goed gesprek over het afgelopen jaar en wat er komt.",
    "Fijn gesprek, met tijd voor de punten die ertoe doen.",
)
SUMMARY_SENTENCES = {
    "gap": "Bij {subjects} zagen we het verschillend; na doorpraten is duidelijk waar dat zit.",
    "na_one_side": "Of {subjects} bij het werk hoort, zagen we verschillend; dat is nu duidelijk.",
    "both_low": "Bij {subjects} zien we allebei nog ruimte om te groeien.",
    "energy": "Over {subjects} hebben we lang doorgepraat.",
    "learning_wish": "Bij {subjects} hebben we onze antwoorden naast elkaar gelegd.",
    "action_review": "We keken terug op {subjects}.",
}
SUMMARY_POINTS = 3

# Certificates, in every status on the day the demo is loaded: (username, type, number, issued
# so many days ago, expires in so many days; None: as the type says). Daan's expired VCA opens his
# agenda; Ahmet lacks the welder's qualification his function requires; in Marco's team only Jan
# holds a valid BHV against a minimum of 2 (a single point of failure on the skills matrix).
CERTIFICATES = (
    ("manager", "VCA Basis", "VCA-2019-04411", 2100, None),
    ("manager", "Lasserskwalificatie EN ISO 9606", "9606-1 135 P BW 1.1", 1055, 40),
    ("employee", "VCA Basis", "VCA-2016-17302", 3665, -12),
    ("kmulder", "VCA Basis", "VCA-2021-00893", 1500, None),
    ("kmulder", "Lasserskwalificatie EN ISO 9606", "9606-1 141 T BW 8", 400, None),
    ("kmulder", "BHV", "BHV-22871", 400, -35),
    ("ayilmaz", "VCA Basis", "VCA-2023-11820", 800, None),
    ("pnowak", "VCA Basis", "VCA-2016-20117", 3590, 60),
    ("pnowak", "Heftruck", "HT-5521", 300, None),
    ("bdeboer", "VCA Basis", "VCA-2022-03318", 1200, None),
    ("bdeboer", "Hoogwerker", "HW-1187", 500, None),
    ("jhendriks", "VCA Basis", "VCA-2020-07745", 1800, None),
    ("jhendriks", "Lasserskwalificatie EN ISO 9606", "9606-2 131 P FW 23", 600, None),
    ("jhendriks", "BHV", "BHV-23990", 200, None),
    ("jhendriks", "EHBO", "EHBO-77120", 710, 20),
    ("directeur", "VCA VOL", "VOL-2020-0412", 1900, None),
    ("svisser", "VCA Basis", "VCA-2018-10356", 2600, None),
    ("lmeijer", "VCA Basis", "VCA-2021-05512", 1400, None),
    ("rbos", "VCA Basis", "VCA-2019-09981", 2300, None),
    ("tkuipers", "VCA Basis", "VCA-2022-01744", 1000, None),
    ("tkuipers", "NEN 3140 (VOP)", "NEN-3140-8812", 700, None),
    ("wvandijk", "VCA Basis", "VCA-2020-02210", 1700, None),
    ("wvandijk", "NEN 3140 (VOP)", "NEN-3140-6120", 1100, -5),
    ("hr", "BHV", "BHV-24410", 150, None),
    ("hr", "EHBO", "EHBO-80233", 300, None),
)
# (manager username, type, people): how many of the team must hold it.
CERTIFICATE_MINIMUMS = (("manager", "BHV", 2), ("svisser", "VCA Basis", 3))
