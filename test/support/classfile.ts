// Reads the code length of every method in a JVM class file: how large Rhino's
// compiled form of each script function is (JVM limit 65,535 bytes per method;
// HotSpot's JIT skips methods over 8,000).

export interface MethodSize {
  name: string;
  bytes: number;
}

export function methodCodeSizes(buf: Buffer): MethodSize[] {
  let p = 8;
  const u2 = () => buf.readUInt16BE((p += 2) - 2);
  const u4 = () => buf.readUInt32BE((p += 4) - 4);
  const count = u2();
  const utf8: Record<number, string> = {};
  for (let i = 1; i < count; i++) {
    const tag = buf[p++];
    if (tag === 1) {
      const len = u2();
      utf8[i] = buf.toString("utf8", p, p + len);
      p += len;
    } else if (tag === 5 || tag === 6) {
      p += 8;
      i++;
    } else if (tag === 7 || tag === 8 || tag === 16 || tag === 19 || tag === 20) p += 2;
    else if (tag === 15) p += 3;
    else p += 4;
  }
  p += 6;
  const interfaces = u2();
  p += 2 * interfaces;
  const skipAttributes = () => {
    const n = u2();
    for (let i = 0; i < n; i++) {
      u2();
      const length = u4();
      p += length;
    }
  };
  const fields = u2();
  for (let i = 0; i < fields; i++) {
    p += 6;
    skipAttributes();
  }
  const methods = u2();
  const sizes: MethodSize[] = [];
  for (let i = 0; i < methods; i++) {
    u2();
    const name = utf8[u2()];
    u2();
    const attributes = u2();
    for (let a = 0; a < attributes; a++) {
      const attrName = utf8[u2()];
      const len = u4();
      if (attrName === "Code") sizes.push({ name, bytes: buf.readUInt32BE(p + 4) });
      p += len;
    }
  }
  return sizes;
}
