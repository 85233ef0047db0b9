# ruff: noqa: F821 -- `env` is given by odoo-bin shell
# Run by `make load` in `odoo shell` after the load (env is given): the rules held
# under many users at once. Exit 1 when one did not.
import json
import os

with open(os.environ["MM_LOAD_REPORT"]) as file:
    report = json.load(file)
since = os.environ["MM_LOAD_SINCE"]
cr = env.cr
problems = []
for scope, column, limit in (("resident", "mentorship_id", 5), ("goal", "goal_id", 3)):
    cr.execute(
        f"""SELECT {column}, count(*) FROM mm_action
             WHERE state IN ('open', 'reported') AND create_date >= %s
               AND {column} IN (SELECT {column} FROM mm_action WHERE create_date >= %s)
             GROUP BY {column} HAVING count(*) > %s""",
        (since, since, limit),
    )
    over = cr.fetchall()
    # an exception granted by a manager allows more; the bench grants none
    if over:
        problems.append(f"{len(over)} {scope}s above the open-action limit of {limit}")
cr.execute(
    """SELECT r.mentorship_id, r.rule_id, date_trunc(rule.period, r.date), count(*)
         FROM mm_reward r JOIN mm_reward_rule rule ON rule.id = r.rule_id
        WHERE r.state != 'cancelled' AND rule.max_per_period > 0 AND r.create_date >= %s
        GROUP BY 1, 2, 3, rule.max_per_period HAVING count(*) > rule.max_per_period""",
    (since,),
)
if cr.fetchall():
    problems.append("rewards above a rule's cap per resident")
cr.execute(
    """SELECT r.rule_id, r.company_id, date_trunc(rule.period, r.date), sum(r.amount)
         FROM mm_reward r JOIN mm_reward_rule rule ON rule.id = r.rule_id
        WHERE r.state != 'cancelled' AND rule.budget > 0 AND rule.name->>'en_US' LIKE 'Bench %%'
        GROUP BY 1, 2, 3, rule.budget HAVING sum(r.amount) > rule.budget""",
)
# only the rules this load grants under: the loader's history of the example voucher
# rule is bulk data, not granted by the addon
if cr.fetchall():
    problems.append("rewards above a rule's budget")
cr.execute(
    "SELECT count(*) FROM mm_access_log WHERE create_date >= %s AND detail = 'client context'",
    (since,),
)
logged = cr.fetchone()[0]
if logged < report["client_contexts"]:
    problems.append(f"{report['client_contexts']} client contexts opened, {logged} logged")
print(f"[load] client contexts opened {report['client_contexts']}, logged {logged}")
print("[load] invariants: " + ("; ".join(problems) if problems else "all held"))
if problems:
    raise SystemExit(1)
