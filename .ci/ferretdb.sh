#!/usr/bin/env bash
# Builds FerretDB (a MongoDB wire-protocol server) and starts it with its SQLite backend on a
# free loopback port. Prints the MongoDB URI on stdout; the server's pid goes to $1.
set -euo pipefail
FERRETDB_VERSION=v1.24.2
pid_file=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/ferretdb.XXXXXX")
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unilogin-bot"
bin="$cache/ferretdb-$FERRETDB_VERSION"

if ! "$bin" --version >/dev/null 2>&1; then
  # The binary that `go install ...@v1.24.2` makes panics at start ("Invalid
  # build/version/version.txt file content"): the module is published without that file.
  # So fetch the module with go install, then build it again with version.txt written.
  go install "github.com/FerretDB/FerretDB/cmd/ferretdb@$FERRETDB_VERSION" >&2
  src="$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$FERRETDB_VERSION"
  cp -r "$src" "$work/src"
  chmod -R u+w "$work/src"
  echo "$FERRETDB_VERSION" > "$work/src/build/version/version.txt"
  mkdir -p "$cache"
  (cd "$work/src" && go build -o "$bin" ./cmd/ferretdb) >&2
  rm -rf "$work/src"
fi

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
mkdir -p "$work/data"
"$bin" --handler=sqlite --sqlite-url="file:$work/data/" --state-dir="$work" \
  --listen-addr="127.0.0.1:$port" --debug-addr=- --telemetry=disable --log-level=error \
  >"$work/ferretdb.log" 2>&1 &
echo $! > "$pid_file"

uri="mongodb://127.0.0.1:$port/"
for _ in $(seq 1 50); do
  if node -e 'const {MongoClient}=require("mongodb");MongoClient.connect(process.argv[1],{serverSelectionTimeoutMS:500}).then(c=>c.db("admin").command({ping:1}).then(()=>c.close())).then(()=>process.exit(0),()=>process.exit(1))' "$uri" 2>/dev/null; then
    echo "FerretDB $FERRETDB_VERSION (SQLite backend) is up at $uri" >&2
    echo "$uri"
    exit 0
  fi
  sleep 0.2
done
echo "FerretDB did not start; its log:" >&2
cat "$work/ferretdb.log" >&2
exit 1
