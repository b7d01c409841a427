// Reading Apigee flow variables safely: values may be Java objects, and an
// unset variable is null.

export function readString(name: string): string | null {
  var value = context.getVariable(name);
  return value === null || value === undefined ? null : String(value);
}

export function readRequired(name: string): string {
  var value = readString(name);
  if (value === null || value === "") throw new Error("flow variable " + name + " is not set");
  return value;
}

export function readFlag(name: string, fallback: boolean): boolean {
  var value = readString(name);
  if (value === null || value === "") return fallback;
  return value.toLowerCase() === "true";
}
