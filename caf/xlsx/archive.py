"""Look at a file before any spreadsheet library opens it.

An ``.xlsx`` file is a zip archive of XML. Before openpyxl reads one, caf checks that it is one
(and says plainly what it is when it is not: an old ``.xls``, an encrypted workbook, an
OpenDocument file, something else), and refuses archives whose uncompressed size, member count
or compression ratio is absurd — a zip bomb would otherwise exhaust memory. The XML inside is
then parsed with defusedxml (which openpyxl uses when it is installed), so entity tricks fail.
"""

from __future__ import annotations

import zipfile
import zlib
from typing import TYPE_CHECKING

from caf.errors import Code, Issue

if TYPE_CHECKING:
    from pathlib import Path

MAX_FILE_BYTES = 100 * 1024 * 1024
"""Largest workbook file read."""

MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
"""Most bytes all members of the archive may expand to."""

MAX_MEMBERS = 10_000
"""Most files an archive may hold."""

MAX_RATIO = 250
"""Highest compression ratio accepted for a member larger than :data:`RATIO_FLOOR`."""

RATIO_FLOOR = 4 * 1024 * 1024
"""Members smaller than this may compress as well as they like."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def _issue(file: str, message: str, code: Code = Code.NOT_A_WORKBOOK) -> list[Issue]:
    return [Issue(code, message, file=file)]


def check_workbook_file(path: Path, display: str | None = None) -> list[Issue]:
    """Problems that stop ``path`` from being read as an xlsx workbook (empty when fine)."""
    file = display or str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        return _issue(file, "no such file", Code.FILE_NOT_FOUND)
    except OSError as error:
        return _issue(file, f"cannot read the file: {error.strerror}", Code.FILE_NOT_FOUND)
    if size > MAX_FILE_BYTES:
        return _issue(
            file,
            f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} caf reads",
            Code.FILE_TOO_LARGE,
        )
    if head.startswith(_OLE):
        return _issue(
            file,
            "this is an old-style .xls file or a password-protected workbook; "
            "open it in Excel and save it, without a password, as .xlsx",
        )
    if not head.startswith(_ZIP):
        return _issue(
            file,
            "this is not an xlsx workbook (an xlsx file is a zip archive); save "
            "the spreadsheet as Excel Workbook (.xlsx)",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            found = _check_members(file, members)
            return found or _check_contents(file, archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        # ValueError includes UnicodeDecodeError: a member name flagged UTF-8 that is not.
        return damaged(file, error)


def damaged(file: str, error: BaseException) -> list[Issue]:
    """The issue for a workbook whose archive or XML cannot be read."""
    detail = str(error) or type(error).__name__
    return _issue(
        file,
        f"the workbook is damaged and cannot be read ({detail[:200]}); open it in a "
        "spreadsheet program and save it again, or write a new one with `caf workbook`",
        Code.DAMAGED,
    )


_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
"""Compression methods of xlsx files (Excel, LibreOffice and Google Sheets use these two)."""

_CHUNK = 1024 * 1024


def _check_contents(file: str, archive: zipfile.ZipFile) -> list[Issue]:
    """Read every member through once, so damaged data is found before openpyxl parses it.

    Sizes are already bounded, so this costs at most :data:`MAX_UNCOMPRESSED_BYTES` of reading
    and one chunk of memory; it finds bad deflate data and CRC errors, which openpyxl would
    otherwise raise as assorted exceptions half-way through.
    """
    for member in archive.infolist():
        if member.compress_type not in _METHODS:
            return damaged(
                file,
                ValueError(f"{member.filename} uses compression method {member.compress_type}"),
            )
        try:
            with archive.open(member) as source:
                while source.read(_CHUNK):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as error:
            return damaged(file, ValueError(f"{member.filename}: {error}"))
    return []


def _check_members(file: str, members: list[zipfile.ZipInfo]) -> list[Issue]:
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        if "content.xml" in names or "mimetype" in names:
            return _issue(
                file,
                "this is an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx)",
            )
        return _issue(file, "this zip archive is not an Excel workbook (it has no xl/workbook.xml)")
    if len(members) > MAX_MEMBERS:
        return _issue(
            file,
            f"the workbook archive holds {len(members):,} files; refusing to open it",
            Code.FILE_TOO_LARGE,
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        return _issue(
            file,
            f"the workbook would expand to {total:,} bytes; this looks like a "
            "zip bomb, so it was not opened",
            Code.FILE_TOO_LARGE,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            return _issue(
                file,
                f"{member.filename} expands {ratio:,.0f} times; this looks like a "
                "zip bomb, so it was not opened",
                Code.FILE_TOO_LARGE,
            )
        if member.flag_bits & 0x1:
            return _issue(
                file,
                f"{member.filename} is encrypted; save the workbook without a password",
            )
    return []
