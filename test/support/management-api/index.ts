export { ApigeeStandIn, type ApigeeStandInOptions } from "./apigee-stand-in";
export type { LoggedCall } from "./call-log";
export type { Fault, RouteName } from "./faults";
