"""The addon's constants, in one place (as odoo/addons/payment/const.py).

Record rule domains in security/*.xml repeat some of these lists: a test
(tests/test_const.py) holds the XML against them."""

# groups (security/mobility_mentoring_groups.xml)
BACKOFFICE_GROUP = "mobility_mentoring.group_mm_backoffice"
MENTOR_GROUP = "mobility_mentoring.group_mm_mentor"
MANAGER_GROUP = "mobility_mentoring.group_mm_manager"
# who reads mentoring data at all, as a field's groups
MM_GROUPS = f"{MENTOR_GROUP},{BACKOFFICE_GROUP}"

# a mentorship that counts in its mentor's caseload and is coached
RUNNING_STATES = ("active", "paused")

# EMPath's published results of its own programme (Boston), drawn and printed beside
# ours as a reference (static/src/cohort_graph/cohort_graph.js holds the same figures:
# tests/test_bridge_snapshot.py compares them): after 12 months in mentoring, the Bridge
# score +5.3 points on average, and 74% of participants improving
EMPATH_REFERENCE = {"months": 12, "score_change": 5.3, "improved": 74}
# the months in mentoring the team monitoring report gives the movement for
COHORT_MONTHS = (6, 12, 24)

# why a mentorship was closed (mm.mentorship.close_reason); readme/CONFIGURE.md maps
# each to the exit reasons of the national statistics on debt help (DDAS)
CLOSE_REASONS = [
    ("completed", "Completed: goals reached, self-sufficient"),
    ("resident_stopped", "The resident stopped"),
    ("no_contact", "No contact any more"),
    ("moved", "Moved away"),
    ("referred", "Referred to another organisation"),
    ("deceased", "Deceased"),
    ("other", "Other reason"),
]

# the mentoring records with a chatter, to-dos and files
MENTORING_THREADS = ("mm.mentorship", "mm.assessment", "mm.goal", "mm.action", "mm.reward")
# the records of a resident's file that other records join
FILE_PARENTS = ("mm.mentorship", "mm.assessment", "mm.assessment.line", "mm.goal", "mm.action")

# back office's own screen of a resident's file, where the mentors' screens of
# mentorships send it (models/ir_actions_act_window.py)
CLIENT_CONTEXT_ACTION = "mobility_mentoring.mm_mentorship_action_client_context"

# what back office writes on a resident's file (security/mail_message_security.xml)
TEAM_MESSAGE = "mobility_mentoring.mt_mm_team_message"

# the access log's details (models/mm_access_log.py) of the client context screen and
# of a file's messages, from which a row's kind is told
CLIENT_CONTEXT_DETAIL = "client context"
CHATTER_DETAIL = "chatter"
MESSAGES_DETAIL = "mail.message: %s"
