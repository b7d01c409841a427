// What the stand-in checks in an uploaded bundle zip, like Apigee's import:
// every entry below the bundle root (apiproxy/ or sharedflowbundle/), one
// descriptor there whose name is the name being imported, well-formed XML.
// It also keeps what later checks need: the description (stored with the
// revision), the shared flows its FlowCallouts call, and whether it uses
// Google authentication. Read with src/bundle, independently of src/deploy.

import { flowCalloutTarget, readDescriptor, usesGoogleAuthentication } from "../../../src/bundle/facts";
import { belowRoot, descriptorPaths, entriesOutside, type BundleRoot } from "../../../src/bundle/files";
import { parseXml, type Element } from "../../../src/bundle/xml";
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

const ROOT: Record<StandInKind, { folder: BundleRoot; element: string }> = {
  proxy: { folder: "apiproxy", element: "APIProxy" },
  sharedflow: { folder: "sharedflowbundle", element: "SharedFlowBundle" }
};

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
  const outside = entriesOutside(files.keys(), root.folder);
  if (outside.length) return outside.map((filename) => ({ filename, description: "zip entry in bundle is outside the bundle root" }));
  const descriptors = descriptorPaths({ root: root.folder, files: belowRoot(files, root.folder) }).map((rel) => `${root.folder}/${rel}`);
  if (descriptors.length !== 1) return [{ description: `the bundle must have exactly one ${root.element} descriptor in ${root.folder}/, found ${descriptors.length}` }];
  const xml = new Map<string, Element>();
  const violations: Violation[] = [];
  for (const [filename, bytes] of files) {
    if (!filename.endsWith(".xml")) continue;
    const parsed = parseXml(bytes.toString("utf8"));
    if (parsed.problem) violations.push({ filename, description: `not well-formed XML at line ${parsed.problem.line}: ${parsed.problem.message}` });
    else xml.set(filename, parsed.root);
  }
  if (violations.length) return violations;
  const descriptor = readDescriptor(xml.get(descriptors[0])!);
  if (descriptor.element !== root.element || descriptor.name === null) {
    return [{ filename: descriptors[0], description: `the descriptor has no <${root.element} name="..."> root element` }];
  }
  if (descriptor.name !== name) return [{ filename: descriptors[0], description: `the descriptor names "${descriptor.name}" but the import is for "${name}"` }];
  xml.delete(descriptors[0]);
  const flowCallouts = new Set([...xml.values()].map(flowCalloutTarget).filter((target): target is string => target !== null));
  return {
    files,
    description: descriptor.description,
    policies: descriptor.policies,
    flowCallouts: [...flowCallouts].sort(),
    usesGoogleAuth: [...xml.values()].some(usesGoogleAuthentication)
  };
}
