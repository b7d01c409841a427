// The error for a policy document that IAM would refuse to store or that
// cannot be evaluated. Kept apart so the validator and the evaluator can both
// throw it without importing each other.

export class PolicyDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyDocumentError";
  }
}
