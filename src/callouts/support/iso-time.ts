// ISO 8601 times without a Date parser we cannot trust in every Rhino:
// STS's XML Expiration ("2025-11-24T20:25:45Z", maybe with fractions or an
// offset) and the flow's own aws.credentials.expiration output.

var ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds, or NaN. */
export function parseIso(text: string): number {
  var m = ISO.exec(text);
  if (!m) return NaN;
  var millis = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (m[7]) millis += Math.floor(Number("0" + m[7]) * 1000);
  if (m[8] === "Z") return millis;
  var sign = m[8].charAt(0) === "-" ? -1 : 1;
  var digits = m[8].replace(/[^\d]/g, "");
  return millis - sign * (Number(digits.substring(0, 2)) * 60 + Number(digits.substring(2))) * 60000;
}

/** 2025-11-24T20:25:45Z */
export function isoSeconds(millis: number): string {
  return new Date(Math.floor(millis / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

