"""The duban.plan/1 document model (see shared/spec/plan-format.md).

Plain dataclasses: the extractor fills them, `Plan.to_dict()` writes the spec's JSON with its keys in
the spec's order, `Plan.from_dict()` reads it back (the review screen and the importer use both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "duban.plan/1"


@dataclass
class Source:
    name: str
    format: str
    encoding: str | None = None
    sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "format": self.format, "encoding": self.encoding, "sha256": self.sha256}


@dataclass
class Meta:
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issued_on: str | None = None  # ISO date
    period_end: str | None = None  # ISO date

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "issued_on": self.issued_on,
            "period_end": self.period_end,
        }


@dataclass
class Section:
    id: str
    parent: str | None
    number: str
    title: str
    units: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parent": self.parent,
            "number": self.number,
            "title": self.title,
            "units": list(self.units),
        }


@dataclass
class Deadline:
    text: str
    date: str | None  # ISO date, None for recurring or open-ended limits

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "date": self.date}


@dataclass
class Target:
    text: str
    metric: str
    value: float
    unit: str
    comparator: str  # ">=", "<=" or "="

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "text": self.text,
            "metric": self.metric,
            "value": value,
            "unit": self.unit,
            "comparator": self.comparator,
        }


@dataclass
class Task:
    id: str
    section: str | None
    text: str
    units: list[str] = field(default_factory=list)
    units_from: str | None = None  # "task" or "section"
    lead: list[str] = field(default_factory=list)
    suggested_lead: str | None = None
    deadline: Deadline | None = None
    targets: list[Target] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Why suggested_lead was picked, in words for the review screen (not part of the spec's JSON).
    lead_reason: str | None = None
    # Every unit of the task from most to least likely lead (suggested_lead first); not in the spec's JSON.
    lead_ranking: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "text": self.text,
            "units": list(self.units),
            "units_from": self.units_from,
            "lead": list(self.lead),
            "suggested_lead": self.suggested_lead,
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "targets": [t.to_dict() for t in self.targets],
            "warnings": list(self.warnings),
        }


@dataclass
class Plan:
    source: Source
    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source.to_dict(),
            "meta": self.meta.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "tasks": [t.to_dict() for t in self.tasks],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        src = data.get("source") or {}
        meta = data.get("meta") or {}
        return cls(
            source=Source(src.get("name", ""), src.get("format", ""), src.get("encoding"), src.get("sha256")),
            meta=Meta(
                **{k: meta.get(k) for k in ("title", "doc_number", "issuer", "issued_on", "period_end")}
            ),
            sections=[
                Section(
                    s["id"],
                    s.get("parent"),
                    s.get("number", ""),
                    s.get("title", ""),
                    list(s.get("units") or []),
                )
                for s in data.get("sections") or []
            ],
            tasks=[_task_from_dict(t) for t in data.get("tasks") or []],
            warnings=list(data.get("warnings") or []),
        )


def _task_from_dict(t: dict[str, Any]) -> Task:
    dl = t.get("deadline")
    return Task(
        id=t["id"],
        section=t.get("section"),
        text=t.get("text", ""),
        units=list(t.get("units") or []),
        units_from=t.get("units_from"),
        lead=list(t.get("lead") or []),
        suggested_lead=t.get("suggested_lead"),
        deadline=Deadline(dl.get("text", ""), dl.get("date")) if isinstance(dl, dict) else None,
        targets=[
            Target(
                x.get("text", ""),
                x.get("metric", ""),
                x.get("value", 0),
                x.get("unit", ""),
                x.get("comparator", "="),
            )
            for x in t.get("targets") or []
        ],
        warnings=list(t.get("warnings") or []),
    )
