"""Screening instruments as data, and the scoring of a screening (SPEC §4).

Load an instrument version from the registry, score answers and missing episodes as of a day,
and get a result that carries its tier, reasons and protocol actions::

    instrument = bundled_registry().get("htcsec-screen")          # latest version
    result = score(instrument, {"hotels_for_sex": YES}, [], dt.date(2026, 5, 1))
    result.tier, result.reasons, result.actions                   # "high_risk", ...
"""

from safeharbor.domain.screening.answers import (
    NO,
    UNKNOWN,
    YES,
    Answer,
    AnswerSource,
    AnswerValue,
    MissingEpisode,
)
from safeharbor.domain.screening.document import (
    ScreeningRequest,
    decode_json,
    read_request,
    screen_document,
)
from safeharbor.domain.screening.loader import parse_instrument
from safeharbor.domain.screening.model import (
    Action,
    Condition,
    Derivation,
    Indicator,
    Instrument,
    Rule,
    Section,
    Statement,
    Term,
    Tier,
)
from safeharbor.domain.screening.registry import (
    DEFAULT_INSTRUMENT,
    Registry,
    bundled_registry,
    registry_from_folder,
)
from safeharbor.domain.screening.scoring import ScreeningResult, score

__all__ = [
    "DEFAULT_INSTRUMENT",
    "NO",
    "UNKNOWN",
    "YES",
    "Action",
    "Answer",
    "AnswerSource",
    "AnswerValue",
    "Condition",
    "Derivation",
    "Indicator",
    "Instrument",
    "MissingEpisode",
    "Registry",
    "Rule",
    "ScreeningRequest",
    "ScreeningResult",
    "Section",
    "Statement",
    "Term",
    "Tier",
    "bundled_registry",
    "decode_json",
    "parse_instrument",
    "read_request",
    "registry_from_folder",
    "score",
    "screen_document",
]
