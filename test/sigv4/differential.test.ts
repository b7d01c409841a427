// Our signer against AWS's JavaScript SDK signer (@smithy/signature-v4 with
// @aws-crypto/sha256-js) on random requests per engine: Node, and the shipped
// callouts in Rhino, interpreted and compiled. A local run signs 1,000 per
// engine; CI (.ci/run) sets APIGEE_AWS_DIFFERENTIAL_RUNS=10000, the full
// differential, which takes about a minute on two cores.

import fc from "fast-check";
import { RHINO_MODES } from "../../src/rhino/rhino-host";
import { signInNode } from "../../src/sign/node-engine";
import { startRhinoSigner } from "../../src/sign/rhino-engine";
import { requireBuilt } from "../support/built";
import { randomRequest } from "../support/random-requests";

const RUNS = differentialRuns(process.env.APIGEE_AWS_DIFFERENTIAL_RUNS);

function differentialRuns(setting: string | undefined): number {
  if (setting === undefined || setting === "") return 1000;
  const runs = Number(setting);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`APIGEE_AWS_DIFFERENTIAL_RUNS must be a whole number of requests, got "${setting}"`);
  return runs;
}
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? 20261123);

describe("SigV4 against @smithy/signature-v4", () => {
  it(`agrees in Node on ${RUNS} random requests`, async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, async (r) => {
        const ours = signInNode(r.spec);
        const theirs = await r.oracle();
        expect({ signature: ours.signature, signedHeaders: ours.signedHeaders }).toEqual(theirs);
      }),
      { numRuns: RUNS, seed: SEED }
    );
  }, 300000);

  it.each(RHINO_MODES)(`agrees in Rhino (%s) on ${RUNS} random requests`, async (mode) => {
    requireBuilt("callouts/sigv4-sign.js", "callouts/sigv4-presign.js", "rhino-host.js");
    const samples = fc.sample(randomRequest, { numRuns: RUNS, seed: SEED + 1 });
    const signer = await startRhinoSigner(mode);
    try {
      const mismatches: string[] = [];
      const batch = 200;
      for (let i = 0; i < samples.length; i += batch) {
        await Promise.all(
          samples.slice(i, i + batch).map(async (r) => {
            const [ours, theirs] = await Promise.all([signer.sign(r.spec), r.oracle()]);
            if (ours.signature !== theirs.signature || ours.signedHeaders !== theirs.signedHeaders) {
              mismatches.push(JSON.stringify(r.spec));
            }
          })
        );
      }
      expect(mismatches.slice(0, 3)).toEqual([]);
      expect(samples).toHaveLength(RUNS);
    } finally {
      await signer.close();
    }
  }, 600000);
});
