// Peer benchmark: @persian-tools/persian-tools' national-code check over the same input file
// samad's criterion bench reads (benches/data/national-codes.txt). Prints one JSON line:
// {"peer":..,"items_per_s":{"median":..,"min":..,"max":..}} over 15 timed rounds.
import { readFileSync } from "node:fs";
import { verifyIranianNationalId } from "@persian-tools/persian-tools";

const codes = readFileSync(process.argv[2], "utf8").split("\n").filter((s) => s.length > 0);
// The prefix check is persian-tools' own extra rule; samad has none, so it is off here.
const options = { checkPrefix: false };
let sink = 0;
const round = (n) => {
  for (let r = 0; r < n; r++) for (const c of codes) sink += verifyIranianNationalId(c, options) ? 1 : 0;
};
round(200); // warm-up: let the JIT compile the hot path
const rates = [];
for (let i = 0; i < 15; i++) {
  const reps = 200;
  const t0 = process.hrtime.bigint();
  round(reps);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rates.push((reps * codes.length) / seconds);
}
rates.sort((a, b) => a - b);
console.log(JSON.stringify({
  peer: "@persian-tools/persian-tools verifyIranianNationalId",
  items_per_s: { median: rates[7], min: rates[0], max: rates[14] },
  sink,
}));
