"""Bulk data for the benchmark (tools/mmdev/bench.py, through tools/bench/build.py) at
municipal scale: users and teams through the ORM, the residents' files in set-based SQL
(a few statements per table, whatever the size), every stored computed field filled as
the ORM would. tests/test_bench_data.py loads a tiny size and checks it against the
models' own computations and constraints, so that the benchmark cannot drift from the
addon.

Shape per resident: one mentorship (80 % active, 10 % paused, 10 % closed), two done
assessments, three goals over the pillars, ten actions (about 10 % open, some of
them overdue, 3 % reported, 7 % cancelled, the rest done, mostly on time), two
rewards in every state, a contact moment every 45 days while coached, a baseline and a
later value of income and debts, and for every tenth resident one client-context
opening by back office a month, over a year. Each mentor holds a group meeting a month
over two years; every fifth resident of each mentor comes to one of them in six while
coached. A closed
file's exit has a reason; a completed one has an aftercare measurement of income three
months later."""

from odoo import Command, fields
from odoo.addons.mobility_mentoring.models.mm_mentorship_fidelity import FIDELITY_FIELDS
from odoo.tools import SQL

TEAMS, MENTORS_PER_TEAM = 4, 10
ACTIONS_PER_GOAL = (3, 3, 4)  # ten per mentorship
BATCH = 5000  # residents per statement batch: bounded memory on the server
LOADED_TABLES = (
    "res_partner",
    "mm_mentorship",
    "mm_goal",
    "mm_action",
    "mm_assessment",
    "mm_assessment_line",
    "mm_contact",
    "mm_outcome_measurement",
    "mm_reward",
    "mm_access_log",
)


def load(env, residents, today=None, progress=None):
    """Load the files of `residents` residents; returns the staff users by role."""
    today = today or fields.Date.context_today(env["mm.mentorship"])
    staff = _staff(env)
    env.flush_all()
    cr = env.cr
    values = {
        "today": today,
        "company": env.company.id,
        "currency": env.company.currency_id.id,
        "uid": env.uid,
        "backoffice": staff["backoffice"].id,
        "compliment": env.ref("mobility_mentoring.reward_rule_compliment_action_done").id,
        "voucher": env.ref("mobility_mentoring.reward_rule_voucher_example").id,
        "income": env.ref("mobility_mentoring.outcome_net_income").id,
        "debts": env.ref("mobility_mentoring.outcome_total_debts").id,
        "aftercare_months": env["res.config.settings"]._mm_aftercare_months()[-1],
    }
    _mentor_table(cr, staff)
    cr.execute(GROUP_MEETINGS, values)
    for start in range(0, residents, BATCH):
        batch = {**values, "first": start + 1, "last": min(start + BATCH, residents)}
        _load_batch(cr, batch)
        # statistics that follow the growing tables, as autovacuum's would over the
        # months: planned on the first batch's, the group contacts' join read every
        # file of a mentor per meeting, over a minute a batch at 30,000 residents and
        # growing with each (a 200,000-resident load would have taken hours)
        cr.execute(SQL("ANALYZE %s", SQL(", ").join(map(SQL.identifier, LOADED_TABLES))))
        env.invalidate_all()
        _sanitize_phones(env)
        # the dosage figures as the daily job keeps them (months as Odoo counts them)
        cr.execute("SELECT id FROM mm_mentorship WHERE fidelity_date IS NULL ORDER BY id")
        env["mm.mentorship"].browse([row[0] for row in cr.fetchall()])._refresh_fidelity()
        if progress:
            progress(f"[bench] {batch['last']} of {residents} residents loaded", flush=True)
    # the Bridge scores per month in mentoring, as the migration writes them: on tables
    # whose statistics know their size (as autovacuum keeps them in production)
    env.cr.execute("ANALYZE mm_mentorship, mm_assessment, mm_assessment_line")
    env["mm.bridge.snapshot"]._rebuild_all()
    env.invalidate_all()
    return staff


def _sanitize_phones(env):
    """phone_validation (where installed: by sms, crm ...) stores each contact's phone
    in a normal form, with Python's phonenumbers: its own compute writes it."""
    Partner = env["res.partner"]
    if "phone_sanitized" not in Partner._fields:
        return
    env.cr.execute(
        "SELECT id FROM res_partner WHERE ref LIKE %s AND phone IS NOT NULL"
        " AND phone_sanitized IS NULL",
        ["bench-%"],
    )
    Partner.browse([row[0] for row in env.cr.fetchall()])._compute_phone_sanitized()
    env.flush_all()


