// SHA-256 and HMAC-SHA256 (pure JS, no typed arrays): published known answers
// and a differential against node:crypto, in Node and in Rhino.

import { createHash, createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { bytesToHex } from "../../src/hashing/hex";
import { hmacSha256Bytes } from "../../src/hashing/hmac-sha256";
import { roundConstants, sha256Bytes, sha256Hex } from "../../src/hashing/sha256";
import { utf8Bytes } from "../../src/hashing/utf8";
import { RhinoHost, RHINO_MODES } from "../../src/rhino/rhino-host";
import { requireBuilt } from "../support/built";
import { buildFixture, runFixture } from "../support/rhino-fixtures";

const ascii = (s: string) => Buffer.from(s, "latin1").toString("hex");
const fill = (n: number, byte: number) => Buffer.alloc(n, byte).toString("hex");

/** FIPS 180-2 appendix B examples. */
const SHA256_KNOWN = [
  { hex: ascii("abc"), digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
  { hex: "", digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
  { hex: ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  { hex: fill(1000000, 0x61), digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" }
];

/** RFC 4231 test cases 1-4, 6 and 7 (case 5 checks truncated output only). */
const HMAC_KNOWN = [
  { keyHex: fill(20, 0x0b), hex: ascii("Hi There"), mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
  { keyHex: ascii("Jefe"), hex: ascii("what do ya want for nothing?"), mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
  { keyHex: fill(20, 0xaa), hex: fill(50, 0xdd), mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
  { keyHex: "0102030405060708090a0b0c0d0e0f10111213141516171819", hex: fill(50, 0xcd), mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
  { keyHex: fill(131, 0xaa), hex: ascii("Test Using Larger Than Block-Size Key - Hash Key First"), mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
  {
    keyHex: fill(131, 0xaa),
    hex: ascii("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
    mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
  }
];

/** FIPS 180-4 section 4.2.2, as published. */
const K_PUBLISHED = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
].map((k) => k | 0);

const hexBytes = (hex: string) => Array.from(Buffer.from(hex, "hex"));

describe("SHA-256 and HMAC in Node", () => {
  it("computes FIPS 180-4's round constants exactly", () => expect(roundConstants()).toEqual(K_PUBLISHED));

  it.each(SHA256_KNOWN.map((k) => [k.digest.slice(0, 12), k] as const))("SHA-256 known answer %s", (_d, k) => {
    expect(bytesToHex(sha256Bytes(hexBytes(k.hex)))).toBe(k.digest);
  });

  it.each(HMAC_KNOWN.map((k) => [k.mac.slice(0, 12), k] as const))("HMAC-SHA256 RFC 4231 %s", (_m, k) => {
    expect(bytesToHex(hmacSha256Bytes(hexBytes(k.keyHex), hexBytes(k.hex)))).toBe(k.mac);
  });

  it("matches node:crypto on every length across the padding boundaries", () => {
    for (let n = 0; n <= 260; n++) {
      const data = randomBytes(n);
      expect(bytesToHex(sha256Bytes(Array.from(data)))).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });

  it("matches node:crypto on random data and keys", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 150 }), (data, key) => {
        expect(bytesToHex(sha256Bytes(Array.from(data)))).toBe(createHash("sha256").update(data).digest("hex"));
        expect(bytesToHex(hmacSha256Bytes(Array.from(key), Array.from(data)))).toBe(createHmac("sha256", key).update(data).digest("hex"));
      }),
      { numRuns: 2000 }
    );
  });

  it("encodes text as UTF-8 like Node, lone surrogates as U+FFFD", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        expect(utf8Bytes(text)).toEqual(Array.from(Buffer.from(text, "utf8")));
        expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
      }),
      { numRuns: 3000 }
    );
  });
});

describe.each(RHINO_MODES)("SHA-256 and HMAC in Rhino (%s)", (mode) => {
  let host: RhinoHost;
  let probe: string;
  beforeAll(async () => {
    requireBuilt("rhino-host.js");
    probe = await buildFixture("hash-probe");
    host = RhinoHost.start({ mode });
  });
  afterAll(() => host?.close());

  const run = async (cases: object[]): Promise<string[]> => {
    const result = await runFixture(host, "hash-probe", probe, { "probe.input": JSON.stringify(cases) }, 60000);
    return JSON.parse(String(result.flow.variables["probe.output"]));
  };

  it("gives the published answers", async () => {
    const out = await run([...SHA256_KNOWN.map((k) => ({ kind: "sha256", hex: k.hex })), ...HMAC_KNOWN.map((k) => ({ kind: "hmac", keyHex: k.keyHex, hex: k.hex }))]);
    expect(out).toEqual([...SHA256_KNOWN.map((k) => k.digest), ...HMAC_KNOWN.map((k) => k.mac)]);
  });

  it("matches node:crypto on random data, keys and text", async () => {
    const data = fc.sample(fc.uint8Array({ maxLength: 300 }), { numRuns: 400, seed: 7 });
    const keys = fc.sample(fc.uint8Array({ maxLength: 150 }), { numRuns: 400, seed: 8 });
    const texts = fc.sample(fc.string({ unit: "binary", maxLength: 80 }), { numRuns: 400, seed: 9 });
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    const out = await run([
      ...data.map((d) => ({ kind: "sha256", hex: hex(d) })),
      ...data.map((d, i) => ({ kind: "hmac", keyHex: hex(keys[i]), hex: hex(d) })),
      ...texts.map((t) => ({ kind: "sha256-text", text: t }))
    ]);
    expect(out).toEqual([
      ...data.map((d) => createHash("sha256").update(d).digest("hex")),
      ...data.map((d, i) => createHmac("sha256", keys[i]).update(d).digest("hex")),
      ...texts.map((t) => createHash("sha256").update(t, "utf8").digest("hex"))
    ]);
  });
});
