# Uploads a file through boto3's generate_presigned_post and urllib3's multipart encoder, the way a Python web app
# hands a browser a form. Prints the HTTP status and the ETag; exits non-zero when the upload was refused.
import sys

import boto3
import urllib3
from botocore.config import Config

endpoint, key_id, secret, region, bucket, key, content, max_length = sys.argv[1:9]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region, aws_access_key_id=key_id,
                  aws_secret_access_key=secret,
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
post = s3.generate_presigned_post(
    Bucket=bucket, Key=key,
    Fields={"Content-Type": "text/plain", "success_action_status": "201"},
    Conditions=[{"Content-Type": "text/plain"}, {"success_action_status": "201"},
                ["content-length-range", 1, int(max_length)]],
    ExpiresIn=300)
fields = dict(post["fields"])
fields["file"] = ("upload.txt", content.encode("utf-8"), "text/plain")
response = urllib3.PoolManager().request("POST", post["url"], fields=fields)
print(response.status, response.headers.get("ETag"))
print(response.data.decode("utf-8", "replace"))
sys.exit(0 if response.status == 201 else 1)
