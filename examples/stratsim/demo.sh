#!/usr/bin/env sh
# Brings the stratsim example's database to head on the local PostgreSQL, then shows where it is.
# Needs bin/retort.jar (mvn -B package -DskipTests). URL: $DATABASE_URL, or database "stratsim" on 127.0.0.1:5432.
set -e
cd "$(dirname "$0")"
url="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/stratsim}"
if [ -z "${DATABASE_URL:-}" ]; then
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'stratsim'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE stratsim"
fi
../../bin/retort --url "$url" upgrade head
../../bin/retort --url "$url" current
../../bin/retort --url "$url" check
