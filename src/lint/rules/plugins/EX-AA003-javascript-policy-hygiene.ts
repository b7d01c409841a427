// apigeelint external plugin AA003 (javascript-policy-hygiene): the rule is in ../detectors, its metadata in ../catalog.ts.
import { apigeelintPlugin } from "./library";

export const { plugin, onBundle } = apigeelintPlugin("AA003");
