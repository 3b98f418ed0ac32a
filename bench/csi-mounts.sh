#!/usr/bin/env bash
# What a pod sees through the CSI driver's mounters: a 256 MiB file written with dd through an s3fs mount and an
# rclone mount of a real server's bucket (the mount daemon's default options), read back after a fresh mount (no
# cache), and 200 files of 4 KiB written and listed; next to rclone copying the same file over S3 directly, all in
# one run (the machines are shared: only ratios measured together mean anything). Needs root, /dev/fuse, s3fs,
# rclone.
#
#   bench/csi-mounts.sh [WORK_DIR]      (default: a new directory under bench/target)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.mvn/select-jdk.sh"
jar="$here/cli/target/stowage.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl cli -am package)
mkdir -p "$here/bench/target"
work="${1:-$(mktemp -d "$here/bench/target/csi-mounts.XXXXXX")}"
mkdir -p "$work/mnt"
while read -r var; do unset "$var"; done < <(compgen -e | grep -E '^AWS_')
size_mib=256
files=200
port=$((20000 + RANDOM % 20000))
endpoint="http://127.0.0.1:$port"
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="$endpoint" \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=BENCHKEY RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=bench-secret-key \
  RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true
printf 'BENCHKEY:bench-secret-key\n' > "$work/passwd" && chmod 600 "$work/passwd"

seconds() { date +%s.%N; }
rate() { python3 -c "print(f'{$size_mib/($2-$1):.0f} MiB/s')"; }
per_file() { python3 -c "print(f'{($2-$1)*1000/$files:.1f} ms/file')"; }

STOWAGE_ROOT_ACCESS_KEY=BENCHKEY STOWAGE_ROOT_SECRET_KEY=bench-secret-key STOWAGE_ADMIN_TOKEN=bench-admin-token-0123456789 \
  "$JAVA_HOME/bin/java" -jar "$jar" server --data "$work/data" --address "127.0.0.1:$port" \
  --admin-address "127.0.0.1:$((port + 1))" --metrics-address "127.0.0.1:$((port + 2))" > "$work/server.log" 2>&1 &
server=$!
cleanup() { fusermount -uz "$work/mnt" 2>/dev/null || true; kill "$server" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "$endpoint" && break; sleep 0.5; done
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/source.bin"

mount_s3fs() {
  s3fs "$1" "$work/mnt" -o passwd_file="$work/passwd" -o url="$endpoint" -o use_path_request_style \
    -o allow_other -o mp_umask=000
}
mount_rclone() {
  rclone mount "bench:$1" "$work/mnt" --daemon --allow-other --vfs-cache-mode=writes --vfs-write-back=0s \
    --cache-dir="$work/rclone-cache"
}
await_mount() { for _ in $(seq 1 100); do mountpoint -q "$work/mnt" && return; sleep 0.1; done; echo "no mount" >&2; exit 1; }
unmount() { fusermount -u "$work/mnt"; for _ in $(seq 1 100); do mountpoint -q "$work/mnt" || return 0; sleep 0.1; done; }

rclone mkdir bench:direct
t0=$(seconds); rclone copyto "$work/source.bin" bench:direct/big.bin; t1=$(seconds)
rm -f "$work/back.bin"; t2=$(seconds); rclone copyto bench:direct/big.bin "$work/back.bin"; t3=$(seconds)
echo "S3 directly (rclone copyto): write $(rate "$t0" "$t1"), read $(rate "$t2" "$t3")"

for mounter in s3fs rclone; do
  rclone mkdir "bench:$mounter"
  "mount_$mounter" "$mounter"; await_mount
  # conv=fsync: the figure includes the upload (s3fs uploads at flush; rclone's write cache at close, waited for below)
  t0=$(seconds); dd if="$work/source.bin" of="$work/mnt/big.bin" bs=1M conv=fsync status=none; t1=$(seconds)
  unmount
  for _ in $(seq 1 600); do [ "$(rclone size "bench:$mounter" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytes"])')" = $((size_mib * 1024 * 1024)) ] && break; sleep 0.1; done
  t1b=$(seconds)
  "mount_$mounter" "$mounter"; await_mount
  t2=$(seconds); dd if="$work/mnt/big.bin" of=/dev/null bs=1M status=none; t3=$(seconds)
  mkdir "$work/mnt/small"
  t4=$(seconds); for i in $(seq 1 $files); do head -c 4096 "$work/source.bin" > "$work/mnt/small/f$i"; done; t5=$(seconds)
  t6=$(seconds); count=$(ls "$work/mnt/small" | wc -l); t7=$(seconds)
  unmount
  cmp <(rclone cat "bench:$mounter/big.bin") "$work/source.bin"
  echo "$mounter: dd write returns at $(rate "$t0" "$t1"), all in the bucket at $(rate "$t0" "$t1b"), read $(rate "$t2" "$t3"), 4 KiB files $(per_file "$t4" "$t5"), listing $count files $(python3 -c "print(f'{($t7-$t6)*1000:.0f}')") ms"
done
