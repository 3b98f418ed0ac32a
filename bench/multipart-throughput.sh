#!/usr/bin/env bash
# 1 GiB multipart upload and download through a real server, next to the raw disk rates of the
# same file system measured in the same run (these machines are shared: only ratios measured
# together mean anything). Client: rclone (Debian's), 64 MiB parts, 4 parts in flight.
#
#   bench/multipart-throughput.sh [WORK_DIR]      (default: a new directory under bench/target)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.mvn/select-jdk.sh"
jar="$here/cli/target/stowage.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl cli -am package)
mkdir -p "$here/bench/target"
work="${1:-$(mktemp -d "$here/bench/target/throughput.XXXXXX")}"
mkdir -p "$work"
# The caller's AWS settings (a CA bundle, a profile) would reach rclone's S3 client.
while read -r var; do unset "$var"; done < <(compgen -e | grep -E '^AWS_')
size_mib=1024
port=$((20000 + RANDOM % 20000))
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="http://127.0.0.1:$port" \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=BENCHKEY RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=bench-secret-key \
  RCLONE_CONFIG_BENCH_REGION=us-east-1 RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true
rclone_flags=(--s3-upload-cutoff 64M --s3-chunk-size 64M --s3-upload-concurrency 4 --s3-disable-checksum)

seconds() { date +%s.%N; }
rate() { python3 -c "print(f'{$size_mib/($2-$1):.0f}')"; }

echo "source file: $size_mib MiB of random bytes" >&2
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/source.bin"

t0=$(seconds); dd if=/dev/zero of="$work/dd.bin" bs=1M count=$size_mib conv=fsync status=none; t1=$(seconds)
disk_write=$(rate "$t0" "$t1")
t0=$(seconds); dd if="$work/dd.bin" of=/dev/null bs=1M iflag=direct status=none; t1=$(seconds)
disk_read=$(rate "$t0" "$t1")
rm -f "$work/dd.bin"

STOWAGE_ROOT_ACCESS_KEY=BENCHKEY STOWAGE_ROOT_SECRET_KEY=bench-secret-key \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" server --address "127.0.0.1:$port" --data "$work/data" \
  > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work/data" "$work/source.bin"' EXIT
for _ in $(seq 1 100); do grep -q "S3 endpoint" "$work/server.log" && break; sleep 0.2; done
rclone mkdir bench:throughput

t0=$(seconds); rclone copyto "${rclone_flags[@]}" "$work/source.bin" bench:throughput/1GiB; t1=$(seconds)
upload=$(rate "$t0" "$t1")
t0=$(seconds); rclone cat bench:throughput/1GiB > /dev/null; t1=$(seconds)
download=$(rate "$t0" "$t1")
# Checked after the timing, so hashing does not slow the measured download.
[ "$(rclone cat bench:throughput/1GiB | sha256sum | cut -d' ' -f1)" = "$(sha256sum "$work/source.bin" | cut -d' ' -f1)" ] \
  || { echo "the downloaded object differs from the source" >&2; exit 1; }

printf '| %s | %s MiB/s |\n' "disk write (dd, conv=fsync)" "$disk_write" "disk read (dd, O_DIRECT)" "$disk_read" \
  "multipart upload (rclone, 64 MiB parts x4)" "$upload" "download (rclone cat)" "$download"
python3 -c "print(f'| upload / disk write | {$upload/$disk_write:.2f} |'); print(f'| download / disk read | {$download/$disk_read:.2f} |')"
