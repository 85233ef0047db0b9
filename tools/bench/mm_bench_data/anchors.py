"""The raw SQL the benchmark sets beside the ORM's screens (tools/bench/measure.py):
the same rows, fetched the shortest way the data allows. An anchor must filter the way
the record rules it stands for do today, or its ratio flatters: the test of this module
compares its rows with the ORM's on the loader's 50 residents."""

# The goals kanban of a mentor: open goals of the company, the mentor's own or their
# teams' (the rule mm_goal_rule_mentor, on the goal's own user_id and team_id since the
# goals store their team), counted per pillar, the first 40 per pillar in the model's
# order (deadline, id) with what a card shows.
GOALS_SQL = """
WITH visible AS (
    SELECT g.* FROM mm_goal g
     WHERE g.state = 'open' AND g.company_id = %(company)s
       AND (g.user_id = %(uid)s
            OR g.team_id IN (SELECT team_id FROM mm_team_member_rel WHERE user_id = %(uid)s)
            OR g.team_id IN (SELECT id FROM mm_team WHERE leader_id = %(uid)s))
), counts AS (SELECT pillar_id, count(*) FROM visible GROUP BY pillar_id),
page AS (
    SELECT v.*, row_number() OVER (PARTITION BY v.pillar_id ORDER BY v.deadline, v.id) AS rn
      FROM visible v
)
SELECT c.pillar_id, c.count, p.id, p.name, rp.name, d.name, p.progress, p.deadline, u.login,
       (SELECT count(*) FROM mm_action a WHERE a.goal_id = p.id),
       (SELECT count(*) FROM mm_action a WHERE a.goal_id = p.id AND a.state IN ('open', 'reported'))
  FROM counts c JOIN page p ON p.pillar_id = c.pillar_id AND p.rn <= 40
  LEFT JOIN res_partner rp ON rp.id = p.partner_id
  LEFT JOIN mm_dimension d ON d.id = p.dimension_id
  LEFT JOIN res_users u ON u.id = p.user_id
 ORDER BY c.pillar_id, p.rn
"""


def goals_sql_rows(env, user):
    """{pillar id: (count, [goal ids of the first page])} by the raw SQL."""
    env.cr.execute(GOALS_SQL, {"company": env.company.id, "uid": user.id})
    rows = {}
    for pillar_id, count, goal_id, *_card in env.cr.fetchall():
        rows.setdefault(pillar_id, (count, []))[1].append(goal_id)
    return rows


def goals_orm_rows(env, user, limit=40):
    """The same as the web client asks for it as ``user`` (record rules apply)."""
    Goal = env(user=user)["mm.goal"]
    domain = [("state", "=", "open")]
    rows = {}
    for group in Goal.web_read_group(domain, [], ["pillar_id"], lazy=True)["groups"]:
        page = Goal.web_search_read(group["__domain"], {"id": {}}, limit=limit)["records"]
        rows[group["pillar_id"][0]] = (group["pillar_id_count"], [row["id"] for row in page])
    return rows
