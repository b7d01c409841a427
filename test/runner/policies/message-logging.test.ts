// MessageLogging in the runner, over real HTTP and sockets: Cloud Logging
// writes through the Cloud Logging stand-in with the deployment service
// account's Google token, syslog over UDP and TCP to a receiver, writes that
// never touch the client's response, and what the loader refuses.

import * as net from "node:net";
import type { LogWriteOutcome } from "../../../src/runner/execution/log-writes";
import { GoogleStandIn } from "../../../src/stand-ins/identity/google";
import { CloudLoggingStandIn } from "../../../src/stand-ins/log-sinks/cloud-logging";
import { SyslogReceiver } from "../../../src/stand-ins/log-sinks/syslog-receiver";
import { StandIns } from "../../../src/stand-ins/stand-ins";
import { writeProxy, writeSharedFlow, type ProxySpec } from "../../support/bundle-fixtures";
import { readBody, startServer, type LoopbackServer } from "../../support/loopback-server";
import { closeRunners, startRunner, type TestRunner } from "../../support/runner";
import { loadError } from "./policy-test-kit";

const WRITER = { email: "proxy-writer@local-project.iam.gserviceaccount.com", uniqueId: "104857600000000000011" };
const READER = { email: "proxy-reader@local-project.iam.gserviceaccount.com", uniqueId: "104857600000000000012" };
const LOG = "projects/local/logs/apigee-aws";

let google: GoogleStandIn;
let logging: CloudLoggingStandIn;
let syslog: SyslogReceiver;
let backend: LoopbackServer;
/** A loopback port nothing listens on. */
let closedPort: number;

beforeAll(async () => {
  google = await GoogleStandIn.start({ serviceAccounts: [WRITER, READER] });
  logging = await CloudLoggingStandIn.start({ tokens: google, logWriters: { local: [WRITER.email] } });
  syslog = await SyslogReceiver.start();
  backend = await startServer(async (req, res) => {
    await readBody(req);
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ said: 'a "quoted"\nline', path: req.url }));
  });
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await closeRunners();
  await Promise.all([google.close(), logging.close(), syslog.close(), backend.close()]);
});
beforeEach(() => {
  logging.clear();
  logging.delayMs = 0;
  logging.failNext(0, 503);
  syslog.clear();
});

interface Started extends TestRunner {
  outcomes: LogWriteOutcome[];
}

/** A runner whose Google tokens come from the stand-in and whose Cloud Logging is the stand-in (unless `loggingUrl` says otherwise). */
async function start(bundles: Parameters<typeof startRunner>[0], serviceAccount = WRITER.email, loggingUrl = logging.url): Promise<Started> {
  const outcomes: LogWriteOutcome[] = [];
  const t = await startRunner(bundles, {
    google,
    serviceAccount,
    hostOverrides: { "logging.googleapis.com": loggingUrl },
    logging: { onWrite: (o) => outcomes.push(o) }
  });
  return { ...t, outcomes };
}

const postClientFlow = (...steps: string[]) =>
  `<PostClientFlow name="PostClientFlow"><Request/><Response>${steps.map((s) => `<Step><Name>${s}</Name></Step>`).join("")}</Response></PostClientFlow>`;

function cloudLogging(name: string, message: string, extra = "", attrs = 'contentType="application/json"'): string {
  return `<MessageLogging name="${name}">
  <DisplayName>${name}</DisplayName>
  <CloudLogging>
    <LogName>projects/{organization.name}/logs/apigee-aws</LogName>
    <Message ${attrs}>${message}</Message>
    ${extra}
  </CloudLogging>
</MessageLogging>`;
}

/** Google's own sample message (GoogleCloudPlatform/apigee-samples cloud-logging ML-CloudLogging.xml), trimmed. */
const AUDIT = `{
  "proxy": "{apiproxy.name}",
  "verb": "{request.verb}",
  "query": "{request.queryparam.q}",
  "status": "{response.status.code}",
  "content": "{escapeJSON(message.content)}"
}`;

const RAISE_403 = `<RaiseFault name="Deny"><FaultResponse><Set><StatusCode>403</StatusCode><Payload contentType="text/plain">no "you" don't</Payload></Set></FaultResponse></RaiseFault>`;

function proxy(name: string, spec: Partial<ProxySpec>): string {
  return writeProxy(name, { basePath: `/${name}`, ...spec });
}

