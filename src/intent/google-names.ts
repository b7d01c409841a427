// Google Cloud identity rules for gateway mode. Each check returns null when
// the value is valid, or a sentence saying what is wrong and what is expected.

const FIND_UNIQUE_ID = "find it with: gcloud iam service-accounts describe EMAIL --format='value(uniqueId)'";

/**
 * A service account email: NAME@PROJECT.iam.gserviceaccount.com, or a
 * Google-managed default account (…@developer.gserviceaccount.com,
 * …@appspot.gserviceaccount.com).
 */
export function serviceAccountProblem(email: string): string | null {
  if (/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?@(?:[a-z0-9][a-z0-9.:-]*\.)?[a-z0-9-]+\.gserviceaccount\.com$/.test(email)) return null;
  return `expected the Apigee runtime's service account email, such as apigee-runtime@my-project.iam.gserviceaccount.com, found '${email}'`;
}

/**
 * A Google Cloud project ID: 6 to 30 lowercase letters, digits and hyphens,
 * starting with a letter, not ending with a hyphen ("Creating and managing
 * projects"). Domain-scoped projects (example.com:name) are not supported.
 */
export function projectIdProblem(project: string): string | null {
  if (/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) return null;
  if (project.includes(":")) return `'${project}' is a domain-scoped project; apigee-aws names service accounts in projects with a plain ID (6 to 30 lowercase letters, digits and hyphens)`;
  return `expected a Google Cloud project ID (6 to 30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen), found '${project}'`;
}

/** The service account's numeric unique ID: the `sub` of the Google ID tokens the IAM role trusts. */
export function uniqueIdProblem(id: string): string | null {
  if (/^\d{21}$/.test(id)) return null;
  return `expected the service account's 21-digit unique ID, found '${id}'; ${FIND_UNIQUE_ID}`;
}
