// apigee-aws 0.1.0: src/callouts/s3-download.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/callouts/support/flow.ts
function readString(name) {
  var value = context.getVariable(name);
  return value === null || value === void 0 ? null : String(value);
}
function commaList(text) {
  var out = [];
  var parts = (text || "").split(",");
  for (var i = 0; i < parts.length; i++) {
    var item = parts[i].replace(/^\s+|\s+$/g, "");
    if (item !== "") out.push(item);
  }
  return out;
}

// src/callouts/s3-download.ts
function mediaType(contentType) {
  return (contentType || "").split(";")[0].replace(/^\s+|\s+$/g, "").toLowerCase();
}
var SCRIPTABLE = /html|xml|svg|script/;
function isInline(type, inline) {
  if (type === "" || SCRIPTABLE.test(type)) return false;
  var family = type.split("/")[0] + "/*";
  for (var i = 0; i < inline.length; i++) {
    if (inline[i] === type || inline[i] === family) return true;
  }
  return false;
}
function main() {
  var inline = commaList(properties.inline === null || properties.inline === void 0 ? "" : String(properties.inline).toLowerCase());
  if (isInline(mediaType(readString("response.header.content-type")), inline)) return;
  context.setVariable("response.header.content-disposition", "attachment");
}
main();
