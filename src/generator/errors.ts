// An intent the generator cannot turn into a bundle: the message says where
// the proxy is declared, what is wrong and what to change.

import { UserError } from "../common/user-error";
import type { ProxyIntent } from "../intent/model";

export class GeneratorError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "GeneratorError";
  }
}

/** "apigee-aws.yaml:12:5: proxy "files": <message>" */
export function proxyError(proxy: ProxyIntent, message: string): GeneratorError {
  const at = proxy.location;
  return new GeneratorError(`${at.file}:${at.line}:${at.column}: proxy "${proxy.name}": ${message}`);
}
