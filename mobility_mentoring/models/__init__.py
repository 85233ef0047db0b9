from . import (
    mm_assessment,
    mm_assessment_line,
    mm_dimension,
    mm_mentorship,
    mm_pillar,
    mm_step,
    mm_team,
    res_partner,
    res_users,
)
