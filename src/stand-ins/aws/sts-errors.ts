// The errors STS answers AssumeRoleWithWebIdentity with: code, HTTP status
// and message as AWS sends them (STS API reference, the botocore model's
// error shapes, and messages observed from the live service).

export type ErrorType = "Sender" | "Receiver";

export class StsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: ErrorType = "Sender"
  ) {
    super(message);
    this.name = "StsError";
  }
}

/** The model's text for InvalidIdentityToken, used when AWS gives no more specific message. */
const TOKEN_NOT_VALIDATED =
  "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.";

export const stsErrors = {
  /** "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null" */
  validation: (problems: string[]) =>
    new StsError(
      "ValidationError",
      400,
      `${problems.length} validation error${problems.length === 1 ? "" : "s"} detected: ${problems.join("; ")}`
    ),
  validationMessage: (message: string) => new StsError("ValidationError", 400, message),
  missingAction: () => new StsError("MissingAction", 400, "Missing Action"),
  invalidAction: (action: string, version: string) =>
    new StsError("InvalidAction", 400, `Could not find operation ${action} for version ${version}`),
  missingParameter: (name: string) => new StsError("MissingParameter", 400, `The request must contain the parameter ${name}`),
  invalidParameterValue: (name: string, value: string, expected: string) =>
    new StsError("InvalidParameterValue", 400, `Value (${value}) for parameter ${name} is invalid. ${expected}`),
  invalidIdentityToken: (message: string = TOKEN_NOT_VALIDATED) => new StsError("InvalidIdentityToken", 400, message),
  noProvider: (issuer: string) => new StsError("InvalidIdentityToken", 400, `No OpenIDConnect provider found in your account for ${issuer}`),
  noVerificationKey: () =>
    new StsError(
      "InvalidIdentityToken",
      400,
      // Two spaces after the comma, as STS sends it.
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
    ),
  incorrectAudience: () => new StsError("InvalidIdentityToken", 400, "Incorrect token audience"),
  expiredToken: (nowSeconds: number, expSeconds: number) =>
    new StsError(
      "ExpiredTokenException",
      400,
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${expSeconds}`
    ),
  idpCommunication: () =>
    new StsError(
      "IDPCommunicationError",
      400,
      "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. This is often a transient error caused by network conditions. Retry the request a limited number of times and wait between attempts to be notified of the result."
    ),
  accessDenied: (action = "sts:AssumeRoleWithWebIdentity") => new StsError("AccessDenied", 403, `Not authorized to perform ${action}`),
  durationExceedsRoleMax: () =>
    new StsError("ValidationError", 400, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."),
  serverFault: (status: number) => {
    if (status === 503) return new StsError("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server.", "Receiver");
    return new StsError(
      "InternalFailure",
      status,
      "The request processing has failed because of an unknown error, exception or failure.",
      "Receiver"
    );
  }
};
