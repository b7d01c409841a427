// IAM policy evaluation and validation, against the rules in "IAM JSON
// policy elements: Condition operators", "Conditions with multiple context
// keys or values" and "Policy evaluation logic".

import { PolicyDocumentError } from "../../../src/iam/policy-document-error";
import { validatePolicyDocument } from "../../../src/iam/validate";
import { evaluatePolicies, evaluateTrust, type ConditionContext, type Decision } from "../../../src/stand-ins/aws/iam-policy";
import type { PolicyDocument, PolicyStatement } from "../../../src/iam/document";

const V = "2012-10-17";

function allow(fields: Partial<PolicyStatement>): PolicyStatement {
  return { Effect: "Allow", Action: "s3:GetObject", Resource: "*", ...fields };
}

function decide(statements: PolicyStatement[], action: string, resource: string, context: ConditionContext = {}): Decision {
  return evaluatePolicies([{ Version: V, Statement: statements }], { action, resource, context });
}

/** Whether a single Allow statement with this condition block applies to the request context. */
function conditionHolds(condition: PolicyStatement["Condition"], context: ConditionContext): boolean {
  return decide([allow({ Condition: condition })], "s3:GetObject", "arn:aws:s3:::b/k", context) === "Allow";
}

describe("Action and Resource matching", () => {
  const readData = allow({ Action: ["s3:Get*", "s3:List?ucket"], Resource: ["arn:aws:s3:::bucket/data/*", "arn:aws:s3:::bucket"] });

  test("action wildcards match, case-insensitively", () => {
    expect(decide([readData], "s3:GetObject", "arn:aws:s3:::bucket/data/a.txt")).toBe("Allow");
    expect(decide([readData], "S3:getobjectVERSION", "arn:aws:s3:::bucket/data/a.txt")).toBe("Allow");
    expect(decide([readData], "s3:ListBucket", "arn:aws:s3:::bucket")).toBe("Allow");
    expect(decide([readData], "s3:ListBuckets", "arn:aws:s3:::bucket")).toBe("ImplicitDeny");
    expect(decide([readData], "s3:PutObject", "arn:aws:s3:::bucket/data/a.txt")).toBe("ImplicitDeny");
  });

  test("resource wildcards match case-sensitively and * spans slashes", () => {
    expect(decide([readData], "s3:GetObject", "arn:aws:s3:::bucket/data/deep/er/key")).toBe("Allow");
    expect(decide([readData], "s3:GetObject", "arn:aws:s3:::bucket/Data/a.txt")).toBe("ImplicitDeny");
    expect(decide([readData], "s3:GetObject", "arn:aws:s3:::bucket/other/a.txt")).toBe("ImplicitDeny");
    expect(decide([readData], "s3:GetObject", "arn:aws:s3:::bucket2")).toBe("ImplicitDeny");
  });

  test("? matches exactly one character in resources", () => {
    const oneChar = allow({ Resource: "arn:aws:s3:::b/file?.txt" });
    expect(decide([oneChar], "s3:GetObject", "arn:aws:s3:::b/file1.txt")).toBe("Allow");
    expect(decide([oneChar], "s3:GetObject", "arn:aws:s3:::b/file.txt")).toBe("ImplicitDeny");
    expect(decide([oneChar], "s3:GetObject", "arn:aws:s3:::b/file12.txt")).toBe("ImplicitDeny");
  });

  test("regular-expression characters in patterns are literal", () => {
    const literal = allow({ Resource: "arn:aws:s3:::b/a+b(c).txt" });
    expect(decide([literal], "s3:GetObject", "arn:aws:s3:::b/a+b(c).txt")).toBe("Allow");
    expect(decide([literal], "s3:GetObject", "arn:aws:s3:::b/aab(c).txt")).toBe("ImplicitDeny");
  });

  test("a wildcard in an ARN part does not swallow the colons between parts", () => {
    const parameter = allow({ Action: "ssm:GetParameter", Resource: "arn:aws:ssm:*:123456789012:parameter/app/*" });
    expect(decide([parameter], "ssm:GetParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db")).toBe("Allow");
    expect(decide([parameter], "ssm:GetParameter", "arn:aws:ssm:eu-west-1:999999999999:parameter/app/db")).toBe("ImplicitDeny");
  });

  test("Action * and Resource * match everything", () => {
    expect(decide([allow({ Action: "*", Resource: "*" })], "ssm:GetParameter", "arn:aws:ssm:us-east-1:1:parameter/x")).toBe("Allow");
  });

  test("NotAction allows everything except the listed actions", () => {
    const allButIam: PolicyStatement = { Effect: "Allow", NotAction: "iam:*", Resource: "*" };
    expect(decide([allButIam], "s3:PutObject", "arn:aws:s3:::b/k")).toBe("Allow");
    expect(decide([allButIam], "iam:CreateUser", "arn:aws:iam::1:user/x")).toBe("ImplicitDeny");
  });

  test("NotResource applies to every resource except the listed ones", () => {
    const denyOutsideBucket: PolicyStatement = { Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] };
    const statements = [allow({ Action: "s3:*" }), denyOutsideBucket];
    expect(decide(statements, "s3:GetObject", "arn:aws:s3:::b/k")).toBe("Allow");
    expect(decide(statements, "s3:GetObject", "arn:aws:s3:::other/k")).toBe("ExplicitDeny");
  });
});

