// The top-level sections other than auth and proxies: aws, identity,
// environments.

import type { Intent } from "./model";
import { environmentNameProblem } from "./apigee-names";
import { accountIdProblem, commercialRegionProblem } from "./aws-names";
import { serviceAccountProblem, uniqueIdProblem } from "./google-names";
import { AWS_KEYS, IDENTITY_KEYS } from "./keys";
import { describeNode, Field, MapView, readChecked, readList, readMap, scalarText, valueAnchor } from "./reader";
import { MAX_ENVIRONMENTS } from "./limits";
import { YamlSource } from "./yaml-source";

export interface AwsSection {
  /** Undefined when missing or invalid (already reported). */
  account: string | undefined;
  region: string | undefined;
}

export function readAws(src: YamlSource, field: Field | undefined): AwsSection {
  const node = field === undefined ? undefined : readMap(src, field, "a mapping {account, region}");
  if (field === undefined || node === undefined) return { account: undefined, region: undefined };
  const view = new MapView(src, node, field.path, AWS_KEYS);
  const account = view.require("account", "the 12-digit AWS account ID that holds the roles and buckets");
  const region = view.require("region", "the AWS region code, e.g. us-east-1");
  return {
    account: account && readChecked(src, account, "a 12-digit AWS account ID", accountIdProblem),
    region: region && readChecked(src, region, "an AWS region code", commercialRegionProblem)
  };
}

/** Absent (null), invalid (undefined, already reported), or the service account. */
export function readIdentity(src: YamlSource, field: Field | undefined): Intent["identity"] | undefined {
  if (field === undefined) return null;
  const node = readMap(src, field, "a mapping {serviceAccount, uniqueId}");
  if (node === undefined) return undefined;
  const view = new MapView(src, node, field.path, IDENTITY_KEYS);
  const emailField = view.require("serviceAccount", "the email of the service account the proxies are deployed with");
  const idField = view.require("uniqueId", "the service account's 21-digit unique ID");
  const serviceAccount = emailField && readChecked(src, emailField, "a service account email", serviceAccountProblem);
  const uniqueId = idField && readChecked(src, idField, "a 21-digit unique ID", uniqueIdProblem);
  return serviceAccount === undefined || uniqueId === undefined ? undefined : { serviceAccount, uniqueId };
}

export function readEnvironments(src: YamlSource, field: Field | undefined): string[] | undefined {
  if (field === undefined) return undefined;
  const list = readList(src, field, "a list of Apigee environment names, e.g. [test, prod]");
  if (list === undefined) return undefined;
  if (list.items.length === 0) {
    src.report(valueAnchor(field), field.path, "the list is empty; name at least one Apigee environment, e.g. [test, prod]");
    return undefined;
  }
  if (list.items.length > MAX_ENVIRONMENTS) {
    src.report(valueAnchor(field), field.path, `${list.items.length} environments; an intent may name up to ${MAX_ENVIRONMENTS}`);
    return undefined;
  }
  const names: string[] = [];
  let ok = true;
  list.items.forEach((item, index) => {
    const node = src.resolve(item);
    const name = scalarText(node);
    if (name === undefined) {
      src.report(node ?? field.key, [...field.path, index], `expected an environment name, found ${describeNode(node)}`);
      ok = false;
      return;
    }
    const problem = environmentNameProblem(name) ?? (names.includes(name) ? `environment '${name}' is listed twice; keep one` : null);
    if (problem !== null) {
      src.report(node, [...field.path, index], problem);
      ok = false;
      return;
    }
    names.push(name);
  });
  return ok ? names : undefined;
}