describe("MessageLogging to Cloud Logging", () => {
  test("writes one entry per request from the PostClientFlow: the template resolved (variables, escapeJSON of the response), labels, severity, resource", async () => {
    const bundle = proxy("audit", {
      targetUrl: `${backend.url}/api`,
      policies: {
        Audit: cloudLogging("Audit", AUDIT, `<Labels><Label><Key>component</Key><Value>gateway</Value></Label><Label><Key>env</Key><Value>test</Value></Label></Labels><ResourceType>api</ResourceType>`).replace(
          "</MessageLogging>",
          "<logLevel>WARN</logLevel></MessageLogging>"
        )
      },
      proxyExtra: postClientFlow("Audit")
    });
    const t = await start([bundle]);
    for (const q of ["one", "two", "three"]) expect((await t.fetch(`/audit/items?q=${q}`)).status).toBe(200);
    await t.runner.logWritesSettled();
    const entries = logging.entries(LOG);
    expect(entries.map((e) => e.jsonPayload)).toEqual(
      ["one", "two", "three"].map((q) => ({
        proxy: "audit",
        verb: "GET",
        query: q,
        status: "200",
        content: JSON.stringify({ said: 'a "quoted"\nline', path: `/api/items?q=${q}` })
      }))
    );
    for (const e of entries) {
      expect(e).toMatchObject({ logName: LOG, severity: "WARNING", resource: { type: "api" }, labels: { component: "gateway", env: "test" } });
      expect(e.textPayload).toBeUndefined();
      expect(Date.parse(e.timestamp)).not.toBeNaN();
    }
    expect(t.outcomes.map((o) => [o.ok, o.sink, o.destination, o.policy, o.bundle])).toEqual(Array(3).fill([true, "CloudLogging", LOG, "Audit", "audit"]));
  });

  test("a message that is not declared JSON, or does not parse as a JSON object, is a textPayload; INFO is the default severity", async () => {
    const bundle = proxy("textlog", {
      policies: {
        Plain: cloudLogging("Plain", "{request.verb} {proxy.pathsuffix}", "", ""),
        NotJson: cloudLogging("NotJson", "{request.verb} is not JSON"),
        List: cloudLogging("List", '["{request.verb}"]')
      },
      proxyExtra: postClientFlow("Plain", "NotJson", "List")
    });
    const t = await start([bundle]);
    await t.fetch("/textlog/a/b", { method: "DELETE" });
    await t.runner.logWritesSettled();
    const entries = logging.entries(LOG);
    expect(entries.map((e) => [e.textPayload, e.jsonPayload, e.severity])).toEqual([
      ["DELETE /a/b", undefined, "INFO"],
      ["DELETE is not JSON", undefined, "INFO"],
      ['["DELETE"]', undefined, "INFO"]
    ]);
    expect(entries[0].resource).toEqual({ type: "api" });
    expect(entries[0].labels).toBeUndefined();
  });

  test("after a RaiseFault 403 the PostClientFlow still logs; response variables are gone, as Apigee documents, and what a fault rule saved is there", async () => {
    const bundle = proxy("denied", {
      policies: {
        Deny: RAISE_403,
        Save: `<AssignMessage name="Save"><AssignVariable><Name>audit.status</Name><Template>{response.status.code}</Template></AssignVariable></AssignMessage>`,
        Audit: cloudLogging("Audit", '{"fault": "{fault.name}", "status": "{response.status.code}", "message": "{message.content}", "saved": "{audit.status}", "q": "{request.queryparam.q}"}')
      },
      request: ['<Step><Name>Deny</Name><Condition>request.queryparam.q = "x"</Condition></Step>'],
      proxyExtra: `<DefaultFaultRule name="all"><Step><Name>Save</Name></Step></DefaultFaultRule>${postClientFlow("Audit")}`
    });
    const t = await start([bundle]);
    const r = await t.fetch("/denied?q=x");
    expect([r.status, await r.text()]).toEqual([403, `no "you" don't`]);
    const fine = await t.fetch("/denied?q=y");
    expect(fine.status).toBe(200);
    await t.runner.logWritesSettled();
    expect(logging.entries(LOG).map((e) => e.jsonPayload)).toEqual([
      { fault: "RaiseFault", status: "", message: "", saved: "403", q: "x" },
      { fault: "", status: "200", message: "", saved: "", q: "y" }
    ]);
  });

  test("the client gets the same status, headers and body whether the write succeeds, is refused (403) or finds no Cloud Logging", async () => {
    const spec = { targetUrl: `${backend.url}/api`, policies: { Audit: cloudLogging("Audit", AUDIT) }, proxyExtra: postClientFlow("Audit") };
    const seen = async (t: Started) => {
      const r = await t.fetch("/same/x?q=1");
      const headers = [...r.headers].filter(([n]) => n !== "date");
      return { status: r.status, headers, body: await r.text() };
    };
    const ok = await start([proxy("same", spec)]);
    const okSeen = await seen(ok);
    await ok.runner.logWritesSettled();
    await ok.runner.close();
    const refused = await start([proxy("same", spec)], READER.email);
    const refusedSeen = await seen(refused);
    await refused.runner.logWritesSettled();
    await refused.runner.close();
    const down = await start([proxy("same", spec)], WRITER.email, `http://127.0.0.1:${closedPort}`);
    const downSeen = await seen(down);
    await down.runner.logWritesSettled();

    expect(refusedSeen).toEqual(okSeen);
    expect(downSeen).toEqual(okSeen);
    expect(okSeen.status).toBe(200);
    expect(logging.entries(LOG)).toHaveLength(1);
    expect(ok.outcomes.map((o) => o.ok)).toEqual([true]);
    expect(refused.outcomes).toEqual([
      expect.objectContaining({ ok: false, error: `403 PERMISSION_DENIED: Permission 'logging.logEntries.create' denied on resource (or it may not exist). (as ${READER.email})` })
    ]);
    expect(refused.log).toContainEqual(expect.stringMatching(/MessageLogging Audit \(same\): CloudLogging write to projects\/local\/logs\/apigee-aws failed: 403 PERMISSION_DENIED/));
    expect(down.outcomes).toEqual([expect.objectContaining({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) })]);
    expect(down.log).toContainEqual(expect.stringMatching(/CloudLogging write to projects\/local\/logs\/apigee-aws failed: .*ECONNREFUSED/));
  });

  test("outside the PostClientFlow the write is decoupled too: the response does not wait for a slow write, and a 5xx does not fault", async () => {
    const bundle = proxy("early", {
      policies: { Early: cloudLogging("Early", '{"when": "request", "verb": "{request.verb}"}') },
      request: ["Early"]
    });
    const t = await start([bundle]);
    logging.delayMs = 1500;
    const started = performance.now();
    const r = await t.fetch("/early");
    const elapsed = performance.now() - started;
    expect(r.status).toBe(200);
    expect(elapsed).toBeLessThan(1000);
    expect(logging.entries(LOG)).toHaveLength(0);
    await t.runner.logWritesSettled();
    expect(logging.entries(LOG).map((e) => e.jsonPayload)).toEqual([{ when: "request", verb: "GET" }]);

    logging.delayMs = 0;
    logging.failNext(1, 503);
    const failed = await t.fetch("/early");
    expect([failed.status, await failed.text()]).toEqual([200, ""]);
    await t.runner.logWritesSettled();
    expect(t.outcomes.at(-1)).toMatchObject({ ok: false, error: expect.stringMatching(/^503 UNAVAILABLE/) });
    expect(t.log.some((l) => /messagelogging\.Early\.failed/.test(l))).toBe(false);
  });

  test("each bundle writes as its own deployment service account: a token for an account without logging.logWriter is refused; a shared flow uses its own account", async () => {
    const writes = proxy("writes", { policies: { Audit: cloudLogging("Audit", '{"from": "{apiproxy.name}"}') }, proxyExtra: postClientFlow("Audit") });
    const reads = proxy("reads", {
      policies: { Audit: cloudLogging("Audit", '{"from": "{apiproxy.name}"}'), Shared: `<FlowCallout name="Shared"><SharedFlowBundle>audit-flow</SharedFlowBundle></FlowCallout>` },
      request: ['<Step><Name>Shared</Name><Condition>request.queryparam.shared = "1"</Condition></Step>'],
      proxyExtra: postClientFlow("Audit")
    });
    const shared = writeSharedFlow("audit-flow", ["SharedAudit"], { SharedAudit: cloudLogging("SharedAudit", '{"from": "shared flow", "proxy": "{apiproxy.name}"}') });
    const t = await start([
      { bundle: writes, serviceAccount: WRITER.email },
      { bundle: reads, serviceAccount: READER.email },
      { bundle: shared, serviceAccount: WRITER.email }
    ]);
    expect((await t.fetch("/writes")).status).toBe(200);
    expect((await t.fetch("/reads")).status).toBe(200);
    expect((await t.fetch("/reads?shared=1")).status).toBe(200);
    await t.runner.logWritesSettled();
    expect(logging.entries(LOG).map((e) => e.jsonPayload)).toEqual([{ from: "writes" }, { from: "shared flow", proxy: "reads" }]);
    const refused = t.outcomes.filter((o) => !o.ok);
    expect(refused.map((o) => [o.bundle, o.policy])).toEqual([
      ["reads", "Audit"],
      ["reads", "Audit"]
    ]);
    for (const o of refused) expect(o.error).toMatch(new RegExp(`^403 PERMISSION_DENIED: .*\\(as ${READER.email}\\)$`));
  });

  test("with the stand-ins as `apigee-aws dev` wires them, logging.googleapis.com is the Cloud Logging stand-in and the runtime's account may write to project local", async () => {
    const standIns = await StandIns.start();
    try {
      const bundle = proxy("devlog", { policies: { Audit: cloudLogging("Audit", AUDIT) }, proxyExtra: postClientFlow("Audit") });
      const t = await startRunner([bundle], standIns.runnerEnvironment());
      expect((await t.fetch("/devlog?q=dev")).status).toBe(200);
      await t.runner.logWritesSettled();
      expect(standIns.logging.entries(LOG).map((e) => e.jsonPayload?.query)).toEqual(["dev"]);
    } finally {
      await closeRunners();
      await standIns.close();
    }
  });

  test("without a Google token source the write fails in the runner's log, not for the client", async () => {
    const bundle = proxy("notoken", { policies: { Audit: cloudLogging("Audit", AUDIT) }, proxyExtra: postClientFlow("Audit") });
    const outcomes: LogWriteOutcome[] = [];
    const t = await startRunner([bundle], { logging: { onWrite: (o) => outcomes.push(o) } });
    expect((await t.fetch("/notoken")).status).toBe(200);
    await t.runner.logWritesSettled();
    expect(outcomes).toEqual([expect.objectContaining({ ok: false, error: expect.stringMatching(/no service account or Google token source/) })]);
    expect(t.log).toContainEqual(expect.stringMatching(/MessageLogging Audit \(notoken\): CloudLogging write .* failed/));
  });
});

