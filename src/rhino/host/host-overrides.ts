// Where a callout's HTTP request really goes. The local runner points AWS and
// Google hostnames at loopback stand-ins (APIGEE_AWS_HOST_OVERRIDES, JSON
// {"host" or "*.suffix": "http://127.0.0.1:PORT"}); the Host header stays the
// real one, because a SigV4 signature covers it. Needs the JVM property
// jdk.httpclient.allowRestrictedHeaders=host, which RhinoHost sets.

var OVERRIDES: { [pattern: string]: string } = JSON.parse(String(java.lang.System.getenv("APIGEE_AWS_HOST_OVERRIDES") || "{}"));

export interface Redirect {
  /** The URL to connect to. */
  url: string;
  /** The Host header to send. */
  host: string;
}

function overrideFor(host: string, authority: string): string | null {
  if (Object.prototype.hasOwnProperty.call(OVERRIDES, authority)) return OVERRIDES[authority];
  if (Object.prototype.hasOwnProperty.call(OVERRIDES, host)) return OVERRIDES[host];
  for (var pattern in OVERRIDES) {
    if (pattern.indexOf("*.") === 0 && host.length > pattern.length - 1 && host.substring(host.length - pattern.length + 1) === pattern.substring(1)) {
      return OVERRIDES[pattern];
    }
  }
  return null;
}

export function redirectFor(url: string): Redirect | null {
  var uri = java.net.URI.create(url);
  var host = String(uri.getHost() || "");
  var authority = String(uri.getRawAuthority() || "");
  var to = overrideFor(host, authority);
  if (to === null) return null;
  var rest = String(uri.getRawPath() || "/") + (uri.getRawQuery() === null ? "" : "?" + String(uri.getRawQuery()));
  return { url: to.replace(/\/$/, "") + rest, host: authority };
}
