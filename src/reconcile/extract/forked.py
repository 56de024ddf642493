"""`extract_files` on several cores: the documents shared between this process and children
forked after start-up (the lexicon, pint's registry and the gazetteer are built once and shared
copy-on-write), each process taking the next document whenever it finishes one.

    documents ──claim file ids, here, in document order (`claim_file_id`: each depends on the
                earlier ones, and on the files already in the folder)──▶
              ──a shared counter (one record in a pipe: the process that reads it takes that
                document and writes back the next number), so a long document in one process
                never leaves another idle while documents are left──▶
              ──each process extracts what it takes; a child sends back each document's claim
                file, checked and not yet written (`PendingWrite`)──▶
              ──this process writes every file and gives every result in document order

The result is one process's, byte for byte: the same ids, the same texts (a document's
extraction reads nothing another document changed), every file written here by the same writer.
A document a child did not finish — an error met on it, an answer that cannot be pickled, the
child gone — is extracted again here, so its result and message are exactly one process's.
POSIX only, not macOS (`engines/cores.can_fork`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import select
import signal
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NoReturn

from ..errors import InternalError, LoadError
from .batch import document_outcome
from .candidates import WriteResult
from .writer import PendingWrite

__all__ = ["Outcome", "extracted_in_processes"]

Outcome = WriteResult | LoadError | InternalError
Known = LoadError | InternalError  # why a document has no claim file, known before it is read

_RECORD = struct.Struct("<q")
_WAIT = 0.05  # seconds between two looks at whether a child failed, while waiting


class _Counter:
    """The number of the next document to take, shared by forked processes: one record in a pipe.
    Reading it takes that number (another process wanting it waits until it is written back)."""

    def __init__(self) -> None:
        self.read_end, self.write_end = os.pipe()
        os.set_blocking(self.read_end, False)  # select first: a process waiting also watches other things
        os.write(self.write_end, _RECORD.pack(0))

    def take(self, watch: int | None = None, stop: Callable[[], bool] = lambda: False) -> int | None:
        """The next number (written back plus one), or None when `watch` became readable (its
        writer is gone) or `stop()` is true before the counter came back."""
        watched = [self.read_end] if watch is None else [self.read_end, watch]
        while True:
            ready = select.select(watched, [], [], _WAIT)[0]
            if watch is not None and watch in ready:
                return None
            if self.read_end in ready:
                try:
                    data = os.read(self.read_end, _RECORD.size)  # a record is written whole, so read whole
                except BlockingIOError:  # another process took it first
                    continue
                number: int = _RECORD.unpack(data)[0]
                os.write(self.write_end, _RECORD.pack(number + 1))
                return number
            if stop():
                return None

    def close(self) -> None:
        for fd in (self.read_end, self.write_end):
            with contextlib.suppress(OSError):
                os.close(fd)


class _Child:
    """A forked process extracting documents, and what this process knows of it."""

    def __init__(self, pid: int, answers: int, alive: int):
        self.pid = pid
        self.answers = answers
        self.alive = alive  # the write end of a pipe the child watches: closed, the child stops
        self.finished = False  # it said it took the last document
        self.ended = False  # no more answers will come (finished or failed)
        self.receiver: threading.Thread | None = None

    def end(self) -> None:
        """Killed if it has not finished, and reaped."""
        if self.pid == 0:
            return
        with contextlib.suppress(OSError):
            os.close(self.alive)
        if not self.finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = 0
        if self.receiver is not None:
            self.receiver.join()
        os.close(self.answers)


def extracted_in_processes(
    names: Sequence[str],
    prepared: Sequence[Known | None],
    prepare: Callable[[int], PendingWrite],
    count: int,
    writers: Callable[[], ThreadPoolExecutor],
) -> Iterator[Outcome]:
    """Each document's outcome in document order, the documents extracted by this process and
    `count - 1` children. `names[i]` names document i in an internal error; `prepared[i]` is the
    error already known for document i (its claim file id could not be made), else None;
    `prepare(i)` extracts document i (raising LoadError or any bug); `writers()` makes the pool
    that writes the files (made after forking: a child must not inherit running threads)."""
    counter = _Counter()
    children: list[_Child] = []
    try:
        for _ in range(count - 1):
            children.append(_fork(counter, children, prepared, prepare))
        with writers() as pool:
            yield from _gathered(names, prepared, prepare, counter, children, pool)
    finally:
        for child in children:
            child.end()
        counter.close()


def _fork(
    counter: _Counter, inherited: list[_Child], prepared: Sequence[Known | None], prepare: Callable[[int], Any]
) -> _Child:
    answers_read, answers_write = os.pipe()
    with contextlib.suppress(AttributeError, OSError):  # F_SETPIPE_SZ: Linux only, and capped there
        fcntl.fcntl(answers_write, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    alive_read, alive_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(answers_read)
        os.close(alive_write)
        for child in inherited:
            os.close(child.alive)
            os.close(child.answers)
        _child_life(counter, alive_read, answers_write, prepared, prepare)
    os.close(answers_write)
    os.close(alive_read)
    return _Child(pid, answers_read, alive_write)


def _child_life(
    counter: _Counter, alive: int, answers: int, prepared: Sequence[Known | None], prepare: Callable[[int], Any]
) -> NoReturn:
    """Take documents until none is left, sending each one's claim file; then exit without
    running the parent's exit handlers or flushing copies of its buffers. Ctrl-C is the parent's
    to handle: it ends the children."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        while True:
            number = counter.take(watch=alive)
            if number is None or number >= len(prepared):
                break
            message: tuple[Any, ...] = ("again", number)
            if prepared[number] is None:
                with contextlib.suppress(Exception):  # this process says it again, with its own message
                    message = ("ok", number, prepare(number))
            try:
                data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - then this process extracts it again
                data = pickle.dumps(("again", number), pickle.HIGHEST_PROTOCOL)
            _send(answers, data)
        _send(answers, pickle.dumps(("finished",)))
        code = 0
    except BaseException:  # noqa: BLE001 - the parent redoes, and reports as one process would, what it did not answer
        pass
    finally:
        os._exit(code)


