#!/usr/bin/env node
// Runs state machine definitions with the pinned aws-local-stepfunctions and prints one JSON line per
// case: {"id", "status": "SUCCEEDED"|"FAILED"|"INVALID", "output", "error", "cause"}.
//
// Input (stdin): a JSON array of {"id": string, "definition": object, "input": any}. The cases run one
// after the other in this one process. Wait states are not overridden, so keep them out of the cases.
// Usage: node run-cases.cjs < cases.json
"use strict";
require("./with-resolvers.cjs");
const { StateMachine } = require("aws-local-stepfunctions");

function causeText(err) {
  if (err === undefined || err === null) return null;
  if (typeof err === "string") return err;
  if (err.cause !== undefined && err.cause !== null && err.cause !== err) {
    return typeof err.cause === "string" ? err.cause : String(err.cause.message ?? err.cause);
  }
  return err.message ?? String(err);
}

async function runOne(c) {
  let machine;
  try {
    machine = new StateMachine(c.definition);
  } catch (e) {
    return { id: c.id, status: "INVALID", output: null, error: e.name ?? "Error", cause: String(e.message) };
  }
  try {
    const output = await machine.run(c.input).result;
    return { id: c.id, status: "SUCCEEDED", output: output === undefined ? null : output, error: null, cause: null };
  } catch (e) {
    // ExecutionError wraps the runtime error as `cause`; its name is the ASL error name.
    const inner = e && e.name === "ExecutionError" && e.cause ? e.cause : e;
    return { id: c.id, status: "FAILED", output: null, error: inner.name ?? "Error", cause: causeText(inner) };
  }
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const cases = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  for (const c of cases) {
    let r;
    try {
      r = await runOne(c);
    } catch (e) {
      r = { id: c.id, status: "CRASHED", output: null, error: e && e.name, cause: String(e && e.stack) };
    }
    process.stdout.write(JSON.stringify(r) + "\n");
  }
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(2);
});
