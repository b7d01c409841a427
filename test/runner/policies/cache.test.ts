// LookupCache, PopulateCache and InvalidateCache in the runner: keys from
// Prefix and KeyFragments, scopes and their documented key prefixes, expiry
// by timeout, date and time of day on an injected clock, cache resources,
// purging child entries, and load errors.

import { writeProxy } from "../../support/bundle-fixtures";
import { closeRunners, echoVariables, startRunner } from "../../support/runner";
import { echoed, faultOf, loadError, policyProxy, TestClock } from "./policy-test-kit";

afterAll(closeRunners);

const key = (fragments = `<KeyFragment ref="request.queryparam.id"/>`, prefix = "<Prefix>user</Prefix>") => `<CacheKey>${prefix}${fragments}</CacheKey>`;
const populate = (extra: string, cacheKey = key()) =>
  `<PopulateCache name="Put">${cacheKey}<Source>request.queryparam.value</Source>${extra}</PopulateCache>`;
const lookup = (cacheKey = key(), extra = "") => `<LookupCache name="Get">${cacheKey}<AssignTo>cached</AssignTo>${extra}</LookupCache>`;

/** /NAME/put?id=&value= stores, /NAME/get?id= reads, /NAME/drop?id= invalidates. */
function cacheProxy(name: string, policies: { Put: string; Get: string; Drop?: string }): string {
  const flow = (suffix: string, step: string) =>
    `<Flow name="${suffix}"><Condition>proxy.pathsuffix = "/${suffix}"</Condition><Request><Step><Name>${step}</Name></Step></Request></Flow>`;
  return writeProxy(name, {
    basePath: `/${name}`,
    policies: { ...policies, Echo: echoVariables("Echo", ["lookupcache.Get.cachehit", "cached"]) },
    proxyExtra: `<Flows>${flow("put", "Put")}${flow("get", "Get")}${policies.Drop ? flow("drop", "Drop") : ""}</Flows><PostFlow name="PostFlow"><Request><Step><Name>Echo</Name></Step></Request></PostFlow>`
  });
}

test("PopulateCache stores a variable under Prefix__fragment; LookupCache assigns it and reports cachehit", async () => {
  const clock = new TestClock(Date.UTC(2030, 0, 1));
  const t = await startRunner([cacheProxy("basic", { Put: populate("<ExpirySettings><TimeoutInSeconds>60</TimeoutInSeconds></ExpirySettings>"), Get: lookup() })], { now: clock.now });
  expect(echoed(await t.fetch("/basic/get?id=1"), 2)).toEqual(["false", ""]);
  await t.fetch("/basic/put?id=1&value=alpha");
  expect(echoed(await t.fetch("/basic/get?id=1"), 2)).toEqual(["true", "alpha"]);
  expect(echoed(await t.fetch("/basic/get?id=2"), 2)).toEqual(["false", ""]);
  expect(t.runner.services.cache.get("(shared cache)", "user__1")).toBe("alpha");
  clock.advance(59_000);
  expect(echoed(await t.fetch("/basic/get?id=1"), 2)).toEqual(["true", "alpha"]);
  clock.advance(1_000);
  expect(echoed(await t.fetch("/basic/get?id=1"), 2)).toEqual(["false", ""]);
});

