// What the generator and the shared flows emit, computed from bundle XML: every
// element path (from the file's root element, e.g. AssignMessage/Set/Payload)
// with the attributes written on it, every message-template function called,
// and every transport property named, each with the files where it occurs.
// test/runner/documented-emissions.test.ts checks all of it against the table
// in docs/runner.md.

import * as fs from "node:fs";
import * as path from "node:path";
import { attribute, childElements, type Element, ownText, parseXml } from "../../src/bundle/xml";
import { parseTemplate, TemplateSyntaxError } from "../../src/runner/templates";

export interface Emissions {
  /** Element path → where it occurs, and each attribute written on it → where. */
  elements: Map<string, { where: Set<string>; attributes: Map<string, Set<string>> }>;
  /** Template function name → where it is called. */
  functions: Map<string, Set<string>>;
  /** "ROOT: property.name" for <Properties><Property name> of endpoints and callouts → where. */
  properties: Map<string, Set<string>>;
  /** String literals passed to template functions → where. */
  literals: Map<string, Set<string>>;
  /** Templates the runner's parser refuses (an unknown function, an undocumented literal argument). */
  templateProblems: string[];
}

/** Bundle XML files among a build's outputs or a folder's files: descriptors, endpoints, shared flows, policies. */
export function isBundleXml(rel: string): boolean {
  return (
    /(^|\/)(apiproxy|sharedflowbundle)\/((policies|proxies|targets|sharedflows)\/)?[^/]+\.xml$/.test(rel) ||
    // policies/ in the repository: the fixed policies the generator copies into every bundle.
    /^policies\/[^/]+\.xml$/.test(rel)
  );
}

/** The bundle XML files under a folder, as [path relative to `base`, text]. */
export function bundleXmlUnder(base: string, folder: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const rel = path.relative(base, full).split(path.sep).join("/");
        if (isBundleXml(rel)) out.push([rel, fs.readFileSync(full, "utf8")]);
      }
    }
  };
  walk(path.join(base, folder));
  return out;
}

const CALL = (prefix: string) => new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([A-Za-z_][A-Za-z0-9_]*)\\(`, "g");

function add(map: Map<string, Set<string>>, key: string, where: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(where);
}

/** The inventory of the given [file, XML text] pairs; a file that is not well-formed is an error. */
export function inventory(files: Iterable<[string, string]>): Emissions {
  const emissions: Emissions = { elements: new Map(), functions: new Map(), properties: new Map(), literals: new Map(), templateProblems: [] };
  for (const [file, text] of files) {
    const parsed = parseXml(text);
    if (!parsed.root) throw new Error(`${file}: not well-formed XML: ${parsed.problem.message}`);
    const root = parsed.root;
    const visit = (el: Element, prefix: string) => {
      const elementPath = prefix ? `${prefix}/${el.tagName}` : el.tagName;
      let entry = emissions.elements.get(elementPath);
      if (!entry) emissions.elements.set(elementPath, (entry = { where: new Set(), attributes: new Map() }));
      entry.where.add(file);
      const attrs = el.attributes;
      for (let i = 0; i < attrs.length; i++) {
        const a = attrs.item(i)!;
        if (!a.name.startsWith("xmlns")) add(entry.attributes, a.name, file);
      }
      if (el.tagName === "Property" && elementPath.endsWith("/Properties/Property") && root.tagName !== "Javascript") {
        // A JavaScript policy's properties are its script's own; endpoints' and callouts' are Apigee's.
        add(emissions.properties, `${root.tagName}: ${attribute(el, "name") ?? ""}`, file);
      }
      scanTemplates(el, elementPath, file, emissions);
      for (const c of childElements(el)) visit(c, elementPath);
    };
    visit(root, "");
  }
  return emissions;
}

/** Function calls in the element's own text (with a Payload's own delimiters) and in its attribute values. */
function scanTemplates(el: Element, elementPath: string, file: string, emissions: Emissions): void {
  const prefix = el.tagName === "Payload" ? attribute(el, "variablePrefix") || "{" : "{";
  const suffix = el.tagName === "Payload" ? attribute(el, "variableSuffix") || "}" : "}";
  const texts = [ownText(el)];
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) texts.push(attrs.item(i)!.value);
  for (const text of texts) {
    const calls = [...text.matchAll(CALL(prefix))];
    if (!calls.length) continue;
    for (const call of calls) {
      const where = `${file} <${elementPath}>`;
      add(emissions.functions, call[1], where);
      for (const literal of literalArguments(text, call.index! + call[0].length)) add(emissions.literals, literal, where);
    }
    try {
      parseTemplate(text, { prefix, suffix });
    } catch (e) {
      if (!(e instanceof TemplateSyntaxError)) throw e;
      emissions.templateProblems.push(`${file} <${elementPath}>: ${e.message}`);
    }
  }
}

/** The 'quoted' arguments of the call whose arguments start at `at`, up to its closing parenthesis. */
function literalArguments(text: string, at: number): string[] {
  const out: string[] = [];
  for (let i = at; i < text.length && text[i] !== ")"; i++) {
    if (text[i] !== "'") continue;
    const close = text.indexOf("'", i + 1);
    if (close < 0) break;
    out.push(text.slice(i + 1, close));
    i = close;
  }
  return out;
}
