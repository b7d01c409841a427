output "role_arns" {
  description = "Role ARN per <environment>/<proxy> (and <environment>/<proxy>/secrets for a caller-mode proxy's SSM role): what each environment's property set apigeeaws holds."
  value = {
    "prod/builds"  = aws_iam_role.role_builds_prod.arn
    "prod/lambda"  = aws_iam_role.role_lambda_prod.arn
    "prod/uploads" = aws_iam_role.role_uploads_prod.arn
    "test/builds"  = aws_iam_role.role_builds_test.arn
    "test/lambda"  = aws_iam_role.role_lambda_test.arn
    "test/uploads" = aws_iam_role.role_uploads_test.arn
  }
}

output "oidc_provider_arns" {
  description = "IAM OIDC provider ARN per issuer URL, for the caller-mode proxies."
  value = {
    "https://login.example.com/realms/apigee" = aws_iam_openid_connect_provider.oidc_login_example_com_realms_apigee_3853904b.arn
  }
}

output "service_account_unique_ids" {
  description = "Unique ID per service account email: apigee-aws build --ids <(terraform output -json) writes them into the JSON trust policies."
  value       = {}
}
