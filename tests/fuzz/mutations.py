"""Mutations of valid inputs for the fuzz suite: workbooks (zip, XML, bytes), YAML and JSON.

Each strategy draws a *recipe* (plain data, so hypothesis can shrink and print it) and a
function applies the recipe to the bytes or data of a valid input. The recipes aim at what
users and other programs really do to files (a cell retyped, a part re-saved by another
program, a key misspelt, a scalar of the wrong type) and at plain damage (bytes flipped, a file
cut short).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import yaml
from hypothesis import strategies as st

XML_SNIPPETS = (
    '<c r="A1" t="s"><v>99999</v></c>',
    '<c r="XFD1048576"><v>1</v></c>',
    '<row r="0"><c r="A0"/></row>',
    '<row r="2000000"><c r="B2000000"><v>3</v></c></row>',
    ' madeUp="1"',
    ' t="e"',
    ' t="b"',
    ' t="d"',
    ' t="inlineStr"',
    ' s="999"',
    "&amp;",
    "&bogus;",
    "<![CDATA[x]]>",
    '<!DOCTYPE x [<!ENTITY a "b">]>',
    "<x>",
    "</sheetData>",
    "\x00",
    "_x0000_",
    "\ufffe",
)
"""Pieces of XML that openpyxl meets in damaged or hand-edited parts."""

NUMBERS = ("-1", "0", "1.5", "1e309", "NaN", "2147483648", "1048577", "16385", "", "x")
"""Replacements for a number in XML: out of range, not a number, empty."""

WEIRD_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["n/a", "N/A", "yes", "on", "2026-13-45", "3 - Defined", "", " ", "\x1b[31m"]),
    st.dates().map(str),
)
"""Values of the wrong type, out of range or odd, for any place in a YAML or JSON file."""

workbook_recipes = st.one_of(
    st.tuples(st.just("bytes"), st.integers(0, 2**31), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("truncate"), st.floats(0.0, 1.0)),
    st.tuples(st.just("drop-member"), st.integers(0, 63)),
    st.tuples(st.just("stored"), st.booleans()),
    st.tuples(
        st.just("member-bytes"),
        st.integers(0, 63),
        st.integers(0, 2**31),
        st.binary(min_size=1, max_size=8),
    ),
    st.tuples(st.just("xml-delete"), st.integers(0, 63), st.integers(0, 2**31), st.integers(1, 80)),
    st.tuples(
        st.just("xml-insert"),
        st.integers(0, 63),
        st.integers(0, 2**31),
        st.sampled_from(XML_SNIPPETS),
    ),
    st.tuples(
        st.just("xml-number"), st.integers(0, 63), st.integers(0, 2**31), st.sampled_from(NUMBERS)
    ),
    st.tuples(st.just("xml-text"), st.integers(0, 63), st.integers(0, 2**31), st.text(max_size=30)),
)
"""One mutation of a workbook, as a tuple naming it and its arguments."""


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(members: list[tuple[zipfile.ZipInfo, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for info, content in members:
            archive.writestr(info.filename, content)
    return out.getvalue()


_NUMBER = re.compile(rb"\d+(\.\d+)?")
_TEXT = re.compile(rb"<(?:t|v)(?: [^>]*)?>([^<]*)</(?:t|v)>")


def _edit_xml(content: bytes, kind: str, at: int, arg: Any) -> bytes:
    if not content:
        return content
    at %= len(content)
    if kind == "xml-delete":
        return content[:at] + content[at + int(arg) :]
    if kind == "xml-insert":
        return content[:at] + str(arg).encode("utf-8", "surrogatepass") + content[at:]
    pattern = _NUMBER if kind == "xml-number" else _TEXT
    found = list(pattern.finditer(content))
    if not found:
        return content
    match = found[at % len(found)]
    new = str(arg).encode("utf-8", "surrogatepass")
    if kind == "xml-text":
        new = new.replace(b"&", b"&amp;").replace(b"<", b"&lt;")
        return content[: match.start(1)] + new + content[match.end(1) :]
    return content[: match.start()] + new + content[match.end() :]


def mutate_workbook(data: bytes, recipe: tuple[Any, ...]) -> bytes:
    """The bytes of a workbook with one mutation applied."""
    kind = recipe[0]
    if kind == "bytes":
        at, new = recipe[1] % len(data), bytes(recipe[2])
        return data[:at] + new + data[at + len(new) :]
    if kind == "truncate":
        return data[: int(len(data) * recipe[1])]
    members = _members(data)
    if kind == "stored":
        return _zip(members, zipfile.ZIP_STORED)
    index = recipe[1] % len(members)
    info, content = members[index]
    if kind == "drop-member":
        return _zip(members[:index] + members[index + 1 :])
    if kind == "member-bytes":
        at = recipe[2] % max(len(content), 1)
        content = content[:at] + recipe[3] + content[at + len(recipe[3]) :]
    else:
        xml = [i for i, (member, _) in enumerate(members) if member.filename.endswith(".xml")]
        index = xml[recipe[1] % len(xml)]
        info, content = members[index]
        content = _edit_xml(content, kind, recipe[2], recipe[3])
    members[index] = (info, content)
    return _zip(members)


# -- YAML and JSON ------------------------------------------------------------------------------

data_recipes = st.lists(
    st.one_of(
        st.tuples(st.just("replace"), st.integers(0, 2**31), WEIRD_SCALARS),
        st.tuples(st.just("replace-container"), st.integers(0, 2**31), st.booleans()),
        st.tuples(st.just("delete"), st.integers(0, 2**31)),
        st.tuples(
            st.just("rename"),
            st.integers(0, 2**31),
            st.sampled_from(["questoin", "date", "kind", "levle", "", "0", "true", "id"]),
        ),
        st.tuples(st.just("insert"), st.integers(0, 2**31), st.text(max_size=10), WEIRD_SCALARS),
    ),
    min_size=1,
    max_size=4,
)
"""A few structural edits of parsed YAML or JSON data."""

text_recipes = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 2**31), st.integers(1, 40)),
    st.tuples(
        st.just("insert"),
        st.integers(0, 2**31),
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(
                ["&a", "*a", "!!python/object:os.system", ": :", "\t", "- [", "{", "'"]
            ),
        ),
    ),
)
"""An edit of a file's text (which may break its syntax)."""


