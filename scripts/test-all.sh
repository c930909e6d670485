#!/usr/bin/env bash
# npm test: typecheck and lint (side by side), unit tests, build, integration tests (model suites
# on PostgreSQL and PGlite, HTTP suites on PostgreSQL; see vitest.config.ts), then Playwright
# (the full suite on the embedded database, a smoke subset on PostgreSQL). Prints each step's
# time and a summary at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

TIMES=()
START=$SECONDS
step() { printf '\n\033[1m▶ %s\033[0m\n' "$1"; }
# timed NAME CMD...: runs CMD as a step and records how long it took.
timed() {
  local name=$1 t0=$SECONDS
  shift
  step "$name"
  local code=0
  "$@" || code=$?
  TIMES+=("$(printf '%5ss  %s%s' $((SECONDS - t0)) "$name" "$([ $code -ne 0 ] && echo " (failed)")")")
  return $code
}
summary() {
  local code=$?
  printf '\n\033[1mstep times\033[0m\n'
  for line in "${TIMES[@]}"; do echo "$line"; done
  printf '%5ss  total%s\n' $((SECONDS - START)) "$([ $code -ne 0 ] && echo " (failed, exit $code)")"
}
trap summary EXIT

# Both are single-threaded: on two cores they run side by side.
static_checks() {
  npx tsc &
  local tsc=$!
  npx eslint . --max-warnings 0 &
  local lint=$!
  local failed=0
  wait $tsc || failed=1
  wait $lint || failed=1
  return $failed
}
timed "typecheck + lint" static_checks
timed "unit tests" npx vitest run --project unit
# esbuild inside the Remix compiler has crashed here with a Go runtime deadlock; one retry.
build() { npm run build --silent || { echo "build failed; retrying once"; npm run build --silent; }; }
timed "build" build

PG_ADMIN_URL="${TEST_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if node scripts/pg-reachable.mjs "$PG_ADMIN_URL"; then
  timed "integration tests on PostgreSQL (model and HTTP suites)" \
    env TEST_DB=postgres npx vitest run --project integration
  export E2E_POSTGRES=1
else
  echo "PostgreSQL is not reachable at $PG_ADMIN_URL: skipping the PostgreSQL run (PGlite still runs)."
  if [ -n "${CI:-}" ]; then echo "In CI PostgreSQL is required." >&2; exit 1; fi
fi
timed "integration tests on PGlite (model suites, the embedded database)" \
  env TEST_DB=pglite npx vitest run --project integration

timed "end-to-end tests (Playwright, Chromium; PGlite${E2E_POSTGRES:+, PostgreSQL smoke})" \
  npx playwright test
