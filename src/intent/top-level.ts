// The top-level sections other than auth and proxies: aws, identity,
// environments.

import type { Node } from "yaml";
import type { AwsIntent, AwsPlace, IdentityIntent } from "./model";
import { environmentNameProblem } from "./apigee-names";
import { accountIdProblem, commercialRegionProblem } from "./aws-names";
import { didYouMean } from "./did-you-mean";
import { projectIdProblem, serviceAccountProblem, uniqueIdProblem } from "./google-names";
import { AWS_KEYS, AWS_PLACE_KEYS, IDENTITY_GRANULARITIES, IDENTITY_KEYS } from "./keys";
import { choiceProblem, describeNode, Field, MapView, readChecked, readList, readMap, scalarText, valueAnchor } from "./reader";
import { MAX_ENVIRONMENTS } from "./limits";
import { YamlSource } from "./yaml-source";

/** What aws.environments states for one environment; a key left out is undefined, an invalid one too (then `valid` is false). */
interface StatedPlace {
  env: string;
  key: Node;
  path: Field["path"];
  account: string | undefined;
  region: string | undefined;
  valid: boolean;
}

export interface AwsSection {
  /** Undefined when missing or invalid (already reported). */
  account: string | undefined;
  region: string | undefined;
  /** aws.environments as written, checked against the environments by resolveAws; undefined when it is invalid (already reported). */
  stated: StatedPlace[] | undefined;
}

const PLACE_EXAMPLE = 'prod: {account: "222222222222", region: eu-west-1}';

export function readAws(src: YamlSource, field: Field | undefined): AwsSection {
  const node = field === undefined ? undefined : readMap(src, field, "a mapping {account, region}");
  if (field === undefined || node === undefined) return { account: undefined, region: undefined, stated: [] };
  const view = new MapView(src, node, field.path, AWS_KEYS);
  const account = view.require("account", "the 12-digit AWS account ID that holds the roles and buckets (of every environment aws.environments does not place elsewhere)");
  const region = view.require("region", "the AWS region code, e.g. us-east-1");
  return {
    account: account && readChecked(src, account, "a 12-digit AWS account ID", accountIdProblem),
    region: region && readChecked(src, region, "an AWS region code", commercialRegionProblem),
    stated: readPlaces(src, view.get("environments"))
  };
}

/** `aws.environments: {ENV: {account?, region?}}`: the environments whose roles, buckets and parameters live elsewhere. */
function readPlaces(src: YamlSource, field: Field | undefined): StatedPlace[] | undefined {
  if (field === undefined) return [];
  const node = readMap(src, field, `a mapping of environment name to its own {account, region}, e.g. {${PLACE_EXAMPLE}}`);
  if (node === undefined) return undefined;
  return new MapView(src, node, field.path, null).entries().map((entry) => readPlace(src, entry));
}

function readPlace(src: YamlSource, entry: Field): StatedPlace {
  const place: StatedPlace = { env: entry.name, key: entry.key, path: entry.path, account: undefined, region: undefined, valid: false };
  const node = readMap(src, entry, `a mapping {account, region} (either may be left out: the default aws.account or aws.region is used), e.g. ${PLACE_EXAMPLE}`);
  if (node === undefined) return place;
  const view = new MapView(src, node, entry.path, AWS_PLACE_KEYS);
  const accountField = view.get("account");
  const regionField = view.get("region");
  if (accountField === undefined && regionField === undefined) {
    if (node.items.length === 0) src.report(valueAnchor(entry), entry.path, `states neither account nor region: give environment ${entry.name}'s own (${PLACE_EXAMPLE}), or remove it to use aws.account and aws.region`);
    return place;
  }
  place.account = accountField && readChecked(src, accountField, "a 12-digit AWS account ID", accountIdProblem);
  place.region = regionField && readChecked(src, regionField, "an AWS region code", commercialRegionProblem);
  place.valid = (accountField === undefined || place.account !== undefined) && (regionField === undefined || place.region !== undefined);
  return place;
}

/**
 * The aws section with every environment placed: aws.environments may name
 * only environments of the intent. Undefined when anything in it is invalid
 * (already reported). `placeOf` is what the proxies' checks use meanwhile:
 * an environment's account and region as far as they are known.
 */
