// An IAM policy document as the build wrote it, read back into one normal
// form: every element that may be a string or a list becomes a list. explain
// describes these, not the intent, so what it says is what IAM will enforce.
// An element explain cannot put into words is an error, not silently left out.

export interface Condition {
  operator: string;
  key: string;
  values: string[];
}

export interface Principal {
  type: string;
  values: string[];
}

export interface Statement {
  sid: string | null;
  effect: string;
  principals: Principal[];
  actions: string[];
  resources: string[];
  conditions: Condition[];
}

const KNOWN_ELEMENTS = new Set(["Sid", "Effect", "Principal", "Action", "Resource", "Condition"]);

export function parsePolicyDocument(text: string, file: string): Statement[] {
  const document: unknown = JSON.parse(text);
  if (!isObject(document) || !("Statement" in document)) throw new Error(`${file} is not an IAM policy document`);
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return statements.map((s, i) => parseStatement(s, `${file} statement ${i + 1}`));
}

function parseStatement(value: unknown, where: string): Statement {
  if (!isObject(value)) throw new Error(`${where} is not an object`);
  for (const key of Object.keys(value)) {
    if (!KNOWN_ELEMENTS.has(key)) throw new Error(`${where} has ${key}, which explain cannot describe yet`);
  }
  return {
    sid: typeof value.Sid === "string" ? value.Sid : null,
    effect: stringOf(value.Effect, `${where} Effect`),
    principals: principalsOf(value.Principal, where),
    actions: stringsOf(value.Action, `${where} Action`),
    resources: value.Resource === undefined ? [] : stringsOf(value.Resource, `${where} Resource`),
    conditions: conditionsOf(value.Condition, where)
  };
}

function principalsOf(value: unknown, where: string): Principal[] {
  if (value === undefined) return [];
  if (value === "*") return [{ type: "*", values: ["*"] }];
  if (!isObject(value)) throw new Error(`${where} Principal is neither "*" nor an object`);
  return Object.entries(value).map(([type, v]) => ({ type, values: stringsOf(v, `${where} Principal.${type}`) }));
}

function conditionsOf(value: unknown, where: string): Condition[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new Error(`${where} Condition is not an object`);
  const conditions: Condition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) throw new Error(`${where} Condition.${operator} is not an object`);
    for (const [key, v] of Object.entries(block)) conditions.push({ operator, key, values: stringsOf(v, `${where} Condition.${operator}.${key}`) });
  }
  return conditions;
}

function stringsOf(value: unknown, where: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === "string")) return value;
  throw new Error(`${where} is neither a string nor a list of strings`);
}

function stringOf(value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`${where} is not a string`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
