export * from "./constants.js";
export * from "./geometry.js";
export * from "./page.js";
export * from "./layout.js";
export * from "./records.js";
export * from "./values.js";
export * from "./links.js";
export * from "./corrections.js";
