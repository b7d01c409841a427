// The Terraform root module under aws/terraform/, both clouds of the chain:
// the Google service accounts gateway-mode proxies are deployed with (each
// allowed to mint ID tokens for itself, and the deployers to act as it), the
// IAM OIDC providers the caller-mode issuers need and, per proxy and
// environment, the role with its trust policy and its inline permissions.
// Policies are read with file() from the JSON documents next to it, so what
// is reviewed is what is applied, byte for byte; a gateway role's trust
// policy is that document with the account's unique ID taken from the
// google_service_account itself (jsonencode), so no ID is copied by hand.
//
// Thumbprints: AWS verifies the well-known IdPs' TLS with its own trusted
// CAs and, when no thumbprint is given, fetches the IdP's top intermediate CA
// thumbprint itself; CreateOpenIDConnectProvider made ThumbprintList optional
// and the AWS provider's thumbprint_list followed, hence ">= 5.81" (a lower
// bound covering both dates reported for that change). var.oidc_thumbprints
// can still pin them per issuer URL.
//
// Accounts: the documents of an environment name its AWS account. An intent
// with one account keeps the one default aws provider. With several, each
// account gets a provider alias (account_<id>) and every AWS resource names
// its account's provider, since one set of credentials reaches one account;
// var.aws_profiles and var.aws_assume_role_arns say, per account ID, how that
// provider gets credentials (else the environment's, AWS_PROFILE and the
// like). Either way a postcondition on aws_caller_identity, once per
// provider, stops the plan when a provider's credentials are for another
// account than its documents name.

import { accountsOf, awsOf } from "../intent/model";
import type { PolicyDocument } from "../iam/document";
import { roleFolder } from "../iam/role";
import { byCodeUnit } from "../iam/policy-json";
import type { OidcProvider } from "../iam/web-identity";
import { everyRole, type BuildPlan, type RolePurpose } from "../plan/model";
import { uniqueIdPlaceholder } from "../plan/service-accounts";
import { hclAttributes, hclJson, hclList, hclString, providerResourceName, roleResourceName, serviceAccountResourceName } from "./hcl";

/** A Google service account the Terraform creates for gateway-mode proxies. */
export interface TerraformServiceAccount {
  email: string;
  accountId: string;
  project: string;
  /** "proxy in env" of the roles that trust it. */
  trustedBy: string[];
}

/** An AWS account the environments use, and the provider that creates its resources. */
export interface TerraformAccount {
  id: string;
  /** Where its provider makes its calls (IAM is global): the region of its first environment by name. */
  region: string;
  /** The environments whose roles it holds, sorted. */
  environments: string[];
  /** The provider alias (account_<id>); null for the default provider of an intent with one account. */
  alias: string | null;
}

export interface TerraformRole {
  env: string;
  /** The AWS account it is created in. */
  account: string;
  proxy: string;
  purpose: RolePurpose;
  name: string;
  description: string;
  maxSessionDuration: number;
  /** Output paths relative to the aws/ folder, e.g. "prod/builds/trust-policy.json". */
  trustPolicyPath: string;
  permissionsPolicyPath: string | null;
  /** The OIDC provider its trust policy names, when it is one Terraform creates. */
  provider: OidcProvider | null;
  /** A gateway role trusting an account the Terraform creates: its trust policy, built with that account's unique ID. */
  gatewayTrust: { document: PolicyDocument; serviceAccount: string } | null;
}

export interface TerraformInput {
  accounts: TerraformAccount[];
  /** Providers of another account than aws.account carry the account in their resource name. */
  defaultAccount: string;
  providers: OidcProvider[];
  roles: TerraformRole[];
  serviceAccounts: TerraformServiceAccount[];
}

/** The Terraform's view of the plan: roles by environment, then proxy, each with its documents' paths. */
export function terraformInput(plan: BuildPlan): TerraformInput {
  const roles = everyRole(plan);
  roles.sort((a, b) => byCodeUnit(a.env, b.env) || byCodeUnit(a.proxy, b.proxy) || byCodeUnit(a.purpose, b.purpose));
  // Sorted, so the order of environments in the intent does not reach the files.
  const ids = accountsOf(plan.intent).sort(byCodeUnit);
  const accounts = ids.map((id) => {
    const environments = plan.intent.environments.filter((env) => awsOf(plan.intent, env).account === id).sort(byCodeUnit);
    return { id, region: awsOf(plan.intent, environments[0]).region, environments, alias: ids.length > 1 ? `account_${id}` : null };
  });
  return {
    accounts,
    defaultAccount: plan.intent.aws.account,
    providers: plan.oidcProviders,
    serviceAccounts: plan.serviceAccounts.filter((a) => a.managed).map((a) => ({ email: a.email, accountId: a.accountId, project: a.project, trustedBy: a.trustedBy })),
    roles: roles.map((role) => ({
      env: role.env,
      account: role.grant.account,
      proxy: role.proxy,
      purpose: role.purpose,
      name: role.name,
      description: role.description,
      maxSessionDuration: role.maxSessionDurationSeconds,
      trustPolicyPath: `${roleFolder(role)}/trust-policy.json`,
      permissionsPolicyPath: role.permissionsPolicy ? `${roleFolder(role)}/permissions-policy.json` : null,
      provider: role.provider,
      gatewayTrust: role.serviceAccount?.managed ? { document: role.trustPolicy, serviceAccount: role.serviceAccount.email } : null
    }))
  };
}

