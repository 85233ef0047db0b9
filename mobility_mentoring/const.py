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
