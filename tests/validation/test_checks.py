"""Cross-tree rules: each yields an issue with a path; nothing stops at the first one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import make_assessment, make_framework, practice

from caf.errors import Code, Severity, has_errors
from caf.models.assessment import Assessment
from caf.models.catalog import Catalog
from caf.models.framework import Framework, digest
from caf.validation.checks import check_assessment, check_framework

if TYPE_CHECKING:
    from caf.validation.library import Library

CATALOG = Catalog.model_validate(
    {"id": "cat", "version": "1", "title": "Cat", "items": [{"id": "A.1", "title": "a"}]}
)


def framework_with(*practices: dict[str, object], **extra: object) -> Framework:
    return make_framework(
        [
            {
                "id": "P",
                "title": "P",
                "capabilities": [{"id": "C", "title": "C", "practices": list(practices)}],
            }
        ],
        **extra,
    )


def test_ids_unique_across_levels() -> None:
    fw = framework_with(practice("C"), practice("x"), practice("x"))
    found = [i for i in check_framework(fw, {}) if i.code is Code.DUPLICATE_ID]
    assert [i.path for i in found] == [
        ("perspectives", 0, "capabilities", 0, "practices", 0, "id"),
        ("perspectives", 0, "capabilities", 0, "practices", 2, "id"),
    ]


def test_roles_must_be_defined() -> None:
    fw = framework_with(
        practice("x", raci={"accountable": "cso", "informed": ["ciso", "cio"]}),
        roles=[{"id": "ciso", "title": "CISO", "description": "d"}],
    )
    found = [i for i in check_framework(fw, {}) if i.code is Code.UNKNOWN_ROLE]
    assert len(found) == 2
    assert "did you mean 'ciso'" in found[0].message


def test_rubric_and_target_on_scale_and_references_resolve() -> None:
    fw = framework_with(
        practice(
            "x",
            rubric={0: "a", 6: "b"},
            target=9,
            references=[{"catalog": "cat", "id": "A.2"}, {"catalog": "dog", "id": "A.1"}],
        )
    )
    codes = sorted(i.code.value for i in check_framework(fw, {"cat": CATALOG}))
    assert codes == ["level-off-scale", "level-off-scale", "unknown-catalog", "unknown-reference"]


def test_empty_capability_is_a_warning() -> None:
    fw = framework_with()
    (issue,) = check_framework(fw, {})
    assert (issue.code, issue.severity) == (Code.EMPTY, Severity.WARNING)


def test_retired_ids_are_never_reused() -> None:
    fw = framework_with(practice("x"), retired=[{"id": "x", "reason": "merged"}])
    assert [i.code for i in check_framework(fw, {})] == [Code.DUPLICATE_ID]


def test_assessment_rules() -> None:
    fw = framework_with(practice("x"), practice("y"))
    answers: dict[str, dict[str, Any]] = {
        "x": {"level": 6, "target": 7},
        "z": {"level": 1},
        "y": {"na": True},
    }
    found = check_assessment(make_assessment(fw, answers), fw)
    assert [i.code for i in found] == [
        Code.LEVEL_OFF_SCALE,
        Code.LEVEL_OFF_SCALE,
        Code.UNKNOWN_PRACTICE,
        Code.NA_WITHOUT_REASON,
    ]


def test_framework_version_and_digest_mismatch_are_warnings() -> None:
    fw = framework_with(practice("x"))
    other = make_assessment(fw, {}).model_copy(
        update={"framework": make_assessment(fw, {}).framework.model_copy(update={"version": "0"})}
    )
    (issue,) = check_assessment(other, fw)
    assert (issue.code, issue.severity) == (Code.VERSION_MISMATCH, Severity.WARNING)
    stale = make_assessment(fw, {}).framework.model_copy(update={"digest": "sha256:0"})
    (issue,) = check_assessment(make_assessment(fw, {}).model_copy(update={"framework": stale}), fw)
    assert issue.code is Code.DIGEST_MISMATCH
    fresh = stale.model_copy(update={"digest": digest(fw)})
    assert (
        check_assessment(make_assessment(fw, {}).model_copy(update={"framework": fresh}), fw) == []
    )


def test_an_answer_to_a_retired_practice_is_a_warning_that_points_to_its_successor(
    library: Library,
) -> None:
    framework = library.framework("caf-ai")
    retired = next(r for r in framework.retired if r.replaced_by)
    assessment = Assessment.model_validate(
        {
            "framework": {"id": framework.id, "version": framework.version},
            "subject": {"name": "Payments"},
            "round": {"label": "2026-Q4"},
            "answers": {retired.id: {"level": 2}},
        }
    )
    issues = check_assessment(assessment, framework)
    assert [(i.code, i.severity) for i in issues] == [(Code.RETIRED_PRACTICE, Severity.WARNING)]
    assert retired.replaced_by[0] in issues[0].message
    assert not has_errors(issues)
