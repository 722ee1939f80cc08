"""Ways to damage a valid workbook, shared by the damaged-workbook tests and the fuzz suite."""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def members(path: Path) -> dict[str, bytes]:
    """Every member of a zip archive, by name, in order."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(target: Path, contents: dict[str, bytes]) -> Path:
    """Write ``contents`` as a deflated zip archive at ``target``."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return target


def edit_member(source: Path, target: Path, name: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the workbook with one member's bytes changed."""
    contents = members(source)
    contents[name] = change(contents[name])
    return rezip(target, contents)


def sheet_view_attribute(source: Path, target: Path) -> Path:
    """A sheet view with an attribute openpyxl does not know."""
    return edit_member(
        source,
        target,
        "xl/worksheets/sheet1.xml",
        lambda data: data.replace(b"<sheetView ", b'<sheetView madeUp="1" ', 1),
    )


def shared_string_out_of_range(source: Path, target: Path) -> Path:
    """The first shared-string cell of the Assess sheet points past the table."""
    return edit_member(
        source,
        target,
        "xl/worksheets/sheet2.xml",
        lambda data: re.sub(rb'(t="s"[^>]*><v>)\d+(</v>)', rb"\g<1>99999999\g<2>", data, count=1),
    )


def corrupt_deflate(source: Path, target: Path) -> Path:
    """The deflate stream of the largest member starts with an invalid block type."""
    raw = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = max(archive.infolist(), key=lambda i: i.compress_size)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start : start + 64] = b"\xff" * 64
    target.write_bytes(bytes(raw))
    return target


def unsupported_method(source: Path, target: Path) -> Path:
    """Every member claims compression method 99 (which Python's zipfile cannot read)."""
    raw = bytearray(source.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = raw.find(signature)
        while at != -1:
            raw[at + offset : at + offset + 2] = (99).to_bytes(2, "little")
            at = raw.find(signature, at + 4)
    target.write_bytes(bytes(raw))
    return target


def bad_member_name(source: Path, target: Path) -> Path:
    """A member whose name is flagged UTF-8 but is not."""
    contents = members(source)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
        archive.writestr("xl/extra-\u00e9.xml", b"<x/>")
    raw = bytearray(target.read_bytes())
    good = "xl/extra-\u00e9.xml".encode()
    bad = b"xl/extra-\xff\xfe.xml"
    target.write_bytes(bytes(raw).replace(good, bad))
    return target


DAMAGES: dict[str, Callable[[Path, Path], Path]] = {
    "sheet-view-attribute": sheet_view_attribute,
    "shared-string-out-of-range": shared_string_out_of_range,
    "corrupt-deflate": corrupt_deflate,
    "unsupported-method": unsupported_method,
    "bad-member-name": bad_member_name,
}
"""Each kind of damage the fuzzer found, by name."""
