// A parse worker for the pool's tests: it speaks the real worker's protocol and, instead of reading a
// PDF, holds memory outside the V8 heap (as pdf.js's decoded buffers are) the way its input says:
// "blocked:MB" in one synchronous step (it cannot report), "yielding:MB" a chunk per tick (it
// reports as the real worker does), "busy:MS:MB" a synchronous step that takes no more memory than
// it said it held, "small" nothing; "packed" hands its result over packed, as the real worker does a
// long document's. Each result names the thread that read it.
/* global setInterval, setTimeout, process, Buffer */
import { readlinkSync } from "node:fs";
import { serialize } from "node:v8";
import { parentPort, threadId } from "node:worker_threads";

let tid = null;
try {
  tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
} catch {
  // not Linux: the pool judges by resident memory alone
}
const report = () => {
  const m = process.memoryUsage();
  parentPort.postMessage({ mem: m.heapTotal + m.external, tid });
};
report();
setInterval(report, 200).unref();

const held = [];
parentPort.on("message", async (job) => {
  const [mode, mb, keep] = String(job.input).split(":");
  const chunks = Math.ceil(Number(mb ?? 0) / 16);
  held.length = 0;
  if (mode === "blocked") {
    // touched, so that it is resident; then busy without returning to the event loop. A chunk every
    // 10 ms of work (1.6 GB/s, as decoding would, not memset's pace): at memset's pace the whole was
    // held before a watchdog starved of CPU by a loaded machine could look, and the test failed there
    for (let i = 0; i < chunks; i++) {
      held.push(Buffer.alloc(16 << 20, 1));
      const next = Date.now() + 10;
      while (Date.now() < next);
    }
    const until = Date.now() + 3000;
    while (Date.now() < until);
  } else if (mode === "busy") {
    // "busy:MS:MB": holds MB (and says so), then works MS without a word and without taking more
    for (let i = 0; i < Number(keep ?? 0) / 16; i++) held.push(Buffer.alloc(16 << 20, 1));
    await new Promise((r) => setTimeout(r, 600));
    const until = Date.now() + Number(mb ?? 3000);
    while (Date.now() < until);
  } else if (mode === "yielding") {
    for (let i = 0; i < chunks; i++) {
      held.push(Buffer.alloc(16 << 20, 1));
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  held.length = 0;
  const doc = { file: String(job.input), thread: threadId };
  if (mode !== "packed") return parentPort.postMessage({ id: job.id, ok: true, doc });
  const packed = new Uint8Array(serialize(doc)).buffer;
  parentPort.postMessage({ id: job.id, ok: true, packed }, [packed]);
});
