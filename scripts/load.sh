#!/usr/bin/env bash
# `make load`: 200 locust users against gunicorn + PostgreSQL on this machine, then the error rate and
# p50/p95 per endpoint from locust's CSV statistics (kept in var/load/).
#
# A scratch database (skillsnet_load) gets the dataset, the demo schedule and LOAD_ACCOUNTS signed-in
# learners; gunicorn runs with production settings (2 × cores + 1 workers, 4 threads each). Abuse limits
# are switched off for the run: every simulated visitor comes from 127.0.0.1, so a per-address limit would
# answer 429 to the whole crowd as if it were one person. Knobs: LOAD_USERS (200), LOAD_SPAWN_RATE (10/s),
# LOAD_RUN_TIME (75s), LOAD_PORT (8078), LOAD_POSTGRES (postgres://postgres@127.0.0.1:5432), LOAD_DB
# (skillsnet_load), LOAD_RESULTS (var/load: locust's CSV files), LOAD_CACHE (redis when Redis answers at
# LOAD_REDIS_URL, redis://127.0.0.1:6379/5, else database), LOAD_APP_DIR (serve the code of another checkout,
# e.g. an old commit, with this checkout's virtualenv and locust scenario: scripts/load-compare.sh uses it).
#
#   scripts/load.sh             one server: gunicorn (2 × cores + 1 workers × 4 threads) on LOAD_PORT
#   scripts/load.sh --profile   the same setup, then CPU per endpoint in one process (scripts/profile_endpoints.py)
#   LOAD_TARGET=scaleout scripts/load.sh   the scale-out rehearsal (scripts/scaleout.sh): nginx on LOAD_PORT in front
#                               of two gunicorn groups, Redis for cache and limits, a db_worker; then its checks
set -euo pipefail
cd "$(dirname "$0")/.."
mode=load
[[ ${1:-} == --profile ]] && mode=profile
target=${LOAD_TARGET:-single}
case $target in
  single | scaleout) ;;
  *) echo "load: LOAD_TARGET must be single or scaleout, not '$target'." >&2; exit 2 ;;
esac

users=${LOAD_USERS:-200}
spawn_rate=${LOAD_SPAWN_RATE:-10}
run_time=${LOAD_RUN_TIME:-75s}
port=${LOAD_PORT:-8078}
server=${LOAD_POSTGRES:-postgres://postgres@127.0.0.1:5432}
accounts=${LOAD_ACCOUNTS:-$users}
db=${LOAD_DB:-skillsnet_load}
cores=$(nproc)
workers=$((2 * cores + 1))
bin=$PWD/.venv/bin
results=${LOAD_RESULTS:-var/load}
mkdir -p "$results" && results=$(cd "$results" && pwd)
app_dir=$(cd "${LOAD_APP_DIR:-.}" && pwd)
redis_url=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/5}
workdir=$(mktemp -d -t skillsnet-load-XXXXXX)
gunicorn_pid=""
pids=()
# The service's own commands, from the checkout being served (its src/ first on the path).
skillsnet() { (cd "$app_dir" && PYTHONPATH="$app_dir/src" "$bin/python" -m skillsnet "$@"); }

psql_admin() { "$bin/python" - "$server/postgres" "$1" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True, connect_timeout=5) as conn:
    conn.execute(sys.argv[2])
PY
}

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n $gunicorn_pid ]] && kill -0 "$gunicorn_pid" 2>/dev/null; then
    kill "$gunicorn_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$gunicorn_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$gunicorn_pid" 2>/dev/null || true
  fi
  psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)" || echo "load: could not drop $db" >&2
  rm -rf "$workdir"
}
trap cleanup EXIT

if ! psql_admin "SELECT 1" 2>/dev/null; then
  echo "load: no PostgreSQL answers at $server; start it first." >&2
  exit 2
fi
if ! [[ -x $bin/locust ]]; then
  echo "load: locust is missing: run 'scripts/bootstrap.sh load' (it is in the load extra, requirements/load.lock)." >&2
  exit 2
fi

"$bin/python" - "$workdir/key.pem" <<'PY'
import sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
pem = Ed25519PrivateKey.generate().private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
open(sys.argv[1], "wb").write(pem)
PY

export SKILLSNET_ENV=production DEBUG=0 SECURE_SSL_REDIRECT=0 LOG_LEVEL=WARNING
SECRET_KEY=$("$bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$port"
export DATABASE_URL="$server/$db" CREDENTIALS_SIGNING_KEY_FILE="$workdir/key.pem"
export SKILLSNET_BASE_URL="http://127.0.0.1:$port" SKILLSNET_VAR_DIR="$workdir/var" STATIC_ROOT="$workdir/static"
export MEDIA_ROOT="$workdir/media" EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export CONVERTER_ANON_RATE_PER_MINUTE=1000000
if [[ $target == scaleout ]]; then
  # Limits on, as in production: each simulated visitor sends its own address (X-Forwarded-For), which an edge
  # proxy in front of nginx would report; the service trusts two proxies (that edge and nginx).
  export SKILLSNET_RATE_LIMITS_ENABLED=1 SKILLSNET_TRUSTED_PROXY_COUNT=2 LOAD_FORWARDED_FOR=1
  export TASKS_BACKEND=django_tasks_db.DatabaseBackend
else
  export SKILLSNET_RATE_LIMITS_ENABLED=0
fi
# The demo schedule's courses, runs and centres are example content, hidden in production by default: the
# scenario books them, so show them (as 3ba65df, which had no such switch, always did).
export SKILLSNET_SHOW_EXAMPLE_CONTENT=1
# Production needs a shared cache: Redis as OPERATIONS.md recommends when it answers, else the database cache.
cache=${LOAD_CACHE:-}
[[ $target == scaleout ]] && cache=redis
if [[ -z $cache ]]; then
  if "$bin/python" -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_timeout=2).ping()" "$redis_url" \
    2>/dev/null; then cache=redis; else cache=database; fi