describe("MessageLogging to syslog", () => {
  const syslogPolicy = (name: string, body: string, level = "") =>
    `<MessageLogging name="${name}"><Syslog>${body.replace("PORT", String(syslog.port))}</Syslog>${level}</MessageLogging>`;

  test("UDP with FormatMessage: one datagram per request with Apigee's header (PRI from logLevel, version 1, the default date format, Apigee)", async () => {
    const bundle = proxy("udplog", {
      policies: {
        Udp: syslogPolicy("Udp", `<Message>[tag="{organization.name}.{apiproxy.name}"] {request.verb} q={request.queryparam.q} status={response.status.code}</Message><Host>127.0.0.1</Host><Port>PORT</Port><Protocol>UDP</Protocol><FormatMessage>true</FormatMessage>`, "<logLevel>ERROR</logLevel>")
      },
      proxyExtra: postClientFlow("Udp")
    });
    const t = await start([bundle]);
    await t.fetch("/udplog?q=1");
    await t.fetch("/udplog?q=2");
    const received = await syslog.waitFor(2);
    expect(received.map((m) => [m.transport, m.framing, m.header?.message])).toEqual([
      ["udp", "datagram", '[tag="local.udplog"] GET q=1 status=200'],
      ["udp", "datagram", '[tag="local.udplog"] GET q=2 status=200']
    ]);
    const header = received[0].header!;
    expect(header).toMatchObject({ facility: 1, severity: 3, version: 1, appName: "Apigee", procId: "-", msgId: "-", structuredData: "-" });
    expect(header.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(received[0].text.startsWith("<11>1 ")).toBe(true);
    await t.runner.logWritesSettled();
    expect(t.outcomes.map((o) => [o.ok, o.destination])).toEqual(Array(2).fill([true, `udp://127.0.0.1:${syslog.port}`]));
  });

  test("TCP without FormatMessage: the message alone, one LF-terminated message per connection; DateFormat shapes the header's time", async () => {
    const bundle = proxy("tcplog", {
      policies: {
        Tcp: syslogPolicy("Tcp", `<Message>{request.verb} {proxy.pathsuffix}</Message><Host>127.0.0.1</Host><Port>PORT</Port><Protocol>TCP</Protocol>`),
        Dated: syslogPolicy("Dated", `<Message>dated</Message><Host>127.0.0.1</Host><Port>PORT</Port><Protocol>TCP</Protocol><FormatMessage>true</FormatMessage><DateFormat>yyMMdd-HH:mm:ss.SSS</DateFormat>`, "<logLevel>ALERT</logLevel>")
      },
      proxyExtra: postClientFlow("Tcp", "Dated")
    });
    const t = await start([bundle]);
    await t.fetch("/tcplog/a?x=1", { method: "POST", body: "b" });
    const received = await syslog.waitFor(2);
    const byText = new Map(received.map((m) => [m.header ? "dated" : m.text, m]));
    expect(byText.get("POST /a")).toMatchObject({ transport: "tcp", framing: "newline", header: null });
    const dated = byText.get("dated")!;
    expect(dated).toMatchObject({ transport: "tcp", framing: "newline", header: { severity: 1, facility: 1, message: "dated" } });
    expect(dated.header!.timestamp).toMatch(/^\d{6}-\d\d:\d\d:\d\d\.\d{3}$/);
  });

  test("a syslog server that is down is reported in the runner's log; the client sees nothing of it", async () => {
    const bundle = proxy("sysdown", {
      policies: { Down: `<MessageLogging name="Down"><Syslog><Message>m</Message><Host>127.0.0.1</Host><Port>${closedPort}</Port><Protocol>TCP</Protocol></Syslog></MessageLogging>`, Deny: RAISE_403 },
      request: ['<Step><Name>Deny</Name><Condition>request.queryparam.deny = "1"</Condition></Step>'],
      proxyExtra: postClientFlow("Down")
    });
    const t = await start([bundle]);
    const r = await t.fetch("/sysdown");
    const denied = await t.fetch("/sysdown?deny=1");
    expect([r.status, await r.text(), denied.status, await denied.text()]).toEqual([200, "", 403, `no "you" don't`]);
    await t.runner.logWritesSettled();
    expect(t.outcomes.map((o) => [o.ok, o.destination])).toEqual(Array(2).fill([false, `tcp://127.0.0.1:${closedPort}`]));
    expect(t.log).toContainEqual(expect.stringMatching(new RegExp(`MessageLogging Down \\(sysdown\\): Syslog write to tcp://127.0.0.1:${closedPort} failed: .*ECONNREFUSED`)));
  });
});

describe("what the loader refuses", () => {
  const policyFile = (name: string, xml: string, extra: Partial<ProxySpec> = {}) => proxy(`bad${Math.random().toString(36).slice(2, 8)}`, { policies: { [name]: xml }, request: [name], ...extra });

  test("both sinks in one policy, with Apigee's reason", async () => {
    const error = await loadError(
      policyFile("Both", `<MessageLogging name="Both">\n  <Syslog><Message>m</Message><Port>514</Port></Syslog>\n  <CloudLogging><LogName>projects/p/logs/l</LogName><Message>m</Message></CloudLogging>\n</MessageLogging>`)
    );
    expect(error).toMatch(/policies\/Both\.xml:3: <MessageLogging> has both <CloudLogging> and <Syslog>; Apigee refuses that \("You cannot use both the <CloudLogging> element and the <Syslog> element in the same policy"/);
  });

  test("unknown elements, at their line: in the policy, in CloudLogging, in Syslog (PayloadOnly), in a Label", async () => {
    const error = await loadError(
      policyFile(
        "Odd",
        `<MessageLogging name="Odd">\n  <BufferMessage>true</BufferMessage>\n  <CloudLogging>\n    <LogName>projects/p/logs/l</LogName>\n    <Message>m</Message>\n    <Severity>INFO</Severity>\n    <Labels><Label><Key>k</Key><Value>v</Value><Extra/></Label></Labels>\n  </CloudLogging>\n</MessageLogging>`
      )
    );
    expect(error).toMatch(/Odd\.xml:2: <MessageLogging> has an element <BufferMessage> the runner does not support/);
    expect(error).toMatch(/Odd\.xml:6: <CloudLogging> has an element <Severity> the runner does not support/);
    expect(error).toMatch(/Odd\.xml:7: <Label> has an element <Extra> the runner does not support/);
    const payloadOnly = await loadError(policyFile("Po", `<MessageLogging name="Po">\n  <Syslog>\n    <Message>m</Message>\n    <Port>514</Port>\n    <PayloadOnly>true</PayloadOnly>\n  </Syslog>\n</MessageLogging>`));
    expect(payloadOnly).toMatch(/Po\.xml:5: <Syslog> has an element <PayloadOnly> the runner does not support \(known: Message, Host, Port, Protocol, FormatMessage, DateFormat, SSLInfo\)/);
  });

  test("what Apigee refuses or does not document: a missing or zero Port, another Protocol, a variable in Host or a Label, a bad logLevel, a missing LogName, TLS, Endpoint", async () => {
    const error = await loadError(
      policyFile(
        "Bad",
        `<MessageLogging name="Bad">\n  <Syslog>\n    <Message>m</Message>\n    <Host>{target.host}</Host>\n    <Port>0</Port>\n    <Protocol>HTTP</Protocol>\n    <SSLInfo><Enabled>true</Enabled></SSLInfo>\n  </Syslog>\n  <logLevel>DEBUG</logLevel>\n</MessageLogging>`
      )
    );
    expect(error).toMatch(/Bad\.xml:4: <Host> is taken literally/);
    expect(error).toMatch(/Bad\.xml:5: Invalid Port: <Syslog> needs a <Port> from 1 to 65535, not "0"/);
    expect(error).toMatch(/Bad\.xml:6: Invalid Protocol: HTTP for Syslog handler; the valid protocols are TCP and UDP/);
    expect(error).toMatch(/Bad\.xml:7: <SSLInfo><Enabled>true: the runner does not speak TLS to syslog servers/);
    expect(error).toMatch(/Bad\.xml:9: <logLevel> must be INFO, ALERT, WARN or ERROR/);
    const noPort = await loadError(policyFile("NoPort", `<MessageLogging name="NoPort">\n  <Syslog><Message>m</Message></Syslog>\n</MessageLogging>`));
    expect(noPort).toMatch(/NoPort\.xml:2: Invalid Port: <Syslog> needs a <Port> from 1 to 65535 \(Apigee X refuses a missing or zero port\)/);
    const cloud = await loadError(
      policyFile(
        "Cl",
        `<MessageLogging name="Cl">\n  <CloudLogging>\n    <Message>m</Message>\n    <Labels><Label><Key>proxy</Key><Value>{apiproxy.name}</Value></Label></Labels>\n    <Endpoint>https://example.com</Endpoint>\n  </CloudLogging>\n</MessageLogging>`
      )
    );
    expect(cloud).toMatch(/Cl\.xml:2: <CloudLogging> needs a non-empty <LogName>/);
    expect(cloud).toMatch(/Cl\.xml:4: <Value> is taken literally/);
    expect(cloud).toMatch(/Cl\.xml:5: <CloudLogging><Endpoint> is not supported by the runner/);
  });

  test("a policy other than MessageLogging in the PostClientFlow, at its step's line, with Apigee's rule", async () => {
    const bundle = proxy("pcfbad", {
      policies: { Note: `<AssignMessage name="Note"><AssignVariable><Name>n</Name><Value>1</Value></AssignVariable></AssignMessage>`, Audit: cloudLogging("Audit", AUDIT) },
      proxyExtra: `<PostClientFlow name="PostClientFlow">\n<Response>\n<Step><Name>Audit</Name></Step>\n<Step><Name>Note</Name></Step>\n</Response>\n</PostClientFlow>`
    });
    const error = await loadError(bundle);
    expect(error).toMatch(
      /proxies\/default\.xml:\d+: PostClientFlow step "Note" is a AssignMessage policy; Apigee X allows only MessageLogging there \("Only the MessageLogging policy can be attached to this flow/
    );
    expect(error).not.toMatch(/step "Audit"/);
    const withRequest = proxy("pcfreq", {
      policies: { Audit: cloudLogging("Audit", AUDIT) },
      proxyExtra: `<PostClientFlow><Request><Step><Name>Audit</Name></Step></Request></PostClientFlow>`
    });
    expect(await loadError(withRequest)).toMatch(/<PostClientFlow> runs after the response is sent: it has no <Request> steps/);
  });
});
