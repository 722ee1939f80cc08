"""The shipped content: valid, complete, covering the seed topics, and stable over time."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING

import pytest
import yaml
from helpers import DATA

from caf.resources import data_dir
from caf.validation.paths import validate_paths

if TYPE_CHECKING:
    from caf.models.framework import Framework, Practice
    from caf.validation.library import Library

SHIPPED = ("caf-ai", "genai-security")
CAF_AI_MARKINGS = {
    # perspective: [(capability title, kind), ...] in CAF order
    "BUS": [
        ("Strategy management", "enriched"),
        ("Product management", "enriched"),
        ("Business insight", "enriched"),
        ("Portfolio management", "enriched"),
        ("Innovation management", "enriched"),
        ("Generative AI", "new"),
        ("Data monetization", "base"),
        ("Strategic partnership", "base"),
        ("Data science", "base"),
    ],
    "PPL": [
        ("ML fluency", "new"),
        ("Workforce transformation", "enriched"),
        ("Organizational alignment", "enriched"),
        ("Culture evolution", "enriched"),
        ("Transformational leadership", "base"),
        ("Cloud fluency", "base"),
        ("Change acceleration", "base"),
        ("Organization design", "base"),
    ],
    "GOV": [
        ("Program and project management", "base"),
        ("Benefits management", "base"),
        ("Risk management", "enriched"),
        ("Cloud financial management", "enriched"),
        ("Application portfolio management", "base"),
        ("Data governance", "base"),
        ("Data curation", "enriched"),
        ("Responsible use of AI", "new"),
    ],
    "PLT": [
        ("Platform architecture", "enriched"),
        ("Modern application development", "enriched"),
        ("AI lifecycle management and MLOps", "new"),
        ("Data architecture", "enriched"),
        ("Platform engineering", "enriched"),
        ("Data engineering", "enriched"),
        ("Provisioning and orchestration", "enriched"),
        ("Continuous integration and continuous delivery", "enriched"),
    ],
    "SEC": [
        ("Security governance", "enriched"),
        ("Security assurance", "enriched"),
        ("Identity and access management", "base"),
        ("Threat detection", "enriched"),
        ("Vulnerability management", "enriched"),
        ("Infrastructure protection", "enriched"),
        ("Data protection", "enriched"),
        ("Application security", "enriched"),
        ("Incident response", "base"),
    ],
    "OPS": [
        ("Observability", "base"),
        ("Event management (AIOps)", "base"),
        ("Incident and problem management", "enriched"),
        ("Change and release management", "base"),
        ("Performance and capacity", "enriched"),
        ("Configuration management", "base"),
        ("Patch management", "base"),
        ("Availability and continuity management", "base"),
        ("Application management", "base"),
    ],
}


@pytest.fixture(scope="module")
def shipped(library: Library) -> dict[str, Framework]:
    return {ref: library.framework(ref) for ref in (*SHIPPED, "caf-ai-regulated")}


def all_practices(shipped: dict[str, Framework]) -> list[Practice]:
    return [p for ref in SHIPPED for _, _, p in shipped[ref].practices()]


def test_every_shipped_file_validates_with_zero_issues() -> None:
    report = validate_paths([data_dir("frameworks")])
    assert report.issues == [], "\n".join(str(i) for i in report.issues)
    assert len(report.files) >= 9


def test_caf_ai_has_every_capability_with_its_marking(shipped: dict[str, Framework]) -> None:
    fw = shipped["caf-ai"]
    assert [p.title for p in fw.perspectives] == [
        "Business",
        "People",
        "Governance",
        "Platform",
        "Security",
        "Operations",
    ]
    for perspective in fw.perspectives:
        got = [(c.title, c.kind.value if c.kind else None) for c in perspective.capabilities]
        assert got == CAF_AI_MARKINGS[perspective.id]
        for capability in perspective.capabilities:
            need = 1 if capability.kind is not None and capability.kind.value == "base" else 3
            assert len(capability.practices) >= need, capability.id


def test_every_practice_is_complete(shipped: dict[str, Framework]) -> None:
    for ref in SHIPPED:
        fw = shipped[ref]
        role_ids = {role.id for role in fw.roles}
        for perspective in fw.perspectives:
            assert perspective.stakeholders, perspective.id
            assert set(perspective.stakeholders) <= role_ids
        for _, _, practice in fw.practices():
            where = f"{ref} {practice.id}"
            assert practice.question.rstrip().endswith("?"), where
            assert practice.guidance.strip(), where
            assert sorted(practice.rubric) == list(fw.scale.values), where
            assert practice.raci.accountable in role_ids, where
            assert practice.evidence, where
            assert practice.tags, where


def test_roles_are_one_shared_described_set(shipped: dict[str, Framework]) -> None:
    sets = [[(r.id, r.description) for r in shipped[ref].roles] for ref in SHIPPED]
    assert sets[0] == sets[1]
    ids = {role_id for role_id, _ in sets[0]}
    assert ids >= {
        "executive-sponsor",
        "cdao",
        "ciso",
        "data-scientist",
        "ml-engineer",
        "platform-engineer",
        "product-owner",
        "risk-compliance",
        "legal-privacy",
        "security-operations",
    }
    assert all(len(description) > 40 for _, description in sets[0])


def test_every_seed_topic_is_a_tag(shipped: dict[str, Framework]) -> None:
    topics = [t["id"] for t in yaml.safe_load((DATA / "seed-topics.yaml").read_text())["topics"]]
    tags = {tag for practice in all_practices(shipped) for tag in practice.tags}
    missing = [topic for topic in topics if topic not in tags]
    assert missing == []


def test_catalog_sizes(library: Library) -> None:
    sizes = {cid: len(c.items) for cid, c in library.catalogs().items()}
    assert sizes == {"nist-ai-rmf": 72, "iso-42001": 38, "owasp-llm-2025": 10, "eu-ai-act": 21}
    nist = library.catalogs()["nist-ai-rmf"]
    per_function = Counter(item.id.split()[0] for item in nist.items)
    assert per_function == {"GOVERN": 19, "MAP": 18, "MEASURE": 22, "MANAGE": 13}
    for catalog in library.catalogs().values():
        ids = [item.id for item in catalog.items]
        assert len(ids) == len(set(ids)), catalog.id


def test_every_reference_resolves_and_many_exist(
    shipped: dict[str, Framework], library: Library
) -> None:
    catalogs = library.catalogs()
    practices = all_practices(shipped)
    for practice in practices:
        for reference in practice.references:
            assert catalogs[reference.catalog].item(reference.id) is not None
    referenced = sum(1 for p in practices if p.references)
    assert referenced >= len(practices) // 2
    used = {r.catalog for p in practices for r in p.references}
    assert used == set(catalogs)


def test_practice_ids_are_unique_across_shipped_frameworks(shipped: dict[str, Framework]) -> None:
    ids = [p.id for p in all_practices(shipped)]
    assert len(ids) == len(set(ids))


def test_no_practice_id_disappears_unless_retired(library: Library) -> None:
    """tests/data/practice-ids.yaml is append-only: every id ever shipped, per framework."""
    known: dict[str, list[str]] = yaml.safe_load((DATA / "practice-ids.yaml").read_text())
    for ref, ids in known.items():
        fw = library.framework(ref)
        present = set(fw.practice_ids()) | {r.id for r in fw.retired}
        gone = [pid for pid in ids if pid not in present]
        assert gone == [], f"{ref}: ids removed without being listed under retired: {gone}"
        new = [pid for pid in fw.practice_ids() if pid not in ids]
        assert new == [], f"{ref}: add new ids to tests/data/practice-ids.yaml: {new}"


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_no_two_rubric_texts_are_identical(shipped: dict[str, Framework]) -> None:
    counts = Counter(_normal(text) for p in all_practices(shipped) for text in p.rubric.values())
    repeated = [text for text, count in counts.items() if count > 1]
    assert repeated == []


def _masked(practice: Practice) -> list[str]:
    """The rubric with the practice's own name words blanked out."""
    name = set(re.findall(r"[a-z0-9]+", f"{practice.title} {practice.id}".lower()))
    return [
        " ".join("_" if w in name else w for w in _normal(practice.rubric[level]).split())
        for level in sorted(practice.rubric)
    ]


