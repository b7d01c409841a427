// Timing inside one Rhino JVM: warm up until HotSpot has compiled the hot
// methods, then report the median of several timed trials.

export interface Measurement {
  name: string;
  micros: number;
}

function nowMicros(): number {
  return Number(java.lang.System.nanoTime()) / 1000;
}

/** Long enough for HotSpot's C2 to compile the hot methods on a busy 2-core machine. */
var WARM_UP_MICROS = 3000000;

export function measure(name: string, iterations: number, body: () => void): Measurement {
  var warmUpEnd = nowMicros() + WARM_UP_MICROS;
  for (var w = 0; w < iterations * 2 || nowMicros() < warmUpEnd; w++) body();
  var trials: number[] = [];
  for (var t = 0; t < 7; t++) {
    var start = nowMicros();
    for (var i = 0; i < iterations; i++) body();
    trials.push((nowMicros() - start) / iterations);
  }
  trials.sort(function (a, b) {
    return a - b;
  });
  return { name: name, micros: trials[3] };
}

export function report(m: Measurement): void {
  print(m.name + " " + m.micros.toFixed(2));
}
