/**
 * pdf.js's legacy build bundles core-js, which on Node 20's V8 replaces `Array.prototype.push` and
 * `JSON.stringify` for the whole process with JavaScript versions (about 1.4x and 15x slower), for
 * edge cases nobody here meets (pushing onto a frozen length, lone surrogates). This module is
 * evaluated before pdf.js and keeps the engine's own functions, so that `pdfjs.ts` can put them back.
 */
const NATIVE = {
  push: Array.prototype.push,
  stringify: JSON.stringify,
  parse: JSON.parse,
};

export function restoreNatives(): void {
  if (Array.prototype.push !== NATIVE.push)
    Object.defineProperty(Array.prototype, "push", {
      value: NATIVE.push,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  if (JSON.stringify !== NATIVE.stringify) JSON.stringify = NATIVE.stringify;
  if (JSON.parse !== NATIVE.parse) JSON.parse = NATIVE.parse;
}
