// Edit distance and suggestions.

import { closestMatch, didYouMean, editDistance } from "../../src/intent/did-you-mean";
import { PROXY_KEYS, TOP_KEYS } from "../../src/intent/keys";

test("Damerau distance counts insertions, deletions, substitutions and adjacent swaps as one edit", () => {
  expect(editDistance("access", "access")).toBe(0);
  expect(editDistance("acess", "access")).toBe(1);
  expect(editDistance("enviroments", "environments")).toBe(1);
  expect(editDistance("tagret", "target")).toBe(1);
  expect(editDistance("reigon", "region")).toBe(1);
  expect(editDistance("quotta", "quota")).toBe(1);
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(editDistance("", "abc")).toBe(3);
  expect(editDistance("ca", "abc")).toBe(3);
});

test("suggestions: within two edits, or a difference of case", () => {
  expect(closestMatch("acess", PROXY_KEYS)).toBe("access");
  expect(closestMatch("enviroments", TOP_KEYS)).toBe("environments");
  expect(closestMatch("basepath", PROXY_KEYS)).toBe("basePath");
  expect(closestMatch("BASEPATH", PROXY_KEYS)).toBe("basePath");
  expect(closestMatch("spikearest", PROXY_KEYS)).toBe("spikeArrest");
  expect(closestMatch("proxy", TOP_KEYS)).toBeNull();
  expect(closestMatch("colour", PROXY_KEYS)).toBeNull();
  // A one-letter key is not "two edits from" a three-letter one.
  expect(closestMatch("x", ["aws"])).toBeNull();
  expect(didYouMean("acess", PROXY_KEYS)).toBe(" Did you mean 'access'?");
  expect(didYouMean("zzz", PROXY_KEYS)).toBe("");
});
