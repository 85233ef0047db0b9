"""`make scale-out`: the benchmark database served as a large municipality runs Odoo,
on one machine and loopback only. A primary PostgreSQL streams to a hot-standby
replica; two Odoo servers (each with workers) read from the replica what Odoo reads
read-only and share one data directory; HAProxy spreads the users round-robin. Then
`make load`'s users through HAProxy, with three failure drills during the load (the
third while a daily job runs on server a), and afterwards the checks: the invariants
and that nothing acknowledged was lost (on the primary), that the replica served
transactions, that both servers served requests and that the daily job finished.
Everything it started is stopped, also when it fails. A measurement: exit 1 when a
check failed or a request failed outside the drills."""

import argparse
import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

from . import settings
from .bench import BENCH_DIR, database_now, ensure_database, run_script, set_param, wait_for
from .errors import SetupError, say
from .odoo_cli import free_port, odoo_command
from .postgres import database_server

WORK = settings.CACHE / "scale-out"
SLOT = "mm_scale_out"  # the replica's replication slot: the primary keeps its WAL for it
CROWD_BEGINS = "[load] the crowd begins at "
FIDELITY_CRON = ("mobility_mentoring", "mm_fidelity_cron")
# the running files (the addon's RUNNING_STATES) still owed a refresh of their figures
# after the third drill's change: those after the last the fidelity job's pass reached
STALE_FILES = (
    "SELECT count(*) FROM mm_mentorship WHERE state IN ('active', 'paused') AND id > "
    "coalesce((SELECT value::int FROM ir_config_parameter "
    "WHERE key = 'mobility_mentoring.fidelity_refresh_after_id'), 2147483647)"
)


def scale_out(odoo_src, args):
    parser = argparse.ArgumentParser(prog="make scale-out ARGS=")
    parser.add_argument("--residents", type=int, default=50000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=240)
    # per server; two servers share the cores with PostgreSQL, the replica and the load
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--no-drills", action="store_true")
    options = parser.parse_args(args)
    dbname = f"mm_bench_{options.residents}"
    with database_server() as primary:
        ensure_database(odoo_src, primary, dbname, options.residents)
        run_script(odoo_src, primary, dbname, "rules.py")
        with contextlib.ExitStack() as stack:  # stops all it started, in reverse order
            cluster = Cluster(odoo_src, primary, dbname, stack)
            return cluster.run(odoo_src, options)


