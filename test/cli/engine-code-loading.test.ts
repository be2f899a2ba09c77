/**
 * Engine code (dockerode and docker-modem, bundled into a chunk of their own) is loaded only by
 * the commands that talk to an engine, and the regular expression parser (regexpp) only where a
 * pattern is read. A module hook in the child names every file of dist/ it loads; the test looks
 * for the chunks that hold docker-modem's code, or regexpp's.
 */
import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath} from '../support/run-cli.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const dist = path.dirname(cliPath);
const chunks = path.join(dist, 'chunks');

/** The files of dist/ (the chunks, and the CommonJS files beside cli.js) with this text in them. */
function chunksHolding(text: string): string[] {
	const holding = (directory: string, prefix: string) => readdirSync(directory)
		.filter(name => /\.m?js$/.test(name) && readFileSync(path.join(directory, name), 'utf8').includes(text))
		.map(name => `${prefix}${name}`);
	return [...holding(chunks, 'chunks/'), ...holding(dist, '')];
}

/** The chunks with docker-modem in them: its demuxStream is there by name, unminified as a property. */
const engineChunks = chunksHolding('demuxStream');
/** The chunks with regexpp in them, found by one of its syntax errors. */
const regexParserText = 'Lone quantifier brackets';
const regexParserChunks = chunksHolding(regexParserText);

// Modules through the loader's hook; CommonJS files that cli.js requires, from require's cache;
// the programs cli.js runs through V8's code cache, as vm compiles them. The hook runs on a thread
// of its own and writes straight to the descriptor: unblock exits as soon as its own output is
// out, and would not wait for another thread's stream.
const hook = `data:text/javascript,${encodeURIComponent(`
import {createRequire, register} from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`import {writeSync} from 'node:fs';
export async function load(url, context, next) {
	if (url.includes('/dist/')) writeSync(2, '[loaded] ' + url.split('/dist/')[1] + '\\\\n');
	return next(url, context);
}\`));
const vm = createRequire(process.execPath)('node:vm');
vm.Script = class extends vm.Script {
	constructor(code, options) {
		super(code, options);
		if (options?.filename?.includes('/dist/')) process.stderr.write('[loaded] ' + options.filename.split('/dist/')[1] + '\\n');
	}
};
const required = createRequire(process.execPath).cache;
process.on('exit', () => {
	for (const file of Object.keys(required).filter(file => file.includes('/dist/') && !file.endsWith('/dist/cli.js'))) {
		process.stderr.write('[loaded] ' + file.split('/dist/')[1] + '\\n');
	}
});
`)}`;

function loadedFiles(...args: readonly string[]): string[] {
	const result = spawnSync(process.execPath, ['--import', hook, cliPath, ...args], {
		encoding: 'utf8',
		input: '',
		timeout: 60_000,
		// An engine nobody answers at: diagnose loads its client, then fails fast.
		env: {...process.env, NO_COLOR: '1', DOCKER_HOST: 'unix:///nonexistent/docker.sock'},
	});
	return result.stderr.split('\n').filter(line => line.startsWith('[loaded] ')).map(line => line.slice('[loaded] '.length));
}

describe('which commands load the engine client', () => {
	it('the bundle has the engine client in a chunk of its own', () => {
		expect(engineChunks.length).toBeGreaterThan(0);
	});

	it.each([['--version'], ['--help'], ['search', 'curl not found'], ['playbooks'], ['lint']])('unblock %s does not', (...args) => {
		const loaded = loadedFiles(...args);
		expect(loaded).toContain('cli.js');
		expect(loaded.filter(file => engineChunks.includes(file))).toEqual([]);
	});

	it('unblock diagnose does, from its own program rather than the ES modules', () => {
		const loaded = loadedFiles('diagnose');
		expect(loaded.filter(file => engineChunks.includes(file))).toEqual(['diagnose.js']);
		expect(loaded.some(file => file.endsWith('.mjs'))).toBe(false);
	});
});

describe('which commands load the regular expression parser', () => {
	const scratch = useScratchDirectory('unblock-regex-loading-');

	it('the bundle has it in a chunk of its own, apart from the light commands', () => {
		expect(regexParserChunks.length).toBeGreaterThan(0);
		expect(readFileSync(path.join(dist, 'light-commands.js'), 'utf8')).not.toContain(regexParserText);
	});

	// The shipped playbooks come checked from the build's cache, with their signatures' literals.
	it.each([['search', 'port is already allocated'], ['playbooks'], ['lint']])('unblock %s on the shipped knowledge base does not', (...args) => {
		const loaded = loadedFiles(...args);
		expect(loaded).toContain('cli.js');
		expect(loaded.filter(file => regexParserChunks.includes(file))).toEqual([]);
	});

	it('unblock search with a directory of playbooks does: their patterns are checked and read', () => {
		const shipped = readFileSync(path.join(import.meta.dirname, '..', '..', 'playbooks', 'host-port-conflict.yaml'), 'utf8');
		const directory = scratch.directoryWith('team', {'team-port-conflict.yaml': shipped.replace(/^id: host-port-conflict$/m, 'id: team-port-conflict')});
		const loaded = loadedFiles('search', 'port is already allocated', '--playbooks', directory);
		expect(loaded.filter(file => regexParserChunks.includes(file))).not.toEqual([]);
	});
});

describe('which commands load zod and YAML', () => {
	/** zod's error class and one of YAML's parse errors, by their names and messages. */
	const parserChunks = [...chunksHolding('ZodError'), ...chunksHolding('Implicit map keys need to be')];

	it('the bundle has them in chunks of their own, apart from the light commands', () => {
		expect(parserChunks.length).toBeGreaterThan(0);
		const light = readFileSync(path.join(dist, 'light-commands.js'), 'utf8');
		expect(light).not.toContain('ZodError');
		expect(light).not.toContain('Implicit map keys need to be');
	});

	it.each([['search', 'port is already allocated'], ['playbooks']])('unblock %s on the shipped files does not', (...args) => {
		const loaded = loadedFiles(...args);
		expect(loaded).toContain('cli.js');
		expect(loaded.filter(file => parserChunks.includes(file))).toEqual([]);
	});
	it('the wizard\'s CommonJS program does not hold them: they load from light-parsers.js', () => {
		const wizard = readFileSync(path.join(dist, 'wizard.js'), 'utf8');
		expect(wizard).not.toContain('ZodError');
		expect(wizard).not.toContain('Implicit map keys need to be');
		expect(wizard).toContain('light-parsers.js');
	});

	// `unblock fix` in a terminal opens the wizard from the ES modules: what it loads before its
	// first frame is its chunk and every chunk that chunk imports statically.
	it('the wizard does not import them before its first frame', () => {
		const wizard = readdirSync(chunks).find(name => /^wizard-\w+\.mjs$/.test(name));
		expect(wizard).toBeDefined();
		const loaded = staticImportsOf(`chunks/${wizard!}`);
		expect(loaded.length).toBeGreaterThan(1);
		expect(loaded.filter(file => parserChunks.includes(file))).toEqual([]);
	});
});

/** A file of dist/ and every file it imports statically, and they import, and so on. */
function staticImportsOf(file: string): string[] {
	const found = new Set([file]);
	for (const next of found) {
		const text = readFileSync(path.join(dist, next), 'utf8');
		for (const [, specifier] of text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+)["']/g)) {
			found.add(path.posix.join(path.posix.dirname(next), specifier!));
		}
	}

	return [...found];
}
