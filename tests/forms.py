"""Submit a rendered form as a browser would, for tests that use Django's test client."""

from __future__ import annotations

import lxml.html


def form_values(html: str, *, xpath: str = "//form[@method='post']") -> dict[str, list[str]]:
    """What a browser sends, untouched, for the first form the XPath finds.

    Disabled controls, unchecked boxes and buttons are left out, as a browser
    leaves them out; a <select> sends its selected options.
    """
    forms = lxml.html.fromstring(html).xpath(xpath)
    assert forms, f"no form matches {xpath!r}"
    values: dict[str, list[str]] = {}
    for control in forms[0].iter("input", "select", "textarea"):
        name = control.get("name")
        if not name or control.get("disabled") is not None:
            continue
        if control.tag == "input":
            kind = (control.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                continue
            if kind in {"checkbox", "radio"} and control.get("checked") is None:
                continue
            value = control.get("value")
            if value is None:
                value = "on" if kind in {"checkbox", "radio"} else ""
            values.setdefault(name, []).append(value)
        elif control.tag == "select":
            chosen = [
                o.get("value", o.text_content())
                for o in control.iter("option")
                if o.get("selected") is not None
            ]
            values.setdefault(name, []).extend(chosen)
        else:
            text = control.text or ""
            # A browser drops the one newline that follows <textarea>.
            values.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
    return values


def input_value(html: str, name: str) -> str | None:
    """The value attribute of the input called name (None when it has none)."""
    found = lxml.html.fromstring(html).xpath(f"//input[@name='{name}']")
    assert found, f"no input named {name}"
    return found[0].get("value")