test("TimeoutInSeconds ref wins over its text; ExpiryDate and TimeOfDay expire at the stated UTC time", async () => {
  const clock = new TestClock(Date.UTC(2030, 5, 15, 12, 0, 0));
  const t = await startRunner(
    [
      cacheProxy("ttlref", {
        Put: populate('<ExpirySettings><TimeoutInSeconds ref="request.queryparam.ttl">1000</TimeoutInSeconds></ExpirySettings>'),
        Get: lookup()
      }),
      cacheProxy("date", { Put: populate("<ExpirySettings><ExpiryDate>06-16-2030</ExpiryDate></ExpirySettings>"), Get: lookup() }),
      cacheProxy("tod", { Put: populate("<ExpirySettings><TimeOfDay>13:30:00</TimeOfDay></ExpirySettings>"), Get: lookup() })
    ],
    { now: clock.now }
  );
  await t.fetch("/ttlref/put?id=a&value=short&ttl=5");
  await t.fetch("/ttlref/put?id=b&value=long");
  // Every proxy here writes user__ID in the shared cache: distinct ids keep the entries apart.
  await t.fetch("/date/put?id=d1&value=d");
  await t.fetch("/tod/put?id=t1&value=t");
  clock.advance(5_000);
  expect(echoed(await t.fetch("/ttlref/get?id=a"), 1)).toEqual(["false"]);
  expect(echoed(await t.fetch("/ttlref/get?id=b"), 1)).toEqual(["true"]);
  clock.ms = Date.UTC(2030, 5, 15, 13, 29, 59);
  expect(echoed(await t.fetch("/tod/get?id=t1"), 1)).toEqual(["true"]);
  clock.ms = Date.UTC(2030, 5, 15, 13, 30, 0);
  expect(echoed(await t.fetch("/tod/get?id=t1"), 1)).toEqual(["false"]);
  clock.ms = Date.UTC(2030, 5, 15, 23, 59, 59);
  expect(echoed(await t.fetch("/date/get?id=d1"), 1)).toEqual(["true"]);
  clock.ms = Date.UTC(2030, 5, 16, 0, 0, 0);
  expect(echoed(await t.fetch("/date/get?id=d1"), 1)).toEqual(["false"]);
});

test("without a Prefix the Scope builds the documented key prefix (org local, revision 1); Exclusive is the default", async () => {
  const scoped = (name: string, scope: string | null) =>
    `<PopulateCache name="${name}">${scope ? `<Scope>${scope}</Scope>` : ""}${key(`<KeyFragment>${name}</KeyFragment>`, "")}<Source>request.queryparam.value</Source></PopulateCache>`;
  const policies = { Global: scoped("Global", "Global"), Application: scoped("Application", "Application"), Proxy: scoped("Proxy", "Proxy"), Default: scoped("Default", null) };
  const t = await startRunner([writeProxy("scopes", { basePath: "/scopes", policies, request: Object.keys(policies) })]);
  await t.fetch("/scopes?value=v");
  const cache = t.runner.services.cache;
  expect(cache.get("(shared cache)", "local__test__Global")).toBe("v");
  expect(cache.get("(shared cache)", "local__test__scopes__Application")).toBe("v");
  expect(cache.get("(shared cache)", "local__test__scopes__1__default__Proxy")).toBe("v");
  // Exclusive in a ProxyEndpoint flow: the ProxyEndpoint's name.
  expect(cache.get("(shared cache)", "local__test__scopes__1__default__Default")).toBe("v");
});

test("Target and Exclusive scopes in a TargetEndpoint flow use the TargetEndpoint's name", async () => {
  const put = (name: string, scope: string) => `<PopulateCache name="${name}"><Scope>${scope}</Scope><CacheKey><KeyFragment>${scope}</KeyFragment></CacheKey><Source>request.verb</Source></PopulateCache>`;
  const target = writeProxy("backend", { basePath: "/backend" });
  const t = await startRunner([target]);
  const withTarget = await startRunner([
    writeProxy("tscope", {
      basePath: "/tscope",
      targetUrl: `${t.runner.url}/backend`,
      policies: { PutTarget: put("PutTarget", "Target"), PutExclusive: put("PutExclusive", "Exclusive") },
      targetRequest: ["PutTarget", "PutExclusive"]
    })
  ]);
  await withTarget.fetch("/tscope");
  expect(withTarget.runner.services.cache.get("(shared cache)", "local__test__tscope__1__default__Target")).toBe("GET");
  expect(withTarget.runner.services.cache.get("(shared cache)", "local__test__tscope__1__default__Exclusive")).toBe("GET");
});

