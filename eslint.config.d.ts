/** Types of what eslint.config.js exports besides the config, for test/arch/layers.test.ts. */
export declare const LAYERS: string[][];
export declare const LAYER_EXCEPTIONS: Record<string, string[]>;
export declare const API_ONLY: string[];
declare const config: unknown[];
export default config;
