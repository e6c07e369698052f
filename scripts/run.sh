#!/usr/bin/env bash
# `make run`: migrate the SQLite database in var/, load the dataset and ESCO, create demo accounts, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=skillsnet.settings
mkdir -p var
sk=.venv/bin/skillsnet
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
# Every absolute link (emails, credentials) starts from the site address: it follows HOST and PORT unless set.
[[ $host == 0.0.0.0 ]] && public_host=127.0.0.1 || public_host=$host
export SKILLSNET_BASE_URL=${SKILLSNET_BASE_URL:-http://$public_host:$port}
export PORT=$port

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
echo "==> demo accounts, one per persona (idempotent)"
$sk demo_accounts --quiet
echo "==> demo employer, vacancies and synthetic learners for the dashboards (idempotent)"
$sk demo_insights

# Last, after everything that loads: the accounts and the address, so they are on screen when it starts.
site=$SKILLSNET_BASE_URL
echo
$sk demo_accounts --list
cat <<EOT

  Emails in development are saved as files in ${EMAIL_FILE_PATH:-var/mail}/, not sent.
  skillsnet is starting on $site/
    Career Converter, training and centres:  $site/
    API documentation:                       $site/api/v1/docs
    Django admin:                            $site/admin/
  Sign in with a demo account above at $site/account/sign-in/
  Stop with Ctrl+C.

EOT
exec $sk runserver "$host:$port"
