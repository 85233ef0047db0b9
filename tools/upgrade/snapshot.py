# ruff: noqa: F821 -- `env` is given by odoo-bin shell
# Run by `odoo-bin shell` before and after an upgrade: every row of the addon's records
# and of their chatter, as JSON, to the file named by MM_SNAPSHOT.
import json
import os

OURS = "(SELECT res_id FROM ir_model_data WHERE module = 'mobility_mentoring' AND model = %s)"
QUERIES = {
    "mm_team": ("SELECT * FROM mm_team", ()),
    "mm_mentorship": ("SELECT * FROM mm_mentorship", ()),
    "mm_assessment": ("SELECT * FROM mm_assessment", ()),
    "mm_assessment_line": ("SELECT * FROM mm_assessment_line", ()),
    "mm_goal": ("SELECT * FROM mm_goal", ()),
    "mm_action": ("SELECT * FROM mm_action", ()),
    "mm_reward": ("SELECT * FROM mm_reward", ()),
    "mm_reward_rule": ("SELECT * FROM mm_reward_rule", ()),
    "mm_action_limit": ("SELECT * FROM mm_action_limit", ()),
    "mm_access_log": ("SELECT * FROM mm_access_log", ()),
    "mm_pillar": ("SELECT * FROM mm_pillar", ()),
    "mm_dimension": ("SELECT * FROM mm_dimension", ()),
    "mm_step": ("SELECT * FROM mm_step", ()),
    "mm_contact": ("SELECT * FROM mm_contact", ()),
    "mm_case_review": ("SELECT * FROM mm_case_review", ()),
    "mm_mentor_change": ("SELECT * FROM mm_mentor_change", ()),
    "mm_outcome_indicator": ("SELECT * FROM mm_outcome_indicator", ()),
    "mm_outcome_measurement": ("SELECT * FROM mm_outcome_measurement", ()),
    "mail_message": ("SELECT * FROM mail_message WHERE model LIKE 'mm.%%'", ()),
    "mail_tracking_value": (
        "SELECT v.* FROM mail_tracking_value v JOIN mail_message m ON m.id = v.mail_message_id"
        " WHERE m.model LIKE 'mm.%%'",
        (),
    ),
    "mail_template": (f"SELECT * FROM mail_template WHERE id IN {OURS}", ("mail.template",)),
    # the jobs (their schedule is the administrators'; what they run may move)
    "ir_cron": (f"SELECT * FROM ir_cron WHERE id IN {OURS}", ("ir.cron",)),
}
snapshot = {}
for table, (query, params) in QUERIES.items():
    env.cr.execute("SELECT to_regclass(%s)", (table,))
    if env.cr.fetchone()[0] is None:  # a table an older release did not have yet
        continue
    env.cr.execute(query + " ORDER BY 1", params)
    columns = [column.name for column in env.cr.description]
    snapshot[table] = [dict(zip(columns, row, strict=False)) for row in env.cr.fetchall()]
with open(os.environ["MM_SNAPSHOT"], "w") as file:
    json.dump(snapshot, file, default=str, sort_keys=True)