fi
if [[ $cache == redis ]]; then
  export SKILLSNET_CACHE=redis REDIS_URL="$redis_url"
  "$bin/python" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()" "$redis_url"
else
  export SKILLSNET_CACHE=database
fi
export LOAD_PASSWORD="load-test-password-1" LOAD_ACCOUNTS="$accounts"

echo "==> serving $app_dir ($(git -C "$app_dir" rev-parse --short HEAD 2>/dev/null || echo '?')), cache $cache"
echo "==> scratch database $db: migrate, dataset, demo schedule, $accounts accounts"
psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
psql_admin "CREATE DATABASE $db"
skillsnet migrate --no-input -v 0
skillsnet createcachetable
skillsnet load_dataset >/dev/null
skillsnet demo_schedule >/dev/null
skillsnet collectstatic --no-input -v 0
skillsnet shell -v 0 -c "
from django.contrib.auth.hashers import make_password
from skillsnet.accounts.models import User
hashed = make_password('$LOAD_PASSWORD')  # one Argon2 hash for every account: setup, not the test
User.objects.bulk_create([User(email=f'load{i}@example.com', password=hashed) for i in range($accounts)])
"
if [[ $target == scaleout ]]; then
  # Every bookable course has prerequisites, so the plain scenario's learners are always refused (422): here
  # they have completed every online course, and each run has 3 seats, so bookings really race for seats,
  # fill runs, queue and (after cancellations) offer places — what the no-overbooking check is about.
  skillsnet shell -v 0 -c "
from django.utils import timezone
from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Course
from skillsnet.centres.models import CourseRun
from skillsnet.learning.models import Enrolment
now = timezone.now()
online = list(Course.objects.filter(mode='online'))
learners = list(User.objects.filter(email__startswith='load'))
Enrolment.objects.bulk_create([Enrolment(learner=u, course=c, completed_at=now) for u in learners for c in online])
CourseRun.objects.update(capacity=3)
"
fi

if [[ $mode == profile ]]; then
  echo "==> CPU per endpoint, one process (scripts/profile_endpoints.py)"
  (cd "$app_dir" && PYTHONPATH="$app_dir/src" PROFILE_OUT="$results/profile.txt" \
    PROFILE_WEIGHTS="${PROFILE_WEIGHTS:-$results/load_stats.csv}" "$bin/python" "$OLDPWD/scripts/profile_endpoints.py")
  exit 0
fi

if [[ $target == scaleout ]]; then
  # shellcheck source=scripts/scaleout.sh
  source scripts/scaleout.sh
  scaleout_start
else
  echo "==> gunicorn: $workers workers × 4 threads on 127.0.0.1:$port"
  # Keep-alive longer than a simulated visitor's pause (1–3 s): with gunicorn's default of 2 s the server
  # closes idle connections just as locust reuses them ("connection reset"), which a proxy would hide.
  (cd "$app_dir" && PYTHONPATH="$app_dir/src" exec "$bin/gunicorn" skillsnet.wsgi --workers "$workers" --threads 4 \
    --bind "127.0.0.1:$port" --keep-alive 10 --timeout 30 --log-level warning) >"$workdir/gunicorn.log" 2>&1 &
  gunicorn_pid=$!
fi
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.3
done

echo "==> locust: $users users, $spawn_rate/s, $run_time"
mkdir -p "$results"
status=0
"$bin/locust" -f tests/load/locustfile.py --headless --users "$users" --spawn-rate "$spawn_rate" \
  --run-time "$run_time" --host "http://127.0.0.1:$port" --csv "$results/load" --only-summary \
  --loglevel WARNING >"$results/locust.log" 2>&1 || status=$?

"$bin/python" - "$results/load_stats.csv" "$users" "$run_time" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"\n{'endpoint':58} {'requests':>8} {'failed':>6} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>6}")
for row in rows:
    name = row["Name"] if row["Type"] in ("", "None") else f"{row['Type']} {row['Name']}"
    if row["Name"] == "Aggregated":
        print("-" * 97)
        name = "all requests"
    print(f"{name[:58]:58} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>7} {row['95%']:>7} "
          f"{float(row['Requests/s']):6.1f}")
total = rows[-1]
requests, failures = int(total["Request Count"]), int(total["Failure Count"])
rate = 100 * failures / requests if requests else 0.0
print(f"\n{sys.argv[2]} users for {sys.argv[3]}: {requests} requests, {float(total['Requests/s']):.1f} req/s, "
      f"error rate {rate:.2f}% ({failures} failed)")
PY
if [[ -s $results/load_failures.csv ]] && [[ $(wc -l <"$results/load_failures.csv") -gt 1 ]]; then
  echo; echo "Failures (var/load/load_failures.csv):"; cat "$results/load_failures.csv"
fi
if grep -q "Traceback\| ERROR " "$workdir"/gunicorn*.log 2>/dev/null; then
  echo; echo "Server errors (gunicorn logs):"; grep -h -A3 "Traceback\| ERROR " "$workdir"/gunicorn*.log | tail -40
fi
echo; echo "4xx/5xx the server logged, by kind:"
cat "$workdir"/gunicorn*.log | grep -oE "WARNING django.request [A-Za-z ]+|ERROR django.request [A-Za-z ]+" | sort | uniq -c || true
if [[ $target == scaleout ]]; then
  scaleout_checks || status=$?
fi
exit "$status"
