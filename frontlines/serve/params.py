"""Query parameters declared once: parsed and checked for the routes, described for OpenAPI.

A bad value is a 400 naming the parameter and what it should look like, never a
500 from deep in a SQL query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from frontlines.store import STATS_BY
from frontlines.types import EVENT_TYPES


class ApiError(Exception):
    """An error answered as ``{ok: false, error, errors, status}``."""

    def __init__(self, status: int, message: str, *, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or [message]


@dataclass(frozen=True, slots=True, kw_only=True)
class Param:
    name: str
    description: str
    kind: str = "string"  # string, date, number, integer, boolean, floats
    size: int = 0  # for kind "floats": how many comma-separated numbers
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    example: Any = None

    def schema(self) -> dict[str, Any]:
        kinds = {
            "string": {"type": "string"},
            "date": {"type": "string", "format": "date"},
            "number": {"type": "number"},
            "integer": {"type": "integer"},
            "boolean": {"type": "boolean"},
            "floats": {"type": "string", "pattern": r"^[-0-9.eE]+(,[-0-9.eE]+)*$"},
        }
        out = dict(kinds[self.kind])
        if self.enum:
            out["enum"] = list(self.enum)
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.default is not None:
            out["default"] = self.default
        return out

    def openapi(self, where: str = "query") -> dict[str, Any]:
        out = {
            "name": self.name,
            "in": where,
            "required": where == "path",
            "description": self.description,
            "schema": self.schema(),
        }
        if self.example is not None:
            out["example"] = self.example
        return out

    def parse(self, raw: str) -> Any:
        """The typed value, or ValueError with a message naming the expected form."""
        if self.kind == "date":
            try:
                return date.fromisoformat(raw).isoformat()
            except ValueError:
                raise ValueError(f"{self.name}: {raw!r} is not a date (YYYY-MM-DD)") from None
        if self.kind in ("number", "integer"):
            try:
                value: float = int(raw) if self.kind == "integer" else float(raw)
            except ValueError:
                raise ValueError(
                    f"{self.name}: {raw!r} is not a{'n integer' if self.kind == 'integer' else ' number'}"
                ) from None
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(f"{self.name}: {raw!r} is not a finite number")
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.name}: {raw} is below {self.minimum:g}")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{self.name}: {raw} is above {self.maximum:g}")
            return value
        if self.kind == "boolean":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(f"{self.name}: {raw!r} is not true or false")
        if self.kind == "floats":
            try:
                parts = tuple(float(p) for p in raw.split(","))
            except ValueError:
                parts = ()
            if len(parts) != self.size or any(p != p or abs(p) == float("inf") for p in parts):
                raise ValueError(f"{self.name}: expected {self.description.split(':')[0]}, got {raw!r}")
            return parts
        if self.enum and raw not in self.enum:
            raise ValueError(f"{self.name}: {raw!r} is not one of {', '.join(self.enum)}")
        if len(raw) > 500:
            raise ValueError(f"{self.name}: longer than 500 characters")
        return raw


FILTERS: tuple[Param, ...] = (
    Param(name="since", kind="date", description="Events on or after this day (YYYY-MM-DD).", example="2016-10-01"),
    Param(name="until", kind="date", description="Events on or before this day (YYYY-MM-DD).", example="2016-10-31"),
    Param(name="country", description="ISO alpha-2 code or country name; several comma-separated.", example="SY"),
    Param(name="admin1", description="First-level region name(s), comma-separated."),
    Param(
        name="type",
        description="ACLED event type(s), comma-separated: " + ", ".join(EVENT_TYPES) + ".",
        example="Battles",
    ),
    Param(name="sub_type", description="ACLED sub-event type(s), comma-separated."),
    Param(name="actor", description="Any actor whose name or dictionary id contains this text."),
    Param(name="min_confidence", kind="number", minimum=0, maximum=1, description="Confidence floor, 0 to 1."),
    Param(name="min_sources", kind="integer", minimum=1, description="At least this many documents."),
    Param(
        name="bbox",
        kind="floats",
        size=4,
        description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT: inside these bounds.",
        example="36,35,38,37",
    ),
    Param(name="near", kind="floats", size=3, description="LAT,LON,KM: within KM of a point.", example="36.2,37.16,25"),
)
PAGE: tuple[Param, ...] = (
    Param(
        name="limit", kind="integer", minimum=0, maximum=1000, default=100, description="Rows per page (at most 1000)."
    ),
    Param(name="offset", kind="integer", minimum=0, default=0, description="Rows to skip."),
)
MAP: tuple[Param, ...] = (
    Param(
        name="zoom",
        kind="number",
        minimum=0,
        maximum=22,
        default=4,
        description="Map zoom; sets the grid cell when events are counted on a grid.",
    ),
    Param(
        name="max_points",
        kind="integer",
        minimum=1,
        maximum=20000,
        default=5000,
        description="Most points sent one by one; above it, a grid of counts.",
    ),
)
STATS: tuple[Param, ...] = (
    Param(name="by", enum=STATS_BY, default="week", description="Group by: " + ", ".join(STATS_BY) + "."),
)
PLACES: tuple[Param, ...] = (
    Param(name="q", description="Place names containing this text."),
    Param(name="limit", kind="integer", minimum=1, maximum=1000, default=200, description="Most places."),
)


def parse_query(query: Any, params: tuple[Param, ...]) -> dict[str, Any]:
    """Typed values of the declared parameters; every bad or unknown one is reported at once."""
    known = {p.name: p for p in params}
    out: dict[str, Any] = {p.name: p.default for p in params if p.default is not None}
    errors: list[str] = []
    for name in query:
        if name not in known:
            errors.append(f"{name}: unknown parameter (known: {', '.join(known) or 'none'})")
            continue
        raw = ",".join(v for v in query.getlist(name) if v != "")
        if raw == "":
            continue
        try:
            out[name] = known[name].parse(raw)
        except ValueError as e:
            errors.append(str(e))
    if errors:
        raise ApiError(400, errors[0] if len(errors) == 1 else f"{len(errors)} bad parameters", errors=errors)
    return out


def filters_of(values: dict[str, Any]) -> dict[str, Any]:
    """The Store filters among parsed values."""
    names = {p.name for p in FILTERS}
    return {k: v for k, v in values.items() if k in names}
