"""Who may do what. One place, used by pages and the API alike.

Sharing is the point of the project database: every signed-in user reads every
project. Writing is limited to the executing office's developers and Chief of
Mission, the people the project names as its team, and administrators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from pat.core.models import Role

if TYPE_CHECKING:
    from pat.core.models import ApiToken, User

EDITING_ROLES = (Role.Kind.PROJECT_DEVELOPER, Role.Kind.CHIEF_OF_MISSION)


class Project(Protocol):
    """What these rules read of a project (core sits below the projects app: no import)."""

    executing_office_id: int
    team: Any


def can_read_projects(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_create_project(user: User) -> bool:
    return user.is_administrator or bool(user.offices_with(*EDITING_ROLES))


def offices_for_new_projects(user: User) -> set[int] | None:
    """Office ids where the user may open a project; None means any office."""
    if user.is_administrator:
        return None
    return user.offices_with(*EDITING_ROLES)


def can_move_project(user: User, project: Project) -> bool:
    """Whether the user may change the project's executing office.

    Moving a project takes it out of its office: that needs the right to
    write in the office it leaves (the choice list limits where it may go).
    A team member from another office keeps the office as it is.
    """
    allowed = offices_for_new_projects(user)
    return allowed is None or project.executing_office_id in allowed


def can_edit_project(user: Any, project: Project, *, on_team: bool | None = None) -> bool:
    """`on_team`: whether the user is on the project's team, when the caller has read it
    already (the project page reads it with the project); else it is asked here."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_administrator:
        return True
    if project.executing_office_id in user.offices_with(*EDITING_ROLES):
        return True
    if on_team is not None:
        return on_team
    return bool(project.team.filter(pk=user.pk).exists())


def is_author(user: Any, project: Project, submitted_by_id: int | None = None) -> bool:
    """Whether the user writes this proposal, and so may not review it.

    The one meaning of "author" (assignment, decision and notification use it):
    whoever submitted the version, the executing office's developers and Chief
    of Mission, and the project's team.
    """
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    if submitted_by_id is not None and submitted_by_id == user.pk:
        return True
    if project.executing_office_id in user.offices_with(*EDITING_ROLES):
        return True
    return bool(project.team.filter(pk=user.pk).exists())


def actor(request: HttpRequest) -> User:
    """The signed-in user of a request (sign-in is enforced by middleware before any view)."""
    from pat.core.models import User

    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def can_manage_token(user: Any, token: ApiToken) -> bool:
    """People list and revoke their own API tokens only (administrators use the admin)."""
    return bool(user.is_authenticated and user.is_active and token.user_id == user.pk)


def can_download_export(user: Any, export: Any) -> bool:
    """A large project export (a spreadsheet built in the background) is its requester's only:
    the filters they chose may be their own business, and the file is not shared."""
    return bool(user.is_authenticated and user.is_active and export.created_by_id == user.pk)


