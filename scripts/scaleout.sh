#!/usr/bin/env bash
# The scale-out rehearsal on one machine (`make load TARGET=scaleout`, or this script): the production topology
# of docs/OPERATIONS.md ("Scaling out") in miniature —
#
#   locust ──> nginx (Debian's, on LOAD_PORT) ──┬──> gunicorn group A (127.0.0.1:8091) ──┐
#                                               └──> gunicorn group B (127.0.0.1:8092) ──┼──> PostgreSQL (one)
#                                         skillsnet db_worker (the task queue) ──────────┤
#                                                 Redis: shared cache, rate-limit counts ┘
#
# then the same locust scenario as `make load`, then checks that the two groups behave as one server:
# sessions, rate limits, the page cache, bookings (no run holds more bookings than seats) and tasks
# (scripts/scaleout_checks.py; exit 1 on any failed check). Abuse limits stay on: every simulated visitor
# sends its own address in X-Forwarded-For, as an edge proxy in front of nginx would (trusted proxies: 2).
#
# Run directly, it runs scripts/load.sh with LOAD_TARGET=scaleout (same knobs); load.sh sources it for the
# functions below. Needs root to install nginx with apt-get when it is missing (like ensure-chromium.sh).
set -euo pipefail
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  LOAD_TARGET=scaleout exec "$(dirname "$0")/load.sh" "$@"
fi

scaleout_ports=(${SCALEOUT_PORTS:-8091 8092})
scaleout_workers=${SCALEOUT_WORKERS:-$((cores + 1))}

ensure_nginx() {
  if command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]]; then return 0; fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "scaleout: nginx is missing: run 'sudo apt-get install nginx-light' (not root here, so cannot install it)." >&2
    exit 2
  fi
  echo "==> installing Debian's nginx-light for the load balancer"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
}

scaleout_start() {
  ensure_nginx
  local nginx_bin
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  if [[ ${SKILLSNET_CACHE:-} != redis ]]; then
    echo "scaleout: the rehearsal needs Redis as the shared cache; none answers at $redis_url." >&2
    exit 2
  fi
  local group=0 upstream
  for upstream in "${scaleout_ports[@]}"; do
    group=$((group + 1))
    echo "==> gunicorn group $group: $scaleout_workers workers × 4 threads on 127.0.0.1:$upstream"
    (cd "$app_dir" && PYTHONPATH="$app_dir/src" exec "$bin/gunicorn" skillsnet.wsgi --workers "$scaleout_workers" \
      --threads 4 --bind "127.0.0.1:$upstream" --keep-alive 10 --timeout 30 --log-level warning) \
      >"$workdir/gunicorn-$group.log" 2>&1 &
    pids+=($!)
  done
  echo "==> skillsnet db_worker (the task queue)"
  (cd "$app_dir" && PYTHONPATH="$app_dir/src" exec "$bin/python" -m skillsnet db_worker) >"$workdir/worker.log" 2>&1 &
  pids+=($!)

  local upstreams=""
  for upstream in "${scaleout_ports[@]}"; do upstreams+="    server 127.0.0.1:$upstream max_fails=0;"$'\n'; done
  mkdir -p "$workdir/nginx"
  cat >"$workdir/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $workdir/nginx/nginx.pid;
error_log $workdir/nginx/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path $workdir/nginx/body;
  proxy_temp_path $workdir/nginx/proxy;
  fastcgi_temp_path $workdir/nginx/fastcgi;
  uwsgi_temp_path $workdir/nginx/uwsgi;
  scgi_temp_path $workdir/nginx/scgi;
  upstream skillsnet {
$upstreams    keepalive 64;
  }
  server {
    listen 127.0.0.1:$port;
    client_max_body_size 24m;     # = SKILLSNET_MAX_REQUEST_BYTES
    client_body_timeout 30s;
    keepalive_timeout 30s;
    location / {
      proxy_pass http://skillsnet;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 30s;
    }
  }
}
NGINX
  echo "==> nginx on 127.0.0.1:$port, round robin over ${scaleout_ports[*]}"
  "$nginx_bin" -c "$workdir/nginx/nginx.conf" -p "$workdir/nginx" 2>>"$workdir/nginx/error.log" &
  pids+=($!)
  sleep 0.5
  if ! kill -0 "${pids[-1]}" 2>/dev/null; then
    echo "scaleout: nginx did not start:" >&2; cat "$workdir/nginx/error.log" >&2; exit 2
  fi
  for upstream in "${scaleout_ports[@]}"; do
    for _ in $(seq 100); do
      curl -fsS "http://127.0.0.1:$upstream/healthz" >/dev/null 2>&1 && break
      sleep 0.3
    done
  done
}

scaleout_checks() {
  echo; echo "==> scale-out checks: sessions, rate limits, shared cache, bookings against seats, tasks"
  (cd "$app_dir" && PYTHONPATH="$app_dir/src" SCALEOUT_GROUPS="${scaleout_ports[*]}" LOAD_PORT="$port" \
    "$bin/python" "$OLDPWD/scripts/scaleout_checks.py")
}
