"""`pat iati export [--office CODE] -o FILE`, `pat iati import FILE [--dry-run] [--office CODE]`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pat.core.models import Office
from pat.iati import export, services
from pat.iati.validity import schema_errors


def _office(code: str | None) -> Office | None:
    if not code:
        return None
    office = Office.objects.filter(code=code).first()
    if office is None:
        raise CommandError(f"no office with the code {code!r}")
    return office


class Command(BaseCommand):
    help = "Publish projects as IATI 2.03 activities, or import an IATI activity file."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser("export", help="write the published projects as IATI activities")
        out.add_argument("-o", "--output", type=Path, required=True, help="file to write")
        out.add_argument("--office", help="only the projects this office executes")
        out.add_argument(
            "--no-check", action="store_true", help="skip validating the file against the schema"
        )
        inp = sub.add_parser("import", help="create or update projects from an activity file")
        inp.add_argument("file", type=Path)
        inp.add_argument("--dry-run", action="store_true", help="report, change nothing")
        inp.add_argument("--office", help="office executing new projects (default: by country)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(options)
        else:
            self._import(options)

    def _export(self, options: dict[str, Any]) -> None:
        office = _office(options["office"])
        projects = export.published()
        if office is not None:
            projects = projects.filter(executing_office=office)
        path: Path = options["output"]
        started = time.monotonic()
        partial = path.with_name(path.name + ".part")
        try:
            with partial.open("wb") as out:
                count = export.write(out, projects)
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror}") from None
        if not options["no_check"]:
            from lxml import etree  # type: ignore[import-untyped]

            errors = schema_errors(etree.parse(str(partial)))
            if errors:
                partial.unlink()
                for message in errors[:20]:
                    self.stderr.write(message)
                raise CommandError(f"{len(errors)} schema errors: nothing written")
        partial.replace(path)
        self.stdout.write(
            f"{count} activities written to {path} in {time.monotonic() - started:.1f} s"
        )

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        try:
            outcome = services.import_file(
                data=data,
                actor=None,
                dry_run=options["dry_run"],
                office=_office(options["office"]),
            )
        except services.Refused as refusal:
            raise CommandError(f"{refusal} Nothing was changed.") from None
        for warning in outcome.warnings:
            self.stderr.write(f"warning: {warning}")
        for line in outcome.lines:
            head = f"{line.identifier or '?'} -> {line.code or '-'}: {line.action}"
            if line.changed:
                head += f" ({', '.join(line.changed)})"
            if line.reason:
                head += f": {line.reason}"
            self.stdout.write(head)
            for item in line.not_placed:
                self.stdout.write(f"    not placed: {item}")
        verb = "would be" if outcome.dry_run else "were"
        self.stdout.write(
            f"{outcome.count('created')} created, {outcome.count('updated')} updated, "
            f"{outcome.count('unchanged')} unchanged, {outcome.count('refused')} refused "
            f"({len(outcome.warnings)} warnings); projects {verb} changed accordingly"
            + (" — dry run, nothing changed" if outcome.dry_run else "")
        )
        if outcome.count("refused") and sys.stdout.isatty():
            self.stderr.write("some activities were refused: see above")