# Staffing (staff gender balance): aggregates for every signed-in user, with small
# counts suppressed; every count, the imports and person-level rows for HR.
def can_read_staffing(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_see_staff_details(user: Any) -> bool:
    """HR officers (in any office) and administrators: unsuppressed counts and imports."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_administrator or user.offices_with(Role.Kind.HR_OFFICER))


# --- the gender network (pat.network) ----------------------------------------------------------
# Everyone signed in reads approved plans and approved reports; focal points edit their
# office's plan and answers; Chiefs of Mission approve their office's plan; the gender
# coordinator (a role held at Headquarters) runs the register, campaigns and reports.


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_gender_coordinator(user: Any) -> bool:
    return _signed_in(user) and (
        user.is_administrator or bool(user.offices_with(Role.Kind.GENDER_COORDINATOR))
    )


def focal_point_offices(user: Any) -> set[int]:
    """Offices where the user acts as Gender Focal Point: a GFP role there, or a current
    appointment in the network's register, as focal point or alternate (kept per request)."""
    if not _signed_in(user):
        return set()
    cached: set[int] | None = getattr(user, "_focal_point_offices", None)
    if cached is not None:
        return cached
    from django.db.models import Q
    from django.utils import timezone

    offices = set(user.offices_with(Role.Kind.GENDER_FOCAL_POINT))
    # The register belongs to pat.network, above core: it is read through the user's
    # reverse relations, without importing the app.
    today = timezone.localdate()
    current = Q(appointed_on__lte=today) & (Q(term_end__isnull=True) | Q(term_end__gte=today))
    for relation in ("focal_point_terms", "alternate_terms"):
        terms = getattr(user, relation, None)
        if terms is not None:
            offices |= set(terms.filter(current).values_list("office_id", flat=True))
    user._focal_point_offices = offices
    return offices


def acts_as_focal_point(user: Any, office_id: int) -> bool:
    return office_id in focal_point_offices(user)


def can_edit_plan(user: Any, office_id: int) -> bool:
    return is_gender_coordinator(user) or acts_as_focal_point(user, office_id)


def can_approve_plan(user: Any, office_id: int) -> bool:
    return _signed_in(user) and (
        user.is_administrator or office_id in user.offices_with(Role.Kind.CHIEF_OF_MISSION)
    )


def can_read_plan(user: Any, office_id: int, *, published: bool) -> bool:
    if not _signed_in(user):
        return False
    return published or can_edit_plan(user, office_id) or can_approve_plan(user, office_id)


def can_answer_assessment(user: Any, office_id: int) -> bool:
    return _signed_in(user) and (user.is_administrator or acts_as_focal_point(user, office_id))


def can_read_assessment(user: Any, office_id: int) -> bool:
    return (
        is_gender_coordinator(user)
        or acts_as_focal_point(user, office_id)
        or can_approve_plan(user, office_id)
    )


def can_read_report(user: Any, *, published: bool) -> bool:
    return _signed_in(user) and (published or is_gender_coordinator(user))


def can_approve_report(user: Any) -> bool:
    return _signed_in(user) and user.is_administrator


# --- IATI (pat.iati) ---------------------------------------------------------------------------
# Importing an activity file writes projects: for those who may open projects in some office
# and administrators. Each project is then checked as any edit is (can_edit_project, and
# offices_for_new_projects for the ones it creates).
def can_import_iati(user: Any) -> bool:
    if not _signed_in(user):
        return False
    return bool(user.is_administrator or user.offices_with(*EDITING_ROLES))


# --- recruitment (pat.recruitment) -------------------------------------------------------------
# Vacancy notices: HR officers manage those of their office and the offices under it (publish,
# close, fill, cancel; edit in any state); the hiring office's own staff (anyone with a role
# there) draft and edit its notices while they are drafts. The public board needs no sign-in.


def _office_and_below(office_ids: set[int]) -> set[int]:
    from pat.core.models import Office

    children: dict[int, list[int]] = {}
    for pk, parent in Office.objects.values_list("pk", "parent_id"):
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    seen: set[int] = set()
    todo = list(office_ids)
    while todo:
        pk = todo.pop()
        if pk not in seen:
            seen.add(pk)
            todo.extend(children.get(pk, ()))
    return seen


def vacancy_managed_offices(user: Any) -> set[int] | None:
    """Offices whose notices the user manages as HR; None means every office (administrators)."""
    if not _signed_in(user):
        return set()
    if user.is_administrator:
        return None
    cached: set[int] | None = getattr(user, "_vacancy_managed_offices", None)
    if cached is None:
        hr = user.offices_with(Role.Kind.HR_OFFICER)
        cached = _office_and_below(hr) if hr else set()
        user._vacancy_managed_offices = cached
    return cached


def vacancy_offices(user: Any) -> set[int] | None:
    """Offices whose notices the user may open staff-side (manage or draft); None: all."""
    managed = vacancy_managed_offices(user)
    if managed is None:
        return None
    if not _signed_in(user):
        return set()
    return managed | {r.office_id for r in user._cached_roles()}


def can_manage_vacancies(user: Any) -> bool:
    """HR officers anywhere and administrators: the staff-side list of every notice they run."""
    managed = vacancy_managed_offices(user)
    return managed is None or bool(managed)


def can_manage_vacancy(user: Any, office_id: int) -> bool:
    """Publish, close, fill, cancel, and edit in any state."""
    managed = vacancy_managed_offices(user)
    return managed is None or office_id in managed


def can_draft_vacancy(user: Any, office_id: int) -> bool:
    offices = vacancy_offices(user)
    return offices is None or office_id in offices


def can_edit_vacancy(user: Any, office_id: int, *, state: str) -> bool:
    if can_manage_vacancy(user, office_id):
        return state in ("draft", "published", "closed")
    return state == "draft" and can_draft_vacancy(user, office_id)


# --- the Appointments and Postings Board (pat.appointments) ------------------------------------
# Candidates' names and details: HR officers (and administrators), the members of the board
# meeting that has the case, and the board's Gender Focal Point (the ex officio seat, or a
# focal point at headquarters). Funnel figures: every signed-in user, small counts suppressed
# outside HR. Board seats are read through the user's reverse relation (no app import).


def _board_seats(user: Any) -> set[str]:
    if not _signed_in(user):
        return set()
    cached: set[str] | None = getattr(user, "_board_seats", None)
    if cached is not None:
        return cached
    from django.db.models import Q
    from django.utils import timezone

    seats = getattr(user, "board_seats", None)
    today = timezone.localdate()
    found = (
        set(
            seats.filter(Q(until__isnull=True) | Q(until__gte=today)).values_list("seat", flat=True)
        )
        if seats is not None
        else set()
    )
    user._board_seats = found
    return found


def can_manage_candidates(user: Any) -> bool:
    """Record, import and move candidates; run the board's members and meetings."""
    return can_see_staff_details(user)


def is_board_focal_point(user: Any) -> bool:
    """The Gender Focal Point who sits on the board: the seat, or a focal point at HQ."""
    if not _signed_in(user):
        return False
    if "gfp" in _board_seats(user):
        return True
    from pat.core.models import Office

    offices = user.offices_with(Role.Kind.GENDER_FOCAL_POINT)
    return bool(offices) and Office.objects.filter(pk__in=offices, kind="hq").exists()


def can_read_board(user: Any) -> bool:
    """The board's pages (members, meetings, cases, reports)."""
    return can_manage_candidates(user) or is_board_focal_point(user) or bool(_board_seats(user))


def can_read_candidates(user: Any, *, member_ids: Any = ()) -> bool:
    """Names and details of a vacancy's candidates; `member_ids` are its case's board members."""
    if not _signed_in(user):
        return False
    return can_manage_candidates(user) or is_board_focal_point(user) or user.pk in member_ids


def can_recommend(user: Any) -> bool:
    """HR records the hiring office's recommendation and its written justification: the
    hiring office itself sees no candidate data (it sends them to HR)."""
    return can_manage_candidates(user)


def can_review_case(user: Any) -> bool:
    return is_board_focal_point(user)


def can_decide_case(user: Any, *, member_ids: Any = ()) -> bool:
    """The board records its decision: its chair, members and secretary at the meeting, or HR."""
    if not _signed_in(user):
        return False
    if can_manage_candidates(user):
        return True
    return user.pk in member_ids and bool(_board_seats(user) - {"gfp"})


# --- evaluations (pat.evaluations) and the pilot fund (pat.pilotfund) ---------------------------
# Everyone signed in reads evaluations and the fund. An evaluation, its recommendations and
# the management responses are written by the people who may edit the project and by the
# gender coordinator (the WGGI evaluates the pilot projects). The WGGI's coordinator runs the
# fund: allocations, calls, selection, grants and disbursements; a project's writers enter
# their proposal in an open call.


def can_read_evaluations(user: Any) -> bool:
    return _signed_in(user)


def can_edit_evaluation(user: Any, project: Project) -> bool:
    return is_gender_coordinator(user) or can_edit_project(user, project)


def can_read_fund(user: Any) -> bool:
    return _signed_in(user)


def can_manage_fund(user: Any) -> bool:
    return is_gender_coordinator(user)


def can_enter_in_call(user: Any, project: Project) -> bool:
    return can_edit_project(user, project)


# --- events and consultations (pat.events) ------------------------------------------------------
# Everyone signed in reads events and their figures; the gender coordinator (and
# administrators) record them.


def can_read_events(user: Any) -> bool:
    return _signed_in(user)


def can_record_events(user: Any) -> bool:
    return is_gender_coordinator(user)


# --- revisions of endorsed projects (pat.revisions) ---------------------------------------------
# The project's writers request and draft a revision; past the one-month limit only an
# administrator opens one, with a reason.


def can_request_revision(user: Any, project: Project) -> bool:
    return can_edit_project(user, project)


def can_allow_late_revision(user: Any) -> bool:
    return _signed_in(user) and bool(user.is_administrator)


# --- training (pat.training) -------------------------------------------------------------------
# Everyone signed in reads the figures; the gender coordinator (and administrators) run every
# session, a Gender Focal Point the sessions of their own office.


def can_read_training(user: Any) -> bool:
    return _signed_in(user)


def can_manage_training(user: Any, office_id: int | None = None) -> bool:
    """Record sessions, participants, attendance and evaluations (in `office_id`, if given)."""
    if is_gender_coordinator(user):
        return True
    offices = focal_point_offices(user)
    return bool(offices) if office_id is None else office_id in offices


def can_read_certificate(user: Any, *, office_id: int, email: str) -> bool:
    """The certificate is the participant's own (by e-mail address) or their trainers'."""
    if not _signed_in(user):
        return False
    own = bool(email) and bool(user.email) and user.email.lower() == email.lower()
    return own or can_manage_training(user, office_id)


# --- the bulletin (pat.bulletin) ---------------------------------------------------------------
# Published issues are public. Gender Focal Points and the coordinator write drafts; the
# coordinator reviews, publishes, sends and keeps the subscriber list.


def can_write_bulletin(user: Any) -> bool:
    return is_gender_coordinator(user) or bool(focal_point_offices(user))


def can_publish_bulletin(user: Any) -> bool:
    return is_gender_coordinator(user)


def can_manage_subscribers(user: Any) -> bool:
    return is_gender_coordinator(user)
