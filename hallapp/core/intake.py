"""What a window may decide for the materials in front of it (收件 → 受理 / 告知 / 不予受理).

The clerk ticks each material of the item's checklist; :func:`evaluate` turns the ticks into
the list of problems and, for every decision the window could take, whether it is open and,
if not, why (in words naming the materials). The counter greys out closed decisions with that
reason, and the service calls :func:`check_decision` again before it records anything, so a
forged or stale request meets the same rules.

Choices not fixed by DOMAIN.md:

* Only *required* materials count. A mark on an optional material is validated (known code,
  valid commitment) but its absence or fault never blocks a decision.
* A faulty secondary material is treated like a missing one: 容缺 may cover it.
* A valid commitment may sit beside 容缺 (both widen acceptance) unless the applicant is
  blacklisted; it blocks plain ``accept``, which means "everything present".
* 秒批 is refused to blacklisted applicants too (一处失信、处处受限).
* A blacklisted applicant's commitment replaces nothing: a required material so marked is
  still owed, so the 一次性告知 is open and lists it (as missing) for the real document.
* The 容缺 supplement deadline is :func:`hallapp.core.timelimits.supplement_deadline`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hallapp.core.case_rules import CaseAction
from hallapp.core.catalogue import APPLICANT_TYPES, MATERIAL_FORMS, Item, Material
from hallapp.core.errors import RuleViolation, ValidationError

MARK_STATUSES = ("received", "verified_online", "commitment", "missing", "faulty")
MARK_LABELS = {"received": "已收", "verified_online": "在线核验", "commitment": "告知承诺",
               "missing": "缺", "faulty": "不符合要求"}  # as the CLI explains the codes
DECISIONS = ("on_spot", "accept", "accept_tolerant", "accept_commitment", "notify_missing",
             "refuse")
DECISION_ACTIONS: dict[str, CaseAction] = {
    "on_spot": CaseAction.DECIDE_ON_SPOT, "accept": CaseAction.ACCEPT,
    "accept_tolerant": CaseAction.ACCEPT_TOLERANT,
    "accept_commitment": CaseAction.ACCEPT_COMMITMENT,
    "notify_missing": CaseAction.NOTIFY_MISSING, "refuse": CaseAction.REFUSE,
}
MAX_REFUSAL_TEXT = 2000
MAX_COPIES = 99  # as the counter's copies cell goes
NO_PAPER = frozenset({"missing", "commitment", "verified_online"})  # nothing handed over
BLACKLIST_REASON = "申请人在失信名单中，不适用告知承诺制"
_KIND_LABELS = {"person": "自然人", "legal": "法人"}
_KIND_EN = {"person": "persons", "legal": "legal entities"}


@dataclass(frozen=True)
class MaterialMark:
    """The clerk's verdict on one material of the checklist."""

    code: str
    status: str  # one of MARK_STATUSES
    form: str | None = None  # one of catalogue.MATERIAL_FORMS, as actually handed in
    copies: int = 0
    note: str | None = None

    def __post_init__(self) -> None:
        if self.status not in MARK_STATUSES:
            raise ValidationError(f"材料 {self.code} 的核验结果 {self.status!r} 无效",
                                  field="status", code="material_status", material=self.code)
        if self.form is not None and self.form not in MATERIAL_FORMS:
            raise ValidationError(f"材料 {self.code} 的形式 {self.form!r} 无效",
                                  field="form", code="material_form", material=self.code)
        if self.copies < 0:
            raise ValidationError(f"材料 {self.code} 的份数不能为负", field="copies",
                                  code="material_copies", material=self.code)


def check_new_mark(mark: MaterialMark) -> None:
    """What a mark being recorded must say, at the counter and from the CLI alike.

    Not part of :class:`MaterialMark` itself: marks recorded before these rules are read back
    as they were.
    """
    if mark.status == "faulty" and not (mark.note or "").strip():
        raise ValidationError(f"材料 {mark.code} 不符合要求：请写明哪里不符合要求（将写入一次性"
                              "告知书）", field="note", code="material_fault_note",
                              material=mark.code)
    if mark.status in NO_PAPER and mark.copies:
        raise ValidationError(f"材料 {mark.code} 未收纸质材料（{MARK_LABELS[mark.status]}），"
                              "份数应为 0", field="copies", code="material_copies_none",
                              material=mark.code)
    if mark.copies > MAX_COPIES:
        raise ValidationError(f"材料 {mark.code} 的份数不能超过 {MAX_COPIES}", field="copies",
                              code="material_copies_most", material=mark.code,
                              most=MAX_COPIES)


