"""The organization: offices, departments, users and the roles they hold per office."""

from __future__ import annotations

import hashlib
import secrets
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from pat.core.regions import Region

if TYPE_CHECKING:
    from collections.abc import Iterable


class TranslatedName(models.Model):
    """Reference data whose name users read in their language (English is `name`).

    `str()` gives the name in the active language, falling back to English when the
    translation is blank; code that needs the stable name (the API, frozen versions) reads
    `name`.
    """

    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.localized_name()

    def localized_name(self, language: str | None = None) -> str:
        code = (language or get_language() or "en")[:2]
        name: str = getattr(self, "name", "")
        if code in ("fr", "es"):
            return str(getattr(self, f"name_{code}", "") or name)
        return name


class Office(TranslatedName):
    class Kind(models.TextChoices):
        HEADQUARTERS = "hq", _("Headquarters")
        REGIONAL = "regional", _("Regional office")
        COUNTRY = "country", _("Country office")

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=8, choices=Region.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")


class Department(TranslatedName):
    """A headquarters department or one of its units (a unit has a parent department)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department or unit")
        verbose_name_plural = _("departments and units")


class User(AbstractUser):
    """A staff member; what they may do comes from their roles, per office."""

    def __str__(self) -> str:
        # People are shown by name; the user name is for signing in (and the API).
        return self.get_full_name() or self.get_username()

    def role_kinds(self, office: Office | None = None) -> set[str]:
        roles: Iterable[Role] = self._cached_roles()
        return {r.kind for r in roles if office is None or r.office_id == office.pk}

    def offices_with(self, *kinds: str) -> set[int]:
        return {r.office_id for r in self._cached_roles() if r.kind in kinds}

    def has_role(self, kind: str, office: Office | None = None) -> bool:
        return kind in self.role_kinds(office)

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or any(
            r.kind == Role.Kind.ADMINISTRATOR for r in self._cached_roles()
        )

    def held_roles(self) -> list[Role]:
        """The user's roles with their office and department, read once per instance."""
        return self._cached_roles()

    def _cached_roles(self) -> list[Role]:
        # Roles are read on nearly every request for permission checks: kept on the instance,
        # and between requests under the roles revision, which every write to a role, an
        # office or a department moves (CoreConfig.ready), so a change applies at once.
        cached: list[Role] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = []
            if self.pk:
                from pat.core.fragments import remembered

                key = f"core:roles:{self.pk}:{Revision.current(ROLES_REVISION)}"
                cached = remembered(key, self._read_roles, ROLES_CACHE_SECONDS)
            self._roles_cache = cached
        return cached

    def _read_roles(self) -> list[Role]:
        # With their office and department: permission rules read both (one join).
        return list(self.roles.select_related("office", "department"))


ROLES_REVISION = "roles"
ROLES_CACHE_SECONDS = 3600
# Pages that show people by name (focal points, reviewers) are cached under this revision.
PEOPLE_REVISION = "people"


def person_changed(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """A saved user may have a new name. Signing in saves the user too, its last sign-in
    time only: that changes no name and moves nothing."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    Revision.bump(PEOPLE_REVISION)


class Role(models.Model):
    class Kind(models.TextChoices):
        PROJECT_DEVELOPER = "developer", _("Project developer")
        REVIEWER = "reviewer", _("Reviewer")
        GENDER_FOCAL_POINT = "gfp", _("Gender Focal Point")
        CHIEF_OF_MISSION = "com", _("Chief of Mission")
        HR_OFFICER = "hr", _("HR officer")
        ADMINISTRATOR = "admin", _("Administrator")
        GENDER_COORDINATOR = "coord", _("Gender coordinator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=10, choices=Kind.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department or unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("For reviewers: the department or unit they review for."),
    )

    class Meta:
        ordering = ["office__name", "kind"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        # Two partial constraints rather than NULLS NOT DISTINCT, which SQLite lacks:
        # a role is held once per office, and once per department where it has one.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "office", "kind", "department"],
                condition=models.Q(department__isnull=False),
                name="role_unique_per_department",
            ),
            models.UniqueConstraint(
                fields=["user", "office", "kind"],
                condition=models.Q(department__isnull=True),
                name="role_unique_per_office",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.office}"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        """Tokens that still open the API: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now())
        )


