// Quota in the runner, on an injected clock: the default (clock-aligned),
// calendar, flexi and rolling-window types, identifiers, message weights,
// references, shared counters, the ratelimit.NAME.* variables, the 429
// QuotaViolation, and load errors.

import { closeRunners, startRunner } from "../../support/runner";
import { echoed, faultOf, loadError, policyProxy, TestClock } from "./policy-test-kit";

afterAll(closeRunners);

const VARS = ["allowed.count", "used.count", "available.count", "exceed.count", "total.exceed.count", "expiry.time", "identifier", "class", "failed"].map((v) => `ratelimit.Q.${v}`);

const quota = (body: string, type: string | null = "flexi", attrs = "") =>
  `<Quota name="Q"${type ? ` type="${type}"` : ""}${attrs}>${body}</Quota>`;
const perMinute = (allow: number) => `<Allow count="${allow}"/><Interval>1</Interval><TimeUnit>minute</TimeUnit>`;

async function runnerFor(clock: TestClock, proxies: Record<string, string>) {
  return startRunner(
    Object.entries(proxies).map(([name, policy]) => policyProxy(name, { policies: { Q: policy }, steps: ["Q"], echo: VARS })),
    { now: clock.now }
  );
}

test("flexi: the window starts with the first request; the request over the limit is a 429 QuotaViolation", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1, 12, 0, 30));
  const t = await runnerFor(clock, { flexi: quota(perMinute(2)), soft: quota(perMinute(1), "flexi", ' continueOnError="true"') });
  const expiry = String(clock.ms + 60_000);
  expect(echoed(await t.fetch("/flexi"), 9)).toEqual(["2", "1", "1", "0", "0", expiry, "_default", "_default", "false"]);
  clock.advance(10_000);
  expect(echoed(await t.fetch("/flexi"), 9)).toEqual(["2", "2", "0", "0", "0", expiry, "_default", "_default", "false"]);
  expect(await faultOf(await t.fetch("/flexi"))).toEqual({
    status: 429,
    name: "QuotaViolation",
    errorcode: "policies.ratelimit.QuotaViolation",
    faultstring: "Rate limit quota violation. Quota limit : 2 exceeded. Identifier : _default"
  });
  clock.advance(50_000);
  expect((await t.fetch("/flexi")).status).toBe(200);
  // With continueOnError the variables of a refused request are visible.
  await t.fetch("/soft");
  expect(echoed(await t.fetch("/soft"), 9)).toEqual(["1", "1", "0", "1", "1", String(clock.ms + 60_000), "_default", "_default", "true"]);
});

test("without a type the window is aligned to the clock: it resets at the top of the minute", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1, 12, 0, 30));
  const t = await runnerFor(clock, { aligned: quota(perMinute(1), null), hourly: quota('<Allow count="1"/><Interval>1</Interval><TimeUnit>hour</TimeUnit>', null) });
  expect(echoed(await t.fetch("/aligned"), 6)[5]).toBe(String(Date.UTC(2030, 0, 1, 12, 1, 0)));
  expect(echoed(await t.fetch("/hourly"), 6)[5]).toBe(String(Date.UTC(2030, 0, 1, 13, 0, 0)));
  expect((await t.fetch("/aligned")).status).toBe(429);
  clock.ms = Date.UTC(2030, 0, 1, 12, 1, 0);
  expect((await t.fetch("/aligned")).status).toBe(200);
});

test("calendar: windows run from StartTime in steps of Interval x TimeUnit", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1, 12, 5, 20));
  const t = await runnerFor(clock, {
    calendar: quota(`${perMinute(1)}<StartTime>2030-01-01 12:00:10</StartTime>`, "calendar"),
    monthly: quota('<Allow count="5"/><Interval>1</Interval><TimeUnit>month</TimeUnit><StartTime>2029-11-30 00:00:00</StartTime>', "calendar")
  });
  expect(echoed(await t.fetch("/calendar"), 6)[5]).toBe(String(Date.UTC(2030, 0, 1, 12, 6, 10)));
  expect(echoed(await t.fetch("/monthly"), 6)[5]).toBe(String(Date.UTC(2030, 0, 30)));
  clock.ms = Date.UTC(2030, 0, 1, 12, 6, 9);
  expect((await t.fetch("/calendar")).status).toBe(429);
  clock.ms = Date.UTC(2030, 0, 1, 12, 6, 10);
  expect((await t.fetch("/calendar")).status).toBe(200);
});

test("rollingwindow: counts the requests in the Interval before each one", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1, 12, 0, 0));
  const t = await runnerFor(clock, { rolling: quota(perMinute(2), "rollingwindow") });
  await t.fetch("/rolling");
  clock.advance(30_000);
  await t.fetch("/rolling");
  clock.advance(10_000);
  expect((await t.fetch("/rolling")).status).toBe(429);
  clock.advance(21_000);
  const r = await t.fetch("/rolling");
  expect(echoed(r, 6)).toEqual(["2", "2", "0", "0", "1", String(Date.UTC(2030, 0, 1, 12, 0, 30) + 60_000)]);
});

