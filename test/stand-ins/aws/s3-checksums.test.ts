// The stand-in's own CRCs against published check values: the CRC catalogue's
// "123456789" check for CRC-32, CRC-32C and CRC-64/NVME, RFC 3720's CRC32C
// examples (appendix B.4), and the CRC32 of "Hello world" that AWS's Java SDK
// tests send to S3.

import { computeChecksum, crc32, crc32c, crc64nvme, isWellFormedChecksum } from "../../../src/stand-ins/aws/s3-checksums";

const CHECK = Buffer.from("123456789");

test("the catalogue's check values for 123456789", () => {
  expect(crc32(CHECK)).toBe(0xcbf43926);
  expect(crc32c(CHECK)).toBe(0xe3069283);
  expect(crc64nvme(CHECK)).toBe(0xae8b14860a799888n);
});

test.each([
  ["32 bytes of zeros", Buffer.alloc(32), 0x8a9136aa],
  ["32 bytes of ones", Buffer.alloc(32, 0xff), 0x62a8ab43],
  ["32 incrementing bytes", Buffer.from(Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e],
  ["32 decrementing bytes", Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c]
])("RFC 3720 B.4 CRC32C: %s", (_what, data, expected) => {
  expect(crc32c(data)).toBe(expected);
});

test("S3's header values: base64 of the big-endian digest", () => {
  expect(computeChecksum("CRC32", Buffer.from("Hello world"))).toBe("i9aeUg==");
  expect(computeChecksum("CRC32", CHECK)).toBe("y/Q5Jg==");
  expect(computeChecksum("CRC32C", CHECK)).toBe("4waSgw==");
  expect(computeChecksum("CRC64NVME", CHECK)).toBe("rosUhgp5mIg=");
  expect(computeChecksum("SHA1", CHECK)).toBe("98O8HYCOBHMq32eZZczDTKeuNEE=");
  expect(computeChecksum("SHA256", CHECK)).toBe("FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=");
  expect(crc64nvme(Buffer.alloc(0))).toBe(0n);
});

test.each([
  ["CRC32", "i9aeUg==", true],
  ["CRC32", "i9aeUgg=", false],
  ["CRC32", "y/Q5Jh==", false],
  ["CRC32", "shrt", false],
  ["CRC32", "^^^^^^==", false],
  ["CRC64NVME", "rosUhgp5mIg=", true],
  ["SHA256", "i9aeUg==", false]
] as const)("%s %j well-formed: %s", (algorithm, value, expected) => {
  expect(isWellFormedChecksum(algorithm, value)).toBe(expected);
});
