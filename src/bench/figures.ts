/** One benchmark result line: `name: value unit`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export function formatFigure(f: Figure): string {
  const digits = ["bytes", "calls", "files", "packages"].includes(f.unit) ? 0 : f.value < 10 ? 2 : 1;
  return `${f.name}: ${f.value.toFixed(digits)} ${f.unit}`;
}

export interface Benchmark {
  /** A prefix of the figures it prints, for `npm run bench -- <prefix>`. */
  name: string;
  run(): Promise<Figure[]>;
}
