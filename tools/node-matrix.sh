#!/usr/bin/env bash
# Runs the unit tests and the packed end-to-end test on other Node.js release lines than the one
# in PATH, with Node binaries installed from the npm registry into a temporary folder that is
# removed afterwards (tools/install-node.sh). Needs `npm ci` and a build (dist/) first:
# `npm run test:node-matrix` builds; `.ci/run` calls this after `npm test`.
#
#   tools/node-matrix.sh 22 24
#
# For each major: the unit project, then the e2e project, each with this repository's Jest started
# by that Node; the e2e test's consumer projects run on it too (JEST_EVENTBRIDGE_E2E_NODE). Every
# step runs even when an earlier one failed; the summary gives each step's result and time, and
# the exit code is non-zero when any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <node major>... (e.g. $0 22 24)" >&2
  exit 64
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

jest="node_modules/jest/bin/jest.js"
summary=()
failed=0

# Runs "$@" as one named step, timed; records the result instead of stopping at a failure.
step() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    summary+=("$(printf '%-28s passed  %4ds' "$name" $((SECONDS - start)))")
  else
    summary+=("$(printf '%-28s FAILED  %4ds' "$name" $((SECONDS - start)))")
    failed=1
  fi
}

for major in "$@"; do
  node_bin=""
  install() { node_bin="$(tools/install-node.sh "$major" "$tmp/node$major")"; }
  step "Node $major: install" install
  if [[ -z "$node_bin" ]]; then continue; fi
  echo "Node $major is $("$node_bin" --version) at $node_bin"
  step "Node $major: unit" "$node_bin" "$jest" --selectProjects unit
  step "Node $major: e2e" env JEST_EVENTBRIDGE_E2E_NODE="$node_bin" "$node_bin" "$jest" --selectProjects e2e
  # 185 MB a release line: not kept once its steps are done.
  rm -rf "$tmp/node$major"
done

echo
echo "=== Node matrix summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
