# ruff: noqa: F821 -- `env` is given by odoo-bin shell
# Run by `make bench` in `odoo shell` on the benchmark database (env is given): what the
# web client asks the server for each screen, as the user who opens it (record rules
# apply), 5 times after a warm-up; min and median ms, SQL queries; ratios against
# project.task's kanban and against raw SQL that returns the same rows.
import csv
import os
import statistics
import time
from datetime import timedelta

from odoo import fields
from odoo.addons.mm_bench_data import anchors

RUNS = 5
CSV_PATH = os.environ["MM_BENCH_CSV"]
rows = []


def measure(name, user, call, anchor=None, prepare=None, runs=RUNS):
    """Run call(env_as_user) 1 + runs times in a savepoint that is rolled back, after
    prepare(env) (not timed) in the same savepoint."""
    user_env = env(user=user)
    timings, queries = [], 0
    for run in range(runs + 1):
        with env.cr.savepoint(flush=False) as savepoint:
            if prepare:
                prepare(env)
            user_env.invalidate_all()
            before = env.cr.sql_log_count
            start = time.perf_counter()
            call(user_env)
            user_env.flush_all()
            elapsed = (time.perf_counter() - start) * 1000
            queries = env.cr.sql_log_count - before
            savepoint.rollback()
        if run:
            timings.append(elapsed)
    row = {
        "measurement": name,
        "user": user.login if user else "",
        "min_ms": round(min(timings), 1),
        "median_ms": round(statistics.median(timings), 1),
        "queries": queries,
        "anchor": anchor or "",
    }
    rows.append(row)
    print(f"[bench] {name}: {row['median_ms']} ms, {queries} queries", flush=True)
    return row


def specification(model, view_type, view_xmlid=None, user=None):
    """The fields a view reads for this user, as the web client asks for them."""
    Model = env(user=user or env.uid)[model]
    view_id = env.ref(view_xmlid).id if view_xmlid else False
    described = Model.get_views([(view_id, view_type)])["models"][model]["fields"]
    return {
        fname: {"fields": {"display_name": {}}} if Model._fields[fname].relational else {}
        for fname in described
        if fname in Model._fields
    }


def grouped_kanban(model, domain, groupby, user, view_type="kanban", limit=40):
    spec = specification(model, view_type, user=user)

    def call(user_env):
        Model = user_env[model]
        groups = Model.web_read_group(domain, [], [groupby], lazy=True)["groups"]
        for group in groups:
            Model.web_search_read(group["__domain"], spec, limit=limit)

    return call


def listing(model, domain, view_type, user, limit=80, view_xmlid=None):
    spec = specification(model, view_type, view_xmlid, user=user)
    return lambda user_env: user_env[model].web_search_read(domain, spec, limit=limit)


def pivot(model, domain, measures, groupby):
    return lambda user_env: user_env[model].read_group(domain, measures, groupby, lazy=False)


def raw(sql, params):
    def call(user_env):
        user_env.cr.execute(sql, params)
        user_env.cr.fetchall()

    return call


def user(login):
    return env["res.users"].search([("login", "=", login)])


# the bench data gives each mentor's files one state: 0_0's are closed, 0_2's active
active_mentor = user("bench_mentor_0_2")
mentor, manager, backoffice = (
    user("bench_mentor_0_0"),
    user("bench_manager"),
    user("bench_backoffice"),
)
team = env["mm.team"].search([("name", "=", "Bench team 1")])
project = env["project.project"].search([("name", "=", "Bench project")])
today = fields.Date.today()
residents = int(env["ir.config_parameter"].get_param("mobility_mentoring.bench_residents"))
print(f"[bench] measuring at {residents} residents", flush=True)

