#!/usr/bin/env bash
# The client matrix: runs four real S3 clients against an already running server and checks the
# everyday object round trip with each of them, in a bucket of its own.
#
#   scripts/client-matrix.sh ENDPOINT ACCESS_KEY SECRET_KEY     (ENDPOINT like http://127.0.0.1:9310)
#
# Clients: Debian's awscli (/usr/bin/aws), s3cmd (/usr/bin/s3cmd), rclone (/usr/bin/rclone) and boto3
# (run with /usr/bin/python3). Each one, with its default multipart settings (only rclone's upload
# cutoff is lowered, see client_rclone): creates its bucket; uploads a small file and a 6 MiB file of
# random bytes (single PUTs: below every client's multipart threshold; the 6 MiB object's ETag must
# be its MD5) and a 100 MiB file of random bytes (a multipart upload: its ETag must end in '-N');
# downloads all three and compares them byte for byte; lists with delimiter '/'; copies an object
# server-side; deletes the objects and the bucket. awscli also streams 1 GiB of random bytes from
# stdin (unknown length, so a multipart upload) and back to stdout, and compares the SHA-256 of both
# streams; nothing of it is written to disk here. Prints one line per client, 'PASS <client>' or
# 'FAIL <client>: <step>: <error>', then 'N passed, N failed'; exits non-zero if any client failed.
#
# Disk: about 110 MiB of test files plus one 100 MiB download at a time, all in a temporary directory
# removed on exit; the server stores at most the 1 GiB object on top of that.
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 ENDPOINT ACCESS_KEY SECRET_KEY" >&2
  exit 2
fi
endpoint="$1"
access_key="$2"
secret_key="$3"
case "$endpoint" in
  http://* | https://*) ;;
  *) endpoint="http://$endpoint" ;;
esac
endpoint="${endpoint%/}"
hostport="${endpoint#*://}"
hostport="${hostport%%/*}"
host="${hostport%:*}"
region=us-east-1
step_timeout=120        # seconds, for each client call
slow_step_timeout=600   # seconds, for each 1 GiB transfer

# Keep the caller's settings out of the clients: no profile, endpoint, token, proxy or Python path of theirs.
while read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(AWS_|RCLONE_|BOTO_|S3CMD_)')
unset PYTHONPATH PYTHONHOME PYTHONSTARTUP
export NO_PROXY="$host,127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
export no_proxy="$NO_PROXY"

work="$(mktemp -d "${TMPDIR:-/tmp}/client-matrix.XXXXXX")"
trap 'rm -rf "$work"' EXIT

run_id="$(date +%s)-$$"
small="$work/small.txt"
big="$work/big.bin"
multipart="$work/multipart.bin"
# A few KiB of text, 6 MiB and 100 MiB of random bytes.
for i in $(seq 1 100); do echo "line $i of the small object: stowage client matrix $run_id"; done > "$small"
head -c $((6 * 1024 * 1024)) /dev/urandom > "$big"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$multipart"
big_md5="$(md5sum < "$big" | cut -d' ' -f1)"

failure=""   # the failing step and its error, set by step/check
log=""       # the output of the step running

# step NAME COMMAND...: runs COMMAND under a timeout, its output kept in $log; on failure records why.
step() {
  local name="$1"
  shift
  log="$work/step.log"
  timeout "$step_timeout" "$@" > "$log" 2>&1 < /dev/null
  local rc=$?
  if [ $rc -ne 0 ]; then
    if [ $rc -eq 124 ]; then
      failure="$name: timed out after ${step_timeout}s"
    else
      failure="$name: exit $rc: $(error_of "$log")"
    fi
    return 1
  fi
  return 0
}

# slow_step NAME COMMAND...: a step with the longer timeout, for the 1 GiB transfers.
slow_step() {
  local step_timeout="$slow_step_timeout"
  step "$@"
}

# check NAME MESSAGE COMMAND...: a check that runs no client; on failure records MESSAGE.
check() {
  local name="$1" message="$2"
  shift 2
  if ! "$@" > /dev/null 2>&1; then
    failure="$name: $message"
    return 1
  fi
  return 0
}