@dataclass(frozen=True)
class Applicant:
    """Who applies; ``id_number`` is the ID card number or, for a legal person, the USCC.
    The service looks up the blacklist and passes the answer in ``on_blacklist``."""

    kind: str  # "person" | "legal"
    name: str
    id_number: str
    phone: str | None = None
    on_blacklist: bool = False

    def __post_init__(self) -> None:
        if self.kind not in APPLICANT_TYPES:
            raise ValidationError(f"申请人类型 {self.kind!r} 无效，应为 person 或 legal",
                                  field="kind", code="applicant_kind")
        if not self.name.strip():
            raise ValidationError("申请人名称不能为空", field="name",
                                  code="applicant_name_required")


@dataclass(frozen=True)
class Availability:
    allowed: bool
    reason: str = ""  # every reason, in Chinese
    reason_codes: tuple[str, ...] = ()  # the code of each reason, for its English text

    @property
    def reason_code(self) -> str | None:
        """The first reason's code (a refusal of this decision carries it)."""
        return self.reason_codes[0] if self.reason_codes else None


@dataclass(frozen=True)
class IntakeAssessment:
    """Problems with the checklist (material codes, in catalogue order) and the decisions."""

    item_code: str
    missing_core: tuple[str, ...]
    missing_secondary: tuple[str, ...]
    faulty: tuple[str, ...]
    faulty_core: tuple[str, ...]
    commitments: tuple[str, ...]
    decisions: Mapping[str, Availability]
    # Required materials a blacklisted applicant marked as replaced by commitment: still owed.
    void_commitments: tuple[str, ...] = ()

    @property
    def outstanding(self) -> tuple[str, ...]:
        """Every required material missing or faulty: what the 一次性告知书 lists."""
        return self.missing_core + self.missing_secondary + self.faulty + self.void_commitments

    @property
    def supplements(self) -> tuple[str, ...]:
        """What a 容缺 applicant still owes (secondary, missing or faulty)."""
        core = set(self.faulty_core)
        return self.missing_secondary + tuple(c for c in self.faulty if c not in core)

    def availability(self, decision: str) -> Availability:
        if decision not in self.decisions:
            raise ValidationError(f"未知的收件决定：{decision}", field="decision",
                                  code="unknown_decision")
        return self.decisions[decision]

    def allowed_decisions(self) -> list[str]:
        return [d for d in DECISIONS if self.decisions[d].allowed]


@dataclass
class _Problems:
    """Working lists while reading the marks, each in catalogue order."""

    missing_core: list[Material]
    missing_secondary: list[Material]
    faulty: list[Material]
    commitments: list[Material]


def evaluate(item: Item, marks: Sequence[MaterialMark], applicant: Applicant) -> IntakeAssessment:
    """Read the clerk's marks against the item's checklist and open or close each decision."""
    problems = _collect_problems(item, _index_marks(item, marks))
    void = [m for m in problems.commitments if m.required] if applicant.on_blacklist else []
    decisions = {
        "on_spot": _on_spot(item, problems, applicant),
        "accept": _accept(problems),
        "accept_tolerant": _accept_tolerant(item, problems, applicant),
        "accept_commitment": _accept_commitment(item, problems, applicant),
        "notify_missing": _notify_missing(problems, void),
        "refuse": Availability(True),
    }
    return IntakeAssessment(
        item_code=item.code,
        missing_core=_codes(problems.missing_core),
        missing_secondary=_codes(problems.missing_secondary),
        faulty=_codes(problems.faulty),
        faulty_core=_codes([m for m in problems.faulty if m.core]),
        commitments=_codes(problems.commitments),
        decisions=decisions,
        void_commitments=_codes(void),
    )