# 1. the goals kanban by pillar, beside project.task's kanban and the raw SQL
goals = measure(
    "goals kanban by pillar (mentor)",
    mentor,
    grouped_kanban("mm.goal", [("state", "=", "open")], "pillar_id", mentor),
)
tasks = measure(
    "project.task kanban by stage (project user)",
    mentor,
    grouped_kanban("project.task", [("project_id", "=", project.id)], "stage_id", mentor),
)
COHORT_SQL = """
SELECT months_in_mentoring, avg(score_change), count(*)
  FROM mm_bridge_snapshot
 WHERE company_id = %(company)s AND months_in_mentoring <= 24 AND assessed_again
 GROUP BY months_in_mentoring
"""
PILLARS_SQL = """
SELECT months_in_mentoring, pillar_id, avg(level), count(*)
  FROM mm_bridge_snapshot_pillar
 WHERE company_id = %(company)s AND months_in_mentoring <= 24
 GROUP BY months_in_mentoring, pillar_id
"""
goals_sql = measure(
    "goals kanban, raw SQL",
    None,
    # the same rows as the ORM's (a test of mm_bench_data holds it), filtered as the
    # mentor's rule does today: on the goal's own user and team
    raw(anchors.GOALS_SQL, {"company": env.company.id, "uid": mentor.id}),
)
goals["anchor"] = (
    f"{goals['median_ms'] / tasks['median_ms']:.2f} x project.task, "
    f"{goals['median_ms'] / goals_sql['median_ms']:.1f} x raw SQL"
)

