"""'Optimise this board': the optimiser run in the background on a board, and its proposal applied as a new board.

The problem read from a board: its scenes (not removed from the script) in board order, each
lasting its length in eighths of a page (at least one), with the cast elements of its breakdown
as actors, every actor weighing 1. So the cost is the cast's waiting in actor-eighths, and the
hold days (paid days without work between an actor's first and last day) are counted on the
days cut from the order (see `regie.optimizer.plan` for the rules honoured).

Cast unavailability: when the board has a start date, its shooting days are dated (skipping its
weekdays and dates off, as `shooting.shooting_dates` does) for as many days as there are scenes
plus `WAIT_DAYS`; a cast element linked to an engagement is unavailable on the dates an
unavailable period of that engagement's contact covers, and the plan puts none of its scenes
there. A scene that cannot be played within those dates fails the run with the scenes and cast
named. The run's result lists the unavailable dates it honoured (`unavailable`) and the date of
each proposed day (`dates`); applying the proposal keeps the board's start date, so the days
keep their dates. Without a start date unavailability is not known and not used.

A run never changes the board it read. Its proposal is applied as a new board, based on the
old one; when the script's scenes changed while it ran, applying is refused (the proposal would
leave scenes out); when only the board's order changed, the proposal still applies as a new
board and says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from regie.accounts.models import User
from regie.core.audit import log_action
from regie.core.feedback import Refused
from regie.optimizer import (
    PlanRules,
    Problem,
    ProblemError,
    Scene,
    UnavailableError,
    hold_days,
    plan_schedule,
    split_into_days,
)
from regie.optimizer.days import DayRules
from regie.people.models import Engagement
from regie.people.queries import unavailable_periods_for
from regie.scripts.models import Board, OptimisationRun, RunStatus, Strip, StripKind
from regie.scripts.shooting import CastLink, board_days, scene_cast_links, shooting_dates

MIN_SECONDS = 1
MAX_SECONDS = 300
WAIT_DAYS = 60  # shooting days past one a scene that a scene may wait for its unavailable cast


@dataclass(frozen=True)
class Options:
    time_limit: int = 10
    keep_days: bool = False
    location_blocks: bool = True
    max_locations_per_day: int = 2
    day_eighths: int = 40  # five pages a day

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class BoardProblem:
    problem: Problem
    rules: PlanRules
    current_order: tuple[str, ...]
    current_days: tuple[tuple[str, ...], ...]  # the board's own days, when it has any
    board: Board
    dates: tuple[datetime.date, ...] = ()  # the date of each day of a plan, when the board has a start date
    away: dict[str, tuple[datetime.date, ...]] = field(default_factory=dict)  # cast -> dates they cannot work


def _cast_away(
    board: Board, cast: dict[int, list[CastLink]], count: int
) -> tuple[tuple[datetime.date, ...], dict[str, tuple[datetime.date, ...]]]:
    """The board's next `count` shooting dates and, per cast name, those its contact is unavailable on."""
    if board.start_date is None:
        return (), {}
    try:
        dates = tuple(shooting_dates(board.start_date, count, board.days_off, board.dates_off))
    except Refused:
        return (), {}
    engagements = {link.engagement_id for links in cast.values() for link in links if link.engagement_id}
    contact_of = dict(Engagement.objects.filter(pk__in=engagements).values_list("pk", "contact_id"))
    periods = unavailable_periods_for(sorted(set(contact_of.values())), dates[0], dates[-1])
    away: dict[str, set[datetime.date]] = {}
    for links in cast.values():
        for link in links:
            for period in periods.get(contact_of.get(link.engagement_id or 0, 0), ()):
                covered = {d for d in dates if period.start_date <= d <= period.end_date}
                if covered:
                    away.setdefault(link.name, set()).update(covered)
    return dates, {name: tuple(sorted(days)) for name, days in away.items()}


