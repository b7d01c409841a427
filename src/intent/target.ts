// A proxy's `target`: s3://bucket/prefix/ or an https AWS endpoint URL.

import type { ProxyIntent } from "./model";
import { awsHostProblem, bucketNameProblem, prefixProblem, regionInHost, regionProblem, signingServiceProblem } from "./aws-names";
import { SIGN_KEYS } from "./keys";
import { Field, MapView, offsetInScalar, readChecked, readMap, readString, valueAnchor } from "./reader";
import { httpsUrlProblem } from "./web-names";
import { YamlSource } from "./yaml-source";
import { placeholderProblem } from "./env-placeholder";

export type ParsedTarget = { kind: "s3"; bucket: string; prefix: string } | { kind: "https"; url: string; host: string };

/** What is wrong, and where in the target text (character index) to point. */
export interface TargetProblem {
  message: string;
  index: number;
}

const EXPECTED = "expected s3://bucket/prefix/ (or s3://bucket/ for the whole bucket) or an https AWS endpoint URL with sign: {service}";

/** `environments` (undefined when invalid) are the names a bucket's {env} takes, each checked. */
export function parseTarget(text: string, environments: readonly string[] | undefined): ParsedTarget | TargetProblem[] {
  if (text.startsWith("s3://")) return parseS3Uri(text, environments);
  if (text.startsWith("https://")) return parseHttps(text);
  const s3Arn = text.match(/^arn:aws[a-z-]*:s3:::([^/]+)\/?(.*)$/);
  if (s3Arn) return [{ message: `${EXPECTED}. For this bucket write s3://${s3Arn[1]}/${s3Arn[2]}`, index: 0 }];
  if (/^s3:\/\//i.test(text)) return [{ message: `${EXPECTED}: write the scheme in lowercase, 's3://'`, index: 0 }];
  if (text.startsWith("http://")) return [{ message: `${EXPECTED}: AWS endpoints are reached over https, write https://`, index: 0 }];
  return [{ message: `${EXPECTED}, found '${text}'`, index: 0 }];
}

function parseS3Uri(text: string, environments: readonly string[] | undefined): ParsedTarget | TargetProblem[] {
  const bucketStart = "s3://".length;
  const rest = text.slice(bucketStart);
  const slash = rest.indexOf("/");
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const prefix = slash < 0 ? "" : rest.slice(slash + 1);
  if (bucket === "") return [{ message: `${EXPECTED}: the bucket name is missing after 's3://'`, index: bucketStart }];
  // Without the slash a reader cannot tell "the whole bucket" from a typo that lost the folder.
  if (slash < 0) return [{ message: `'${text}' names no folder; did you mean s3://${bucket}/ (the whole bucket)? Write the trailing '/' to grant the whole bucket, or add the folder (s3://${bucket}/builds/)`, index: text.length }];
  const problems: TargetProblem[] = [];
  const bucketProblem = placeholderProblem(bucket, environments, bucketNameProblem, "bucket name");
  if (bucketProblem !== null) problems.push({ message: bucketProblem, index: bucketStart });
  const prefixIssue = prefixProblem(prefix);
  if (prefixIssue !== null) problems.push({ message: prefixIssue, index: bucketStart + bucket.length + 1 });
  return problems.length > 0 ? problems : { kind: "s3", bucket, prefix };
}

function parseHttps(text: string): ParsedTarget | TargetProblem[] {
  const urlProblem = httpsUrlProblem(text, { what: "an https target", allowQuery: false });
  if (urlProblem !== null) return [{ message: urlProblem, index: 0 }];
  const host = new URL(text).hostname;
  const hostProblem = awsHostProblem(host);
  if (hostProblem !== null) return [{ message: hostProblem, index: "https://".length }];
  return { kind: "https", url: text, host };
}

/** The `target` field, with `sign` for https targets; `defaultRegion` is aws.region. */
export function readTarget(src: YamlSource, field: Field, signField: Field | undefined, defaultRegion: string | undefined, environments: readonly string[] | undefined): ProxyIntent["target"] | undefined {
  const text = readString(src, field, "s3://bucket/prefix/ or an https AWS endpoint URL");
  if (text === undefined) return undefined;
  const parsed = parseTarget(text.trim(), environments);
  const leading = text.length - text.trimStart().length;
  if (Array.isArray(parsed)) {
    for (const problem of parsed) src.report(field.value ? offsetInScalar(field.value, leading + problem.index) : field.key, field.path, problem.message);
    return undefined;
  }
  if (parsed.kind === "s3") {
    if (signField !== undefined) {
      src.report(signField.key, signField.path, "s3:// targets are signed for S3 automatically; remove 'sign' (it is for https targets)");
      return undefined;
    }
    return { kind: "s3", bucket: parsed.bucket, prefix: parsed.prefix };
  }
  if (signField === undefined) {
    src.report(valueAnchor(field), field.path, "an https target needs 'sign: {service: NAME}', the SigV4 signing name of the service (e.g. lambda, execute-api)");
    return undefined;
  }
  const sign = readSign(src, signField, parsed.host, defaultRegion);
  return sign === undefined ? undefined : { kind: "aws", url: parsed.url, service: sign.service, region: sign.region };
}

/** `sign: {service, region?}`; the region defaults to the one in the endpoint's host, else aws.region. */
function readSign(src: YamlSource, field: Field, host: string, defaultRegion: string | undefined): { service: string; region: string } | undefined {
  const node = readMap(src, field, "a mapping {service, region?}");
  if (node === undefined) return undefined;
  const view = new MapView(src, node, field.path, SIGN_KEYS);
  const serviceField = view.require("service", "the SigV4 signing name, e.g. lambda, execute-api");
  const service = serviceField === undefined ? undefined : readChecked(src, serviceField, "a SigV4 signing name", signingServiceProblem);
  const regionField = view.get("region");
  const region = regionField === undefined ? (regionInHost(host) ?? defaultRegion) : readChecked(src, regionField, "an AWS region code", regionProblem);
  return service === undefined || region === undefined ? undefined : { service, region };
}
