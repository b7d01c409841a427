// What a user downloads and installs: the packed tarball (built from a copy of
// the checkout, as npm publishes it) and the footprint of `npm i TARBALL` in
// an empty project (every dependency, apigeelint's included).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../common/paths";
import { installFootprint, installTarball, packCheckout, tarballFiles } from "../toolchain/package-install";
import type { Benchmark, Figure } from "./figures";

export const packageFootprint: Benchmark = {
  name: "package",
  async run(): Promise<Figure[]> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bench-package-"));
    try {
      const tarball = packCheckout(packageRoot(), work);
      const consumer = installTarball(tarball, work);
      const footprint = installFootprint(consumer);
      return [
        { name: "package.tarball.bytes", value: fs.statSync(tarball).size, unit: "bytes" },
        { name: "package.tarball.files", value: tarballFiles(tarball).length, unit: "files" },
        { name: "package.install.bytes", value: footprint.bytes, unit: "bytes" },
        { name: "package.install.packages", value: footprint.packages, unit: "packages" }
      ];
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
};
