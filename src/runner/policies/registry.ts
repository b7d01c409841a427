// Policy types the runner understands, by root element.

import type { PolicyCompiler } from "./policy";
import { compileAssignMessage } from "./assign-message";
import { compileInvalidateCache, compileLookupCache, compilePopulateCache } from "./cache";
import { compileExtractVariables } from "./extract-variables";
import { compileFlowCallout } from "./flow-callout";
import { compileJavascript } from "./javascript";
import { compileKeyValueMapOperations } from "./kvm";
import { compileMessageLogging } from "./message-logging";
import { compileQuota } from "./quota";
import { compileRaiseFault } from "./raise-fault";
import { compileServiceCallout } from "./service-callout";
import { compileSpikeArrest } from "./spike-arrest";
import { compileVerifyJWT } from "./verify-jwt";

const COMPILERS: Record<string, PolicyCompiler> = {
  AssignMessage: compileAssignMessage,
  ExtractVariables: compileExtractVariables,
  FlowCallout: compileFlowCallout,
  InvalidateCache: compileInvalidateCache,
  Javascript: compileJavascript,
  KeyValueMapOperations: compileKeyValueMapOperations,
  LookupCache: compileLookupCache,
  MessageLogging: compileMessageLogging,
  PopulateCache: compilePopulateCache,
  Quota: compileQuota,
  RaiseFault: compileRaiseFault,
  ServiceCallout: compileServiceCallout,
  SpikeArrest: compileSpikeArrest,
  VerifyJWT: compileVerifyJWT
};

export function policyCompiler(type: string): PolicyCompiler | undefined {
  return Object.prototype.hasOwnProperty.call(COMPILERS, type) ? COMPILERS[type] : undefined;
}

export function supportedPolicyTypes(): string[] {
  return Object.keys(COMPILERS).sort();
}
