/** Tests are TypeScript, transformed by esbuild (ts-jest does not support TypeScript 7). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "\\.ts$": "<rootDir>/test/support/esbuild-transform.js" },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 60000,
  maxWorkers: 2
};