describe("decision logic", () => {
  test("an explicit Deny wins over any Allow, across policies", () => {
    const policies: PolicyDocument[] = [
      { Version: V, Statement: [allow({ Action: "s3:*" })] },
      { Version: V, Statement: { Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::b/*" } }
    ];
    expect(evaluatePolicies(policies, { action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k", context: {} })).toBe("ExplicitDeny");
    expect(evaluatePolicies(policies, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {} })).toBe("Allow");
  });

  test("a Deny whose condition does not hold does not apply", () => {
    const statements: PolicyStatement[] = [
      allow({}),
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }
    ];
    expect(decide(statements, "s3:GetObject", "arn:aws:s3:::b/k", { "aws:SecureTransport": "true" })).toBe("Allow");
    expect(decide(statements, "s3:GetObject", "arn:aws:s3:::b/k", { "aws:SecureTransport": "false" })).toBe("ExplicitDeny");
  });

  test("no policies, or none that match, is an implicit deny", () => {
    expect(evaluatePolicies([], { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {} })).toBe("ImplicitDeny");
    expect(decide([allow({ Action: "s3:PutObject" })], "s3:GetObject", "arn:aws:s3:::b/k")).toBe("ImplicitDeny");
  });

  test("an unknown condition operator is a PolicyDocumentError at evaluation", () => {
    expect(() => conditionHolds({ StringEqualz: { "s3:prefix": "a" } }, {})).toThrow(PolicyDocumentError);
    expect(() => conditionHolds({ StringEqualz: { "s3:prefix": "a" } }, {})).toThrow(/StringEqualz/);
  });
});

describe("condition operators", () => {
  type Case = [string, PolicyStatement["Condition"], ConditionContext, boolean];
  const cases: Case[] = [
    ["StringEquals matches exactly", { StringEquals: { "s3:prefix": "home/" } }, { "s3:prefix": "home/" }, true],
    ["StringEquals is case-sensitive", { StringEquals: { "s3:prefix": "home/" } }, { "s3:prefix": "HOME/" }, false],
    ["StringEquals does not expand wildcards", { StringEquals: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/x" }, false],
    ["StringEquals with a missing key is false", { StringEquals: { "s3:prefix": "home/" } }, {}, false],
    ["StringNotEquals with another value", { StringNotEquals: { "s3:prefix": "home/" } }, { "s3:prefix": "tmp/" }, true],
    ["StringNotEquals with the value", { StringNotEquals: { "s3:prefix": "home/" } }, { "s3:prefix": "home/" }, false],
    ["StringNotEquals with a missing key is true", { StringNotEquals: { "s3:prefix": "home/" } }, {}, true],
    ["StringEqualsIgnoreCase ignores case", { StringEqualsIgnoreCase: { "aws:username": "Alice" } }, { "aws:username": "aLICE" }, true],
    ["StringNotEqualsIgnoreCase ignores case", { StringNotEqualsIgnoreCase: { "aws:username": "Alice" } }, { "aws:username": "ALICE" }, false],
    ["StringLike expands * and ?", { StringLike: { "s3:prefix": "home/?/*" } }, { "s3:prefix": "home/a/docs" }, true],
    ["StringLike is case-sensitive", { StringLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "Home/x" }, false],
    ["StringNotLike excludes matches", { StringNotLike: { "s3:prefix": "secret/*" } }, { "s3:prefix": "secret/x" }, false],
    ["StringNotLike with a missing key is true", { StringNotLike: { "s3:prefix": "secret/*" } }, {}, true],
    ["NumericEquals", { NumericEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "10" }, true],
    ["NumericNotEquals", { NumericNotEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "10" }, false],
    ["NumericLessThan", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "9" }, true],
    ["NumericLessThan at the bound", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "10" }, false],
    ["NumericLessThanEquals at the bound", { NumericLessThanEquals: { "s3:max-keys": 10 } }, { "s3:max-keys": "10" }, true],
    ["NumericGreaterThan", { NumericGreaterThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "11" }, true],
    ["NumericGreaterThanEquals below", { NumericGreaterThanEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "9.5" }, false],
    ["Numeric with a non-number request value is false", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "many" }, false],
    ["DateLessThan with ISO dates", { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }, { "aws:CurrentTime": "2025-11-24T12:00:00Z" }, true],
    ["DateGreaterThan with epoch seconds", { DateGreaterThan: { "aws:EpochTime": "1700000000" } }, { "aws:EpochTime": "1600000000" }, false],
    ["DateEquals across notations", { DateEquals: { "aws:CurrentTime": "2020-09-13T12:26:40Z" } }, { "aws:CurrentTime": "1600000000" }, true],
    ["Bool true", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "true" }, true],
    ["Bool with a JSON boolean in the policy", { Bool: { "aws:SecureTransport": false } }, { "aws:SecureTransport": "false" }, true],
    ["Bool mismatch", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "false" }, false],
    ["BinaryEquals compares base64", { BinaryEquals: { "k:bin": "QmluYXJ5" } }, { "k:bin": "QmluYXJ5" }, true],
    ["IpAddress inside the range", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "203.0.113.7" }, true],
    ["IpAddress outside the range", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "198.51.100.7" }, false],
    ["IpAddress with IPv6", { IpAddress: { "aws:SourceIp": "2001:db8::/32" } }, { "aws:SourceIp": "2001:db8::1" }, true],
    ["NotIpAddress outside the range", { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, { "aws:SourceIp": "198.51.100.7" }, true],
    ["ArnEquals", { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:1:t" } }, { "aws:SourceArn": "arn:aws:sns:us-east-1:1:t" }, true],
    ["ArnLike with wildcards per part", { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:1:*" } }, { "aws:SourceArn": "arn:aws:sns:eu-west-1:1:t" }, true],
    ["ArnLike in the wrong account", { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:1:*" } }, { "aws:SourceArn": "arn:aws:sns:eu-west-1:2:t" }, false],
    ["ArnNotLike", { ArnNotLike: { "aws:SourceArn": "arn:aws:sns:*:1:*" } }, { "aws:SourceArn": "arn:aws:sns:eu-west-1:2:t" }, true],
    ["Null true with the key absent", { Null: { "aws:TokenIssueTime": "true" } }, {}, true],
    ["Null true with the key present", { Null: { "aws:TokenIssueTime": "true" } }, { "aws:TokenIssueTime": "x" }, false],
    ["Null false with the key present", { Null: { "aws:TokenIssueTime": "false" } }, { "aws:TokenIssueTime": "x" }, true],
    ["Null false with an empty list", { Null: { "aws:TagKeys": "false" } }, { "aws:TagKeys": [] }, false],
    ["...IfExists with the key absent is true", { StringEqualsIfExists: { "s3:prefix": "home/" } }, {}, true],
    ["...IfExists with the key present is checked", { StringEqualsIfExists: { "s3:prefix": "home/" } }, { "s3:prefix": "tmp/" }, false],
    ["NumericLessThanIfExists present and in range", { NumericLessThanIfExists: { "s3:max-keys": "10" } }, { "s3:max-keys": "5" }, true],
    ["several values for one key OR together", { StringEquals: { "s3:prefix": ["a/", "b/"] } }, { "s3:prefix": "b/" }, true],
    ["several values for a negated operator NOR together", { StringNotEquals: { "s3:prefix": ["a/", "b/"] } }, { "s3:prefix": "b/" }, false],
    [
      "several keys in one operator AND together",
      { StringEquals: { "s3:prefix": "a/", "s3:delimiter": "/" } },
      { "s3:prefix": "a/", "s3:delimiter": "-" },
      false
    ],
    [
      "several operators AND together",
      { StringLike: { "s3:prefix": "a/*" }, Bool: { "aws:SecureTransport": "true" } },
      { "s3:prefix": "a/x", "aws:SecureTransport": "true" },
      true
    ],
    ["condition keys match case-insensitively", { Bool: { "AWS:SecureTransport": "true" } }, { "aws:securetransport": "true" }, true],
    ["ForAnyValue: one request value matching is enough", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] } }, { "aws:TagKeys": ["x", "team"] }, true],
    ["ForAnyValue: none matching", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } }, { "aws:TagKeys": ["x", "y"] }, false],
    ["ForAnyValue: a missing key is false", { "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } }, {}, false],
    ["ForAllValues: every request value in the set", { "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } }, { "aws:TagKeys": ["env", "team"] }, true],
    ["ForAllValues: one value outside the set", { "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } }, { "aws:TagKeys": ["env", "x"] }, false],
    ["ForAllValues: a missing key is true", { "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } }, {}, true],
    ["ForAllValues:StringNotLike: one value with the prefix", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, { "aws:TagKeys": ["key1:legal"] }, false],
    ["ForAllValues:StringNotLike: no value with the prefix", { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } }, { "aws:TagKeys": ["key2:audit"] }, true],
    ["ForAnyValue:StringLikeIfExists with the key absent", { "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": "env*" } }, {}, true]
  ];

  test.each(cases)("%s", (_name, condition, context, expected) => {
    expect(conditionHolds(condition, context)).toBe(expected);
  });
});

describe("evaluateTrust", () => {
  const oidc = "arn:aws:iam::123456789012:oidc-provider/login.example.com";
  const trust: PolicyDocument = {
    Version: V,
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: ["accounts.google.com", oidc] },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "login.example.com:aud": "client-1" } }
      }
    ]
  };
  const request = (federatedPrincipal: string, context: ConditionContext, action = "sts:AssumeRoleWithWebIdentity") =>
    evaluateTrust(trust, { action, federatedPrincipal, context });

  test("the federated principal must be named and the condition hold", () => {
    expect(request(oidc, { "login.example.com:aud": "client-1" })).toBe("Allow");
    expect(request(oidc, { "login.example.com:aud": "client-2" })).toBe("ImplicitDeny");
    expect(request("arn:aws:iam::123456789012:oidc-provider/other.example.com", { "login.example.com:aud": "client-1" })).toBe("ImplicitDeny");
  });

  test("the action must be allowed", () => {
    expect(request(oidc, { "login.example.com:aud": "client-1" }, "sts:AssumeRole")).toBe("ImplicitDeny");
    expect(request(oidc, { "login.example.com:aud": "client-1" }, "STS:assumerolewithwebidentity")).toBe("Allow");
  });

  test("Principal * admits any federated principal; NotPrincipal excludes the ones it names", () => {
    const anyone: PolicyDocument = { Statement: { Effect: "Allow", Principal: "*", Action: "sts:*" } };
    expect(evaluateTrust(anyone, { action: "sts:AssumeRoleWithWebIdentity", federatedPrincipal: oidc, context: {} })).toBe("Allow");
    const notGoogle: PolicyDocument = { Statement: { Effect: "Allow", NotPrincipal: { Federated: "accounts.google.com" }, Action: "sts:*" } };
    expect(evaluateTrust(notGoogle, { action: "sts:AssumeRoleWithWebIdentity", federatedPrincipal: oidc, context: {} })).toBe("Allow");
    expect(evaluateTrust(notGoogle, { action: "sts:AssumeRoleWithWebIdentity", federatedPrincipal: "accounts.google.com", context: {} })).toBe(
      "ImplicitDeny"
    );
  });

  test("a Deny statement in the trust policy wins", () => {
    const withDeny: PolicyDocument = {
      Version: V,
      Statement: [
        { Effect: "Allow", Principal: { Federated: oidc }, Action: "sts:AssumeRoleWithWebIdentity" },
        { Effect: "Deny", Principal: "*", Action: "sts:*", Condition: { StringLike: { "login.example.com:sub": "bot-*" } } }
      ]
    };
    const evaluate = (sub: string) =>
      evaluateTrust(withDeny, { action: "sts:AssumeRoleWithWebIdentity", federatedPrincipal: oidc, context: { "login.example.com:sub": sub } });
    expect(evaluate("user-1")).toBe("Allow");
    expect(evaluate("bot-7")).toBe("ExplicitDeny");
  });
});

describe("validatePolicyDocument", () => {
  const permissions = { Version: V, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] };
  const trust = {
    Version: V,
    Statement: [{ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity" }]
  };

  test("valid documents are returned as they are, also from JSON text", () => {
    expect(validatePolicyDocument(permissions, "permissions")).toBe(permissions);
    expect(validatePolicyDocument(JSON.stringify(trust), "trust")).toEqual(trust);
    expect(validatePolicyDocument({ Version: V, Statement: { Effect: "Deny", NotAction: "iam:*", NotResource: "*" } }, "permissions")).toBeTruthy();
  });

  type Bad = [string, unknown, "trust" | "permissions", RegExp];
  const withStatement = (s: Record<string, unknown>) => ({ Version: V, Statement: [s] });
  const bad: Bad[] = [
    ["text that is not JSON", "{", "permissions", /not valid JSON/],
    ["an array", [], "permissions", /must be a JSON object/],
    ["an unknown Version", { Version: "2012-10-18", Statement: permissions.Statement }, "permissions", /Version "2012-10-18".*"2012-10-17"/],
    ["no Statement", { Version: V }, "permissions", /no "Statement"/],
    ["an empty Statement", { Version: V, Statement: [] }, "permissions", /"Statement" is empty/],
    ["an unknown top-level field", { ...permissions, Statements: [] }, "permissions", /"Statements" is not an IAM policy element/],
    ["a lower-case Effect", withStatement({ Effect: "allow", Action: "s3:GetObject", Resource: "*" }), "permissions", /Statement\[0\]\.Effect must be "Allow" or "Deny" \(got "allow"\)/],
    ["no Action", withStatement({ Effect: "Allow", Resource: "*" }), "permissions", /Statement\[0\] must contain actions/],
    ["Action and NotAction", withStatement({ Effect: "Allow", Action: "s3:*", NotAction: "iam:*", Resource: "*" }), "permissions", /Statement\[0\] has both Action and NotAction/],
    ["no Resource in a permissions policy", withStatement({ Effect: "Allow", Action: "s3:GetObject" }), "permissions", /Statement\[0\] must contain resources/],
    ["a Principal in a permissions policy", withStatement({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }), "permissions", /Statement\[0\]: a permissions policy must not specify a Principal/],
    ["a Resource in a trust policy", withStatement({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRoleWithWebIdentity", Resource: "*" }), "trust", /Statement\[0\]: a trust policy has prohibited field Resource/],
    ["no Principal in a trust policy", withStatement({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity" }), "trust", /Statement\[0\] must contain a principal/],
    ["an unknown principal type", withStatement({ Effect: "Allow", Principal: { OIDC: "x" }, Action: "sts:*" }), "trust", /Statement\[0\]\.Principal: principal type "OIDC"/],
    ["an action without a service", withStatement({ Effect: "Allow", Action: "GetObject", Resource: "*" }), "permissions", /Statement\[0\]\.Action: "GetObject" must be prefaced by a service/],
    ["a wildcard in the service", withStatement({ Effect: "Allow", Action: "s*:GetObject", Resource: "*" }), "permissions", /the service "s\*"/],
    ["a resource that is not an ARN", withStatement({ Effect: "Allow", Action: "s3:GetObject", Resource: "bucket/key" }), "permissions", /Statement\[0\]\.Resource: "bucket\/key" must be in ARN format/],
    ["an unknown condition operator", withStatement({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEqual: { "s3:prefix": "a" } } }), "permissions", /Statement\[0\]\.Condition: "StringEqual" is not a condition operator/],
    ["Null with IfExists", withStatement({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { NullIfExists: { "s3:prefix": "true" } } }), "permissions", /"NullIfExists" is not a condition operator/],
    ["a set prefix on Null", withStatement({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { "ForAnyValue:Null": { "s3:prefix": "true" } } }), "permissions", /"ForAnyValue:Null"/],
    ["an unknown set prefix", withStatement({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { "ForSomeValues:StringLike": { k: "a" } } }), "permissions", /"ForSomeValues:StringLike"/],
    ["an object as a condition value", withStatement({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringLike: { "s3:prefix": { a: 1 } } } }), "permissions", /Statement\[0\]\.Condition\.StringLike\["s3:prefix"\] must be a string/],
    ["an unknown statement field", withStatement({ Effect: "Allow", Action: "s3:*", Resource: "*", Conditions: {} }), "permissions", /Statement\[0\]: "Conditions" is not a statement element/],
    ["a Sid with punctuation", withStatement({ Sid: "read-data", Effect: "Allow", Action: "s3:*", Resource: "*" }), "permissions", /Statement\[0\]\.Sid "read-data"/]
  ];

  test.each(bad)("rejects %s", (_name, doc, kind, message) => {
    expect(() => validatePolicyDocument(doc, kind)).toThrow(PolicyDocumentError);
    expect(() => validatePolicyDocument(doc, kind)).toThrow(message);
  });

  test("the message names the index of the offending statement", () => {
    const doc = {
      Version: V,
      Statement: [permissions.Statement[0], { Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Effect: "Permit", Action: "s3:*", Resource: "*" }]
    };
    expect(() => validatePolicyDocument(doc, "permissions")).toThrow(/^Statement\[2\]\.Effect/);
  });
});
