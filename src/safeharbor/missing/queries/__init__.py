"""Scoped reads of missing episodes: through the youth's record (``cases.queries.get_youth``), so
access and audit apply; the board lists only the youth the actor may see. Missing and forbidden
answer 404 alike.
"""

from safeharbor.missing.queries.board import BoardLine, DistrictBoard, MissingBoard, missing_now
from safeharbor.missing.queries.episodes import (
    EpisodeRecord,
    ReportLine,
    ReportStatus,
    episodes_of,
    get_episode,
    get_youth_to_record,
    last_description,
    open_episode,
    pattern_policy_for,
    placements_of,
)
from safeharbor.missing.queries.flags import get_flag_to_answer, unanswered_flags
from safeharbor.missing.queries.packet import Packet, packet_for

__all__ = [
    "BoardLine",
    "DistrictBoard",
    "EpisodeRecord",
    "MissingBoard",
    "Packet",
    "ReportLine",
    "ReportStatus",
    "episodes_of",
    "get_episode",
    "get_flag_to_answer",
    "get_youth_to_record",
    "last_description",
    "missing_now",
    "open_episode",
    "packet_for",
    "pattern_policy_for",
    "placements_of",
    "unanswered_flags",
]