/** File name (under aws/terraform/) → content. */
export function terraformFiles(input: TerraformInput): Map<string, string> {
  return new Map([
    ["main.tf", mainTf(input)],
    ["outputs.tf", outputsTf(input)],
    ["variables.tf", variablesTf(input)]
  ]);
}

const INLINE_POLICY_NAME = "apigee-aws-permissions";

function mainTf(input: TerraformInput): string {
  const accountOf = (id: string) => input.accounts.find((a) => a.id === id)!;
  const blocks = [
    header(),
    settings(input),
    ...input.accounts.flatMap((account) => [...providerConfiguration(account), accountCheck(account)]),
    ...input.serviceAccounts.flatMap(serviceAccountBlocks),
    ...input.providers.map((provider) => providerBlock(provider, accountOf(provider.account), input.defaultAccount)),
    ...input.roles.flatMap((role) => [roleBlock(role, accountOf(role.account), input.defaultAccount), ...(role.permissionsPolicyPath ? [inlinePolicyBlock(role, accountOf(role.account))] : [])])
  ];
  return `${blocks.join("\n\n")}\n`;
}

/** The provider meta-argument of an account's resources: none for the default provider. */
function providerArgument(account: TerraformAccount): [string, string][] {
  return account.alias ? [["provider", `aws.${account.alias}`]] : [];
}

function header(): string {
  return [
    "# Generated by apigee-aws from the intent file: edit the intent, not this file.",
    "# The policy documents are the JSON files in ../<environment>/<proxy>/."
  ].join("\n");
}

function settings(input: TerraformInput): string {
  return `terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.81"
    }${input.serviceAccounts.length > 0 ? `
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }` : ""}
  }
}`;
}

/**
 * The aws provider of an account. With one account, the default provider
 * with the environment's credentials, as always; with several, an alias per
 * account whose credentials the variables give.
 */
function providerConfiguration(account: TerraformAccount): string[] {
  if (!account.alias) {
    return [`# IAM is global; the region is only where the provider makes its calls.
provider "aws" {
  region = ${hclString(account.region)}
}`];
  }
  const id = hclString(account.id);
  const attributes: [string, string][] = [
    ["alias", hclString(account.alias)],
    ["region", hclString(account.region)],
    ["profile", `lookup(var.aws_profiles, ${id}, null)`]
  ];
  return [`# AWS account ${account.id} (${account.environments.join(", ")}). Its credentials: var.aws_profiles[${id}] (a profile of
# the shared AWS config), var.aws_assume_role_arns[${id}] (a role this module assumes there), or
# else the environment's (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...). IAM is global; the region is only
# where the provider makes its calls.
provider "aws" {
${hclAttributes(attributes, "  ")}

  dynamic "assume_role" {
    for_each = compact([lookup(var.aws_assume_role_arns, ${id}, "")])
    content {
      role_arn = assume_role.value
    }
  }
}`];
}

/**
 * A gateway-mode account: created in its project, allowed to mint ID tokens
 * for itself only (the proxy's SC-AwsCredentials-GenerateIdToken), and the
 * deployers allowed to deploy proxies with it (Apigee checks actAs).
 */