# The most telling line of a client's output: the last one that speaks of an error, else the last one.
error_of() {
  local line
  line="$(grep -v '^[[:space:]]*$' "$1" | grep -iE 'error|fail|denied|not ?implemented|exception|invalid' | tail -n 1)"
  [ -n "$line" ] || line="$(grep -v '^[[:space:]]*$' "$1" | tail -n 1)"
  [ -n "$line" ] || line="(no output)"
  printf '%s' "$line" | tr -s '\t\r\n ' ' ' | sed -E 's#^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9:]+ ##' | cut -c 1-400
}

# The whole of a short output on one line.
flat() { tr -s '\t\r\n ' ' ' < "$1" | cut -c 1-400; }

# listing_has FILE LINE-REGEX...: every regex matches a line of FILE.
listing_has() {
  local file="$1"
  shift
  local re
  for re in "$@"; do
    grep -qE "$re" "$file" || return 1
  done
}

same() { cmp "$1" "$2"; }

# same_hash FILE FILE: two sha256sum outputs, not empty, that agree.
same_hash() { [ -s "$1" ] && cmp "$1" "$2"; }

# etag_of FILE: the ETag in a client's output, without quotes: the first 32-hex-digit MD5, with an
# optional '-N', on a line that mentions an ETag, or on any line if none does (aws --query ETag).
etag_of() {
  local lines
  lines="$(grep -i 'etag' "$1")" || lines="$(cat "$1")"
  printf '%s\n' "$lines" | grep -oE '\b[0-9a-f]{32}(-[0-9]+)?\b' | head -n 1
}

# single_etag FILE MD5: the ETag in FILE is MD5, that of a single PUT.
single_etag() { [ "$(etag_of "$1")" = "$2" ]; }

