// A syntax sanity check for the generated Terraform, since terraform itself
// is not installed: brackets balance outside strings, strings close, "${"
// interpolations close, every top-level block has the right number of quoted
// labels and its resource names are valid identifiers, and no resource
// address is declared twice. Not a parser: enough to catch what a template
// slip would produce.

export interface HclBlock {
  kind: string;
  labels: string[];
}

export interface HclLint {
  errors: string[];
  blocks: HclBlock[];
}

const LABELS: Record<string, number> = { resource: 2, data: 2, output: 1, variable: 1, provider: 1, terraform: 0, locals: 0, module: 1 };
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function lintHcl(text: string): HclLint {
  const errors = [...bracketErrors(text)];
  const blocks: HclBlock[] = [];
  let depth = 0;
  for (const [index, line] of text.split("\n").entries()) {
    if (depth === 0 && line.trim() !== "" && !line.startsWith("#")) {
      const header = /^([a-z_]+)((?:\s+"[^"]*")*)\s*\{\s*$/.exec(line);
      if (!header) errors.push(`line ${index + 1}: expected a block header at top level, got: ${line}`);
      else {
        const labels = [...header[2].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
        const expected = LABELS[header[1]];
        if (expected === undefined) errors.push(`line ${index + 1}: unknown block type "${header[1]}"`);
        else if (labels.length !== expected) errors.push(`line ${index + 1}: ${header[1]} takes ${expected} labels, got ${labels.length}`);
        for (const label of labels) if (!IDENTIFIER.test(label)) errors.push(`line ${index + 1}: "${label}" is not a valid HCL identifier`);
        blocks.push({ kind: header[1], labels });
      }
    }
    depth += netBraces(line);
  }
  const addresses = blocks.filter((b) => b.kind === "resource" || b.kind === "data").map((b) => `${b.kind}.${b.labels.join(".")}`);
  for (const address of new Set(addresses)) {
    if (addresses.filter((a) => a === address).length > 1) errors.push(`${address} is declared more than once`);
  }
  return { errors, blocks };
}

/** Walks the text once: strings (with escapes and nested ${...}), comments, and the bracket stack. */
function bracketErrors(text: string): string[] {
  const errors: string[] = [];
  // Each frame is an open bracket, or '"' for a string, or "${" for an interpolation inside a string.
  const stack: { token: string; line: number }[] = [];
  const pairs: Record<string, string> = { "}": "{", "]": "[", ")": "(" };
  let line = 1;
  const top = () => stack[stack.length - 1]?.token;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      line++;
      if (top() === '"') errors.push(`line ${line - 1}: string not closed before the end of the line`);
    }
    if (top() === '"') {
      if (ch === "\\") i++;
      else if (ch === '"') stack.pop();
      else if (text.startsWith("$${", i) || text.startsWith("%%{", i)) i += 2;
      else if (text.startsWith("${", i)) {
        stack.push({ token: "${", line });
        i++;
      } else if (text.startsWith("%{", i)) errors.push(`line ${line}: template directive %{ in a string`);
      continue;
    }
    if (ch === "#") {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
      continue;
    }
    if (ch === '"') stack.push({ token: '"', line });
    else if (ch === "{" || ch === "[" || ch === "(") stack.push({ token: ch, line });
    else if (ch === "}" && top() === "${") stack.pop();
    else if (ch in pairs) {
      if (top() !== pairs[ch]) errors.push(`line ${line}: "${ch}" closes ${top() ?? "nothing"}`);
      else stack.pop();
    }
  }
  for (const open of stack) errors.push(`line ${open.line}: ${open.token} never closed`);
  return errors;
}

function netBraces(line: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "#") break;
    else if (ch === "{") n++;
    else if (ch === "}") n--;
  }
  return n;
}
