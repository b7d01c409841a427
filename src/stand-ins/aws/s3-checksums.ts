// S3's additional checksums (x-amz-checksum-ALGORITHM): CRC32, CRC32C,
// CRC64NVME, SHA1 and SHA256 of the object's bytes, base64 of the big-endian
// digest. The CRCs are table-driven here (reflected polynomials, all-ones
// initial value and final XOR); the SHAs come from node:crypto.
//
// What S3 does with them on PutObject: a value that does not decode to the
// algorithm's digest length is 400 InvalidRequest "Value for
// x-amz-checksum-crc32 header is invalid."; a well-formed value that does not
// match the body is 400 BadDigest "The CRC32 you specified did not match the
// calculated checksum."; an upload without one gets a CRC64NVME that S3
// computes itself. Sources in docs/runner.md.

import { createHash } from "node:crypto";

export type ChecksumAlgorithm = "CRC32" | "CRC32C" | "CRC64NVME" | "SHA1" | "SHA256";

/** In the order S3 lists them; each with its digest length in bytes. */
export const CHECKSUM_ALGORITHMS: readonly { name: ChecksumAlgorithm; bytes: number }[] = [
  { name: "CRC32", bytes: 4 },
  { name: "CRC32C", bytes: 4 },
  { name: "CRC64NVME", bytes: 8 },
  { name: "SHA1", bytes: 20 },
  { name: "SHA256", bytes: 32 }
];

/** The algorithm S3 adds to an object uploaded without a checksum. */
export const DEFAULT_CHECKSUM_ALGORITHM: ChecksumAlgorithm = "CRC64NVME";

export interface ObjectChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64 of the digest, as S3 sends it in x-amz-checksum-ALGORITHM. */
  value: string;
}

/** "x-amz-checksum-crc32" for "CRC32". */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

export function algorithmOfHeader(header: string): ChecksumAlgorithm | undefined {
  return CHECKSUM_ALGORITHMS.find((a) => checksumHeader(a.name) === header.toLowerCase())?.name;
}

export function digestLength(algorithm: ChecksumAlgorithm): number {
  return CHECKSUM_ALGORITHMS.find((a) => a.name === algorithm)!.bytes;
}

/** Whether `value` is canonical base64 of exactly the algorithm's digest length. */
export function isWellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  const bytes = Buffer.from(value, "base64");
  return bytes.length === digestLength(algorithm) && bytes.toString("base64") === value;
}

export function computeChecksum(algorithm: ChecksumAlgorithm, body: Buffer): string {
  switch (algorithm) {
    case "CRC32":
      return uint32Base64(crc32(body));
    case "CRC32C":
      return uint32Base64(crc32c(body));
    case "CRC64NVME": {
      const out = Buffer.alloc(8);
      out.writeBigUInt64BE(crc64nvme(body));
      return out.toString("base64");
    }
    case "SHA1":
      return createHash("sha1").update(body).digest("base64");
    case "SHA256":
      return createHash("sha256").update(body).digest("base64");
  }
}

// ---- CRCs ------------------------------------------------------------------

/** CRC-32 (ISO-HDLC, zlib's): reflected polynomial 0x04C11DB7. */
export function crc32(data: Buffer): number {
  return crc32With(CRC32_TABLE, data);
}

/** CRC-32C (Castagnoli, iSCSI's, RFC 3720): reflected polynomial 0x1EDC6F41. */
export function crc32c(data: Buffer): number {
  return crc32With(CRC32C_TABLE, data);
}

/** CRC-64/NVME: reflected polynomial 0xAD93D23594C93659. */
export function crc64nvme(data: Buffer): bigint {
  // Two 32-bit halves keep the inner loop in plain numbers.
  let hi = 0xffffffff;
  let lo = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const index = (lo ^ data[i]) & 0xff;
    lo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
    hi = hi >>> 8;
    hi = (hi ^ CRC64NVME_HI[index]) >>> 0;
    lo = (lo ^ CRC64NVME_LO[index]) >>> 0;
  }
  return (BigInt((hi ^ 0xffffffff) >>> 0) << 32n) | BigInt((lo ^ 0xffffffff) >>> 0);
}

function crc32With(table: Uint32Array, data: Buffer): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function crc32Table(reflectedPolynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ reflectedPolynomial : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

function crc64Tables(reflectedPolynomial: bigint): [Uint32Array, Uint32Array] {
  const hi = new Uint32Array(256);
  const lo = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n);
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ reflectedPolynomial : c >> 1n;
    hi[n] = Number(c >> 32n);
    lo[n] = Number(c & 0xffffffffn);
  }
  return [hi, lo];
}

function uint32Base64(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out.toString("base64");
}

const CRC32_TABLE = crc32Table(0xedb88320);
const CRC32C_TABLE = crc32Table(0x82f63b78);
const [CRC64NVME_HI, CRC64NVME_LO] = crc64Tables(0x9a6c9329ac4bc9b5n);
