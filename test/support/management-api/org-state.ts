// The stand-in's organization: bundles with their revisions, what each
// environment runs, and environment resource files. Deployments advance from
// PROGRESSING to READY as their state is polled, or stay PROGRESSING (a slow
// deployment), or end in ERROR (a runtime that refuses the revision).

import type { ImportedBundle, StandInKind } from "./bundle-check";

export interface StoredRevision {
  revision: number;
  bundle: ImportedBundle;
  createdAt: number;
}

export type DeploymentState = "PROGRESSING" | "READY" | "ERROR";

export interface StoredDeployment {
  env: string;
  kind: StandInKind;
  name: string;
  revision: number;
  serviceAccount?: string;
  deployStartTime: number;
  /** Status reads so far; the deployment is READY once it reaches readyAfterPolls. */
  polls: number;
  readyAfterPolls: number;
  /** Set when the runtime is to report an error instead of becoming ready. */
  runtimeError?: string;
}

export interface DeploymentBehaviour {
  /** Status reads answered PROGRESSING before READY (Infinity: never ready). */
  readyAfterPolls?: number;
  runtimeError?: string;
}

const key = (...parts: string[]) => parts.join("\u0000");

export class ApigeeOrg {
  private readonly revisions = new Map<string, StoredRevision[]>();
  private readonly deployments = new Map<string, StoredDeployment>();
  private readonly resourceFiles = new Map<string, Buffer>();
  private readonly behaviours = new Map<string, DeploymentBehaviour>();

  constructor(
    readonly name: string,
    readonly environments: string[],
    private readonly defaultReadyAfterPolls: number,
    private readonly now: () => number
  ) {}

  hasEnvironment(env: string): boolean {
    return this.environments.includes(env);
  }

  revisionsOf(kind: StandInKind, name: string): StoredRevision[] | undefined {
    return this.revisions.get(key(kind, name));
  }

  revision(kind: StandInKind, name: string, revision: number): StoredRevision | undefined {
    return this.revisionsOf(kind, name)?.find((r) => r.revision === revision);
  }

  addRevision(kind: StandInKind, name: string, bundle: ImportedBundle): StoredRevision {
    const list = this.revisions.get(key(kind, name)) ?? [];
    const stored = { revision: (list.at(-1)?.revision ?? 0) + 1, bundle, createdAt: this.now() };
    this.revisions.set(key(kind, name), [...list, stored]);
    return stored;
  }

  deployment(env: string, kind: StandInKind, name: string): StoredDeployment | undefined {
    return this.deployments.get(key(env, kind, name));
  }

  deploy(env: string, kind: StandInKind, name: string, revision: number, serviceAccount: string | undefined): StoredDeployment {
    const behaviour = this.behaviours.get(key(kind, name)) ?? {};
    const deployment: StoredDeployment = {
      env,
      kind,
      name,
      revision,
      serviceAccount,
      deployStartTime: this.now(),
      polls: 0,
      readyAfterPolls: behaviour.readyAfterPolls ?? this.defaultReadyAfterPolls,
      runtimeError: behaviour.runtimeError
    };
    this.deployments.set(key(env, kind, name), deployment);
    return deployment;
  }

  /** The state a status read reports, counting the read. */
  poll(deployment: StoredDeployment): DeploymentState {
    deployment.polls++;
    return this.stateOf(deployment);
  }

  stateOf(deployment: StoredDeployment): DeploymentState {
    if (deployment.polls <= deployment.readyAfterPolls) return "PROGRESSING";
    return deployment.runtimeError ? "ERROR" : "READY";
  }

  setBehaviour(kind: StandInKind, name: string, behaviour: DeploymentBehaviour): void {
    this.behaviours.set(key(kind, name), behaviour);
  }

  resourceFile(env: string, type: string, name: string): Buffer | undefined {
    return this.resourceFiles.get(key(env, type, name));
  }

  putResourceFile(env: string, type: string, name: string, content: Buffer): void {
    this.resourceFiles.set(key(env, type, name), content);
  }
}
