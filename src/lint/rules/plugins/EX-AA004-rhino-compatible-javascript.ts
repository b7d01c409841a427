// apigeelint external plugin AA004 (rhino-compatible-javascript): the rule is in ../detectors, its metadata in ../catalog.ts.
import { apigeelintPlugin } from "./library";

export const { plugin, onBundle } = apigeelintPlugin("AA004");
