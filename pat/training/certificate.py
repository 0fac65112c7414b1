"""The certificate of attendance, written by the shared PDF writer (`pat.core.pdf`)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pat.core.pdf import render_pdf
from pat.training.models import Participant


def pdf(participant: Participant) -> bytes:
    session = participant.session
    days = (
        date_format(session.starts_on)
        if session.starts_on == session.ends_on
        else f"{date_format(session.starts_on)} – {date_format(session.ends_on)}"
    )
    return render_pdf(
        _("Certificate of attendance"),
        [
            ("p", _("This is to certify that")),
            ("h1", participant.name),
            ("p", _("attended the course")),
            ("h2", str(session.course)),
            (
                "p",
                _("held in %(place)s on %(days)s, organized by %(office)s.")
                % {"place": session.place, "days": days, "office": session.office},
            ),
            ("p", _("Trainers: %(names)s") % {"names": session.trainers}),
            ("p", _("Certificate number: %(n)s") % {"n": participant.certificate_number}),
        ],
    )