def board_problem(board: Board, options: Options) -> BoardProblem:
    """The board's scenes as an optimiser problem; Refused (translated) when it cannot be optimised."""
    cast = scene_cast_links(board)
    strips = [
        s
        for s in board.strips.select_related("scene").order_by("position", "pk")
        if s.kind == StripKind.SCENE and s.scene is not None and not s.scene.removed
    ]
    if not strips:
        raise Refused(_("The board has no scenes to optimise."))
    scenes = tuple(
        Scene(
            id=str(s.scene_id),
            duration=max(1, s.scene.eighths if s.scene is not None else 0),
            actors=frozenset(c.name for c in cast.get(s.scene_id or 0, ())),
        )
        for s in strips
    )
    if not any(scene.actors for scene in scenes):
        raise Refused(
            _("No scene on this board has cast in its breakdown, so there is no waiting to reduce. Add the cast first.")
        )
    too_long = [s.scene for s in strips if s.scene is not None and s.scene.eighths > options.day_eighths]
    if too_long:
        raise Refused(
            _("Scene %(number)s is longer than a shooting day of %(pages)s pages; allow longer days.")
            % {"number": too_long[0].number, "pages": options.day_eighths / 8}
        )
    problem = Problem(scenes=scenes, actor_cost={a: 1 for scene in scenes for a in scene.actors})
    days = [
        tuple(str(s.scene_id) for s in day.strips if s.scene is not None and not s.scene.removed)
        for day in board_days(board)
        if not day.travel
    ]
    days = [day for day in days if day]
    dates, away = _cast_away(board, cast, len(strips) + WAIT_DAYS)
    index_of = {date: index for index, date in enumerate(dates)}
    rules = PlanRules(
        day_length=options.day_eighths,
        fixed_days=tuple(days) if options.keep_days else (),
        location={str(s.scene_id): s.scene.location_key for s in strips if s.scene is not None},
        night=frozenset(str(s.scene_id) for s in strips if s.scene is not None and s.scene.is_night),
        location_blocks=options.location_blocks,
        max_locations_per_day=options.max_locations_per_day or None,
        unavailable={name: frozenset(index_of[d] for d in away_dates) for name, away_dates in away.items()},
        days_available=len(dates) if away else None,
    )
    return BoardProblem(problem, rules, tuple(scene.id for scene in scenes), tuple(days), board, dates, away)


def _current_days(board_problem: BoardProblem) -> list[list[str]]:
    """The board's days as they are; scenes after the last day cut by the same day rules."""
    days = [list(day) for day in board_problem.current_days]
    placed = {scene_id for day in days for scene_id in day}
    rest = [s for s in board_problem.current_order if s not in placed]
    if rest:
        by_id = {scene.id: scene for scene in board_problem.problem.scenes}
        sub = Problem(scenes=tuple(by_id[s] for s in rest), actor_cost=board_problem.problem.actor_cost)
        rules = board_problem.rules
        days += split_into_days(
            sub,
            rest,
            DayRules(
                max_per_day=rules.day_length,
                night=rules.night,
                location=rules.location,
                max_locations_per_day=rules.max_locations_per_day,
            ),
        )
    return days


def start_optimisation(board: Board, options: Options, *, by: User) -> OptimisationRun:
    """Check the board can be optimised and queue a run (it starts once the transaction commits)."""
    from regie.scripts.tasks import optimise_board

    if not MIN_SECONDS <= options.time_limit <= MAX_SECONDS:
        raise Refused(
            _("The time limit must be between %(low)s and %(high)s seconds.")
            % {"low": MIN_SECONDS, "high": MAX_SECONDS}
        )
    board_problem(board, options)  # refuses now what would fail in the background
    with transaction.atomic():
        run = OptimisationRun.objects.create(
            board=board, board_version=board.version, options=options.as_dict(), requested_by=by
        )
        log_action(board, "scripts.board.optimisation_started", user=by, data=options.as_dict())
        transaction.on_commit(lambda: optimise_board.enqueue(run.pk))
    return run