def _staff(env):
    """Four teams of ten mentors, a manager and back office (found again when they exist)."""
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    mentor_group = env.ref("mobility_mentoring.group_mm_mentor")

    def user(login, group):
        found = Users.search([("login", "=", login)])
        # password = login: the load test logs in as them
        return found or Users.create(
            {
                "name": login.replace("_", " ").title(),
                "login": login,
                "password": login,
                "groups_id": group,
            }
        )

    mentors = [
        user(f"bench_mentor_{t}_{m}", [Command.set([mentor_group.id])])
        for t in range(TEAMS)
        for m in range(MENTORS_PER_TEAM)
    ]
    teams = env["mm.team"]
    for t in range(TEAMS):
        name = f"Bench team {t + 1}"
        members = env["res.users"].union(
            *mentors[t * MENTORS_PER_TEAM : (t + 1) * MENTORS_PER_TEAM]
        )
        team = env["mm.team"].search([("name", "=", name)]) or env["mm.team"].create(
            {"name": name, "member_ids": [Command.set(members.ids)], "leader_id": members[0].id}
        )
        teams |= team
    return {
        "teams": teams,
        "mentors": env["res.users"].union(*mentors),
        "manager": user(
            "bench_manager", [Command.set([env.ref("mobility_mentoring.group_mm_manager").id])]
        ),
        "backoffice": user(
            "bench_backoffice",
            [Command.set([env.ref("mobility_mentoring.group_mm_backoffice").id])],
        ),
    }


def _mentor_table(cr, staff):
    """bench_mentor(n, team_id, user_id): the n-th mentor, n from 0."""
    cr.execute("DROP TABLE IF EXISTS bench_mentor")
    cr.execute("CREATE TEMP TABLE bench_mentor (n int, team_id int, user_id int)")
    rows = [
        (n, team.id, mentor.id)
        for n, (team, mentor) in enumerate(
            (team, mentor) for team in staff["teams"] for mentor in team.member_ids.sorted("id")
        )
    ]
    cr.execute("INSERT INTO bench_mentor VALUES " + ",".join(["%s"] * len(rows)), rows)


def _load_batch(cr, v):
    for statement in (
        PARTNERS,
        MENTORSHIPS,
        ASSESSMENTS,
        ASSESSMENT_LINES,
        ASSESSMENT_SCORES,
        MENTORSHIP_BRIDGE,
        GOALS,
        ACTIONS,
        GOAL_PROGRESS,
        REWARDS,
        ACCESS_LOG,
        CONTACTS,
        GROUP_CONTACTS,
        LAST_CONTACT,
        OUTCOMES,
        AFTERCARE_OUTCOMES,
    ):
        cr.execute(statement, v)


# Residents n = first..last; partner ids follow from the sequence, so each statement
# finds its rows again by the resident's number (stored in `ref`).
# Each with a Dutch address and a mobile number written as people write them (the
# resident searches of staff compare them: mm_mentorship_resident_search.py): five
# streets in four towns, postcode 1000 AA to 9999 ZZ, 06 and eight digits.
PARTNERS = """
INSERT INTO res_partner (name, complete_name, ref, active, type, is_company, partner_share,
                         street, zip, city, phone,
                         create_uid, write_uid, create_date, write_date)
SELECT 'Resident ' || n, 'Resident ' || n, 'bench-' || n, true, 'contact', false, true,
       (ARRAY['Dorpsstraat', 'Kerkstraat', 'Molenweg', 'Schoolstraat', 'Stationsweg'])[1 + n %% 5]
           || ' ' || (1 + n %% 200),
       (1000 + n %% 9000) || ' ' || chr(65 + n %% 26) || chr(65 + (n / 26) %% 26),
       (ARRAY['Ootmarsum', 'Almelo', 'Hengelo', 'Enschede'])[1 + n %% 4],
       '06 ' || lpad(n::text, 8, '0'),
       %(uid)s, %(uid)s, now(), now()
  FROM generate_series(%(first)s, %(last)s) n;
UPDATE res_partner SET commercial_partner_id = id
 WHERE ref LIKE 'bench-%%' AND commercial_partner_id IS NULL;
"""

