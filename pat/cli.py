"""The `pat` command.

`pat check ...` runs the terminology checker without starting Django (it must
answer in a fraction of a second); everything else is Django: `pat serve`,
`pat demo`, `pat token USERNAME` and any management command (`pat migrate`).
"""

from __future__ import annotations

import os
import sys


def proxy_options(trusted_proxy: str) -> dict[str, object]:
    """waitress options to believe the forwarding headers of one proxy, and only its."""
    if not trusted_proxy:
        return {}
    return {
        "trusted_proxy": trusted_proxy,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"},
        "clear_untrusted_proxy_headers": True,
    }


def serve(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="pat serve", description="Serve PAT over HTTP (waitress)."
    )
    parser.add_argument("--host", default=os.environ.get("PAT_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PAT_PORT", "8000")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("PAT_THREADS", "8")))
    parser.add_argument(
        "--trusted-proxy",
        default=os.environ.get("PAT_TRUSTED_PROXY", ""),
        help="address of the TLS proxy in front (PAT_TRUSTED_PROXY): its X-Forwarded-Proto, "
        "-For and -Host headers are believed; other clients' are dropped",
    )
    args = parser.parse_args(argv)
    if args.trusted_proxy:
        # Settings read it too: Django then honours the https scheme the proxy reports.
        os.environ["PAT_TRUSTED_PROXY"] = args.trusted_proxy

    import django

    django.setup()
    from waitress import serve as waitress_serve

    from pat.wsgi import application

    print(f"PAT is serving http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    waitress_serve(
        application,
        host=args.host,
        port=args.port,
        threads=args.threads,
        ident="PAT",
        **proxy_options(args.trusted_proxy),
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "check" and "--deploy" not in args:
        from pat.terminology.cli import main as check_main

        return check_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pat.settings")
    if args and args[0] == "serve":
        return serve(args[1:])
    if not args:
        args = ["help"]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pat", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
