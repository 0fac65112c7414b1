"""Staffing services: importing rosters and events, flows, and the parity figures others use.

Other apps ask two questions of this module (keep their signatures stable):

* `parity_rows(as_of=, by=, office=, viewer=)`: the dashboard's rows with every
  figure of domain.md §5, suppressed for viewers outside HR;
* `representation(level=, office_code=, on=)`: is this level (in this office)
  at parity on that date: "parity", "women_under", "men_under" or None when
  no roster says (the Appointments and Postings Board's special measures).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum

from pat.core.models import Office, Revision
from pat.staffing import figures, parity
from pat.staffing.models import (
    Flow,
    Level,
    Snapshot,
    StaffCount,
    StaffRecord,
    ValueAlias,
)
from pat.staffing.roster import (
    LevelInfo,
    OfficeInfo,
    Problem,
    Result,
    RosterFileError,
    Row,
    Table,
    Vocabulary,
    gettext_noop,
    parse_date,
    read_rows,
    read_table,
)

REVISION = "staffing"
BATCH = 5000


def _staff_hasher() -> Callable[[str], str]:
    """The keyed hash of HR staff identifiers: HMAC-SHA256, truncated to 128 bits.

    The key comes from PAT_STAFF_KEY (falling back to one derived from the
    secret key); the same identifier gets the same key in every snapshot, so
    flows can be followed, but nobody without the key can go back.
    """
    secret = (
        getattr(settings, "PAT_STAFF_KEY", "")
        or hashlib.sha256(("pat-staff-key:" + settings.SECRET_KEY).encode()).hexdigest()
    )
    keyed = hmac.new(secret.encode(), digestmod=hashlib.sha256)

    def key(staff_id: str) -> str:
        one = keyed.copy()  # the keyed state is computed once, not per row
        one.update(staff_id.strip().encode())
        return one.hexdigest()[:32]

    return key


def staff_key(staff_id: str) -> str:
    """The pseudonymous key of one HR staff identifier (see `_staff_hasher`)."""
    return _staff_hasher()(staff_id)


def vocabulary() -> Vocabulary:
    levels = {lv.code: LevelInfo(lv.pk, lv.category, lv.rank) for lv in Level.objects.all()}
    offices: dict[str, OfficeInfo] = {}
    for office in Office.objects.all():
        info = OfficeInfo(office.pk, office.kind == Office.Kind.HEADQUARTERS)
        offices[office.name.lower()] = info
        offices[office.code.lower()] = info
    aliases = {(a.field, a.value.strip().lower()): a.meaning for a in ValueAlias.objects.all()}
    return Vocabulary(levels, offices, aliases)


@dataclass
class ImportOutcome:
    as_of: dt.date | None
    rows: int
    problems: list[Problem]
    problem_count: int
    replaced: bool = False
    written: bool = False
    flows: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


def roster_check(
    *,
    data: bytes,
    filename: str,
    as_of: dt.date | None = None,
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Result, Table | None]:
    """Open and read a roster file: every row, or every problem."""
    try:
        table = read_table(data, filename)
    except RosterFileError as error:
        return Result([], [Problem(0, "", error.template, error.params)], 1, as_of), None
    total = table.total
    result = read_rows(
        table,
        vocabulary(),
        mapping=mapping,
        as_of=as_of,
        progress=(lambda done: progress(done, total)) if progress else None,
    )
    return result, table


def snapshot_import(
    *,
    data: bytes,
    filename: str,
    actor: Any = None,
    as_of: dt.date | None = None,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportOutcome:
    """Import a roster: all rows or none. The same reference date replaces its snapshot."""
    result, _table = roster_check(
        data=data, filename=filename, as_of=as_of, mapping=mapping, progress=progress
    )
    outcome = ImportOutcome(result.as_of, len(result.rows), result.problems, result.problem_count)
    if not result.rows or result.problem_count or result.as_of is None:
        return outcome
    outcome.replaced = Snapshot.objects.filter(as_of=result.as_of).exists()
    if dry_run:
        return outcome
    with transaction.atomic():
        snapshot = _snapshot_replace(
            as_of=result.as_of, rows=result.rows, actor=actor, source_name=filename
        )
        outcome.flows = _flows_around(snapshot, result.rows)
        Revision.bump(REVISION)
    outcome.written = True
    return outcome


def _snapshot_replace(*, as_of: dt.date, rows: list[Row], actor: Any, source_name: str) -> Snapshot:
    snapshot, created = Snapshot.objects.select_for_update().get_or_create(as_of=as_of)
    if not created:
        StaffRecord.objects.filter(snapshot=snapshot).delete()
        StaffCount.objects.filter(snapshot=snapshot).delete()
        Flow.objects.filter(snapshot=snapshot).delete()
    snapshot.imported_by = actor if getattr(actor, "pk", None) else None
    snapshot.source_name = source_name[:255]
    snapshot.rows = len(rows)
    snapshot.imported_at = dt.datetime.now(dt.UTC)
    snapshot.save()
    key = _staff_hasher()
    _insert(
        StaffRecord,
        (
            "snapshot_id",
            "key",
            "sex",
            "level_id",
            "category",
            "office_id",
            "at_headquarters",
            "appointment",
            "long_term",
            "birth_year",
            "entry_date",
        ),
        (
            (
                snapshot.pk,
                key(r.staff_id),
                r.sex,
                r.level.id,
                r.category,
                r.office.id,
                r.at_headquarters,
                r.appointment,
                r.long_term,
                r.birth_year,
                r.entry_date,
            )
            for r in rows
        ),
    )
    cells = Counter(
        (r.office.id, r.level.id, r.category, r.at_headquarters, r.long_term, r.sex) for r in rows
    )
    _insert(
        StaffCount,
        (
            "snapshot_id",
            "office_id",
            "level_id",
            "category",
            "at_headquarters",
            "long_term",
            "sex",
            "count",
        ),
        ((snapshot.pk, *cell, n) for cell, n in cells.items()),
    )
    return snapshot


def _insert(model: Any, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert plain tuples with one executemany per batch.

    A roster is 100,000 rows; building a model instance per row costs more
    than the database does (bench/staffing_import.py). The values are already
    checked by `roster.read_rows`, and the database's constraints still hold.
    """
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        # COPY streams the rows: several times faster than INSERTs on PostgreSQL.
        with connection.cursor() as cursor:
            raw: Any = cursor.cursor
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from _meta
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _bulk(model: Any, objects: Iterable[Any]) -> None:
    batch: list[Any] = []
    for obj in objects:
        batch.append(obj)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)


