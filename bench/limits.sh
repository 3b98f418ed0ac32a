#!/usr/bin/env bash
# Measures this machine's own limits, so that benchmark figures of the server can be stated as
# ratios to them (docs/benchmarks.md, "Machine limits"):
#   disk.*   sequential write (dd, one fdatasync at the end) and cold sequential read on DATA_DIR
#   fs.*     small-file create + 4 KiB + fsync + directory fsync (then unlink), and 4 KiB append
#            + fdatasync, on DATA_DIR, 1 and 32 threads
#   net.*    loopback TCP, one stream (iperf3)
#   cpu.*    MD5, SHA-256 and CRC32C of 1 MiB buffers on one core (JMH)
#   nginx.*  the load generator's own HTTP ceiling: LoadMain against nginx serving static files
#            (GET, HEAD) and reading and dropping request bodies (PUT), with the CPU of both sides
#
#   bench/limits.sh [DATA_DIR] [--json OUT.jsonl]
#
# DATA_DIR is a directory on the file system the server's data directory would use (default
# /tmp); the script works in a new directory inside it and removes it. LIMITS_SECONDS (default
# 10) is the length of each timed run: 3 to 5 minutes in all. Prints progress on stderr and
# the table on stdout; --json appends one JSON object per figure. Installs iperf3, nginx-light
# and jq with apt-get when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.mvn/select-jdk.sh"
java="$JAVA_HOME/bin/java"
jar="$here/bench/target/benchmarks.jar"
seconds=${LIMITS_SECONDS:-10}
nginx=/usr/sbin/nginx # not on a non-root user's PATH
export LC_ALL=C

usage() { echo "usage: bench/limits.sh [DATA_DIR] [--json OUT.jsonl]" >&2; exit 2; }
data_root=/tmp
json=
while [ $# -gt 0 ]; do
  case $1 in
    --json) [ $# -ge 2 ] || usage; json=$(realpath -m "$2"); shift 2 ;;
    -*) usage ;;
    *) data_root=$1; shift ;;
  esac
done

# As .ci/run does: install only what is missing (through sudo when not root).
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "limits: installing ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq < /dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    < /dev/null > /dev/null
}
ensure_packages iperf3 nginx-light jq
if [ ! -f "$jar" ]; then
  echo "limits: building bench/target/benchmarks.jar" >&2
  (cd "$here" && ./mvnw -q -B -DskipTests package -pl bench -am >&2)
fi