def perform_optimisation(run_id: int) -> None:
    """Run the optimiser for a queued run and store its proposal (or why it failed). The task's body."""
    with transaction.atomic():
        run = OptimisationRun.objects.select_for_update().select_related("board").get(pk=run_id)
        if run.status != RunStatus.QUEUED:
            return
        run.status, run.started = RunStatus.RUNNING, timezone.now()
        run.save(update_fields=["status", "started"])
    options = Options(**run.options)
    language = run.requested_by.language if run.requested_by is not None else None
    try:
        with override(language):  # a refusal reads in the language of who asked
            read = board_problem(run.board, options)
            plan = plan_schedule(read.problem, read.rules, options.time_limit)
            before_days = _current_days(read)
    except UnavailableError as error:
        with override(language):
            _fail(run, _unavailable_message(read, error))
        return
    except (Refused, ProblemError) as error:
        _fail(run, str(error))
        return
    except Exception:
        with override(language):
            _fail(run, _("The optimiser stopped on an unexpected error; it was logged."))
        raise
    problem = read.problem
    run.result = {
        "scenes": sorted(int(s) for s in read.current_order),
        "order": [int(s) for s in plan.order],
        "days": [[int(s) for s in day] for day in plan.days],
        "before": {
            "waiting": problem.cost_of(read.current_order),
            "holding": hold_days(problem, before_days),
            "days": len(before_days),
        },
        "after": {"waiting": plan.waiting, "holding": plan.holding, "days": len(plan.days)},
        "optimal": plan.result.optimal,
        "seconds": round(plan.result.seconds, 2),
        "dates": [d.isoformat() for d in read.dates[: len(plan.days)]],
        "unavailable": _honoured(read, len(plan.days)),
    }
    run.status, run.finished = RunStatus.DONE, timezone.now()
    run.save(update_fields=["result", "status", "finished"])


def _honoured(read: BoardProblem, days: int) -> list[dict[str, Any]]:
    """The unavailable dates of each cast member within the proposal's days: the constraints applied."""
    last = read.dates[days - 1] if read.dates and days else None
    honoured = []
    for name in sorted(read.away):
        dates = [d.isoformat() for d in read.away[name] if last is not None and d <= last]
        if dates:
            honoured.append({"actor": name, "dates": dates})
    return honoured


def _unavailable_message(read: BoardProblem, error: UnavailableError) -> str:
    numbers = dict(
        read.board.production.scenes.filter(pk__in=[int(s) for s in error.scenes]).values_list("pk", "number")
    )
    scenes = ", ".join(str(numbers.get(int(s), s)) for s in error.scenes)
    values = {"scenes": scenes, "days": error.days_available, "end": read.dates[-1].isoformat()}
    if error.actors:
        return _(
            "Scenes %(scenes)s cannot be shot in the %(days)s shooting days until %(end)s: "
            "%(cast)s cannot work on enough of them. Check their unavailable periods."
        ) % {**values, "cast": ", ".join(error.actors)}
    return _("Scenes %(scenes)s cannot be shot in the %(days)s shooting days until %(end)s.") % values


def _fail(run: OptimisationRun, message: str) -> None:
    run.status, run.error, run.finished = RunStatus.FAILED, message, timezone.now()
    run.save(update_fields=["status", "error", "finished"])


def apply_optimisation(run: OptimisationRun, name: str, *, by: User) -> tuple[Board, bool]:
    """A new board in the proposed order with its days; (board, whether the old board changed meanwhile)."""
    with transaction.atomic():
        run = OptimisationRun.objects.select_for_update().select_related("board").get(pk=run.pk)
        if run.status != RunStatus.DONE:
            raise Refused(_("This optimiser run has no proposal to apply."))
        if run.applied_board_id is not None:
            raise Refused(_("This proposal was already applied as a new stripboard."))
        board = Board.objects.select_for_update().get(pk=run.board_id)
        current = set(
            board.strips.filter(kind=StripKind.SCENE, scene__removed=False).values_list("scene_id", flat=True)
        )
        if current != set(run.result["scenes"]):
            raise Refused(
                _(
                    "The scenes of the board changed while the optimiser ran (a revised script was imported). "
                    "The proposal would leave scenes out, so it was not applied: run the optimiser again."
                )
            )
        new = Board.objects.create(
            production=board.production,
            name=name[:100],
            based_on=board,
            start_date=board.start_date,
            days_off=board.days_off,
            dates_off=board.dates_off,
            call_time=board.call_time,
            wrap_time=board.wrap_time,
        )
        strips: list[Strip] = []
        for day in run.result["days"]:
            strips += [Strip(board=new, kind=StripKind.SCENE, scene_id=scene_id) for scene_id in day]
            strips.append(Strip(board=new, kind=StripKind.DAY_BREAK))
        for position, strip in enumerate(strips, start=1):
            strip.position = position
        Strip.objects.bulk_create(strips)
        run.applied_board = new
        run.save(update_fields=["applied_board"])
        log_action(
            new,
            "scripts.board.optimised",
            user=by,
            data={"from": board.name, "before": run.result["before"], "after": run.result["after"]},
        )
    return new, board.version != run.board_version
