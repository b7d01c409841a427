// Apigee's condition language, for the <Condition> of Steps, Flows, RouteRules
// and FaultRules. Semantics follow the Apigee conditions reference; each module
// says which part it implements and where it departs from or extends it.

import type { ConditionNode } from "./ast";
import { evaluateNode } from "./evaluate";
import type { Lookup } from "./evaluate";
import { tokenize } from "./lexer";
import { PatternCache } from "./operator-patterns";
import { parseTokens } from "./parser";

export type { FlowValue } from "../../flow/flow-variables";
export type { Lookup } from "./evaluate";
export { ConditionSyntaxError } from "./syntax-error";

export interface Condition {
  evaluate(lookup: Lookup): boolean;
  /** Variable names the condition reads, for diagnostics. */
  variables(): string[];
  /** The source text. */
  readonly source: string;
}

/** Throws ConditionSyntaxError, naming the column and what was expected there. */
export function parseCondition(text: string): Condition {
  return new ParsedCondition(text, parseTokens(tokenize(text)));
}

class ParsedCondition implements Condition {
  private readonly patterns = new PatternCache();
  private readonly names: string[];

  constructor(
    readonly source: string,
    private readonly root: ConditionNode
  ) {
    this.names = variableNames(root);
  }

  evaluate(lookup: Lookup): boolean {
    return evaluateNode(this.root, lookup, this.patterns);
  }

  variables(): string[] {
    return [...this.names];
  }
}

/** Each variable once, in the order the text mentions them. */
function variableNames(root: ConditionNode): string[] {
  const seen = new Set<string>();
  const visit = (node: ConditionNode): void => {
    switch (node.kind) {
      case "or":
      case "and":
      case "compare":
        visit(node.left);
        visit(node.right);
        return;
      case "not":
        visit(node.operand);
        return;
      case "variable":
        seen.add(node.name);
        return;
      case "literal":
        return;
    }
  };
  visit(root);
  return [...seen];
}
