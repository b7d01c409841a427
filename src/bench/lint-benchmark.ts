// Placeholder until `apigee-aws lint` lands.

import type { Benchmark } from "./figures";

export const lintBundles: Benchmark = {
  name: "lint",
  async run() {
    return [];
  }
};
