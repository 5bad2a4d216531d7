"""Start examples by forking a process that has already imported torch.

Importing torch, NumPy and pyplot takes most of the time of a short example (about
1.7 s here, against well under a second for many examples). This process imports them
once, then for each request forks a child that runs the example as `python <path>`
would; the child starts with the libraries in memory.

The runner starts it as `python -c <this file's text> <bootstrap.py>`, with the
environment examples run under, so everything a library reads from the environment
when it is imported is as it would be in a fresh process; each child then gets the
exact environment of its run. It talks JSON lines on
stdin and stdout, one request at a time:

    -> {"path", "source", "cwd", "env", "stdout", "stderr", "timeout"}
    <- {"pid": 123}
    <- {"returncode": 0 | n | -signal, "timeout": false}

The child runs in a session of its own, writes its output to the two files it is
given, and is killed with its whole process group at the time limit. When stdin closes
(the runner has finished, or died) a running child is killed and this process exits.
Only Linux runs it: the child waits on a pidfd, and fork after importing these
libraries is not safe on macOS. No CUDA is touched here, so a child may still use it.
"""

import contextlib
import gc
import json
import os
import resource
import select
import signal
import sys
import time
from pathlib import Path
from types import CodeType
from typing import Any

# The largest file an example may write, its output included.
MAX_FILE_BYTES = 64 * 1024 * 1024
Request = dict[str, Any]  # path, source, cwd, env, stdout, stderr, timeout

PRELOAD = ("torch", "numpy", "matplotlib.pyplot")


def preload() -> None:
    for name in PRELOAD:
        with contextlib.suppress(ImportError):  # an example that needs it will say so
            __import__(name)
    # What is imported stays: the collector need not look at it again in any child,
    # which makes a child's exit 0.2 s instead of 0.6 s with torch loaded.
    gc.freeze()


def become_child(request: Request) -> None:
    """Turn this fork into the example's process: session, files, folder, environment."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        target = os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    # No file it writes, its output included, grows past this: a runaway print stops
    # the example (SIGXFSZ) instead of filling the disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])


def reply(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def wait(pid: int, timeout: float) -> dict[str, Any]:
    """Wait for the child; kill its group at the time limit, or if the runner goes away."""
    deadline = time.monotonic() + timeout
    pidfd = os.pidfd_open(pid)
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            ready = select.select([pidfd, sys.stdin], [], [], max(left, 0))[0] if left > 0 else []
            if pidfd in ready:
                break
            if sys.stdin in ready:  # stdin closed: nobody wants the result any more
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                sys.exit(0)
            timed_out = True
            os.killpg(pid, signal.SIGKILL)
            break
    finally:
        os.close(pidfd)
    _, status = os.waitpid(pid, 0)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)  # what the example started and left running ends too
    return {"returncode": os.waitstatus_to_exitcode(status), "timeout": timed_out}


def serve(bootstrap: str) -> tuple[CodeType, Request]:
    """Answer requests until stdin closes; return only in a child: `run`, and its request."""
    code = compile(Path(bootstrap).read_text(encoding="utf-8"), "<string>", "exec")
    preload()
    reply({"ready": True})
    for line in sys.stdin:
        request: Request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            become_child(request)
            return code, request
        reply({"pid": pid})
        reply(wait(pid, request["timeout"]))
    sys.exit(0)


def run_bootstrap(code: CodeType, request: Request) -> None:
    namespace: dict[str, Any] = {"__name__": "glossary_bootstrap", "__builtins__": __builtins__}
    exec(code, namespace)
    namespace["run"](request["path"], request["source"])


if __name__ == "__main__":  # as `python -c <this file's text> <bootstrap.py>`
    run_bootstrap(*serve(sys.argv[1]))
