// .properties files as Apigee property sets hold them.

import { parseProperties } from "../../src/common/properties";

test("key=value lines, comments, blank lines and backslash escapes", () => {
  const text = "# comment\n! also a comment\n\n  files.roleArn = arn:aws:iam::1:role/x\nweird\\=key=a=b\ntab=\\tx\\u0041\n";
  expect(parseProperties(text)).toEqual({ "files.roleArn": "arn:aws:iam::1:role/x", "weird=key": "a=b", tab: "\txA" });
});

test("a line without = names the file and line", () => {
  expect(() => parseProperties("a=1\nno separator here\n", "env/test/apigeeaws.properties")).toThrow(
    'env/test/apigeeaws.properties:2: expected key=value, got "no separator here"'
  );
});
