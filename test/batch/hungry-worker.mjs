// A parse worker for the pool's tests: it speaks the real worker's protocol and, instead of reading a
// PDF, holds memory outside the V8 heap (as pdf.js's decoded buffers are) the way its input says:
// "blocked:MB" in one synchronous step (it cannot report), "yielding:MB" a chunk per tick (it
// reports as the real worker does), "small" nothing.
/* global setInterval, setTimeout, process, Buffer */
import { parentPort } from "node:worker_threads";

setInterval(() => {
  const m = process.memoryUsage();
  parentPort.postMessage({ mem: m.heapTotal + m.external });
}, 200).unref();

const held = [];
parentPort.on("message", async (job) => {
  const [mode, mb] = String(job.input).split(":");
  const chunks = Math.ceil(Number(mb ?? 0) / 16);
  held.length = 0;
  if (mode === "blocked") {
    // touched, so that it is resident; then busy without returning to the event loop
    for (let i = 0; i < chunks; i++) held.push(Buffer.alloc(16 << 20, 1));
    const until = Date.now() + 3000;
    while (Date.now() < until);
  } else if (mode === "yielding") {
    for (let i = 0; i < chunks; i++) {
      held.push(Buffer.alloc(16 << 20, 1));
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  held.length = 0;
  parentPort.postMessage({ id: job.id, ok: true, doc: { file: String(job.input) } });
});
