// What the stand-in checks in an uploaded bundle zip, like Apigee's import:
// every entry below the bundle root (apiproxy/ or sharedflowbundle/), one
// descriptor there whose name is the name being imported. It also keeps
// what later checks need: the description (stored with the revision), the
// shared flows its FlowCallouts call, and whether it uses Google
// authentication. Read with plain patterns, independently of src/deploy.

import { unzipFiles } from "../../../src/common/bundle-zip";

export type StandInKind = "proxy" | "sharedflow";

export interface Violation {
  filename?: string;
  description: string;
}

export interface ImportedBundle {
  files: Map<string, Buffer>;
  description: string;
  policies: string[];
  flowCallouts: string[];
  usesGoogleAuth: boolean;
}

const ROOT: Record<StandInKind, { folder: string; element: string }> = {
  proxy: { folder: "apiproxy", element: "APIProxy" },
  sharedflow: { folder: "sharedflowbundle", element: "SharedFlowBundle" }
};

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function unzip(zip: Buffer): Map<string, Buffer> | undefined {
  try {
    return unzipFiles(zip);
  } catch {
    return undefined;
  }
}

export function checkBundle(kind: StandInKind, name: string, zip: Buffer): ImportedBundle | Violation[] {
  const root = ROOT[kind];
  const files = unzip(zip);
  if (!files) return [{ description: "the uploaded file is not a zip archive" }];
  if (!files.size) return [{ description: "the bundle is empty" }];
  const outside = [...files.keys()].filter((rel) => !rel.startsWith(`${root.folder}/`));
  if (outside.length) return outside.map((filename) => ({ filename, description: "zip entry in bundle is outside the bundle root" }));
  const descriptors = [...files.keys()].filter((rel) => new RegExp(`^${root.folder}/[^/]+\\.xml$`).test(rel));
  if (descriptors.length !== 1) return [{ description: `the bundle must have exactly one ${root.element} descriptor in ${root.folder}/, found ${descriptors.length}` }];
  const descriptor = files.get(descriptors[0])!.toString("utf8");
  const declared = new RegExp(`<${root.element}\\b[^>]*\\bname="([^"]*)"`).exec(descriptor);
  if (!declared) return [{ filename: descriptors[0], description: `the descriptor has no <${root.element} name="..."> root element` }];
  if (declared[1] !== name) return [{ filename: descriptors[0], description: `the descriptor names "${declared[1]}" but the import is for "${name}"` }];
  const xml = [...files].filter(([rel]) => rel.endsWith(".xml") && rel !== descriptors[0]).map(([, bytes]) => bytes.toString("utf8"));
  const flowCallouts = new Set<string>();
  for (const text of xml) {
    if (!/<FlowCallout\b/.test(text)) continue;
    const target = /<SharedFlowBundle>\s*([^<\s]+)\s*<\/SharedFlowBundle>/.exec(text);
    if (target) flowCallouts.add(target[1]);
  }
  return {
    files,
    description: unescapeXml(/<Description>([\s\S]*?)<\/Description>/.exec(descriptor)?.[1] ?? ""),
    policies: [...descriptor.matchAll(/<Policy>([^<]+)<\/Policy>/g)].map((m) => m[1]),
    flowCallouts: [...flowCallouts].sort(),
    usesGoogleAuth: xml.some((text) => /<Authentication\b/.test(text))
  };
}
