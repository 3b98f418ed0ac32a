#!/usr/bin/env bash
# A single node and a 3-node cluster (Raft on loopback, plain peer traffic) side by side: the same
# LoadMain scenarios against each, alternating, rounds times, after a 15 s PUT and GET run against
# each that is not recorded (fresh JVMs are slow until the JIT has compiled the hot paths). Not a test; see docs/benchmarks.md,
# "Cluster: 3 nodes next to 1".
#
#   bench/cluster-compare.sh [--rounds N] [--duration 10s] [--concurrency 16]
#
# CLUSTER_ARGS adds flags to the cluster's nodes (e.g. "--inline-threshold 0"); STOWAGE_BENCH_DIR
# keeps the data directories and the servers' logs there instead of a deleted temporary directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.mvn/select-jdk.sh"
rounds=1 duration=10s concurrency=16
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
(cd "$here" && ./mvnw -q -B -o -DskipTests -pl cli,bench -am package >&2)
jar="$here/cli/target/stowage.jar"
bench="$here/bench/target/benchmarks.jar"
work="${STOWAGE_BENCH_DIR:-$(mktemp -d)}"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${STOWAGE_BENCH_DIR:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
export STOWAGE_ROOT_ACCESS_KEY=BENCHROOTKEY STOWAGE_ROOT_SECRET_KEY=bench-root-secret-0123456789
export STOWAGE_ADMIN_TOKEN=bench-admin-token-0123456789 MALLOC_ARENA_MAX=2
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -jar "$jar" server)

"${java[@]}" --data "$work/single" --address 127.0.0.1:19000 --admin-address 127.0.0.1:19001 \
  --metrics-address 127.0.0.1:19002 > "$work/single.log" 2>&1 &
pids+=($!)
single_pid=$!
peers="n0=127.0.0.1:19100,n1=127.0.0.1:19110,n2=127.0.0.1:19120"
for i in 0 1 2; do
  "${java[@]}" --data "$work/n$i" --address "127.0.0.1:1920$i" --admin-address "127.0.0.1:1921$i" \
    --metrics-address "127.0.0.1:1922$i" --node-id "n$i" --raft-address "127.0.0.1:191${i}0" --peers "$peers" \
    --insecure-peers ${CLUSTER_ARGS:-} > "$work/n$i.log" 2>&1 &
  pids+=($!)
  node_pid[$i]=$!
done
for port in 19000 19200 19201 19202; do
  for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
done
leader=""
for _ in $(seq 60); do
  for i in 0 1 2; do
    if curl -s -H "Authorization: Bearer $STOWAGE_ADMIN_TOKEN" "http://127.0.0.1:1921$i/admin/v1/cluster" | grep -q '"role":"LEADER"'; then
      leader=$i; break 2
    fi
  done
  sleep 1
done
[ -n "$leader" ] || { echo "no leader elected" >&2; exit 1; }
follower=$(( (leader + 1) % 3 ))
echo "cluster leader n$leader (S3 port 1920$leader), follower n$follower; $(uptime)" >&2

run() { # label endpoint scenario size server-pid
  "$JAVA_HOME/bin/java" -cp "$bench" io.stowage.bench.load.LoadMain --endpoint "$2" \
    --access-key "$STOWAGE_ROOT_ACCESS_KEY" --secret-key "$STOWAGE_ROOT_SECRET_KEY" --scenario "$3" --size "$4" \
    --concurrency "$concurrency" --duration "$duration" --warmup 3s --objects 200 --server-pid "$5" --json "$work/results.jsonl" 2>&1 \
    | grep -E "^$3 " | sed "s/^/$1 /" || true
}
warm() { # endpoint scenario: a run that is not recorded, so that the JIT has compiled the hot paths
  "$JAVA_HOME/bin/java" -cp "$bench" io.stowage.bench.load.LoadMain --endpoint "$1" \
    --access-key "$STOWAGE_ROOT_ACCESS_KEY" --secret-key "$STOWAGE_ROOT_SECRET_KEY" --scenario "$2" --size 4KiB \
    --concurrency "$concurrency" --duration 15s --warmup 1s --objects 200 > /dev/null 2>&1 || true
}
for endpoint in http://127.0.0.1:19000 "http://127.0.0.1:1920$leader" "http://127.0.0.1:1920$follower"; do
  warm "$endpoint" put
  warm "$endpoint" get
done
for r in $(seq "$rounds"); do
  for case in "put 4KiB" "get 4KiB" "put 1MiB" "get 1MiB"; do
    set -- $case
    run single http://127.0.0.1:19000 "$1" "$2" "$single_pid"
    run leader "http://127.0.0.1:1920$leader" "$1" "$2" "${node_pid[$leader]}"
    run follower "http://127.0.0.1:1920$follower" "$1" "$2" "${node_pid[$follower]}"
  done
done
echo "load average after: $(uptime)" >&2