test("Identifier keeps a counter per value; MessageWeight counts a request as its weight", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const t = await runnerFor(clock, {
    perclient: quota(`${perMinute(1)}<Identifier ref="request.queryparam.client"/>`),
    weighted: quota(`${perMinute(3)}<MessageWeight ref="request.header.weight"/>`)
  });
  expect(echoed(await t.fetch("/perclient?client=a"), 7)[6]).toBe("a");
  expect((await t.fetch("/perclient?client=b")).status).toBe(200);
  expect(await faultOf(await t.fetch("/perclient?client=a"))).toMatchObject({ status: 429, faultstring: "Rate limit quota violation. Quota limit : 1 exceeded. Identifier : a" });
  expect(echoed(await t.fetch("/weighted", { headers: { weight: "2" } }), 2)).toEqual(["3", "2"]);
  expect((await t.fetch("/weighted", { headers: { weight: "2" } })).status).toBe(429);
  expect(echoed(await t.fetch("/weighted"), 2)).toEqual(["3", "3"]);
  expect(await faultOf(await t.fetch("/weighted", { headers: { weight: "heavy" } }))).toMatchObject({
    status: 500,
    name: "InvalidMessageWeight",
    errorcode: "policies.ratelimit.InvalidMessageWeight"
  });
});

test("countRef, Interval ref and TimeUnit ref win over the literals; unresolvable references are faults", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const t = await runnerFor(clock, {
    refs: quota(
      '<Allow count="1" countRef="request.queryparam.allow"/><Interval ref="request.queryparam.interval">1</Interval><TimeUnit ref="request.queryparam.unit">minute</TimeUnit>'
    ),
    nointerval: quota('<Allow count="1"/><Interval ref="request.queryparam.interval"/><TimeUnit>minute</TimeUnit>'),
    nounit: quota('<Allow count="1"/><Interval>1</Interval><TimeUnit ref="request.queryparam.unit"/>'),
    noallow: quota('<Allow countRef="request.queryparam.allow"/><Interval>1</Interval><TimeUnit>minute</TimeUnit>')
  });
  const r = await t.fetch("/refs?allow=5&interval=2&unit=hour");
  expect(echoed(r, 6)).toEqual(["5", "1", "4", "0", "0", String(Date.UTC(2030, 0, 1) + 2 * 3_600_000)]);
  expect(await faultOf(await t.fetch("/nointerval"))).toMatchObject({ status: 500, name: "FailedToResolveQuotaIntervalReference" });
  expect(await faultOf(await t.fetch("/nounit"))).toMatchObject({ status: 500, name: "FailedToResolveQuotaIntervalTimeUnitReference" });
  expect(await faultOf(await t.fetch("/noallow"))).toMatchObject({ status: 500, name: "FailedToResolveAllowCountReference" });
});

test("SharedName: a CountOnly policy counts and an EnforceOnly policy enforces the same counter", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const shared = (flag: string) => quota(`${perMinute(2)}<SharedName>pool</SharedName><${flag}>true</${flag}>`);
  const t = await startRunner(
    [
      policyProxy("shared", {
        policies: { Q: shared("EnforceOnly"), Count: shared("CountOnly").replace('name="Q"', 'name="Count"') },
        steps: ["Q", "Count"],
        echo: VARS
      })
    ],
    { now: clock.now }
  );
  expect(echoed(await t.fetch("/shared"), 2)).toEqual(["2", "0"]);
  expect(echoed(await t.fetch("/shared"), 2)).toEqual(["2", "1"]);
  expect((await t.fetch("/shared")).status).toBe(429);
});

test("load errors: an unknown element with file and line, an unknown TimeUnit, calendar without StartTime", async () => {
  const bogus = policyProxy("qbogus", { policies: { Q: `<Quota name="Q">\n  ${perMinute(1)}\n  <Bogus/>\n</Quota>` }, steps: ["Q"] });
  expect(await loadError(bogus)).toMatch(/policies\/Q\.xml:3: <Quota> has an element <Bogus>/);
  const unit = policyProxy("qunit", { policies: { Q: `<Quota name="Q">\n  <Allow count="1"/>\n  <Interval>1</Interval>\n  <TimeUnit>fortnight</TimeUnit>\n</Quota>` }, steps: ["Q"] });
  expect(await loadError(unit)).toMatch(/policies\/Q\.xml:4: <TimeUnit>fortnight<\/TimeUnit> is not one of minute, hour, day, week, month/);
  const calendar = policyProxy("qcal", { policies: { Q: `<Quota name="Q" type="calendar">${perMinute(1)}</Quota>` }, steps: ["Q"] });
  expect(await loadError(calendar)).toMatch(/policies\/Q\.xml:1: .*needs a <StartTime>/);
});
