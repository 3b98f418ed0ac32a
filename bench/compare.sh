#!/usr/bin/env bash
# Runs the same load scenarios (io.stowage.bench.load.LoadMain) against Stowage and three peers,
# interleaved, and prints one Markdown table (see docs/benchmarks.md, "Comparison with peers").
# Not run by CI: benchmarks are not tests.
#
#   bench/compare.sh [--short] [--rounds N] [--only REGEX]
#
# --only runs just the cases whose name (as in the table: "put 1MiB c8") matches the extended regex.
#
# Peers, installed once into ${STOWAGE_BENCH_CACHE:-~/.cache/stowage-bench}: s3proxy (filesystem
# backend) and Adobe S3Mock from Maven Central, s3rver from npm. All servers start at the beginning
# on loopback ports with data directories under one temporary directory, and stop at the end. For
# each scenario, each round runs it against every server back to back, in an order rotated per
# round. Output: the table, bench/target/compare-<time>.jsonl (one line per run) and the servers'
# and the client's logs in bench/target/compare-<time>/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.mvn/select-jdk.sh"

original_args=("$@")
short=false
rounds=1
only=
while [ $# -gt 0 ]; do
  case $1 in
    --short) short=true ;;
    --rounds) rounds=$2; shift ;;
    --only) only=$2; shift ;;
    *) echo "usage: bench/compare.sh [--short] [--rounds N] [--only REGEX]" >&2; exit 2 ;;
  esac
  shift
done

S3PROXY_VERSION=4.1.0
S3MOCK_VERSION=5.2.0
S3RVER_VERSION=3.7.1
# The same limits for every JVM server, so that the RSS column compares like with like.
SERVER_JAVA_OPTS="-Xmx256m -XX:MaxDirectMemorySize=128m"
# the client's epoll transport is a JNI library
CLIENT_JAVA_OPTS="-Xmx512m --enable-native-access=ALL-UNNAMED"
cache=${STOWAGE_BENCH_CACHE:-$HOME/.cache/stowage-bench}
s3proxy_jar=$cache/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar
s3mock_jar=$cache/s3mock-$S3MOCK_VERSION-exec.jar
s3rver_js=$cache/s3rver-$S3RVER_VERSION/node_modules/s3rver/bin/s3rver.js
stowage_jar=$here/cli/target/stowage.jar
bench_jar=$here/bench/target/benchmarks.jar

