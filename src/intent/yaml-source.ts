// The intent file as a YAML document whose every node knows its line and
// column. Duplicate keys are left in place by the parser (uniqueKeys: false)
// and reported by the reader, which knows the field path.

import { Document, isAlias, isNode, LineCounter, Node, parseDocument, Scalar, visit, YAMLError } from "yaml";
import { MAX_VALUE_CHARACTERS } from "./limits";
import { FieldPath, formatPath, ProblemList } from "./problems";

/** Something a problem can point at: a node, a source offset, or nothing (line 1, column 1). */
export type Anchor = Node | number | null | undefined;

export class YamlSource {
  readonly doc: Document.Parsed;
  private readonly lines = new LineCounter();
  private undefinedAliases = 0;
  private oversizedValues = 0;
  /** What the file may mean other than the writer intended; reported, but the intent is still built. */
  readonly warnings = new ProblemList();

  constructor(
    readonly text: string,
    readonly file: string,
    readonly problems: ProblemList
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false, prettyErrors: false, stringKeys: true });
    for (const error of this.doc.errors) this.reportYamlError(error);
    for (const warning of this.doc.warnings) this.reportYamlError(warning);
    if (this.doc.errors.length === 0) {
      this.reportUndefinedAliases();
      this.reportOversizedValues();
    }
  }

  /** True when the YAML itself is broken: the structure cannot be trusted, so nothing else is checked. */
  get hasSyntaxErrors(): boolean {
    return this.doc.errors.length > 0 || this.doc.warnings.length > 0 || this.undefinedAliases > 0 || this.oversizedValues > 0;
  }

  position(at: Anchor): { line: number; column: number } {
    const offset = typeof at === "number" ? at : at?.range ? at.range[0] : 0;
    const { line, col } = this.lines.linePos(offset);
    // linePos answers line 0 before the first newline is known (a one-line file).
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  }

  report(at: Anchor, path: FieldPath, message: string): void {
    this.problems.add({ file: this.file, ...this.position(at), path: formatPath(path), message });
  }

  warn(at: Anchor, path: FieldPath, message: string): void {
    this.warnings.add({ file: this.file, ...this.position(at), path: formatPath(path), message });
  }

  /** No value may be longer than MAX_VALUE_CHARACTERS: none needs to be, and every later check stays cheap. */
  private reportOversizedValues(): void {
    visit(this.doc, {
      Scalar: (_key, scalar) => {
        if (typeof scalar.value !== "string" || scalar.value.length <= MAX_VALUE_CHARACTERS) return;
        this.oversizedValues++;
        this.report(scalar, [], `a value of ${scalar.value.length} characters; apigee-aws takes values of up to ${MAX_VALUE_CHARACTERS} characters (a header, a URL, a name): shorten it`);
      }
    });
  }

  /** The node an alias (*name) points at; other nodes unchanged. Aliases to no anchor were reported as syntax errors. */
  resolve(node: unknown): Node | null {
    let current = node;
    for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(this.doc);
    return isNode(current) && !isAlias(current) ? current : null;
  }

  /** YAML requires an alias to follow its anchor; the parser leaves that to the reader. */
  private reportUndefinedAliases(): void {
    visit(this.doc, {
      Alias: (_key, alias) => {
        if (alias.resolve(this.doc) !== undefined) return;
        this.undefinedAliases++;
        this.report(alias, [], `YAML syntax: alias '*${alias.source}' refers to no anchor: define '&${alias.source}' before it, or write the value out`);
      }
    });
  }

  private reportYamlError(error: YAMLError): void {
    const opening = error.code === "MISSING_CHAR" ? this.unclosedQuoteStart(error.pos[0]) : null;
    if (opening !== null) this.report(opening, [], `YAML syntax: ${lowerFirst(error.message)}: the quote opened here is never closed`);
    else this.report(error.pos[0], [], yamlErrorMessage(error));
  }

  /** The parser notices a missing closing quote at the end of the input; point at the quote that opened it. */
  private unclosedQuoteStart(errorOffset: number): number | null {
    let start: number | null = null;
    visit(this.doc, {
      Scalar: (_key, node) => {
        const quoted = node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE;
        if (quoted && node.range && node.range[0] <= errorOffset && node.range[1] >= errorOffset) start = node.range[0];
      }
    });
    return start;
  }
}

function yamlErrorMessage(error: YAMLError): string {
  switch (error.code) {
    case "MULTIPLE_DOCS":
      return "YAML syntax: the file holds more than one YAML document (a second '---'); an intent is a single document: remove the extra '---' and merge the parts";
    case "TAB_AS_INDENT":
      return "YAML syntax: tabs are not allowed as indentation; indent with spaces";
    case "UNEXPECTED_TOKEN":
      return `YAML syntax: ${lowerFirst(error.message)}; a value that starts with { [ * & ! % @ or a quote, or holds ': ' or ' #', must be quoted as a whole`;
    case "TAG_RESOLVE_FAILED":
      return `YAML syntax: ${lowerFirst(error.message)}; an intent uses plain strings, numbers, booleans, lists and mappings: remove the tag`;
    default:
      return `YAML syntax: ${lowerFirst(error.message)}`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
