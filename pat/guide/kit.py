"""The offline kit (one self-contained HTML file) and the PDF of the guide.

The kit carries the guide in one language (English where a page has no translation), the
terminology list of that language, and a checker that runs in the browser. The checker is our
own small JavaScript (kitfiles/checker.js); it does no morphology. Python expands each rule into
every written form with the engine's own public functions (export_rules, case_variants), so the
JavaScript only looks words up and applies the filters it can apply from lists: accepted pairs,
exceptions, proper names, the allow list, addresses, capitalised names and quoted titles. Rules
whose decision needs the sentence (pronoun referents, minors, lumping, titles before names,
French and Spanish doublets) are shown separately, with a plain note that they were not checked
in context.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from pat.core.pdf import render_pdf
from pat.guide.models import GuidePage
from pat.termbase import checker
from pat.terminology.context import BUILTIN_PAIRS, HUMANITY_WORDS
from pat.terminology.matcher import inflect
from pat.terminology.rules import case_variants, export_rules, load_rules

KIT_FILES = Path(__file__).resolve().parent / "kitfiles"
MODE = "proposal"
MAX_BYTES = 2 * 1024 * 1024

# Categories and context tags whose findings depend on the sentence, which the kit cannot judge.
CONTEXT_CATEGORIES = frozenset(
    {"generic-pronoun", "vulnerable-lumping", "courtesy-title", "feminine-title"}
)
CONTEXT_TAGS = frozenset({"generic-referent", "minors-ok", "adult-lumping", "title-before-name"})


def is_list_based(entry: dict[str, Any], lang: str) -> bool:
    """True when a word list decides the finding: the kit then matches the Python checker."""
    if entry["category"] in CONTEXT_CATEGORIES:
        return False
    if CONTEXT_TAGS & set(entry["context"]):
        return False
    if entry["category"] == "humanity" and _bare_humanity(entry, lang):
        # Bare "man" / "l'homme" / "el hombre" is humankind only in some sentences.
        return False
    # Generic masculines are dropped beside a doublet or after a non-human noun.
    return bool(entry["category"] != "generic-masculine")


def _bare_humanity(entry: dict[str, Any], lang: str) -> bool:
    raw = entry.get("forms") or {}
    # Shipped entries group their forms by number; exported ones list every form.
    listed = (
        [f for group in raw.values() for f in group]
        if isinstance(raw, dict)
        else [f["form"] for f in raw]
    )
    forms = {_norm(f) for f in listed} | {_norm(entry["lemma"])}
    return forms <= HUMANITY_WORDS.get(lang, frozenset())


def _norm(s: str) -> str:
    return s.lower().replace("\u2019", "'")


def kit_rules(lang: str) -> dict[str, Any]:
    """The rule data the JavaScript checker runs on, for proposal mode.

    The organization's current rule set (the term base: shipped rules, its
    additions, without what it disabled), as every other checker in the app uses.
    """
    rules = checker.current_rules().rulesets.get(lang) or load_rules(lang)
    exported = export_rules(lang, rules)
    entries: list[dict[str, Any]] = []
    index: dict[str, list[list[Any]]] = {}
    written: dict[str, bool] = {}
    for raw in exported["entries"]:
        if raw["mode"] not in {"both", MODE}:
            continue
        number = len(entries)
        source = rules.by_id[raw["id"]]
        tags = sorted({f["tag"] for f in raw["forms"]})
        entries.append(
            {
                "id": raw["id"],
                "lemma": raw["lemma"],
                "category": raw["category"],
                "severity": raw["severity"],
                "explanation": raw["explanation"],
                "debatable": raw["debatable"],
                "guide": raw["guide"],
                "list": is_list_based(raw, lang),
                "verb": source.pos == "verb",
                # Suggestions already bent to each form's number or verb form.
                "suggest": {tag: list(inflect(source, tag, "x", "")) for tag in tags},
                "suggestions": raw["suggestions"],
            }
        )
        for f in raw["forms"]:
            bucket = index.setdefault(_norm(f["form"]), [])
            if not any(b[0] == number for b in bucket):
                bucket.append([number, f["tag"], f["possessive"]])
            for variant in case_variants(f["form"]):
                written[variant] = written.get(variant, False) or f["possessive"]
    by_run: dict[str, list[list[Any]]] = {}
    odd: list[list[Any]] = []
    for variant, poss in written.items():
        m = re.match(r"\w+", variant)
        if not m:
            odd.append([variant, poss])
            continue
        by_run.setdefault(m.group().lower(), []).append([variant, poss])
    for items in by_run.values():
        items.sort(key=lambda vp: (-len(vp[0]), vp[0]))
    except_owner: dict[str, list[str]] = {}
    for raw in exported["entries"]:
        for phrase in raw["except"]:
            except_owner.setdefault(_norm(phrase), []).append(raw["id"])
    return {
        "lang": lang,
        "mode": MODE,
        "entries": entries,
        "index": index,
        "byRun": by_run,
        "odd": odd,
        "pairs": list(BUILTIN_PAIRS.get(lang, ())) + exported["accepted_pairs"],
        "properNames": exported["proper_names"],
        "exceptOwner": except_owner,
    }


def _json_for_script(data: Any) -> str:
    # Inside <script>, "</" and "<!--" must not appear; \u003c keeps the JSON identical.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


_INTERNAL = re.compile(r'href="/guide/([a-z0-9-]+)/(?:\?[^"]*)?"')
_HEADING = re.compile(r"<(/?)h([1-6])>")
_ANCHOR = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)


def offline_html(body_html: str) -> str:
    """Guide links become in-file anchors; other links become text (the kit loads nothing)."""
    body_html = _INTERNAL.sub(lambda m: f'href="#p-{m.group(1)}"', body_html)
    # Page titles are the kit's <h2>; the pages' own headings move one level down.
    body_html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}>", body_html)

    def relink(m: re.Match[str]) -> str:
        href, label = m.group(1), m.group(2)
        if href.startswith("#"):
            return f'<a href="{href}">{label}</a>'
        shown = html.unescape(href)
        if shown.startswith(("http://", "https://", "mailto:")):
            return f'{label} <span class="url">({html.escape(shown)})</span>'
        return label

    return _ANCHOR.sub(relink, body_html)


def guide_pages(lang: str) -> list[GuidePage]:
    return GuidePage.objects.for_language(lang)


def build_kit(lang: str) -> bytes:
    """The kit as UTF-8 HTML; raises ValueError if it grew past 2 MB."""
    pages = guide_pages(lang)
    rules = kit_rules(lang)
    terms = sorted(rules["entries"], key=lambda e: e["lemma"].lower())
    context = {
        "lang": lang,
        "pages": [
            {
                "key": p.key,
                "title": p.title,
                "summary": p.summary,
                "fallback": p.language != lang,
                "html": mark_safe(offline_html(p.body_html)),  # noqa: S308 - sanitised on save
                "module": p.get_module_display(),
            }
            for p in pages
        ],
        "terms": terms,
        "made": timezone.now(),
        "css": mark_safe((KIT_FILES / "kit.css").read_text(encoding="utf-8")),  # noqa: S308
        "js": mark_safe(  # noqa: S308 - our own file, "</" cannot occur in it
            (KIT_FILES / "checker.js").read_text(encoding="utf-8").replace("</", "<\\/")
        ),
        "rules_json": mark_safe(_json_for_script(rules)),  # noqa: S308 - escaped for <script>
    }
    from django.utils import translation

    with translation.override(lang):
        text = render_to_string("guide/kit.html", context)
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ValueError(f"the offline kit is {len(data)} bytes, over the {MAX_BYTES} limit")
    return data


# --- PDF ---------------------------------------------------------------------------------------

_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`|\[([^\]]+)\]\([^)]*\)")


def _inline(text: str) -> str:
    return _INLINE.sub(lambda m: next(g for g in m.groups() if g is not None), text).strip()


def markdown_blocks(text: str) -> list[tuple[str, Any]]:
    """Our Markdown subset as pat.core.pdf blocks: headings, paragraphs, lists, tables."""
    blocks: list[tuple[str, Any]] = []
    para: list[str] = []
    bullets: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal para, bullets, table
        if para:
            blocks.append(("p", _inline(" ".join(para))))
        if bullets:
            blocks.append(("bullets", [_inline(b) for b in bullets]))
        if table:
            blocks.append(("table", table))
        para, bullets, table = [], [], []

    for raw in text.splitlines():
        line = raw.strip()
        quoted = line.startswith(">")
        if quoted:
            line = line.lstrip(">").strip()
        if not line:
            flush()
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            flush()
            level = min(len(heading.group(1)) + 1, 3)
            blocks.append((f"h{level}", _inline(heading.group(2))))
        elif line.startswith("|"):
            if para or bullets:
                flush()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            table.append([_inline(c) for c in cells])
        elif re.match(r"^([-*+]|\d+[.)])\s+", line):
            if para or table:
                flush()
            bullets.append(re.sub(r"^([-*+]|\d+[.)])\s+", "", line))
        else:
            if bullets or table:
                flush()
            para.append(line)
    flush()
    return blocks


def build_pdf(lang: str) -> bytes:
    from django.utils import translation
    from django.utils.translation import gettext as _

    with translation.override(lang):
        title = _("Project Development Guide")
        blocks: list[tuple[str, Any]] = []
        for page in guide_pages(lang):
            blocks.append(("h1", page.title))
            if page.language != lang:
                blocks.append(("p", _("(Not yet translated: English text.)")))
            if page.summary:
                blocks.append(("p", page.summary))
            blocks.extend(markdown_blocks(page.body))
    return render_pdf(title, blocks)
