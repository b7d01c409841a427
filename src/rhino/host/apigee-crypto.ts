// Apigee's `crypto` object: hash objects over Java's MessageDigest. Strings
// are hashed as UTF-8; digest() is lowercase hex and digest64() base64.

var ALGORITHMS: { [name: string]: string } = {
  MD5: "MD5",
  "SHA-1": "SHA-1",
  SHA1: "SHA-1",
  "SHA-256": "SHA-256",
  SHA256: "SHA-256",
  "SHA-512": "SHA-512",
  SHA512: "SHA-512"
};

function hashObject(algorithm: string): ApigeeHashLike {
  var md = java.security.MessageDigest.getInstance(algorithm);
  var hash: ApigeeHashLike = {
    update: function (value: unknown) {
      md.update(new java.lang.String(String(value)).getBytes("UTF-8"));
      return hash;
    },
    digest: function () {
      return new java.lang.String(hexOf(md.digest()));
    },
    digest64: function () {
      return java.util.Base64.getEncoder().encodeToString(md.digest());
    }
  };
  return hash;
}

interface ApigeeHashLike {
  update(value: unknown): ApigeeHashLike;
  digest(): unknown;
  digest64(): unknown;
}

function hexOf(bytes: any): string {
  var out = "";
  for (var i = 0; i < bytes.length; i++) out += ("0" + (bytes[i] & 255).toString(16)).slice(-2);
  return out;
}

export function createApigeeCrypto(): unknown {
  return {
    getSHA1: function () {
      return hashObject("SHA-1");
    },
    getSHA256: function () {
      return hashObject("SHA-256");
    },
    getSHA512: function () {
      return hashObject("SHA-512");
    },
    getMD5: function () {
      return hashObject("MD5");
    },
    getHash: function (name: unknown) {
      var algorithm = ALGORITHMS[String(name).toUpperCase()];
      if (!algorithm) throw new Error("crypto.getHash: unsupported algorithm " + String(name));
      return hashObject(algorithm);
    }
  };
}