def _collect_problems(item: Item, by_code: Mapping[str, MaterialMark]) -> _Problems:
    problems = _Problems([], [], [], [])
    for material in item.materials:
        mark = by_code.get(material.code)
        if mark is not None and mark.status == "commitment":
            _check_commitment(item, material)
            problems.commitments.append(material)
        if not material.required:
            continue
        if mark is None or mark.status == "missing":
            (problems.missing_core if material.core else problems.missing_secondary).append(
                material)
        elif mark.status == "faulty":
            problems.faulty.append(material)
    return problems


def _index_marks(item: Item, marks: Sequence[MaterialMark]) -> dict[str, MaterialMark]:
    by_code: dict[str, MaterialMark] = {}
    for mark in marks:
        item.material(mark.code)  # ValidationError naming an unknown material
        if mark.code in by_code:
            raise ValidationError(f"材料 {mark.code} 重复标记", field="material",
                                  code="material_twice", material=mark.code)
        by_code[mark.code] = mark
    return by_code


def _check_commitment(item: Item, material: Material) -> None:
    if not item.commitment_allowed:
        raise RuleViolation(
            f"事项“{item.name}”不适用告知承诺制，材料“{material.name}”不能以承诺代替",
            code="commitment_not_allowed", material=material.code)
    if not material.commitment_replaceable:
        raise RuleViolation(f"材料“{material.name}”不能以告知承诺代替",
                            code="commitment_not_replaceable", material=material.code)


def _codes(materials: Sequence[Material]) -> tuple[str, ...]:
    return tuple(m.code for m in materials)


def _names(materials: Sequence[Material]) -> str:
    return "、".join(m.name for m in materials)


def _verdict(failures: list[tuple[str, str]]) -> Availability:
    """All reasons at once, so the clerk sees everything that closes a decision."""
    if not failures:
        return Availability(True)
    return Availability(False, "；".join(text for _, text in failures),
                        tuple(code for code, _ in failures))


def _completeness(p: _Problems) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if p.missing_core:
        out.append(("missing_core", f"主审要件缺失：{_names(p.missing_core)}"))
    if p.missing_secondary:
        out.append(("missing_secondary", f"非主审要件缺失：{_names(p.missing_secondary)}"))
    if p.faulty:
        out.append(("faulty", f"材料不符合要求：{_names(p.faulty)}"))
    return out


def _on_spot(item: Item, p: _Problems, applicant: Applicant) -> Availability:
    failures: list[tuple[str, str]] = []
    if not item.is_immediate:
        failures.append(("not_immediate", f"事项“{item.name}”不是即办件"))
    failures += _completeness(p)
    if p.commitments and applicant.on_blacklist:
        failures.append(("blacklisted", BLACKLIST_REASON))
    return _verdict(failures)


def _accept(p: _Problems) -> Availability:
    failures = _completeness(p)
    if p.commitments:
        failures.append(("has_commitments",
                         f"以下材料以承诺代替，应选择告知承诺受理：{_names(p.commitments)}"))
    return _verdict(failures)


def _accept_tolerant(item: Item, p: _Problems, applicant: Applicant) -> Availability:
    failures: list[tuple[str, str]] = []
    if not item.tolerant_allowed:
        failures.append(("tolerant_not_allowed", f"事项“{item.name}”不适用容缺受理"))
    faulty_core = [m for m in p.faulty if m.core]
    if p.missing_core:
        failures.append(("missing_core", f"主审要件缺失：{_names(p.missing_core)}"))
    if faulty_core:
        failures.append(("faulty_core", f"主审要件不符合要求：{_names(faulty_core)}"))
    if not (failures or p.missing_secondary or len(faulty_core) < len(p.faulty)):
        failures.append(("nothing_to_tolerate", "没有缺少的非主审要件，无需容缺受理"))
    if p.commitments and applicant.on_blacklist:
        failures.append(("blacklisted", BLACKLIST_REASON))
    return _verdict(failures)


def _accept_commitment(item: Item, p: _Problems, applicant: Applicant) -> Availability:
    failures: list[tuple[str, str]] = []
    if not item.commitment_allowed:
        failures.append(("commitment_not_allowed", f"事项“{item.name}”不适用告知承诺制"))
    if not p.commitments:
        failures.append(("no_commitment", "没有以承诺代替的材料"))
    failures += _completeness(p)
    if applicant.on_blacklist:
        failures.append(("blacklisted", BLACKLIST_REASON))
    return _verdict(failures)


