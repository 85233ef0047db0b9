from . import mm_mentorship_report
from . import report_resident_data
from . import report_bridge_cards
from . import report_goal_action_plan
from . import report_progress
from . import report_team_monitoring
from . import team_monitoring_figures
from . import mm_reward_budget
