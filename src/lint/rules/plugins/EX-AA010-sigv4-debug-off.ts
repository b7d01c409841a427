// apigeelint external plugin AA010 (sigv4-debug-off): the rule is in ../detectors, its metadata in ../catalog.ts.
import { apigeelintPlugin } from "./library";

export const { plugin, onBundle } = apigeelintPlugin("AA010");
