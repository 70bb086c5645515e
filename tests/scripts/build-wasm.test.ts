/** The committed WebAssembly of the sums' loop is what its source compiles to (`npm run build:wasm` rewrites it). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSumsLoop, GENERATED, generatedSource } from '../../scripts/build-wasm.ts';
import { SUMS_LOOP_WASM } from '../../src/core/coverage/sums-loop-wasm.ts';

describe('src/core/coverage/sums-loop-wasm.ts', () => {
  it('is src/core/wasm/sums-loop.ts compiled again (else run npm run build:wasm)', async () => {
    const binary = await compileSumsLoop();
    expect(readFileSync(GENERATED, 'utf8')).toBe(generatedSource(binary));
    expect(SUMS_LOOP_WASM).toEqual(binary);
  });
});
