"""frontlines: conflict reporting in, sourced and geocoded evidence out.

The public API is this module's ``__all__``; everything else is internal.
"""

from frontlines.config import Settings
from frontlines.errors import (
    ContractError,
    FrontlinesError,
    GazetteerError,
    InputError,
    KnowledgeError,
    StoreError,
)
from frontlines.pipeline import Pipeline, extract
from frontlines.store import Store, open_store
from frontlines.types import (
    Actor,
    ControlClaim,
    Document,
    Event,
    Mention,
    Place,
    Report,
    Span,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ContractError",
    "ControlClaim",
    "Document",
    "Event",
    "FrontlinesError",
    "GazetteerError",
    "InputError",
    "KnowledgeError",
    "Mention",
    "Pipeline",
    "Place",
    "Report",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "__version__",
    "extract",
    "open_store",
]
