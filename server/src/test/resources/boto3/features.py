# Exercises issue 10's features through boto3 (Debian's python3-boto3): object and bucket tagging, CORS, SSE-S3,
# SSE-C, default bucket encryption and website configuration, including one AWS error case each. Prints
# "PASS <feature>" per feature, or "FAIL <feature>: <what>" and exits 1 at the first failure.
import base64
import hashlib
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key_id, secret, region, bucket = sys.argv[1:6]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region, aws_access_key_id=key_id,
                  aws_secret_access_key=secret,
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
feature = "setup"


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


try:
    s3.create_bucket(Bucket=bucket)

    feature = "tagging"
    s3.put_object(Bucket=bucket, Key="tagged", Body=b"x", Tagging="team=data%20lake&env=prod")
    tags = {t["Key"]: t["Value"] for t in s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"]}
    check(tags == {"team": "data lake", "env": "prod"}, "object tags %r" % tags)
    check(s3.get_object(Bucket=bucket, Key="tagged")["TagCount"] == 2, "TagCount")
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "owner", "Value": "platform"}]})
    check(s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [{"Key": "owner", "Value": "platform"}], "bucket tags")
    check(error_code(lambda: s3.put_object_tagging(Bucket=bucket, Key="tagged", Tagging={
        "TagSet": [{"Key": "k%d" % i, "Value": "v"} for i in range(11)]})) == "InvalidTag", "11 tags refused")
    print("PASS tagging")

    feature = "cors"
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [{
        "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "PUT"], "AllowedHeaders": ["*"],
        "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 60}]})
    rule = s3.get_bucket_cors(Bucket=bucket)["CORSRules"][0]
    check(rule["AllowedOrigins"] == ["https://app.example.com"] and rule["MaxAgeSeconds"] == 60, "cors rule %r" % rule)
    check(error_code(lambda: s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [{
        "AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]})) == "InvalidRequest", "PATCH refused")
    print("PASS cors")

    feature = "sse-s3"
    put = s3.put_object(Bucket=bucket, Key="sse-s3", Body=b"secret" * 20000, ServerSideEncryption="AES256")
    check(put["ServerSideEncryption"] == "AES256", "put answer")
    got = s3.get_object(Bucket=bucket, Key="sse-s3", Range="bytes=6-11")
    check(got["Body"].read() == b"secret" and got["ServerSideEncryption"] == "AES256", "ranged get")
    print("PASS sse-s3")

    feature = "sse-c"
    key = bytes(range(32))
    md5 = base64.b64encode(hashlib.md5(key).digest()).decode()
    s3.put_object(Bucket=bucket, Key="sse-c", Body=b"customer", SSECustomerAlgorithm="AES256", SSECustomerKey=key)
    got = s3.get_object(Bucket=bucket, Key="sse-c", SSECustomerAlgorithm="AES256", SSECustomerKey=key)
    check(got["Body"].read() == b"customer" and got["SSECustomerKeyMD5"] == md5, "get with the key")
    check(error_code(lambda: s3.get_object(Bucket=bucket, Key="sse-c")) == "InvalidRequest", "get without the key")
    print("PASS sse-c")

    feature = "bucket-encryption"
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    check(s3.put_object(Bucket=bucket, Key="by-default", Body=b"d")["ServerSideEncryption"] == "AES256", "default")
    s3.delete_bucket_encryption(Bucket=bucket)
    check(error_code(lambda: s3.get_bucket_encryption(Bucket=bucket))
          == "ServerSideEncryptionConfigurationNotFoundError", "deleted")
    print("PASS bucket-encryption")

    feature = "website"
    s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={
        "IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"}})
    site = s3.get_bucket_website(Bucket=bucket)
    check(site["IndexDocument"]["Suffix"] == "index.html" and site["ErrorDocument"]["Key"] == "error.html", "website")
    check(error_code(lambda: s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={
        "IndexDocument": {"Suffix": "a/index.html"}})) == "InvalidArgument", "bad suffix refused")
    s3.delete_bucket_website(Bucket=bucket)
    print("PASS website")
except Exception as e:  # report which feature failed and how, for the Java test's message
    print("FAIL %s: %s" % (feature, e))
    sys.exit(1)
