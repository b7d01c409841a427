import { parseIntent } from "./src/intent";
const head = `aws: {account: "123456789012", region: us-east-1}
identity: {serviceAccount: a@p.iam.gserviceaccount.com, uniqueId: "123456789012345678901"}
auth:
  jwt: {issuer: https://auth.example.com/, audience: my-api, jwksUri: https://auth.example.com/jwks.json}
environments: [test, prod]
proxies:
`;
function time(name: string, text: string) {
  const t = Date.now();
  try { parseIntent(text, "i.yaml"); console.log(name, "ok"); } catch (e) { console.log(name, String(e).slice(0, 120), String(e).split("\n").length); }
  console.log(name, text.length, Date.now() - t, "ms");
}
for (const n of [2000, 4000, 8000]) { let body = ""; for (let i = 0; i < n; i++) body += `  p${i}: {target: s3://bucket-a/x/, acess: read}\n`;
time(`${n} errors`, head + body); }
for (const n of [2000, 4000, 8000]) { let body = ""; for (let i = 0; i < n; i++) body += `  p${i}: s3://bucket-a/x/ read\n`;
time(`${n} same basepath/prefix`, head + body); }