export function resolveAws(src: YamlSource, section: AwsSection, environments: readonly string[] | undefined): AwsIntent | undefined {
  const { account, region, stated } = section;
  let ok = stated !== undefined;
  const own: Record<string, AwsPlace> = {};
  for (const place of stated ?? []) {
    if (environments !== undefined && !environments.includes(place.env)) {
      src.report(place.key, place.path, `'${place.env}' is not one of the environments (${environments.join(", ")}).${didYouMean(place.env, environments)} Name an environment, whose roles, buckets and parameters then live in that account and region`);
      ok = false;
      continue;
    }
    if (!place.valid) ok = false;
    else if (account !== undefined && region !== undefined) own[place.env] = { account: place.account ?? account, region: place.region ?? region };
  }
  if (!ok || account === undefined || region === undefined || environments === undefined) return undefined;
  // Listed in the intent's order, so everything derived from it is too.
  const ordered = environments.filter((env) => own[env] !== undefined);
  return ordered.length === 0 ? { account, region } : { account, region, environments: Object.fromEntries(ordered.map((env) => [env, own[env]])) };
}

/** An environment's account and region as far as the aws section gives them (for checks before it is resolved). */
export function placeIn(section: AwsSection, env: string): { account: string | undefined; region: string | undefined } {
  const own = section.stated?.find((p) => p.env === env);
  if (own && !own.valid) return { account: undefined, region: undefined };
  return { account: own?.account ?? section.account, region: own?.region ?? section.region };
}

const SHARING_ADVICE =
  "one service account for every role and environment lets any bundle deployed with it (in test, say) assume every role (prod's too); apigee-aws gives each proxy and environment its own account: " +
  "write identity: {project: GOOGLE_PROJECT} (the Terraform in aws/terraform creates the accounts there), or add per: shared to keep this one account (build then warns)";

/** Absent (null), invalid (undefined, already reported), or who gateway-mode roles trust. */
export function readIdentity(src: YamlSource, field: Field | undefined): IdentityIntent | null | undefined {
  if (field === undefined) return null;
  const node = readMap(src, field, "a mapping {project: GOOGLE_PROJECT}, or {per: shared, serviceAccount: EMAIL, uniqueId: ID}");
  if (node === undefined) return undefined;
  const view = new MapView(src, node, field.path, IDENTITY_KEYS);
  const perField = view.get("per");
  const per = perField === undefined ? undefined : readChecked(src, perField, "how many service accounts", (t) => choiceProblem(t, IDENTITY_GRANULARITIES, "per"));
  if (perField !== undefined && per === undefined) return undefined;
  const named = view.get("serviceAccount") ?? view.get("uniqueId");
  if (per === "shared" || (per === undefined && named !== undefined)) {
    if (per === undefined) {
      src.report(named!.key, named!.path, SHARING_ADVICE);
      return undefined;
    }
    return readSharedAccount(src, view, field);
  }
  if (named !== undefined) {
    src.report(named.key, named.path, `serviceAccount and uniqueId name one account for every role, which only per: shared does; with per: ${per ?? "proxy-environment"} apigee-aws names the accounts in the project: remove them`);
    return undefined;
  }
  const projectField = view.require("project", "the Google project that holds the proxies' service accounts");
  const project = projectField && readChecked(src, projectField, "a Google Cloud project ID", projectIdProblem);
  const projects = readProjects(src, view.get("projects"));
  if (project === undefined || projects === undefined) return undefined;
  return { per: per === "environment" ? "environment" : "proxy-environment", project, projects, location: { file: src.file, ...src.position(field.key) } };
}

function readSharedAccount(src: YamlSource, view: MapView, field: Field): IdentityIntent | undefined {
  for (const key of ["project", "projects"]) {
    const f = view.get(key);
    if (f) src.report(f.key, f.path, `per: shared names its one account with serviceAccount and uniqueId; '${key}' is for the accounts apigee-aws names: remove it`);
  }
  const emailField = view.require("serviceAccount", "the email of the one service account every gateway-mode role trusts");
  const idField = view.require("uniqueId", "the service account's 21-digit unique ID");
  const serviceAccount = emailField && readChecked(src, emailField, "a service account email", serviceAccountProblem);
  const uniqueId = idField && readChecked(src, idField, "a 21-digit unique ID", uniqueIdProblem);
  return serviceAccount === undefined || uniqueId === undefined ? undefined : { per: "shared", serviceAccount, uniqueId, location: { file: src.file, ...src.position(field.key) } };
}

/** `projects: {ENV: PROJECT}`: environments whose accounts live in their own project (checked against the environments later). */
function readProjects(src: YamlSource, field: Field | undefined): Record<string, string> | undefined {
  if (field === undefined) return {};
  const node = readMap(src, field, "a mapping of environment name to Google project ID, e.g. {prod: acme-prod-apigee}");
  if (node === undefined) return undefined;
  const projects: Record<string, string> = {};
  let ok = true;
  for (const entry of new MapView(src, node, field.path, null).entries()) {
    const project = readChecked(src, entry, "a Google Cloud project ID", projectIdProblem);
    if (project === undefined) ok = false;
    else projects[entry.name] = project;
  }
  return ok ? projects : undefined;
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