# (sex, level id, level rank, category, office id, long term)
_Person = tuple[str, int, int, str, int, bool]


def _people(snapshot: Snapshot) -> dict[str, _Person]:
    return {
        key: (sex, level, rank, category, office, long_term)
        for key, sex, level, rank, category, office, long_term in StaffRecord.objects.filter(
            snapshot=snapshot
        ).values_list("key", "sex", "level_id", "level__rank", "category", "office_id", "long_term")
    }


def flows_between(
    before: dict[str, _Person], after: dict[str, _Person]
) -> list[tuple[str, str, _Person, int | None]]:
    """(kind, key, person as in the later snapshot or, for a separation, the earlier, from level).

    A key that appears is an appointment, one that disappears a separation, a
    higher rank within the same category a promotion.
    """
    flows: list[tuple[str, str, _Person, int | None]] = []
    for key, person in after.items():
        old = before.get(key)
        if old is None:
            flows.append((Flow.Kind.APPOINTMENT, key, person, None))
        elif old[3] == person[3] and person[2] > old[2]:
            flows.append((Flow.Kind.PROMOTION, key, person, old[1]))
    flows += [(Flow.Kind.SEPARATION, k, p, None) for k, p in before.items() if k not in after]
    return flows


def _derive(
    earlier: Snapshot, later: Snapshot, before: dict[str, _Person], after: dict[str, _Person]
) -> int:
    Flow.objects.filter(snapshot=later, source=Flow.Source.DERIVED).delete()
    flows = flows_between(before, after)
    _insert(
        Flow,
        (
            "kind",
            "source",
            "on",
            "snapshot_id",
            "key",
            "sex",
            "level_id",
            "from_level_id",
            "category",
            "office_id",
            "long_term",
        ),
        (
            (
                str(kind),
                Flow.Source.DERIVED.value,
                later.as_of,
                later.pk,
                key,
                person[0],
                person[1],
                from_level,
                person[3],
                person[4],
                person[5],
            )
            for kind, key, person, from_level in flows
        ),
    )
    return len(flows)


