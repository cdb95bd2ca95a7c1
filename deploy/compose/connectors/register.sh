#!/usr/bin/env bash
# Registers every Debezium connector of this directory (one JSON file per service schema, {"name", "config"})
# with Kafka Connect, then waits until each connector's task is RUNNING. Run by the one-shot `connectors`
# service of deploy/compose/docker-compose.yml, after the five services are ready (their Flyway migrations have
# created the <schema>.outbox_event tables the filtered publications need). Idempotent: a connector that exists
# already (HTTP 409) gets its configuration replaced with PUT /connectors/<name>/config.
set -euo pipefail

CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
DIR="$(cd "$(dirname "$0")" && pwd)"
TIMEOUT_SECONDS="${CONNECTOR_TIMEOUT_SECONDS:-120}"

until curl -fsS "$CONNECT_URL/connectors" >/dev/null; do
  echo "waiting for Kafka Connect at $CONNECT_URL"
  sleep 2
done

names=()
for file in "$DIR"/*.json; do
  name="$(basename "$file" .json)"
  names+=("$name")
  code="$(curl -sS -o /tmp/response -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data @"$file" "$CONNECT_URL/connectors")"
  case "$code" in
    201) echo "created connector $name" ;;
    409)
      # the same body without the envelope: {"name": ..., "config": {...}} -> {...}
      config="$(tr -d '\n' < "$file" | sed -e 's/^.*"config"[[:space:]]*:[[:space:]]*{/{/' -e 's/}[[:space:]]*}[[:space:]]*$/}/')"
      curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' --data "$config" \
        "$CONNECT_URL/connectors/$name/config"
      echo "updated connector $name" ;;
    *) echo "registering $name failed with HTTP $code: $(cat /tmp/response)" >&2; exit 1 ;;
  esac
done

deadline=$(( $(date +%s) + TIMEOUT_SECONDS ))
for name in "${names[@]}"; do
  while true; do
    status="$(curl -fsS "$CONNECT_URL/connectors/$name/status" || true)"
    if grep -q '"tasks":\[{"id":0,"state":"RUNNING"' <<<"$status"; then
      echo "connector $name is running"
      break
    fi
    if grep -q '"state":"FAILED"' <<<"$status"; then
      echo "connector $name failed: $status" >&2
      exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "connector $name not running after ${TIMEOUT_SECONDS}s: $status" >&2
      exit 1
    fi
    sleep 2
  done
done
echo "all ${#names[@]} connectors running"
