// The syslog receiver: datagrams, TCP with LF or octet-counted framing (a
// test can tell which a sender used), and RFC 5424 headers.

import * as dgram from "node:dgram";
import * as net from "node:net";
import { parseSyslogHeader, SyslogReceiver } from "../../../src/stand-ins/log-sinks/syslog-receiver";

let receiver: SyslogReceiver;
beforeAll(async () => {
  receiver = await SyslogReceiver.start();
});
afterAll(() => receiver.close());
beforeEach(() => receiver.clear());

function sendTcp(chunks: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port: receiver.port }, async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
      socket.end();
    });
    socket.on("close", () => resolve());
    socket.on("error", reject);
  });
}

test("a UDP datagram is one message", async () => {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.send("<14>1 2030-06-01T00:00:00.000+0000 host Apigee - - - hello\nworld", receiver.port, "127.0.0.1", () => resolve()));
  socket.close();
  const [m] = await receiver.waitFor(1);
  expect(m).toMatchObject({ transport: "udp", framing: "datagram", header: { facility: 1, severity: 6, hostname: "host", appName: "Apigee", message: "hello\nworld" } });
});

test("TCP: LF-terminated and octet-counted messages, split across writes, are told apart", async () => {
  const counted = "<11>1 - h a - - - line one\nline two";
  await sendTcp(["first\nsec", "ond\n", `${Buffer.byteLength(counted)} ${counted.slice(0, 10)}`, counted.slice(10), "12 requests\n", "no end"]);
  const received = await receiver.waitFor(5);
  expect(received.map((m) => [m.framing, m.text])).toEqual([
    ["newline", "first"],
    ["newline", "second"],
    ["octet-counting", counted],
    ["newline", "12 requests"],
    ["newline", "no end"]
  ]);
  expect(received[2].header).toMatchObject({ severity: 3, timestamp: "-", message: "line one\nline two" });
});

test("waitFor fails when the messages do not come", async () => {
  await expect(receiver.waitFor(1, 50)).rejects.toThrow(/0 of 1 syslog messages arrived within 50 ms/);
});

test("text without an RFC 5424 header has none", () => {
  expect(parseSyslogHeader("plain text")).toBeNull();
  expect(parseSyslogHeader('<9>1 2030-06-01T00:00:00Z h Apigee 12 ID7 [ex@1 a="b"] msg')).toMatchObject({ severity: 1, procId: "12", msgId: "ID7", structuredData: '[ex@1 a="b"]', message: "msg" });
});
