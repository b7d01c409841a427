variable "oidc_thumbprints" {
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
  description = "Who deploys the proxies (apigee-aws deploy in CI), e.g. [\"serviceAccount:ci@acme.iam.gserviceaccount.com\"]: each may act as the proxies' service accounts (roles/iam.serviceAccountUser), which Apigee requires of a deployment with a service account."
  type        = list(string)
  default     = []
}
