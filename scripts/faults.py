"""`make faults`: break things on purpose and check the service copes.

1. **The database goes away under load.** A scratch PostgreSQL database, the curated dataset and demo
   schedule, gunicorn in production settings; threads browse, convert and book (signed in, with CSRF)
   while PostgreSQL is stopped and started again. Checks: answers during the outage are 503s, never 500s;
   the service is healthy again shortly after the database is; and no booking is half-written (seats
   within capacity, every booking with its audit entry and its email task, no orphan audit entries).
2. **A worker is killed mid-batch.** Email tasks with idempotency keys in the database queue; `skillsnet
   db_worker` is killed with SIGKILL while it works through them; `skillsnet requeue_stale_tasks` puts
   the task it left RUNNING back; a second worker finishes. Checks: every email was sent, and none twice
   (the emails are files: one per message, counted by Message-ID).
3. **Hostile uploads** (issue 16). gunicorn (3 workers × 4 threads) is sent the hostile CVs four at a time:
   a ~40 KB DOCX whose document.xml is 24 MB of `<w:p/>`, a 1 MB DOCX whose document.xml inflates to 1 GB
   with both size fields patched to 1000, an 8 KB one-page PDF whose content stream is 5 MB of `(a) '`.
   Checks: each is answered in under 15 s with a 4xx and the "too complex" sentence; no web worker's RSS
   grows by 100 MB or more; `/healthz` answers within 1 s throughout. `--only uploads` runs this part alone
   (it does not touch the PostgreSQL cluster beyond its scratch database).
4. **Shared limits.** gunicorn with 4 workers, the production cache (`SKILLSNET_CACHE=database`) and a
   sign-in limit of 20 a minute; 100 sign-in attempts from one address within the minute. Check: at most
   20 reach the form, the rest are 429. `--only limits` runs this part alone.

Run as root on the development machine (it restarts the local PostgreSQL cluster):
    .venv/bin/python scripts/faults.py            # or: make faults
    .venv/bin/python scripts/faults.py --only uploads    # or --only limits
Everything is bounded in time; PostgreSQL is started again, the scratch database dropped and every
process stopped whatever happens. Only loopback addresses are used. Exit status 0 when every check
passes, 1 when one fails, 2 when the machine cannot run the drill.
"""

from __future__ import annotations

import email
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST, PORT = "127.0.0.1", int(os.environ.get("FAULTS_PORT", "8077"))
SERVER = "postgres://postgres@127.0.0.1:5432"
SCRATCH = "skillsnet_faults"
PASSWORD = "faults-drill-password-1"  # noqa: S105 - throwaway accounts in a scratch database
USERS = 24
RUNS = 8  # runs the bookers fight over, each cut to CAPACITY seats so waiting lists form
CAPACITY = 3
OUTAGE_SECONDS = float(os.environ.get("FAULTS_OUTAGE_SECONDS", "4"))
BATCH = int(os.environ.get("FAULTS_EMAILS", "300"))
GUNICORN_ARGS = ["skillsnet.wsgi", "-w", "3", "-b", f"{HOST}:{PORT}", "--timeout", "30", "--graceful-timeout", "5"]
WORKER_COMMAND = [PYTHON, "-m", "skillsnet", "db_worker", "--no-startup-delay", "--interval", "0.1"]
MATCHES_BODY = json.dumps({"occupations": [], "skills": [{"skill": "gmp", "level": 2}], "text": "", "limit": 5})


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------- the machine: PostgreSQL and processes


def cluster_version() -> str:
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir() if p.is_dir())
    if not versions:
        raise RuntimeError("no PostgreSQL cluster under /etc/postgresql")
    return versions[-1]


def pg_ctl(action: str, *, timeout: float = 60) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main", action],
        check=True,
        timeout=timeout,
        capture_output=True,
    )


def pg_running() -> bool:
    result = subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main", "status"],
        capture_output=True,
        timeout=20,
        check=False,
    )
    return result.returncode == 0


def sql(query: str, params: tuple[Any, ...] = (), *, database: str = SCRATCH) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(f"{SERVER}/{database}", connect_timeout=5, autocommit=True) as conn:
        cur = conn.execute(query, params)
        return cur.fetchall() if cur.description else []


