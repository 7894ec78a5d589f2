"""Federal data (SPEC §7): AFCARS periods, the sex-trafficking elements E106-E111 and their checks.

Pure: takes plain dataclasses (or the decoded ``safeharbor afcars`` JSON) and returns results that
carry their source; never reads the clock, the environment or the database. The element list is
versioned data (``mappings/<version>.toml``) that a period picks by date.
"""

from safeharbor.domain.federal.annual import (
    AnnualCount,
    Cell,
    count_reported_victims,
    fiscal_year_of,
    fiscal_year_span,
    suppress_small_cells,
)
from safeharbor.domain.federal.children import (
    Child,
    Determination,
    Episode,
    Kind,
    Timing,
    check_child,
)
from safeharbor.domain.federal.document import (
    FederalInput,
    parse_document,
    render_file,
    run_document,
)
from safeharbor.domain.federal.elements import (
    Counted,
    CurrentEpisode,
    Record,
    current_episode,
    derive_record,
    in_population,
    population,
    record_for,
)
from safeharbor.domain.federal.findings import (
    ElementSummary,
    Finding,
    Rule,
    Severity,
    findings_for,
    is_exempt,
    summarize,
)
from safeharbor.domain.federal.mapping import (
    Element,
    ElementMapping,
    Role,
    bundled_mappings,
    mapping_for,
    mappings_from_folder,
    parse_mapping,
)
from safeharbor.domain.federal.periods import (
    Period,
    next_weekday,
    parse_period,
    period_containing,
)
from safeharbor.domain.federal.report import DEFAULT_DETAIL_MIN_AGE, FederalFile, build_file

__all__ = [
    "DEFAULT_DETAIL_MIN_AGE",
    "AnnualCount",
    "Cell",
    "Child",
    "Counted",
    "CurrentEpisode",
    "Determination",
    "Element",
    "ElementMapping",
    "ElementSummary",
    "Episode",
    "FederalFile",
    "FederalInput",
    "Finding",
    "Kind",
    "Period",
    "Record",
    "Role",
    "Rule",
    "Severity",
    "Timing",
    "build_file",
    "bundled_mappings",
    "check_child",
    "count_reported_victims",
    "current_episode",
    "derive_record",
    "findings_for",
    "fiscal_year_of",
    "fiscal_year_span",
    "in_population",
    "is_exempt",
    "mapping_for",
    "mappings_from_folder",
    "next_weekday",
    "parse_document",
    "parse_mapping",
    "parse_period",
    "period_containing",
    "population",
    "record_for",
    "render_file",
    "run_document",
    "summarize",
    "suppress_small_cells",
]
