/** Types of scripts/cli-build.mjs (plain JavaScript, so `npm install` runs it without tsx). */
export declare const PROJECT: string;
export declare const CLI_DIR: string;
export declare const CLI_BUNDLE: string;
export declare const CLI_NODE_FLAGS: string[];
export declare function cliBuildState(): 'fresh' | 'stale' | 'missing';
export declare function buildCli(): Promise<number>;