# multipart_etag FILE: the ETag in FILE is that of a multipart upload of two or more parts: '<md5>-N'.
multipart_etag() {
  local etag
  etag="$(etag_of "$1")"
  [[ "$etag" =~ ^[0-9a-f]{32}-([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -ge 2 ]
}

# What an ETag check found, for its failure message.
etag_found() {
  local etag
  etag="$(etag_of "$1")"
  printf '%s' "${etag:-no ETag in: $(flat "$1")}"
}

# ---------------------------------------------------------------------------------------------- awscli
client_awscli() {
  local aws=/usr/bin/aws bucket="matrix-awscli-$run_id" dir="$work/awscli"
  mkdir -p "$dir"
  [ -x "$aws" ] || { failure="setup: $aws is missing (apt-get install awscli)"; return 1; }
  export AWS_CONFIG_FILE="$dir/config" AWS_SHARED_CREDENTIALS_FILE="$dir/credentials"
  export AWS_ACCESS_KEY_ID="$access_key" AWS_SECRET_ACCESS_KEY="$secret_key" AWS_DEFAULT_REGION="$region"
  export AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true
  # Default multipart settings: threshold and part size 8 MiB.
  step "configure" "$aws" configure set default.s3.addressing_style path || return 1
  local a=("$aws" --endpoint-url "$endpoint")
  step "create bucket" "${a[@]}" s3 mb "s3://$bucket" || return 1
  step "upload small" "${a[@]}" s3 cp "$small" "s3://$bucket/top.txt" || return 1
  step "upload 6 MiB" "${a[@]}" s3 cp "$big" "s3://$bucket/dir/big.bin" || return 1
  step "download small" "${a[@]}" s3 cp "s3://$bucket/top.txt" "$dir/small.out" || return 1
  check "compare small" "downloaded bytes differ from the upload" same "$small" "$dir/small.out" || return 1
  step "download 6 MiB" "${a[@]}" s3 cp "s3://$bucket/dir/big.bin" "$dir/big.out" || return 1
  check "compare 6 MiB" "downloaded bytes differ from the upload" same "$big" "$dir/big.out" || return 1
  step "head 6 MiB" "${a[@]}" s3api head-object --bucket "$bucket" --key dir/big.bin --query ETag --output text || return 1
  check "6 MiB ETag" "expected the MD5 $big_md5 of a single PUT, got: $(etag_found "$log")" \
    single_etag "$log" "$big_md5" || return 1
  step "upload 100 MiB" "${a[@]}" s3 cp "$multipart" "s3://$bucket/dir/multipart.bin" || return 1
  step "head 100 MiB" "${a[@]}" s3api head-object --bucket "$bucket" --key dir/multipart.bin --query ETag --output text || return 1
  check "100 MiB ETag" "expected the ETag of a multipart upload, '<md5>-N', got: $(etag_found "$log")" \
    multipart_etag "$log" || return 1
  step "download 100 MiB" "${a[@]}" s3 cp "s3://$bucket/dir/multipart.bin" "$dir/multipart.out" || return 1
  check "compare 100 MiB" "downloaded bytes differ from the upload" same "$multipart" "$dir/multipart.out" || return 1
  rm -f "$dir/multipart.out"
  # 1 GiB from stdin: awscli cannot know the length, so it uploads in 8 MiB parts as it reads. The
  # bytes go through tee to sha256sum on the way, and come back to stdout into sha256sum: no copy on disk.
  local fifo="$dir/stdin.fifo"
  mkfifo "$fifo" || { failure="upload 1 GiB from stdin: mkfifo $fifo failed"; return 1; }
  slow_step "upload 1 GiB from stdin" bash -c 'set -o pipefail
    sha256sum < "$1" > "$2" &
    hasher=$!
    head -c 1073741824 /dev/urandom | tee "$1" | "${@:3}"
    rc=$?
    wait "$hasher" || { echo "error: sha256sum of the stream failed" >&2; exit 1; }
    exit "$rc"' _ "$fifo" "$dir/sent.sha256" "${a[@]}" s3 cp --no-progress - "s3://$bucket/stdin-1GiB" || return 1
  step "head 1 GiB" "${a[@]}" s3api head-object --bucket "$bucket" --key stdin-1GiB --query ETag --output text || return 1
  check "1 GiB ETag" "expected the ETag of a multipart upload, '<md5>-N', got: $(etag_found "$log")" \
    multipart_etag "$log" || return 1
  slow_step "download 1 GiB to stdout" bash -c 'set -o pipefail; "${@:2}" | sha256sum > "$1"' \
    _ "$dir/received.sha256" "${a[@]}" s3 cp --no-progress "s3://$bucket/stdin-1GiB" - || return 1
  check "compare 1 GiB" "SHA-256 of the download $(cut -c 1-64 "$dir/received.sha256") differs from the upload's $(cut -c 1-64 "$dir/sent.sha256")" \
    same_hash "$dir/sent.sha256" "$dir/received.sha256" || return 1
  step "delete 1 GiB" "${a[@]}" s3 rm "s3://$bucket/stdin-1GiB" || return 1
  step "list with delimiter" "${a[@]}" s3 ls "s3://$bucket/" || return 1
  check "list with delimiter" "expected 'PRE dir/' and 'top.txt' only, got: $(flat "$log")" \
    listing_has "$log" '^ +PRE dir/$' ' top\.txt$' || return 1
  check "list with delimiter" "dir/big.bin was not rolled up into dir/" \
    bash -c '! grep -q "big.bin" "$1"' _ "$log" || return 1
  step "server-side copy" "${a[@]}" s3 cp "s3://$bucket/top.txt" "s3://$bucket/dir/copy.txt" || return 1
  step "download copy" "${a[@]}" s3 cp "s3://$bucket/dir/copy.txt" "$dir/copy.out" || return 1
  check "compare copy" "the copy's bytes differ from the source" same "$small" "$dir/copy.out" || return 1
  step "list prefix" "${a[@]}" s3api list-objects-v2 --bucket "$bucket" --prefix dir/ --delimiter / \
    --query 'Contents[].Key' --output text || return 1
  check "list prefix" "expected dir/big.bin, dir/copy.txt and dir/multipart.bin, got: $(flat "$log")" \
    listing_has "$log" 'dir/big\.bin' 'dir/copy\.txt' 'dir/multipart\.bin' || return 1
  step "delete objects" "${a[@]}" s3 rm "s3://$bucket" --recursive || return 1
  step "delete bucket" "${a[@]}" s3 rb "s3://$bucket" || return 1
  step "list buckets" "${a[@]}" s3api list-buckets --query 'Buckets[].Name' --output text || return 1
  check "list buckets" "the deleted bucket is still listed" bash -c '! grep -qw "$1" "$2"' _ "$bucket" "$log" || return 1
}

cleanup_awscli() {
  timeout 60 /usr/bin/aws --endpoint-url "$endpoint" s3 rb "s3://matrix-awscli-$run_id" --force > /dev/null 2>&1 < /dev/null
}

# ----------------------------------------------------------------------------------------------- s3cmd
client_s3cmd() {
  local s3cmd=/usr/bin/s3cmd bucket="matrix-s3cmd-$run_id" dir="$work/s3cmd"
  mkdir -p "$dir"
  [ -x "$s3cmd" ] || { failure="setup: $s3cmd is missing (apt-get install s3cmd)"; return 1; }
  cat > "$dir/s3cfg" <<EOF
[default]
access_key = $access_key
secret_key = $secret_key
host_base = $hostport
host_bucket = $hostport
use_https = False
signature_v2 = False
bucket_location = $region
EOF
  # Default multipart settings: 15 MiB parts, for files larger than that.
  local c=("$s3cmd" -c "$dir/s3cfg" --no-progress)
  step "create bucket" "${c[@]}" mb "s3://$bucket" || return 1
  step "upload small" "${c[@]}" put "$small" "s3://$bucket/top.txt" || return 1
  step "upload 6 MiB" "${c[@]}" put "$big" "s3://$bucket/dir/big.bin" || return 1
  step "download small" "${c[@]}" get --force "s3://$bucket/top.txt" "$dir/small.out" || return 1
  check "compare small" "downloaded bytes differ from the upload" same "$small" "$dir/small.out" || return 1
  step "download 6 MiB" "${c[@]}" get --force "s3://$bucket/dir/big.bin" "$dir/big.out" || return 1
  check "compare 6 MiB" "downloaded bytes differ from the upload" same "$big" "$dir/big.out" || return 1
  # s3cmd info (and ls --list-md5) show the MD5 s3cmd stored in its x-amz-meta-s3cmd-attrs rather than
  # the ETag; its debug output shows the HEAD response's ETag header.
  step "head 6 MiB" "${c[@]}" -d info "s3://$bucket/dir/big.bin" || return 1
  check "6 MiB ETag" "expected the MD5 $big_md5 of a single PUT, got: $(etag_found "$log")" \
    single_etag "$log" "$big_md5" || return 1
  step "upload 100 MiB" "${c[@]}" put "$multipart" "s3://$bucket/dir/multipart.bin" || return 1
  step "head 100 MiB" "${c[@]}" -d info "s3://$bucket/dir/multipart.bin" || return 1
  check "100 MiB ETag" "expected the ETag of a multipart upload, '<md5>-N', got: $(etag_found "$log")" \
    multipart_etag "$log" || return 1
  step "download 100 MiB" "${c[@]}" get --force "s3://$bucket/dir/multipart.bin" "$dir/multipart.out" || return 1
  check "compare 100 MiB" "downloaded bytes differ from the upload" same "$multipart" "$dir/multipart.out" || return 1
  rm -f "$dir/multipart.out"
  step "list with delimiter" "${c[@]}" ls "s3://$bucket/" || return 1
  check "list with delimiter" "expected 'DIR s3://$bucket/dir/' and top.txt, got: $(flat "$log")" \
    listing_has "$log" "DIR +s3://$bucket/dir/\$" "s3://$bucket/top\\.txt\$" || return 1
  check "list with delimiter" "dir/big.bin was not rolled up into dir/" \
    bash -c '! grep -q "big.bin" "$1"' _ "$log" || return 1
  step "server-side copy" "${c[@]}" cp "s3://$bucket/top.txt" "s3://$bucket/dir/copy.txt" || return 1
  step "download copy" "${c[@]}" get --force "s3://$bucket/dir/copy.txt" "$dir/copy.out" || return 1
  check "compare copy" "the copy's bytes differ from the source" same "$small" "$dir/copy.out" || return 1
  step "list prefix" "${c[@]}" ls "s3://$bucket/dir/" || return 1
  check "list prefix" "expected dir/big.bin, dir/copy.txt and dir/multipart.bin, got: $(flat "$log")" \
    listing_has "$log" 'dir/big\.bin$' 'dir/copy\.txt$' 'dir/multipart\.bin$' || return 1
  step "delete objects" "${c[@]}" del "s3://$bucket/top.txt" "s3://$bucket/dir/big.bin" "s3://$bucket/dir/copy.txt" \
    "s3://$bucket/dir/multipart.bin" || return 1
  step "delete bucket" "${c[@]}" rb "s3://$bucket" || return 1
  step "list buckets" "${c[@]}" ls || return 1
  check "list buckets" "the deleted bucket is still listed" bash -c '! grep -q "s3://$1\$" "$2"' _ "$bucket" "$log" || return 1
}

cleanup_s3cmd() {
  timeout 60 /usr/bin/s3cmd -c "$work/s3cmd/s3cfg" rb --recursive --force "s3://matrix-s3cmd-$run_id" > /dev/null 2>&1 < /dev/null
}

# ---------------------------------------------------------------------------------------------- rclone
client_rclone() {
  local rclone=/usr/bin/rclone bucket="matrix-rclone-$run_id" dir="$work/rclone"
  mkdir -p "$dir"
  [ -x "$rclone" ] || { failure="setup: $rclone is missing (apt-get install rclone)"; return 1; }
  export RCLONE_CONFIG="$dir/rclone.conf"
  : > "$RCLONE_CONFIG"
  export RCLONE_CONFIG_STOWAGE_TYPE=s3 RCLONE_CONFIG_STOWAGE_PROVIDER=Other
  export RCLONE_CONFIG_STOWAGE_ENDPOINT="$endpoint" RCLONE_CONFIG_STOWAGE_REGION="$region"
  export RCLONE_CONFIG_STOWAGE_ACCESS_KEY_ID="$access_key" RCLONE_CONFIG_STOWAGE_SECRET_ACCESS_KEY="$secret_key"
  export RCLONE_CONFIG_STOWAGE_FORCE_PATH_STYLE=true
  # rclone's default upload cutoff (200 MiB) would upload the 100 MiB file with a single PUT too: it is
  # lowered to 16 MiB, which keeps the 6 MiB file a single PUT and makes the 100 MiB file a multipart
  # upload with rclone's default part size (5 MiB, the S3 minimum: 20 parts) and concurrency (4).
  local r=("$rclone" --s3-upload-cutoff 16M --retries 1 --low-level-retries 1 --cache-dir "$dir/cache")
  local b="stowage:$bucket"
  step "create bucket" "${r[@]}" mkdir "$b" || return 1
  step "upload small" "${r[@]}" copyto "$small" "$b/top.txt" || return 1
  step "upload 6 MiB" "${r[@]}" copyto "$big" "$b/dir/big.bin" || return 1
  step "download small" "${r[@]}" copyto "$b/top.txt" "$dir/small.out" || return 1
  check "compare small" "downloaded bytes differ from the upload" same "$small" "$dir/small.out" || return 1
  step "download 6 MiB" "${r[@]}" copyto "$b/dir/big.bin" "$dir/big.out" || return 1
  check "compare 6 MiB" "downloaded bytes differ from the upload" same "$big" "$dir/big.out" || return 1
  # rclone shows no ETag (its MD5 of a multipart upload comes from its own metadata): the dump of the
  # HEAD response's headers has it.
  step "head 6 MiB" "${r[@]}" lsjson --stat --dump headers "$b/dir/big.bin" || return 1
  check "6 MiB ETag" "expected the MD5 $big_md5 of a single PUT, got: $(etag_found "$log")" \
    single_etag "$log" "$big_md5" || return 1
  step "upload 100 MiB" "${r[@]}" copyto "$multipart" "$b/dir/multipart.bin" || return 1
  step "head 100 MiB" "${r[@]}" lsjson --stat --dump headers "$b/dir/multipart.bin" || return 1
  check "100 MiB ETag" "expected the ETag of a multipart upload, '<md5>-N', got: $(etag_found "$log")" \
    multipart_etag "$log" || return 1
  step "download 100 MiB" "${r[@]}" copyto "$b/dir/multipart.bin" "$dir/multipart.out" || return 1
  check "compare 100 MiB" "downloaded bytes differ from the upload" same "$multipart" "$dir/multipart.out" || return 1
  rm -f "$dir/multipart.out"
  step "list with delimiter" "${r[@]}" lsf "$b" || return 1
  check "list with delimiter" "expected 'dir/' and 'top.txt', got: $(flat "$log")" \
    listing_has "$log" '^dir/$' '^top\.txt$' || return 1
  check "list with delimiter" "dir/big.bin was not rolled up into dir/" \
    bash -c '! grep -q "big.bin" "$1"' _ "$log" || return 1
  step "server-side copy" "${r[@]}" copyto "$b/top.txt" "$b/dir/copy.txt" || return 1
  step "download copy" "${r[@]}" copyto "$b/dir/copy.txt" "$dir/copy.out" || return 1
  check "compare copy" "the copy's bytes differ from the source" same "$small" "$dir/copy.out" || return 1
  step "list prefix" "${r[@]}" lsf "$b/dir" || return 1
  check "list prefix" "expected big.bin, copy.txt and multipart.bin, got: $(flat "$log")" \
    listing_has "$log" '^big\.bin$' '^copy\.txt$' '^multipart\.bin$' || return 1
  step "delete objects" "${r[@]}" deletefile "$b/top.txt" || return 1
  step "delete objects" "${r[@]}" deletefile "$b/dir/big.bin" || return 1
  step "delete objects" "${r[@]}" deletefile "$b/dir/copy.txt" || return 1
  step "delete objects" "${r[@]}" deletefile "$b/dir/multipart.bin" || return 1
  step "delete bucket" "${r[@]}" rmdir "$b" || return 1
  step "list buckets" "${r[@]}" lsf stowage: || return 1
  check "list buckets" "the deleted bucket is still listed" bash -c '! grep -qx "$1/" "$2"' _ "$bucket" "$log" || return 1
}

cleanup_rclone() {
  timeout 60 /usr/bin/rclone purge "stowage:matrix-rclone-$run_id" > /dev/null 2>&1 < /dev/null
}

# ----------------------------------------------------------------------------------------------- boto3
client_boto3() {
  local python=/usr/bin/python3 bucket="matrix-boto3-$run_id" dir="$work/boto3"
  mkdir -p "$dir"
  [ -x "$python" ] || { failure="setup: $python is missing"; return 1; }
  cat > "$dir/matrix.py" <<'EOF'
import filecmp, hashlib, os, re, sys
endpoint, key, secret, region, bucket, small, big, multipart, out = sys.argv[1:10]

step = "import boto3"
try:
    import boto3
    from botocore.config import Config

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region, aws_access_key_id=key,
                      aws_secret_access_key=secret,
                      config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                                    retries={"max_attempts": 1}))
    # upload_file and download_file with the default TransferConfig: multipart above 8 MiB, 8 MiB parts.

    def same(a, b, what):
        if not filecmp.cmp(a, b, shallow=False):
            raise AssertionError(what)

    def etag(key):
        return s3.head_object(Bucket=bucket, Key=key)["ETag"].strip('"')

    step = "create bucket"
    s3.create_bucket(Bucket=bucket)
    step = "upload small"
    s3.upload_file(small, bucket, "top.txt")
    step = "upload 6 MiB"
    s3.upload_file(big, bucket, "dir/big.bin")
    step = "download small"
    s3.download_file(bucket, "top.txt", out + "/small.out")
    step = "compare small"
    same(small, out + "/small.out", "downloaded bytes differ from the upload")
    step = "download 6 MiB"
    s3.download_file(bucket, "dir/big.bin", out + "/big.out")
    step = "compare 6 MiB"
    same(big, out + "/big.out", "downloaded bytes differ from the upload")
    step = "6 MiB ETag"
    with open(big, "rb") as f:
        md5 = hashlib.md5(f.read()).hexdigest()
    found = etag("dir/big.bin")
    if found != md5:
        raise AssertionError(f"expected the MD5 {md5} of a single PUT, got: {found}")
    step = "upload 100 MiB"
    s3.upload_file(multipart, bucket, "dir/multipart.bin")
    step = "100 MiB ETag"
    found = etag("dir/multipart.bin")
    parts = re.fullmatch(r"[0-9a-f]{32}-([0-9]+)", found)
    if not parts or int(parts.group(1)) < 2:
        raise AssertionError(f"expected the ETag of a multipart upload, '<md5>-N', got: {found}")
    step = "download 100 MiB"
    s3.download_file(bucket, "dir/multipart.bin", out + "/multipart.out")
    step = "compare 100 MiB"
    same(multipart, out + "/multipart.out", "downloaded bytes differ from the upload")
    os.remove(out + "/multipart.out")
    step = "list with delimiter"
    listing = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    keys = [o["Key"] for o in listing.get("Contents", [])]
    prefixes = [p["Prefix"] for p in listing.get("CommonPrefixes", [])]
    if keys != ["top.txt"] or prefixes != ["dir/"]:
        raise AssertionError(f"expected keys ['top.txt'] and prefixes ['dir/'], got {keys} and {prefixes}")
    step = "list with delimiter (v1)"
    listing = s3.list_objects(Bucket=bucket, Delimiter="/")
    keys = [o["Key"] for o in listing.get("Contents", [])]
    prefixes = [p["Prefix"] for p in listing.get("CommonPrefixes", [])]
    if keys != ["top.txt"] or prefixes != ["dir/"]:
        raise AssertionError(f"expected keys ['top.txt'] and prefixes ['dir/'], got {keys} and {prefixes}")
    step = "server-side copy"
    s3.copy_object(Bucket=bucket, Key="dir/copy.txt", CopySource={"Bucket": bucket, "Key": "top.txt"})
    step = "download copy"
    s3.download_file(bucket, "dir/copy.txt", out + "/copy.out")
    step = "compare copy"
    same(small, out + "/copy.out", "the copy's bytes differ from the source")
    step = "list prefix"
    listed = [(o["Key"], o["Size"]) for o in s3.list_objects_v2(Bucket=bucket, Prefix="dir/").get("Contents", [])]
    expected = [("dir/big.bin", os.path.getsize(big)), ("dir/copy.txt", os.path.getsize(small)),
                ("dir/multipart.bin", os.path.getsize(multipart))]
    if listed != expected:
        raise AssertionError(f"expected keys and sizes {expected}, got {listed}")
    step = "delete objects"
    answer = s3.delete_objects(Bucket=bucket, Delete={"Objects": [
        {"Key": "top.txt"}, {"Key": "dir/big.bin"}, {"Key": "dir/copy.txt"}, {"Key": "dir/multipart.bin"}]})
    if answer.get("Errors"):
        raise AssertionError(f"DeleteObjects reported errors: {answer['Errors']}")
    left = s3.list_objects_v2(Bucket=bucket).get("KeyCount", -1)
    if left != 0:
        raise AssertionError(f"{left} objects left after DeleteObjects")
    step = "delete bucket"
    s3.delete_bucket(Bucket=bucket)
    step = "list buckets"
    if bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        raise AssertionError("the deleted bucket is still listed")
except Exception as e:
    message = " ".join(f"{type(e).__name__}: {e}".split())[:400]
    print(f"STEP {step}: {message}")
    sys.exit(1)
EOF
  log="$dir/run.log"
  timeout "$step_timeout" "$python" -I "$dir/matrix.py" "$endpoint" "$access_key" "$secret_key" "$region" \
    "$bucket" "$small" "$big" "$multipart" "$dir" > "$log" 2>&1 < /dev/null
  local rc=$?
  if [ $rc -eq 124 ]; then
    failure="run: timed out after ${step_timeout}s"
    return 1
  elif [ $rc -ne 0 ]; then
    local line
    line="$(grep '^STEP ' "$log" | tail -n 1)"
    if [ -n "$line" ]; then
      failure="${line#STEP }"
    else
      failure="run: exit $rc: $(error_of "$log")"
    fi
    return 1
  fi
}

cleanup_boto3() {
  timeout 60 /usr/bin/python3 -I - "$endpoint" "$access_key" "$secret_key" "$region" "matrix-boto3-$run_id" \
    > /dev/null 2>&1 <<'EOF'
import sys, boto3
from botocore.config import Config
endpoint, key, secret, region, bucket = sys.argv[1:6]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region, aws_access_key_id=key,
                  aws_secret_access_key=secret, config=Config(s3={"addressing_style": "path"}))
for o in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
    s3.delete_object(Bucket=bucket, Key=o["Key"])
s3.delete_bucket(Bucket=bucket)
EOF
}

# ------------------------------------------------------------------------------------------------ main
passed=0
failed=0
for client in awscli s3cmd rclone boto3; do
  failure=""
  # Each client in a subshell, so its environment stays its own; the failure comes back on fd 3.
  result="$( (client_"$client" && echo "PASS" >&3 || { echo "FAIL $failure" >&3; cleanup_"$client"; }) 3>&1 > /dev/null 2>&1)"
  if [ "$result" = "PASS" ]; then
    echo "PASS $client"
    passed=$((passed + 1))
  else
    result="${result#FAIL }"
    echo "FAIL $client: ${result:-unknown failure}"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
