// What Apigee already has, read before anything is changed: a bundle's
// revisions, which one the environment runs (and with which service
// account), and which revisions record the local content hash; a property
// set's current content.

import type { ApigeeClient } from "./api-client";
import { getBundle, getResourceFile, getRevision, listDeployments, type BundleKind } from "./apigee-calls";
import { recordedContentHash } from "../common/bundle-content-hash";

/** How many of the newest revisions are checked for the local hash, besides the deployed one. */
export const REVISION_LOOKBACK = 5;

export interface BundleState {
  exists: boolean;
  /** Revision numbers, oldest first. */
  revisions: string[];
  deployed?: { revision: string; serviceAccount?: string; hash?: string };
  /** The newest checked revision recording the local content hash. */
  matching?: string;
}

interface ApiBundle {
  revision?: string[];
}

interface DeploymentList {
  deployments?: { revision?: string; serviceAccount?: string }[];
}

interface Revision {
  description?: string;
}

/** "projects/-/serviceAccounts/sa@p.iam.gserviceaccount.com" (a Deployment's form) → the email. */
export function serviceAccountEmail(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const at = value.lastIndexOf("/serviceAccounts/");
  return at >= 0 ? value.slice(at + "/serviceAccounts/".length) : value;
}

function byNumber(a: string, b: string): number {
  return Number(a) - Number(b);
}

export async function deployedRevision(client: ApigeeClient, org: string, env: string, kind: BundleKind, name: string): Promise<{ revision: string; serviceAccount?: string } | undefined> {
  const { value } = await client.json<DeploymentList>(listDeployments(org, env, kind, name));
  const deployments = (value?.deployments ?? []).filter((d) => d.revision);
  if (!deployments.length) return undefined;
  // Apigee X runs one revision per environment; if a list ever shows more, the newest is the one that counts.
  const newest = deployments.sort((a, b) => byNumber(b.revision!, a.revision!))[0];
  return { revision: newest.revision!, serviceAccount: serviceAccountEmail(newest.serviceAccount) };
}

export async function readBundleState(client: ApigeeClient, org: string, env: string, kind: BundleKind, name: string, localHash: string): Promise<BundleState> {
  const { status, value } = await client.json<ApiBundle>(getBundle(org, kind, name));
  if (status === 404) return { exists: false, revisions: [] };
  const revisions = [...(value?.revision ?? [])].sort(byNumber);
  const deployed = await deployedRevision(client, org, env, kind, name);
  const hashOf = async (revision: string) => recordedContentHash((await client.json<Revision>(getRevision(org, kind, name, revision))).value?.description ?? "");
  const state: BundleState = { exists: true, revisions };
  if (deployed) {
    state.deployed = { ...deployed, hash: await hashOf(deployed.revision) };
    if (state.deployed.hash === localHash) state.matching = deployed.revision;
  }
  if (!state.matching) {
    for (const revision of revisions.slice(-REVISION_LOOKBACK).reverse()) {
      if (revision === deployed?.revision) continue;
      if ((await hashOf(revision)) === localHash) {
        state.matching = revision;
        break;
      }
    }
  }
  return state;
}

/** The resource file's content, or undefined when the environment has none by that name. */
export async function readResourceFile(client: ApigeeClient, org: string, env: string, type: string, name: string): Promise<Buffer | undefined> {
  const response = await client.send(getResourceFile(org, env, type, name));
  return response.status === 404 ? undefined : response.body;
}
