/**
 * Engine code (dockerode and docker-modem, bundled into a chunk of their own) is loaded only by
 * the commands that talk to an engine. A module hook in the child names every file of dist/ it
 * loads; the test looks for the chunks that hold docker-modem's code.
 */
import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath} from '../support/run-cli.js';

const dist = path.dirname(cliPath);
const chunks = path.join(dist, 'chunks');

/** The chunks with docker-modem in them: its demuxStream is there by name, unminified as a property. */
const engineChunks = readdirSync(chunks)
	.filter(name => /\.m?js$/.test(name) && readFileSync(path.join(chunks, name), 'utf8').includes('demuxStream'))
	.map(name => `chunks/${name}`);

const hook = `data:text/javascript,${encodeURIComponent(`
import {register} from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function load(url, context, next) {
	if (url.includes('/dist/')) process.stderr.write('[loaded] ' + url.split('/dist/')[1] + '\\\\n');
	return next(url, context);
}\`));
`)}`;

function loadedFiles(args: readonly string[]): string[] {
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
		const loaded = loadedFiles(args);
		expect(loaded).toContain('cli.js');
		expect(loaded.filter(file => engineChunks.includes(file))).toEqual([]);
	});

	it('unblock diagnose does', () => {
		expect(loadedFiles(['diagnose']).filter(file => engineChunks.includes(file))).not.toEqual([]);
	});
});
