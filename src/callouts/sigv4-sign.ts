// JavaScript policy resource of the aws-sigv4 shared flow (script mode): signs
// a message with SigV4 using the temporary credentials in private.aws.credentials.*.
// Contract: docs/runtime-contract.md.

import { signRequest } from "../sigv4/sign-request";
import { exposeDebug, readCredentials, readSigningInput, signedMessageName } from "./support/signing-input";

var messageName = signedMessageName();
var signed = signRequest(readSigningInput(messageName, false, readCredentials()));
for (var i = 0; i < signed.headers.length; i++) {
  context.setVariable(messageName + ".header." + signed.headers[i][0], signed.headers[i][1]);
}
context.setVariable(messageName + ".header.authorization", signed.authorization);
context.setVariable("aws.sigv4.signedHeaders", signed.signedHeaders);
context.setVariable("aws.sigv4.credentialScope", signed.credentialScope);
exposeDebug(signed.canonicalRequest, signed.stringToSign);
