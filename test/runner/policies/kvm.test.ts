// KeyValueMapOperations in the runner: Get, Put (override) and Delete in
// document order, composite keys, scopes, map names, initial entries, the
// private. rule of Apigee X's encrypted KVMs, the documented faults, and load
// errors.

import { writeProxy } from "../../support/bundle-fixtures";
import { closeRunners, echoVariables, startRunner } from "../../support/runner";
import { echoed, faultOf, loadError, policyProxy } from "./policy-test-kit";

afterAll(closeRunners);

const kvm = (body: string, attrs = ' mapIdentifier="config"') => `<KeyValueMapOperations name="KVM"${attrs}>${body}</KeyValueMapOperations>`;
const get = (key: string, assignTo = "private.value", attrs = "") => `<Get assignTo="${assignTo}"${attrs}><Key><Parameter>${key}</Parameter></Key></Get>`;

const seeded = { kvms: { environment: { config: { role_arn: "arn:aws:iam::1:role/r", region: "eu-west-1" } }, organization: { config: { role_arn: "org-level" } } } };

test("Get assigns an entry of the environment map to a private. variable; a missing key leaves it unset", async () => {
  const t = await startRunner(
    [
      policyProxy("get", {
        policies: { KVM: kvm(`<Scope>environment</Scope>${get("role_arn")}${get("absent", "private.absent")}<Get assignTo="private.first" index="1"><Key><Parameter>region</Parameter></Key></Get>${get("region", "private.second", ' index="2"')}`) },
        steps: ["KVM"],
        echo: ["private.value", "private.absent", "private.first", "private.second"]
      })
    ],
    seeded
  );
  expect(echoed(await t.fetch("/get"), 4)).toEqual(["arn:aws:iam::1:role/r", "", "eu-west-1", ""]);
});

test("Apigee X KVMs are encrypted: a Get into a variable without private. is SetVariableFailed", async () => {
  const t = await startRunner([policyProxy("public", { policies: { KVM: kvm(get("role_arn", "role")) }, steps: ["KVM"] })], seeded);
  expect(await faultOf(await t.fetch("/public"))).toEqual({
    status: 500,
    name: "SetVariableFailed",
    errorcode: "steps.keyvaluemapoperations.SetVariableFailed",
    faultstring: "Failed to set variable role in KeyValueMapStepDefinition KVM"
  });
});

test("Put honours override, keys of several Parameters join with __, Delete removes; all in document order", async () => {
  const key = '<Key><Parameter>user</Parameter><Parameter ref="request.queryparam.id"/></Key>';
  const t = await startRunner([
    policyProxy("put", {
      policies: {
        KVM: kvm(`
          <Put override="false">${key}<Value ref="request.queryparam.v"/></Put>
          <Get assignTo="private.afterPut">${key}</Get>
          <Put override="true">${key}<Value ref="request.queryparam.replace"/></Put>
          <Get assignTo="private.afterOverride">${key}</Get>
          <Delete>${key}</Delete>
          <Get assignTo="private.afterDelete">${key}</Get>
          <Put>${key}<Value ref="request.queryparam.v"/></Put>`, ' mapIdentifier="users"')
      },
      steps: ["KVM"],
      echo: ["private.afterPut", "private.afterOverride", "private.afterDelete"]
    })
  ]);
  expect(echoed(await t.fetch("/put?id=42&v=first"), 3)).toEqual(["first", "first", ""]);
  expect(t.runner.services.kvm.map("environment", "users", "put").get("user__42")).toBe("first");
  // The entry exists now, so override="false" keeps it; override="true" replaces it.
  expect(echoed(await t.fetch("/put?id=42&v=second&replace=third"), 3)).toEqual(["first", "third", ""]);
});

