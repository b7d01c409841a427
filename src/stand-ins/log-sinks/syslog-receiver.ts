// A syslog server on loopback for tests: UDP (one message per datagram) and
// TCP on one port number. TCP messages may be framed by octet counting
// ("123 <14>1 ...", RFC 6587 3.4.1; recognised by the "<" after the count)
// or end with LF (non-transparent framing,
// 3.4.2); each message records which, so a test can say what a sender used.
// RFC 5424 headers ("<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG") are
// split into their fields.

import * as dgram from "node:dgram";
import * as net from "node:net";

export interface SyslogHeader {
  facility: number;
  severity: number;
  version: number;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  structuredData: string;
  /** The message after the header. */
  message: string;
}

export interface ReceivedSyslog {
  transport: "udp" | "tcp";
  framing: "datagram" | "octet-counting" | "newline";
  /** The message as received, without its framing. */
  text: string;
  header: SyslogHeader | null;
}

const RFC5424 = /^<(\d{1,3})>(\d) (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[[^\]]*\])+) ?([\s\S]*)$/;

export function parseSyslogHeader(text: string): SyslogHeader | null {
  const m = RFC5424.exec(text);
  if (!m) return null;
  const pri = Number(m[1]);
  return {
    facility: pri >> 3,
    severity: pri & 7,
    version: Number(m[2]),
    timestamp: m[3],
    hostname: m[4],
    appName: m[5],
    procId: m[6],
    msgId: m[7],
    structuredData: m[8],
    message: m[9]
  };
}

export class SyslogReceiver {
  readonly messages: ReceivedSyslog[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly udp: dgram.Socket,
    private readonly tcp: net.Server,
    readonly port: number
  ) {}

  /** Listens on 127.0.0.1, UDP and TCP on the same port. */
  static async start(): Promise<SyslogReceiver> {
    for (let attempt = 0; ; attempt++) {
      const tcp = net.createServer();
      await new Promise<void>((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen(0, "127.0.0.1", () => resolve());
      });
      const port = (tcp.address() as net.AddressInfo).port;
      const udp = dgram.createSocket("udp4");
      const bound = await new Promise<boolean>((resolve) => {
        udp.once("error", () => resolve(false));
        udp.bind(port, "127.0.0.1", () => resolve(true));
      });
      if (bound) {
        const receiver = new SyslogReceiver(udp, tcp, port);
        receiver.listen();
        return receiver;
      }
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      if (attempt >= 10) throw new Error("no loopback port was free for both UDP and TCP");
    }
  }

  /** Resolves once `count` messages have arrived in all; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 5000): Promise<ReceivedSyslog[]> {
    if (this.messages.length >= count) return Promise.resolve(this.messages.slice());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.messages.length} of ${count} syslog messages arrived within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(this.messages.slice())) });
    });
  }

  clear(): void {
    this.messages.length = 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.udp.close(() => resolve()));
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
  }

  private listen(): void {
    this.udp.on("message", (data) => this.add("udp", "datagram", data.toString("utf8")));
    this.tcp.on("connection", (socket) => {
      let buffered: Buffer = Buffer.alloc(0);
      socket.on("data", (data) => {
        buffered = Buffer.concat([buffered, data]);
        buffered = this.takeFrames(buffered);
      });
      socket.on("end", () => {
        if (buffered.length) this.add("tcp", "newline", buffered.toString("utf8"));
        socket.end();
      });
      socket.on("error", () => socket.destroy());
    });
  }

  /** Takes the complete messages off the front of a TCP stream; returns what is left. */
  private takeFrames(stream: Buffer): Buffer {
    for (;;) {
      // Octet counting frames a syslog message, which starts with "<PRI>".
      const counted = /^(\d+) </.exec(stream.subarray(0, 12).toString("latin1"));
      if (counted) {
        const start = counted[1].length + 1;
        const end = start + Number(counted[1]);
        if (stream.length < end) return stream;
        this.add("tcp", "octet-counting", stream.subarray(start, end).toString("utf8"));
        stream = stream.subarray(end);
        continue;
      }
      const lf = stream.indexOf(0x0a);
      if (lf < 0) return stream;
      this.add("tcp", "newline", stream.subarray(0, lf).toString("utf8"));
      stream = stream.subarray(lf + 1);
    }
  }

  private add(transport: ReceivedSyslog["transport"], framing: ReceivedSyslog["framing"], text: string): void {
    this.messages.push({ transport, framing, text, header: parseSyslogHeader(text) });
    const ready = this.waiters.filter((w) => this.messages.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.messages.length < w.count);
    for (const w of ready) w.resolve();
  }
}
