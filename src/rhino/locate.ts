import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../common/user-error";

const INSTALL_HINT =
  "apigee-aws runs callouts in Mozilla Rhino, the engine of Apigee's JavaScript policy. " +
  "Install Debian's package (apt-get install -y rhino), or set APIGEE_AWS_RHINO to a rhino launcher.";

/** The `rhino` launcher: $APIGEE_AWS_RHINO, else the first `rhino` on PATH. */
export function locateRhino(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.APIGEE_AWS_RHINO;
  if (configured) {
    if (!isExecutable(configured)) throw new UserError(`APIGEE_AWS_RHINO=${configured} is not an executable file. ${INSTALL_HINT}`);
    return configured;
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "rhino");
    if (dir && isExecutable(candidate)) return candidate;
  }
  throw new UserError(`Rhino was not found on PATH. ${INSTALL_HINT}`);
}

/**
 * Rhino's jar, for tools beyond the shell (the jsc compiler used to measure
 * bytecode sizes): $APIGEE_AWS_RHINO_JAR, else the classpath in Debian's
 * launcher script.
 */
export function locateRhinoJar(env: NodeJS.ProcessEnv = process.env): string {
  if (env.APIGEE_AWS_RHINO_JAR) return env.APIGEE_AWS_RHINO_JAR;
  const launcher = fs.readFileSync(locateRhino(env), "utf8");
  const classpath = /JAVA_CLASSPATH="?([^"\n]+)"?/.exec(launcher);
  const jar = classpath?.[1].split(":").find((p) => /\/js\.jar$|rhino[^/]*\.jar$/.test(p));
  if (!jar || !fs.existsSync(jar)) {
    throw new UserError("Cannot find Rhino's js.jar from the launcher; set APIGEE_AWS_RHINO_JAR to its path.");
  }
  return jar;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
