"""Write output files atomically, never over an input, and never over a file without --force.

Everything caf writes goes to a temporary file in the destination folder and is renamed into
place when complete, so a failure (a full disk, an exception half-way) never leaves half a file
and never damages what was there before.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from caf.errors import OutputExistsError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


def refuse_input_overwrite(target: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write ``target`` when it is one of the inputs."""
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise OutputExistsError(
                f"{target}: refusing to overwrite an input file; choose another output"
            )


def refuse_existing(target: Path | None, *, force: bool) -> None:
    """Refuse, before any work is done, to replace an existing ``target`` unless ``force``."""
    if target is not None and target.exists() and not force:
        raise OutputExistsError(f"{target} exists; use --force to overwrite it")


@contextlib.contextmanager
def atomic_path(target: Path, inputs: Iterable[Path] = ()) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it when the block succeeds."""
    refuse_input_overwrite(target, inputs)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    # mkstemp makes the file private; give the result the permissions a plain open() would.
    umask = os.umask(0)
    os.umask(umask)
    temporary.chmod(0o666 & ~umask)
    try:
        yield temporary
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(target: Path, text: str, inputs: Iterable[Path] = ()) -> None:
    """Write UTF-8 text atomically."""
    write_bytes(target, text.encode("utf-8"), inputs)


def write_bytes(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write bytes atomically."""
    with atomic_path(target, inputs) as temporary:
        temporary.write_bytes(data)