# 2. the screens mentors, managers and back office open every day
MY_DAY_VIEW = "mobility_mentoring.mm_mentorship_view_kanban_my_day"
active = [("state", "=", "active")]
measure(
    "mentorships kanban (mentor)",
    active_mentor,
    listing("mm.mentorship", active, "kanban", active_mentor, limit=40),
)
measure(
    "My day: the residents who need the mentor, with why (mentor)",
    active_mentor,
    listing(
        "mm.mentorship",
        [("user_id", "=", active_mentor.id), ("needs_attention", "=", True)],
        "kanban",
        active_mentor,
        limit=40,
        view_xmlid=MY_DAY_VIEW,
    ),
)
measure(
    "My day of a manager: every file of her teams that needs attention (manager)",
    manager,
    listing(
        "mm.mentorship",
        [("needs_attention", "=", True)],
        "kanban",
        manager,
        limit=40,
        view_xmlid=MY_DAY_VIEW,
    ),
)
measure(
    "actions list, overdue (mentor)",
    mentor,
    listing("mm.action", [("is_overdue", "=", True)], "list", mentor),
)
month = (today.replace(day=1), today.replace(day=1) + timedelta(days=31))
measure(
    "actions calendar, a month of my residents (mentor)",
    mentor,
    lambda user_env: user_env["mm.action"].search_read(
        [("user_id", "=", mentor.id), ("deadline", ">=", month[0]), ("deadline", "<", month[1])],
        list(specification("mm.action", "calendar", user=mentor)),
    ),
)
measure(
    "rewards to approve kanban (manager)",
    manager,
    grouped_kanban("mm.reward", [("state", "=", "proposed")], "state", manager),
)
measure(
    "reward budgets (manager)",
    manager,
    listing("mm.reward.budget", [], "list", manager),
)
measure(
    "Monitoring: caseload and score change pivot (manager)",
    manager,
    pivot(
        "mm.mentorship",
        active,
        ["bridge_score:avg", "bridge_score_change:avg", "__count"],
        ["team_id", "user_id"],
    ),
)
measure(
    "Monitoring: current steps per pillar pivot (manager)",
    manager,
    pivot(
        "mm.assessment.line",
        [("is_current", "=", True)],
        ["level:avg", "__count"],
        ["pillar_id", "level"],
    ),
)
measure(
    "Monitoring: Bridge movement pivot (manager)",
    manager,
    pivot(
        "mm.assessment.line",
        [("state", "=", "done")],
        ["level:avg", "__count"],
        ["pillar_id", "date:quarter"],
    ),
)
# movement by months in mentoring (mm.bridge.snapshot), as its graphs ask for it
two_years = [("months_in_mentoring", "<=", 24), ("assessed_again", "=", True)]
cohort = measure(
    "Monitoring: movement by months in mentoring graph (manager)",
    manager,
    pivot("mm.bridge.snapshot", two_years, ["score_change:avg"], ["months_in_mentoring"]),
)
cohort_sql = measure(
    "movement by months in mentoring, raw SQL",
    None,
    raw(COHORT_SQL, {"company": env.company.id}),
)
cohort["anchor"] = f"{cohort['median_ms'] / cohort_sql['median_ms']:.1f} x raw SQL"
measure(
    "Monitoring: movement by months in mentoring, a line per team (manager)",
    manager,
    pivot(
        "mm.bridge.snapshot", two_years, ["score_change:avg"], ["months_in_mentoring", "team_id"]
    ),
)
measure(
    "Monitoring: movement by months in mentoring, a line per team (back office)",
    backoffice,
    pivot(
        "mm.bridge.snapshot", two_years, ["score_change:avg"], ["months_in_mentoring", "team_id"]
    ),
)
measure(
    "Monitoring: residents improving at 6 and 12 months (manager)",
    manager,
    pivot(
        "mm.bridge.snapshot",
        [("months_in_mentoring", "in", [6, 12]), ("assessed_again", "=", True)],
        ["improved:avg"],
        ["months_in_mentoring"],
    ),
)
pillars = measure(
    "Monitoring: Bridge movement per pillar graph (manager)",
    manager,
    pivot(
        "mm.bridge.snapshot.pillar",
        [("months_in_mentoring", "<=", 24)],
        ["level:avg"],
        ["months_in_mentoring", "pillar_id"],
    ),
)
pillars_sql = measure(
    "Bridge movement per pillar, raw SQL",
    None,
    raw(PILLARS_SQL, {"company": env.company.id}),
)
pillars["anchor"] = f"{pillars['median_ms'] / pillars_sql['median_ms']:.1f} x raw SQL"
# results after exit per outcome indicator, and the team's group meetings
measure(
    "Monitoring: outcomes after exit pivot (manager)",
    manager,
    pivot(
        "mm.outcome.measurement",
        [
            ("is_aftercare", "=", True),
            ("after_exit_result", "!=", False),
            ("mentorship_id.close_reason", "=", "completed"),
        ],
        ["__count"],
        ["indicator_id", "months_after_exit", "after_exit_result"],
    ),
)
meeting = env["mm.group.meeting"].search([("user_id", "=", active_mentor.id)], limit=1)
measure(
    "Team: group meetings list (mentor)",
    active_mentor,
    listing("mm.group.meeting", [], "list", active_mentor),
)
measure(
    "Team: a group meeting's form with its attendees (mentor)",
    active_mentor,
    lambda user_env: user_env["mm.group.meeting"]
    .browse(meeting.id)
    .web_read(
        {
            **specification("mm.group.meeting", "form", user=active_mentor),
            "contact_ids": {
                "fields": {"mentorship_id": {"fields": {"display_name": {}}}, "summary": {}}
            },
        }
    ),
)
measure(
    "Monitoring: actions done pivot (manager)",
    manager,
    pivot(
        "mm.action",
        [("state", "=", "done")],
        ["__count"],
        ["team_id", "date_done:month", "timeliness"],
    ),
)
measure(
    "Monitoring: fidelity pivot (manager)",
    manager,
    pivot(
        "mm.mentorship",
        [("state", "in", ("active", "paused"))],
        ["contact_hours:sum", "__count"],
        ["team_id", "user_id", "fidelity_status"],
    ),
)
measure(
    "Monitoring: rewards pivot (manager)",
    manager,
    pivot("mm.reward", [], ["amount:sum", "__count"], ["rule_id", "date:month"]),
)
one = env["mm.mentorship"].search([*active, ("team_id", "=", team.id)], limit=1)
measure(
    "mentorship form with its Bridge tab (mentor)",
    mentor,
    lambda user_env: user_env["mm.mentorship"]
    .browse(one.id)
    .web_read(specification("mm.mentorship", "form", user=mentor)),
)
# finding a resident, as the web client searches the client context's list: the
# phone compares the digits of every contact back office may read (no index)
found = "mobility_mentoring.mm_mentorship_view_list_client_context"
for how, domain in (
    ("by phone", [("resident_phone_search", "ilike", "06-0000 1234")]),
    ("by postcode", [("resident_address_search", "ilike", "1234AJ")]),
    ("by street", [("resident_address_search", "ilike", "Kerkstraat 12")]),
):
    measure(
        f"find a resident {how}, client context (back office)",
        backoffice,
        lambda user_env, domain=domain: user_env["mm.mentorship"]
        .with_context(mm_client_context=True)
        .web_search_read(
            domain,
            specification("mm.mentorship", "list", found, backoffice),
            limit=80,  # the list's first page, as the web client asks (listing)
        ),
    )