# n % 10: 0 closed, 1 paused, else active; started 30 to 730 days ago; closed or paused
# 200 days later (at the latest yesterday); a closed one's reason by n % 60: two in six
# completed, one each stopped, no contact and moved, one not recorded
MENTORSHIPS = """
INSERT INTO mm_mentorship (partner_id, user_id, team_id, company_id, date_start, date_end,
       state_date, state, close_reason, aftercare_until, is_anonymised, resident_reminders,
       contact_hours, contacts_last_90_days, months_in_mentoring, fidelity_ok, fidelity_date,
       bridge_score, bridge_score_change, create_uid, write_uid, create_date, write_date)
SELECT p.id, m.user_id, m.team_id, %(company)s, s.start,
       CASE WHEN s.state = 'closed' THEN s.stop END,
       CASE WHEN s.state = 'active' THEN s.start ELSE s.stop END,
       s.state,
       CASE WHEN s.state = 'closed' THEN (ARRAY['completed', 'completed', 'resident_stopped',
                                                'no_contact', 'moved', NULL])[1 + r.n / 10 %% 6]
       END,
       -- a completed exit's aftercare ends the last follow-up's months after it
       CASE WHEN s.state = 'closed' AND r.n / 10 %% 6 < 2
            THEN s.stop + make_interval(months => %(aftercare_months)s) END,
       false, true, 0, 0, 0, false, NULL, 0, 0, %(uid)s, %(uid)s, now(), now()
  FROM res_partner p
  JOIN LATERAL (SELECT substr(p.ref, 7)::int AS n) r ON true
  JOIN bench_mentor m ON m.n = r.n %% 40
  JOIN LATERAL (
       SELECT %(today)s::date - 30 - (r.n * 37) %% 700 AS start,
              CASE r.n %% 10 WHEN 0 THEN 'closed' WHEN 1 THEN 'paused' ELSE 'active' END AS state
  ) s0 ON true
  JOIN LATERAL (SELECT s0.*, LEAST(s0.start + 200, %(today)s::date - 1) AS stop) s ON true
 WHERE p.ref LIKE 'bench-%%' AND r.n BETWEEN %(first)s AND %(last)s;
"""

# two done assessments: ten days after the start and 120 days after (or yesterday)
ASSESSMENTS = """
INSERT INTO mm_assessment (mentorship_id, partner_id, company_id, date, state, bridge_score,
       resident_can_edit, is_aftercare, create_uid, write_uid, create_date, write_date)
SELECT ms.id, ms.partner_id, ms.company_id,
       LEAST(ms.date_start + k * 110 + 10, %(today)s::date - 2 + k), 'done', 0, false, false,
       %(uid)s, %(uid)s, now(), now()
  FROM mm_mentorship ms
  JOIN res_partner p ON p.id = ms.partner_id
 CROSS JOIN generate_series(0, 1) k
 WHERE p.ref LIKE 'bench-%%' AND substr(p.ref, 7)::int BETWEEN %(first)s AND %(last)s;
"""

# a line per active dimension; the level climbs a step in about half of the second ones
ASSESSMENT_LINES = """
WITH lines AS (
    SELECT a.id AS assessment_id, a.mentorship_id, a.partner_id, a.company_id, a.date,
           d.id AS dimension_id, d.pillar_id, d.sequence,
           (SELECT max(level) FROM mm_step s WHERE s.dimension_id = d.id) AS top,
           a.date > ms.date_start + 10 AS second,
           substr(p.ref, 7)::int AS n
      FROM mm_assessment a
      JOIN mm_mentorship ms ON ms.id = a.mentorship_id
      JOIN res_partner p ON p.id = a.partner_id
     CROSS JOIN mm_dimension d
     WHERE d.active AND p.ref LIKE 'bench-%%'
       AND substr(p.ref, 7)::int BETWEEN %(first)s AND %(last)s
), levels AS (
    SELECT l.*, LEAST(l.top, 1 + (l.n + l.dimension_id) %% 3
                  + CASE WHEN l.second AND (l.n + l.dimension_id) %% 2 = 0 THEN 1 ELSE 0 END)
                AS level,
           1 + (l.n + l.dimension_id) %% 3 AS first_level
      FROM lines l
)
INSERT INTO mm_assessment_line (assessment_id, mentorship_id, partner_id, company_id, date,
       state, sequence, dimension_id, pillar_id, step_id, previous_step_id, level, top_level,
       score, is_priority, filled_by_resident, create_uid, write_uid, create_date, write_date)
SELECT l.assessment_id, l.mentorship_id, l.partner_id, l.company_id, l.date, 'done',
       l.sequence, l.dimension_id, l.pillar_id, s.id,
       CASE WHEN l.second THEN ps.id END, l.level, l.top,
       CASE WHEN l.top <= 1 THEN 100.0 ELSE (l.level - 1) * 100.0 / (l.top - 1) END,
       l.dimension_id %% 4 = l.n %% 4, false, %(uid)s, %(uid)s, now(), now()
  FROM levels l
  JOIN mm_step s ON s.dimension_id = l.dimension_id AND s.level = l.level
  LEFT JOIN mm_step ps ON ps.dimension_id = l.dimension_id AND ps.level = l.first_level;
"""

