#!/usr/bin/env bash
# npm test: the build, typecheck and lint (side by side), unit tests, integration tests (model
# suites on PostgreSQL and PGlite, HTTP suites on PostgreSQL; see vitest.config.ts), then the
# Playwright servers (e2e/start-servers.mjs) and Playwright (the full suite on the embedded
# database, a smoke subset on PostgreSQL). Prints each step's time and a summary at the end.
#
# TEST_LANES=2 runs in two lanes instead: the Playwright servers start right after the build,
# while typecheck, lint and unit tests run; then the integration tests run in the background
# (output kept in tmp/test-lane-integration.log, printed when they end) beside Playwright. On a
# quiet two-core machine that should overlap the steps' waiting; on a loaded one the HTTP suites
# time out, so it is not the default until it is measured on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p tmp

START=$SECONDS
TIMES_FILE=tmp/test-step-times
: >"$TIMES_FILE"
step() { printf '\n\033[1m▶ %s\033[0m\n' "$1"; }
# timed NAME CMD...: runs CMD as a step and records how long it took (in a file, so that steps
# in a background lane are counted too).
timed() {
  local name=$1 t0=$SECONDS
  shift
  step "$name"
  local code=0
  "$@" || code=$?
  printf '%5ss  %s%s\n' $((SECONDS - t0)) "$name" "$([ $code -ne 0 ] && echo " (failed)")" \
    >>"$TIMES_FILE"
  return $code
}
CLEANUP=()
finish() {
  local code=$1
  for command in "${CLEANUP[@]}"; do eval "$command" || true; done
  printf '\n\033[1mstep times\033[0m\n'
  cat "$TIMES_FILE"
  printf '%5ss  total%s\n' $((SECONDS - START)) "$([ "$code" -ne 0 ] && echo " (failed, exit $code)")"
}
trap 'finish $?' EXIT


# esbuild inside the Remix compiler has crashed here with a Go runtime deadlock; one retry.
build() { npm run build --silent || { echo "build failed; retrying once"; npm run build --silent; }; }

PG_ADMIN_URL="${TEST_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if node scripts/pg-reachable.mjs "$PG_ADMIN_URL"; then
  export E2E_POSTGRES=1
else
  echo "PostgreSQL is not reachable at $PG_ADMIN_URL: skipping the PostgreSQL run (PGlite still runs)."
  if [ -n "${CI:-}" ]; then echo "In CI PostgreSQL is required." >&2; exit 1; fi
fi

integration_lane() {
  local failed=0
  if [ -n "${E2E_POSTGRES:-}" ]; then
    timed "integration tests on PostgreSQL (model and HTTP suites)" \
      env TEST_DB=postgres npx vitest run --project integration || failed=1
  fi
  timed "integration tests on PGlite (model suites, the embedded database)" \
    env TEST_DB=pglite npx vitest run --project integration || failed=1
  return $failed
}

# The Playwright servers: seeding their embedded databases is the slow part.
E2E_LOG=tmp/e2e-servers.log
# Background jobs get a process group of their own (set -m), so that stopping one stops
# everything it started.
start_e2e_servers() {
  set -m
  node e2e/start-servers.mjs >"$E2E_LOG" 2>&1 &
  E2E_SERVERS_PID=$!
  set +m
  CLEANUP+=('kill -- -"$E2E_SERVERS_PID" 2>/dev/null; wait "$E2E_SERVERS_PID" 2>/dev/null')
}
e2e_servers_ready() {
  until grep -q "e2e servers ready" "$E2E_LOG"; do
    if ! kill -0 "$E2E_SERVERS_PID" 2>/dev/null; then
      echo "the e2e servers did not start:" >&2
      cat "$E2E_LOG" >&2
      return 1
    fi
    sleep 1
  done
}
e2e_lane() {
  timed "e2e servers ready" e2e_servers_ready || return 1
  timed "end-to-end tests (Playwright, Chromium; PGlite${E2E_POSTGRES:+, PostgreSQL smoke})" \
    env E2E_SERVERS=started npx playwright test
}

# The build comes first: the Playwright servers run it (with TEST_LANES=2 they start now,
# seeding their databases while the typecheck, lint and unit tests run).
timed "build" build
LANES="${TEST_LANES:-1}"
if [ "$LANES" = 2 ]; then start_e2e_servers; fi
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

if [ "$LANES" != 2 ]; then
  integration_lane
  start_e2e_servers
  e2e_lane
  exit 0
fi

INTEGRATION_LOG=tmp/test-lane-integration.log
step "integration tests in the background (output: $INTEGRATION_LOG, printed when they end)"
set -m
integration_lane >"$INTEGRATION_LOG" 2>&1 &
INTEGRATION_PID=$!
set +m
CLEANUP+=('kill -- -"$INTEGRATION_PID" 2>/dev/null')
e2e_failed=0
e2e_lane || e2e_failed=1
if [ $e2e_failed = 1 ]; then
  step "e2e server output (last 100 lines of $E2E_LOG)"
  tail -n 100 "$E2E_LOG"
fi
integration_failed=0
wait "$INTEGRATION_PID" || integration_failed=1
step "integration tests (lane output)"
cat "$INTEGRATION_LOG"
[ $e2e_failed = 0 ] && [ $integration_failed = 0 ]
