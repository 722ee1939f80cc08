"""Reading YAML and JSON: positions kept, hostile files refused with a clear message."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from helpers import write

from caf.errors import Code
from caf.validation.document import read_document

if TYPE_CHECKING:
    from pathlib import Path


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "top:\n  list:\n    - one\n    - {name: two}\n")
    document, issues = read_document(path)
    assert issues == []
    assert document is not None
    assert document.data == {"top": {"list": ["one", {"name": "two"}]}}
    assert document.values[("top", "list", 0)] == (3, 7)
    assert document.values[("top", "list", 1, "name")] == (4, 14)
    assert document.keys[("top", "list")] == (2, 3)
    # an unknown path falls back to its nearest ancestor
    assert document.position(("top", "list", 1, "missing")) == (4, 7)


def test_syntax_error_is_located(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yaml", "a: 1\nb: [1, 2\nc: 3\n")
    document, issues = read_document(path)
    assert document is None
    (issue,) = issues
    assert issue.code is Code.SYNTAX
    assert issue.line is not None
    assert issue.line >= 2
    assert str(path) in str(issue)


def test_duplicate_keys_are_reported_not_silently_merged(tmp_path: Path) -> None:
    path = write(tmp_path / "dup.yaml", "id: a\ntitle: x\nid: b\n")
    _, issues = read_document(path)
    (issue,) = issues
    assert issue.code is Code.DUPLICATE_KEY
    assert (issue.line, issue.column) == (3, 1)
    assert "first on line 1" in issue.message


def test_object_construction_tags_are_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path / "evil.yaml",
        "a: !!python/object/apply:os.system ['echo hacked']\nb: !!python/name:os.system\n",
    )
    _, issues = read_document(path)
    assert {issue.code for issue in issues} == {Code.SYNTAX}
    assert len(issues) == 2
    assert all("not allowed" in issue.message for issue in issues)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    path = write(tmp_path / "bomb.yaml", "\n".join(lines) + "\n")
    start = time.perf_counter()
    document, issues = read_document(path)
    elapsed = time.perf_counter() - start
    assert document is None
    assert issues[0].code is Code.ALIAS_LIMIT
    assert "alias bomb" in issues[0].message
    assert elapsed < 60  # a guard against a hang, not a benchmark


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "loop.yaml", "a: &x [1, *x]\n")
    document, issues = read_document(path)
    assert document is None
    assert issues[0].code is Code.ALIAS_LIMIT


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.yaml", "[" * 5000 + "]" * 5000 + "\n")
    document, issues = read_document(path)
    assert document is None
    assert issues[0].code is Code.SYNTAX


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "big.yaml", "a: " + "x" * 2000 + "\n")
    document, issues = read_document(path, max_bytes=1000)
    assert document is None
    assert issues[0].code is Code.FILE_TOO_LARGE


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"a: 1\n\x00\x01\x02")
    _, issues = read_document(binary)
    assert issues[0].code is Code.NOT_TEXT
    assert issues[0].line == 2
    latin = tmp_path / "y.yaml"
    latin.write_bytes("title: caf\u00e9\n".encode("latin-1"))
    _, issues = read_document(latin)
    assert issues[0].code is Code.NOT_TEXT
    assert "UTF-8" in issues[0].message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: \u00e9t\u00e9\n".encode())
    document, issues = read_document(path)
    assert issues == []
    assert document is not None
    assert document.data == {"a": "\u00e9t\u00e9"}


def test_json_with_positions_and_json_only_escapes(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '{\n  "a": 1,\n  "b": {"c": "x"}\n}\n')
    document, issues = read_document(path)
    assert issues == []
    assert document is not None
    assert document.values[("b", "c")] == (3, 14)
    escaped = write(tmp_path / "b.json", '{"url": "http:\\/\\/x"}')
    document, issues = read_document(escaped)
    assert issues == []
    assert document is not None
    assert document.data == {"url": "http://x"}
    broken = write(tmp_path / "c.json", '{"a": 1,\n "b": }')
    document, issues = read_document(broken)
    assert document is None
    assert issues[0].code is Code.SYNTAX
    assert issues[0].line == 2


def test_empty_and_missing_files(tmp_path: Path) -> None:
    _, issues = read_document(write(tmp_path / "empty.yaml", "# only a comment\n"))
    assert issues[0].code is Code.EMPTY
    _, issues = read_document(tmp_path / "nope.yaml")
    assert issues[0].code is Code.FILE_NOT_FOUND


def test_input_file_is_not_modified(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "a: [1, 2\n")
    before = path.read_bytes(), path.stat().st_mtime_ns
    read_document(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