ASSESSMENT_SCORES = """
UPDATE mm_assessment a SET bridge_score = round(x.score::numeric, 1)
  FROM (SELECT assessment_id, avg(score) AS score FROM mm_assessment_line
         WHERE partner_id IN (SELECT id FROM res_partner WHERE ref LIKE 'bench-%%'
                 AND substr(ref, 7)::int BETWEEN %(first)s AND %(last)s)
         GROUP BY assessment_id) x
 WHERE a.id = x.assessment_id;
"""

MENTORSHIP_BRIDGE = """
UPDATE mm_mentorship ms
   SET last_assessment_id = x.last_id, bridge_score = x.last_score,
       bridge_score_change = round((x.last_score - x.first_score)::numeric, 1)
  FROM (SELECT mentorship_id,
               (array_agg(id ORDER BY date DESC, id DESC))[1] AS last_id,
               (array_agg(bridge_score ORDER BY date DESC, id DESC))[1] AS last_score,
               (array_agg(bridge_score ORDER BY date, id))[1] AS first_score
          FROM mm_assessment
         WHERE partner_id IN (SELECT id FROM res_partner WHERE ref LIKE 'bench-%%'
                 AND substr(ref, 7)::int BETWEEN %(first)s AND %(last)s)
         GROUP BY mentorship_id) x
 WHERE ms.id = x.mentorship_id;
"""

# three goals over three pillars; the first one of every fifth resident is achieved
GOALS = """
INSERT INTO mm_goal (mentorship_id, partner_id, user_id, team_id, company_id, pillar_id, name,
       deadline, state, date_closed, progress, create_uid, write_uid, create_date, write_date)
SELECT ms.id, ms.partner_id, ms.user_id, ms.team_id, ms.company_id, pl.id,
       'Goal ' || g || ' of ' || r.n,
       ms.date_start + 180,
       CASE WHEN g = 0 AND r.n %% 5 = 0 THEN 'achieved' ELSE 'open' END,
       CASE WHEN g = 0 AND r.n %% 5 = 0 THEN ms.date_start + 150 END,
       0, %(uid)s, %(uid)s, now(), now()
  FROM mm_mentorship ms
  JOIN res_partner p ON p.id = ms.partner_id
  JOIN LATERAL (SELECT substr(p.ref, 7)::int AS n) r ON true
 CROSS JOIN generate_series(0, 2) g
  JOIN LATERAL (SELECT id FROM mm_pillar WHERE active ORDER BY sequence, id
                 OFFSET (r.n + g) %% (SELECT count(*) FROM mm_pillar WHERE active) LIMIT 1) pl
       ON true
 WHERE p.ref LIKE 'bench-%%' AND r.n BETWEEN %(first)s AND %(last)s;
"""

