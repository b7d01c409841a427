// The Rhino host runs with LiveConnect: Java classes are reachable by name.
// Callouts never see these; the host builds Apigee's object model from them.
declare var Packages: any;
declare var java: any;
declare var JavaAdapter: any;
declare function print(...values: unknown[]): void;
