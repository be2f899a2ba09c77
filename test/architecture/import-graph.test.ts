import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, test} from 'vitest';

/**
 * The layers of source/, read from the imports themselves: every import counts, a type-only or a
 * dynamic one as much as any (ESLint's import-x/no-cycle skips type-only imports).
 */
const sourceRoot = path.resolve(import.meta.dirname, '../../source');

type ImportGraph = ReadonlyMap<string, readonly string[]>;

function readImportGraph(): {graph: ImportGraph; packages: ReadonlyMap<string, readonly string[]>} {
	const files = readdirSync(sourceRoot, {recursive: true, encoding: 'utf8'}).filter(file => /\.tsx?$/.test(file)).map(file => file.split(path.sep).join('/'));
	const known = new Set(files);
	const graph = new Map<string, string[]>();
	const packages = new Map<string, string[]>();
	for (const file of files) {
		const imported = ts.preProcessFile(readFileSync(path.join(sourceRoot, file), 'utf8'), true, true).importedFiles.map(reference => reference.fileName);
		const local: string[] = [];
		const external: string[] = [];
		for (const specifier of imported) {
			if (!specifier.startsWith('.')) {
				external.push(specifier);
				continue;
			}

			const base = path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/, '');
			const target = [`${base}.ts`, `${base}.tsx`].find(candidate => known.has(candidate));
			if (target) {
				local.push(target);
			}
		}

		graph.set(file, local);
		packages.set(file, external);
	}

	return {graph, packages};
}

/** Every cycle's files, one strongly connected component each (Tarjan's algorithm). */
function cycles(graph: ImportGraph): string[][] {
	let counter = 0;
	const order = new Map<string, number>();
	const lowest = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (file: string) => {
		order.set(file, counter);
		lowest.set(file, counter);
		counter++;
		stack.push(file);
		onStack.add(file);
		for (const next of graph.get(file) ?? []) {
			if (!order.has(next)) {
				visit(next);
				lowest.set(file, Math.min(lowest.get(file)!, lowest.get(next)!));
			} else if (onStack.has(next)) {
				lowest.set(file, Math.min(lowest.get(file)!, order.get(next)!));
			}
		}

		if (lowest.get(file) === order.get(file)) {
			const component: string[] = [];
			let member: string | undefined;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== file);
			if (component.length > 1 || graph.get(file)?.includes(file)) {
				found.push(component.sort());
			}
		}
	};

	for (const file of graph.keys()) {
		if (!order.has(file)) {
			visit(file);
		}
	}

	return found;
}

const {graph, packages} = readImportGraph();

function importsOf(folder: string, target: (imported: string) => boolean): string[] {
	return [...graph].filter(([file]) => file.startsWith(folder)).flatMap(([file, imported]) => imported.filter(target).map(name => `${file} -> ${name}`));
}

describe('the import graph of source/', () => {
	test('has no cycles, counting type-only and dynamic imports', () => {
		expect(cycles(graph)).toEqual([]);
	});

	test('the Ink UI imports no command and not the real runtime: it gets a runtime handed in', () => {
		expect(importsOf('ui/', file => file.startsWith('commands/') || file.startsWith('runtime/'))).toEqual([]);
	});

	test('adapters import neither the UI, the runtime nor commands', () => {
		expect(importsOf('adapters/', file => !file.startsWith('adapters/') && !file.startsWith('core/'))).toEqual([]);
	});

	test('the core imports neither adapters, UI nor commands', () => {
		expect(importsOf('core/', file => !file.startsWith('core/'))).toEqual([]);
	});

	test('the core uses no Node module, no React and no engine client', () => {
		const outside = [...packages].filter(([file]) => file.startsWith('core/'))
			.flatMap(([file, imported]) => imported.filter(name => /^(node:|react|ink|dockerode|execa)/.test(name)).map(name => `${file} -> ${name}`));
		expect(outside).toEqual([]);
	});
});