install() {
  [ -f "$stowage_jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl cli -am package)
  [ -f "$bench_jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl bench -am package)
  mkdir -p "$cache"
  # run outside the repository, or Maven would run the goal on every module
  [ -f "$s3proxy_jar" ] || (cd "$cache" && "$here/mvnw" -q -B dependency:copy -DoutputDirectory="$cache" \
    -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies")
  [ -f "$s3mock_jar" ] || (cd "$cache" && "$here/mvnw" -q -B dependency:copy -DoutputDirectory="$cache" \
    -Dartifact="com.adobe.testing:s3mock:$S3MOCK_VERSION:jar:exec")
  [ -f "$s3rver_js" ] || npm install --prefix "$cache/s3rver-$S3RVER_VERSION" --no-audit --no-fund \
    --loglevel=error "s3rver@$S3RVER_VERSION" >&2
}

# S3Mock's plain-HTTP connector binds every interface (server.address only reaches its HTTPS one),
# so the benchmark runs in a network namespace of its own, where the only interface is loopback.
if [ -z "${STOWAGE_COMPARE_NETNS:-}" ]; then
  install
  if command -v ip >/dev/null && unshare -n true 2>/dev/null; then
    exec unshare -n env STOWAGE_COMPARE_NETNS=1 bash "$0" "${original_args[@]}"
  fi
  netns=false
else
  ip link set lo up
  netns=true
fi

zip_entry() { python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"; }
java_version=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)
s3proxy_version=$(zip_entry "$s3proxy_jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: //p' | tr -d '\r')
s3mock_version=$(zip_entry "$s3mock_jar" META-INF/maven/com.adobe.testing/s3mock/pom.properties | sed -n 's/^version=//p')
versions="s3proxy $s3proxy_version, S3Mock $s3mock_version, s3rver $(node "$s3rver_js" --version), node $(node --version), java: $java_version"
echo "versions: $versions"

ts=$(date -u +%Y%m%dT%H%M%SZ)
out=$here/bench/target/compare-$ts.jsonl
logs=$here/bench/target/compare-$ts
work=$(mktemp -d "$here/bench/target/compare-data.XXXXXX")
mkdir -p "$logs"
declare -A pid port access secret
servers=(stowage s3proxy s3mock s3rver)
stop_servers() {
  for s in "${servers[@]}"; do
    if [ -n "${pid[$s]:-}" ]; then
      kill "${pid[$s]}" 2>/dev/null || true
      wait "${pid[$s]}" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap stop_servers EXIT

read -r -a free_ports < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(5)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
for i in "${!servers[@]}"; do
  s=${servers[$i]}
  port[$s]=${free_ports[$i]}
  access[$s]=benchkey
  secret[$s]=bench-secret-key
  mkdir -p "$work/$s"
done
access[s3rver]=S3RVER
secret[s3rver]=S3RVER

cat >"$work/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:${port[s3proxy]}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${access[s3proxy]}
s3proxy.credential=${secret[s3proxy]}
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3proxy
EOF

start() {  # SERVER: starts it in the background (its log appended to in $logs) and waits until it answers
  local s=$1 code=000
  # exec: $! must be the server's own process, whose RSS is sampled
  case $s in
    # MALLOC_ARENA_MAX=2 as ./stowage and the image set it
    stowage) exec env MALLOC_ARENA_MAX=2 STOWAGE_ROOT_ACCESS_KEY="${access[$s]}" STOWAGE_ROOT_SECRET_KEY="${secret[$s]}" \
      "$JAVA_HOME/bin/java" $SERVER_JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar "$stowage_jar" \
      server --address "127.0.0.1:${port[$s]}" --admin-address 127.0.0.1:0 --metrics-address 127.0.0.1:0 \
      --data "$work/$s" ;;
    s3proxy) exec "$JAVA_HOME/bin/java" $SERVER_JAVA_OPTS -jar "$s3proxy_jar" --properties "$work/s3proxy.properties" ;;
    s3mock) exec "$JAVA_HOME/bin/java" $SERVER_JAVA_OPTS -jar "$s3mock_jar" --server.address=127.0.0.1 \
      --server.port="${free_ports[4]}" --http.port="${port[$s]}" \
      --com.adobe.testing.s3mock.store.root="$work/$s" --spring.main.banner-mode=off ;;
    # s3rver 3.7's continuation tokens use DES, which OpenSSL 3 only has in its legacy provider.
    s3rver) exec node --openssl-legacy-provider "$s3rver_js" --address 127.0.0.1 --port "${port[$s]}" \
      --directory "$work/$s" --silent ;;
  esac >>"$logs/$s.log" 2>&1 &
  pid[$s]=$!
  for _ in $(seq 600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$s]}/" || true)
    [ "$code" != 000 ] && return
    kill -0 "${pid[$s]}" 2>/dev/null || { echo "$s exited at start-up: see $logs/$s.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "$s did not answer within 120 s: see $logs/$s.log" >&2
  exit 1
}
for s in "${servers[@]}"; do
  [ "$s" = s3mock ] && ! $netns && continue
  start "$s"
done

if $short; then
  common=(--duration 3s --warmup 1s)
  list_keys=2000 delete_keys=4000 read_keys=200 mpu_size=64MiB mpu_duration=(--duration 10s --warmup 1s)
else
  common=(--duration 15s --warmup 5s)
  list_keys=100000 delete_keys=30000 read_keys=1000 mpu_size=1GiB mpu_duration=(--duration 60s --warmup 5s)
fi
# one line per scenario: the case's name in the table | LoadMain's options
cases=(
  "put 4KiB c32|--scenario put --size 4KiB --concurrency 32 ${common[*]}"
  "get 4KiB c32|--scenario get --size 4KiB --concurrency 32 --objects $read_keys ${common[*]}"
  "head 4KiB c32|--scenario head --size 4KiB --concurrency 32 --objects $read_keys ${common[*]}"
  "delete 4KiB c32|--scenario delete --size 4KiB --concurrency 32 --objects $delete_keys ${common[*]}"
  "mixed 4KiB c32|--scenario mixed --size 4KiB --concurrency 32 --objects $read_keys ${common[*]}"
  "put 1MiB c8|--scenario put --size 1MiB --concurrency 8 ${common[*]}"
  "get 1MiB c8|--scenario get --size 1MiB --concurrency 8 --objects 64 ${common[*]}"
  "put 64MiB c4|--scenario put --size 64MiB --concurrency 4 ${common[*]}"
  "get 64MiB c4|--scenario get --size 64MiB --concurrency 4 --objects 8 ${common[*]}"
  "list $list_keys keys c8|--scenario list --size 1B --concurrency 8 --objects $list_keys --bucket cmp-list --keep-bucket ${common[*]}"
  "list-delimiter $list_keys keys c8|--scenario list-delimiter --size 1B --concurrency 8 --objects $list_keys --bucket cmp-list --keep-bucket ${common[*]}"
  "multipart $mpu_size, 16MiB parts, 4 in flight|--scenario multipart --size $mpu_size --part-size 16MiB --concurrency 4 ${mpu_duration[*]}"
)

# Why server $1 cannot run case $2, or nothing.
not_applicable() {
  if [ "$1" = s3mock ] && ! $netns; then
    echo "its HTTP connector binds every interface; needs unshare -n"
  elif [ "$1" = s3mock ] && ! $short && [[ $2 == delete* || $2 == list* ]]; then
    # measured in a short run: 2000 keys in 17 s, 4000 in 95 s
    echo "filling the bucket is quadratic: each new key rewrites the bucket's key map"
  fi
}

load() {  # SERVER LOG LOADMAIN_OPTIONS...: --server-pid makes LoadMain report the server's CPU next to its own
  local s=$1 log=$2
  shift 2
  "$JAVA_HOME/bin/java" $CLIENT_JAVA_OPTS -cp "$bench_jar" io.stowage.bench.load.LoadMain \
    --endpoint "http://127.0.0.1:${port[$s]}" --access-key "${access[$s]}" --secret-key "${secret[$s]}" \
    --server-pid "${pid[$s]}" --cleanup single "$@" >"$log" 2>&1
}

kib() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status" 2>/dev/null; }
sample_rss() {  # PID FILE: writes the highest VmRSS seen (KiB) until the server exits or this is killed
  local max=0 v
  while v=$(kib "$1" VmRSS) && [ -n "$v" ]; do
    [ "$v" -gt "$max" ] && max=$v && echo "$max" >"$2"
    sleep 0.2
  done
}

# record SERVER CASE ROUND RUN_JSON RSS_KIB ERROR NA: one JSON line in $out
record() {
  python3 - "$@" >>"$out" <<'EOF'
import json, sys
server, case, rnd, run_json, rss, error, na = sys.argv[1:]
line = {}
if run_json:
    with open(run_json) as f:
        text = f.read().strip()
    if text:
        line = json.loads(text)
line = {"server": server, "case": case, "round": int(rnd), **line}
if rss:
    line["rss_peak_kib"] = int(rss)
if error:
    line["error"] = error
if na:
    line["na"] = na
print(json.dumps(line))
EOF
}

python3 -c 'import json, sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' meta true \
  mode "$($short && echo short || echo full)" rounds "$rounds" server_java_opts "$SERVER_JAVA_OPTS" \
  client_java_opts "$CLIENT_JAVA_OPTS" netns "$netns" versions "$versions" >"$out"
stowage_failures=0
# The JIT, and S3Mock's lazily created beans, make a server's first seconds slow: a run first, not recorded.
# 1000 objects, 10 per directory: with fewer, s3proxy and s3rver often fail a PUT into a directory
# that a concurrent DELETE is removing (see docs/benchmarks.md).
for s in "${servers[@]}"; do
  [ -n "${pid[$s]:-}" ] || continue
  echo "== warm-up: $s" >&2
  if ! load "$s" "$logs/warm-up-$s.log" --scenario mixed --size 4KiB --concurrency 8 --objects 1000 "${common[@]}"; then
    echo "   FAILED: see $logs/warm-up-$s.log" >&2
    [ "$s" = stowage ] && stowage_failures=$((stowage_failures + 1))
    kill -0 "${pid[$s]}" 2>/dev/null || start "$s"
  fi
done
for ci in "${!cases[@]}"; do
  name=${cases[$ci]%%|*}
  [ -z "$only" ] || [[ $name =~ $only ]] || continue
  read -r -a args <<<"${cases[$ci]#*|}"
  for ((r = 0; r < rounds; r++)); do
    n=${#servers[@]}
    for ((k = 0; k < n; k++)); do
      s=${servers[$(((k + r + ci) % n))]}
      na=$(not_applicable "$s" "$name")
      if [ -n "$na" ]; then
        record "$s" "$name" "$r" "" "" "" "$na"
        continue
      fi
      log="$logs/$(echo "$name" | tr ' ,' '__')-$s-r$r.log"
      echo "== $name: $s, round $((r + 1)) ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))" >&2
      rss_file=$(mktemp)
      hwm_reset=false
      echo 5 2>/dev/null >"/proc/${pid[$s]}/clear_refs" && hwm_reset=true
      sample_rss "${pid[$s]}" "$rss_file" &
      sampler=$!
      run_json=$(mktemp)
      error=""
      status=0
      load "$s" "$log" "${args[@]}" --json "$run_json" || status=$?
      if [ "$status" -ne 0 ]; then
        # the first error LoadMain lists, or else its first complaint
        error=$(sed -n '/^FAILED/{n;s/^ *//;p;q}' "$log")
        error=${error:-$(grep -m1 -i 'error\|exception' "$log" || true)}
        error=${error:-"exit status $status (see $log)"}
        if ! kill -0 "${pid[$s]}" 2>/dev/null; then
          error="server exited (restarted for the next run; see $logs/$s.log): $error"
          start "$s"
        fi
        [ "$s" = stowage ] && stowage_failures=$((stowage_failures + 1))
        echo "   FAILED: $error" >&2
      fi
      kill "$sampler" 2>/dev/null || true
      wait "$sampler" 2>/dev/null || true
      rss=$(cat "$rss_file" 2>/dev/null || true)
      if $hwm_reset; then
        hwm=$(kib "${pid[$s]}" VmHWM)
        [ -n "$hwm" ] && [ "$hwm" -gt "${rss:-0}" ] && rss=$hwm
      fi
      record "$s" "$name" "$r" "$run_json" "$rss" "$error" ""
      rm -f "$rss_file" "$run_json"
    done
  done
done

echo
echo "mode $($short && echo short || echo full), $rounds round(s); servers: JVM options \"$SERVER_JAVA_OPTS\" (Stowage, s3proxy, S3Mock), client \"$CLIENT_JAVA_OPTS\"; network namespace: $netns"
limits=()
[ -f "$here/bench/target/limits.jsonl" ] && limits=(--limits "$here/bench/target/limits.jsonl")
python3 "$here/bench/compare_table.py" "$out" "${limits[@]}"
echo
echo "JSON lines: $out; logs: $logs"
if [ "$stowage_failures" -gt 0 ]; then
  echo "Stowage failed $stowage_failures run(s): see the table and $logs" >&2
  exit 1
fi
