// Credential-bearing query parameters never reach a log line.

import { redactUrl } from "../../src/common/url-redaction";
import { Runner } from "../../src/runner/runner";
import { writeProxy } from "../support/bundle-fixtures";

test.each([
  ["/files/a.txt?access_token=ya29.secret&limit=5", "/files/a.txt?access_token=[redacted]&limit=5"],
  [
    "/f/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAX%2F20260101%2Fus-east-1&X-Amz-Signature=abcdef&X-Amz-Security-Token=FwoG",
    "/f/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&X-Amz-Security-Token=[redacted]"
  ],
  ["/cb?code=4%2F0Ab&state=xyz", "/cb?code=[redacted]&state=xyz"],
  ["/x?API_KEY=k1&Key=k2&keys=visible", "/x?API_KEY=[redacted]&Key=[redacted]&keys=visible"],
  ["/x?%61ccess_token=encoded-name", "/x?%61ccess_token=[redacted]"],
  ["/x?token", "/x?token"],
  ["/x?a=1#access_token=frag", "/x?a=1#access_token=frag"],
  ["https://user:pass@host.example/p?id_token=eyJ.a.b", "https://[redacted]@host.example/p?id_token=[redacted]"],
  ["/plain/path", "/plain/path"]
])("%s", (url, logged) => {
  expect(redactUrl(url)).toBe(logged);
});

test("dev's request log shows the path and other parameters, never the token (through the runner)", async () => {
  const lines: string[] = [];
  const bundle = writeProxy("echo", { basePath: "/echo", policies: {}, request: [] });
  const runner = await Runner.start({ bundles: [bundle], environment: { name: "test" }, log: (l) => lines.push(l) });
  try {
    await fetch(`${runner.url}/echo/a?access_token=ya29.very-secret-token&page=2`);
    await fetch(`${runner.url}/nowhere?X-Amz-Signature=deadbeefdeadbeef`);
  } finally {
    await runner.close();
  }
  expect(lines.join("\n")).not.toMatch(/ya29\.very-secret-token|deadbeefdeadbeef/);
  expect(lines[0]).toMatch(/^GET \/echo\/a\?access_token=\[redacted\]&page=2 → 200 echo/);
  expect(lines[1]).toMatch(/^GET \/nowhere\?X-Amz-Signature=\[redacted\] → 404/);
});
