from . import mm_goal_close
from . import mm_goal_close_line
