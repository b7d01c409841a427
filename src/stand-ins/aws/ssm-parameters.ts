// Parameter Store's parameters: every version of each, its type and KMS key,
// names checked the way SSM checks them, and SecureString values kept
// encrypted so a caller without WithDecryption gets an opaque blob.

import { createCipheriv, createHash, randomBytes } from "node:crypto";

export type ParameterType = "String" | "SecureString" | "StringList";

export interface ParameterVersion {
  name: string;
  type: ParameterType;
  value: string;
  /** What GetParameter returns without WithDecryption: the value for String/StringList, base64 ciphertext for SecureString. */
  storedValue: string;
  version: number;
  /** Epoch milliseconds. */
  lastModified: number;
  /** SecureString only: the KMS key ARN the value is encrypted under. */
  keyArn?: string;
}

const TYPES: ParameterType[] = ["String", "SecureString", "StringList"];
/** Letters, digits and . - _ in each /-separated part (SSM's allowed characters). */
const NAME_CHARS = /^[a-zA-Z0-9_.\-/]+$/;
export const NAME_RULE_MESSAGE =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
const MAX_NAME_LENGTH = 2048;
const MAX_HIERARCHY_LEVELS = 15;

/**
 * Why a name is not one SSM accepts, or undefined when it is. Names starting
 * with "aws" or "ssm" can be read (AWS's public parameters live under /aws/)
 * but not written.
 */
export function nameProblem(name: string, forWriting: boolean): string | undefined {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return `Parameter name must be 1 to ${MAX_NAME_LENGTH} characters long.`;
  if (!NAME_CHARS.test(name) || (forWriting && /^\/?(aws|ssm)/i.test(name))) return NAME_RULE_MESSAGE;
  if (name.includes("/") && (!name.startsWith("/") || name.endsWith("/") || name.includes("//"))) return NAME_RULE_MESSAGE;
  if (name.split("/").length - 1 > MAX_HIERARCHY_LEVELS) return `Parameter name hierarchy is limited to ${MAX_HIERARCHY_LEVELS} levels.`;
  return undefined;
}

/** LabelParameterVersion's rules for a label. */
const LABEL = /^(?![0-9])(?!aws)(?!ssm)[a-zA-Z0-9_.-]{1,100}$/i;
const MAX_LABELS_PER_VERSION = 10;

export class ParameterStore {
  private readonly versions = new Map<string, ParameterVersion[]>();
  /** Per parameter, label → version number. */
  private readonly labels = new Map<string, Map<string, number>>();
  private readonly dataKey = randomBytes(32);

  constructor(private readonly defaultKeyArn: string) {}

  /** Creates the parameter or adds a version (what a rotation does). */
  put(name: string, value: string, type: ParameterType, keyArn: string | undefined, now: number): ParameterVersion {
    const problem = nameProblem(name, true);
    if (problem) throw new Error(`Cannot store parameter "${name}": ${problem}`);
    if (!TYPES.includes(type)) throw new Error(`Parameter type "${type}" is not one of ${TYPES.join(", ")}.`);
    if (value.length === 0) throw new Error(`Parameter "${name}" needs a non-empty value.`);
    const history = this.versions.get(name) ?? [];
    const secure = type === "SecureString";
    const key = secure ? (keyArn ?? this.defaultKeyArn) : undefined;
    const version: ParameterVersion = {
      name,
      type,
      value,
      storedValue: secure ? this.encrypt(value, key!) : value,
      version: history.length + 1,
      lastModified: now,
      keyArn: key
    };
    history.push(version);
    this.versions.set(name, history);
    return version;
  }

  /** The latest version, or the one asked for. */
  get(name: string, version?: number): ParameterVersion | undefined {
    const history = this.versions.get(name);
    if (!history) return undefined;
    return version === undefined ? history[history.length - 1] : history[version - 1];
  }

  /**
   * Attaches labels to a version, moving any that another version had, as
   * LabelParameterVersion does (labels are case-sensitive; at most 10 per version).
   */
  label(name: string, version: number, labels: string[]): void {
    if (!this.get(name, version)) throw new Error(`Parameter "${name}" has no version ${version} to label.`);
    const bad = labels.find((l) => !LABEL.test(l));
    if (bad !== undefined) throw new Error(`"${bad}" is not a label SSM accepts: 1-100 letters, digits, . - _, not starting with a digit, aws or ssm.`);
    const byLabel = this.labels.get(name) ?? new Map<string, number>();
    for (const label of labels) byLabel.set(label, version);
    if ([...byLabel.values()].filter((v) => v === version).length > MAX_LABELS_PER_VERSION) {
      throw new Error(`Version ${version} of "${name}" would have more than ${MAX_LABELS_PER_VERSION} labels.`);
    }
    this.labels.set(name, byLabel);
  }

  /** The version carrying a label, if any. */
  labelled(name: string, label: string): ParameterVersion | undefined {
    const version = this.labels.get(name)?.get(label);
    return version === undefined ? undefined : this.get(name, version);
  }

  /** Every parameter's name, sorted. */
  names(): string[] {
    return [...this.versions.keys()].sort();
  }

  has(name: string): boolean {
    return this.versions.has(name);
  }


  /** An opaque blob shaped like KMS ciphertext; only this stand-in could decrypt it, and nobody needs to. */
  private encrypt(value: string, keyArn: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.dataKey, iv);
    cipher.setAAD(createHash("sha256").update(keyArn).digest());
    const sealed = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
    return Buffer.concat([Buffer.from([1, 2, 2, 0]), iv, cipher.getAuthTag(), sealed]).toString("base64");
  }
}
