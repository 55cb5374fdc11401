#!/usr/bin/env bash
# Install (from Debian's packages, if missing) and start a local PostgreSQL, create a test
# role and database, and print the SQLAlchemy URL for CLAIMCHECK_TEST_PG_URL.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
    su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'claimcheck'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"create role claimcheck login superuser password 'claimcheck'\"" >/dev/null
su postgres -c "psql -qc 'drop database if exists claimcheck_test'" >/dev/null 2>&1
su postgres -c "psql -qc 'create database claimcheck_test owner claimcheck'" >/dev/null
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
echo "postgresql+psycopg://claimcheck:claimcheck@127.0.0.1:${port}/claimcheck_test"
