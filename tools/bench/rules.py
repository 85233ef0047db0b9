# ruff: noqa: F821 -- `env` is given by odoo-bin shell
# The rules the benchmark's hot paths run under (by build.py, and once on a database
# built before they were added): three open-action limits and five reward rules on
# actions done. The shipped rules count: at most 5 open actions per resident and 3 per
# goal, a compliment for every action done.
if not env["mm.action.limit"].search([("name", "=", "Bench: 4 per pillar")]):
    env["mm.action.limit"].create({"name": "Bench: 4 per pillar", "scope": "pillar", "max_open": 4})
if not env["mm.reward.rule"].search([("name", "=like", "Bench %")]):
    financial = env.ref("mobility_mentoring.pillar_financial")
    env["mm.reward.rule"].create(
        [
            # a cap for the load test to hold: at most one a month per resident
            {
                "name": "Bench voucher",
                "trigger": "action_done_on_time",
                "reward_type": "voucher",
                "amount": 5,
                "max_per_period": 1,
                "period": "month",
                "need_approval": False,
            },
            {
                "name": "Bench compliment on time",
                "trigger": "action_done_on_time",
                "reward_type": "compliment",
                "amount": 0,
            },
            {
                "name": "Bench financial voucher",
                "trigger": "action_done",
                "reward_type": "voucher",
                "amount": 10,
                "pillar_ids": [(6, 0, financial.ids)],
                "max_per_period": 2,
                "period": "month",
                "budget": 100000,
                "need_approval": True,
            },
            {
                "name": "Bench quarterly voucher",
                "trigger": "action_done",
                "reward_type": "voucher",
                "amount": 15,
                "max_per_period": 1,
                "period": "quarter",
                "need_approval": False,
            },
        ]
    )
env.cr.commit()

# a resident on the portal, for /my/mentoring (an active mentorship: bench-2)
if not env["res.users"].search([("login", "=", "bench_resident")]):
    resident = env["res.partner"].search([("ref", "=", "bench-2")])
    resident.write({"email": "bench_resident@example.com", "mm_portal_access": True})
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "login": "bench_resident",
            "password": "bench_resident",
            "partner_id": resident.id,
            "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
        }
    )
env.cr.commit()
