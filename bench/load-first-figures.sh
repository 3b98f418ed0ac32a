#!/usr/bin/env bash
# Runs the load generator's first figures against a running Stowage server (see docs/benchmarks.md,
# "Load generator: first figures"). Usage: bench/load-first-figures.sh ENDPOINT ACCESS_KEY SECRET_KEY [OUT.jsonl]
set -euo pipefail
endpoint=$1 ak=$2 sk=$3 out=${4:-bench/target/load-first-figures.jsonl}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
load() {
  echo "== $* ($(date -u +%H:%M:%S), $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar io.stowage.bench.load.LoadMain \
    --endpoint "$endpoint" --access-key "$ak" --secret-key "$sk" --json "$out" "$@"
}
common=(--size 4KiB --concurrency 32 --duration 15s --warmup 5s)
load --scenario put "${common[@]}"
load --scenario get "${common[@]}"
load --scenario head "${common[@]}"
load --scenario delete "${common[@]}" --objects 40000
load --scenario mixed "${common[@]}"
bucket=load-list-$(date +%s)
load --scenario list "${common[@]}" --objects 100000 --bucket "$bucket" --keep-bucket
load --scenario list-delimiter "${common[@]}" --objects 100000 --bucket "$bucket"