test("scopes: organization and environment maps differ; apiproxy maps are per proxy, policy maps per policy", async () => {
  const proxy = (name: string, scope: string) =>
    writeProxy(name, {
      basePath: `/${name}`,
      policies: {
        Put1: kvm(`<Scope>${scope}</Scope><Put><Key><Parameter>k</Parameter></Key><Value ref="request.queryparam.v"/></Put>`).replace('name="KVM"', 'name="Put1"'),
        Get1: kvm(`<Scope>${scope}</Scope>${get("k", "private.one")}`).replace('name="KVM"', 'name="Get1"'),
        Get2: kvm(`<Scope>${scope}</Scope>${get("role_arn", "private.two")}`).replace('name="KVM"', 'name="Get2"'),
        Echo: echoVariables("Echo", ["private.one", "private.two"])
      },
      request: ["Put1", "Get1", "Get2", "Echo"]
    });
  const t = await startRunner([proxy("org", "organization"), proxy("api1", "apiproxy"), proxy("api2", "apiproxy"), proxy("pol", "policy")], seeded);
  expect(echoed(await t.fetch("/org?v=x"), 2)).toEqual(["x", "org-level"]);
  expect(t.runner.services.kvm.map("environment", "config", "").get("k")).toBeUndefined();
  expect(echoed(await t.fetch("/api1?v=one"), 2)).toEqual(["one", ""]);
  expect(echoed(await t.fetch("/api2"), 2)).toEqual(["", ""]);
  expect(echoed(await t.fetch("/pol?v=p"), 2)).toEqual(["", ""]);
  expect(t.runner.services.kvm.map("policy", "config", "pol/Put1").get("k")).toBe("p");
});

test("MapName ref picks the map; without a name the map is kvmap; InitialEntries seed absent keys", async () => {
  const t = await startRunner(
    [
      policyProxy("mapname", {
        policies: { KVM: kvm(`<MapName ref="request.queryparam.map"/>${get("role_arn")}`, "") },
        steps: ["KVM"],
        echo: ["private.value"]
      }),
      policyProxy("default", {
        policies: {
          KVM: kvm(
            `<InitialEntries><Entry><Key><Parameter>greeting</Parameter></Key><Value>hello</Value></Entry><Entry><Key><Parameter>role_arn</Parameter></Key><Value>seed</Value></Entry></InitialEntries>${get("greeting")}`,
            ""
          )
        },
        steps: ["KVM"],
        echo: ["private.value"]
      })
    ],
    seeded
  );
  expect(echoed(await t.fetch("/mapname?map=config"), 1)).toEqual(["arn:aws:iam::1:role/r"]);
  expect(echoed(await t.fetch("/default"), 1)).toEqual(["hello"]);
  expect(t.runner.services.kvm.map("environment", "kvmap", "").get("greeting")).toBe("hello");
});

test("an empty mapIdentifier is UnsupportedOperationException at run time", async () => {
  const t = await startRunner([policyProxy("empty", { policies: { KVM: kvm(get("x"), ' mapIdentifier=""') }, steps: ["KVM"] })]);
  expect(await faultOf(await t.fetch("/empty"))).toMatchObject({ status: 500, name: "UnsupportedOperationException", errorcode: "steps.keyvaluemapoperations.UnsupportedOperationException" });
});

test("load errors: an unknown element with file and line, a Key without Parameter, a bad Scope, a Put without Value", async () => {
  const bogus = policyProxy("kbogus", { policies: { KVM: `<KeyValueMapOperations name="KVM">\n  ${get("a")}\n  <Bogus/>\n</KeyValueMapOperations>` }, steps: ["KVM"] });
  expect(await loadError(bogus)).toMatch(/policies\/KVM\.xml:3: <KeyValueMapOperations> has an element <Bogus>/);
  const key = policyProxy("kkey", { policies: { KVM: `<KeyValueMapOperations name="KVM">\n  <Get assignTo="private.a">\n    <Key/>\n  </Get>\n</KeyValueMapOperations>` }, steps: ["KVM"] });
  expect(await loadError(key)).toMatch(/policies\/KVM\.xml:3: <Key> has no <Parameter> \(KeyIsMissing\)/);
  const scope = policyProxy("kscope", { policies: { KVM: `<KeyValueMapOperations name="KVM">\n  <Scope>galaxy</Scope>\n  ${get("a")}\n</KeyValueMapOperations>` }, steps: ["KVM"] });
  expect(await loadError(scope)).toMatch(/policies\/KVM\.xml:2: <Scope>galaxy<\/Scope> is not a KVM scope/);
  const value = policyProxy("kvalue", { policies: { KVM: `<KeyValueMapOperations name="KVM">\n  <Put>\n    <Key><Parameter>a</Parameter></Key>\n  </Put>\n</KeyValueMapOperations>` }, steps: ["KVM"] });
  expect(await loadError(value)).toMatch(/policies\/KVM\.xml:2: <Put> has no <Value> \(ValueIsMissing\)/);
});
