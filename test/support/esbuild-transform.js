// Jest transformer: TypeScript to CommonJS with esbuild, the compiler the
// project already uses for its build.
const esbuild = require("esbuild");

module.exports = {
  process(source, filename) {
    const result = esbuild.transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      sourcemap: "inline",
      sourcefile: filename
    });
    return { code: result.code };
  },
  getCacheKey(source, filename) {
    return require("node:crypto").createHash("sha256").update(esbuild.version).update(filename).update(source).digest("hex");
  }
};