test("CacheResource separates stores; InvalidateCache removes an entry, and with PurgeChildEntries every key under it", async () => {
  const resource = "<CacheResource>sessions</CacheResource>";
  const t = await startRunner([
    cacheProxy("inval", {
      Put: `<PopulateCache name="Put">${resource}${key('<KeyFragment ref="request.queryparam.id"/><KeyFragment ref="request.queryparam.sub"/>')}<Source>request.queryparam.value</Source></PopulateCache>`,
      Get: `<LookupCache name="Get">${resource}${key('<KeyFragment ref="request.queryparam.id"/><KeyFragment ref="request.queryparam.sub"/>')}<AssignTo>cached</AssignTo></LookupCache>`,
      Drop: `<InvalidateCache name="Drop">${resource}${key()}<PurgeChildEntries>true</PurgeChildEntries></InvalidateCache>`
    }),
    cacheProxy("other", { Put: populate(""), Get: lookup(key('<KeyFragment ref="request.queryparam.id"/><KeyFragment ref="request.queryparam.sub"/>')) })
  ]);
  await t.fetch("/inval/put?id=1&sub=a&value=x");
  await t.fetch("/inval/put?id=1&sub=b&value=y");
  await t.fetch("/inval/put?id=2&sub=a&value=z");
  // Same key, but the shared cache, not "sessions".
  expect(echoed(await t.fetch("/other/get?id=1&sub=a"), 1)).toEqual(["false"]);
  expect(echoed(await t.fetch("/inval/get?id=1&sub=a"), 2)).toEqual(["true", "x"]);
  await t.fetch("/inval/drop?id=1");
  expect(echoed(await t.fetch("/inval/get?id=1&sub=a"), 1)).toEqual(["false"]);
  expect(echoed(await t.fetch("/inval/get?id=1&sub=b"), 1)).toEqual(["false"]);
  expect(echoed(await t.fetch("/inval/get?id=2&sub=a"), 2)).toEqual(["true", "z"]);
});

test("InvalidateCache without PurgeChildEntries removes only the exact key", async () => {
  const frag2 = key('<KeyFragment ref="request.queryparam.id"/><KeyFragment ref="request.queryparam.sub"/>');
  const t = await startRunner([
    cacheProxy("exact", {
      Put: populate("", frag2),
      Get: lookup(frag2),
      Drop: `<InvalidateCache name="Drop">${frag2}</InvalidateCache>`
    })
  ]);
  await t.fetch("/exact/put?id=1&value=parent");
  await t.fetch("/exact/put?id=1&sub=a&value=child");
  await t.fetch("/exact/drop?id=1");
  expect(echoed(await t.fetch("/exact/get?id=1"), 1)).toEqual(["false"]);
  expect(echoed(await t.fetch("/exact/get?id=1&sub=a"), 2)).toEqual(["true", "child"]);
});

test("caching a whole message is EntryCannotBeCached (500)", async () => {
  const t = await startRunner([
    policyProxy("msg", { policies: { Put: `<PopulateCache name="Put">${key()}<Source>request</Source></PopulateCache>` }, steps: ["Put"] })
  ]);
  expect(await faultOf(await t.fetch("/msg?id=1"))).toMatchObject({ status: 500, name: "EntryCannotBeCached", errorcode: "policies.populatecache.EntryCannotBeCached" });
});

test("load errors: unknown elements with file and line, a bad scope, malformed expiry, LookupCache without AssignTo", async () => {
  const bogus = policyProxy("cbogus", { policies: { Get: `<LookupCache name="Get">\n  <AssignTo>x</AssignTo>\n  <Bogus/>\n  ${key()}\n</LookupCache>` }, steps: ["Get"] });
  expect(await loadError(bogus)).toMatch(/policies\/Get\.xml:3: <LookupCache> has an element <Bogus>/);
  const scope = policyProxy("cscope", { policies: { Get: `<LookupCache name="Get">\n  <Scope>Planet</Scope>\n  ${key()}<AssignTo>x</AssignTo>\n</LookupCache>` }, steps: ["Get"] });
  expect(await loadError(scope)).toMatch(/policies\/Get\.xml:2: <Scope>Planet<\/Scope> is not a cache scope/);
  const expiry = policyProxy("cexp", { policies: { Put: `<PopulateCache name="Put">\n  ${key()}<Source>x</Source>\n  <ExpirySettings>\n    <ExpiryDate>2030-01-01</ExpiryDate>\n  </ExpirySettings>\n</PopulateCache>` }, steps: ["Put"] });
  expect(await loadError(expiry)).toMatch(/policies\/Put\.xml:4: <ExpiryDate>2030-01-01<\/ExpiryDate> is not in the form 12-31-2030/);
  const noAssign = policyProxy("cnoassign", { policies: { Get: `<LookupCache name="Get">${key()}</LookupCache>` }, steps: ["Get"] });
  expect(await loadError(noAssign)).toMatch(/policies\/Get\.xml:1: <LookupCache> has no <AssignTo>/);
});
