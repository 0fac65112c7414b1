"""The `pat` command.

`pat check ...` runs the terminology checker without starting Django (it must
answer in a fraction of a second); everything else is Django: `pat serve`,
`pat demo`, `pat token USERNAME` and any management command (`pat migrate`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

# The repository root when PAT runs from a source checkout (editable install).
SOURCE_ROOT = Path(__file__).resolve().parent.parent

# Any of these set means someone configured a deployment: no development defaults then.
_DEPLOYMENT_SETTINGS = ("PAT_DEBUG", "PAT_SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")


def is_source_checkout(root: Path) -> bool:
    """A clone of the repository: pyproject.toml and manage.py beside the package.

    An installed wheel has neither, so a deployment from a package never counts.
    """
    return (root / "pyproject.toml").is_file() and (root / "manage.py").is_file()


def wants_development_settings(args: list[str], environ: Mapping[str, str], root: Path) -> bool:
    """Whether `pat` should run with development settings (as `make run` does).

    Only in a source checkout with nothing of a deployment configured: no
    PAT_DEBUG either way, no secret, no database URL, no other settings module.
    `pat check --deploy` judges production settings, so it never gets them. A
    deployment that forgets PAT_SECRET_KEY sets DATABASE_URL (or PAT_DEBUG=0)
    and so still stops with a clear error instead of a development secret.
    """
    if any(environ.get(name) for name in _DEPLOYMENT_SETTINGS):
        return False
    if args[:1] == ["check"] and "--deploy" in args:
        return False
    return is_source_checkout(root)


def default_workers() -> int:
    """A process per core and one more: Python runs one thread at a time per process, and the
    extra one keeps the cores busy while a process waits on the database or a client."""
    return (os.cpu_count() or 1) + 1


def gunicorn_options(
    *, host: str, port: int, workers: int, threads: int, trusted_proxy: str
) -> dict[str, object]:
    """How `pat serve` runs gunicorn: a process per core and one more, each answering one
    request at a time (gunicorn's sync worker), or `threads` at a time when asked.

    Measured at 100,000 projects (../shared/bench/pages.sh, 2 cores, PostgreSQL), the sync
    worker answers a project page 15-25 % faster than 4 threads per process (0.56-0.59 of the
    ceiling against 0.46-0.50): no poller, queue or thread switch per request, and no thread
    holding the lock another wants. Threads let a process wait on slow clients; behind the TLS
    proxy the production section asks for, which buffers them, no process waits on a client.
    """
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync" if threads == 1 else "gthread",
        "threads": threads,
        # Each process imports Django itself: no database connection crosses a fork, and
        # SIGHUP (graceful restart) loads new code into fresh processes.
        "preload_app": False,
        # Scheme, address and host come from pat.core.proxy.TrustedProxy, not gunicorn.
        "forwarded_allow_ips": trusted_proxy,
        "graceful_timeout": 30,
        "timeout": 120,
        # No keep-alive (the sync worker has none; for threads, say so): a client's connection
        # is answered by whichever process accepted it, so a few clients that kept theirs open
        # could all sit on one process and leave the other cores idle. Closing after each
        # response balances every request (a TLS proxy keeps its own connections to browsers).
        "keepalive": 0,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "pat",
    }


def serve(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="pat serve",
        description="Serve PAT over HTTP (gunicorn: a process per core and one more; "
        "SIGHUP restarts the processes gracefully, SIGTERM stops).",
    )
    parser.add_argument("--host", default=os.environ.get("PAT_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PAT_PORT", "8000")))
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("PAT_WORKERS", "0")) or default_workers()
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("PAT_THREADS", "1")),
        help="requests each process answers at once (PAT_THREADS, 1: gunicorn's sync worker)",
    )
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

    from gunicorn.app.base import BaseApplication

    options = gunicorn_options(
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        threads=max(1, args.threads),
        trusted_proxy=args.trusted_proxy,
    )

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> object:
            import gc

            from django.urls import get_resolver

            from pat.core.proxy import TrustedProxy
            from pat.wsgi import application

            # Every view, form and template tag is imported with the URLconf. What is loaded
            # by now lives as long as the process: frozen, the garbage collector's full
            # passes no longer walk its 200,000 objects, which had stopped one request in
            # a few hundred for 40 ms.
            get_resolver().url_patterns  # noqa: B018
            gc.collect()
            gc.freeze()
            return TrustedProxy(application, args.trusted_proxy)

    print(
        f"PAT is serving http://{args.host}:{args.port}/ with {options['workers']} processes × "
        f"{options['threads']} threads (master pid {os.getpid()}: kill -HUP reloads, "
        "Ctrl+C stops)",
        flush=True,
    )
    Server().run()
    return 0


def load_settings() -> str:
    """Read the settings once; a missing or wrong production setting is one line, not a traceback.

    The SQLite database's folder (var/ on a fresh clone) is created here, so
    `pat migrate` works before anything else has made it.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        database = settings.DATABASES["default"]
    except ImproperlyConfigured as error:
        return str(error)
    except ValueError as error:  # a malformed number or URL in the environment
        return f"a setting in the environment is malformed: {error}"
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) != ":memory:":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    return ""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "check" and "--deploy" not in args:
        from pat.terminology.cli import main as check_main

        return check_main(args[1:])
    if wants_development_settings(args, os.environ, SOURCE_ROOT):
        os.environ["PAT_DEBUG"] = "1"
    if args[:1] == ["serve"] and os.environ.get("PAT_DEBUG") == "1":
        # Said where it matters: a server with development settings must not pass unnoticed.
        print(
            "pat: development settings (PAT_DEBUG=1), not for production; "
            "production sets PAT_SECRET_KEY and DATABASE_URL.",
            file=sys.stderr,
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pat.settings")
    problem = load_settings()
    if problem:
        print(f"pat: {problem}", file=sys.stderr)
        return 2
    if args and args[0] == "serve":
        return serve(args[1:])
    if not args:
        args = ["help"]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pat", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
