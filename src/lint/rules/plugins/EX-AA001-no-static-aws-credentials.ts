// apigeelint external plugin AA001 (no-static-aws-credentials): the rule is in ../detectors, its metadata in ../catalog.ts.
import { apigeelintPlugin } from "./library";

export const { plugin, onBundle } = apigeelintPlugin("AA001");
