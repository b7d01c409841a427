// The request every SigV4 benchmark signs: the S3 API Reference's GET Object
// example (range request, header auth), optionally with a session token of
// the size STS web-identity credentials carry.

import type { SigningInput } from "../../sigv4/sign-request";

export function benchRequest(withToken: boolean): SigningInput {
  var token = "";
  for (var i = 0; i < 700; i++) token += "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charAt((i * 7) % 64);
  return {
    method: "GET",
    url: "https://examplebucket.s3.amazonaws.com/test.txt",
    headers: [["Range", "bytes=0-9"]],
    service: "s3",
    region: "us-east-1",
    amzDate: "20130524T000000Z",
    credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: withToken ? token : null },
    payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    addContentSha256: true
  };
}
