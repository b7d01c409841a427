/** Tests are TypeScript, transformed by esbuild (ts-jest does not support TypeScript 7). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // jose ships only ES modules, which Jest 30 on Node 20 cannot require: transform it like our sources.
  transform: {
    "\\.ts$": "<rootDir>/test/support/esbuild-transform.js",
    "/node_modules/jose/.+\\.js$": "<rootDir>/test/support/esbuild-transform.js"
  },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  setupFiles: ["<rootDir>/test/support/hermetic-env.js"],
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 60000,
  maxWorkers: 2
};
