// The canonical URI of a request, from its path as sent on the wire.
//
// Amazon S3: the object key is encoded once and the path is never normalised:
// "a//b/../c" is a valid key. So the wire path is decoded and re-encoded
// strictly, which leaves a correctly encoded path unchanged.
//
// Every other service: the path is normalised (empty and "." segments dropped,
// ".." resolved) and encoded again, so an encoded wire path is encoded twice.
// This is what the AWS SDKs and AWS's own test suite do.

import { percentDecode } from "../flow/url-parts";
import { uriEncode } from "./uri-encode";

export interface PathRules {
  /** Encode the wire path again (generic services) instead of once (S3). */
  doubleEncode: boolean;
  /** Remove "." and ".." segments and empty segments first. */
  normalize: boolean;
}

export var S3_PATH_RULES: PathRules = { doubleEncode: false, normalize: false };
export var GENERIC_PATH_RULES: PathRules = { doubleEncode: true, normalize: true };

export function pathRulesFor(service: string): PathRules {
  return service === "s3" ? S3_PATH_RULES : GENERIC_PATH_RULES;
}

export function canonicalUri(wirePath: string, rules: PathRules): string {
  var path = wirePath === "" ? "/" : wirePath;
  if (rules.normalize) path = normalizePath(path);
  return rules.doubleEncode ? uriEncode(path, true) : uriEncode(percentDecode(path), true);
}

/** Segment normalisation as the AWS SDKs do it; keeps a trailing slash. */
export function normalizePath(path: string): string {
  var segments = path.split("/");
  var kept: string[] = [];
  for (var i = 0; i < segments.length; i++) {
    var s = segments[i];
    if (s === "" || s === ".") continue;
    if (s === "..") kept.pop();
    else kept.push(s);
  }
  var leading = path.charAt(0) === "/" ? "/" : "";
  var trailing = kept.length > 0 && path.charAt(path.length - 1) === "/" ? "/" : "";
  return leading + kept.join("/") + trailing;
}