_LENGTH = struct.Struct("<Q")  # before each answer: its length
_PIPE_SIZE = 1 << 20  # bytes of answers a pipe holds before a child waits (Linux; else its default)
_READ_AT_ONCE = 1 << 20


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _answers(fd: int) -> Iterator[list[tuple[Any, ...]]]:
    """A child's answers, as many at a time as have come: this process's thread that reads them
    waits for the interpreter lock after each read (up to 5 ms while the main thread works), so
    it reads whatever is there, not one answer at a time, and the child never waits for it."""
    buffer = bytearray()
    while chunk := os.read(fd, _READ_AT_ONCE):
        buffer += chunk
        messages = []
        start = 0
        while len(buffer) - start >= _LENGTH.size:
            size = _LENGTH.unpack_from(buffer, start)[0]
            if len(buffer) - start - _LENGTH.size < size:
                break
            messages.append(pickle.loads(buffer[start + _LENGTH.size : start + _LENGTH.size + size]))
            start += _LENGTH.size + size
        del buffer[:start]
        yield messages


def _gathered(
    names: Sequence[str],
    prepared: Sequence[Known | None],
    prepare: Callable[[int], PendingWrite],
    counter: _Counter,
    children: list[_Child],
    pool: ThreadPoolExecutor,
) -> Iterator[Outcome]:
    total = len(prepared)
    outcomes: dict[int, Future[WriteResult] | LoadError | InternalError] = {}
    again: list[int] = []  # documents a child left to this process
    lock = threading.Condition()

    def receive(child: _Child) -> None:
        """A child's answers as they come (so that it never waits on a full pipe): each claim file
        handed to the writers at once."""
        try:
            for messages in _answers(child.answers):
                with lock:
                    for message in messages:
                        if message[0] == "ok":
                            outcomes[message[1]] = pool.submit(message[2].write)
                        elif message[0] == "again":
                            again.append(message[1])
                        else:
                            child.finished = True
                    lock.notify_all()
        except Exception:  # noqa: BLE001 - EOF, or a broken answer: what it did not answer is redone here
            pass
        finally:
            with lock:
                child.ended = True
                lock.notify_all()

    for child in children:
        child.receiver = threading.Thread(target=receive, args=(child,), name="reconcile-extract-receive", daemon=True)
        child.receiver.start()

    def failed() -> bool:
        return any(child.ended and not child.finished for child in children)

    def here(number: int) -> None:
        known = prepared[number]
        if known is not None:
            outcomes[number] = known
            return
        try:
            outcomes[number] = pool.submit(prepare(number).write)
        except LoadError as exc:
            outcomes[number] = exc
        except Exception as exc:  # noqa: BLE001 - a bug on one document must not cost the others
            outcomes[number] = InternalError.wrapping(exc, names[number])

    given = 0

    def finished_front() -> Iterator[Outcome]:
        nonlocal given
        while given < total:
            with lock:
                item = outcomes.get(given)
            if item is None or (isinstance(item, Future) and not item.done()):
                return
            yield document_outcome(names[given], item)
            given += 1

    while True:
        with lock:
            redo, again[:] = list(again), []
        for number in redo:
            here(number)
        taken = counter.take(stop=failed)
        if taken is None or taken >= total:
            break
        here(taken)
        yield from finished_front()

    with lock:  # every child said it finished (its exit is waited for later), or one failed
        while not all(child.finished for child in children) and not failed():
            lock.wait(_WAIT)
    if failed():  # the others stopped too: one that died holding the counter would leave them waiting
        for child in children:
            child.end()
    with lock:
        redo = [n for n in range(total) if n not in outcomes]  # left by a child, or by one that failed
    for number in redo:
        here(number)
    while given < total:
        yield document_outcome(names[given], outcomes[given])
        given += 1
