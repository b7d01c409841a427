// One syslog message, as MessageLogging's <Syslog> sends it: a UDP datagram,
// or a TCP connection carrying the message and a line feed.
//
// With <FormatMessage>true</FormatMessage> the message gets the header
// Apigee documents by example, "<14>1 2016-02-23T09:24:39.039+0000
// e49cd3a9-4cf6-48a7-abb9-7ftfe4d97d00 Apigee - - - Message starts here":
// PRI = (facility 1, user-level) << 3 | the log level's severity (ALERT 1,
// ERROR 3, WARN 4, INFO 6), version 1, the time in <DateFormat> (default
// yyyy-MM-dd'T'HH:mm:ss.SSSZ), a host ID, "Apigee", then "- - -" (Apigee
// community article "How does Apigee set the priority score in syslog
// messages in Message Logging policy", 2021). One connection per message:
// "Apigee opens a connection to an external endpoint for a MessageLogging
// policy" (antipatterns/messagelogging-multiple-times). Not confirmed by
// Apigee's documentation: how TCP messages are delimited (the runner ends
// each with LF, RFC 6587's non-transparent framing) and what a message
// without FormatMessage carries (the runner sends the message alone).

import { randomUUID } from "node:crypto";
import * as dgram from "node:dgram";
import * as net from "node:net";
import { formatJavaDate } from "../templates/time-format";

export type SyslogProtocol = "UDP" | "TCP";

/** How long a TCP connection and write may take; Apigee's own limit is not documented. */
const SEND_TIMEOUT_MS = 10000;
/** The HOSTNAME field: one ID per runner process, as Apigee sends one per message processor. */
const HOST_ID = randomUUID();
const USER_FACILITY = 1;

/** The message with Apigee's RFC 5424-style header. */
export function formatSyslogMessage(message: string, severity: number, dateFormat: string, now: number): string {
  return `<${(USER_FACILITY << 3) | severity}>1 ${formatJavaDate(dateFormat, now)} ${HOST_ID} Apigee - - - ${message}`;
}

export function sendSyslog(host: string, port: number, protocol: SyslogProtocol, message: string): Promise<void> {
  const payload = Buffer.from(message, "utf8");
  return protocol === "UDP" ? sendDatagram(host, port, payload) : sendOverTcp(host, port, Buffer.concat([payload, Buffer.from("\n")]));
}

function sendDatagram(host: string, port: number, payload: Buffer): Promise<void> {
  const socket = dgram.createSocket(net.isIPv6(host) ? "udp6" : "udp4");
  return new Promise((resolve, reject) => {
    socket.once("error", (e) => {
      socket.close();
      reject(new Error(`${host}:${port}: ${e.message}`));
    });
    socket.send(payload, port, host, (e) => {
      socket.close();
      if (e) reject(new Error(`${host}:${port}: ${e.message}`));
      else resolve();
    });
  });
}

function sendOverTcp(host: string, port: number, payload: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let sent = false;
    // Sent once the message has gone out; a server that never closes its side only delays the socket's end.
    socket.setTimeout(SEND_TIMEOUT_MS, () => (sent ? socket.destroy() : socket.destroy(new Error(`not connected and written within ${SEND_TIMEOUT_MS} ms`))));
    socket.once("error", (e) => reject(new Error(`${host}:${port}: ${e.message}`)));
    socket.once("connect", () =>
      socket.end(payload, () => {
        sent = true;
        resolve();
      })
    );
  });
}
