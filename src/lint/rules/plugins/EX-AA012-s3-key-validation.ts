// apigeelint external plugin AA012 (s3-key-validation): the rule is in ../detectors, its metadata in ../catalog.ts.
import { apigeelintPlugin } from "./library";

export const { plugin, onBundle } = apigeelintPlugin("AA012");
