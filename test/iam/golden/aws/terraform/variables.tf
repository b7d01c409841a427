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
