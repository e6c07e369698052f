#!/usr/bin/env bash
# `make run`: migrate the SQLite database in var/, load the dataset and ESCO, create demo accounts, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=skillsnet.settings
mkdir -p var
sk=.venv/bin/skillsnet
host=${HOST:-127.0.0.1}
port=${PORT:-8000}

echo "==> migrating the database (var/skillsnet.sqlite3)"
$sk migrate --no-input -v0
if $sk help load_dataset >/dev/null 2>&1 && [[ -d data ]]; then
  echo "==> loading the dataset from data/"
  $sk load_dataset
  echo "==> importing ESCO v1.1.1 from data/esco (every occupation and skill; seconds when nothing changed)"
  $sk import_esco --brief
fi
echo "==> scheduling bookable runs at the training centres (idempotent)"
$sk demo_schedule
echo "==> starter content for online courses that have none"
$sk seed_learning_content
$sk demo_accounts
echo "==> demo employer, vacancies and synthetic learners for the dashboards (idempotent)"
$sk demo_insights

cat <<EOT

  skillsnet is starting on http://$host:$port/
    Career Converter, training and centres:  http://$host:$port/
    API documentation:                       http://$host:$port/api/v1/docs
    Django admin:                            http://$host:$port/admin/
  Demo accounts (development only) are listed above; sign in at http://$host:$port/account/sign-in/
  Stop with Ctrl+C.

EOT
exec $sk runserver "$host:$port"
