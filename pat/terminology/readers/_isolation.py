"""Reading a document in a child process with CPU-time, memory and wall-clock limits.

Two layers. The readers check what they can count (characters of text, paragraphs, pages, the
drawing instructions a PDF asks to interpret, the size and element count of every XML part)
and stop with a :class:`DocumentError` saying which limit was passed. The child process is the
guarantee for whatever no counter foresaw: :func:`run_limited` runs a reader in a process
forked from a small fork server (``multiprocessing``'s "forkserver" context, the readers
preloaded), under ``RLIMIT_CPU`` and ``RLIMIT_AS`` and a wall-clock timeout, so no upload holds
a server thread or its memory past those bounds.

Why a fork server: a fresh interpreter importing python-docx, lxml and pypdf costs ~180 ms per
read (``subprocess``) and "spawn" ~80 ms, while a child forked from the preloaded server starts
in ~10 ms (bench/hostile_uploads.py measures it); forking the web server itself is unsafe with
its threads. Where ``resource`` or the fork server is missing (Windows), the reader runs in
the calling process with only the counted limits.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from typing import Any, Final, TypeVar

from ._limits import DEFAULT_LIMITS, Limits, MiB, limits_in_force
from ._model import DocumentError

T = TypeVar("T")

# At most this many documents are read at once per server process; the others wait (within
# their wall-clock budget), so a burst of uploads cannot fork a child per thread.
MAX_CONCURRENT: Final = max(1, int(os.environ.get("PAT_READERS_CONCURRENT", "2")))
_slots = threading.BoundedSemaphore(MAX_CONCURRENT)
_context_lock = threading.Lock()
_context: Any = None
_PRELOAD: Final = ["pat.terminology.readers", "docx", "pypdf", "lxml.etree"]


def _mp_context() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            if "forkserver" not in multiprocessing.get_all_start_methods():
                _context = False
            else:
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(_PRELOAD)
                _context = ctx
        return _context


def isolated() -> bool:
    """Whether readers run in a limited child process on this platform."""
    try:
        import resource  # noqa: F401
    except ImportError:
        return False
    return bool(_mp_context())


def _child(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...], limits: Limits) -> None:
    import resource

    cpu = max(1, int(limits.cpu_seconds))
    # Soft CPU limit sends SIGXCPU (which kills), the hard one a second later SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    try:
        with limits_in_force(limits):
            result = fn(*args)
        conn.send(("ok", result))
    except DocumentError as exc:
        conn.send(("refused", str(exc)))
    except MemoryError:
        conn.send(("memory", ""))
    except RecursionError:
        conn.send(("refused", "this file is nested too deeply to be read"))
    except ValueError as exc:
        conn.send(("value", str(exc)))
    except BaseException as exc:  # reported to the parent, never swallowed
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:500]))
    finally:
        conn.close()


def _too_slow(limits: Limits) -> DocumentError:
    return DocumentError(
        f"this file takes more than {limits.cpu_seconds:g} seconds to read "
        "(refused: too complex, or built to overload the reader)"
    )


def _too_big(limits: Limits) -> DocumentError:
    return DocumentError(
        f"this file needs more than {limits.memory_bytes // MiB} MB of memory to read "
        "(refused: too large, or built to overload the reader)"
    )


def run_limited(fn: Callable[..., T], *args: Any, limits: Limits = DEFAULT_LIMITS) -> T:
    """``fn(*args)`` in a child process under the limits; its DocumentError comes back as is.

    ``fn`` must be a module-level function and its arguments and result picklable. A child
    that runs out of CPU time, memory or wall-clock time, or dies, becomes a DocumentError
    saying so; a ValueError comes back as a ValueError; any other exception in the child is a
    RuntimeError (a bug, not the file's fault).
    """
    ctx = _mp_context() if isolated() else False
    if not ctx:
        with limits_in_force(limits):
            return fn(*args)
    if not _slots.acquire(timeout=limits.wall_seconds):
        raise DocumentError("the server is busy reading other documents: try again in a minute")
    try:
        return _run_child(ctx, fn, args, limits)
    finally:
        _slots.release()


def _run_child(ctx: Any, fn: Callable[..., T], args: tuple[Any, ...], limits: Limits) -> T:
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, fn, args, limits), daemon=True)
    process.start()
    sender.close()
    message: tuple[str, Any] | None = None
    try:
        if receiver.poll(limits.wall_seconds):
            message = receiver.recv()
    except (EOFError, OSError):
        message = None  # the child died before it could answer
    finally:
        receiver.close()
        process.join(timeout=1)
        if process.is_alive():
            process.kill()
            process.join()
    if message is None:
        code = process.exitcode
        if code in (-signal.SIGXCPU, -signal.SIGKILL) or code is None:
            raise _too_slow(limits)
        if code is not None and code < 0 and -code in (signal.SIGSEGV, signal.SIGABRT):
            # Native code (lxml, zlib) failing an allocation under RLIMIT_AS aborts.
            raise _too_big(limits)
        raise DocumentError("this file could not be read (the reader stopped unexpectedly)")
    status, value = message
    if status == "ok":
        result: T = value
        return result
    if status == "refused":
        raise DocumentError(value)
    if status == "memory":
        raise _too_big(limits)
    if status == "value":
        raise ValueError(value)
    raise RuntimeError(f"document reader failed: {value}")
