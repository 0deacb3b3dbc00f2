/**
 * What a parse worker tells the pool about its memory, apart from the worker module so that the
 * pool (on a batch's main thread) does not load what the worker does (pdf.js).
 */

/** A worker's isolate's heap and buffers, posted every MEMORY_MS while the worker can run. */
export interface MemoryReport {
  mem: number;
}

export const MEMORY_MS = 200;

/** The calling thread's own heap and buffers (per isolate: a worker's are its own). */
export function isolateMemory(): number {
  const m = process.memoryUsage();
  return m.heapTotal + m.external;
}
