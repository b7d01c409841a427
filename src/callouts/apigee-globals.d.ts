// Apigee's JavaScript object model, as far as apigee-aws callouts use it.
// Source: https://cloud.google.com/apigee/docs/api-platform/reference/javascript-object-model
// Values read from Apigee may be Java objects (java.lang.String): wrap them in
// String(...) before comparing, hence the `unknown` return types.

interface ApigeeStatus {
  code: unknown;
  message: unknown;
}

interface ApigeeContent {
  readonly asJSON: any;
}

interface ApigeeMessageObject {
  headers: { [name: string]: unknown };
  content: unknown;
}

interface ApigeeRequestObject extends ApigeeMessageObject {
  method: unknown;
  url: unknown;
  queryParams: { [name: string]: unknown };
  body: unknown;
}

interface ApigeeResponseObject extends ApigeeMessageObject {
  status: ApigeeStatus;
}

interface ApigeeContext {
  getVariable(name: string): unknown;
  setVariable(name: string, value: string | number | boolean): void;
  removeVariable(name: string): void;
  flow: string;
  session: { [key: string]: unknown };
  proxyRequest: ApigeeRequestObject;
  proxyResponse: ApigeeResponseObject;
  targetRequest: ApigeeRequestObject;
  targetResponse: ApigeeResponseObject;
}

interface ApigeeHash {
  update(value: string): void;
  /** Lowercase hex. */
  digest(): unknown;
  digest64(): unknown;
}

interface ApigeeCrypto {
  getSHA1(): ApigeeHash;
  getSHA256(): ApigeeHash;
  getSHA512(): ApigeeHash;
  getMD5(): ApigeeHash;
  getHash(algorithm: string): ApigeeHash;
}

interface ApigeeExchange {
  isComplete(): boolean;
  /** The request completed at the transport level; a 5xx is still a success. */
  isSuccess(): boolean;
  /** The request could not be sent or no response arrived. */
  isError(): boolean;
  waitForComplete(timeoutMs?: number): void;
  getResponse(): ApigeeResponseObject;
  getError(): unknown;
}

type ApigeeHttpCallback = (response: ApigeeResponseObject | undefined, error: unknown) => void;

interface ApigeeHttpClient {
  send(request: Request, callback?: ApigeeHttpCallback): ApigeeExchange;
  get(urlOrRequest: string | Request, callback?: ApigeeHttpCallback): ApigeeExchange;
}

declare class Request {
  constructor(url?: string, method?: string, headers?: { [name: string]: string }, body?: string);
  url: string;
  method: string;
  headers: { [name: string]: string };
  body: string;
}

declare var context: ApigeeContext;
declare var request: ApigeeRequestObject;
declare var response: ApigeeResponseObject;
declare var properties: { [name: string]: unknown };
declare var crypto: ApigeeCrypto;
declare var httpClient: ApigeeHttpClient;
declare function print(...values: unknown[]): void;
