// The S3 stand-in's objects on disk: one folder per bucket, each object a
// body file plus a metadata JSON, both named by the SHA-256 of the key so any
// key (slashes, "..", emoji, 1024 bytes) is a safe file name. An in-memory
// index, rebuilt from the metadata files on open, answers lookups and listings.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { computeChecksum, DEFAULT_CHECKSUM_ALGORITHM, type ObjectChecksum } from "./s3-checksums";

export interface StoredObject {
  key: string;
  size: number;
  /** Quoted hex MD5 of the body, as S3 sends it. */
  etag: string;
  /** Epoch milliseconds, whole seconds (HTTP dates have no finer resolution). */
  lastModified: number;
  contentType: string;
  /** x-amz-meta-* headers, names lower-case without the prefix. */
  metadata: Record<string, string>;
  /** Other headers S3 keeps with an object and returns on GET/HEAD (cache-control...). */
  storedHeaders: Record<string, string>;
  /** The checksum the upload carried, or the CRC64NVME S3 adds to an upload without one. */
  checksum: ObjectChecksum;
}

export type NewObject = Omit<StoredObject, "key" | "size" | "etag" | "lastModified" | "checksum"> & { checksum?: ObjectChecksum };

/** S3's bucket naming rules: 3-63 characters, lower-case letters, digits, dots and hyphens. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export class ObjectStore {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();
  private readonly sortedKeys = new Map<string, string[]>();

  private constructor(private readonly root: string) {}

  /** Opens (creating when absent) a store under `root`, loading any objects already there. */
  static open(root: string): ObjectStore {
    const store = new ObjectStore(root);
    fs.mkdirSync(store.bucketsDir(), { recursive: true });
    for (const bucket of fs.readdirSync(store.bucketsDir())) store.loadBucket(bucket);
    return store;
  }

  hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket);
  }

  createBucket(bucket: string): void {
    if (!BUCKET_NAME.test(bucket) || bucket.includes("..")) {
      throw new Error(`"${bucket}" is not a valid S3 bucket name: use 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.`);
    }
    fs.mkdirSync(path.join(this.bucketsDir(), bucket), { recursive: true });
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
  }

  head(bucket: string, key: string): StoredObject | undefined {
    return this.buckets.get(bucket)?.get(key);
  }

  readBody(bucket: string, key: string): Buffer {
    return fs.readFileSync(this.filePath(bucket, key, ".body"));
  }

  put(bucket: string, key: string, body: Buffer, fields: NewObject, now: number): StoredObject {
    const objects = this.bucketOrThrow(bucket);
    const object: StoredObject = {
      ...fields,
      key,
      size: body.length,
      etag: `"${createHash("md5").update(body).digest("hex")}"`,
      lastModified: Math.floor(now / 1000) * 1000,
      checksum: fields.checksum ?? defaultChecksum(body)
    };
    fs.writeFileSync(this.filePath(bucket, key, ".body"), body);
    fs.writeFileSync(this.filePath(bucket, key, ".json"), JSON.stringify(object));
    if (!objects.has(key)) this.sortedKeys.delete(bucket);
    objects.set(key, object);
    return object;
  }

  /** Deleting a key that does not exist is not an error, as in S3. */
  delete(bucket: string, key: string): void {
    const objects = this.bucketOrThrow(bucket);
    if (!objects.delete(key)) return;
    this.sortedKeys.delete(bucket);
    fs.rmSync(this.filePath(bucket, key, ".body"), { force: true });
    fs.rmSync(this.filePath(bucket, key, ".json"), { force: true });
  }

  /** Keys in S3's listing order: by the bytes of their UTF-8 encoding. */
  keys(bucket: string): string[] {
    let keys = this.sortedKeys.get(bucket);
    if (!keys) {
      keys = [...this.bucketOrThrow(bucket).keys()].sort(compareUtf8);
      this.sortedKeys.set(bucket, keys);
    }
    return keys;
  }

  private loadBucket(bucket: string): void {
    const objects = new Map<string, StoredObject>();
    const dir = path.join(this.bucketsDir(), bucket);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const object = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as StoredObject;
      // Objects written before checksums were kept get the one S3 would have added.
      object.checksum ??= defaultChecksum(fs.readFileSync(path.join(dir, file.replace(/\.json$/, ".body"))));
      objects.set(object.key, object);
    }
    this.buckets.set(bucket, objects);
  }

  private bucketOrThrow(bucket: string): Map<string, StoredObject> {
    const objects = this.buckets.get(bucket);
    if (!objects) throw new Error(`No bucket "${bucket}" in the S3 stand-in; create it with createBucket("${bucket}") first.`);
    return objects;
  }

  private bucketsDir(): string {
    return path.join(this.root, "buckets");
  }

  private filePath(bucket: string, key: string, suffix: string): string {
    return path.join(this.bucketsDir(), bucket, createHash("sha256").update(key, "utf8").digest("hex") + suffix);
  }
}

function defaultChecksum(body: Buffer): ObjectChecksum {
  return { algorithm: DEFAULT_CHECKSUM_ALGORITHM, value: computeChecksum(DEFAULT_CHECKSUM_ALGORITHM, body) };
}

export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
