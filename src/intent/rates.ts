// Rate limits: `quota: 600/minute` (Apigee Quota) and `spikeArrest: 30ps`
// (Apigee SpikeArrest). Each reader returns the value or a problem string.

import type { ProxyIntent } from "./model";
import { didYouMean } from "./did-you-mean";
import { QUOTA_UNITS } from "./keys";

export type Quota = NonNullable<ProxyIntent["quota"]>;

const QUOTA_FORM = `COUNT/UNIT such as 600/minute (UNIT: ${QUOTA_UNITS.join(", ")})`;

export function parseQuota(text: string): Quota | string {
  const match = text.match(/^\s*(\d+)\s*\/\s*([A-Za-z]+)\s*$/);
  if (!match) return `expected ${QUOTA_FORM}, found '${text}'`;
  const count = Number(match[1]);
  if (!Number.isSafeInteger(count) || count < 1) return `the quota count must be a whole number of at least 1, found '${match[1]}'`;
  if (match[2] === "second") return `Apigee's Quota cannot count per second (its smallest unit is a minute); use spikeArrest: "${count}ps", or a quota per minute`;
  const unit = QUOTA_UNITS.find((u) => u === match[2]);
  if (unit === undefined) return `unknown quota unit '${match[2]}'.${didYouMean(match[2], QUOTA_UNITS)} Expected ${QUOTA_FORM}`;
  return { count, interval: 1, unit };
}

/** SpikeArrest rates are per second (ps) or per minute (pm). */
export function spikeArrestProblem(text: string): string | null {
  if (/^[1-9]\d*(ps|pm)$/.test(text)) return null;
  return `expected a SpikeArrest rate such as 30ps (per second) or 100pm (per minute), found '${text}'`;
}
