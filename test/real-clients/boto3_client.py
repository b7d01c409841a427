"""Drives the loopback stand-ins with boto3 (botocore's defaults: checksums,
retries, virtual-hosted S3 addressing) and prints what came back as JSON.

Input on stdin: {"region", "sts", "s3", "ssm", "roleArn", "token", "bucket"};
the S3 and SSM endpoints are http://SERVICE.REGION.amazonaws.com:PORT, and
every *.amazonaws.com name resolves to 127.0.0.1 here.
"""

import json
import socket
import sys

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

cfg = json.load(sys.stdin)
_getaddrinfo = socket.getaddrinfo


def _loopback(host, port, *args, **kwargs):
    if isinstance(host, str) and host.endswith(".amazonaws.com"):
        host = "127.0.0.1"
    return _getaddrinfo(host, port, *args, **kwargs)


socket.getaddrinfo = _loopback
results = {"botocore": botocore.__version__}


def outcome(name, call):
    try:
        results[name] = call()
    except ClientError as e:
        results[name] = {
            "error": e.response["Error"]["Code"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "message": e.response["Error"].get("Message"),
        }


region = cfg["region"]
bucket = cfg["bucket"]
sts = boto3.client("sts", region_name=region, endpoint_url=cfg["sts"], config=Config(signature_version=botocore.UNSIGNED))
assumed = sts.assume_role_with_web_identity(RoleArn=cfg["roleArn"], RoleSessionName="boto3", WebIdentityToken=cfg["token"])
c = assumed["Credentials"]
results["assumedRoleArn"] = assumed["AssumedRoleUser"]["Arn"]
creds = dict(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])

s3 = boto3.client("s3", region_name=region, endpoint_url=cfg["s3"], config=Config(s3={"addressing_style": "virtual"}), **creds)
put = s3.put_object(Bucket=bucket, Key="boto3/hello.txt", Body=b"hello from boto3", ContentType="text/plain")
results["put"] = {k: put.get(k) for k in ("ETag", "ChecksumCRC32", "ChecksumType")}
got = s3.get_object(Bucket=bucket, Key="boto3/hello.txt")
results["get"] = {"body": got["Body"].read().decode(), "ContentType": got["ContentType"], "ChecksumCRC32": got.get("ChecksumCRC32")}
head = s3.head_object(Bucket=bucket, Key="boto3/hello.txt", ChecksumMode="ENABLED")
results["head"] = {"ContentLength": head["ContentLength"], "ChecksumCRC32": head.get("ChecksumCRC32")}
s3.put_object(Bucket=bucket, Key="boto3/other.txt", Body=b"x", ChecksumAlgorithm="SHA256")
results["list"] = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="boto3/")["Contents"]]
s3.delete_object(Bucket=bucket, Key="boto3/other.txt")
results["listAfterDelete"] = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="boto3/")["Contents"]]
seeded = s3.get_object(Bucket=bucket, Key="seeded/readme.txt")
results["seeded"] = seeded["Body"].read().decode()


def put_if_match(etag):
    kwargs = dict(Bucket=bucket, Key="boto3/hello.txt", Body=b"overwrite")
    if "IfMatch" in s3.meta.service_model.operation_model("PutObject").input_shape.members:
        return s3.put_object(IfMatch=etag, **kwargs)
    # botocore older than If-Match on PutObject (Nov 2024): send the header itself.
    s3.meta.events.register("before-sign.s3.PutObject", lambda request, **_: request.headers.__setitem__("If-Match", etag))
    return s3.put_object(**kwargs)


outcome("ifMatch", lambda: put_if_match('"00000000000000000000000000000000"'))
# botocore's legacy retry mode retries BadDigest (its "contentmd5" policy), against S3 too: one attempt is enough here.
once = boto3.client("s3", region_name=region, endpoint_url=cfg["s3"], config=Config(retries={"total_max_attempts": 1}), **creds)
outcome("badDigest", lambda: once.put_object(Bucket=bucket, Key="boto3/bad.txt", Body=b"body", ChecksumCRC32="AAAAAA=="))
no_token = boto3.client(
    "s3", region_name=region, endpoint_url=cfg["s3"], aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"]
)
outcome("noToken", lambda: no_token.get_object(Bucket=bucket, Key="seeded/readme.txt"))

ssm = boto3.client("ssm", region_name=region, endpoint_url=cfg["ssm"], **creds)
results["parameter"] = ssm.get_parameter(Name="/app/db/password", WithDecryption=True)["Parameter"]["Value"]
params = ssm.get_parameters(Names=["/app/db/host", "/app/nope"], WithDecryption=True)
results["parameters"] = {"values": [p["Value"] for p in params["Parameters"]], "invalid": params["InvalidParameters"]}
results["byPath"] = [p["Name"] for p in ssm.get_parameters_by_path(Path="/app", Recursive=True)["Parameters"]]
results["byPathFiltered"] = [
    p["Name"] for p in ssm.get_parameters_by_path(Path="/app", Recursive=True, ParameterFilters=[{"Key": "Type", "Values": ["StringList"]}])["Parameters"]
]
outcome("denied", lambda: ssm.get_parameter(Name="/other/secret"))
print(json.dumps(results, default=str))