mkdir -p "$data_root"
data=$(mktemp -d "$data_root/stowage-limits.XXXXXX")
# nginx's files and request bodies go to memory when there is a tmpfs, so that its side does no I/O
ram=/dev/shm
[ -d "$ram" ] && [ -w "$ram" ] || ram=${TMPDIR:-/tmp}
work=$(mktemp -d "$ram/stowage-limits.XXXXXX")
iperf3_pid=
nginx_pid=
stop() { kill "$1" 2>/dev/null || return 0; wait "$1" 2>/dev/null || true; }
cleanup() {
  [ -z "$iperf3_pid" ] || stop "$iperf3_pid"
  [ -z "$nginx_pid" ] || stop "$nginx_pid"
  rm -rf "$data" "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rows=()
# figure NAME VALUE UNIT COMMAND NOTES: one row of the table, one JSON line
figure() {
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  rows+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$load"$'\t'"$5")
  echo "   $1 = $2 $3" >&2
  [ -z "$json" ] || jq -nc --arg time "$(date -u +%FT%TZ)" --arg name "$1" --argjson value "$2" --arg unit "$3" \
    --arg command "$4" --arg notes "$5" --argjson load "$load" \
    '{time: $time, name: $name, value: $value, unit: $unit, command: $command, notes: $notes, load_average: $load}' \
    >> "$json"
}
step() { echo "== $* ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))" >&2; }
# number FILE FILTER: the jq filter's number, with one decimal
number() { printf '%.1f' "$(jq -r "$2" "$1")"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_until() { # WHAT COMMAND...: polls the command for up to 10 s
  local what=$1 _
  shift
  for _ in $(seq 1 100); do "$@" && return 0; sleep 0.1; done
  echo "limits: $what did not start" >&2
  return 1
}
# dd_mib_s DD_ARGS...: runs dd, turns its "1073741824 bytes (1.1 GB, 1.0 GiB) copied, 1.9 s, 565 MB/s" into MiB/s
dd_mib_s() {
  local out
  out=$(dd "$@" 2>&1) || { echo "$out" >&2; return 1; }
  sed -nE 's/^([0-9]+) bytes .* copied, ([0-9.e+-]+) s, .*/\1 \2/p' <<< "$out" |
    awk '{printf "%.1f", $1 / 1048576 / $2}'
}

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
java_version=$("$java" -version 2>&1 | sed -n 2p)
nginx_version=$("$nginx" -v 2>&1 | sed 's/.*: //')
iperf3_version=$(iperf3 --version | head -1 | cut -d' ' -f1-2)
header=(
  "cores: $(nproc) ($cpu_model), MemTotal $(awk '/MemTotal/ {print $2, $3}' /proc/meminfo), kernel $(uname -r)"
  "data dir: $data_root on $(findmnt -rn -o SOURCE,FSTYPE,OPTIONS --target "$data")"
  "$java_version; $nginx_version; $iperf3_version"
  "LIMITS_SECONDS=$seconds; started $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
)

# ---------------------------------------------------------------- 1. sequential disk rates
step "disk: 1 GiB sequential write and cold read in $data"
seq_file="$data/seq.bin"
mib=$(dd_mib_s if=/dev/zero of="$seq_file" bs=1M count=1024 conv=fdatasync)
figure disk.seq_write "$mib" MiB/s "dd if=/dev/zero of=DATA_DIR/seq.bin bs=1M count=1024 conv=fdatasync" \
  "through the page cache, the final fdatasync counted"
dd if="$seq_file" iflag=nocache count=0 status=none # drops this file's pages from the page cache
resident=$(fincore --bytes --noheadings --output RES "$seq_file" | tr -d ' ')
mib=$(dd_mib_s if="$seq_file" of=/dev/null bs=1M)
figure disk.seq_read_cold "$mib" MiB/s \
  "dd if=DATA_DIR/seq.bin iflag=nocache count=0; dd if=DATA_DIR/seq.bin of=/dev/null bs=1M" \
  "buffered, after dropping the file from the page cache ($resident bytes resident before the read)"
rm -f "$seq_file"

# ---------------------------------------------------------------- 2. small synced writes
for probe in CreateFsyncRate AppendFdatasyncRate; do
  for threads in 1 32; do
    step "fs: $probe, $threads thread(s), $seconds s"
    dir="$data/$probe-$threads"
    mkdir "$dir"
    rate=$("$java" -cp "$jar" "io.stowage.bench.limits.$probe" "$dir" "$threads" "$seconds")
    rm -rf "$dir"
    command="java -cp bench/target/benchmarks.jar io.stowage.bench.limits.$probe DIR $threads $seconds"
    if [ "$probe" = CreateFsyncRate ]; then
      figure "fs.create_fsync.t$threads" "$rate" files/s "$command" \
        "new file + 4 KiB + fsync + fsync of the directory, then unlinked unsynced; all threads in one directory"
    else
      figure "fs.append_fdatasync.t$threads" "$rate" ops/s "$command" \
        "4 KiB append + fdatasync, one growing file per thread"
    fi
  done
done

# ---------------------------------------------------------------- 3. loopback TCP
step "net: iperf3, one stream over loopback, $seconds s"
port=$(free_port)
iperf3 --server --bind 127.0.0.1 --port "$port" --forceflush > "$work/iperf3-server.log" 2>&1 &
iperf3_pid=$!
wait_until iperf3 grep -q 'Server listening' "$work/iperf3-server.log"
iperf3 --client 127.0.0.1 --port "$port" --time "$seconds" --omit 1 --json > "$work/iperf3.json" \
  || { cat "$work/iperf3.json" >&2; exit 1; }
stop "$iperf3_pid"
iperf3_pid=
mib=$(number "$work/iperf3.json" '.end.sum_received.bits_per_second / 8 / 1048576')
figure net.loopback_tcp "$mib" MiB/s "iperf3 -c 127.0.0.1 -t $seconds -O 1" \
  "one stream, received rate, first second omitted"

# ---------------------------------------------------------------- 4. checksums on one core
step "cpu: MD5, SHA-256, CRC32C of 1 MiB buffers (JMH, about 25 s)"
jmh_args=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
digest=io.stowage.bench.limits.DigestThroughputBenchmark
"$java" -jar "$jar" "$digest" "${jmh_args[@]}" -rf json -rff "$work/digest.json" > "$work/digest.log" 2>&1 \
  || { cat "$work/digest.log" >&2; exit 1; }
for algorithm in md5 sha256 crc32c; do
  score=".[] | select(.benchmark == \"$digest.$algorithm\") | .primaryMetric.score"
  mb=$(number "$work/digest.json" "$score * 1.048576")
  figure "cpu.$algorithm" "$mb" MB/s "java -jar bench/target/benchmarks.jar $digest.$algorithm ${jmh_args[*]}" \
    "one thread, 1 MiB buffer per operation, MB = 10^6 bytes"
done

# ---------------------------------------------------------------- 5. the load generator against nginx
step "nginx: static files and a body-reading PUT location"
objects=100
sizes=(4KiB 1MiB 64MiB)
declare -A bytes=([4KiB]=4096 [1MiB]=1048576 [64MiB]=67108864)
# LoadMain counts only the operations that start and end inside the measured window, which
# under-counts by about latency / duration: with 32 in flight, a 64 MiB operation took 1.6 to 3 s
declare -A in_flight=([4KiB]=32 [1MiB]=32 [64MiB]=4)
for size in "${sizes[@]}"; do
  # one file per size, hard-linked under every key LoadMain reads: p000/o0000000 .. p099/o0000000
  bucket="$work/www/limits-${size,,}"
  mkdir -p "$bucket/p000"
  head -c "${bytes[$size]}" /dev/urandom > "$bucket/p000/o0000000"
  for ((i = 1; i < objects; i++)); do
    key=$(printf 'p%03d/o%07d' $((i % 100)) $((i / 100)))
    mkdir -p "$bucket/${key%/*}"
    ln "$bucket/p000/o0000000" "$bucket/$key"
  done
done
nginx_port=$(free_port)
# as root, nginx would run its worker as nobody, which cannot read these files
user_directive=
[ "$(id -u)" -ne 0 ] || user_directive="user root;"
cat > "$work/nginx.conf" <<EOF
load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
$user_directive
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log error;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  default_type application/octet-stream;
  keepalive_requests 100000000;
  client_max_body_size 0;
  client_body_buffer_size 1m;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    # a bucket: LoadMain creates it (PUT), then lists it to learn that its objects exist
    location ~ ^/[^/]+\$ {
      if (\$request_method = PUT) { return 200; }
      return 200 '<ListBucketResult><KeyCount>$objects</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>';
    }
    # "return 200" would answer before the body has arrived; echo_read_request_body reads it all first
    location /limits-put/ {
      echo_read_request_body;
    }
  }
}
EOF
"$nginx" -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
wait_until nginx curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/limits-4kib"
# the one worker answers every request: its CPU is the server's side of each run
nginx_worker=$(pgrep -P "$nginx_pid" | head -1)

