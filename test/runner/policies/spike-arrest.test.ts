// SpikeArrest in the runner, on an injected clock: the smoothed rate (one
// request per 1/N of the period), the sliding window of UseEffectiveCount,
// identifiers, message weights, rate references, the 429 violation, and load
// errors.

import { closeRunners, startRunner } from "../../support/runner";
import { echoed, faultOf, loadError, policyProxy, TestClock } from "./policy-test-kit";

afterAll(closeRunners);

const spike = (body: string, attrs = "") => `<SpikeArrest name="SA"${attrs}>${body}</SpikeArrest>`;

async function runnerFor(clock: TestClock, proxies: Record<string, string>) {
  return startRunner(
    Object.entries(proxies).map(([name, policy]) => policyProxy(name, { policies: { SA: policy }, steps: ["SA"], echo: ["ratelimit.SA.failed"] })),
    { now: clock.now }
  );
}

test("smoothed: 10pm lets one request through every 6 seconds; the next is a 429 SpikeArrestViolation", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const t = await runnerFor(clock, { perminute: spike("<Rate>10pm</Rate>"), persecond: spike("<Rate>30ps</Rate>") });
  expect(echoed(await t.fetch("/perminute"), 1)).toEqual(["false"]);
  clock.advance(5_999);
  expect(await faultOf(await t.fetch("/perminute"))).toEqual({
    status: 429,
    name: "SpikeArrestViolation",
    errorcode: "policies.ratelimit.SpikeArrestViolation",
    faultstring: "Spike arrest violation. Allowed rate : MessageRate{capacity=10, period=Minutes}"
  });
  clock.advance(1);
  expect((await t.fetch("/perminute")).status).toBe(200);
  expect((await t.fetch("/persecond")).status).toBe(200);
  expect((await t.fetch("/persecond")).status).toBe(429);
  clock.advance(34);
  expect((await t.fetch("/persecond")).status).toBe(200);
});

test("UseEffectiveCount: up to the rate in any sliding period", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const t = await runnerFor(clock, { sliding: spike("<Rate>3pm</Rate><UseEffectiveCount>true</UseEffectiveCount>") });
  expect((await t.fetch("/sliding")).status).toBe(200);
  expect((await t.fetch("/sliding")).status).toBe(200);
  clock.advance(30_000);
  expect((await t.fetch("/sliding")).status).toBe(200);
  clock.advance(10_000);
  expect((await t.fetch("/sliding")).status).toBe(429);
  clock.advance(20_001);
  expect((await t.fetch("/sliding")).status).toBe(200);
  expect((await t.fetch("/sliding")).status).toBe(200);
  expect((await t.fetch("/sliding")).status).toBe(429);
});

test("Identifier keeps a rate per value; MessageWeight makes a request count more", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const t = await runnerFor(clock, {
    perclient: spike('<Rate>1pm</Rate><Identifier ref="request.queryparam.client"/>'),
    weighted: spike('<Rate>3pm</Rate><UseEffectiveCount>true</UseEffectiveCount><MessageWeight ref="request.header.weight"/>'),
    smoothweight: spike('<Rate>60pm</Rate><MessageWeight ref="request.header.weight"/>')
  });
  expect((await t.fetch("/perclient?client=a")).status).toBe(200);
  expect((await t.fetch("/perclient?client=b")).status).toBe(200);
  expect((await t.fetch("/perclient?client=a")).status).toBe(429);
  expect((await t.fetch("/weighted", { headers: { weight: "2" } })).status).toBe(200);
  expect((await t.fetch("/weighted", { headers: { weight: "2" } })).status).toBe(429);
  expect((await t.fetch("/weighted")).status).toBe(200);
  // At 60pm a request of weight 5 takes five seconds' share.
  expect((await t.fetch("/smoothweight", { headers: { weight: "5" } })).status).toBe(200);
  clock.advance(4_999);
  expect((await t.fetch("/smoothweight")).status).toBe(429);
  clock.advance(1);
  expect((await t.fetch("/smoothweight")).status).toBe(200);
  expect(await faultOf(await t.fetch("/weighted", { headers: { weight: "0" } }))).toMatchObject({ status: 500, name: "InvalidMessageWeight" });
});

test("Rate ref wins over the text; an unresolvable or malformed rate is a 500 fault", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const t = await runnerFor(clock, {
    rateref: spike('<Rate ref="request.queryparam.rate">100ps</Rate>'),
    norate: spike('<Rate ref="request.queryparam.rate"/>')
  });
  expect((await t.fetch("/rateref?rate=1pm")).status).toBe(200);
  clock.advance(1_000);
  expect((await t.fetch("/rateref?rate=1pm")).status).toBe(429);
  expect(await faultOf(await t.fetch("/norate"))).toMatchObject({ status: 500, name: "FailedToResolveSpikeArrestRate", errorcode: "policies.ratelimit.FailedToResolveSpikeArrestRate" });
  expect(await faultOf(await t.fetch("/norate?rate=fast"))).toMatchObject({ status: 500, name: "InvalidAllowedRate" });
});

test("ratelimit.NAME.failed is true for a refused request (seen with continueOnError)", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const t = await runnerFor(clock, { soft: spike("<Rate>1pm</Rate>", ' continueOnError="true"') });
  expect(echoed(await t.fetch("/soft"), 1)).toEqual(["false"]);
  expect(echoed(await t.fetch("/soft"), 1)).toEqual(["true"]);
});

test("load errors: an unknown element with file and line, a malformed Rate", async () => {
  const bogus = policyProxy("sbogus", { policies: { SA: `<SpikeArrest name="SA">\n  <Rate>1ps</Rate>\n  <Bogus/>\n</SpikeArrest>` }, steps: ["SA"] });
  expect(await loadError(bogus)).toMatch(/policies\/SA\.xml:3: <SpikeArrest> has an element <Bogus>/);
  const rate = policyProxy("srate", { policies: { SA: `<SpikeArrest name="SA">\n  <Rate>30 per second</Rate>\n</SpikeArrest>` }, steps: ["SA"] });
  expect(await loadError(rate)).toMatch(/policies\/SA\.xml:2: <Rate>30 per second<\/Rate> must be a positive whole number followed by ps or pm/);
});
