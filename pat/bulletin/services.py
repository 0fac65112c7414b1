"""The bulletin's writes: editing, the editorial workflow, subscriptions and sending.

Each write is keyword-only and atomic. Sending is at most once per issue and subscriber:
`issue_send` creates one `Delivery` row per confirmed subscriber (a unique constraint makes a
second call add nothing), and `deliveries_send` claims each row with a conditional UPDATE
(pending → sending, and only while the subscriber is still subscribed) before mailing it, so
two workers, a retry or a second "send" never mail an address twice, and an unsubscribe that
lands mid-send stops every message not yet claimed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pat.bulletin.models import (
    Article,
    Delivery,
    DeliveryState,
    Edition,
    Image,
    Issue,
    IssueEvent,
    IssueState,
    Subscriber,
    SubscriberState,
)
from pat.core.locking import claim
from pat.guide.markdown import plain_text, render_markdown

log = logging.getLogger(__name__)

BATCH_SIZE = 50
IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = frozenset({"png", "jpg", "jpeg"})
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a confirmation link works for a week
CONFIRM_RESEND_AFTER = dt.timedelta(minutes=15)
_CONFIRM_SALT = "pat.bulletin.confirm"
_UNSUBSCRIBE_SALT = "pat.bulletin.unsubscribe"


class BulletinError(Exception):
    """A refused bulletin action; the message says why (nothing was changed)."""


def _url(path: str) -> str:
    return str(getattr(settings, "PAT_BASE_URL", "http://127.0.0.1:8000")).rstrip("/") + path


def _event(issue: Issue, actor: Any, action: str, note: str = "") -> None:
    IssueEvent.objects.create(issue=issue, actor=actor, action=action, note=note[:1000])


# --- editing ---------------------------------------------------------------------------------


def _editable(issue: Issue) -> None:
    if issue.state == IssueState.PUBLISHED:
        raise BulletinError(_("A published issue is not changed any more."))


@transaction.atomic
def issue_create(*, year: int, quarter: int, title: str, actor: Any) -> Issue:
    if Issue.objects.filter(year=year, quarter=quarter).exists():
        raise BulletinError(
            _("There is already an issue for %(year)s Q%(q)s.") % {"year": year, "q": quarter}
        )
    issue = Issue(year=year, quarter=quarter, created_by=actor)
    issue.full_clean()
    issue.save()
    Edition.objects.create(issue=issue, language="en", title=title.strip())
    _event(issue, actor, "created")
    return issue


@transaction.atomic
def edition_save(
    *,
    issue: Issue,
    language: str,
    title: str,
    summary: str,
    actor: Any,
    version: int | None = None,
) -> Edition:
    """Write an edition (a translation is created on its first save)."""
    _editable(issue)
    edition = Edition.objects.filter(issue=issue, language=language).first()
    if edition is None:
        edition = Edition(issue=issue, language=language, title=title.strip(), summary=summary)
    else:
        claim(edition, expected=version, label=str(edition))
        edition.title, edition.summary = title.strip(), summary
    edition.full_clean()
    edition.save()
    return edition


@transaction.atomic
def article_save(
    *,
    edition: Edition,
    article: Article | None,
    title: str,
    body: str,
    position: int,
    image: Image | None,
    version: int | None = None,
) -> Article:
    _editable(edition.issue)
    if image is not None and image.issue_id != edition.issue_id:
        raise BulletinError(_("Choose an image of this issue."))
    if article is None:
        article = Article(edition=edition)
    else:
        claim(article, expected=version, label=article.title)
    article.title, article.body, article.position, article.image = (
        title.strip(),
        body,
        position,
        image,
    )
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    _editable(article.edition.issue)
    article.delete()


def image_add(*, issue: Issue, upload: Any, alt: str, actor: Any) -> Image:
    """Store a picture that the upload validator accepts (PNG or JPEG by their signature)."""
    from pat.uploads.validation import validate

    _editable(issue)
    content_type = validate(upload, accepted=IMAGE_TYPES, max_bytes=IMAGE_MAX_BYTES)
    with transaction.atomic():
        image = Image(issue=issue, content_type=content_type, alt=alt.strip(), uploaded_by=actor)
        suffix = "png" if content_type == "image/png" else "jpg"
        # A generated name: the uploader's file name never reaches the disk.
        image.file.save(
            f"{issue.slug}-{timezone.now():%Y%m%d%H%M%S%f}.{suffix}", upload, save=False
        )
        image.save()
    return image


# --- the workflow: draft → in review → published ---------------------------------------------


def _move(issue: Issue, *, to: IssueState, version: int | None, **changes: Any) -> None:
    claim(issue, expected=version, label=str(issue), state=to, **changes)


@transaction.atomic
def issue_submit(*, issue: Issue, actor: Any, version: int | None) -> Issue:
    if issue.state != IssueState.DRAFT:
        raise BulletinError(_("Only a draft goes to review."))
    original = issue.editions.filter(language="en").first()
    if original is None or not original.articles.exists():
        raise BulletinError(_("The English edition needs at least one article."))
    _move(issue, to=IssueState.REVIEW, version=version)
    _event(issue, actor, "submitted")
    return issue


@transaction.atomic
def issue_return(*, issue: Issue, actor: Any, note: str, version: int | None) -> Issue:
    if issue.state != IssueState.REVIEW:
        raise BulletinError(_("Only an issue in review is returned."))
    _move(issue, to=IssueState.DRAFT, version=version)
    _event(issue, actor, "returned", note)
    return issue


@transaction.atomic
def issue_publish(*, issue: Issue, actor: Any, version: int | None) -> Issue:
    if issue.state != IssueState.REVIEW:
        raise BulletinError(_("Only an issue reviewed by the coordinator is published."))
    _move(issue, to=IssueState.PUBLISHED, version=version, published_at=timezone.now())
    _event(issue, actor, "published")
    return issue


# --- subscriptions ---------------------------------------------------------------------------


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt=_CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt=_UNSUBSCRIBE_SALT)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return _url(reverse("bulletin:unsubscribe", kwargs={"token": unsubscribe_token(subscriber)}))


def _subscriber_of(token: str, *, salt: str, max_age: int | None) -> Subscriber:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BulletinError(_("This link has expired: subscribe again.")) from error
    except signing.BadSignature as error:
        raise BulletinError(_("This link is not valid.")) from error
    subscriber = Subscriber.objects.filter(pk=data.get("id"), email=data.get("email")).first()
    if subscriber is None:
        raise BulletinError(_("This link is not valid."))
    return subscriber


def subscriber_for_unsubscribe(token: str) -> Subscriber:
    """The subscriber an unsubscribe link names (the link never expires)."""
    return _subscriber_of(token, salt=_UNSUBSCRIBE_SALT, max_age=None)


@transaction.atomic
def subscriber_request(*, email: str, language: str) -> Subscriber:
    """Start a subscription: the address gets a link to confirm it (double opt-in).

    A confirmed address is left as it is and gets no mail, so that nobody learns from the
    page whether an address is subscribed, nor can flood it.
    """
    address = email.strip().lower()
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=address, defaults={"language": language}
    )
    if subscriber.state == SubscriberState.CONFIRMED:
        return subscriber
    now = timezone.now()
    if (
        subscriber.state == SubscriberState.PENDING
        and subscriber.requested_at is not None
        and now - subscriber.requested_at < CONFIRM_RESEND_AFTER
    ):
        return subscriber  # a confirmation mail went out a moment ago
    subscriber.language = language
    subscriber.state = SubscriberState.PENDING
    subscriber.requested_at = now
    subscriber.full_clean()
    subscriber.save()
    link = _url(reverse("bulletin:confirm", kwargs={"token": confirm_token(subscriber)}))
    with translation.override(language):
        subject = _("Confirm your subscription to the Gender and Migration News Bulletin")
        body = "\n\n".join(
            [
                _("Someone, probably you, asked to receive the bulletin at this address."),
                _("To confirm, open this link within seven days:"),
                link,
                _("If you did not ask for it, ignore this message: nothing will be sent."),
            ]
        )
    from pat.bulletin.tasks import send_confirmation

    transaction.on_commit(lambda: send_confirmation.enqueue(address, subject, body))
    return subscriber


@transaction.atomic
def subscriber_confirm(*, token: str) -> Subscriber:
    subscriber = _subscriber_of(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    Subscriber.objects.filter(pk=subscriber.pk, state=SubscriberState.PENDING).update(
        state=SubscriberState.CONFIRMED, confirmed_at=timezone.now()
    )
    subscriber.refresh_from_db()
    if subscriber.state != SubscriberState.CONFIRMED:
        raise BulletinError(_("This subscription was cancelled: subscribe again."))
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, token: str) -> Subscriber:
    """Unsubscribe at once; deliveries of this address not yet claimed are skipped."""
    subscriber = _subscriber_of(token, salt=_UNSUBSCRIBE_SALT, max_age=None)
    Subscriber.objects.filter(pk=subscriber.pk).exclude(state=SubscriberState.UNSUBSCRIBED).update(
        state=SubscriberState.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )
    Delivery.objects.filter(subscriber=subscriber, state=DeliveryState.PENDING).update(
        state=DeliveryState.SKIPPED
    )
    subscriber.refresh_from_db()
    return subscriber


# --- sending ---------------------------------------------------------------------------------


@transaction.atomic
def issue_send(*, issue: Issue, actor: Any) -> int:
    """Queue the issue for every confirmed subscriber who has not had it; the count queued."""
    if issue.state != IssueState.PUBLISHED:
        raise BulletinError(_("Only a published issue is sent."))
    languages = set(issue.editions.values_list("language", flat=True))
    have = set(Delivery.objects.filter(issue=issue).values_list("subscriber_id", flat=True))
    rows = [
        Delivery(
            issue=issue,
            subscriber_id=pk,
            language=language if language in languages else "en",
        )
        for pk, language in Subscriber.objects.filter(state=SubscriberState.CONFIRMED)
        .exclude(pk__in=have)
        .values_list("pk", "language")
    ]
    # ignore_conflicts: a row another "send" made meanwhile stays the one row.
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    _event(issue, actor, "sent", str(len(rows)))
    from pat.bulletin.tasks import send_issue

    transaction.on_commit(lambda: send_issue.enqueue(issue.pk))
    return len(rows)


def claim_batch(issue_id: int, size: int = BATCH_SIZE) -> list[int]:
    """Claim up to `size` pending deliveries of subscribers still subscribed; their ids.

    Each row is claimed by its own conditional UPDATE: of two workers only the one whose
    UPDATE changed the row sends it.
    """
    candidates = list(
        Delivery.objects.filter(issue_id=issue_id, state=DeliveryState.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[: size * 2]
    )
    subscribed = Subscriber.objects.filter(state=SubscriberState.CONFIRMED).values("pk")
    # One commit per batch; each row is still claimed by its own UPDATE, in key order in
    # every worker (so two workers wait on each other rather than deadlock).
    with transaction.atomic():
        return _claim_each(candidates, size, subscribed, timezone.now())


def _claim_each(candidates: list[int], size: int, subscribed: Any, now: Any) -> list[int]:
    won: list[int] = []
    for pk in candidates:
        if len(won) >= size:
            break
        # One UPDATE on the delivery's own row, its state in the WHERE: PostgreSQL re-checks
        # that condition on the row a concurrent claim committed, so only one claim wins. (A
        # join on the subscriber would turn it into "id IN (subquery)", whose snapshot is
        # not re-checked, and two workers could both win.)
        claimed = Delivery.objects.filter(
            pk=pk, state=DeliveryState.PENDING, subscriber_id__in=subscribed
        ).update(state=DeliveryState.SENDING, claimed_at=now)
        if claimed:
            won.append(pk)
        else:
            # Not ours: another worker has it, or the subscriber left (skip it).
            Delivery.objects.filter(pk=pk, state=DeliveryState.PENDING).exclude(
                subscriber_id__in=subscribed
            ).update(state=DeliveryState.SKIPPED)
    return won


@dataclass(frozen=True)
class _Rendered:
    """An edition as a message, rendered once per batch; each subscriber's link goes in."""

    subject: str
    text: str
    html: str