class Cluster:
    def __init__(self, odoo_src, primary, dbname, stack):
        self.odoo_src, self.primary, self.dbname, self.stack = odoo_src, primary, dbname, stack
        self.replica = None
        self.servers = {}
        self.balancer = None

    def run(self, odoo_src, options):
        shutil.rmtree(WORK, ignore_errors=True)
        (WORK / "logs").mkdir(parents=True)
        self._hold_daily_jobs()
        self.replica = self.stack.enter_context(Replica.started(self.primary))
        self._share_data_dir()
        for name in ("a", "b"):
            self.servers[name] = self.stack.enter_context(
                OdooServer.started(name, odoo_src, self.primary, self.dbname, self.replica, options)
            )
        self.balancer = self.stack.enter_context(Balancer.started(self.servers))
        # wkhtmltopdf fetches the report's styles through the balancer, as a browser would
        set_param(self.primary, self.dbname, "report.url", self.balancer.url)
        since = database_now(self.primary, self.dbname)
        replica_before = self.replica.transactions(self.dbname)
        report = WORK / "load.json"
        drills = self._load(options, report)
        replica_after = self.replica.transactions(self.dbname)
        replica_used = {"in all": replica_after - replica_before}
        if self.replica.restarted_at is not None:
            replica_used["after its restart"] = replica_after - self.replica.restarted_at
        job = self._wait_for_fidelity_job() if drills else None
        lost_file = WORK / "lost.json"
        invariants_failed = _invariants(
            odoo_src, self.primary, self.dbname, report, since, lost_file
        )
        served = self.balancer.served()
        return _judge(report, drills, lost_file, replica_used, served, invariants_failed, job)

    def query(self, query, params=()):
        """The first value of a query on the primary's benchmark database."""
        return _value(self.primary.connect(self.dbname), query, params)

    def _hold_daily_jobs(self):
        """Every scheduled job waits until tomorrow: the load runs as in `make load`,
        and the third drill starts the job it breaks (server a runs jobs)."""
        self.query(
            "UPDATE ir_cron SET nextcall = (now() AT TIME ZONE 'UTC') + interval '1 day' "
            "WHERE active"
        )
        self.query("DELETE FROM ir_cron_trigger")

    def _fidelity_job_progress(self):
        return self.query(STALE_FILES), self.query("SELECT count(*) FROM mail_activity")

    def _fidelity_cron_id(self):
        return self.query(
            "SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' AND module = %s "
            "AND name = %s",
            FIDELITY_CRON,
        )

    def fidelity_job_pending(self):
        """The fidelity job is due (a trigger Odoo removes once it completes)."""
        return self.query(
            "SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s", (self._fidelity_cron_id(),)
        )

    def _wait_for_fidelity_job(self, stalled=180):
        """After the load: the job cut by the third drill must take up its work again
        (Odoo retries a job that failed or was cut off) and finish it. Waited for as
        long as it makes progress (files refreshed, to-dos made): at 180,000 running
        files its pass takes longer on two shared cores than a fixed wait of 15
        minutes (found at 200,000 residents, still going at 11,000 files a minute)."""
        began = progressed = time.time()
        progress = self._fidelity_job_progress()
        while self.fidelity_job_pending() and time.time() < progressed + stalled:
            time.sleep(5)
            now = self._fidelity_job_progress()
            if now != progress:
                progress, progressed = now, time.time()
        active = self.query("SELECT active FROM ir_cron WHERE id = %s", (self._fidelity_cron_id(),))
        return {
            "finished": not self.fidelity_job_pending(),
            "seconds": time.time() - began,
            "stale": self.query(STALE_FILES),
            "active": active,
        }

    def _share_data_dir(self):
        """Both servers' filestore and sessions: a session made on one is read on the
        other. The bench database's files (3 MB of asset bundles) are copied in from
        Odoo's default data directory, where `make bench` made them."""
        default = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        source = default / "Odoo" / "filestore" / self.dbname
        target = WORK / "data" / "filestore" / self.dbname
        if source.is_dir():
            shutil.copytree(source, target)
        target.mkdir(parents=True, exist_ok=True)

    def _load(self, options, report):
        """Run load.py through the balancer; the drills start once the crowd does."""
        command = [
            sys.executable,
            str(BENCH_DIR / "load.py"),
            self.balancer.url,
            self.dbname,
            str(options.seconds),
            str(options.users),
            str(report),
        ]
        say(
            f"[scale-out] {options.users} users for {options.seconds} s through HAProxy on "
            f"two servers of {options.workers} workers"
        )
        load = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.stack.callback(_stop, load)
        began = threading.Event()
        threading.Thread(target=_echo, args=(load.stdout, began), daemon=True).start()
        drills = []
        began.wait(timeout=600)
        if load.poll() is None and not options.no_drills:
            drills = Drills(self, options.seconds).run()
        load.wait()
        if not report.exists():
            raise SetupError("[scale-out] the load did not finish: its output is above")
        return drills


def _echo(stream, began):
    for line in stream:
        print(line, end="", flush=True)
        if line.startswith(CROWD_BEGINS):
            began.set()
    began.set()  # the load ended, perhaps before its crowd began: wait no longer


