# ruff: noqa: F821 -- `env` is given by odoo-bin shell
# Run by `odoo-bin shell` on a database of the LAST RELEASE (tools/releases.csv), before
# the upgrade: records a municipality makes through the ORM, and edits of the data the
# addon ships as noupdate. Use only what that release's code offers.
import json
import os

levels = dict.fromkeys(
    ["housing", "family", "health", "network", "debts", "savings", "education", "work", "income"], 2
)
team = env["mm.team"].create({"name": "Upgrade team"})
partner = env["res.partner"].create({"name": "Upgrade resident", "lang": "en_US"})
mentorship = env["mm.mentorship"].create(
    {"partner_id": partner.id, "team_id": team.id, "confidential_note": "Upgrade note"}
)
env["mm.assessment"]._create_from_levels(
    mentorship.id, "2025-01-10", levels, ["debts"], "Upgrade assessment note"
)
goal = env["mm.goal"].create(
    {
        "mentorship_id": mentorship.id,
        "pillar_id": env.ref("mobility_mentoring.pillar_financial").id,
        "name": "Upgrade goal",
        "description": "Upgrade why",
        "deadline": "2030-06-30",
    }
)
done, _open = env["mm.action"].create(
    [
        {"goal_id": goal.id, "name": "Upgrade action done", "deadline": "2030-01-31"},
        {"goal_id": goal.id, "name": "Upgrade action open", "deadline": "2030-02-28"},
    ]
)
done.action_done()
mentorship.message_post(
    body="Upgrade chatter", message_type="comment", subtype_xmlid="mail.mt_comment"
)
env["mm.access.log"]._log(mentorship, "rpc", "read")
# the municipality's own texts and settings, which an upgrade must keep; what they were
# is kept for restore.py, which puts them back before the test suite runs
edits = [
    (env["mm.step"].search([], order="id", limit=1), "description", "Our own words for this step"),
    (env.ref("mobility_mentoring.action_limit_per_goal"), "max_open", 4),
    (env.ref("mobility_mentoring.reward_rule_compliment_action_done"), "name", "Our compliment"),
    (env.ref("mobility_mentoring.mail_template_mm_action_list"), "subject", "Our subject"),
    (env.ref("mobility_mentoring.mm_fidelity_cron"), "interval_number", 2),
    (env.ref("mobility_mentoring.mm_resident_reminder_cron"), "active", False),
]
originals = []
for record, fname, value in edits:
    originals.append([record._name, record.id, fname, record[fname], value])
    record[fname] = value
with open(os.environ["MM_ORIGINALS"], "w") as file:
    json.dump(originals, file)
env.cr.commit()