def _flows_around(snapshot: Snapshot, rows: list[Row]) -> int:
    """Derive the flows into this snapshot and out of it into the next one."""
    key = _staff_hasher()
    this: dict[str, _Person] = {
        key(r.staff_id): (r.sex, r.level.id, r.level.rank, r.category, r.office.id, r.long_term)
        for r in rows
    }
    count = 0
    previous = Snapshot.objects.filter(as_of__lt=snapshot.as_of).order_by("-as_of").first()
    if previous is not None:
        count += _derive(previous, snapshot, _people(previous), this)
    following = Snapshot.objects.filter(as_of__gt=snapshot.as_of).order_by("as_of").first()
    if following is not None:
        count += _derive(snapshot, following, this, _people(following))
    return count


def snapshot_delete(*, snapshot: Snapshot) -> None:
    """Remove a snapshot; the flows of the next one are derived again across the gap."""
    with transaction.atomic():
        following = Snapshot.objects.filter(as_of__gt=snapshot.as_of).order_by("as_of").first()
        previous = Snapshot.objects.filter(as_of__lt=snapshot.as_of).order_by("-as_of").first()
        StaffRecord.objects.filter(snapshot=snapshot).delete()
        snapshot.delete()
        if following is not None:
            Flow.objects.filter(snapshot=following).delete()
            if previous is not None:
                _derive(previous, following, _people(previous), _people(following))
        Revision.bump(REVISION)


# ---------------------------------------------------------------- events

EVENT_KINDS = {
    "appointment": Flow.Kind.APPOINTMENT,
    "hire": Flow.Kind.APPOINTMENT,
    "recruitment": Flow.Kind.APPOINTMENT,
    "promotion": Flow.Kind.PROMOTION,
    "separation": Flow.Kind.SEPARATION,
    "retirement": Flow.Kind.SEPARATION,
    "resignation": Flow.Kind.SEPARATION,
}