measure(
    "client context of one resident (back office)",
    backoffice,
    lambda user_env: user_env["mm.mentorship"]
    .with_context(mm_client_context=True)
    .browse(one.id)
    .web_read(
        specification(
            "mm.mentorship",
            "form",
            "mobility_mentoring.mm_mentorship_view_form_client_context",
            user=backoffice,
        )
    ),
)

# 3. the hot paths: queries must not grow with the data
goal = env["mm.goal"].search([("mentorship_id", "=", one.id), ("state", "=", "open")], limit=1)
measure(
    "create an action under the limit rules (mentor)",
    mentor,
    lambda user_env: user_env["mm.action"].create(
        {"goal_id": goal.id, "name": "Bench action", "deadline": today + timedelta(days=9)}
    ),
)
open_action = env["mm.action"].search([("team_id", "=", team.id), ("state", "=", "open")], limit=1)


def rules_fired(action):
    """How many reward rules marking ``action`` done grants under (tried, rolled back):
    the cost grows with them, so the row names the case it measures."""
    with env.cr.savepoint(flush=False) as savepoint:
        env(user=mentor)["mm.action"].browse(action.id).action_done()
        env.flush_all()
        fired = env["mm.reward"].search_count([("source", "=", f"mm.action,{action.id}")])
        savepoint.rollback()
    env.invalidate_all()
    return fired


measure(
    f"mark an action done, {rules_fired(open_action)} reward rules granting (mentor)",
    mentor,
    lambda user_env: user_env["mm.action"].browse(open_action.id).action_done(),
)


def finalise(user_env):
    assessment = user_env["mm.assessment"].create({"mentorship_id": one.id})
    for line in assessment.line_ids:
        line.step_id = user_env["mm.step"].search(
            [("dimension_id", "=", line.dimension_id.id)], order="level", limit=1
        )
    assessment.action_done()


measure("start, fill in and finalise an assessment (mentor)", mentor, finalise)

# 4. reports and exports
year = (today - timedelta(days=365), today)
monitoring = measure(
    "team monitoring figures, a year of one team (manager)",
    manager,
    lambda user_env: user_env["report.mobility_mentoring.report_team_monitoring"]._figures(
        user_env["mm.team"].browse(team.id), *year
    ),
)
TEAM_FIGURES_SQL = """
WITH caseload AS (
    SELECT id, user_id, state, fidelity_ok, contact_hours FROM mm_mentorship
     WHERE team_id = %(team)s AND date_start <= %(to)s
       AND (date_end IS NULL OR date_end >= %(from)s)
), scores AS (
    SELECT a.mentorship_id,
           (array_agg(a.bridge_score ORDER BY a.date, a.id))[1] AS first,
           (array_agg(a.bridge_score ORDER BY a.date DESC, a.id DESC))[1] AS last,
           (array_agg(a.id ORDER BY a.date DESC, a.id DESC))[1] AS last_id
      FROM mm_assessment a JOIN caseload c ON c.id = a.mentorship_id
     WHERE a.state = 'done' AND a.date <= %(to)s GROUP BY a.mentorship_id
)
SELECT 'mentor', user_id::text, count(*)::numeric FROM caseload GROUP BY user_id
UNION ALL SELECT 'change', NULL, avg(last - first) FROM scores
UNION ALL SELECT 'up', NULL, count(*) FILTER (WHERE last > first) FROM scores
UNION ALL SELECT 'steps', l.pillar_id || '/' || l.level, count(*)
  FROM mm_assessment_line l JOIN scores s ON s.last_id = l.assessment_id
 WHERE l.step_id IS NOT NULL GROUP BY l.pillar_id, l.level
UNION ALL SELECT 'actions', a.state || '/' || a.done_on_time, count(*)
  FROM mm_action a JOIN caseload c ON c.id = a.mentorship_id
 WHERE a.state IN ('done', 'reported') AND a.date_done BETWEEN %(from)s AND %(to)s
 GROUP BY a.state, a.done_on_time
UNION ALL SELECT 'fidelity', fidelity_ok::text, sum(contact_hours) FROM caseload
 WHERE state IN ('active', 'paused') GROUP BY fidelity_ok
"""
figures_sql = measure(
    "team monitoring figures, raw SQL",
    None,
    raw(TEAM_FIGURES_SQL, {"team": team.id, "from": year[0], "to": year[1]}),
)
monitoring["anchor"] = f"{monitoring['median_ms'] / figures_sql['median_ms']:.1f} x raw SQL"
measure(
    "team monitoring report, HTML (manager)",
    manager,
    lambda user_env: user_env["ir.actions.report"]._render_qweb_html(
        "mobility_mentoring.action_report_team_monitoring",
        team.ids,
        data={"date_from": str(year[0]), "date_to": str(year[1])},
    ),
)
measure(
    "progress report, HTML (mentor)",
    mentor,
    lambda user_env: user_env["ir.actions.report"]._render_qweb_html(
        "mobility_mentoring.action_report_progress", one.ids
    ),
)
measure(
    "resident data export (manager)",
    manager,
    lambda user_env: user_env["res.partner"].browse(one.partner_id.id)._mm_export_data(),
)

