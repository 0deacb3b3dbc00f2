/** The canvas library, loaded without the system's fonts (nosystemfonts.ts). */
import "./nosystemfonts.js";
export { createCanvas, type Canvas } from "@napi-rs/canvas";