class Drills:
    """Three failures in the middle of the load, one after another, each timed so that
    the requests that failed can be told apart by when they failed."""

    def __init__(self, cluster, seconds):
        self.cluster, self.seconds = cluster, seconds
        self.start = time.time()
        self.done = []

    def run(self):
        self._at(0.2, "kill app server b", self._kill_server)
        self._at(0.45, "stop the replica 20 s", self._stop_replica)
        self._at(0.6, "a daily job; Odoo's connections terminated", self._break_a_daily_job)
        return self.done

    def _at(self, share, name, drill):
        time.sleep(max(0.0, self.start + share * self.seconds - time.time()))
        say(f"[scale-out] drill: {name}")
        began = time.time()
        notes = drill()
        # requests in flight when the drill ended may still fail: 5 s more
        self.done.append({"name": name, "from": began, "to": time.time() + 5, "notes": notes})

    def _kill_server(self):
        """SIGKILL, as a crash: the in-flight requests die with it. The balancer must
        route around it; a supervisor starts it again after 15 s."""
        server = self.cluster.servers["b"]
        server.kill()
        time.sleep(15)
        server.start()
        back = self.cluster.balancer.wait_until_up("b")
        return f"server b back in the balancer after {back:.0f} s"

    def _stop_replica(self):
        replica, dbname = self.cluster.replica, self.cluster.dbname
        before = replica.transactions(dbname)
        replica.stop()
        time.sleep(20)
        replica.start()
        if replica.transactions(dbname) < before:  # its counters began again at 0
            replica.served_before_restart = before
        replica.restarted_at = replica.transactions(dbname)
        return "replica stopped 20 s and started again"

    def _break_a_daily_job(self):
        """Every running file owed a refresh of its figures and the daily fidelity job
        started (on server a), then, once it has committed a batch or more while the users
        work, every connection of Odoo terminated: the job's and the requests'. Odoo
        retries a request that lost its transaction; the job starts again from its
        last committed batch (checked after the load)."""
        cluster = self.cluster
        run_script(cluster.odoo_src, cluster.primary, cluster.dbname, "stale_figures.py")
        stale = cluster.query(STALE_FILES)
        deadline = time.time() + 120
        while cluster.query(STALE_FILES) > stale - min(2000, stale // 2) and time.time() < deadline:
            time.sleep(1)
        refreshed = stale - cluster.query(STALE_FILES)
        # only the two servers' (see OdooServer.start): any other Odoo on this
        # PostgreSQL, a `make demo` or a build of `make bench`, is left alone
        killed = cluster.query(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name ~ %s",
            (f"^odoo-({'|'.join(cluster.servers)})-",),
        )
        time.sleep(5)
        return (
            f"{killed} connections of Odoo terminated on the primary, the daily job "
            f"{refreshed} of {stale} files into its work"
        )


def _invariants(odoo_src, primary, dbname, report, since, lost_file):
    try:
        run_script(
            odoo_src,
            primary,
            dbname,
            "invariants.py",
            MM_LOAD_REPORT=str(report),
            MM_LOAD_SINCE=since,
            MM_LOAD_LOST=str(lost_file),
        )
    except SetupError:
        return True
    return False


def _judge(report_path, drills, lost_file, replica_used, served, invariants_failed, job):
    """Print what the drills cost and what was lost; fail on what must not happen."""
    report = json.loads(report_path.read_text())
    lost = json.loads(lost_file.read_text()) if lost_file.exists() else []
    problems = ["an invariant did not hold"] if invariants_failed else []
    # lost: acknowledged in the minute before the drill or during it
    print(f"\n{'drill':<42} {'errors':>7} {'users':>6} {'lost':>5}  notes")
    unexplained = list(report["failed"])
    for drill in drills:
        inside = [f for f in unexplained if drill["from"] <= f[0] <= drill["to"]]
        unexplained = [f for f in unexplained if f not in inside]
        gone = [entry for entry in lost if drill["from"] - 60 <= entry[2] <= drill["to"]]
        users = Counter(f[3] for f in inside)  # a user's in-flight request, or more?
        most = max(users.values(), default=0)
        print(
            f"{drill['name']:<42} {len(inside):>7} {len(users):>6} {len(gone):>5}  "
            f"{drill['notes']}; at most {most} failed per user"
        )
        for error in sorted({f[2][:150] for f in inside})[:4]:
            print(f"{'':<44}{error}")
    others = len({f[3] for f in unexplained})
    print(
        f"{'outside the drills':<42} {len(unexplained):>7} {others:>6} {len(lost):>5}  (lost: all)"
    )
    for error in sorted({f[2][:150] for f in unexplained})[:6]:
        print(f"{'':<44}{error}")
    if unexplained:
        problems.append(f"{len(unexplained)} requests failed outside the drills")
    if lost:
        problems.append(f"{len(lost)} acknowledged writes or logged reads lost")
    print(
        "\n[scale-out] transactions served by the replica: "
        + ", ".join(f"{count} {when}" for when, count in replica_used.items())
    )
    if replica_used["in all"] <= 0:
        problems.append("the replica served no transaction")
    print(
        "[scale-out] requests per server (HAProxy): "
        + ", ".join(f"{name} {count}" for name, count in served.items())
    )
    problems += [f"server {name} served nothing" for name, count in served.items() if not count]
    if job:
        print(
            f"[scale-out] the daily fidelity job after the drill: "
            f"{'finished' if job['finished'] else 'not finished'} "
            f"{job['seconds']:.0f} s after the load, {job['stale']} files left stale, "
            f"{'still active' if job['active'] else 'deactivated'}"
        )
        if not job["finished"] or job["stale"] or not job["active"]:
            problems.append("the daily job broken by the drill did not finish its work")
    print("[scale-out] " + ("; ".join(problems) if problems else "every check held"))
    return 1 if problems else 0


def _stop(process, seconds=30):
    """Ask a process (and the workers of a server) to end; kill it when it does not."""
    if process.poll() is not None:
        return
    _signal(process, signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        _signal(process, signal.SIGKILL)
        process.wait()


def _signal(process, signum):
    with contextlib.suppress(ProcessLookupError):
        if getattr(process, "own_group", False):
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)


class Replica:
    """A hot standby of the whole cluster, made by pg_basebackup and streaming from the
    primary through a replication slot, on a loopback port. The embedded server's own
    binaries (PostgreSQL 16) or Debian's of the primary's version."""

    def __init__(self, primary):
        self.primary = primary
        self.port = free_port()
        self.data = WORK / "replica"
        self.bin, self.run_as, self.replication_user = _postgres_binaries(primary)
        self.served_before_restart = 0
        self.restarted_at = None  # its count when the drill had started it again

    @classmethod
    @contextlib.contextmanager
    def started(cls, primary):
        replica = cls(primary)
        replica._drop_slot()
        try:
            replica._base_backup()
            replica.start()
            replica._wait_streaming()
            yield replica
        finally:
            replica.stop(check=False)
            replica._drop_slot()
            shutil.rmtree(replica.data, ignore_errors=True)  # a copy of every database

    def _base_backup(self):
        say(f"[scale-out] copying the primary to a replica (pg_basebackup) on port {self.port}")
        self.data.mkdir(mode=0o700, parents=True)  # PostgreSQL's own rule
        os.chmod(WORK, 0o755)
        if self.run_as:
            shutil.chown(self.data, self.run_as, self.run_as)
        host = ["--host", self.primary.host] if self.primary.host else []
        port = ["--port", self.primary.port] if self.primary.port else []
        self._pg(
            "pg_basebackup",
            "--pgdata", str(self.data),
            *host, *port,
            "--username", self.replication_user,
            "--wal-method=stream",
            "--checkpoint=fast",
            "--write-recovery-conf",  # standby.signal and primary_conninfo
            "--create-slot", "--slot", SLOT,
        )  # fmt: skip

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} "
            # a standby answers reads; the primary keeps the rows its queries still
            # read, so that replaying a vacuum does not cancel them
            "-c hot_standby=on -c hot_standby_feedback=on"
        )
        log = WORK / "logs" / "replica.log"
        log.touch()
        if self.run_as:  # written by the server's own system user
            shutil.chown(log, self.run_as, self.run_as)
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(log), "-o", options, "-w", "start")

    def stop(self, check=True):
        if (self.data / "postmaster.pid").exists():
            self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=check)

    def transactions(self, dbname):
        """Transactions this standby served in the database since it last started, plus
        what it served before a restart."""
        import psycopg2

        conn = psycopg2.connect(
            host="127.0.0.1", port=self.port, dbname=dbname, user=self.primary.user
        )
        count = _value(
            conn,
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
            (dbname,),
        )
        return count + self.served_before_restart

    def _wait_streaming(self, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            streaming = _value(
                self._primary_as_replicator(),
                "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' "
                "AND replay_lsn = pg_current_wal_lsn()",
            )
            if streaming:
                say("[scale-out] the replica streams from the primary and has caught up")
                return
            time.sleep(1)
        raise SetupError("[scale-out] the replica did not catch up with the primary")

    def _primary_as_replicator(self):
        """Only a role with REPLICATION drops a slot and reads the standby's progress."""
        import psycopg2

        primary = self.primary
        return psycopg2.connect(
            host=primary.host, port=primary.port, user=self.replication_user, dbname="postgres"
        )

    def _drop_slot(self):
        _value(
            self._primary_as_replicator(),
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
            "WHERE slot_name = %s AND NOT active",
            (SLOT,),
        )

    def _pg(self, program, *args, check=True):
        result = subprocess.run(
            [str(self.bin / program), *args],
            user=self.run_as,
            cwd="/",
            check=False,
            capture_output=True,
            text=True,
        )
        if check and result.returncode:
            raise SetupError(f"[scale-out] {program} failed: {result.stderr.strip()[-800:]}")


def _value(conn, query, params=()):
    """The first column of the first row (None without a row), in autocommit: nothing
    here is kept in a transaction. The connection is closed."""
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(query, params)
            row = cr.fetchone() if cr.description else None
        return row and row[0]
    finally:
        conn.close()


def _postgres_binaries(primary):
    """(bin folder, system user to run as, replication role): the embedded server runs
    as `pgserver` under root and replicates as `postgres`; another server's role must
    have REPLICATION and Debian's binaries of its major version must be installed."""
    if primary.embedded:
        from pgserver._commands import POSTGRES_BIN_PATH

        return POSTGRES_BIN_PATH, ("pgserver" if os.geteuid() == 0 else None), "postgres"
    major = int(_value(primary.connect(), "SHOW server_version_num")) // 10000
    folder = f"/usr/lib/postgresql/{major}/bin"
    if not os.path.exists(f"{folder}/pg_basebackup"):
        raise SetupError(f"[scale-out] no PostgreSQL {major} binaries in {folder}")
    return folder, ("postgres" if os.geteuid() == 0 else None), primary.user


class OdooServer:
    """odoo-bin with workers on a loopback port, reading from the replica what Odoo
    reads read-only, in the shared data directory. Its own process group, so that a
    kill takes the workers along as a crash would."""

    def __init__(self, name, command):
        self.name, self.command = name, command
        self.port = int(next(o for o in command if o.startswith("--http-port=")).split("=")[1])
        self.process = None

    @classmethod
    @contextlib.contextmanager
    def started(cls, name, odoo_src, primary, dbname, replica, options):
        command = odoo_command(
            odoo_src,
            primary,
            dbname,
            f"--workers={options.workers}",
            # server a runs the scheduled jobs, as one server of a cluster usually does
            f"--max-cron-threads={1 if name == 'a' else 0}",
            "--http-interface=127.0.0.1",
            f"--http-port={free_port()}",
            f"--gevent-port={free_port()}",
            f"--data-dir={WORK / 'data'}",
            "--db_replica_host=127.0.0.1",
            f"--db_replica_port={replica.port}",
            "--proxy-mode",  # behind HAProxy: the user's address from X-Forwarded-For
            "--limit-time-real=300",
            "--limit-memory-soft=1500000000",
            "--log-level=warn",
            f"--logfile={WORK / 'logs' / f'odoo-{name}.log'}",
        )
        server = cls(name, command)
        server.start()
        try:
            wait_for(server.port)
            yield server
        finally:
            if server.process:
                _stop(server.process)

    def start(self):
        # the connections name their server: pg_stat_activity tells them apart
        env = {**os.environ, "ODOO_PGAPPNAME": f"odoo-{self.name}-{{pid}}"}
        self.process = subprocess.Popen(self.command, env=env, start_new_session=True)
        self.process.own_group = True

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


class Balancer:
    """HAProxy round-robin over the servers, checking /web/health every 2 s; a
    connection refused by a dead server is tried again on the other (redispatch)."""

    def __init__(self, servers):
        self.servers = servers
        self.port, self.stats_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    @classmethod
    @contextlib.contextmanager
    def started(cls, servers):
        balancer = cls(servers)
        config = WORK / "haproxy.cfg"
        config.write_text(balancer._config())
        log = open(WORK / "logs" / "haproxy.log", "w")  # noqa: SIM115 -- closed below
        process = subprocess.Popen(
            ["haproxy", "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_for(balancer.port)
            yield balancer
        finally:
            _stop(process)
            log.close()

    def _config(self):
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{server.port} check inter 2s fall 3 rise 2"
            for name, server in self.servers.items()
        )
        return f"""global
    maxconn 1000
defaults
    mode http
    timeout connect 2s
    timeout client 300s
    timeout server 300s
    retries 3
    option redispatch
    option forwardfor
frontend odoo
    bind 127.0.0.1:{self.port}
    default_backend odoo
backend odoo
    balance roundrobin
    option httpchk
    http-check send meth GET uri /web/health ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    # a busy server answers its health check late: a short timeout marked both down
    # under load (first run), and sent every user a 503; a dead one refuses at once
    timeout check 10s
{servers}
listen stats
    bind 127.0.0.1:{self.stats_port}
    stats enable
    stats uri /stats
"""

    def _stats(self):
        url = f"http://127.0.0.1:{self.stats_port}/stats;csv"
        with urllib.request.urlopen(url, timeout=10) as response:
            text = response.read().decode().lstrip("# ")
        return [row for row in csv.DictReader(io.StringIO(text)) if row["pxname"] == "odoo"]

    def served(self):
        """Requests each server answered, by HAProxy's count."""
        return {
            row["svname"]: int(row["stot"])
            for row in self._stats()
            if row["svname"] in self.servers
        }

    def wait_until_up(self, name, seconds=120):
        start = time.time()
        while time.time() < start + seconds:
            if any(r["svname"] == name and r["status"] == "UP" for r in self._stats()):
                return time.time() - start
            time.sleep(0.5)
        raise SetupError(f"[scale-out] server {name} did not come back in the balancer")