def test_no_rubric_is_another_with_the_name_swapped(shipped: dict[str, Framework]) -> None:
    practices = all_practices(shipped)
    masked = {p.id: _masked(p) for p in practices}
    for a, b in itertools.combinations(practices, 2):
        same = sum(x == y for x, y in zip(masked[a.id], masked[b.id], strict=True))
        assert same <= 1, f"{a.id} and {b.id} share {same} rubric levels once names are removed"


def test_security_baseline_marks_critical_practices_and_stack(
    shipped: dict[str, Framework],
) -> None:
    fw = shipped["genai-security"]
    practices = [p for _, _, p in fw.practices()]
    assert sum(p.critical for p in practices) >= 10
    assert {p.layer.value for p in practices if p.layer} == {
        "infrastructure",
        "model-access",
        "application",
    }
    assert {p.component.value for p in practices if p.component} == {"input", "model", "output"}


def test_regulated_profile_tailors_caf_ai(shipped: dict[str, Framework]) -> None:
    base, tailored = shipped["caf-ai"], shipped["caf-ai-regulated"]
    assert tailored.based_on == base.ref
    targets = {
        p.id: tailored.target_of(p)
        for persp, _, p in tailored.practices()
        if persp.id in {"SEC", "GOV"}
    }
    assert min(targets.values()) >= 4
    assert sum(p.critical for _, _, p in tailored.practices()) > sum(
        p.critical for _, _, p in base.practices()
    )
    assert "GOV.RSK.90" in tailored.practice_ids()
    assert not any(c.id == "BUS.MON" for _, c in tailored.capabilities())
