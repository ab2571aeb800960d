#!/usr/bin/python3
"""An independent SigV4 signer for tst_sigv4signer: botocore (Debian's python3-botocore).

Reads a JSON list of cases on stdin, each {method, scheme, host, path (raw, unencoded), query:
[[name, value]], headers: {name: value}, body, access_key, secret_key, region, time (epoch s),
expires (presign only, else null)}, and prints a JSON list of {authorization} or
{signature, params} (the presigned URL's query as a dict), in the same order.
"""
import datetime
import json
import sys
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode


def sign(case):
    credentials = Credentials(case["access_key"], case["secret_key"])
    # botocore encodes an S3 key this way before it signs (its serializer does the same).
    url = case["scheme"] + "://" + case["host"] + percent_encode(case["path"], safe="/~")
    request = AWSRequest(method=case["method"], url=url, headers=dict(case["headers"]),
                         params=[tuple(p) for p in case["query"]], data=case["body"].encode())
    with mock.patch("botocore.auth.datetime") as fake:
        fake.datetime.utcnow.return_value = datetime.datetime.utcfromtimestamp(case["time"])
        if case["expires"] is None:
            S3SigV4Auth(credentials, "s3", case["region"]).add_auth(request)
            return {"authorization": request.headers["Authorization"]}
        S3SigV4QueryAuth(credentials, "s3", case["region"], expires=case["expires"]).add_auth(request)
    params = dict(parse_qsl(urlsplit(request.url).query, keep_blank_values=True))
    return {"signature": params.pop("X-Amz-Signature"), "params": params}


print(json.dumps([sign(case) for case in json.load(sys.stdin)]))
