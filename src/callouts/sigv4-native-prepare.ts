// JavaScript policy resource of the aws-sigv4 shared flow (native mode, step 1
// of 3): the canonical request and string to sign, hashed with Apigee's
// crypto.getSHA256(). The secret access key is never read here: the HMAC
// chain runs next in AssignMessage hmacSha256 templates (AM-SigV4-Hmac), and
// sigv4-native-finish.js sets the Authorization header.
// Contract: docs/runtime-contract.md.

import { prepareHeaderSignature } from "../sigv4/sign-request";
import { exposeDebug, readCredentialsWithoutSecret, readSigningInput, signedMessageName } from "./support/signing-input";

var messageName = signedMessageName();
var input = readSigningInput(messageName, false, readCredentialsWithoutSecret());
var prepared = prepareHeaderSignature(input);
for (var i = 0; i < prepared.headers.length; i++) {
  context.setVariable(messageName + ".header." + prepared.headers[i][0], prepared.headers[i][1]);
}
context.setVariable("private.aws.sigv4.stringToSign", prepared.stringToSign);
context.setVariable("aws.sigv4.dateStamp", input.amzDate.substring(0, 8));
context.setVariable("aws.sigv4.signedHeaders", prepared.signedHeaders);
context.setVariable("aws.sigv4.credentialScope", prepared.credentialScope);
exposeDebug(prepared.canonicalRequest, prepared.stringToSign);
