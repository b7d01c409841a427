// The JavaScript policy in the runner: real Rhino through a long-lived JVM,
// with properties, includes, faults and time limits.

import { writeProxy } from "../../support/bundle-fixtures";
import { closeRunners, echoVariables, startRunner } from "../../support/runner";

afterAll(closeRunners);

const js = (name: string, resource: string, extra = "", attrs = 'timeLimit="2000"') =>
  `<Javascript name="${name}" ${attrs}>${extra}<ResourceURL>jsc://${resource}</ResourceURL></Javascript>`;

test("a script reads and writes flow variables and messages, with properties and includes", async () => {
  const proxy = writeProxy("js", {
    basePath: "/js",
    policies: {
      Script: js("Script", "main.js", '<IncludeURL>jsc://lib.js</IncludeURL><Properties><Property name="greeting">hello</Property></Properties>'),
      Echo: echoVariables("Echo", ["script.out", "request.header.x-from-js", "script.flow"])
    },
    scripts: {
      "lib.js": "function shout(s) { return String(s).toUpperCase(); }",
      "main.js": [
        "var who = context.getVariable('request.queryparam.who');",
        "context.setVariable('script.out', shout(properties.greeting + ' ' + who));",
        "request.headers['x-from-js'] = 'set-by-js';",
        "context.setVariable('script.flow', context.flow);"
      ].join("\n")
    },
    request: ["Script", "Echo"]
  });
  const t = await startRunner([proxy]);
  const r = await t.fetch("/js?who=rhino");
  expect([r.headers.get("x-v0"), r.headers.get("x-v1"), r.headers.get("x-v2")]).toEqual(["HELLO RHINO", "set-by-js", "PROXY_REQ_FLOW"]);
});

test("a script error is fault ScriptExecutionFailed naming the file and line", async () => {
  const proxy = writeProxy("jserr", {
    basePath: "/jserr",
    policies: { Bad: js("Bad", "bad.js"), Mark: `<AssignMessage name="Mark"><AssignTo type="response">response</AssignTo><Set><Headers><Header name="x-fault">{fault.name}</Header></Headers></Set></AssignMessage>` },
    scripts: { "bad.js": "var a = 1;\nnull.boom();\n" },
    request: ["Bad"],
    proxyExtra: '<FaultRules><FaultRule name="any"><Step><Name>Mark</Name></Step></FaultRule></FaultRules>'
  });
  const t = await startRunner([proxy]);
  const r = await t.fetch("/jserr");
  expect(r.status).toBe(500);
  expect(r.headers.get("x-fault")).toBe("ScriptExecutionFailed");
  const body = await r.json();
  expect(body.fault.detail.errorcode).toBe("steps.javascript.ScriptExecutionFailed");
  expect(body.fault.faultstring).toMatch(/Execution of Bad failed with error: Javascript runtime error: ".*\(bad\.js#2\)"/);
});

test("a script past its timeLimit is stopped with a fault; the runner keeps serving", async () => {
  const proxy = writeProxy("jsslow", {
    basePath: "/jsslow",
    policies: { Spin: js("Spin", "spin.js", "", 'timeLimit="100"'), Quick: js("Quick", "quick.js"), Echo: echoVariables("Echo", ["quick"]) },
    scripts: { "spin.js": "while (true) {}", "quick.js": "context.setVariable('quick', 'yes');" },
    request: ['<Step><Name>Spin</Name><Condition>request.queryparam.spin = "1"</Condition></Step>', "Quick", "Echo"]
  });
  const t = await startRunner([proxy]);
  const slow = await t.fetch("/jsslow?spin=1");
  expect(slow.status).toBe(500);
  expect((await slow.json()).fault.faultstring).toMatch(/exceeded limit of 100ms/);
  expect((await t.fetch("/jsslow")).headers.get("x-v0")).toBe("yes");
});

test("print output goes to the runner's log, not to the response", async () => {
  const proxy = writeProxy("jsprint", { basePath: "/jsprint", policies: { P: js("P", "p.js") }, scripts: { "p.js": "print('visible in log');" }, request: ["P"] });
  const t = await startRunner([proxy]);
  const r = await t.fetch("/jsprint");
  expect(await r.text()).toBe("");
  expect(t.log).toContain("  print P: visible in log");
});

test("requests run concurrently against one JVM without mixing their variables", async () => {
  const proxy = writeProxy("jsconc", {
    basePath: "/jsconc",
    policies: { P: js("P", "p.js"), Echo: echoVariables("Echo", ["doubled"]) },
    scripts: { "p.js": "context.setVariable('doubled', String(Number(context.getVariable('request.queryparam.n')) * 2));" },
    request: ["P", "Echo"]
  });
  const t = await startRunner([proxy]);
  const results = await Promise.all(Array.from({ length: 40 }, (_, n) => t.fetch(`/jsconc?n=${n}`).then((r) => r.headers.get("x-v0"))));
  expect(results).toEqual(Array.from({ length: 40 }, (_, n) => String(n * 2)));
});
