// Builds the project's apigeelint rules (src/lint/rules/) into CommonJS
// plugins that `apigeelint -x DIR` loads. Placeholder until the rules land.

export async function buildApigeelintPlugins(_root: string, _lib: string): Promise<string[]> {
  return [];
}
