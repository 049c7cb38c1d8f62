#!/usr/bin/env bash
# Builds a launcher for mongo-java-server (an in-memory MongoDB wire-protocol server in Java)
# and starts it on a loopback port: $MONGO_PORT, or a free one. Prints the MongoDB URI on
# stdout (all else goes to stderr); the server's pid goes to $1. MONGO_JAVA_OPTS replaces the
# JVM options below.
set -euo pipefail
MJS_VERSION=1.47.0
pid_file=$1
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/mongo-java-server"
root="$(cd "$here/.." && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/unilogin-bot/mongo-java-server-$MJS_VERSION"

# Build once: the jars, then Launcher.class. A stamp holds a checksum of pom.xml and
# Launcher.java, so editing either rebuilds; otherwise this step costs nothing.
stamp=$(cat "$src/pom.xml" "$src/Launcher.java" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$cache/.built" 2>/dev/null)" != "$stamp" ] || [ ! -f "$cache/classes/Launcher.class" ]; then
  echo "Building mongo-java-server $MJS_VERSION launcher into $cache" >&2
  rm -rf "$cache"
  mkdir -p "$cache/lib" "$cache/classes"
  # Debian's mvn prints colour escapes even with -q -B: keep its output for a failure only.
  if ! mvn -q -B -f "$src/pom.xml" dependency:copy-dependencies -DoutputDirectory="$cache/lib" \
      >"$cache/mvn.log" 2>&1; then
    cat "$cache/mvn.log" >&2
    exit 1
  fi
  javac -nowarn -d "$cache/classes" -cp "$cache/lib/*" "$src/Launcher.java" >&2
  echo "$stamp" > "$cache/.built"
fi

port=${MONGO_PORT:-0}
if [ "$port" = 0 ]; then
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
fi
log=$(mktemp "${TMPDIR:-/tmp}/mongo-java-server.XXXXXX.log")
# A bounded heap and the serial GC: 100,000 small documents need ~140 MB live heap; with the
# JVM's defaults (G1, max heap 1/4 of RAM) the process grew to ~1.9 GB RSS and ran slower.
# shellcheck disable=SC2086 # MONGO_JAVA_OPTS is a list of options
java ${MONGO_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -cp "$cache/classes:$cache/lib/*" Launcher "$port" >"$log" 2>&1 &
echo $! > "$pid_file"

uri="mongodb://127.0.0.1:$port/"
ping='const {MongoClient}=require("mongodb");MongoClient.connect(process.argv[1],{serverSelectionTimeoutMS:500}).then(c=>c.db("admin").command({ping:1}).then(()=>c.close())).then(()=>process.exit(0),()=>process.exit(1))'
# The launcher prints "listening on PORT" once bound (about 0.4 s); then a ping must answer.
for _ in $(seq 1 300); do
  kill -0 "$(cat "$pid_file")" 2>/dev/null || break
  if grep -q '^listening on ' "$log" && (cd "$root" && node -e "$ping" "$uri") 2>/dev/null; then
    echo "mongo-java-server $MJS_VERSION (memory backend) is up at $uri; log: $log" >&2
    echo "$uri"
    exit 0
  fi
  sleep 0.05
done
echo "mongo-java-server did not start; its log:" >&2
cat "$log" >&2
kill "$(cat "$pid_file")" 2>/dev/null || true
exit 1
