"""Sending an issue: once per subscriber however often or by however many workers it is
sent, in the subscriber's language, with the one-click unsubscribe of RFC 8058 honoured even
mid-send; and the double opt-in."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from pat.bulletin import services
from pat.bulletin.models import Delivery, DeliveryState, Issue, Subscriber, SubscriberState

pytestmark = pytest.mark.django_db

CONFIRMED = {"ana@example.org", "claire@example.org", "lucia@example.org"}


def recipients() -> Counter[str]:
    return Counter(address for m in mail.outbox for address in m.to)


def send_all(issue: Issue, actor: Any) -> int:
    services.issue_send(issue=issue, actor=actor)
    return services.deliveries_send(issue_id=issue.pk, batch_size=2)


def test_each_confirmed_subscriber_gets_the_issue_once_even_when_it_is_sent_twice(
    published: Issue, subscribers: dict[str, Any], coordinator: Any
) -> None:
    assert send_all(published, coordinator) == 3
    assert send_all(published, coordinator) == 0
    assert services.issue_send(issue=published, actor=coordinator) == 0
    assert recipients() == Counter(dict.fromkeys(CONFIRMED, 1))
    assert Delivery.objects.filter(issue=published).count() == 3


def test_a_new_subscriber_gets_the_issue_when_it_is_sent_again(
    published: Issue, subscribers: dict[str, Any], coordinator: Any
) -> None:
    send_all(published, coordinator)
    Subscriber.objects.filter(email="pending@example.org").update(state=SubscriberState.CONFIRMED)
    assert send_all(published, coordinator) == 1
    assert recipients()["pending@example.org"] == 1 and sum(recipients().values()) == 4


def test_two_workers_sharing_the_queue_send_each_address_once(
    published: Issue, subscribers: dict[str, Any], coordinator: Any
) -> None:
    services.issue_send(issue=published, actor=coordinator)
    first_worker = services.claim_batch(published.pk, 2)
    # The second worker (or a retry of the task) runs while the first holds its batch.
    second = services.deliveries_send(issue_id=published.pk)
    first = services.send_claimed(first_worker)
    assert (first, second) == (2, 1)
    assert services.send_claimed(first_worker) == 0  # a retry of the first batch sends nothing
    assert recipients() == Counter(dict.fromkeys(CONFIRMED, 1))


def test_an_unsubscribe_during_the_send_is_honoured(
    published: Issue, subscribers: dict[str, Any], coordinator: Any
) -> None:
    services.issue_send(issue=published, actor=coordinator)
    claimed = services.claim_batch(published.pk, 1)
    services.send_claimed(claimed)
    first = Delivery.objects.get(pk=claimed[0]).subscriber
    leaving = next(s for s in subscribers.values() if s.email in CONFIRMED and s != first)
    services.subscriber_unsubscribe(token=services.unsubscribe_token(leaving))
    services.deliveries_send(issue_id=published.pk)
    assert leaving.email not in recipients()
    assert sum(recipients().values()) == 2
    assert Delivery.objects.get(subscriber=leaving).state == DeliveryState.SKIPPED


def test_each_subscriber_reads_their_language_where_there_is_a_translation(
    published: Issue, subscribers: dict[str, Any], coordinator: Any
) -> None:
    send_all(published, coordinator)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Les femmes en mouvement" in by_address["claire@example.org"].subject
    assert "Women on the move" in by_address["lucia@example.org"].subject  # no Spanish edition
    english = by_address["ana@example.org"]
    assert "Counter-trafficking in West Africa" in english.body
    html = english.alternatives[0][0]  # type: ignore[attr-defined]
    assert "<em>three</em>" in html


def test_every_message_carries_the_one_click_unsubscribe_headers_and_a_link(
    published: Issue, subscribers: dict[str, Any], coordinator: Any
) -> None:
    send_all(published, coordinator)
    message = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(https?://[^>]+)>", header).group(1)  # type: ignore[union-attr]
    assert url in message.body
    # A mail client's one-click POST: no session, no CSRF token (RFC 8058).
    client = Client(enforce_csrf_checks=True)
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.post(
        "/" + path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get(email="ana@example.org").state == SubscriberState.UNSUBSCRIBED


def test_opening_the_unsubscribe_link_asks_before_unsubscribing(
    subscribers: dict[str, Any], client: Client
) -> None:
    token = services.unsubscribe_token(subscribers["en"])
    page = client.get(f"/bulletin/unsubscribe/{token}/")
    assert page.status_code == 200 and b'method="post"' in page.content
    assert Subscriber.objects.get(email="ana@example.org").state == SubscriberState.CONFIRMED
    assert client.get("/bulletin/unsubscribe/forged-token/").status_code == 400


def test_only_a_published_issue_is_sent(draft: Issue, coordinator: Any) -> None:
    with pytest.raises(services.BulletinError):
        services.issue_send(issue=draft, actor=coordinator)
    assert not Delivery.objects.exists()


def test_sending_goes_through_the_task_worker(
    published: Issue,
    subscribers: dict[str, Any],
    coordinator: Any,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bulletin/editor/{published.pk}/do/send/")
    assert response.status_code == 302
    assert recipients() == Counter(dict.fromkeys(CONFIRMED, 1))
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


def test_subscribing_needs_the_emailed_confirmation(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/bulletin/subscribe/", {"email": "New.Reader@Example.org", "language": "fr"}
        )
    assert response.status_code == 200
    subscriber = Subscriber.objects.get(email="new.reader@example.org")
    assert subscriber.state == SubscriberState.PENDING
    (message,) = mail.outbox
    assert message.to == ["new.reader@example.org"]
    assert "abonnement" in message.subject  # in the language asked for
    link = re.search(r"https?://\S+/bulletin/confirm/(\S+)/", message.body)
    assert link is not None
    assert client.get(f"/bulletin/confirm/{link.group(1)}x/").status_code == 400
    assert Subscriber.objects.get(pk=subscriber.pk).state == SubscriberState.PENDING
    assert client.get(f"/bulletin/confirm/{link.group(1)}/").status_code == 200
    assert Subscriber.objects.get(pk=subscriber.pk).state == SubscriberState.CONFIRMED


def test_a_confirmation_link_does_not_unsubscribe_and_an_unsubscribe_link_does_not_confirm(
    subscribers: dict[str, Any],
) -> None:
    pending = subscribers["pending"]
    with pytest.raises(services.BulletinError):
        services.subscriber_confirm(token=services.unsubscribe_token(pending))
    with pytest.raises(services.BulletinError):
        services.subscriber_unsubscribe(token=services.confirm_token(pending))


def test_an_old_confirmation_link_has_expired(
    subscribers: dict[str, Any], monkeypatch: Any
) -> None:
    token = services.confirm_token(subscribers["pending"])
    monkeypatch.setattr(services, "CONFIRM_MAX_AGE", -1)
    with pytest.raises(services.BulletinError, match="expired"):
        services.subscriber_confirm(token=token)
    assert isinstance(signing.loads(token, salt="pat.bulletin.confirm"), dict)


def test_subscribing_a_confirmed_address_again_mails_nothing(
    subscribers: dict[str, Any], client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/bulletin/subscribe/", {"email": "ana@example.org", "language": "en"})
    assert mail.outbox == []
    assert Subscriber.objects.get(email="ana@example.org").state == SubscriberState.CONFIRMED


def test_asking_again_within_minutes_sends_no_second_confirmation(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post("/bulletin/subscribe/", {"email": "new@example.org", "language": "en"})
    assert len(mail.outbox) == 1
    Subscriber.objects.filter(email="new@example.org").update(
        requested_at=timezone.now() - services.CONFIRM_RESEND_AFTER
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/bulletin/subscribe/", {"email": "new@example.org", "language": "en"})
    assert len(mail.outbox) == 2
