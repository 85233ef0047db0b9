from . import mm_goal_close
from . import mm_goal_close_line
from . import mm_team_monitoring_wizard
from . import mm_mentor_change_wizard
from . import mm_mentorship_close_wizard