def skillsnet(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "skillsnet", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"skillsnet {' '.join(args[:1])} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def django_snippet(env: dict[str, str], code: str, *, timeout: float = 300) -> Any:
    """Run `code` in `skillsnet shell`; its last line of output is JSON."""
    out = skillsnet(env, "shell", "-c", code, timeout=timeout)
    return json.loads(out.strip().splitlines()[-1])


def stop(process: subprocess.Popen[bytes] | None, *, hard: bool = False) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL if hard else signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass


# ---------------------------------------------------------------- HTTP with our own cookie jar


def request(
    method: str,
    path: str,
    *,
    body: str | bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> tuple[int, dict[str, str], str]:
    """One request; the status, headers (Set-Cookie joined) and body. Raises OSError when nothing answers."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        got = {k.lower(): v for k, v in response.getheaders() if k.lower() != "set-cookie"}
        got["set-cookie"] = "\n".join(v for k, v in response.getheaders() if k.lower() == "set-cookie")
        return response.status, got, text
    finally:
        conn.close()


def start_gunicorn(args: list[str], env: dict[str, str], log_to: Path) -> subprocess.Popen[bytes]:
    """Start gunicorn with `args` and wait until /healthz answers 200 (30 s at most). On failure it is
    stopped and RuntimeError names its log."""
    with log_to.open("wb") as out:
        server = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), *args],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 30
    while True:
        try:
            if request("GET", "/healthz", timeout=2)[0] == 200:
                return server
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            stop(server, hard=True)
            raise RuntimeError(f"gunicorn did not become healthy within 30 s; see {log_to.name}")
        time.sleep(0.2)


def cookies_from(set_cookie: str) -> dict[str, str]:
    # The production cookies are Secure, so a browser would keep them off plain HTTP; we send them ourselves.
    return dict(re.findall(r"^([A-Za-z_]+)=([^;]*)", set_cookie, flags=re.M))


@dataclass
class Person:
    email: str
    cookies: dict[str, str] = field(default_factory=dict)

    def headers(self, **extra: str) -> dict[str, str]:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Cookie": cookie, "X-CSRFToken": self.cookies.get("csrftoken", ""), **extra}


def sign_in(person: Person) -> None:
    status, headers, html = request("GET", "/account/sign-in/")
    if status != 200:
        raise RuntimeError(f"the sign-in page answered {status}")
    person.cookies.update(cookies_from(headers["set-cookie"]))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if token is None:
        raise RuntimeError("no CSRF token on the sign-in page")
    form = f"csrfmiddlewaretoken={token.group(1)}&username={person.email.replace('@', '%40')}&password={PASSWORD}"
    status, headers, _ = request(
        "POST",
        "/account/sign-in/",
        body=form,
        headers=person.headers(**{"Content-Type": "application/x-www-form-urlencoded"}),
    )
    if status != 302:
        raise RuntimeError(f"signing {person.email} in answered {status}, not a redirect")
    person.cookies.update(cookies_from(headers["set-cookie"]))


# ---------------------------------------------------------------- part 1: the database goes away


@dataclass
class Hit:
    started: float
    endpoint: str
    status: str  # "200", "503", … or "no answer: <exception>"


@dataclass
class Outage:
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def record(self, started: float, endpoint: str, status: str) -> None:
        with self.lock:
            self.hits.append(Hit(started, endpoint, status))


def hammer(outage: Outage, endpoint: str, call: Callable[[], int], pause: float) -> None:
    while not outage.stop.is_set():
        started = time.monotonic()
        try:
            status = str(call())
        except (OSError, http.client.HTTPException) as exc:
            status = f"no answer: {type(exc).__name__}"
        outage.record(started, endpoint, status)
        time.sleep(pause)


def booker(outage: Outage, people: list[Person], runs: list[int], seed: int) -> None:
    rng = random.Random(seed)
    mine: dict[str, list[int]] = {}

    def book() -> int:
        person = rng.choice(people)
        booked = mine.setdefault(person.email, [])
        if booked and rng.random() < 0.25:
            status, _, _ = request(
                "POST",
                f"/api/v1/bookings/{booked.pop()}/cancel",
                headers=person.headers(Origin=f"http://{HOST}:{PORT}"),
            )
            return status
        status, _, text = request(
            "POST",
            f"/api/v1/runs/{rng.choice(runs)}/book",
            body="{}",
            headers=person.headers(**{"Content-Type": "application/json", "Origin": f"http://{HOST}:{PORT}"}),
        )
        if status == 201:
            booked.append(json.loads(text)["id"])
        return status

    hammer(outage, "POST /api/v1/runs/{id}/book (signed in)", book, 0.02)


def database_outage(env: dict[str, str], checks: list[tuple[str, bool, str]]) -> None:
    runs = [
        row[0]
        for row in sql(
            """
            SELECT r.id FROM centres_courserun r
            WHERE r.status = 'scheduled' AND r.requires_approval = 'none'
              AND r.booking_opens_at <= now() AND r.booking_closes_at > now() + interval '1 hour'
            ORDER BY r.id LIMIT %s
            """,
            (RUNS,),
        )
    ]
    if len(runs) < 2:
        raise RuntimeError("the demo schedule has no open runs to book")
    # Scratch data: small runs so waiting lists form, and no prerequisites so the drill's people may book.
    sql("UPDATE centres_courserun SET capacity = %s WHERE id = ANY(%s)", (CAPACITY, runs))
    sql(
        "DELETE FROM catalogue_courseprerequisite WHERE course_id IN "
        "(SELECT course_id FROM centres_courserun WHERE id = ANY(%s))",
        (runs,),
    )
    people = [Person(f"faults{i}@example.com") for i in range(USERS)]
    for person in people:
        sign_in(person)
    log(f"{len(people)} people signed in; they book {len(runs)} runs of {CAPACITY} seats")

    outage = Outage()
    threads = [
        threading.Thread(target=hammer, args=(outage, "GET /healthz", lambda: request("GET", "/healthz")[0], 0.05)),
        threading.Thread(target=hammer, args=(outage, "GET /roles/", lambda: request("GET", "/roles/")[0], 0.02)),
        threading.Thread(
            target=hammer, args=(outage, "GET /api/v1/roles", lambda: request("GET", "/api/v1/roles")[0], 0.02)
        ),
        threading.Thread(
            target=hammer,
            args=(
                outage,
                "POST /api/v1/converter/matches",
                lambda: request(
                    "POST",
                    "/api/v1/converter/matches",
                    body=MATCHES_BODY,
                    headers={"Content-Type": "application/json"},
                )[0],
                0.02,
            ),
        ),
        *[threading.Thread(target=booker, args=(outage, people, runs, seed)) for seed in range(4)],
    ]
    for thread in threads:
        thread.daemon = True
        thread.start()
    time.sleep(3)  # load before the fault
    down_at = time.monotonic()
    log(f"stopping PostgreSQL for {OUTAGE_SECONDS:g} s under load")
    try:
        pg_ctl("stop", timeout=60)
        time.sleep(OUTAGE_SECONDS)
    finally:
        pg_ctl("start", timeout=60)
    up_at = time.monotonic()
    recovered_at = None
    deadline = up_at + 60
    while time.monotonic() < deadline:
        try:
            if request("GET", "/healthz", timeout=5)[0] == 200:
                recovered_at = time.monotonic()
                break
        except OSError:
            pass
        time.sleep(0.05)
    log("PostgreSQL is back; load continues for 3 s")
    time.sleep(3)
    outage.stop.set()
    for thread in threads:
        thread.join(timeout=20)

    end = recovered_at if recovered_at is not None else time.monotonic()
    during = [h for h in outage.hits if down_at <= h.started < end]
    statuses = Counter(h.status for h in during)
    everywhere = Counter(h.status for h in outage.hits)
    print()
    print(f"Requests while the database was away ({end - down_at:.1f} s from the stop to healthy again):")
    by_endpoint: dict[str, Counter[str]] = {}
    for hit in during:
        by_endpoint.setdefault(hit.endpoint, Counter())[hit.status] += 1
    for endpoint, counts in sorted(by_endpoint.items()):
        print(f"  {endpoint:48} {dict(sorted(counts.items()))}")
    print(f"All {len(outage.hits)} requests of the drill: {dict(sorted(everywhere.items()))}")
    print()

    checks.append(("outage seen: requests answered 503", statuses["503"] > 0, f"{statuses['503']} × 503"))
    checks.append(("no 500 at any time", everywhere["500"] == 0, f"{everywhere['500']} × 500"))
    no_answer = sum(n for s, n in everywhere.items() if s.startswith("no answer"))
    checks.append(("every request answered (gunicorn stayed up)", no_answer == 0, f"{no_answer} without an answer"))
    recovery = f"{recovered_at - up_at:.2f} s after PostgreSQL was back" if recovered_at else "not within 60 s"
    checks.append(
        ("healthy again within 10 s of the database", bool(recovered_at and recovered_at - up_at < 10), recovery)
    )
    after = [h for h in outage.hits if recovered_at and h.started > recovered_at + 0.5 and h.status != "200"]
    bad_after = Counter(h.status for h in after if not h.status.startswith(("201", "409", "422")))
    checks.append(("after recovery every endpoint answers normally", not bad_after, str(dict(bad_after)) or "ok"))
    consistency(runs, checks)


def consistency(runs: list[int], checks: list[tuple[str, bool, str]]) -> None:
    """No partial writes: recompute every invariant from the rows themselves."""
    over = sql(
        """
        SELECT r.id, r.capacity, count(b.id) FROM centres_courserun r
        LEFT JOIN centres_booking b ON b.run_id = r.id AND (
            b.status IN ('confirmed', 'pending_approval', 'attended')
            OR (b.status = 'offered' AND b.offer_expires_at > now()))
        WHERE r.id = ANY(%s) GROUP BY r.id, r.capacity HAVING count(b.id) > r.capacity
        """,
        (runs,),
    )
    checks.append(("seats held ≤ capacity on every run", not over, f"over capacity: {over}" if over else "ok"))
    bookings = sql("SELECT count(*) FROM centres_booking")[0][0]
    unaudited = sql(
        """
        SELECT b.id FROM centres_booking b WHERE NOT EXISTS (
            SELECT 1 FROM accounts_auditentry a WHERE a.object_type = 'centres.booking'
            AND a.object_id = b.id::text AND a.action IN ('centres.booking.created', 'centres.booking.waitlisted'))
        """
    )
    checks.append(
        (
            "every booking has its audit entry",
            not unaudited,
            f"{len(unaudited)} of {bookings} without" if unaudited else f"{bookings} bookings",
        )
    )
    orphans = sql(
        """
        SELECT a.id FROM accounts_auditentry a WHERE a.object_type = 'centres.booking'
        AND NOT EXISTS (SELECT 1 FROM centres_booking b WHERE b.id::text = a.object_id)
        """
    )
    checks.append(("no audit entry without its booking", not orphans, f"{len(orphans)} orphans" if orphans else "ok"))
    cancelled_unaudited = sql(
        """
        SELECT b.id FROM centres_booking b WHERE b.status = 'cancelled' AND NOT EXISTS (
            SELECT 1 FROM accounts_auditentry a WHERE a.object_type = 'centres.booking'
            AND a.object_id = b.id::text AND a.action = 'centres.booking.cancelled')
        """
    )
    checks.append(
        (
            "every cancellation has its audit entry",
            not cancelled_unaudited,
            f"{len(cancelled_unaudited)} without" if cancelled_unaudited else "ok",
        )
    )
    unmailed = sql(
        """
        SELECT b.id FROM centres_booking b WHERE NOT EXISTS (
            SELECT 1 FROM django_tasks_database_dbtaskresult t
            WHERE t.task_path LIKE '%%send_booking_email'
            AND (t.args_kwargs -> 'kwargs' ->> 'booking_id')::bigint = b.id)
        """
    )
    checks.append(
        (
            "every booking has its email task queued",
            not unmailed,
            f"{len(unmailed)} of {bookings} without: {[r[0] for r in unmailed][:10]}" if unmailed else "ok",
        )
    )


# ---------------------------------------------------------------- part 2: a worker killed mid-batch


def worker(env: dict[str, str], name: str, log_to: Path, *extra: str) -> subprocess.Popen[bytes]:
    with log_to.open("ab") as out:
        return subprocess.Popen(
            [*WORKER_COMMAND, "--worker-id", name, *extra],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def killed_worker(env: dict[str, str], mail_dir: Path, workdir: Path, checks: list[tuple[str, bool, str]]) -> None:
    keys: dict[str, str] = django_snippet(
        env,
        f"""
import json
from django_tasks_db.models import DBTaskResult
from skillsnet.tasks import message_id_for, send_email
for i in range({BATCH}):
    send_email.enqueue(to=[f"faults{{i % {USERS}}}@example.com"], subject=f"Drill email {{i}}",
                       body="A drill: nothing to do.", idempotency_key=f"faults.drill.{{i}}")
keys = [r.args_kwargs["kwargs"].get("idempotency_key") for r in DBTaskResult.objects.filter(status="READY")]
print(json.dumps({{k: message_id_for(k) for k in keys if k}}))
""",
    )
    total = sql("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'")[0][0]
    log(f"{total} tasks queued ({len(keys)} emails with idempotency keys, {BATCH} of them the drill batch)")

    in_flight: set[str] = set()
    requeued = 0
    for round_ in range(1, 6):  # until a kill catches a task in the act; bounded
        process = worker(env, f"faults-doomed-{round_}", workdir / "worker.log")
        target = sql("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'")[0][0] + max(
            20, total // 3
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done, running = sql(
                "SELECT count(*) FILTER (WHERE status = 'SUCCESSFUL'), count(*) FILTER (WHERE status = 'RUNNING') "
                "FROM django_tasks_database_dbtaskresult"
            )[0]
            if done >= target and running:
                break
            if process.poll() is not None:
                raise RuntimeError("the worker stopped by itself; see worker.log")
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        time.sleep(1)  # PostgreSQL notices the dropped connection and rolls its transaction back
        stale = sql(
            "SELECT args_kwargs -> 'kwargs' ->> 'idempotency_key' FROM django_tasks_database_dbtaskresult "
            "WHERE status = 'RUNNING'"
        )
        in_flight |= {row[0] for row in stale if row[0]}
        out = skillsnet(env, "requeue_stale_tasks", "--older-than", "0")  # no worker runs now: 0 is safe
        requeued += int(re.search(r"(\d+) stale task", out).group(1))  # type: ignore[union-attr]
        done = sql("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'")[0][0]
        log(f"round {round_}: worker killed with SIGKILL after {done} tasks; {len(stale)} left RUNNING, requeued")
        if stale:
            break

    log("a fresh worker finishes the queue")
    process = worker(env, "faults-survivor", workdir / "worker.log", "--batch")
    try:
        process.wait(timeout=180)
    except subprocess.TimeoutExpired:
        stop(process, hard=True)
    states = dict(sql("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"))

    sent: Counter[str] = Counter()
    for path in mail_dir.glob("*.log"):
        # The file backend writes each message followed by a line of 79 dashes.
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                sent[email.message_from_string(chunk.strip()).get("Message-ID", "")] += 1
    by_key = {key: sent.get(message_id, 0) for key, message_id in keys.items()}
    missing = [k for k, n in by_key.items() if n == 0]
    twice = [k for k, n in by_key.items() if n > 1]
    twice_unexplained = [k for k in twice if k not in in_flight]
    print()
    print(f"Tasks after the drill: {states}; requeued: {requeued}; in flight when killed: {sorted(in_flight)}")
    print(f"Emails: {sum(by_key.values())} sent for {len(by_key)} keys; missing {len(missing)}; twice {twice}")
    print()
    checks.append(("a killed worker's task was requeued", requeued > 0, f"{requeued} requeued"))
    checks.append(
        (
            "every task finished successfully",
            set(states) == {"SUCCESSFUL"},
            str(states),
        )
    )
    checks.append(("every email sent (none lost)", not missing, f"missing: {missing[:10]}" if missing else "ok"))
    checks.append(
        (
            "no email sent twice",
            not twice_unexplained,
            (
                f"twice: {twice_unexplained[:10]}"
                if twice_unexplained
                else (
                    f"exactly once for all {len(by_key)}"
                    if not twice
                    else f"once, except {twice}: in flight at the kill (at-least-once window)"
                )
            ),
        )
    )


# ---------------------------------------------------------------- the drill


def signing_key_pem() -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


# ---------------------------------------------------------------- part 3: hostile uploads

UPLOAD_CONCURRENCY = 4
UPLOAD_LIMIT_SECONDS = 15.0
RSS_LIMIT_MB = 100.0
HEALTHZ_LIMIT_SECONDS = 1.0
UPLOAD_GUNICORN_ARGS = [*GUNICORN_ARGS, "--threads", "4"]


def hostile_files() -> dict[str, bytes]:
    """The issue's three files, built by the test suite's own helpers (nothing big is committed)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("hostile_files", ROOT / "tests" / "converter" / "files.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("cannot load tests/converter/files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {
        "paragraphs.docx": module.paragraphs_docx(24),
        "lying.docx": module.lying_docx(1024, declared=1000),
        "heavy.pdf": module.heavy_pdf(5),
    }


def multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload(name: str, data: bytes) -> tuple[int, float, str]:
    """One anonymous visitor uploads one file as their CV: (status, seconds, the page's error message)."""
    started = time.monotonic()
    status, headers, html = request("GET", "/career-converter/from/cv/", timeout=30)
    cookies = cookies_from(headers["set-cookie"])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if status != 200 or token is None:
        return status, time.monotonic() - started, "no upload form"
    body, content_type = multipart({"csrfmiddlewaretoken": token.group(1)}, name, data)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    headers_out = {"Content-Type": content_type, "Cookie": cookie, "Origin": f"http://{HOST}:{PORT}"}
    try:
        status, _, html = request("POST", "/career-converter/from/cv/", body=body, headers=headers_out, timeout=60)
    except (OSError, http.client.HTTPException) as exc:
        return 0, time.monotonic() - started, f"no answer: {type(exc).__name__}"
    found = re.search(r"([\w.]+ is too complex to read[^<]*)", html)
    return status, time.monotonic() - started, found.group(1) if found else ""


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def hostile_uploads(env: dict[str, str], workdir: Path, checks: list[tuple[str, bool, str]]) -> None:
    files = hostile_files()
    log("hostile uploads: " + ", ".join(f"{n} {len(d) // 1024} KB" for n, d in files.items()))
    server = start_gunicorn(UPLOAD_GUNICORN_ARGS, env, workdir / "gunicorn-uploads.log")
    try:
        workers = worker_pids(server.pid)
        # Warm up: normal CVs through every worker, so the baseline includes the sandbox's spare child.
        normal = b"Brewery operator for five years: fermenters, CIP and HACCP. Team leader on nights.\n" * 20
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=8) as pool:
            warm = list(pool.map(lambda _: upload("cv.txt", normal)[0], range(12)))
        baseline = {pid: rss_mb(pid) for pid in workers}
        log(
            f"  {len(workers)} workers, RSS {', '.join(f'{v:.0f}' for v in baseline.values())} MB after warm-up "
            f"({warm.count(302)}/12 normal uploads accepted)"
        )

        peak = dict(baseline)
        healthz: list[float] = []
        stop_polling = threading.Event()

        def poll() -> None:
            while not stop_polling.is_set():
                started = time.monotonic()
                try:
                    ok = request("GET", "/healthz", timeout=5)[0] == 200
                except OSError:
                    ok = False
                healthz.append(time.monotonic() - started if ok else float("inf"))
                for pid in workers:
                    peak[pid] = max(peak[pid], rss_mb(pid))
                time.sleep(0.2)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        results: list[tuple[str, int, float, str]] = []
        try:
            for name, data in files.items():
                with ThreadPoolExecutor(max_workers=UPLOAD_CONCURRENCY) as pool:
                    answers = list(pool.map(lambda _, n=name, d=data: upload(n, d), range(UPLOAD_CONCURRENCY)))
                for status, seconds, message in answers:
                    results.append((name, status, seconds, message))
                slowest = max(a[1] for a in answers)
                log(f"  {name} × {UPLOAD_CONCURRENCY}: {sorted({a[0] for a in answers})}, slowest {slowest:.1f} s")
            time.sleep(1)
        finally:
            stop_polling.set()
            poller.join(timeout=10)

        refused = [r for r in results if 400 <= r[1] < 500 and "too complex to read" in r[3]]
        slowest = max(r[2] for r in results)
        checks.append(
            (
                "every hostile upload refused with a 4xx and the sentence",
                len(refused) == len(results),
                f"{len(refused)}/{len(results)}; e.g. {results[0][1]} “{results[0][3]}”",
            )
        )
        checks.append(
            ("every hostile upload answered within 15 s", slowest < UPLOAD_LIMIT_SECONDS, f"slowest {slowest:.1f} s")
        )
        growth = max(peak[pid] - baseline[pid] for pid in workers)
        checks.append(
            (
                "no web worker's RSS grew by 100 MB",
                growth < RSS_LIMIT_MB,
                f"largest growth {growth:.0f} MB (peak {max(peak.values()):.0f} MB)",
            )
        )
        worst = max(healthz) if healthz else float("inf")
        checks.append(
            (
                "/healthz answered within 1 s throughout",
                worst < HEALTHZ_LIMIT_SECONDS,
                f"{len(healthz)} polls, slowest {worst:.2f} s",
            )
        )
        for name in files:
            times = [r[2] for r in results if r[0] == name]
            log(f"  {name}: {min(times):.2f}–{max(times):.2f} s")
    finally:
        stop(server)
        log_file = workdir / "gunicorn-uploads.log"
        if log_file.exists():
            tracebacks = log_file.read_text(errors="replace").count("Traceback")
            checks.append(
                ("no traceback in the upload drill's server log", tracebacks == 0, f"{tracebacks} tracebacks")
            )


# ---------------------------------------------------------------- part 4: limits shared across workers

SIGN_IN_LIMIT = 20
SIGN_IN_ATTEMPTS = 100


def shared_limits(env: dict[str, str], workdir: Path, checks: list[tuple[str, bool, str]]) -> None:
    limited_env = {**env, "SKILLSNET_RATE_LIMITS_ENABLED": "1", "SKILLSNET_RATE_LIMITS": f"sign-in={SIGN_IN_LIMIT}/"}
    args = [a if a != "3" else "4" for a in GUNICORN_ARGS]  # four workers
    server = start_gunicorn(args, limited_env, workdir / "gunicorn-limits.log")
    try:
        # Wait for a fresh minute window, so all the attempts fall in one.
        time.sleep(max(0.0, 61 - time.time() % 60) if time.time() % 60 > 30 else 0)
        status, headers, html = request("GET", "/account/sign-in/")
        cookies = cookies_from(headers["set-cookie"])
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or token is None:
            raise RuntimeError("no sign-in form")
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        headers_out = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Origin": f"http://{HOST}:{PORT}",
        }
        from concurrent.futures import ThreadPoolExecutor

        def attempt(n: int) -> int:
            form = f"csrfmiddlewaretoken={token.group(1)}&username=nobody{n}%40example.com&password=wrong-guess"
            return request("POST", "/account/sign-in/", body=form, headers=headers_out, timeout=30)[0]

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = Counter(pool.map(attempt, range(SIGN_IN_ATTEMPTS)))
        elapsed = time.monotonic() - started
        accepted = sum(n for code, n in statuses.items() if code != 429)
        log(f"  {SIGN_IN_ATTEMPTS} sign-ins in {elapsed:.1f} s against 4 workers: {dict(statuses)}")
        checks.append(
            (
                f"sign-ins from one address across 4 workers stop at the limit ({SIGN_IN_LIMIT}/min)",
                accepted <= SIGN_IN_LIMIT and statuses.get(429, 0) > 0,
                f"{accepted} of {SIGN_IN_ATTEMPTS} reached the form in {elapsed:.1f} s, {statuses.get(429, 0)} × 429",
            )
        )
    finally:
        stop(server)


def production_env(workdir: Path) -> dict[str, str]:
    key_file = workdir / "credentials-ed25519.pem"
    key_file.write_bytes(signing_key_pem())
    key_file.chmod(0o600)
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TZ", "VIRTUAL_ENV"}}
    return {
        **keep,
        "PYTHONPATH": str(ROOT / "src"),
        "SKILLSNET_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"http://{HOST}:{PORT}",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{SERVER}/{SCRATCH}",
        "CREDENTIALS_SIGNING_KEY_FILE": str(key_file),
        "SKILLSNET_BASE_URL": f"http://{HOST}:{PORT}",
        "SKILLSNET_VAR_DIR": str(workdir / "var"),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        # Production refuses a per-process cache; `migrate` creates the cache table.
        "SKILLSNET_CACHE": "database",
        # The drill's own traffic comes from one address: abuse limits would answer 429 to it.
        "SKILLSNET_RATE_LIMITS_ENABLED": "0",
        "CONVERTER_ANON_RATE_PER_MINUTE": "1000000",
        "LOG_LEVEL": "WARNING",
    }


class _Done(Exception):
    """Raised to skip the remaining parts when only one was asked for."""


def print_summary(checks: list[tuple[str, bool, str]]) -> None:
    width = max(len(name) for name, _, _ in checks)
    print(f"{'check':{width}}  result  detail")
    print(f"{'-' * width}  ------  ------")
    for name, ok, detail in checks:
        print(f"{name:{width}}  {'PASS' if ok else 'FAIL':6}  {detail}")


def main() -> int:
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv[:-1] else ""
    if only not in {"", "uploads", "limits"}:
        print("faults: --only takes 'uploads' or 'limits'.", file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        print("faults: run as root: the drill stops and starts the local PostgreSQL cluster.", file=sys.stderr)
        return 2
    try:
        if not pg_running():
            print("faults: the local PostgreSQL cluster is not running; start it first.", file=sys.stderr)
            return 2
        sql("SELECT 1", database="postgres")
    except Exception as exc:
        print(f"faults: cannot reach PostgreSQL at {SERVER}: {exc}", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="skillsnet-faults-"))
    env = production_env(workdir)
    (workdir / "mail").mkdir()
    gunicorn: subprocess.Popen[bytes] | None = None
    checks: list[tuple[str, bool, str]] = []
    started = time.monotonic()
    try:
        sql(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)', database="postgres")
        sql(f'CREATE DATABASE "{SCRATCH}"', database="postgres")
        log(f"scratch database {SCRATCH}: migrate, load the dataset and the demo schedule")
        for step in (["migrate", "--no-input", "-v", "0"], ["load_dataset"], ["demo_schedule"],
                     ["collectstatic", "--no-input", "-v", "0"]):  # fmt: skip
            began = time.monotonic()
            skillsnet(env, *step)
            log(f"  {step[0]}: {time.monotonic() - began:.0f} s")
        if only == "uploads":
            hostile_uploads(env, workdir, checks)
            raise _Done
        if only == "limits":
            shared_limits(env, workdir, checks)
            raise _Done
        django_snippet(
            env,
            f"""
import json
from skillsnet.accounts.models import User
for i in range({USERS}):
    User.objects.create_user(f"faults{{i}}@example.com", {PASSWORD!r})
print(json.dumps({USERS}))
""",
        )
        gunicorn = start_gunicorn(GUNICORN_ARGS, env, workdir / "gunicorn.log")
        log(f"gunicorn (3 workers) answers on http://{HOST}:{PORT}")

        database_outage(env, checks)
        stop(gunicorn)
        killed_worker(env, workdir / "mail", workdir, checks)
        hostile_uploads(env, workdir, checks)
        shared_limits(env, workdir, checks)
    except _Done:
        pass
    except Exception as exc:
        checks.append(("the drill ran to the end", False, f"{type(exc).__name__}: {exc}"))
    finally:
        stop(gunicorn)
        if not pg_running():
            log("starting PostgreSQL again")
            pg_ctl("start")
        tracebacks = 0
        log_file = workdir / "gunicorn.log"
        if log_file.exists():
            tracebacks = log_file.read_text(errors="replace").count("Traceback")
        checks.append(("no traceback in the server log", tracebacks == 0, f"{tracebacks} tracebacks"))
        try:
            sql(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)', database="postgres")
        except Exception as exc:
            log(f"could not drop {SCRATCH}: {exc}")
        failed = [name for name, ok, _ in checks if not ok]
        if failed and log_file.exists():
            print("--- last lines of gunicorn.log ---")
            print("\n".join(log_file.read_text(errors="replace").splitlines()[-40:]))
        shutil.rmtree(workdir, ignore_errors=True)

    print_summary(checks)
    print(f"\n{len(checks) - len(failed)}/{len(checks)} checks passed in {time.monotonic() - started:.0f} s.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
