// Every construct after ES5 in a script, each at its own line and column:
// Rhino at language version 0 parses none of them, and one report per
// construct tells the author everything to rewrite, where a parser would
// stop at the first.

import { JsNode, walk } from "../common/javascript";
import { regexProblems } from "./built-ins";
import { problemAt, RhinoProblem } from "./problem";

const RHINO = "Apigee's Rhino (ES5, language version 0)";

function notEs5(node: JsNode, what: string, instead: string): RhinoProblem {
  return problemAt(node, `${what} is not ES5, so ${RHINO} cannot parse this script: ${instead}`);
}

/** `program` parsed at the latest ECMAScript version. */
export function modernSyntax(program: JsNode): RhinoProblem[] {
  const out: RhinoProblem[] = [];
  walk(program, {
    enter(node, parent) {
      switch (node.type) {
        case "VariableDeclaration":
          if (node.kind !== "var") out.push(notEs5(node, `\`${node.kind}\``, "use var"));
          break;
        case "ArrowFunctionExpression":
          out.push(notEs5(node, "an arrow function", "use function (...) { ... }"));
          break;
        case "TemplateLiteral":
          if (parent?.type !== "TaggedTemplateExpression") out.push(notEs5(node, "a template literal", "concatenate strings with +"));
          break;
        case "TaggedTemplateExpression":
          out.push(notEs5(node, "a tagged template", "call the function with a string"));
          break;
        case "ClassDeclaration":
        case "ClassExpression":
          out.push(notEs5(node, "`class`", "use a constructor function and its prototype"));
          break;
        case "ForOfStatement":
          out.push(notEs5(node, "for...of", "use an index loop"));
          break;
        case "SpreadElement":
          out.push(notEs5(node, "spread (`...`)", "use Array.prototype.concat or apply"));
          break;
        case "RestElement":
          out.push(notEs5(node, "a rest element (`...`)", "use `arguments`"));
          break;
        case "ObjectPattern":
        case "ArrayPattern":
          out.push(notEs5(node, "destructuring", "assign each property with its own statement"));
          break;
        case "AssignmentPattern":
          out.push(notEs5(node, "a default value", "test for undefined in the body"));
          break;
        case "FunctionDeclaration":
        case "FunctionExpression":
          if (node.async) out.push(notEs5(node, "an async function", "use httpClient's callback form"));
          if (node.generator) out.push(notEs5(node, "a generator function", "use a plain function"));
          break;
        case "Property":
          if (node.method) out.push(notEs5(node, "a method definition", "write name: function (...) { ... }"));
          else if (node.shorthand && parent?.type === "ObjectExpression") out.push(notEs5(node, "a shorthand property", "write name: name"));
          if (node.computed) out.push(notEs5(node, "a computed property key", "assign obj[key] = value after creating the object"));
          break;
        case "ChainExpression":
          out.push(notEs5(node, "optional chaining (`?.`)", "test for null first"));
          break;
        case "LogicalExpression":
          if (node.operator === "??") out.push(notEs5(node, "`??`", "test for null and undefined explicitly"));
          break;
        case "BinaryExpression":
          if (node.operator === "**") out.push(notEs5(node, "`**`", "use Math.pow"));
          break;
        case "AssignmentExpression":
          if (["**=", "??=", "||=", "&&="].indexOf(node.operator) >= 0) out.push(notEs5(node, `\`${node.operator}\``, "write the assignment out"));
          break;
        case "Literal":
          if (node.bigint !== undefined) out.push(notEs5(node, "a BigInt literal", "use numbers"));
          else if (typeof node.raw === "string" && /^\d[\d_]*_/.test(node.raw)) out.push(notEs5(node, "a numeric separator", "write the digits without _"));
          else if (node.regex) out.push(...regexProblems(node, node.regex.pattern, node.regex.flags));
          break;
        case "ImportDeclaration":
        case "ImportExpression":
        case "ExportNamedDeclaration":
        case "ExportDefaultDeclaration":
        case "ExportAllDeclaration":
          out.push(notEs5(node, "module syntax (import/export)", "Apigee runs each resource as a plain script; bundle dependencies into it"));
          break;
        case "MetaProperty":
          out.push(notEs5(node, `\`${node.meta.name}.${node.property.name}\``, "remove it"));
          break;
        case "AwaitExpression":
          out.push(notEs5(node, "`await`", "use httpClient's callback form"));
          break;
      }
    }
  });
  return out;
}
