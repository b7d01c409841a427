// apigee-aws's bundle generator: a build plan to Apigee X API proxy bundles.

export { zipBundle } from "../common/bundle-zip";
export { generateProxyBundle } from "./bundle";
export { readBuiltCallouts, type BuiltCallouts } from "./callouts";
export { GeneratorError } from "./errors";
export { environmentPropertySet, PROPERTY_SET_NAME, propertyKey, propertySetEntries, propertyVariable } from "./property-set";