# ten actions per resident; k = 0..9 over the goals (3, 3, 4); on open goals only the
# last one or two may be open (within the shipped limits of 3 per goal, 5 per resident)
ACTIONS = """
WITH goal_rank AS (
    SELECT g.*, substr(p.ref, 7)::int AS n,
           (row_number() OVER (PARTITION BY g.mentorship_id ORDER BY g.id) - 1)::int AS rank
      FROM mm_goal g
      JOIN res_partner p ON p.id = g.partner_id
     WHERE p.ref LIKE 'bench-%%' AND substr(p.ref, 7)::int BETWEEN %(first)s AND %(last)s
), actions AS (
    SELECT gr.*, a AS k,
           CASE
               WHEN gr.state = 'open' AND a = CASE WHEN gr.rank = 2 THEN 3 ELSE 2 END
                    AND (gr.n + gr.rank) %% 3 = 0 THEN
                   CASE WHEN (gr.n + gr.rank) %% 10 = 3 THEN 'reported' ELSE 'open' END
               WHEN (gr.n + a + gr.rank) %% 14 = 5 THEN 'cancelled'
               ELSE 'done'
           END AS action_state
      FROM goal_rank gr
     CROSS JOIN LATERAL generate_series(0, CASE WHEN gr.rank = 2 THEN 3 ELSE 2 END) a
)
INSERT INTO mm_action (goal_id, mentorship_id, pillar_id, partner_id, user_id, team_id,
       company_id, name, deadline, state, date_done, done_on_time, timeliness,
       resident_reminded, create_uid, write_uid, create_date, write_date)
SELECT x.id, x.mentorship_id, x.pillar_id, x.partner_id, x.user_id, ms.team_id, x.company_id,
       'Action ' || x.k || ' of goal ' || x.id,
       x.deadline_day,
       x.action_state,
       CASE WHEN x.action_state IN ('done', 'reported') THEN x.done_day END,
       x.action_state = 'done' AND x.done_day <= x.deadline_day,
       CASE WHEN x.action_state = 'done' THEN
           CASE WHEN x.done_day <= x.deadline_day THEN 'on_time' ELSE 'late' END
       END,
       false, %(uid)s, %(uid)s, now(), now()
  FROM (SELECT a.*,
               ms0.date_start + 20 + a.rank * 60 + a.k * 14
                 + CASE WHEN a.action_state IN ('open', 'reported') THEN
                       (%(today)s::date - ms0.date_start) - 20 - a.rank * 60 - a.k * 14
                       + (a.n %% 20) - 5
                   ELSE 0 END AS deadline_day,
               LEAST(ms0.date_start + 15 + a.rank * 60 + a.k * 14 + (a.n + a.k) %% 9,
                     %(today)s::date) AS done_day
          FROM actions a JOIN mm_mentorship ms0 ON ms0.id = a.mentorship_id) x
  JOIN mm_mentorship ms ON ms.id = x.mentorship_id;
"""

GOAL_PROGRESS = """
UPDATE mm_goal g SET progress = x.progress
  FROM (SELECT goal_id,
               100.0 * count(*) FILTER (WHERE state = 'done')
                     / NULLIF(count(*) FILTER (WHERE state != 'cancelled'), 0) AS progress
          FROM mm_action
         WHERE partner_id IN (SELECT id FROM res_partner WHERE ref LIKE 'bench-%%'
                 AND substr(ref, 7)::int BETWEEN %(first)s AND %(last)s)
         GROUP BY goal_id) x
 WHERE g.id = x.goal_id AND x.progress IS NOT NULL;
"""

# two rewards per resident for done actions: a compliment, and a voucher in every state
REWARDS = """
INSERT INTO mm_reward (mentorship_id, partner_id, user_id, team_id, company_id, rule_id,
       source, date, amount, reward_type, state, approved_by, delivered_date,
       create_uid, write_uid, create_date, write_date)
SELECT a.mentorship_id, a.partner_id, a.user_id, a.team_id, a.company_id,
       CASE WHEN a.rn = 1 THEN %(compliment)s ELSE %(voucher)s END,
       'mm.action,' || a.id, a.date_done,
       CASE WHEN a.rn = 1 THEN 0 ELSE 10 END,
       CASE WHEN a.rn = 1 THEN 'compliment' ELSE 'voucher' END,
       CASE WHEN a.rn = 1 THEN 'approved'
            ELSE (ARRAY['proposed', 'approved', 'delivered', 'cancelled'])[1 + a.id %% 4] END,
       CASE WHEN a.rn = 2 AND a.id %% 4 IN (1, 2) THEN %(uid)s END,
       CASE WHEN a.rn = 2 AND a.id %% 4 = 2 THEN a.date_done END,
       %(uid)s, %(uid)s, now(), now()
  FROM (SELECT ac.*, row_number() OVER (PARTITION BY ac.mentorship_id ORDER BY ac.id) AS rn
          FROM mm_action ac
         WHERE ac.state = 'done' AND ac.partner_id IN (
               SELECT id FROM res_partner WHERE ref LIKE 'bench-%%'
                  AND substr(ref, 7)::int BETWEEN %(first)s AND %(last)s)) a
 WHERE a.rn <= 2;
"""