function serviceAccountBlocks(account: TerraformServiceAccount): string[] {
  const resource = serviceAccountResourceName(account.email);
  const member = `"serviceAccount:\${google_service_account.${resource}.email}"`;
  return [
    `resource "google_service_account" "${resource}" {
  project      = ${hclString(account.project)}
  account_id   = ${hclString(account.accountId)}
  display_name = ${hclString(`apigee-aws: ${account.trustedBy.join(", ")}`.slice(0, 100))}
  description  = ${hclString(`Deploys the Apigee proxy of ${account.trustedBy.join(", ")}; its AWS roles trust this account's unique ID alone. Managed by apigee-aws.`.slice(0, 256))}
}`,
    `resource "google_service_account_iam_member" "${resource}_id_tokens" {
  service_account_id = google_service_account.${resource}.name
  role               = "roles/iam.serviceAccountOpenIdTokenCreator"
  member             = ${member}
}`,
    `resource "google_service_account_iam_member" "${resource}_deployers" {
  for_each           = toset(var.apigee_deployers)
  service_account_id = google_service_account.${resource}.name
  role               = "roles/iam.serviceAccountUser"
  member             = each.value
}`
  ];
}

function accountCheck(account: TerraformAccount): string {
  const advice = account.alias
    ? `give its provider (aws.${account.alias}) credentials for that account: var.aws_profiles["${account.id}"] or var.aws_assume_role_arns["${account.id}"]`
    : "apply them with credentials for that account";
  const attributes = providerArgument(account);
  return `data "aws_caller_identity" "${account.alias ?? "current"}" {${attributes.length ? `\n${hclAttributes(attributes, "  ")}\n` : ""}
  lifecycle {
    postcondition {
      condition     = self.account_id == ${hclString(account.id)}
      error_message = ${hclString(`These documents are for AWS account ${account.id}${account.alias ? ` (${account.environments.join(", ")})` : ""}: ${advice}.`)}
    }
  }
}`;
}

/**
 * An OIDC provider's resource: named by its issuer in aws.account (so an
 * intent that places an environment elsewhere leaves the existing one where
 * Terraform has it), and by issuer and account in any other account.
 */
function oidcResource(provider: Pick<OidcProvider, "url" | "account">, defaultAccount: string): string {
  const name = providerResourceName(provider.url);
  return provider.account === defaultAccount ? name : `${name}_${provider.account}`;
}

function providerBlock(provider: OidcProvider, account: TerraformAccount, defaultAccount: string): string {
  const attributes: [string, string][] = [
    ...providerArgument(account),
    ["url", hclString(provider.url)],
    ["client_id_list", hclList(provider.clientIds)],
    ["thumbprint_list", `lookup(var.oidc_thumbprints, ${hclString(provider.url)}, null)`],
    ["tags", "var.tags"]
  ];
  return `resource "aws_iam_openid_connect_provider" "${oidcResource(provider, defaultAccount)}" {
${hclAttributes(attributes, "  ")}
}`;
}

function roleBlock(role: TerraformRole, account: TerraformAccount, defaultAccount: string): string {
  const dependsOn = role.provider ? `\n\n  depends_on = [aws_iam_openid_connect_provider.${oidcResource(role.provider, defaultAccount)}]` : "";
  const attributes: [string, string][] = [
    ...providerArgument(account),
    ["name", hclString(role.name)],
    ["description", hclString(role.description)],
    ["max_session_duration", String(role.maxSessionDuration)],
    ["assume_role_policy", trustPolicyValue(role)],
    ["tags", "var.tags"]
  ];
  return `resource "aws_iam_role" "${roleResource(role)}" {
${hclAttributes(attributes, "  ")}${dependsOn}
}`;
}

/** The trust policy: its JSON file, or for a gateway role the same document with the account's unique_id from Terraform. */
function trustPolicyValue(role: TerraformRole): string {
  if (!role.gatewayTrust) return `file(${documentPath(role.trustPolicyPath)})`;
  const { document, serviceAccount } = role.gatewayTrust;
  const placeholder = uniqueIdPlaceholder(serviceAccount);
  const uniqueId = `google_service_account.${serviceAccountResourceName(serviceAccount)}.unique_id`;
  // The JSON document names the ID when the build was given it, else the placeholder: either way Terraform's own is used.
  const substitute = (text: string) => (text === placeholder || /^\d{21}$/.test(text) ? uniqueId : null);
  return `jsonencode(${hclJson(document, "  ", substitute)})`;
}

function inlinePolicyBlock(role: TerraformRole, account: TerraformAccount): string {
  const resource = roleResource(role);
  const attributes: [string, string][] = [
    ...providerArgument(account),
    ["name", hclString(INLINE_POLICY_NAME)],
    ["role", `aws_iam_role.${resource}.id`],
    ["policy", `file(${documentPath(role.permissionsPolicyPath!)})`]
  ];
  return `resource "aws_iam_role_policy" "${resource}" {
${hclAttributes(attributes, "  ")}
}`;
}

/** A document's path from the module: aws/terraform/ → aws/<path>. */
function documentPath(relativeToAws: string): string {
  // hclString escapes "${", so the one interpolation is added around it.
  return `"\${path.module}/../${hclString(relativeToAws).slice(1)}`;
}

