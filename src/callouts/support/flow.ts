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

/** "a, b,,c" → ["a", "b", "c"]: the comma-separated lists parameters and properties hold. */
export function commaList(text: string | null): string[] {
  var out: string[] = [];
  var parts = (text || "").split(",");
  for (var i = 0; i < parts.length; i++) {
    var item = parts[i].replace(/^\s+|\s+$/g, "");
    if (item !== "") out.push(item);
  }
  return out;
}
