// Which headers get signed.

/**
 * Headers the AWS SDK for JavaScript never signs (@smithy/signature-v4's
 * ALWAYS_UNSIGNABLE_HEADERS and its proxy-/sec- patterns): hop-by-hop headers
 * and those that proxies or clients rewrite.
 */
var UNSIGNABLE: { [lower: string]: boolean } = {
  authorization: true,
  "cache-control": true,
  connection: true,
  expect: true,
  from: true,
  "keep-alive": true,
  "max-forwards": true,
  pragma: true,
  referer: true,
  te: true,
  trailer: true,
  "transfer-encoding": true,
  upgrade: true,
  "user-agent": true,
  "x-amzn-trace-id": true
};

/** Everything present except the unsignable headers: the SDK's choice. */
export function signAllSignable(lowerName: string): boolean {
  return !UNSIGNABLE[lowerName] && !/^(proxy-|sec-)/.test(lowerName);
}

/**
 * The minimal set a gateway can keep stable: host, x-amz-*, content-type and
 * content-md5. Apigee and load balancers add or rewrite the others (accept,
 * accept-encoding, x-forwarded-*, content-length when re-chunking).
 */
export function signMinimal(lowerName: string): boolean {
  return (
    lowerName === "host" ||
    lowerName === "content-type" ||
    lowerName === "content-md5" ||
    lowerName.indexOf("x-amz-") === 0
  );
}
