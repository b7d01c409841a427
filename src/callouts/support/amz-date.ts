/** YYYYMMDD'T'HHMMSS'Z' for an epoch time in milliseconds. */
export function amzDateFromMillis(millis: number): string {
  var d = new Date(millis);
  return (
    d.getUTCFullYear() +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    "T" +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes()) +
    two(d.getUTCSeconds()) +
    "Z"
  );
}

function two(n: number): string {
  return n < 10 ? "0" + n : String(n);
}
