// multipart/form-data with one file field, written by hand so the bytes on
// the wire are known (and the same on every retry): Apigee's import and
// resource-file calls read the upload from the form field "file".

import { randomBytes } from "node:crypto";
import type { MultipartFile } from "./apigee-calls";

export interface MultipartBody {
  contentType: string;
  body: Buffer;
}

export function multipartBody(file: MultipartFile, boundary = `apigee-aws-${randomBytes(12).toString("hex")}`): MultipartBody {
  const fileName = file.fileName.replace(/["\r\n\\]/g, "_");
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${file.field}"; filename="${fileName}"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([Buffer.from(head, "utf8"), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`, "utf8")])
  };
}