def events_import(*, data: bytes, filename: str, dry_run: bool = False) -> ImportOutcome:
    """Import flows as events (staff_id, date, event, sex, grade, office, …), all or none.

    Imported events replace the imported events of the period the file covers;
    for that period they are counted instead of the flows derived from snapshots.
    """
    from pat.staffing.roster import normalize_header

    try:
        table = read_table(data, filename)
    except RosterFileError as error:
        return ImportOutcome(None, 0, [Problem(0, "", error.template, error.params)], 1)
    names = [normalize_header(h) for h in table.headers]
    date_column = next((i for i, h in enumerate(names) if h in ("date", "event_date", "on")), None)
    kind_column = next((i for i, h in enumerate(names) if h in ("event", "kind", "action")), None)
    if date_column is None or kind_column is None:
        problem = Problem(
            1, "event", gettext_noop("The file needs a date column and an event column.")
        )
        return ImportOutcome(None, 0, [problem], 1)
    dates: list[dt.date | None] = []
    kinds: list[str | None] = []
    rest: list[list[Any]] = []
    early: list[Problem] = []
    for line, values in enumerate(table.rows, start=2):
        raw_date = values[date_column] if date_column < len(values) else None
        raw_kind = str(values[kind_column] if kind_column < len(values) else "").strip().lower()
        try:
            dates.append(parse_date(raw_date))
        except (ValueError, TypeError):
            dates.append(None)
            early.append(
                Problem(
                    line,
                    "date",
                    gettext_noop("“%(value)s” is not a date (YYYY-MM-DD)."),
                    {"value": str(raw_date)},
                )
            )
        kinds.append(EVENT_KINDS.get(raw_kind))
        if raw_kind not in EVENT_KINDS:
            early.append(
                Problem(
                    line,
                    "event",
                    gettext_noop("“%(value)s” is not an event PAT knows."),
                    {"value": raw_kind},
                )
            )
        rest.append(values)
    keep = [i for i, h in enumerate(names) if i not in (date_column, kind_column)]
    headers = [table.headers[i] for i in keep]
    # Events repeat a person (appointed, then promoted): identifiers need not be unique here.
    rows_table = Table(
        [*headers, "as_of"],
        iter([[v[i] if i < len(v) else None for i in keep] + ["2000-01-01"] for v in rest]),
        len(rest),
    )
    result = _read_event_rows(rows_table)
    problems = sorted([*early, *result.problems], key=lambda p: p.row)
    count = len(early) + result.problem_count
    outcome = ImportOutcome(None, len(rest), problems[:200], count)
    if count or not rest or dry_run:
        return outcome
    valid_dates = [d for d in dates if d is not None]
    start, end = min(valid_dates), max(valid_dates)
    with transaction.atomic():
        Flow.objects.filter(source=Flow.Source.IMPORTED, on__range=(start, end)).delete()
        _bulk(
            Flow,
            (
                Flow(
                    kind=str(kind),
                    source=Flow.Source.IMPORTED,
                    on=day,  # type: ignore[misc]  # every date was read above
                    key=staff_key(row.staff_id),
                    sex=row.sex,
                    level_id=row.level.id,
                    category=row.category,
                    office_id=row.office.id,
                    long_term=row.long_term,
                )
                for kind, day, row in zip(kinds, dates, result.rows, strict=True)
            ),
        )
        Revision.bump(REVISION)
    outcome.written = True
    outcome.flows = len(result.rows)
    return outcome


def _read_event_rows(table: Table) -> Result:
    # Read each row on its own so a person may appear on several lines.
    vocab = vocabulary()
    rows: list[Row] = []
    problems: list[Problem] = []
    count = 0
    for line, values in enumerate(table.rows, start=2):
        one = read_rows(Table(table.headers, iter([values]), 1), vocab)
        for p in one.problems:
            problems.append(Problem(line, p.column, p.template, p.params))
        count += one.problem_count
        rows.extend(one.rows)
    return Result(rows, problems, count, None)


# ---------------------------------------------------------------- for other apps


def parity_rows(
    *,
    as_of: dt.date | None,
    by: str,
    office: str | None = None,
    viewer: Any = None,
) -> list[dict[str, Any]]:
    """The rows of the parity API and of other apps' reports, as plain dictionaries.

    `by` is grade, level_group, category, duty (HQ/field), region or office;
    `office` narrows to an office and those reporting to it; `viewer` None or
    an HR officer or administrator sees every count, anyone else the counts
    under 5 as "<5" with complementary suppression (and no share beside them).
    """
    table = figures.parity_table(as_of=as_of, by=by, office=office, viewer=viewer)
    result = [r.as_dict() for r in table.rows]
    if by == "office":
        codes = dict(Office.objects.values_list("pk", "code"))
        for r in result:
            r["group"] = codes.get(int(r["group"]), r["group"])
    elif by == "grade":
        for r in result:
            r["group"] = r["label"]
    return result


def representation(
    *, level: str, office_code: str | None = None, on: dt.date
) -> parity.Status | None:
    """Parity status of a grade (in an office and those under it) on a date, or None.

    From the latest roster on or before `on`, counting fixed-term or longer
    appointments; None when there is no roster or nobody at that level.
    """
    snapshot = figures.latest_snapshot(on)
    if snapshot is None:
        return None
    qs = StaffCount.objects.filter(snapshot=snapshot, level__code=level, long_term=True)
    offices = figures.scope_offices(office_code)
    if offices is not None:
        qs = qs.filter(office_id__in=offices)
    counts = dict(qs.values_list("sex").annotate(n=Sum("count")).values_list("sex", "n"))
    return parity.status(int(counts.get("F", 0)), int(counts.get("M", 0)))
