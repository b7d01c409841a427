// Reading the few elements the proxy needs from S3's XML answers
// (ListBucketResult, Error) without an XML parser, which Apigee's Rhino does
// not offer to policies. S3's documents are flat and well-formed; element
// text is unescaped from the five predefined entities and character references.

function entity(match: string, body: string): string {
  switch (body) {
    case "amp":
      return "&";
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "quot":
      // A double quote, written so the built script has no single-quoted string (apigeelint's ES5 rules refuse those).
      return String.fromCharCode(34);
    case "apos":
      return "'";
  }
  var code = body.charAt(1) === "x" || body.charAt(1) === "X" ? parseInt(body.substring(2), 16) : parseInt(body.substring(1), 10);
  if (isNaN(code) || code > 0x10ffff) return match;
  if (code < 0x10000) return String.fromCharCode(code);
  code -= 0x10000;
  return String.fromCharCode(0xd800 + (code >> 10), 0xdc00 + (code & 1023));
}

export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#[xX][0-9a-fA-F]+);/g, entity);
}

/** The text of every <name>...</name> in `xml`, in order; `name` has no regex characters. */
export function elementTexts(xml: string, name: string): string[] {
  var pattern = new RegExp("<" + name + ">([\\s\\S]*?)</" + name + ">", "g");
  var out: string[] = [];
  var m: RegExpExecArray | null;
  while ((m = pattern.exec(xml)) !== null) out.push(unescapeXml(m[1]));
  return out;
}

/** The raw (still escaped) content of every <name>...</name>, for nested reading. */
export function elementBlocks(xml: string, name: string): string[] {
  var pattern = new RegExp("<" + name + ">([\\s\\S]*?)</" + name + ">", "g");
  var out: string[] = [];
  var m: RegExpExecArray | null;
  while ((m = pattern.exec(xml)) !== null) out.push(m[1]);
  return out;
}

export function firstElementText(xml: string, name: string): string | null {
  var texts = elementTexts(xml, name);
  return texts.length ? texts[0] : null;
}