_LEAVE = "__PAT_UNSUBSCRIBE_URL__"


def _render(issue: Issue, language: str) -> _Rendered:
    edition = issue.edition(language)
    assert edition is not None  # a published issue has its English edition
    articles = list(edition.articles.order_by("position", "pk"))
    web = _url(
        reverse("bulletin:public-edition", kwargs={"issue": issue.slug, "lang": edition.language})
    )
    with translation.override(edition.language):
        subject = _("Gender and Migration News Bulletin, %(issue)s: %(title)s") % {
            "issue": issue,
            "title": edition.title,
        }
        text = "\n\n".join(
            [
                edition.title,
                plain_text(edition.summary),
                *[f"{a.title}\n\n{plain_text(a.body)}" for a in articles],
                _("Read it on the web: %(url)s") % {"url": web},
                _("Unsubscribe: %(url)s") % {"url": _LEAVE},
            ]
        )
        html = render_to_string(
            "bulletin/email.html",
            {
                "edition": edition,
                "issue": issue,
                "summary": render_markdown(edition.summary),
                "articles": [(a, render_markdown(a.body)) for a in articles],
                "web_url": web,
                "unsubscribe_url": _LEAVE,
            },
        )
    return _Rendered(subject, text, html)


def message_for(
    delivery: Delivery, rendered: dict[str, _Rendered] | None = None
) -> EmailMultiAlternatives:
    """The issue in the subscriber's language (or English), as text and HTML, with the
    one-click unsubscribe headers of RFC 8058 (`rendered` keeps editions across a batch)."""
    issue, subscriber = delivery.issue, delivery.subscriber
    language = delivery.language or subscriber.language
    cache = {} if rendered is None else rendered
    if language not in cache:
        cache[language] = _render(issue, language)
    parts = cache[language]
    leave = unsubscribe_url(subscriber)
    message = EmailMultiAlternatives(
        parts.subject,
        parts.text.replace(_LEAVE, leave),
        None,
        [subscriber.email],
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(parts.html.replace(_LEAVE, leave), "text/html")
    return message


def deliveries_send(*, issue_id: int, batch_size: int = BATCH_SIZE) -> int:
    """Send the issue's pending deliveries in batches (one mail connection per batch)."""
    sent = 0
    while batch := claim_batch(issue_id, batch_size):
        sent += send_claimed(batch)
    return sent


def send_claimed(batch: list[int]) -> int:
    """Mail the deliveries this worker claimed; each ends sent or failed (never pending)."""
    deliveries = list(
        Delivery.objects.filter(pk__in=batch, state=DeliveryState.SENDING).select_related(
            "issue", "subscriber"
        )
    )
    if not deliveries:
        return 0
    issue = Issue.objects.prefetch_related("editions").get(pk=deliveries[0].issue_id)
    rendered: dict[str, _Rendered] = {}
    done: list[int] = []
    with get_connection() as connection:
        for delivery in deliveries:
            delivery.issue = issue
            try:
                message = message_for(delivery, rendered)
                message.connection = connection
                message.send()
            except Exception as error:  # one bad address must not stop the batch
                log.warning("bulletin delivery %s failed: %s", delivery.pk, error)
                Delivery.objects.filter(pk=delivery.pk).update(
                    state=DeliveryState.FAILED, error=str(error)[:500]
                )
                continue
            done.append(delivery.pk)
    # Claimed rows are never sent again whatever their state, so marking the batch's sent
    # rows in one statement keeps the guarantee (a crash here leaves them "sending").
    Delivery.objects.filter(pk__in=done).update(state=DeliveryState.SENT, sent_at=timezone.now())
    return len(done)
