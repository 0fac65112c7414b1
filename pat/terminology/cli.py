"""`pat check`: the terminology checker on the command line.

Exit status: 0 nothing found, 1 something found, 2 error. Every input is read before anything
is printed, so a bad file never leaves half a report on stdout.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .model import Finding
from .rules import RuleDataError

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
_PLAIN_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst", ""}


class InputError(Exception):
    """A file that cannot be read or understood; the message names it."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pat check",
        description="Check proposal or vacancy text for gender-insensitive wording.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="files to check, or - for stdin")
    p.add_argument("--lang", default="auto", choices=["en", "fr", "es", "auto"])
    p.add_argument("--mode", default="proposal", choices=["proposal", "vacancy"])
    p.add_argument("--format", default="text", choices=["text", "json"], dest="fmt")
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="WORD",
        help="a word this document may use (repeatable)",
    )
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="a rule id to switch off, e.g. en.chairman (repeatable)",
    )
    p.add_argument(
        "--batch",
        metavar="JSONL",
        help='read {"id","text","lang","mode"} lines (- for stdin), write results',
    )
    p.add_argument("--annotate", metavar="DOCX", help="write Word comments into a copy")
    p.add_argument("-o", "--output", metavar="OUT", help="output file for --annotate")
    return p


def read_input(name: str, stdin: TextIO) -> str:
    if name == "-":
        try:
            return stdin.read()
        except UnicodeDecodeError as exc:
            raise InputError(f"<stdin>: not UTF-8 text ({exc.reason})") from None
    path = Path(name)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory")
    try:
        from .readers import DocumentError, read_document
    except Exception:  # without the readers, plain text still works
        return _read_plain(path, name)
    try:
        return read_document(path).text
    except DocumentError as exc:
        raise InputError(f"{name}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    except Exception as exc:  # a reader bug must not print a traceback
        raise InputError(f"{name}: cannot read this document ({type(exc).__name__})") from None


def _read_plain(path: Path, name: str) -> str:
    if path.suffix.lower() not in _PLAIN_SUFFIXES:
        raise InputError(f"{name}: cannot read {path.suffix} files (document readers missing)")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None


def _format_line(name: str, f: Finding) -> str:
    hint = f" ({', '.join(f.suggestions)})" if f.suggestions else ""
    return f"{name}:{f.line}:{f.column} {f.rule} {f.message}{hint}"


def _check_one(text: str, args: argparse.Namespace, lang: str, mode: str) -> dict[str, Any]:
    from . import check, detect_language

    code = detect_language(text) if lang == "auto" else lang
    findings = check(text, code, mode, allow=args.allow, disabled_rules=args.disable)
    out: dict[str, Any] = {"lang": code, "findings": findings}
    if mode == "vacancy":
        from .model import verdict_for
        from .vacancy import coded_words

        coded = coded_words(text, code)
        score = sum(1 for c in coded if c.coding == "feminine") - sum(
            1 for c in coded if c.coding == "masculine"
        )
        rows = []
        for c in coded:
            row = c.to_dict()
            row["line"] = text.count("\n", 0, c.start) + 1
            row["column"] = c.start - (text.rfind("\n", 0, c.start) + 1) + 1
            rows.append(row)
        out.update(coded=rows, score=score, verdict=verdict_for(score))
    return out


def _run_files(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: TextIO) -> int:
    texts: list[tuple[str, str]] = []
    for name in args.files:
        try:
            texts.append(("<stdin>" if name == "-" else name, read_input(name, stdin)))
        except InputError as exc:
            stderr.write(f"pat check: error: {exc}\n")
            return EXIT_ERROR
    results = [(name, _check_one(text, args, args.lang, args.mode)) for name, text in texts]
    found = any(r["findings"] for _, r in results)
    if args.fmt == "json":
        payload = []
        for name, r in results:
            item = dict(r, file=name, findings=[f.to_dict() for f in r["findings"]])
            payload.append(item)
        stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        lines: list[str] = []
        for name, r in results:
            lines.extend(_format_line(name, f) for f in r["findings"])
            for c in r.get("coded", ()):
                # each coded word with the words it was found in; stems beyond the study's
                # list are marked as added
                added = " (added to the Gaucher et al. list)" if c["added"] else ""
                lines.append(
                    f"{name}:{c['line']}:{c['column']} {c['coding']}-coded {c['term']!r} "
                    f'in "{c["phrase"]}"{added}'
                )
            if "verdict" in r:
                lines.append(
                    f"{name}: vacancy wording {r['verdict']} (score {r['score']}, "
                    f"{len(r['coded'])} coded words)"
                )
        if lines:
            stdout.write("\n".join(lines) + "\n")
    return EXIT_FOUND if found else EXIT_CLEAN


def _run_batch(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: TextIO) -> int:
    source = args.batch
    try:
        if source == "-":
            lines: Any = stdin
        else:
            lines = Path(source).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        stderr.write(f"pat check: error: {source}: cannot read batch file ({exc})\n")
        return EXIT_ERROR
    errors = 0
    found = False
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        ident: Any = None
        try:
            try:
                item = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {lineno}: not JSON ({exc.msg})") from None
            if not isinstance(item, dict):
                raise InputError(f"line {lineno}: not a JSON object")
            ident = item.get("id")
            text = item.get("text")
            if not isinstance(text, str):
                raise InputError(f"line {lineno}: 'text' must be a string")
            lang = item.get("lang") or args.lang
            mode = item.get("mode") or args.mode
            if lang not in {"en", "fr", "es", "auto"}:
                raise InputError(f"line {lineno}: unsupported lang {lang!r}")
            if mode not in {"proposal", "vacancy"}:
                raise InputError(f"line {lineno}: unsupported mode {mode!r}")
            try:
                r = _check_one(text, args, lang, mode)
            except RuleDataError as exc:
                raise InputError(f"line {lineno}: rule data: {exc}") from None
        except InputError as exc:
            errors += 1
            stdout.write(json.dumps({"id": ident, "error": str(exc)}, ensure_ascii=False) + "\n")
            continue
        found = found or bool(r["findings"])
        out: dict[str, Any] = {"id": ident, "findings": [f.to_dict() for f in r["findings"]]}
        if mode == "vacancy":
            out.update(coded=r["coded"], score=r["score"], verdict=r["verdict"])
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    if errors:
        stderr.write(f"pat check: {errors} batch line(s) had errors\n")
        return EXIT_ERROR
    return EXIT_FOUND if found else EXIT_CLEAN


def _run_annotate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: TextIO) -> int:
    if not args.output:
        stderr.write("pat check: error: --annotate needs -o OUT.docx\n")
        return EXIT_ERROR
    try:
        text = read_input(args.annotate, stdin)
    except InputError as exc:
        stderr.write(f"pat check: error: {exc}\n")
        return EXIT_ERROR
    r = _check_one(text, args, args.lang, args.mode)
    try:
        from .annotate import annotate_docx
    except Exception:  # reported as unavailable, whatever broke the import
        stderr.write("pat check: error: Word annotation is not available in this install\n")
        return EXIT_ERROR
    try:
        written = annotate_docx(args.annotate, r["findings"], args.output)
    except Exception as exc:  # any failure of the writer is reported, not raised
        stderr.write(f"pat check: error: {args.annotate}: cannot annotate: {exc}\n")
        return EXIT_ERROR
    count = written if isinstance(written, int) else len(r["findings"])
    stdout.write(f"{args.output}: {count} comment(s)\n")
    return EXIT_FOUND if r["findings"] else EXIT_CLEAN


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    inp = stdin or sys.stdin
    # Files, pipes and JSON lines are UTF-8 whatever the locale says; a latin-1 terminal must
    # not turn a curly apostrophe into a crash.
    for stream in {out, inp} & {sys.stdout, sys.stdin}:
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() not in {
            "utf-8",
            "utf8",
        }:
            stream.reconfigure(encoding="utf-8")
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "check":
        args_list = args_list[1:]
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return EXIT_ERROR if exc.code not in (0, None) else EXIT_CLEAN
    try:
        if args.batch:
            return _run_batch(args, out, err, inp)
        if args.annotate:
            return _run_annotate(args, out, err, inp)
        if not args.files:
            err.write("pat check: error: give FILE..., - for stdin, --batch or --annotate\n")
            return EXIT_ERROR
        return _run_files(args, out, err, inp)
    except RuleDataError as exc:
        err.write(f"pat check: error: rule data: {exc}\n")
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
