// JavaScript policy resource: a presigned URL for a message (for example to
// redirect a client straight to S3). The URL carries the session token, so it
// lands in a private. variable. Contract: docs/runtime-contract.md.

import { presignRequest } from "../sigv4/sign-request";
import { readRequired } from "./support/flow";
import { exposeDebug, readCredentials, readSigningInput, signedMessageName } from "./support/signing-input";

var presignInput = readSigningInput(signedMessageName(), true, readCredentials());
var presigned = presignRequest({
  method: presignInput.method,
  url: presignInput.url,
  headers: presignInput.headers,
  service: presignInput.service,
  region: presignInput.region,
  amzDate: presignInput.amzDate,
  credentials: presignInput.credentials,
  payloadHash: presignInput.payloadHash,
  signHeader: presignInput.signHeader,
  pathRules: presignInput.pathRules,
  unsignedSessionToken: presignInput.unsignedSessionToken,
  hashHex: presignInput.hashHex,
  expiresSeconds: Number(readRequired("aws.sigv4.presign.expires"))
});
context.setVariable("private.aws.sigv4.presignedUrl", presigned.url);
context.setVariable("aws.sigv4.signedHeaders", presigned.signedHeaders);
context.setVariable("aws.sigv4.credentialScope", presigned.credentialScope);
exposeDebug(presigned.canonicalRequest, presigned.stringToSign);
