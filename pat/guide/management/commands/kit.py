"""`pat kit [--lang en|fr|es] [--pdf] -o FILE`: the offline kit (HTML) or the guide as a PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pat.guide import kit


class Command(BaseCommand):
    help = (
        "Write the offline kit: one self-contained HTML file with the guide, the terminology "
        "list and a checker that runs in the browser with no connection (or, with --pdf, the "
        "guide as a PDF)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--lang", choices=["en", "fr", "es"], default="en")
        parser.add_argument("--pdf", action="store_true", help="write the guide as a PDF")
        parser.add_argument("-o", "--output", required=True, help="file to write; - for stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        lang: str = options["lang"]
        try:
            data = kit.build_pdf(lang) if options["pdf"] else kit.build_kit(lang)
        except ValueError as error:
            raise CommandError(str(error)) from error
        target: str = options["output"]
        if target == "-":
            sys.stdout.buffer.write(data)
            return
        path = Path(target)
        if not path.parent.exists():
            raise CommandError(f"{path.parent} does not exist")
        path.write_bytes(data)
        kind = "PDF" if options["pdf"] else "offline kit"
        self.stderr.write(f"Wrote the {kind} ({lang}, {len(data):,} bytes) to {path}")
