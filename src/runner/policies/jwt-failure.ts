// Why a JWT was refused, by Apigee's fault name (steps.jwt.NAME); VerifyJWT
// turns it into the 401 fault and its flow variables.

export class JwtFailure extends Error {
  constructor(
    /** fault.name: "TokenExpired", "InvalidToken", ... */
    readonly faultName: string,
    message: string
  ) {
    super(message);
    this.name = "JwtFailure";
  }
}