# every tenth resident's context is opened by back office once a month for a year
ACCESS_LOG = """
INSERT INTO mm_access_log (date, user_id, mentorship_id, partner_id, company_id, channel,
       detail, kind, create_uid, write_uid, create_date, write_date)
SELECT %(today)s::timestamp - make_interval(days => 30 * k + r.n %% 30), %(backoffice)s,
       ms.id, ms.partner_id, ms.company_id, 'screen', 'client context', 'client_context',
       %(uid)s, %(uid)s, now(), now()
  FROM mm_mentorship ms
  JOIN res_partner p ON p.id = ms.partner_id
  JOIN LATERAL (SELECT substr(p.ref, 7)::int AS n) r ON true
 CROSS JOIN generate_series(0, 11) k
 WHERE p.ref LIKE 'bench-%%' AND r.n BETWEEN %(first)s AND %(last)s AND r.n %% 10 = 0;
"""


# set once when a line is made, from the assessment that was the latest then
HISTORICAL = {"previous_step_id"}


# a contact moment every 45 days from the start until the end (or today)
CONTACTS = """
INSERT INTO mm_contact (mentorship_id, partner_id, team_id, company_id, user_id, date,
       duration, kind, create_uid, write_uid, create_date, write_date)
SELECT ms.id, ms.partner_id, ms.team_id, ms.company_id, ms.user_id,
       (ms.date_start + 45 * k)::timestamp + interval '10 hours',
       30 + 15 * ((r.n + k) %% 3),
       (ARRAY['visit', 'home', 'phone', 'video', 'message'])[1 + (r.n + k) %% 5],
       %(uid)s, %(uid)s, now(), now()
  FROM mm_mentorship ms
  JOIN res_partner p ON p.id = ms.partner_id
  JOIN LATERAL (SELECT substr(p.ref, 7)::int AS n) r ON true
 CROSS JOIN LATERAL generate_series(
       0, (COALESCE(ms.date_end, %(today)s::date - 1) - ms.date_start) / 45) k
 WHERE p.ref LIKE 'bench-%%' AND r.n BETWEEN %(first)s AND %(last)s;
"""

# a group meeting a month per mentor over the last two years (a course of a few dozen)
GROUP_MEETINGS = """
INSERT INTO mm_group_meeting (name, team_id, company_id, user_id, date, duration,
       create_uid, write_uid, create_date, write_date)
SELECT 'Budgeting ' || t.n || ' ' || to_char(m, 'YYYY-MM'), t.team_id, %(company)s,
       t.user_id, m + interval '13 days 14 hours', 90, %(uid)s, %(uid)s, now(), now()
  FROM bench_mentor t
 CROSS JOIN generate_series(date_trunc('month', %(today)s::date - 730),
                            date_trunc('month', %(today)s::date) - interval '1 month',
                            interval '1 month') m;
"""

# every fifth resident of each mentor (by n / 40: the mentor is n % 40) comes to one in
# six of their mentor's meetings while coached: a contact of kind group, which takes the
# meeting's date, length and leader
GROUP_CONTACTS = """
INSERT INTO mm_contact (mentorship_id, partner_id, team_id, company_id, user_id, date,
       duration, kind, group_meeting_id, create_uid, write_uid, create_date, write_date)
SELECT ms.id, ms.partner_id, ms.team_id, ms.company_id, g.user_id, g.date, g.duration,
       'group', g.id, %(uid)s, %(uid)s, now(), now()
  FROM mm_mentorship ms
  JOIN res_partner p ON p.id = ms.partner_id
  JOIN LATERAL (SELECT substr(p.ref, 7)::int AS n) r ON true
  JOIN mm_group_meeting g ON g.user_id = ms.user_id AND g.team_id = ms.team_id
       AND g.date >= ms.date_start AND g.date < COALESCE(ms.date_end, %(today)s::date)
       AND extract(month FROM g.date)::int %% 6 = r.n / 200 %% 6
 WHERE r.n / 40 %% 5 = 0 AND p.ref LIKE 'bench-%%' AND r.n BETWEEN %(first)s AND %(last)s;
"""