/** A secrets role's resource is its access role's with "_secrets": neither a proxy nor an environment name can end a plain name with it. */
function roleResource(role: Pick<TerraformRole, "proxy" | "env" | "purpose">): string {
  const name = roleResourceName(role.proxy, role.env);
  return role.purpose === "secrets" ? `${name}_secrets` : name;
}

function roleOutputKey(role: Pick<TerraformRole, "proxy" | "env" | "purpose">): string {
  return role.purpose === "secrets" ? `${role.env}/${role.proxy}/secrets` : `${role.env}/${role.proxy}`;
}

function outputBlock(name: string, description: string, value: string): string {
  return `output "${name}" {
${hclAttributes([["description", hclString(description)], ["value", value]], "  ")}
}`;
}

function outputsTf(input: TerraformInput): string {
  const roles = input.roles.map((r) => [hclString(roleOutputKey(r)), `aws_iam_role.${roleResource(r)}.arn`] as const);
  // Keyed by issuer URL, as always, while there is one account; by "<account> <issuer URL>" with several.
  const providerKey = (p: OidcProvider) => (input.accounts.length > 1 ? `${p.account} ${p.url}` : p.url);
  const providers = input.providers.map((p) => [hclString(providerKey(p)), `aws_iam_openid_connect_provider.${oidcResource(p, input.defaultAccount)}.arn`] as const);
  const accounts = input.serviceAccounts.map((a) => [hclString(a.email), `google_service_account.${serviceAccountResourceName(a.email)}.unique_id`] as const);
  return [
    outputBlock("role_arns", "Role ARN per <environment>/<proxy> (and <environment>/<proxy>/secrets for a caller-mode proxy's SSM role): what each environment's property set apigeeaws holds.", mapLiteral(roles)),
    outputBlock(
      "oidc_provider_arns",
      input.accounts.length > 1 ? "IAM OIDC provider ARN per \"<account ID> <issuer URL>\" (one per issuer in each account), for the caller-mode proxies." : "IAM OIDC provider ARN per issuer URL, for the caller-mode proxies.",
      mapLiteral(providers)
    ),
    outputBlock(
      "service_account_unique_ids",
      "Unique ID per service account email: apigee-aws build --ids <(terraform output -json) writes them into the JSON trust policies.",
      mapLiteral(accounts)
    )
  ].join("\n\n") + "\n";
}

/** A map with its "=" aligned, as terraform fmt writes it. */
function mapLiteral(entries: (readonly [string, string])[]): string {
  if (entries.length === 0) return "{}";
  const width = Math.max(...entries.map(([key]) => key.length));
  return `{\n${entries.map(([key, value]) => `    ${key.padEnd(width)} = ${value}`).join("\n")}\n  }`;
}

/** With several accounts, how each account's provider gets its credentials. */
function accountVariables(input: TerraformInput): string {
  if (input.accounts.length < 2) return "";
  const which = input.accounts.map((a) => `${a.id} (${a.environments.join(", ")})`).join(", ");
  const example = input.accounts[input.accounts.length - 1].id;
  return `
variable "aws_profiles" {
  description = ${hclString(`AWS shared-config profile per account ID, for the provider of that account: this module creates roles in ${which}. An account with neither a profile nor a role here uses the environment's credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...), which reach one account only. E.g. {"${example}" = "acme-${example}-admin"}.`)}
  type        = map(string)
  default     = {}
}

variable "aws_assume_role_arns" {
  description = ${hclString(`Role ARN per account ID that the provider of that account assumes (with the profile's, or the environment's, credentials), e.g. {"${example}" = "arn:aws:iam::${example}:role/terraform"}.`)}
  type        = map(string)
  default     = {}
}
`;
}

function variablesTf(input: TerraformInput): string {
  return `variable "oidc_thumbprints" {
  description = "Optional pinned TLS certificate thumbprints per OIDC issuer URL. Leave empty to let IAM verify the issuer with its trusted CAs (or fetch the thumbprint itself)."
  type        = map(list(string))
  default     = {}
}

variable "tags" {
  description = "Tags for every role and OIDC provider."
  type        = map(string)
  default     = {}
}

variable "apigee_deployers" {
  description = "Who deploys the proxies (apigee-aws deploy in CI), e.g. [\\"serviceAccount:ci@acme.iam.gserviceaccount.com\\"]: each may act as the proxies' service accounts (roles/iam.serviceAccountUser), which Apigee requires of a deployment with a service account."
  type        = list(string)
  default     = []
}
${accountVariables(input)}`;
}
