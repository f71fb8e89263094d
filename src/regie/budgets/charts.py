"""The charts of accounts Regie ships: categories, accounts, globals and starter lines per kind.

A chart is plain data (the structure `services.create_budget` reads, the same as a template an
organisation saves from a budget). Names are translated when a budget is made from a chart, in
the language of the person making it. Fringes name a Belgian default (`DefaultFringe`); their
rate is the dated setting in force on the day the budget is made, never a number in this file.
Starter lines carry indicative Belgian rates (2025) to overwrite.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.budgets.models import DefaultFringe
from regie.productions.models import Kind

Structure = dict[str, Any]

SS, ARTIST, HOLIDAY = DefaultFringe.EMPLOYER_SS, DefaultFringe.ARTIST_SS, DefaultFringe.HOLIDAY_PAY


def _line(
    description: Any,
    quantity: str,
    unit: str,
    rate: str,
    *fringes: str,
    multiplier: str = "1",
    phase: str = "production",
) -> dict[str, Any]:
    return {
        "description": description,
        "quantity": quantity,
        "unit": unit,
        "multiplier": multiplier,
        "rate": rate,
        "currency": "",
        "phase": phase,
        "fringes": list(fringes),
        "notes": "",
    }


def _account(code: str, name: Any, *lines: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "name": name, "lines": list(lines)}


def _category(code: str, name: Any, *accounts: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "name": name, "accounts": list(accounts)}


def _global(name: str, expression: str, description: Any) -> dict[str, Any]:
    return {"name": name, "expression": expression, "description": description}


def _chart(
    label: Any, globals_: list[dict[str, Any]], fringes: list[str], categories: list[dict[str, Any]], **bottom: str
) -> Structure:
    return {
        "label": label,
        "globals": globals_,
        "fringes": [{"default": code} for code in fringes],
        "categories": categories,
        "contingency_percent": bottom.get("contingency", "10"),
        "overhead_percent": bottom.get("overhead", "7"),
        "insurance_percent": bottom.get("insurance", "1.5"),
        "vat_percent": "21",
        "vat_recoverable": True,
    }


THEATRE = _chart(
    _("Theatre creation with tour"),
    [
        _global("REHEARSAL_WEEKS", "6", _("Weeks of rehearsal")),
        _global("PERFORMANCES", "20", _("Performances, premiere and tour")),
        _global("TOUR_DAYS", "PERFORMANCES + 4", _("Days on the road, travel days included")),
        _global("CAST_SIZE", "5", _("Performers")),
        _global("CREW_SIZE", "3", _("Technicians on tour")),
    ],
    [SS, ARTIST, HOLIDAY, DefaultFringe.PC304_RISK],
    [
        _category(
            "10",
            _("Artistic team"),
            _account(
                "10.01",
                _("Direction and dramaturgy"),
                _line(_("Director, creation fee"), "1", "flat", "9000", phase="pre_production"),
            ),
            _account(
                "10.02",
                _("Scenography, costumes and lighting design"),
                _line(_("Scenographer, fee"), "1", "flat", "6000", phase="pre_production"),
            ),
        ),
        _category(
            "20",
            _("Performers"),
            _account(
                "20.01",
                _("Rehearsals"),
                _line(
                    _("Performers, rehearsal weeks"),
                    "REHEARSAL_WEEKS",
                    "week",
                    "850",
                    ARTIST,
                    HOLIDAY,
                    multiplier="CAST_SIZE",
                    phase="pre_production",
                ),
            ),
            _account(
                "20.02",
                _("Performances"),
                _line(
                    _("Performers, per performance"),
                    "PERFORMANCES",
                    "performance",
                    "220",
                    ARTIST,
                    HOLIDAY,
                    multiplier="CAST_SIZE",
                ),
            ),
        ),
        _category(
            "30",
            _("Technical team"),
            _account(
                "30.01",
                _("Technical direction"),
                _line(_("Technical director"), "REHEARSAL_WEEKS + 2", "week", "1100", SS, phase="pre_production"),
            ),
            _account(
                "30.02",
                _("Technicians on tour"),
                _line(_("Technicians, tour days"), "TOUR_DAYS", "day", "230", SS, multiplier="CREW_SIZE"),
            ),
        ),
        _category(
            "40",
            _("Set, costumes and props"),
            _account(
                "40.01",
                _("Set construction"),
                _line(_("Materials and workshop"), "1", "flat", "12000", phase="pre_production"),
            ),
            _account(
                "40.02",
                _("Costumes and make-up"),
                _line(_("Costume materials"), "CAST_SIZE", "person", "400", phase="pre_production"),
            ),
            _account("40.03", pgettext_lazy("theatre", "Props")),
        ),
        _category(
            "50",
            _("Rehearsal space and technical equipment"),
            _account(
                "50.01",
                _("Rehearsal studio"),
                _line(_("Studio rent"), "REHEARSAL_WEEKS", "week", "600", phase="pre_production"),
            ),
            _account("50.02", _("Light, sound and video rental")),
        ),
        _category(
            "60",
            _("Tour"),
            _account("60.01", _("Transport of people"), _line(_("Van, per km"), "TOUR_DAYS * 180", "km", "0.4326")),
            _account("60.02", _("Transport of the set"), _line(_("Truck with driver"), "TOUR_DAYS", "day", "450")),
            _account(
                "60.03",
                _("Accommodation and per diems"),
                _line(_("Per diem"), "TOUR_DAYS", "day", "35", multiplier="CAST_SIZE + CREW_SIZE"),
            ),
        ),
        _category(
            "70",
            _("Communication and distribution"),
            _account("70.01", _("Photos, trailer and printed matter")),
            _account("70.02", _("Distribution and touring office")),
        ),
        _category(
            "80",
            _("Rights and general costs"),
            _account("80.01", _("Author's and music rights (SABAM)")),
            _account("80.02", _("Production administration")),
        ),
    ],
    overhead="8",
)

FEATURE_FILM = _chart(
    _("Feature film"),
    [
        _global("PREP_WEEKS", "8", _("Weeks of preparation")),
        _global("SHOOT_DAYS", "30", _("Shooting days")),
        _global("SHOOT_WEEKS", "SHOOT_DAYS / 5", _("Shooting weeks")),
        _global("CREW_SIZE", "35", _("Crew on set")),
        _global("EDIT_WEEKS", "14", _("Weeks of editing")),
    ],
    [SS, ARTIST, HOLIDAY],
    [
        _category(
            "01",
            _("Story and rights"),
            _account(
                "01.01", _("Screenplay"), _line(_("Screenwriter, fee"), "1", "flat", "35000", phase="pre_production")
            ),
            _account("01.02", _("Rights acquisition")),
        ),
        _category(
            "02",
            _("Producer and director"),
            _account("02.01", _("Producer's fee")),
            _account("02.02", _("Director"), _line(_("Director, fee"), "1", "flat", "45000")),
        ),
        _category(
            "03",
            _("Cast"),
            _account("03.01", _("Leading roles"), _line(_("Lead actor"), "SHOOT_DAYS", "day", "750", ARTIST, HOLIDAY)),
            _account("03.02", _("Supporting roles and extras")),
            _account("03.03", _("Casting")),
        ),
        _category(
            "04",
            _("Crew"),
            _account(
                "04.01",
                _("Production department"),
                _line(_("Production manager"), "PREP_WEEKS + SHOOT_WEEKS + 2", "week", "1650", SS),
            ),
            _account("04.02", _("Direction department")),
            _account(
                "04.03",
                _("Camera, light and grip"),
                _line(_("Director of photography"), "SHOOT_WEEKS + 2", "week", "2400", SS),
            ),
            _account("04.04", _("Sound")),
            _account("04.05", _("Art department, costumes and make-up")),
        ),
        _category(
            "05",
            _("Sets and locations"),
            _account("05.01", _("Set construction and dressing")),
            _account("05.02", _("Locations and permits"), _line(_("Location fees"), "SHOOT_DAYS", "day", "600")),
        ),
        _category(
            "06",
            _("Technical equipment"),
            _account("06.01", _("Camera package"), _line(_("Camera rental"), "SHOOT_WEEKS", "week", "5500")),
            _account("06.02", _("Light and grip package")),
            _account("06.03", _("Sound package")),
        ),
        _category(
            "07",
            _("Travel, accommodation and catering"),
            _account("07.01", _("Transport")),
            _account(
                "07.02", _("Catering"), _line(_("Catering on set"), "SHOOT_DAYS", "day", "22", multiplier="CREW_SIZE")
            ),
            _account("07.03", _("Accommodation")),
        ),
        _category(
            "08",
            _("Post-production"),
            _account(
                "08.01", _("Editing"), _line(_("Editor"), "EDIT_WEEKS", "week", "1500", SS, phase="post_production")
            ),
            _account("08.02", _("Sound post-production and music")),
            _account("08.03", _("Grading, VFX and deliverables")),
        ),
        _category(
            "09",
            _("General costs"),
            _account("09.01", _("Legal, accounting and bank costs")),
            _account("09.02", _("Publicity and festivals")),
        ),
    ],
)

DOCUMENTARY = _chart(
    _("Documentary"),
    [
        _global("RESEARCH_WEEKS", "6", _("Weeks of research")),
        _global("SHOOT_DAYS", "25", _("Shooting days")),
        _global("EDIT_WEEKS", "12", _("Weeks of editing")),
    ],
    [SS, ARTIST, HOLIDAY],
    [
        _category(
            "01",
            _("Development and research"),
            _account(
                "01.01",
                _("Research"),
                _line(_("Researcher"), "RESEARCH_WEEKS", "week", "1200", SS, phase="pre_production"),
            ),
            _account("01.02", _("Archive footage and rights")),
        ),
        _category(
            "02",
            _("Direction and production"),
            _account("02.01", _("Director"), _line(_("Director, fee"), "1", "flat", "25000")),
            _account("02.02", _("Production"), _line(_("Production manager"), "SHOOT_DAYS", "day", "330", SS)),
        ),
        _category(
            "03",
            _("Shooting"),
            _account("03.01", _("Camera and sound crew"), _line(_("Camera operator"), "SHOOT_DAYS", "day", "450", SS)),
            _account("03.02", _("Equipment"), _line(_("Camera and sound kit"), "SHOOT_DAYS", "day", "350")),
            _account("03.03", _("Travel and accommodation")),
        ),
        _category(
            "04",
            _("Post-production"),
            _account(
                "04.01", _("Editing"), _line(_("Editor"), "EDIT_WEEKS", "week", "1400", SS, phase="post_production")
            ),
            _account("04.02", _("Sound, music and grading")),
            _account("04.03", _("Subtitles and deliverables")),
        ),
        _category("05", _("General costs"), _account("05.01", _("Insurance, legal and accounting"))),
    ],
)

CONCERT = _chart(
    _("Concert or festival"),
    [
        _global("FESTIVAL_DAYS", "3", _("Festival days")),
        _global("BUILD_DAYS", "4", _("Days of build-up and breakdown")),
        _global("STAGES", "2", _("Stages")),
        _global("CREW_SIZE", "12", _("Technicians per day")),
        _global("VOLUNTEERS", "80", _("Volunteers per day")),
    ],
    [SS, ARTIST, HOLIDAY, DefaultFringe.PC304_RISK],
    [
        _category(
            "10",
            _("Artists"),
            _account("10.01", _("Artist fees"), _line(_("Headliners"), "FESTIVAL_DAYS", "performance", "15000")),
            _account(
                "10.02", _("Hospitality and riders"), _line(_("Riders and catering"), "FESTIVAL_DAYS", "day", "2500")
            ),
            _account("10.03", _("Artists' travel and hotels")),
        ),
        _category(
            "20",
            _("Production and technique"),
            _account(
                "20.01",
                _("Stage, light and sound"),
                _line(_("Stage and PA rental"), "FESTIVAL_DAYS + BUILD_DAYS", "day", "4000", multiplier="STAGES"),
            ),
            _account(
                "20.02",
                _("Technical crew"),
                _line(_("Technicians"), "FESTIVAL_DAYS + BUILD_DAYS", "day", "260", SS, multiplier="CREW_SIZE"),
            ),
            _account("20.03", _("Power, water and sanitation")),
        ),
        _category(
            "30",
            _("Site and safety"),
            _account("30.01", _("Security and first aid"), _line(_("Security staff"), "FESTIVAL_DAYS", "day", "3500")),
            _account("30.02", _("Permits and fire safety")),
            _account(
                "30.03",
                _("Volunteers"),
                _line(_("Volunteer meals"), "FESTIVAL_DAYS", "day", "12", multiplier="VOLUNTEERS"),
            ),
        ),
        _category(
            "40",
            _("Marketing and ticketing"),
            _account("40.01", _("Campaign and design")),
            _account("40.02", _("Ticketing fees")),
        ),
        _category(
            "50",
            _("Organisation"),
            _account(
                "50.01",
                _("Festival office"),
                _line(_("Festival coordinator"), "16", "week", "1100", SS, phase="pre_production"),
            ),
            _account("50.02", _("Rights (SABAM, fair remuneration)")),
        ),
    ],
    overhead="5",
)

COMMERCIAL = _chart(
    _("Commercial"),
    [
        _global("PREP_DAYS", "5", _("Preparation days")),
        _global("SHOOT_DAYS", "2", _("Shooting days")),
        _global("CREW_SIZE", "18", _("Crew on set")),
    ],
    [SS, ARTIST, HOLIDAY],
    [
        _category(
            "A",
            _("Pre-production"),
            _account(
                "A.01",
                _("Director's treatment and prep"),
                _line(_("Director, prep days"), "PREP_DAYS", "day", "900", phase="pre_production"),
            ),
            _account("A.02", _("Casting and location scouting")),
        ),
        _category(
            "B",
            _("Shooting crew"),
            _account(
                "B.01", _("Production and direction"), _line(_("Director, shooting days"), "SHOOT_DAYS", "day", "1800")
            ),
            _account(
                "B.02",
                _("Camera, light, grip and sound"),
                _line(_("Crew day rate (average)"), "SHOOT_DAYS", "day", "420", SS, multiplier="CREW_SIZE"),
            ),
        ),
        _category(
            "C",
            _("Talent"),
            _account(
                "C.01", _("Actors and buy-out"), _line(_("Lead talent"), "SHOOT_DAYS", "day", "800", ARTIST, HOLIDAY)
            ),
        ),
        _category(
            "D",
            _("Equipment, studio and locations"),
            _account("D.01", _("Camera and light package"), _line(_("Equipment rental"), "SHOOT_DAYS", "day", "3200")),
            _account("D.02", _("Studio or location")),
            _account("D.03", _("Art department and wardrobe")),
        ),
        _category(
            "E",
            _("Post-production"),
            _account(
                "E.01", _("Editing and grading"), _line(_("Offline edit"), "4", "day", "650", phase="post_production")
            ),
            _account("E.02", _("Sound design and music")),
        ),
    ],
    contingency="5",
    overhead="12",
)

CHARTS: dict[str, Structure] = {
    "theatre": THEATRE,
    "feature_film": FEATURE_FILM,
    "documentary": DOCUMENTARY,
    "concert": CONCERT,
    "commercial": COMMERCIAL,
}

# The chart offered first for each kind of production.
CHART_FOR_KIND = {
    Kind.THEATRE: "theatre",
    Kind.DANCE: "theatre",
    Kind.MUSIC_THEATRE: "theatre",
    Kind.OPERA: "theatre",
    Kind.CONCERT: "concert",
    Kind.FESTIVAL: "concert",
    Kind.EVENT: "concert",
    Kind.FEATURE_FILM: "feature_film",
    Kind.SHORT_FILM: "feature_film",
    Kind.SERIES: "feature_film",
    Kind.DOCUMENTARY: "documentary",
    Kind.TV_PROGRAMME: "documentary",
    Kind.COMMERCIAL: "commercial",
    Kind.CORPORATE_VIDEO: "commercial",
}


def translated(value: Any) -> Any:
    """The chart with every lazy string rendered in the active language (JSON-safe)."""
    if isinstance(value, dict):
        return {key: translated(item) for key, item in value.items()}
    if isinstance(value, list):
        return [translated(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
