// Messages between Node and the Rhino host process (JSON, one per line).
// The host is built by the callout toolchain, so this file stays ES5-clean.

import type { FlowState } from "../flow/flow-variables";

/** A script previously sent with a `load` request. */
export interface ScriptRef {
  key: string;
  /** File name Apigee would report, e.g. "sigv4-sign.js". */
  name: string;
}

export interface RunJob {
  /** IncludeURL scripts first, then the ResourceURL script, as a JavaScript policy runs them. */
  scripts: ScriptRef[];
  /** The policy's <Properties>. */
  properties: { [name: string]: string };
  /** The policy's timeLimit in milliseconds. */
  timeLimitMs: number;
  flow: FlowState;
  /** context.flow: PROXY_REQ_FLOW, PROXY_RESP_FLOW, TARGET_REQ_FLOW or TARGET_RESP_FLOW. */
  flowName: string;
}

export interface ScriptError {
  name: string;
  message: string;
  file: string | null;
  line: number | null;
}

export interface RunResult {
  /** The flow after the scripts ran (variables and messages). */
  flow: FlowState;
  /** One entry per print() call. */
  prints: string[];
  error: ScriptError | null;
  /** The policy ran past timeLimit and was stopped. */
  timedOut: boolean;
  elapsedMs: number;
}

export type HostRequest =
  | { id: number; op: "load"; key: string; name: string; source: string }
  | { id: number; op: "run"; job: RunJob };

export type HostResponse =
  | { id: number; ok: true; result?: RunResult }
  | { id: number; ok: false; error: string };
