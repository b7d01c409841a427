// Apigee naming rules. Each check returns null when the value is valid, or a
// sentence saying what is wrong and what is expected.

/**
 * Proxy names. Apigee's API accepts A-Za-z0-9._-$% and space; this tool
 * allows only letters, digits, '.', '_' and '-', because the name is also
 * the default base path, part of IAM role names (no '$', '%' or space there)
 * and a folder name.
 */
export function proxyNameProblem(name: string): string | null {
  if (name.length === 0) return "a proxy needs a name: letters, digits, '.', '_' and '-'";
  const bad = name.match(/[^A-Za-z0-9._-]/);
  if (bad) return `proxy name '${name}' contains '${bad[0]}'; use only letters, digits, '.', '_' and '-' (the name becomes the base path, IAM role names and a folder)`;
  if (/^\.+$/.test(name)) return `proxy name '${name}' is only dots; use letters or digits`;
  if (!/^[A-Za-z0-9]/.test(name)) return `proxy name '${name}' starts with '${name[0]}'; start it with a letter or digit (the name is also a folder, and a leading '.' would hide it)`;
  if (name.length > 255) return `proxy name has ${name.length} characters; keep it to 255 or fewer`;
  return null;
}

/**
 * Environment names as Apigee X creates them: 2 to 32 lowercase letters,
 * digits and hyphens, starting with a letter, not ending with a hyphen
 * (Apigee "Create an environment").
 */
export function environmentNameProblem(name: string): string | null {
  if (/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/.test(name)) return null;
  return `environment name '${name}' is not an Apigee environment name: 2 to 32 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen`;
}

/**
 * A proxy endpoint base path: '/' or '/'-separated segments of URL-safe
 * characters, where a segment may be the single wildcard '*' as Apigee
 * allows (/team/*\/members).
 */
export function basePathProblem(path: string): string | null {
  const expected = "expected a base path such as /reports or /v1/reports";
  if (!path.startsWith("/")) return `${expected}: it must start with '/' (write '/${path}')`;
  if (path === "/") return null;
  if (path.endsWith("/")) return `${expected}: remove the trailing '/' (write '${path.replace(/\/+$/, "")}')`;
  const segments = path.slice(1).split("/");
  if (segments.some((s) => s === "")) return `${expected}: '${path}' contains '//'`;
  if (segments.some((s) => s === "." || s === "..")) return `${expected}: '${path}' contains a '.' or '..' segment`;
  const bad = segments.find((s) => s !== "*" && !/^[A-Za-z0-9._~-]+$/.test(s));
  if (bad !== undefined) return `${expected}: segment '${bad}' may use only letters, digits, '.', '_', '~' and '-', or be the wildcard '*'`;
  return null;
}