class ApiToken(models.Model):
    """A personal token for the JSON API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, default="default")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Null only for tokens issued before tokens expired; new ones always get a date.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(
        cls, user: User, name: str = "default", days: int | None = None
    ) -> tuple[ApiToken, str]:
        """Create a token and return it with the raw secret, shown once.

        It expires after `days` (PAT_API_TOKEN_DAYS when not given).
        """
        lifetime = settings.PAT_API_TOKEN_DAYS if days is None else days
        if lifetime < 1:
            raise ValueError("A token lives at least one day.")
        raw = "pat_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            digest=cls.digest_of(raw),
            prefix=raw[4:12],
            expires_at=timezone.now() + timedelta(days=lifetime),
        )
        return token, raw

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    def revoke(self) -> None:
        """Stop the token at once; revoking twice keeps the first date."""
        ApiToken.objects.filter(pk=self.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        self.refresh_from_db(fields=["revoked_at"])

    @classmethod
    def authenticate(cls, raw: str) -> User | None:
        token = (
            cls.objects.active().select_related("user").filter(digest=cls.digest_of(raw)).first()
        )
        if token is None or not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user


class Country(models.Model):
    """An ISO 3166-1 country and the region that covers it (names come from django-countries)."""

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    region = models.CharField(_("region"), max_length=8, choices=Region.choices, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        from django_countries import countries

        return str(countries.name(self.code)) or self.code

    @classmethod
    def choices(cls, region: str | None = None) -> list[tuple[str, str]]:
        """(code, name) in the active language, by name as a reader expects: Égypte
        beside Espagne, not after Zimbabwe; only the region's countries when one is given."""
        rows = cls.objects.filter(region=region) if region else cls.objects.all()
        return sorted(((c.code, c.name) for c in rows), key=lambda c: name_key(c[1]))


def name_key(name: str) -> str:
    """A sort key that ignores accents and case (É sorts with E, ñ with n)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Revision(models.Model):
    """A counter per kind of shared data, bumped on every change.

    Pages that many users read alike (the project list) are cached under a key
    that includes the revision, so every app server sees a change at once
    without a shared cache.
    """

    name = models.CharField(max_length=50, primary_key=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.name}@{self.value}"

    @classmethod
    def bump(cls, name: str) -> None:
        if not cls.objects.filter(name=name).update(value=models.F("value") + 1):
            cls.objects.get_or_create(name=name)
            cls.objects.filter(name=name).update(value=models.F("value") + 1)
        # What this request read before is out of date: read again on the next ask.
        _request_revisions.clear()

    @classmethod
    def several(cls, *names: str) -> dict[str, int]:
        """The values of several revisions (a page keyed by several kinds of data).

        Within a request, outside any transaction, every revision is read once, on the first
        ask (the table holds a row per kind of data: a dozen), and later asks are answered
        from that reading: a page asks for two or three (its own, the roles of its reader).
        A request sees the revisions as they were when it first asked, as it would if all its
        asks had come at once; its own bumps make it read again.
        """
        table = cls._meta.db_table
        if _request_revisions.keeps:
            if not _request_revisions.values:
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT name, value FROM {table}")  # noqa: S608
                    _request_revisions.take(cursor.fetchall())
            found = _request_revisions.values
        else:
            marks = ", ".join(["%s"] * len(names))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT name, value FROM {table} WHERE name IN ({marks})",  # noqa: S608
                    list(names),
                )
                found = dict(cursor.fetchall())
        return {name: int(found.get(name) or 0) for name in names}

    @classmethod
    def follow(cls, name: str, *followed: type[models.Model]) -> None:
        """Bump revision `name` on every write to the `followed` models.

        Saves and deletes (forms, services, the admin) are heard through Django's signals, the
        services' optimistic-lock claims through `pat.core.locking.claimed`. A queryset's
        bulk update or bulk create is heard by neither: code that writes so bumps by hand.
        """
        from django.db.models.signals import post_delete, post_save

        from pat.core.locking import claimed

        def bump(sender: Any, **kwargs: Any) -> None:
            cls.bump(name)

        for model in followed:
            uid = f"revision-follows:{name}:{model._meta.label}"
            for signal in (post_save, post_delete, claimed):
                signal.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}:{id(signal)}")

    @classmethod
    def primed(cls, rows: Any) -> None:
        """Take every revision as read by another query of this request (name, value rows).

        The session's read brings them along (pat.accounts.fast): one round trip to the
        database instead of two on every signed-in page. Ignored where `several` would not
        keep a reading (outside a request, inside a transaction) or has one already.
        """
        if _request_revisions.keeps and not _request_revisions.values:
            _request_revisions.take(rows)

    @classmethod
    def current(cls, name: str) -> int:
        # Read on nearly every page to key its cache, in SQL because building the same ORM
        # query costs more than running it (see `several`).
        return cls.several(name)[name]


class _RequestRevisions:
    """The revisions one request has read (`Revision.several`), per thread.

    `pat.core.apps` opens it when a request starts and closes it when it ends; outside a
    request (commands, the task worker, tests calling services) every ask reads the table.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    @property
    def active(self) -> bool:
        return getattr(self._local, "values", None) is not None

    @property
    def values(self) -> dict[str, int]:
        values: dict[str, int] = self._local.values
        return values

    @values.setter
    def values(self, values: dict[str, int]) -> None:
        self._local.values = values

    def open(self, **kwargs: Any) -> None:
        self._local.values = {}

    @property
    def keeps(self) -> bool:
        """Whether a reading is kept now: within a request, outside any transaction."""
        return self.active and not connection.in_atomic_block

    def take(self, rows: Any) -> None:
        """Keep a reading of the table: (name, value) rows."""
        self._local.values = {str(n): int(v) for n, v in rows}
        self._local.values[""] = 0  # read, even when the table is empty

    def clear(self) -> None:
        if self.active:
            self._local.values = {}

    def close(self, **kwargs: Any) -> None:
        self._local.values = None


_request_revisions = _RequestRevisions()
