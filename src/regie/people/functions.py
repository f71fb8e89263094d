"""The standard crew and cast functions, by department, in the three languages.

Labels follow the glossary in the domain facts. Watch the false friends: NL *regisseur* is the
director (EN), while FR *régisseur* is the stage or unit manager.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Department(models.TextChoices):
    PRODUCTION = "production", pgettext_lazy("department", "Production")
    DIRECTION = "direction", _("Direction")
    CAMERA = "camera", _("Camera")
    LIGHTING = "lighting", _("Lighting")
    GRIP = "grip", _("Grip")
    SOUND = "sound", _("Sound")
    ART = "art", _("Art department")
    COSTUME = "costume", _("Costume")
    MAKE_UP = "make_up", _("Make-up and hair")
    STAGE = "stage", _("Stage")
    EDITING = "editing", _("Editing")
    CAST = "cast", pgettext_lazy("department", "Cast")
    OTHER = "other", _("Other")


class Function(models.TextChoices):
    PRODUCER = "producer", _("producer")
    EXECUTIVE_PRODUCER = "executive_producer", _("executive producer")
    LINE_PRODUCER = "line_producer", _("line producer")
    PRODUCTION_MANAGER = "production_manager", _("production manager")
    PRODUCTION_COORDINATOR = "production_coordinator", _("production coordinator")
    UNIT_MANAGER = "unit_manager", _("unit / location manager")
    PRODUCTION_ASSISTANT = "production_assistant", _("production assistant / runner")
    # Translators: NL regisseur, FR réalisateur (film) / metteur en scène (stage)
    DIRECTOR = "director", _("director")
    FIRST_AD = "first_ad", _("1st assistant director")
    SECOND_AD = "second_ad", _("2nd assistant director")
    SCRIPT_SUPERVISOR = "script_supervisor", _("script supervisor")
    CASTING_DIRECTOR = "casting_director", _("casting director")
    CHOREOGRAPHER = "choreographer", _("choreographer")
    DOP = "dop", _("director of photography")
    CAMERA_OPERATOR = "camera_operator", _("camera operator")
    FOCUS_PULLER = "focus_puller", _("1st assistant camera (focus puller)")
    GAFFER = "gaffer", _("gaffer")
    ELECTRICIAN = "electrician", _("electrician")
    LIGHTING_DESIGNER = "lighting_designer", _("lighting designer")
    LIGHTING_TECHNICIAN = "lighting_technician", _("lighting technician")
    KEY_GRIP = "key_grip", _("key grip")
    GRIP = "grip", _("grip")
    SOUND_MIXER = "sound_mixer", _("production sound mixer")
    BOOM_OPERATOR = "boom_operator", _("boom operator")
    SOUND_TECHNICIAN = "sound_technician", _("sound technician")
    PRODUCTION_DESIGNER = "production_designer", _("production designer")
    SET_DESIGNER = "set_designer", _("set designer / scenographer")
    PROP_MASTER = "prop_master", _("prop master")
    COSTUME_DESIGNER = "costume_designer", _("costume designer")
    DRESSER = "dresser", _("dresser")
    MAKE_UP_ARTIST = "make_up_artist", _("make-up artist")
    HAIR_STYLIST = "hair_stylist", _("hair stylist")
    TECHNICAL_DIRECTOR = "technical_director", _("technical director")
    HEAD_OF_STAGE = "head_of_stage", _("head of stage")
    # Translators: the person who runs rehearsals and shows; FR régisseur (de plateau), NL inspiciënt
    STAGE_MANAGER = "stage_manager", _("stage manager")
    STAGEHAND = "stagehand", _("stage technician")
    RIGGER = "rigger", _("rigger")
    TOUR_MANAGER = "tour_manager", _("tour manager")
    EDITOR = "editor", _("editor")
    ACTOR = "actor", _("actor")
    DANCER = "dancer", _("dancer")
    MUSICIAN = "musician", _("musician")
    SINGER = "singer", _("singer")
    EXTRA = "extra", _("extra")
    VOLUNTEER = "volunteer", _("volunteer")


F, D = Function, Department
FUNCTION_DEPARTMENTS: dict[str, str] = {
    **dict.fromkeys(
        [
            F.PRODUCER,
            F.EXECUTIVE_PRODUCER,
            F.LINE_PRODUCER,
            F.PRODUCTION_MANAGER,
            F.PRODUCTION_COORDINATOR,
            F.UNIT_MANAGER,
            F.PRODUCTION_ASSISTANT,
            F.TOUR_MANAGER,
        ],
        D.PRODUCTION,
    ),
    **dict.fromkeys(
        [F.DIRECTOR, F.FIRST_AD, F.SECOND_AD, F.SCRIPT_SUPERVISOR, F.CASTING_DIRECTOR, F.CHOREOGRAPHER], D.DIRECTION
    ),
    **dict.fromkeys([F.DOP, F.CAMERA_OPERATOR, F.FOCUS_PULLER], D.CAMERA),
    **dict.fromkeys([F.GAFFER, F.ELECTRICIAN, F.LIGHTING_DESIGNER, F.LIGHTING_TECHNICIAN], D.LIGHTING),
    **dict.fromkeys([F.KEY_GRIP, F.GRIP], D.GRIP),
    **dict.fromkeys([F.SOUND_MIXER, F.BOOM_OPERATOR, F.SOUND_TECHNICIAN], D.SOUND),
    **dict.fromkeys([F.PRODUCTION_DESIGNER, F.SET_DESIGNER, F.PROP_MASTER], D.ART),
    **dict.fromkeys([F.COSTUME_DESIGNER, F.DRESSER], D.COSTUME),
    **dict.fromkeys([F.MAKE_UP_ARTIST, F.HAIR_STYLIST], D.MAKE_UP),
    **dict.fromkeys([F.TECHNICAL_DIRECTOR, F.HEAD_OF_STAGE, F.STAGE_MANAGER, F.STAGEHAND, F.RIGGER], D.STAGE),
    F.EDITOR: D.EDITING,
    **dict.fromkeys([F.ACTOR, F.DANCER, F.MUSICIAN, F.SINGER, F.EXTRA], D.CAST),
    F.VOLUNTEER: D.OTHER,
}


def department_of(function: str) -> str:
    return FUNCTION_DEPARTMENTS.get(function, Department.OTHER)