LAST_CONTACT = """
UPDATE mm_mentorship ms SET last_contact_date = x.last
  FROM (SELECT mentorship_id, max(date) AS last FROM mm_contact
         WHERE partner_id IN (SELECT id FROM res_partner WHERE ref LIKE 'bench-%%'
                 AND substr(ref, 7)::int BETWEEN %(first)s AND %(last)s)
         GROUP BY mentorship_id) x
 WHERE ms.id = x.mentorship_id;
"""

# income and debts: a baseline at the start, a value at the latest assessment
OUTCOMES = """
INSERT INTO mm_outcome_measurement (mentorship_id, team_id, company_id, indicator_id, kind,
       date, value, is_aftercare, create_uid, write_uid, create_date, write_date)
SELECT ms.id, ms.team_id, ms.company_id, i.indicator, m.kind,
       CASE WHEN m.kind = 'baseline' THEN ms.date_start ELSE a.date END,
       CASE WHEN i.indicator = %(income)s THEN 900 + (r.n %% 7) * 100 + m.step * (r.n %% 4) * 50
            ELSE 6000 - m.step * (r.n %% 5) * 700 + (r.n %% 3) * 500 END,
       false, %(uid)s, %(uid)s, now(), now()
  FROM mm_mentorship ms
  JOIN res_partner p ON p.id = ms.partner_id
  JOIN LATERAL (SELECT substr(p.ref, 7)::int AS n) r ON true
  JOIN mm_assessment a ON a.id = ms.last_assessment_id
 CROSS JOIN (VALUES (%(income)s), (%(debts)s)) i (indicator)
 CROSS JOIN (VALUES ('baseline', 0), ('measurement', 1)) m (kind, step)
 WHERE p.ref LIKE 'bench-%%' AND r.n BETWEEN %(first)s AND %(last)s;
"""


# a completed exit's aftercare: income three months after the exit, 50 less than at
# exit for every third resident (fell back), else 50 more (kept)
AFTERCARE_OUTCOMES = """
INSERT INTO mm_outcome_measurement (mentorship_id, team_id, company_id, indicator_id, kind,
       date, value, is_aftercare, months_after_exit, after_exit_result,
       create_uid, write_uid, create_date, write_date)
SELECT ms.id, ms.team_id, ms.company_id, %(income)s, 'measurement',
       (ms.date_end + interval '3 months')::date,
       900 + (r.n %% 7) * 100 + (r.n %% 4) * 50 + CASE WHEN r.n %% 3 = 0 THEN -50 ELSE 50 END,
       true, 3, CASE WHEN r.n %% 3 = 0 THEN 'fell_back' ELSE 'kept' END,
       %(uid)s, %(uid)s, now(), now()
  FROM mm_mentorship ms
  JOIN res_partner p ON p.id = ms.partner_id
  JOIN LATERAL (SELECT substr(p.ref, 7)::int AS n) r ON true
 WHERE ms.close_reason = 'completed' AND ms.date_end + interval '3 months' < %(today)s::date
   AND p.ref LIKE 'bench-%%' AND r.n BETWEEN %(first)s AND %(last)s;
"""


def check_stored_computations(env, records):
    """Recompute every stored computed field of `records` with the ORM and return the
    differences with what is stored: [(record, field, stored, computed)]. Fields a
    user may also set (computed, readonly=False) are the user's and left out, and so
    are the dosage's: the loader has the ORM write them (_refresh_fidelity), and they
    move with the clock (a contact leaves the last 90 days at its hour)."""
    model = records.sudo()
    fnames = [
        name
        for name, field in model._fields.items()
        if field.store
        and field.compute
        and (field.readonly or field.related)
        and name not in HISTORICAL
        and not (model._name == "mm.mentorship" and name in FIDELITY_FIELDS)
    ]
    stored = {record: {f: record[f] for f in fnames} for record in model}
    for fname in fnames:
        env.add_to_compute(model._fields[fname], model)
    model._recompute_recordset(fnames)
    differences = []
    for record in model:
        for fname in fnames:
            before, after = stored[record][fname], record[fname]
            if isinstance(before, float) or isinstance(after, float):
                same = round(before or 0.0, 1) == round(after or 0.0, 1)
            else:
                same = before == after
            if not same:
                differences.append((record, fname, before, after))
    return differences
