// apigee-aws 0.1.0: src/callouts/s3-headers.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/callouts/support/flow.ts
function commaList(text) {
  var out = [];
  var parts = (text || "").split(",");
  for (var i = 0; i < parts.length; i++) {
    var item = parts[i].replace(/^\s+|\s+$/g, "");
    if (item !== "") out.push(item);
  }
  return out;
}

// src/callouts/support/message-headers.ts
function listOf(value) {
  if (value === null || value === void 0) return [];
  var v = value;
  var items = typeof v.toArray === "function" ? v.toArray() : value;
  var out = [];
  for (var i = 0; i < items.length; i++) out.push(String(items[i]));
  return out;
}

// src/callouts/s3-headers.ts
function names(property) {
  return commaList(property === null || property === void 0 ? "" : String(property).toLowerCase());
}
function removeHeaders() {
  var message = String(properties.message || "request");
  var prefix = String(properties.prefix || "").toLowerCase();
  var remove = names(properties.remove);
  var keep = names(properties.keep);
  var present = listOf(context.getVariable(message + ".headers.names"));
  for (var i = 0; i < present.length; i++) {
    var lower = present[i].toLowerCase();
    if (keep.indexOf(lower) >= 0) continue;
    if (remove.indexOf(lower) >= 0 || prefix !== "" && lower.indexOf(prefix) === 0) context.removeVariable(message + ".header." + present[i]);
  }
}
removeHeaders();
