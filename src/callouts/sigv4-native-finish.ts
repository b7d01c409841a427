// JavaScript policy resource of the aws-sigv4 shared flow (native mode, step 3
// of 3): the Authorization header from the signature AM-SigV4-Hmac computed.
// The derived keys are removed so no later policy sees them.
// Contract: docs/runtime-contract.md.

import { authorizationHeader } from "../sigv4/sign-request";
import { readRequired } from "./support/flow";
import { signedMessageName } from "./support/signing-input";

var signature = readRequired("private.aws.sigv4.signature");
if (!/^[0-9a-f]{64}$/.test(signature)) throw new Error("private.aws.sigv4.signature is not a hex HMAC-SHA256; check AM-SigV4-Hmac");
context.setVariable(
  signedMessageName() + ".header.authorization",
  authorizationHeader(
    readRequired("private.aws.credentials.accessKeyId"),
    readRequired("aws.sigv4.credentialScope"),
    readRequired("aws.sigv4.signedHeaders"),
    signature
  )
);
var derived = ["kSecret", "kDate", "kRegion", "kService", "kSigning"];
for (var i = 0; i < derived.length; i++) context.removeVariable("private.aws.sigv4." + derived[i]);