# 5. the daily jobs: a batch of 1,000 records each. The bench data has overdue actions
# and lapsed files; for the resident reminders and the retention job, 1,000 records are
# made due first (in the savepoint, not timed)


def reminders_due(env):
    """An open action due tomorrow for 1,000 active files whose resident has an e-mail
    address and reminders on."""
    env.cr.execute(
        """WITH pick AS (
               SELECT DISTINCT ON (a.mentorship_id) a.id, a.mentorship_id
                 FROM mm_action a JOIN mm_mentorship m ON m.id = a.mentorship_id
                WHERE a.state = 'open' AND m.state = 'active'
                ORDER BY a.mentorship_id, a.id LIMIT 1000
           ), actions AS (
               UPDATE mm_action SET deadline = current_date + 1, resident_reminded = false
                WHERE id IN (SELECT id FROM pick) RETURNING mentorship_id
           ), files AS (
               UPDATE mm_mentorship SET resident_reminders = true, resident_reminded_on = NULL
                WHERE id IN (SELECT mentorship_id FROM actions) RETURNING partner_id
           )
           UPDATE res_partner SET email = 'resident' || id || '@example.org'
            WHERE id IN (SELECT partner_id FROM files) AND email IS NULL"""
    )


def retention_due(env):
    """A municipality that keeps files a month: the closed and paused files of the
    bench data (10,000 at 50,000 residents) are due, a batch takes 1,000 of them."""
    env["ir.config_parameter"].set_param("mobility_mentoring.retention_months", "1")


root = env.ref("base.user_root")
for name, job, prepare in (
    ("overdue reminders", lambda e: e["mm.action"]._cron_notify_overdue(batch_size=1000), None),
    (
        "no-contact to-dos (fidelity job)",
        lambda e: e["mm.mentorship"]._cron_fidelity_daily(batch_size=1000),
        None,
    ),
    (
        "resident reminders",
        lambda e: e["mm.action"]._cron_remind_residents(batch_size=1000),
        reminders_due,
    ),
    ("retention", lambda e: e["mm.mentorship"]._cron_anonymise(batch_size=1000), retention_due),
):
    # each run handles 1,000 records: two runs after the warm-up are enough
    measure(f"cron: {name}, a batch of 1,000", root, job, prepare=prepare, runs=2)
env.registry.clear_cache()  # the retention setting the savepoint took back
# the Bridge scores per month: what finalising an assessment adds for one file, and the
# nightly job that writes every row again (also the migration to 18.0.1.6.0)
measure(
    "Bridge scores per month: refresh of one mentorship",
    env.ref("base.user_root"),
    lambda e: e["mm.bridge.snapshot"]._refresh(e["mm.mentorship"].browse(one.id)),
)
measure(
    "cron: Bridge scores per month, every mentorship",
    env.ref("base.user_root"),
    lambda e: e["mm.bridge.snapshot"]._cron_rebuild(),
    runs=1,  # minutes each (two at 50,000 residents): one run after the warm-up
)

with open(CSV_PATH, "w", newline="") as file:
    writer = csv.DictWriter(file, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
width = max(len(row["measurement"]) for row in rows)
print()
print(f"{'measurement':<{width}}  {'min ms':>8}  {'median ms':>9}  {'queries':>7}  ratio")
for row in rows:
    print(
        f"{row['measurement']:<{width}}  {row['min_ms']:>8}  {row['median_ms']:>9}  "
        f"{row['queries']:>7}  {row['anchor']}"
    )
print(f"\n[bench] {residents} residents; CSV: {CSV_PATH}")
