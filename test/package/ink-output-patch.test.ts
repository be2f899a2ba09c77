import path from 'node:path';
import type {Plugin} from 'esbuild';
import {describe, expect, test} from 'vitest';
import {bundlePlugins} from '../../scripts/bundle-plugins.mjs';
import {bundleInMemory} from '../support/bundle-in-memory.js';

type Operation = {readonly kind: 'write'; readonly x: number; readonly y: number; readonly text: string} | {readonly kind: 'clip'; readonly x1?: number; readonly x2?: number; readonly y1?: number; readonly y2?: number} | {readonly kind: 'unclip'};
type Frame = {output: string; height: number};

/** Ink's Output (the frame's grid of cells, turned into text) as the bundle has it, or as the library is. */
async function outputClass(plugins: Plugin[]): Promise<{code: string; render: (width: number, height: number, operations: readonly Operation[]) => Frame}> {
	const code = await bundleInMemory(`export {default} from ${JSON.stringify(path.join(import.meta.dirname, '../../node_modules/ink/build/output.js'))};`, import.meta.dirname, plugins);
	const {default: Output} = await import(`data:text/javascript,${encodeURIComponent(code)}`) as {default: new (options: {width: number; height: number}) => {write: (x: number, y: number, text: string, options: {transformers: unknown[]}) => void; clip: (clip: object) => void; unclip: () => void; get: () => Frame}};
	return {
		code,
		render(width, height, operations) {
			const output = new Output({width, height});
			for (const operation of operations) {
				if (operation.kind === 'write') {
					output.write(operation.x, operation.y, operation.text, {transformers: []});
				} else if (operation.kind === 'clip') {
					output.clip(operation);
				} else {
					output.unclip();
				}
			}

			return output.get();
		},
	};
}

const texts = ['plain', '\u001B[36m⠋\u001B[39m Scanning the Docker engine…', '\u001B[1mbold\u001B[22m  ', '\u001B[41m   \u001B[49m', 'wide 漢字 and 👩‍👩‍👧', '\u001B[90mgray\nsecond line\u001B[39m', 'trailing spaces   ', '\u001B[7m reversed \u001B[27m'];

/** Frames of writes at places that overlap, run past the edge and sit in clips, the same ones every run. */
function frames(count: number): Array<{width: number; height: number; operations: Operation[]}> {
	let seed = 20_261_207;
	const next = (below: number) => {
		seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
		return seed % below;
	};

	return Array.from({length: count}, () => {
		const width = 10 + next(30);
		const height = 1 + next(8);
		const operations: Operation[] = [];
		for (let index = next(8); index > 0; index--) {
			const choice = next(10);
			if (choice === 0) {
				operations.push({kind: 'clip', x1: next(width), x2: next(width) + 5, y1: next(height), y2: next(height) + 2});
			} else if (choice === 1) {
				operations.push({kind: 'unclip'});
			} else {
				operations.push({kind: 'write', x: next(width + 4), y: next(height + 1), text: texts[next(texts.length)]!});
			}
		}

		return {width, height, operations};
	});
}

describe('the bundle\'s patch of Ink\'s output', () => {
	test('shares one blank cell and leaves trailing blanks out, and makes the same text as the library does', async () => {
		const patched = await outputClass(bundlePlugins);
		const original = await outputClass([]);
		expect([patched.code.includes('blankCell'), original.code.includes('blankCell')]).toEqual([true, false]);
		for (const {width, height, operations} of frames(500)) {
			expect(patched.render(width, height, operations)).toEqual(original.render(width, height, operations));
		}

		expect(patched.render(30, 3, [{kind: 'write', x: 2, y: 1, text: '\u001B[31mred\u001B[39m'}]).output).toBe('\n  \u001B[31mred\u001B[39m\n');
	});
});
