#!/usr/bin/env bash
# Starts Redis and PostgreSQL on loopback for the distributed and database tests, and creates the
# govcrawl test database. Idempotent: a running server is left alone.
set -euo pipefail
if command -v redis-server >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
fi
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    su postgres -c "psql -h 127.0.0.1 -tAc 'select 1'" >/dev/null 2>&1 && break
    su postgres -c "psql -tAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -tAc \"select 1 from pg_roles where rolname='govcrawl'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"create role govcrawl login password 'govcrawl'\""
  su postgres -c "psql -tAc \"select 1 from pg_database where datname='govcrawl_test'\"" | grep -q 1 ||
    su postgres -c "psql -qc 'create database govcrawl_test owner govcrawl'"
fi
for _ in $(seq 1 20); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
  sleep 0.5
done
