// Reading a Google API error answer in tests: {"error": {code, message, status, details}}.

export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: { "@type"?: string; reason?: string; domain?: string; metadata?: Record<string, string> }[];
  };
}

/** Checks the status, the JSON content type and Google's error shape; returns the error. */
export async function expectGoogleError(response: Response, code: number, status: string): Promise<GoogleErrorBody["error"]> {
  expect(response.status).toBe(code);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as GoogleErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error).toMatchObject({ code, status });
  expect(typeof body.error.message).toBe("string");
  return body.error;
}
