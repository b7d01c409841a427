import * as http from "node:http";
import { startLoopbackServer, type LoopbackServer } from "../../../src/stand-ins/identity/http-server";

describe("startLoopbackServer", () => {
  let server: LoopbackServer;
  let failWith: Error | undefined;

  beforeAll(async () => {
    server = await startLoopbackServer(async (req, body) => {
      if (failWith) throw failWith;
      return {
        status: 201,
        headers: { "content-type": "application/json", "x-method": req.method ?? "" },
        body: JSON.stringify({ path: req.url, received: body.toString("utf8"), bytes: body.length })
      };
    });
  });
  afterAll(() => server.close());
  afterEach(() => {
    failWith = undefined;
  });

  it("listens on 127.0.0.1 and hands the handler the whole body", async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const big = "x".repeat(200_000);
    const response = await fetch(`${server.url}/echo?q=1`, { method: "POST", body: big });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-method")).toBe("POST");
    const json = (await response.json()) as { path: string; bytes: number };
    expect(json).toMatchObject({ path: "/echo?q=1", bytes: 200_000 });
  });

  it("answers 500 with a JSON error when the handler throws", async () => {
    failWith = new Error("boom");
    const response = await fetch(`${server.url}/x`);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const json = (await response.json()) as { error: { message: string; code: number } };
    expect(json.error.code).toBe(500);
    expect(json.error.message).toContain("boom");
  });

  it("close() does not wait for idle keep-alive connections", async () => {
    const other = await startLoopbackServer(async () => ({ status: 200, body: "ok" }));
    const agent = new http.Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(other.url, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        })
        .on("error", reject);
    });
    expect(status).toBe(200);
    const started = Date.now();
    await other.close();
    // Without closing the idle socket, close() would wait for the server's keep-alive timeout (5 s).
    expect(Date.now() - started).toBeLessThan(2000);
    agent.destroy();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
