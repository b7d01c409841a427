// Message template functions against known answers: Apigee's documented
// examples, RFC 4231, the AWS SigV4 test suite, and node:crypto.

import { createHash, createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { FlowValue } from "../../../src/flow/flow-variables";
import { parseTemplate, TemplateFunctionError, TemplateSyntaxError, UnresolvedVariableError } from "../../../src/runner/templates";

type Vars = { [name: string]: FlowValue | string[] };

function render(text: string, vars: Vars = {}, ignoreUnresolved = false): string {
  return parseTemplate(text).render({ lookup: (n) => (n in vars ? vars[n] : null), ignoreUnresolved, now: () => 0 });
}

const UNICODE = "héllo wörld ✓ 😀";

describe("hash functions", () => {
  test("Apigee's documented examples", () => {
    expect(render("{sha256Hex('abc')}")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(render("{sha256Base64(str)}", { str: "abc" })).toBe("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  });

  test.each([
    ["md5", "md5"],
    ["sha1", "sha1"],
    ["sha256", "sha256"],
    ["sha384", "sha384"],
    ["sha512", "sha512"]
  ])("%sHex and %sBase64 hash UTF-8 like node:crypto", (prefix, algorithm) => {
    const vars = { v: UNICODE };
    expect(render(`{${prefix}Hex(v)}`, vars)).toBe(createHash(algorithm).update(UNICODE, "utf8").digest("hex"));
    expect(render(`{${prefix}Base64(v)}`, vars)).toBe(createHash(algorithm).update(UNICODE, "utf8").digest("base64"));
  });
});

describe("HMAC functions", () => {
  test("RFC 4231 test case 2 (key \"Jefe\"), hex and default base64 output", () => {
    const vars = { key: "Jefe", data: "what do ya want for nothing?" };
    const mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    expect(render("{hmacSha256(key,data,'utf-8','hex')}", vars)).toBe(mac);
    expect(render("{hmacSha256(key,data)}", vars)).toBe(Buffer.from(mac, "hex").toString("base64"));
    expect(render("{hmacSha224(key,data,'utf-8','hex')}", vars)).toBe("a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44");
    expect(render("{hmacSha512(key,data,'utf-8','base16')}", vars)).toBe(
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
    );
  });

  test("RFC 4231 test case 1 with the key given as hex", () => {
    expect(render("{hmacSha256(key,'Hi There','hex','hex')}", { key: "0b".repeat(20) })).toBe("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  });

  test.each(["md5", "sha1", "sha224", "sha256", "sha384", "sha512"])("hmac%s matches node:crypto for every key encoding", (alg) => {
    const name = "hmac" + alg[0].toUpperCase() + alg.slice(1);
    const secret = Buffer.from("k€y-bytes\u0000\u00ff", "utf8");
    const expected = (out: "hex" | "base64") => createHmac(alg, secret).update(UNICODE, "utf8").digest(out);
    const vars = { utf: secret.toString("utf8"), hex: secret.toString("hex").toUpperCase(), b64: secret.toString("base64"), msg: UNICODE };
    expect(render(`{${name}(utf,msg)}`, vars)).toBe(expected("base64"));
    expect(render(`{${name}(utf,msg,'utf-8','HEX')}`, vars)).toBe(expected("hex"));
    expect(render(`{${name}(hex,msg,'base16','base64')}`, vars)).toBe(expected("base64"));
    expect(render(`{${name}(b64,msg,'base64','hex')}`, vars)).toBe(expected("hex"));
  });

  // RFC 4231 test case 2 (HMAC-SHA-256): key "Jefe", data "what do ya want for nothing?".
  const JEFE_SHA256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  const JEFE_DATA = "what do ya want for nothing?";

  test.each([
    ["utf-8", "Jefe"],
    ["hex", "4a656665"],
    ["base16", "4A656665"],
    ["base64", "SmVmZQ=="]
  ])("the documented key encoding '%s' decodes the key (RFC 4231 test case 2)", (encoding, key) => {
    const vars = { key, data: JEFE_DATA };
    expect(render(`{hmacSha256(key,data,'${encoding}','hex')}`, vars)).toBe(JEFE_SHA256);
    expect(render(`{hmacSha256(key,data,'${encoding}','base16')}`, vars)).toBe(JEFE_SHA256);
    expect(render(`{hmacSha256(key,data,'${encoding}','BASE64')}`, vars)).toBe(Buffer.from(JEFE_SHA256, "hex").toString("base64"));
  });

  test.each(["utf8", "UTF-8", "Utf-8", "HEX", "Base64", "latin1", "base64url", ""])(
    "the undocumented key encoding '%s' is refused when the template is loaded, naming the function and the documented values",
    (encoding) => {
      for (const fn of ["hmacSha256", "hmacSha1", "hmacMd5", "hmacSha224", "hmacSha384", "hmacSha512"]) {
        expect(() => parseTemplate(`{${fn}(key,data,'${encoding}','hex')}`)).toThrow(TemplateSyntaxError);
        expect(() => parseTemplate(`{${fn}(key,data,'${encoding}','hex')}`)).toThrow(
          `${fn}(): key encoding "${encoding}" is not one Apigee documents: hex, base16, base64, utf-8`
        );
      }
    }
  );

  test("a key encoding held in a variable is checked when the template renders", () => {
    const vars = { key: "Jefe", data: JEFE_DATA, enc: "utf8" };
    expect(() => render("{hmacSha256(key,data,enc,'hex')}", vars)).toThrow(TemplateFunctionError);
    expect(() => render("{hmacSha256(key,data,enc,'hex')}", vars)).toThrow('hmacSha256(): key encoding "utf8" is not one Apigee documents: hex, base16, base64, utf-8');
    expect(() => render("{hmacSha256(key,data,enc,'hex')}", { ...vars, enc: "UTF-8" })).toThrow(/write "utf-8"/);
    expect(render("{hmacSha256(key,data,enc,'hex')}", { ...vars, enc: "utf-8" })).toBe(JEFE_SHA256);
  });

  test("the output encoding is case-insensitive, as documented, but base64url is not an output encoding", () => {
    const vars = { key: "Jefe", data: JEFE_DATA };
    expect(render("{hmacSha256(key,data,'utf-8','Hex')}", vars)).toBe(JEFE_SHA256);
    expect(() => parseTemplate("{hmacSha256(key,data,'utf-8','base64url')}")).toThrow('hmacSha256(): output encoding "base64url" is not one Apigee documents: hex, base16, base64');
  });

  test("encodings may come from variables; bad ones fail when rendering", () => {
    expect(render("{hmacSha256(k,m,ke,oe)}", { k: "6b6579", m: "m", ke: "hex", oe: "hex" })).toBe(createHmac("sha256", "key").update("m").digest("hex"));
    expect(() => render("{hmacSha256(k,m,ke)}", { k: "key", m: "m", ke: "latin1" })).toThrow(/key encoding "latin1"/);
  });

  test("a key that does not match its encoding, or an empty key, is an error", () => {
    expect(() => render("{hmacSha256(k,'m','hex','hex')}", { k: "abc" })).toThrow(TemplateFunctionError);
    expect(() => render("{hmacSha256(k,'m','hex','hex')}", { k: "zz" })).toThrow(/not hex/);
    expect(() => render("{hmacSha256(k,'m','base64')}", { k: "a-b_" })).toThrow(/not base64/);
    expect(() => render("{hmacSha256(k,'m')}", { k: "" })).toThrow(/key is empty/);
  });
});

describe("the SigV4 signing chain in AssignMessage templates", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  const vectorDir = path.join(__dirname, "../../vectors/aws-sig-v4-test-suite-botocore/get-vanilla");

  /** What the generated AssignMessage does: one AssignVariable per step, each feeding the next. */
  function signWithTemplates(vars: Vars): string {
    const steps: [string, string][] = [
      ["private.aws.kSecret", "AWS4{private.aws.secret}"],
      ["kDate", "{hmacSha256(private.aws.kSecret,private.aws.date,'utf-8','hex')}"],
      ["kRegion", "{hmacSha256(kDate,aws.region,'hex','hex')}"],
      ["kService", "{hmacSha256(kRegion,aws.service,'hex','hex')}"],
      ["kSigning", "{hmacSha256(kService,'aws4_request','hex','hex')}"],
      ["signature", "{hmacSha256(kSigning,stringToSign,'hex','hex')}"]
    ];
    const flow: Vars = { ...vars };
    for (const [name, template] of steps) flow[name] = render(template, flow);
    return flow.signature as string;
  }

  test("each key in the chain matches node:crypto", () => {
    const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
    const kDate = hmac("AWS4" + secret, "20150830");
    const kRegion = hmac(kDate, "us-east-1");
    const kService = hmac(kRegion, "service");
    const kSigning = hmac(kService, "aws4_request");
    const flow: Vars = { "private.aws.kSecret": "AWS4" + secret, "private.aws.date": "20150830", region: "us-east-1", service: "service" };
    const d = render("{hmacSha256(private.aws.kSecret,private.aws.date,'utf-8','hex')}", flow);
    expect(d).toBe(kDate.toString("hex"));
    const r = render("{hmacSha256(d,region,'hex','hex')}", { d, region: "us-east-1" });
    expect(r).toBe(kRegion.toString("hex"));
    const s = render("{hmacSha256(r,service,'hex','hex')}", { r, service: "service" });
    expect(s).toBe(kService.toString("hex"));
    expect(render("{hmacSha256(s,'aws4_request','hex','hex')}", { s })).toBe(kSigning.toString("hex"));
  });

  test("the chained templates reproduce the AWS test suite's get-vanilla signature", () => {
    const stringToSign = fs.readFileSync(path.join(vectorDir, "get-vanilla.sts"), "utf8");
    const authz = fs.readFileSync(path.join(vectorDir, "get-vanilla.authz"), "utf8");
    const expected = /Signature=([0-9a-f]{64})/.exec(authz)![1];
    const signature = signWithTemplates({
      "private.aws.secret": secret,
      "private.aws.date": "20150830",
      "aws.region": "us-east-1",
      "aws.service": "service",
      stringToSign
    });
    expect(signature).toBe(expected);
    expect(signature).toBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  });

  test("the AmzDate template formats system.timestamp", () => {
    const template = "{timeFormatUTCMs('yyyyMMdd',system.timestamp)}T{timeFormatUTCMs('HHmmss',system.timestamp)}Z";
    expect(render(template, { "system.timestamp": Date.UTC(2015, 7, 30, 12, 36, 0, 999) })).toBe("20150830T123600Z");
  });
});

describe("string functions", () => {
  const alphabet = { alpha: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", seven: "7" };

  test("case conversion", () => {
    expect(render("Hello, {toLowerCase(user.name)}", { "user.name": "JDoe" })).toBe("Hello, jdoe");
    expect(render("{toUpperCase('mixed Case')}")).toBe("MIXED CASE");
  });

  test.each([
    ["{substring(alpha,22)}", "WXYZ"],
    ["hello {substring(alpha,22)}", "hello WXYZ"],
    ["{substring(alpha,-4)}", "WXYZ"],
    ["{substring(alpha,-8,-4)}", "STUV"],
    ["{substring(alpha,0,10)}", "ABCDEFGHIJ"],
    ["{substring(alpha,0,seven)}", "ABCDEFG"],
    ["{substring(alpha,20,100)}", "UVWXYZ"],
    ["{substring(alpha,30)}", ""],
    ["{substring(alpha,5,2)}", ""]
  ])("%s is %s", (template, expected) => {
    expect(render(template, alphabet)).toBe(expected);
  });

  test("substring with a non-numeric index variable fails when rendering", () => {
    expect(() => render("{substring(alpha,x)}", { ...alphabet, x: "two" })).toThrow(/start_index must be a whole number/);
  });

  test("replaceAll and replaceFirst: Apigee's examples and Java replacement syntax", () => {
    const vars = { header: "Bearer ABCDEFGHIJKLMNOPQRSTUVWXYZ-9993", regex1: "^Bearer ", replacement: "TOKEN: " };
    expect(render("{replaceAll(header,'9993','')}", vars)).toBe("Bearer ABCDEFGHIJKLMNOPQRSTUVWXYZ-");
    expect(render("{replaceAll(header,regex1,'')}", vars)).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ-9993");
    expect(render("{replaceAll(header,regex1,replacement)}", vars)).toBe("TOKEN: ABCDEFGHIJKLMNOPQRSTUVWXYZ-9993");
    expect(render("{replaceFirst('a1b2c3','[0-9]','#')}")).toBe("a#b2c3");
    expect(render("{replaceAll('2024-05-10','(\\d+)-(\\d+)-(\\d+)','$3/$2/$1')}")).toBe("10/05/2024");
    expect(render("{replaceAll('cost 5','(\\d)',r)}", { r: "\\$$1" })).toBe("cost $5");
    expect(render("{replaceAll('AbC',re,'x')}", { re: "(?i)[a-c]" })).toBe("xxx");
    expect(() => render("{replaceAll('a','a',r)}", { r: "$2" })).toThrow(/group \$2, but the regex has 0/);
  });

  test("replaceAll and replaceFirst read regexes as JavaRegex does, with Java's classes and refusals", () => {
    expect(render("{replaceAll(v,'\\s','_')}", { v: "a b\u00a0c" })).toBe("a_b\u00a0c");
    expect(render("{replaceAll(v,'\\p{Upper}','_')}", { v: "aBc" })).toBe("a_c");
    expect(render("{replaceFirst(v,'\\h+','-')}", { v: "a \t b" })).toBe("a-b");
    expect(() => render("{replaceAll(v,re,'x')}", { v: "/pets/1", re: "/pets/{id}" })).toThrow(/does not start a repetition/);
  });

  test("encodeBase64 and decodeBase64", () => {
    expect(render("{encodeBase64(value)}", { value: "abc" })).toBe("YWJj");
    expect(render("{decodeBase64(value)}", { value: "aGVsbG8sIHdvcmxk" })).toBe("hello, world");
    expect(render("Hello, {decodeBase64('d29ybGQK')}")).toBe("Hello, world\n");
    expect(render("{decodeBase64(encodeMe)}", { encodeMe: Buffer.from(UNICODE).toString("base64") })).toBe(UNICODE);
    // Apigee: decoding base64url text produces an empty string.
    expect(render("[{decodeBase64(v)}]", { v: Buffer.from([0xfb, 0xff]).toString("base64url") })).toBe("[]");
  });

  test("firstnonnull follows Apigee's table", () => {
    expect(render("{firstnonnull(var1,var2)}", { var2: "foo" })).toBe("foo");
    expect(render("{firstnonnull(var1,var2)}", { var1: "foo", var2: "bar" })).toBe("foo");
    expect(render("{firstnonnull(var1,var2,var3)}", { var2: "bar", var3: "baz" })).toBe("bar");
    expect(render("{firstnonnull(var1,var2,var3)}", { var3: "baz" })).toBe("baz");
    expect(render("[{firstnonnull(var1,var2)}]", { var1: "", var2: "bar" })).toBe("[]");
    expect(render("{firstnonnull(var1,var2,'fallback value')}")).toBe("fallback value");
    expect(render("[{firstnonnull(var1,var2)}]", {}, true)).toBe("[]");
    expect(() => render("{firstnonnull(var1,var2)}")).toThrow(UnresolvedVariableError);
  });
});

describe("escape functions", () => {
  test("escapeJSON: Apigee's example plus control, slash and non-ASCII characters", () => {
    const message = 'Invalid value for "logonId" check your input.';
    expect(render('{"systemMessage": "{escapeJSON(m)}"}', { m: message })).toBe('{"systemMessage": "Invalid value for \\"logonId\\" check your input."}');
    expect(render("{escapeJSON(m)}", { m: "a\\b/c\n\t\r\u0001é😀" })).toBe("a\\\\b\\/c\\n\\t\\r\\u0001\\u00E9\\uD83D\\uDE00");
  });

  test("escapeXML and escapeXML11", () => {
    expect(render("{escapeXML(m)}", { m: `<a href='x'>"&"</a>` })).toBe("&lt;a href=&apos;x&apos;&gt;&quot;&amp;&quot;&lt;/a&gt;");
    expect(render("{escapeXML(m)}", { m: "a\u0000\u0001\u000b\tb\n\u0080é" })).toBe("a\tb\n&#128;é");
    expect(render("{escapeXML11(m)}", { m: "a\u0000\u0001\u000b\tb\n\u0080é" })).toBe("a&#1;&#11;\tb\n&#128;é");
  });

  test("escapeHTML (also spelled encodeHTML)", () => {
    expect(render("{escapeHTML(food)}", { food: '"bread" & "butter"' })).toBe("&quot;bread&quot; &amp; &quot;butter&quot;");
    expect(render("{encodeHTML(m)}", { m: "<p>café €5 © it's</p>" })).toBe("&lt;p&gt;caf&eacute; &euro;5 &copy; it's&lt;/p&gt;");
  });
});

describe("time format functions", () => {
  const vars = {
    epoch_time_ms: "1494390266000",
    epoch_time: "1494390266",
    fmt1: "yyyy-MM-dd",
    fmt2: "yyyy-MM-dd HH-mm-ss",
    fmt3: "yyyyMMddHHmmss",
    iso: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    rfc: "EEE, dd MMM yyyy HH:mm:ss z"
  };

  test("Apigee's documented examples (all four format in UTC)", () => {
    expect(render("{timeFormatUTC(fmt1,epoch_time)}", vars)).toBe("2017-05-10");
    // The page prints 04:24:26 for fmt2, whose separators are dashes; SimpleDateFormat writes dashes.
    expect(render("{timeFormatUTC(fmt2,epoch_time)}", vars)).toBe("2017-05-10 04-24-26");
    expect(render("{timeFormatUTC(fmt3,epoch_time)}", vars)).toBe("20170510042426");
    expect(render("{timeFormat(fmt3,epoch_time)}", vars)).toBe("20170510042426");
    expect(render("{timeFormatMs(fmt1,epoch_time_ms)}", vars)).toBe("2017-05-10");
    expect(render("{timeFormatUTCMs(fmt2,epoch_time_ms)}", vars)).toBe("2017-05-10 04-24-26");
  });

  test("SimpleDateFormat letters, quoting and zones", () => {
    const ms = { t: 1494390266007, ...vars };
    expect(render("{timeFormatUTCMs(iso,t)}", ms)).toBe("2017-05-10T04:24:26.007Z");
    expect(render("{timeFormatUTCMs(rfc,t)}", ms)).toBe("Wed, 10 May 2017 04:24:26 UTC");
    expect(render("{timeFormatUTCMs(f,t)}", { ...ms, f: "EEEE MMMM d, yy h:mm a Z X D u S" })).toBe("Wednesday May 10, 17 4:24 AM +0000 Z 130 3 7");
    expect(render("{timeFormatUTCMs(f,t)}", { ...ms, f: "'o''clock' '' yyyy'T'" })).toBe("o'clock ' 2017T");
    expect(render("{timeFormatUTC(f,t)}", { f: "H k h K a", t: "1494433466" })).toBe("16 16 4 4 PM");
    expect(render("{timeFormatUTC(f,t)}", { f: "HH kk hh KK a G", t: "0" })).toBe("00 24 12 00 AM AD");
  });

  test("a time that is not a whole number, or a bad pattern in a variable, fails when rendering", () => {
    expect(() => render("{timeFormatUTC(fmt1,t)}", { ...vars, t: "yesterday" })).toThrow(/whole number of seconds/);
    expect(() => render("{timeFormatUTCMs(f,epoch_time_ms)}", { ...vars, f: "yyyy-MM-ddTHH" })).toThrow(/illegal pattern character 'T'/);
    expect(() => render("{timeFormatUTCMs(f,epoch_time_ms)}", { ...vars, f: "'unterminated" })).toThrow(/unterminated quote/);
  });
});

describe("jsonPath", () => {
  const stores = JSON.stringify({
    results: [
      { address: { line1: "18250 142ND AV NE", city: "Woodinville" }, name: "Fred Meyer" },
      { address: { line1: "1060 West Addison Street", city: "Chicago" }, name: "Mae West" }
    ]
  });
  const config = JSON.stringify({
    config: {
      quota: [
        { appname: "A", operation: "ManageOrder", value: "900" },
        { appname: "B", operation: "ManageOrder", value: "1000" },
        { appname: "B", operation: "SubmitOrder", value: "800" }
      ]
    }
  });

  test("Apigee's examples: zeroth element by default, the array with want-array true", () => {
    expect(render(`The address is {jsonPath('$.results[?(@.name == "Mae West")].address.line1',the_json_variable)}`, { the_json_variable: stores })).toBe(
      "The address is 1060 West Addison Street"
    );
    expect(render(`{jsonPath('$.config.quota[?(@.operation=="ManageOrder")].appname',the_json_variable,true)}`, { the_json_variable: config })).toBe('["A","B"]');
    expect(render("{jsonPath(the_query,the_json_variable,true)}", { the_query: '$.config.quota[?(@.operation=="ManageOrder")].appname', the_json_variable: config })).toBe('["A","B"]');
  });

  test("definite paths, objects, numbers and no match", () => {
    const json = JSON.stringify({ a: { b: [1, 2], n: 5, o: { x: "y" } } });
    expect(render("{jsonPath('$.a.n',j)}", { j: json })).toBe("5");
    expect(render("{jsonPath('$.a.o',j)}", { j: json })).toBe('{"x":"y"}');
    expect(render("{jsonPath('$.a.b',j)}", { j: json })).toBe("1");
    expect(render("{jsonPath('$.a.b',j,'true')}", { j: json })).toBe("[1,2]");
    expect(render("[{jsonPath('$.nothing',j)}]", { j: json })).toBe("[]");
    expect(() => render("{jsonPath('$.a',j)}", { j: "{not json" })).toThrow(/not valid JSON/);
  });
});

describe("xpath", () => {
  const xml = "<tag><tagid>250397</tagid><readerid>1</readerid><rssi>74</rssi><date>2019/06/15</date></tag>";

  test("Apigee's example: the matched element", () => {
    expect(render("{xpath(xpath,xml)}", { xpath: "/tag/tagid", xml })).toBe("<tagid>250397</tagid>");
  });

  test("result types, text nodes and namespaces", () => {
    expect(render("{xpath(q,xml,'number')}", { q: "count(/tag/*)", xml })).toBe("4.0");
    expect(render("{xpath(q,xml,'boolean')}", { q: "count(/tag/*)>0", xml })).toBe("true");
    expect(render("{xpath(q,xml,'string')}", { q: "/tag/rssi", xml })).toBe("74");
    expect(render("{xpath(q,xml)}", { q: "/tag/date/text()", xml })).toBe("2019/06/15");
    const soap = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ping/></soap:Body></soap:Envelope>';
    const vars = { soapns: "soap:http://schemas.xmlsoap.org/soap/envelope/", q: "/soap:Envelope/soap:Body/*", soap };
    expect(render("{xpath(q,soap,soapns)}", vars)).toBe("<ping/>");
    expect(render("[{xpath(q,xml)}]", { q: "/tag/missing", xml })).toBe("[]");
  });
});

describe("random values", () => {
  test("createUuid returns a fresh version 4 UUID", () => {
    const a = render("{createUuid()}");
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(render("{createUuid()}")).not.toBe(a);
  });

  test("randomLong stays within its bounds", () => {
    for (let i = 0; i < 200; i++) {
      const n = BigInt(render("{randomLong(5,8)}"));
      expect(n >= 5n && n < 8n).toBe(true);
      const any = BigInt(render("{randomLong()}"));
      expect(any >= -(2n ** 63n) && any < 2n ** 63n).toBe(true);
      expect(BigInt(render("{randomLong(min)}", { min: "9223372036854775800" })) >= 9223372036854775800n).toBe(true);
    }
    expect(() => render("{randomLong(8,5)}")).toThrow(/must be greater than min/);
  });
});
