// RS256 signing keys for a token issuer, with rotation: the newest key signs,
// and older keys stay in the JWKS so tokens signed before a rotation still
// verify (what real issuers do during a rollover).

import { generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { calculateJwkThumbprint, SignJWT, type JWK, type JWTPayload } from "jose";

interface KeyPair {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

export interface SignOptions {
  /** The instant (epoch ms, or a clock) whose seconds become a default `iat`. */
  now?: number | (() => number);
}

export class SigningKeys {
  private readonly pairs: KeyPair[];

  private constructor(first: KeyPair) {
    this.pairs = [first];
  }

  /** A key set with one freshly generated 2048-bit RSA key. */
  static async generate(): Promise<SigningKeys> {
    return new SigningKeys(await generatePair());
  }

  /** The kid of the key that signs now. */
  get currentKid(): string {
    return this.current().kid;
  }

  /** The public half of every key, newest first, as an issuer publishes it. */
  jwks(): { keys: JWK[] } {
    return { keys: [...this.pairs].reverse().map((pair) => ({ ...pair.publicJwk })) };
  }

  /**
   * A compact RS256 JWS of `claims` with the current key (header alg, kid,
   * typ "JWT"). `iat` defaults to `now` (or the real clock); every other
   * claim is taken as given.
   */
  async sign(claims: JWTPayload, options: SignOptions = {}): Promise<string> {
    const { kid, privateKey } = this.current();
    const nowMs = typeof options.now === "function" ? options.now() : (options.now ?? Date.now());
    const payload: JWTPayload = { iat: Math.floor(nowMs / 1000), ...claims };
    return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(privateKey);
  }

  /** Generates a new current key; older keys stay in the JWKS. Returns the new kid. */
  async rotate(): Promise<string> {
    const pair = await generatePair();
    this.pairs.push(pair);
    return pair.kid;
  }

  /** Removes an older key from the JWKS, so tokens it signed no longer verify. */
  retire(kid: string): void {
    const index = this.pairs.findIndex((pair) => pair.kid === kid);
    if (index < 0) throw new Error(`no signing key has kid "${kid}"; known kids: ${this.pairs.map((p) => p.kid).join(", ")}`);
    if (kid === this.currentKid) throw new Error(`kid "${kid}" is the current signing key; rotate() before retiring it`);
    this.pairs.splice(index, 1);
  }

  private current(): KeyPair {
    return this.pairs[this.pairs.length - 1];
  }
}

async function generatePair(): Promise<KeyPair> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: "jwk" });
  if (typeof n !== "string" || typeof e !== "string") throw new Error("node:crypto exported an RSA public key without n and e");
  // The RFC 7638 thumbprint: a kid stable for the key and unique to it.
  const kid = await calculateJwkThumbprint({ kty: "RSA", n, e });
  return { kid, privateKey, publicJwk: { kty: "RSA", n, e, alg: "RS256", use: "sig", kid } };
}