def _notify_missing(p: _Problems, void_commitments: Sequence[Material]) -> Availability:
    if p.missing_core or p.missing_secondary or p.faulty or void_commitments:
        return Availability(True)
    return Availability(False, "材料齐全，无需一次性告知", ("nothing_missing",))


def check_decision(assessment: IntakeAssessment, decision: str) -> None:
    """Raise RuleViolation with the availability reason if ``decision`` is closed."""
    availability = assessment.availability(decision)
    if not availability.allowed:
        raise RuleViolation(availability.reason, code=availability.reason_code or "forbidden",
                            decision=decision)


def choose_decision(assessment: IntakeAssessment) -> str:
    """The decision the counter pre-selects: the most complete acceptance open, else the
    一次性告知. Never ``refuse``, which needs the clerk's reason and legal basis."""
    for decision in ("on_spot", "accept", "accept_commitment", "accept_tolerant"):
        if assessment.decisions[decision].allowed:
            return decision
    return "notify_missing"


def check_refusal(reason: str, legal_basis: str) -> tuple[str, str]:
    """不予受理 needs both a reason and its legal basis for the printed notice."""
    cleaned = []
    for name, label, value in (("reason", "不予受理理由", reason),
                               ("legal_basis", "法律依据", legal_basis)):
        text = (value or "").strip()
        if not text:
            raise ValidationError(f"{label}不能为空", field=name, code="required")
        if len(text) > MAX_REFUSAL_TEXT:
            raise ValidationError(f"{label}过长（最多 {MAX_REFUSAL_TEXT} 字）", field=name,
                                  code="too_long", limit=MAX_REFUSAL_TEXT)
        cleaned.append(text)
    return cleaned[0], cleaned[1]


@dataclass(frozen=True)
class AutoApproval:
    """秒批 applies (``eligible``), or why not: the Chinese ``reason`` for the clerk and the
    audit log, its ``code`` (its English text in ``errors_en``) and the ``facts`` that text
    names (the item, the applicant kinds, the materials, in English where they have it)."""

    eligible: bool
    reason: str = ""
    code: str | None = None
    facts: Mapping[str, str] = field(default_factory=dict)


def auto_approval(item: Item, assessment: IntakeAssessment, marks: Sequence[MaterialMark],
                  applicant: Applicant) -> AutoApproval:
    """Whether 秒批 applies to this checklist and applicant, and if not the first reason."""
    rules = item.auto_approve
    if rules is None:
        return AutoApproval(False, f"事项“{item.name}”未配置秒批规则", "auto_no_rules",
                            {"item": item.name_en or item.code})
    if not (assessment.decisions["accept"].allowed or assessment.decisions["on_spot"].allowed):
        return AutoApproval(False, "材料不齐全或含承诺、容缺材料，不适用秒批", "auto_incomplete")
    if applicant.on_blacklist:
        return AutoApproval(False, "申请人在失信名单中，不适用秒批", "auto_blacklisted")
    if applicant.kind not in rules.applicant_types:
        kinds = "、".join(_KIND_LABELS.get(k, k) for k in rules.applicant_types)
        return AutoApproval(False, f"秒批仅适用于：{kinds}", "auto_applicant_kind",
                            {"kinds": " and ".join(_KIND_EN.get(k, k)
                                                   for k in rules.applicant_types)})
    if rules.require_all_verified_online:
        status = {m.code: m.status for m in marks}
        unverified = [m for m in item.materials
                      if m.required and status.get(m.code) != "verified_online"]
        if unverified:
            return AutoApproval(False, f"以下材料未经在线核验：{_names(unverified)}",
                                "auto_not_verified_online",
                                {"materials": ", ".join(m.name_en or m.name
                                                        for m in unverified)})
    return AutoApproval(True)


def auto_approve_eligible(item: Item, assessment: IntakeAssessment,
                          marks: Sequence[MaterialMark], applicant: Applicant
                          ) -> tuple[bool, str]:
    """秒批: (True, "") or (False, why not) for the clerk and the audit log."""
    verdict = auto_approval(item, assessment, marks, applicant)
    return verdict.eligible, verdict.reason
