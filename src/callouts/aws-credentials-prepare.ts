// JavaScript policy JS-AwsCredentials-Prepare, first step of the
// aws-credentials shared flow: clears what an earlier call in the same
// request left, validates the FlowCallout parameters, names the identity
// and session, and derives the cache key the next steps look up.
// Contract: docs/runtime-contract.md.

import { FLOW, ID_TOKEN_CALLOUT, OUT } from "./support/aws-credentials-names";
import { withdraw } from "./support/aws-credentials-output";
import { cacheKeyMaterial, CredentialRequest, isParameterProblem, readCredentialRequest } from "./support/aws-credentials-params";
import { problem, setFault } from "./support/aws-credentials-problem";
import { sha256HexOfString } from "./support/apigee-hash";

var LEFTOVERS = [
  FLOW.state, FLOW.cached, FLOW.refreshLock, FLOW.refreshLockHolder, FLOW.backoff, FLOW.entry, FLOW.cacheTtl, FLOW.backoffEntry, FLOW.backoffTtl,
  FLOW.exchange, FLOW.idTokenRequestBody, FLOW.resolvedMode, FLOW.cacheKey, ID_TOKEN_CALLOUT.failed, OUT.attempts, OUT.error
];

function clearLeftovers(): void {
  withdraw();
  for (var i = 0; i < LEFTOVERS.length; i++) context.removeVariable(LEFTOVERS[i]);
  // Until a step succeeds, the flow's RaiseFault answers with this.
  setFault(problem("not-obtained", 500, "AWS credentials were not obtained", "the aws-credentials shared flow ended without credentials"));
}

function publishRequest(request: CredentialRequest): void {
  context.setVariable(FLOW.cacheKey, sha256HexOfString(cacheKeyMaterial(request)));
  context.setVariable(FLOW.resolvedMode, request.mode);
  context.setVariable(OUT.sessionName, request.sessionName);
  context.setVariable(
    FLOW.exchange,
    JSON.stringify({
      roleArn: request.roleArn,
      mode: request.mode,
      serviceAccount: request.serviceAccount,
      tokenVariable: request.tokenVariable,
      stsUrl: request.stsUrl,
      durationSeconds: request.durationSeconds,
      sourceIdentity: request.sourceIdentity,
      sessionName: request.sessionName
    })
  );
  if (request.mode === "gateway") context.setVariable(FLOW.idTokenRequestBody, JSON.stringify({ audience: request.audience, includeEmail: false }));
  context.setVariable(FLOW.state, "lookup");
}

clearLeftovers();
try {
  publishRequest(readCredentialRequest());
} catch (e) {
  if (!isParameterProblem(e)) throw e;
  setFault(e.awsCredentialsProblem);
  context.setVariable(FLOW.state, "invalid");
}