load() { # SCENARIO SIZE
  local scenario=$1 size=$2 bucket out args command name count latency ops mib cpu server_cpu
  bucket="limits-${size,,}"
  [ "$scenario" != put ] || bucket=limits-put
  out="$work/load-$scenario-$size.json"
  args=(--scenario "$scenario" --size "$size" --concurrency "${in_flight[$size]}" --duration "${seconds}s" --warmup 3s
    --objects "$objects" --bucket "$bucket" --keep-bucket)
  step "nginx: LoadMain ${args[*]}"
  "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" io.stowage.bench.load.LoadMain \
    --endpoint "http://127.0.0.1:$nginx_port" --access-key x --secret-key y "${args[@]}" \
    --server-pid "$nginx_worker" --json "$out" >&2
  command="java -cp bench/target/benchmarks.jar io.stowage.bench.load.LoadMain --endpoint NGINX ${args[*]}"
  name="nginx.$scenario.$size"
  count=$(jq .count "$out")
  if [ "$count" -eq 0 ]; then
    echo "limits: no operation ended inside the $seconds s window, so no $name figures: raise LIMITS_SECONDS" >&2
    return
  fi
  latency=$(jq -r '"p50 \(.p50_ms * 100 | round / 100) ms, p99 \(.p99_ms * 100 | round / 100) ms"' "$out")
  ops=$(number "$out" .ops_per_s)
  mib=$(number "$out" .mib_per_s)
  cpu=$(number "$out" '.client_cpu_share * 100')
  server_cpu=$(number "$out" '.server_cpu_share * 100')
  figure "$name.ops" "$ops" ops/s "$command" "${in_flight[$size]} in flight, $count ops, $latency"
  [ "$scenario" = head ] || figure "$name.mib" "$mib" MiB/s "$command" "object bytes"
  figure "$name.client_cpu" "$cpu" % "$command" "the load generator's CPU time / (wall time x $(nproc) cores)"
  figure "$name.server_cpu" "$server_cpu" % "$command" "nginx's worker's CPU time / (wall time x $(nproc) cores)"
}
for size in "${sizes[@]}"; do load get "$size"; done
load head 4KiB # a HEAD's cost does not depend on the object's size
for size in "${sizes[@]}"; do load put "$size"; done

# ---------------------------------------------------------------- the table
echo "Machine limits"
printf '  %s\n' "${header[@]}"
echo "  finished $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-28s %10s  %-7s %6s  %s\n' figure value unit load notes
for row in "${rows[@]}"; do
  IFS=$'\t' read -r name value unit load notes <<< "$row"
  printf '%-28s %10s  %-7s %6s  %s\n' "$name" "$value" "$unit" "$load" "$notes"
done
