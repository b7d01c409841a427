// apigeelint external plugin AA006 (credential-duration-bounds): the rule is in ../detectors, its metadata in ../catalog.ts.
import { apigeelintPlugin } from "./library";

export const { plugin, onBundle } = apigeelintPlugin("AA006");
