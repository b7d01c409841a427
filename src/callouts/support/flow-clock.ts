// The runtime's clock as Apigee gives it to a policy: system.timestamp. Read
// from the flow rather than new Date(), so the local runner can move it.

export function nowMillis(): number {
  var value = Number(context.getVariable("system.timestamp"));
  return value > 0 ? value : new Date().getTime();
}
