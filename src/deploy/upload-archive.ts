// The zip a deploy uploads for a bundle. When dist's zip already records the
// bundle's content hash and holds exactly the bundle's files, it is sent as
// built. Otherwise (built before hashes were recorded, edited by hand after
// the build, or a zip older than its folder) a copy of the files is zipped
// with the hash stamped into the descriptor, so the revision in Apigee can
// be recognised next time. dist itself is never modified.

import * as fs from "node:fs";
import { withContentHash } from "../common/bundle-content-hash";
import { unzipFiles, zipBundle } from "../common/bundle-zip";
import { compareFileTrees, isSameTree } from "../common/file-tree";
import type { LocalBundle } from "./dist";

export interface UploadArchive {
  bytes: Buffer;
  fileName: string;
  /** What is uploaded, for plans: the dist zip, or a description of the stamped copy. */
  source: string;
  /** Why a stamped copy is uploaded instead of dist's zip; absent when the zip is sent as built. */
  note?: string;
}

/** Why dist's zip cannot be sent as built, or undefined when it can. */
function stampReason(bundle: LocalBundle, zip: Buffer | undefined): string | undefined {
  const short = bundle.contentHash.slice(0, 12);
  if (!bundle.recordedHash) return `${bundle.source} records no content hash; uploading a copy stamped with sha256:${short}… (dist is unchanged)`;
  if (bundle.recordedHash !== bundle.contentHash) {
    return `${bundle.source} was changed after it was built (it records sha256:${bundle.recordedHash.slice(0, 12)}…, its files hash to sha256:${short}…); uploading a copy stamped with the new hash (dist is unchanged)`;
  }
  if (!zip) return undefined;
  if (!isSameTree(compareFileTrees(bundle.files, unzipFiles(zip)))) return `${bundle.zipSource!} differs from ${bundle.source}; uploading the folder's files`;
  return undefined;
}

export function uploadArchive(bundle: LocalBundle): UploadArchive {
  const fileName = `${bundle.name}.zip`;
  const zip = bundle.zipFile ? fs.readFileSync(bundle.zipFile) : undefined;
  const note = stampReason(bundle, zip);
  if (!note && zip) return { bytes: zip, fileName, source: bundle.zipSource! };
  const files = new Map(bundle.files);
  files.set(bundle.descriptor, Buffer.from(withContentHash(bundle.files.get(bundle.descriptor)!.toString("utf8"), bundle.contentHash), "utf8"));
  return { bytes: zipBundle(files), fileName, source: `${note ? "a stamped copy of" : "a zip of"} ${bundle.source}`, note };
}
