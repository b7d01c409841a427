// JavaScript policies JS-AwsCredentials-Cache and JS-AwsCredentials-ClaimCheck.
// After LC-AwsCredentials it judges the entry found: fresh (use it), refresh
// (use it; one request should refresh it early) or missing (fetch new
// credentials). After a request wrote its messageid into the refresh lock
// and read the lock back (state claiming), it decides whether this request
// won the lock: only then does the state become refreshing.
// Contract: docs/runtime-contract.md.

import { FLOW } from "./support/aws-credentials-names";
import { classify, parseEntry } from "./support/aws-credentials-entry";
import { publish } from "./support/aws-credentials-output";
import { nowMillis } from "./support/flow-clock";
import { readString } from "./support/flow";

function judgeEntry(): void {
  var entry = parseEntry(readString(FLOW.cached));
  var state = classify(entry, nowMillis());
  if (state !== "missing") publish(entry!, "cache");
  context.setVariable(FLOW.state, state);
}

/** The last writer of the lock finds its own messageid; everyone else keeps the cached credentials. */
function decideClaim(): void {
  var won = readString(FLOW.refreshLockHolder) === readString("messageid");
  context.setVariable(FLOW.state, won ? "refreshing" : "refresh");
}

if (readString(FLOW.state) === "claiming") decideClaim();
else judgeEntry();
