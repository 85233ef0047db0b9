# ruff: noqa: F821 -- `env` is given by odoo-bin shell
# Run by `make bench` in `odoo shell` on the benchmark database (env is given): load the
# residents' files with the bulk loader of the test-only addon mm_bench_data, Odoo
# project tasks beside them, check a sample of every table against the ORM, then ANALYZE.
import importlib.util
import os
import random
import time

from odoo import Command

# the loader by its path (MM_BENCH_DATA, from tools/mmdev/bench.py), whatever the
# addons path: the benchmark database does not install mm_bench_data
_spec = importlib.util.spec_from_file_location("bench_data", os.environ["MM_BENCH_DATA"])
bench_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_data)

RESIDENTS = int(os.environ["MM_BENCH_RESIDENTS"])
TASKS = RESIDENTS * 3  # project.task beside the goals (150,000 at 50,000 residents)
STAGES = ("New", "Planned", "In progress", "Waiting", "Done")

started = time.perf_counter()
staff = bench_data.load(env, RESIDENTS, progress=print)
print(f"[bench] {RESIDENTS} residents' files loaded in {time.perf_counter() - started:.0f} s")

# the anchor: one project with its tasks in five stages, assigned to the same mentors
project_user = env.ref("project.group_project_user")
staff["mentors"].write({"groups_id": [Command.link(project_user.id)]})
project = env["project.project"].create(
    {
        "name": "Bench project",
        "privacy_visibility": "followers",
        "message_follower_ids": [],
        "type_ids": [
            Command.create({"name": name, "sequence": n}) for n, name in enumerate(STAGES)
        ],
    }
)
project.message_subscribe(partner_ids=staff["mentors"].partner_id.ids)
env.flush_all()
stage_ids = project.type_ids.sorted("sequence").ids
mentor_ids = staff["mentors"].ids
cr = env.cr
started = time.perf_counter()
cr.execute(
    """
    INSERT INTO project_task (name, project_id, stage_id, company_id, active, state, priority,
           sequence, display_in_project, create_uid, write_uid, create_date,
           write_date, date_last_stage_update)
    SELECT 'Task ' || n, %(project)s, (%(stages)s::int[])[1 + n %% 5], %(company)s, true,
           CASE WHEN n %% 5 = 4 THEN '1_done' ELSE '01_in_progress' END, '0', 10, true,
           %(uid)s, %(uid)s, now(), now(), now()
      FROM generate_series(1, %(tasks)s) n;
    INSERT INTO project_task_user_rel (task_id, user_id)
    SELECT t.id, (%(mentors)s::int[])[1 + t.id %% %(mentor_count)s]
      FROM project_task t WHERE t.project_id = %(project)s;
    """,
    {
        "project": project.id,
        "stages": stage_ids,
        "company": env.company.id,
        "uid": env.uid,
        "tasks": TASKS,
        "mentors": mentor_ids,
        "mentor_count": len(mentor_ids),
    },
)
print(f"[bench] {TASKS} project tasks loaded in {time.perf_counter() - started:.0f} s")


# what SQL wrote is what the ORM computes: a random sample of every table
random.seed(1)
problems = []
samples = {
    "mm.mentorship": [("partner_id.ref", "=like", "bench-%")],
    "mm.assessment": [("partner_id.ref", "=like", "bench-%")],
    "mm.assessment.line": [("partner_id.ref", "=like", "bench-%")],
    "mm.goal": [("partner_id.ref", "=like", "bench-%")],
    "mm.action": [("partner_id.ref", "=like", "bench-%")],
    "mm.reward": [("partner_id.ref", "=like", "bench-%")],
    "mm.contact": [("partner_id.ref", "=like", "bench-%")],
    "mm.outcome.measurement": [("mentorship_id.partner_id.ref", "=like", "bench-%")],
    "project.task": [("project_id", "=", project.id)],
}
for model, domain in samples.items():
    ids = env[model].sudo()._search(domain).get_result_ids()
    sample = env[model].browse(random.sample(list(ids), min(200, len(ids))))
    for record, fname, stored, computed in bench_data.check_stored_computations(env, sample):
        problems.append(f"{record}.{fname}: stored {stored!r}, the ORM computes {computed!r}")
if problems:
    env.cr.rollback()
    print("[bench] FAILED: the loaded data differs from what the ORM computes:")
    print("\n".join(problems[:20]))
    raise SystemExit(1)
env["ir.config_parameter"].set_param("mobility_mentoring.bench_residents", str(RESIDENTS))
cr.execute("ANALYZE")
env.cr.commit()  # the statistics too: odoo shell rolls back what is not committed
print("[bench] sample checked against the ORM; ANALYZE done")
