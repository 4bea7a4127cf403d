// Verdicts of @persian-tools/persian-tools on identifiers, for tests/reference_ids.rs.
//
// stdin: one JSON object per line, {"kind": "national-code" | "legal-id", "input": "..."}.
// stdout: one JSON array per input line, in order:
//   national-code: [verifyIranianNationalId(input), verifyIranianNationalId(input, {checkPrefix: false})]
//   legal-id:      [verifyIranianLegalId(input) === true]
// The library's own default (checkPrefix: true) is reported beside the arithmetic-only
// verdict so the Rust side can name the city-prefix difference instead of guessing it.
import { createInterface } from "node:readline";
import {
  verifyIranianLegalId,
  verifyIranianNationalId,
} from "@persian-tools/persian-tools";

const out = [];
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line === "") continue;
  const { kind, input } = JSON.parse(line);
  if (kind === "national-code") {
    out.push(
      JSON.stringify([
        verifyIranianNationalId(input) === true,
        verifyIranianNationalId(input, { checkPrefix: false }) === true,
      ]),
    );
  } else if (kind === "legal-id") {
    out.push(JSON.stringify([verifyIranianLegalId(input) === true]));
  } else {
    throw new Error(`unknown kind ${JSON.stringify(kind)}`);
  }
}
process.stdout.write(out.join("\n") + "\n");
