// MessageLogging's writes run in the background: the policy hands one over
// and returns, so neither the client's response nor the flow waits for it or
// hears how it went. Apigee's documentation: "The MessageLogging policy was
// designed to be decoupled from actual API functionality, including error
// handling" (antipatterns/messagelogging-multiple-times), and in the
// PostClientFlow "the log is written after the actual API response is sent to
// the API client" (GoogleCloudPlatform/apigee-samples cloud-logging/README.md).

/** Which write this is: the policy, the bundle it ran in, the sink and where it goes. */
export interface LogWriteTarget {
  policy: string;
  bundle: string;
  sink: "CloudLogging" | "Syslog";
  /** The log name, or syslog's "udp://host:port" / "tcp://host:port". */
  destination: string;
}

/** How a write ended: delivered, or why not. */
export interface LogWriteOutcome extends LogWriteTarget {
  ok: boolean;
  error?: string;
}

export class LogWrites {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly report: (outcome: LogWriteOutcome) => void) {}

  /** Runs `write` in the background; its outcome is reported, never thrown. */
  start(target: LogWriteTarget, write: () => Promise<void>): void {
    const running = write().then(
      () => this.report({ ...target, ok: true }),
      (e: unknown) => this.report({ ...target, ok: false, error: e instanceof Error ? e.message : String(e) })
    );
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
  }

  /** A write that could not even start (its message failed to build). */
  failed(target: LogWriteTarget, error: string): void {
    this.report({ ...target, ok: false, error });
  }

  /** Resolves once every write started so far, and any started meanwhile, has ended. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
