/**
 * What a parse worker tells the pool about its memory, apart from the worker module so that the
 * pool (on a batch's main thread) does not load what the worker does (pdf.js); and what the pool
 * reads of a worker's thread when the worker cannot tell it (Linux: /proc).
 */
import { readFileSync, readlinkSync } from "node:fs";

/** A worker's isolate's heap and buffers, posted every MEMORY_MS while the worker can run. */
export interface MemoryReport {
  mem: number;
  /** the worker's operating-system thread id (Linux), for minorFaults */
  tid: number | null;
}

export const MEMORY_MS = 200;

/** The calling thread's own heap and buffers (per isolate: a worker's are its own). */
export function isolateMemory(): number {
  const m = process.memoryUsage();
  return m.heapTotal + m.external;
}

/** The calling thread's operating-system id, where /proc tells it. */
export function osThreadId(): number | null {
  try {
    const n = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(n) ? n : null;
  } catch {
    return null;
  }
}

/**
 * Minor page faults of one thread of this process so far: each page a thread touches for the first
 * time is one, so their growth tells which thread is taking memory, which the resident size of the
 * whole process cannot. Null where /proc does not tell it.
 */
export function minorFaults(tid: number | null): number | null {
  if (tid === null) return null;
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "latin1");
    // fields after the command name (in parentheses, which may hold spaces): state is field 3, minflt 10
    const n = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[7]);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

/** Bytes a page fault stands for (the page size of every Linux platform Node runs on but a few). */
export const PAGE_BYTES = 4096;
