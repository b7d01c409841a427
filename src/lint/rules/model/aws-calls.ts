// The calls a bundle makes to AWS: TargetEndpoints whose HTTPTargetConnection
// URL (or a target.url an AssignMessage in its request flows sets) is an AWS
// endpoint, and ServiceCallouts whose URL is. Shared by AA008 (signed),
// AA009 (TLS), AA011/AA012 (S3 guards).

import { childAt, trimmedOwnText, type Element } from "../../../bundle/xml";
import { AwsEndpointKind, awsKindOfUrl, isPresignedUrl } from "./aws-endpoints";
import type { BundleModel, EndpointFile, PolicyFile } from "./bundle";
import { endpointSteps } from "./flows";
import { assignVariables } from "./policies";

export interface AwsUrl {
  url: string;
  kind: AwsEndpointKind;
  /** The element holding the URL: <URL>, or the AssignVariable's <Name>. */
  element: Element;
  file: string;
  /** Set by an AssignMessage (target.url) rather than the HTTPTargetConnection. */
  assigned: boolean;
}

export interface AwsTarget {
  target: EndpointFile;
  urls: AwsUrl[];
}

export interface AwsServiceCallout {
  policy: PolicyFile;
  url: AwsUrl;
}

function connectionUrl(root: Element, file: string): AwsUrl | null {
  const el = childAt(root, ["HTTPTargetConnection", "URL"]);
  const url = trimmedOwnText(el);
  const kind = url ? awsKindOfUrl(url) : null;
  return el && kind ? { url, kind, element: el, file, assigned: false } : null;
}

/** target.url is writable in the target request flow only, so only the target's own steps can point it elsewhere. */
function assignedTargetUrls(bundle: BundleModel, target: EndpointFile): AwsUrl[] {
  const seen = new Set<string>();
  return endpointSteps(target, "request").flatMap((step) => {
    const policy = bundle.policies.get(step.policyName);
    if (!policy || seen.has(policy.name)) return [];
    seen.add(policy.name);
    return assignVariables(policy).flatMap((av) => {
      if (av.name !== "target.url") return [];
      const url = av.value ?? av.template ?? "";
      const kind = awsKindOfUrl(url);
      return kind ? [{ url, kind, element: av.nameElement ?? av.element, file: policy.file, assigned: true }] : [];
    });
  });
}

export function awsTargets(bundle: BundleModel): AwsTarget[] {
  return bundle.targetEndpoints.flatMap((target) => {
    const direct = connectionUrl(target.root, target.file);
    const urls = [...(direct ? [direct] : []), ...assignedTargetUrls(bundle, target)];
    return urls.length ? [{ target, urls }] : [];
  });
}

/** A target in front of S3 objects, with the first of its URLs that points there (where its findings go). */
export interface S3Target {
  target: EndpointFile;
  url: AwsUrl;
}

export function s3Targets(bundle: BundleModel): S3Target[] {
  return awsTargets(bundle).flatMap(({ target, urls }) => {
    const url = urls.find((u) => u.kind === "s3");
    return url ? [{ target, url }] : [];
  });
}

export function awsServiceCallouts(bundle: BundleModel): AwsServiceCallout[] {
  return [...bundle.policies.values()].flatMap((policy) => {
    if (policy.type !== "ServiceCallout") return [];
    const url = connectionUrl(policy.root, policy.file);
    return url ? [{ policy, url }] : [];
  });
}

/** STS AssumeRoleWithWebIdentity is unsigned by design: the web identity token is the credential. */
export function isWebIdentityExchange(url: AwsUrl, configText: string): boolean {
  return url.kind === "sts" && /AssumeRoleWithWebIdentity/.test(url.url + "\n" + configText);
}

/** Calls that need a SigV4 signature (not S3 websites, presigned URLs or the web-identity exchange). */
export function needsSignature(url: AwsUrl, configText: string): boolean {
  return url.kind !== "s3-website" && !isPresignedUrl(url.url) && !isWebIdentityExchange(url, configText);
}
