#!/usr/bin/env bash
# npm run test:cluster: two API processes behind HAProxy on one PostgreSQL, on this machine
# (api/test/cluster/). Builds what it runs and installs Debian's HAProxy when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v haproxy >/dev/null 2>&1; then
  echo "test:cluster: installing HAProxy from Debian's packages"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq haproxy >/dev/null
fi
npx nx run-many -t build -p api,client --output-style=static
npx jest -c api/jest.cluster.config.js