def _paths(node: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the data, containers first."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _parent(data: object, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]  # type: ignore[index]
    return data


def mutate_data(data: object, recipes: list[tuple[Any, ...]]) -> object:
    """Parsed data with the structural edits applied (in place; returns the data)."""
    for recipe in recipes:
        paths = [p for p in _paths(data) if p]
        if not paths:
            return recipe[-1] if recipe[0] == "replace" else data
        path = paths[recipe[1] % len(paths)]
        parent, last = _parent(data, path), path[-1]
        kind = recipe[0]
        if kind == "replace":
            parent[last] = recipe[2]
        elif kind == "replace-container":
            parent[last] = [] if recipe[2] else {}
        elif kind == "delete":
            del parent[last]
        elif kind == "rename" and isinstance(parent, dict):
            parent[recipe[2]] = parent.pop(last)
        elif kind == "insert" and isinstance(parent, dict):
            parent[recipe[2]] = recipe[3]
        elif kind == "insert" and isinstance(parent, list):
            parent.insert(int(last), recipe[3])
    return data


def dump(data: object, *, as_json: bool) -> str:
    """YAML or JSON text of the data (dates and odd floats as the dumpers write them)."""
    if as_json:
        return json.dumps(data, default=str, allow_nan=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def mutate_text(text: str, recipe: tuple[Any, ...]) -> str:
    """Text with one edit applied."""
    at = recipe[1] % (len(text) + 1)
    if recipe[0] == "delete":
        return text[:at] + text[at + recipe[2] :]
    return text[:at] + str(recipe[2]) + text[at:]
