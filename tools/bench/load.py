"""`make load`: many mentors, managers and back-office users at once on the benchmark
database, served by Odoo's multi-process server as production runs it. Each simulated
user logs in through /web/session/authenticate and does a day's work over JSON-RPC with
think time, for a fixed time. Standard library only (threads and urllib): a bounded
script, so that nothing but Odoo is measured. Prints requests per second, median and
95th percentile per kind of request, and errors; then checks the data."""

import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from http.cookiejar import CookieJar

# Refusals the rules intend (a limit reached, a reward already decided): not errors
INTENDED = (
    "No more open actions",  # an open-action limit
    "this step is not possible",  # somebody else changed the state first
    "The caseload of",  # a caseload limit
)


class Client:
    def __init__(self, base, db, login):
        self.base, self.db, self.login = base, db, login
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.uid = None
        self.timings = []  # (kind of request, seconds)

    def rpc(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1})
        request = urllib.request.Request(
            self.base + path, body.encode(), {"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=60) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            raise RpcError(answer["error"]["data"].get("message", str(answer["error"])))
        return answer["result"]

    def authenticate(self):
        result = self.rpc(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": self.login},
        )
        self.uid = result["uid"]

    def call(self, model, method, *args, **kwargs):
        """One request, timed on its own: the report is per kind of request."""
        start = time.perf_counter()
        try:
            return self.rpc(
                f"/web/dataset/call_kw/{model}/{method}",
                {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            )
        finally:
            self.timings.append((f"{model}.{method}", time.perf_counter() - start))


class RpcError(Exception):
    pass


KANBAN_GOAL = {
    "name": {},
    "partner_id": {"fields": {"display_name": {}}},
    "progress": {},
    "deadline": {},
    "open_action_count": {},
    "action_count": {},
    "user_id": {"fields": {"display_name": {}}},
}
MENTORSHIP_FORM = {
    "partner_id": {"fields": {"display_name": {}}},
    "bridge_score": {},
    "bridge_score_change": {},
    "open_action_count": {},
    "action_limit_summary": {},
    "last_assessment_line_ids": {
        "fields": {
            "dimension_id": {"fields": {"display_name": {}}},
            "level": {},
            "step_id": {"fields": {"display_name": {}}},
        }
    },
}


def goals_kanban(client, state):
    groups = client.call(
        "mm.goal", "web_read_group", [("state", "=", "open")], [], ["pillar_id"], lazy=True
    )["groups"]
    for group in groups:
        client.call("mm.goal", "web_search_read", group["__domain"], KANBAN_GOAL, limit=40)


def open_mentorship(client, state):
    found = client.call("mm.mentorship", "search", [("state", "=", "active")], limit=40)
    state["mentorship"] = random.choice(found)
    client.call("mm.mentorship", "web_read", [state["mentorship"]], MENTORSHIP_FORM)


def acknowledged(state, kind, record_id):
    """A write the server answered: it must be on the primary after the load."""
    state.setdefault("written", []).append((kind, record_id, time.time()))


def create_action(client, state):
    goals = client.call("mm.goal", "search", [("state", "=", "open")], limit=200)
    created = client.call(
        "mm.action",
        "create",
        [{"goal_id": random.choice(goals), "name": "Load action", "deadline": "2030-01-01"}],
    )
    acknowledged(state, "action created", created[0])


def mark_done(client, state):
    actions = client.call("mm.action", "search", [("state", "=", "open")], limit=50)
    if actions:
        action = random.choice(actions)
        client.call("mm.action", "action_done", [action])
        acknowledged(state, "action done", action)


def finalise_assessment(client, state):
    found = client.call("mm.mentorship", "search", [("state", "=", "active")], limit=200)
    mentorship = random.choice(found)
    assessment = client.call("mm.assessment", "create", [{"mentorship_id": mentorship}])[0]
    lines = client.call(
        "mm.assessment.line", "search_read", [("assessment_id", "=", assessment)], ["dimension_id"]
    )
    for line in lines:
        steps = client.call(
            "mm.step", "search", [("dimension_id", "=", line["dimension_id"][0])], limit=3
        )
        client.call("mm.assessment.line", "write", [line["id"]], {"step_id": random.choice(steps)})
    client.call("mm.assessment", "action_done", [assessment])
    acknowledged(state, "assessment done", assessment)


def client_context(client, state):
    found = client.call("mm.mentorship", "search", [], limit=100, offset=random.randrange(1000))
    if found:
        mentorship = random.choice(found)
        client.call(
            "mm.mentorship",
            "web_read",
            [mentorship],
            MENTORSHIP_FORM,
            context={"mm_client_context": True},
        )
        acknowledged(state, "client context", mentorship)


def approve_reward(client, state):
    proposed = client.call("mm.reward", "search", [("state", "=", "proposed")], limit=50)
    if proposed:
        reward = random.choice(proposed)
        client.call("mm.reward", "action_approve", [reward])
        acknowledged(state, "reward approved", reward)


WORK = {
    "mentor": [
        (goals_kanban, 3),
        (open_mentorship, 4),
        (create_action, 2),
        (mark_done, 2),
        (finalise_assessment, 1),
    ],
    "manager": [(goals_kanban, 1), (open_mentorship, 1), (approve_reward, 3)],
    "backoffice": [(client_context, 1)],
}


def simulate(base, db, login, role, until, results, requests, lock, state, think=(1.0, 3.0)):
    client = Client(base, db, login)
    start = time.perf_counter()
    try:
        client.authenticate()
    except Exception as error:
        with lock:
            results["login"].append((time.perf_counter() - start, f"error: {error}"))
        return
    with lock:
        results["login"].append((time.perf_counter() - start, "ok"))
    tasks, weights = zip(*WORK[role], strict=True)
    while time.time() < until:
        task = random.choices(tasks, weights)[0]
        start = time.perf_counter()
        try:
            task(client, state)
            outcome = "ok"
        except RpcError as error:
            outcome = "refused" if any(w in str(error) for w in INTENDED) else f"error: {error}"
        except (OSError, http.client.HTTPException) as error:
            # a refused or reset connection, a timeout, an HTTP error of a proxy
            outcome = f"error: {type(error).__name__}: {error}"
        with lock:
            results[task.__name__].append((time.perf_counter() - start, outcome))
            if outcome.startswith("error"):
                failure = (time.time(), task.__name__, outcome, state.get("user", login))
                state.setdefault("failed", []).append(failure)
            for kind, seconds in client.timings:
                requests[kind].append(seconds)
            client.timings.clear()
        if think:
            time.sleep(random.uniform(*think))  # think time


def _percentiles(seconds):
    """(count, median ms, 95th percentile ms)"""
    times = sorted(t * 1000 for t in seconds)
    return len(times), statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def pages_alone(base, db):
    """Before the crowd: the PDFs and the resident's page, 5 times each after a warm-up,
    through HTTP as their users print or open them (wkhtmltopdf calls back into Odoo)."""
    manager, resident = Client(base, db, "bench_manager"), Client(base, db, "bench_resident")
    manager.authenticate()
    resident.authenticate()
    team = manager.call("mm.team", "search", [("name", "=", "Bench team 1")])[0]
    mentorship = manager.call(
        "mm.mentorship", "search", [("partner_id.ref", "=", "bench-2")], limit=1
    )[0]
    pages = [
        (
            "team monitoring report, PDF",
            manager,
            f"/report/pdf/mobility_mentoring.report_team_monitoring/{team}",
        ),
        (
            "progress report, PDF",
            manager,
            f"/report/pdf/mobility_mentoring.report_progress/{mentorship}",
        ),
        ("/my/mentoring (resident)", resident, f"/my/mentoring/{mentorship}"),
    ]
    rows = []
    print(f"\n{'page':<32} {'min ms':>8} {'median ms':>10}")
    for name, client, path in pages:
        timings = []
        for run in range(6):
            start = time.perf_counter()
            with client.opener.open(base + path, timeout=300) as response:
                response.read()
            if run:
                timings.append((time.perf_counter() - start) * 1000)
        rows.append((name, min(timings), statistics.median(timings)))
        print(f"{name:<32} {min(timings):>8.0f} {statistics.median(timings):>10.0f}")
    return rows


def machine():
    """The CPU the figures were measured on: absolute times hold for it only."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as file:
            model = next(line.split(":", 1)[1].strip() for line in file if "model name" in line)
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores"


def requests_alone(base, db, state, seconds=15):
    """Each role's requests by one user alone, without think time and nobody else on
    the server: the median of each kind of request, the anchor of the ratio that holds
    across machines (p95 under load against the median alone)."""
    alone, results, lock = defaultdict(list), defaultdict(list), threading.Lock()
    for login, role in (
        ("bench_mentor_3_9", "mentor"),
        ("bench_manager", "manager"),
        ("bench_backoffice", "backoffice"),
    ):
        simulate(base, db, login, role, time.time() + seconds, results, alone, lock, state, 0)
    return {kind: statistics.median(times) * 1000 for kind, times in alone.items()}


def main(base, db, seconds, users):
    random.seed(7)
    print(f"machine: {machine()}")
    pages = pages_alone(base, db)
    before = {}  # what the requests alone wrote and read: checked with the crowd's
    alone = requests_alone(base, db, before)
    logins = (
        [(f"bench_mentor_{t}_{m}", "mentor") for t in range(4) for m in range(10)]
        + [("bench_manager", "manager")] * 4
        + [("bench_backoffice", "backoffice")] * 6
    )[:users]
    results, requests, lock = defaultdict(list), defaultdict(list), threading.Lock()
    until = time.time() + seconds
    # each user's: who (managers and back office share logins), what the server
    # acknowledged, what failed
    states = [{"user": f"{login} #{n}"} for n, (login, _) in enumerate(logins)]
    threads = [
        threading.Thread(
            target=simulate, args=(base, db, login, role, until, results, requests, lock, state)
        )
        for (login, role), state in zip(logins, states, strict=True)
    ]
    began = time.time()
    print(f"[load] the crowd begins at {began:.1f}", flush=True)  # make scale-out's drills
    for thread in threads:
        thread.start()
        time.sleep(0.4)  # a morning: people log in one after another, not all at once
    for thread in threads:
        thread.join()
    elapsed = time.time() - began
    total = sum(len(r) for r in requests.values()) + len(results["login"])
    print(f"\n{len(threads)} users, {elapsed:.0f} s, {total / elapsed:.1f} requests per second")
    print(f"{'task':<22} {'count':>6} {'median ms':>10} {'p95 ms':>8} {'refused':>8} {'errors':>7}")
    errors, summary = [], []
    for kind, samples in sorted(results.items()):
        refused = sum(1 for _, o in samples if o == "refused")
        failed = [o for _, o in samples if o.startswith("error")]
        errors += failed
        row = (kind, *_percentiles([t for t, _ in samples]), refused, len(failed))
        summary.append(row)
        print("{:<22} {:>6} {:>10.0f} {:>8.0f} {:>8} {:>7}".format(*row))
    # p95 under load against the median of the same request alone: a ratio that holds
    # on a faster or slower machine, where the milliseconds do not
    header = ("request", "count", "median ms", "p95 ms", "alone ms", "p95/alone")
    print("\n{:<40} {:>6} {:>10} {:>8} {:>9} {:>9}".format(*header))
    per_request = []
    for kind, seconds in sorted(requests.items()):
        count, median, p95 = _percentiles(seconds)
        single = alone.get(kind)
        ratio = p95 / single if single else None
        row = (kind, count, median, p95, single, ratio)
        per_request.append(row)
        print(
            f"{kind:<40} {count:>6} {median:>10.0f} {p95:>8.0f} "
            + (f"{single:>9.0f} {ratio:>9.1f}" if single else f"{'':>9} {'':>9}")
        )
    for error in sorted(set(errors))[:10]:
        print("  ", error[:200])
    report = {
        "machine": machine(),
        "users": len(threads),
        "seconds": round(elapsed),
        "rps": round(total / elapsed, 1),
        "pages": pages,
        "tasks": summary,
        "requests": per_request,
        "errors": len(errors),
        "began": began,
        "written": [entry for state in [before, *states] for entry in state.get("written", [])],
        "failed": [entry for state in [before, *states] for entry in state.get("failed", [])],
    }
    with open(sys.argv[5], "w") as file:
        json.dump(report, file)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
