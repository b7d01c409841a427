// apigee-aws 0.1.0: src/callouts/s3-list.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/callouts/support/flow.ts
function readString(name) {
  var value = context.getVariable(name);
  return value === null || value === void 0 ? null : String(value);
}

// src/callouts/support/environment-name.ts
var ENV_PLACEHOLDER = "{env}";
function withEnvironment(text) {
  if (text.indexOf(ENV_PLACEHOLDER) < 0) return text;
  return text.split(ENV_PLACEHOLDER).join(readString("environment.name") || "");
}

// src/callouts/support/s3-xml.ts
function entity(match, body) {
  switch (body) {
    case "amp":
      return "&";
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "quot":
      return String.fromCharCode(34);
    case "apos":
      return "'";
  }
  var code = body.charAt(1) === "x" || body.charAt(1) === "X" ? parseInt(body.substring(2), 16) : parseInt(body.substring(1), 10);
  if (isNaN(code) || code > 1114111) return match;
  if (code < 65536) return String.fromCharCode(code);
  code -= 65536;
  return String.fromCharCode(55296 + (code >> 10), 56320 + (code & 1023));
}
function unescapeXml(text) {
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#[xX][0-9a-fA-F]+);/g, entity);
}
function elementTexts(xml, name) {
  var pattern = new RegExp("<" + name + ">([\\s\\S]*?)</" + name + ">", "g");
  var out = [];
  var m;
  while ((m = pattern.exec(xml)) !== null) out.push(unescapeXml(m[1]));
  return out;
}
function elementBlocks(xml, name) {
  var pattern = new RegExp("<" + name + ">([\\s\\S]*?)</" + name + ">", "g");
  var out = [];
  var m;
  while ((m = pattern.exec(xml)) !== null) out.push(m[1]);
  return out;
}
function firstElementText(xml, name) {
  var texts = elementTexts(xml, name);
  return texts.length ? texts[0] : null;
}

// src/callouts/s3-list.ts
function urlDecoded(text) {
  return decodeURIComponent(text.replace(/\+/g, " "));
}
function item(block, prefix) {
  var key = urlDecoded(firstElementText(block, "Key") || "");
  if (key.indexOf(prefix) !== 0) return null;
  return {
    key: key.substring(prefix.length),
    size: Number(firstElementText(block, "Size") || 0),
    lastModified: firstElementText(block, "LastModified") || "",
    etag: firstElementText(block, "ETag") || ""
  };
}
function toJson() {
  var prefix = withEnvironment(properties.prefix === null || properties.prefix === void 0 ? "" : String(properties.prefix));
  var xml = readString("response.content") || "";
  var blocks = elementBlocks(xml, "Contents");
  var items = [];
  for (var i = 0; i < blocks.length; i++) {
    var listed = item(blocks[i], prefix);
    if (listed !== null) items.push(listed);
  }
  var truncated = firstElementText(xml, "IsTruncated") === "true";
  var next = truncated ? firstElementText(xml, "NextContinuationToken") : null;
  context.setVariable("response.content", JSON.stringify({ items: items, nextCursor: next }));
  context.setVariable("response.header.content-type", "application/json");
}
toJson();
