/**
 * `unblock diagnose` runs from dist/diagnose.js through the V8 code cache the build wrote after
 * diagnosing a stand-in engine: this Node takes that cache. A copy of the package whose cache is
 * missing, stale (the program edited in place), made for another V8 or refused by V8 compiles the
 * program instead; each reports exactly what the ES module build reports of the same engine.
 */
import {execFile} from 'node:child_process';
import {cpSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {compileCachedScript} from '../../source/adapters/cached-script.js';
import {containerSummary, engineBasics, failedInspect, type FakeEngine, logFrames, noEvents, sendJson, startFakeEngine} from '../hostile/fake-engine.js';
import {codeCacheVariants} from '../support/code-cache-variants.js';
import {cliPath} from '../support/run-cli.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const dist = path.dirname(cliPath);
const packageRoot = path.dirname(dist);

let engine: FakeEngine;

beforeAll(async () => {
	engine = await startFakeEngine([
		...engineBasics(),
		noEvents(),
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, [containerSummary('api', 'shop-api-1', 'exited', {'com.docker.compose.project': 'shop'})]);
		}],
		[/^\/containers\/api\/json$/, (_request, response) => {
			sendJson(response, 200, failedInspect('api', 'shop-api-1', {Env: ['DATABASE_URL=postgres://app@localhost:5432/app'], ExitCode: 1}));
		}],
		[/^\/containers\/api\/logs$/, (_request, response) => {
			response.writeHead(200);
			response.end(logFrames([{stream: 2, text: '2026-11-22T10:00:02.000000000Z Error: connect ECONNREFUSED 127.0.0.1:5432\n'}]));
		}],
	]);
});

afterAll(async () => {
	await engine.close();
});

/** The program's diagnose of the fake engine, which answers from this process: the child runs beside it, not blocking it. */
async function diagnose(program: string): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		const child = execFile(process.execPath, [program, 'diagnose', '--json', '--host', engine.host], {encoding: 'utf8', timeout: 60_000, env: {...process.env, NO_COLOR: '1'}}, (_error, stdout, stderr) => {
			resolve({code: child.exitCode, stdout, stderr});
		});
	});
}

describe('the diagnose program', () => {
	const scratch = useScratchDirectory('unblock-diagnose-program-');
	/** The package as installed (its dist, playbooks and blocker logs), in a directory of its own. */
	const copyOfPackage = (name: string) => {
		const copy = path.join(scratch.root(), name);
		for (const part of ['package.json', 'dist', 'playbooks', 'knowledge']) {
			cpSync(path.join(packageRoot, part), path.join(copy, part), {recursive: true});
		}

		return path.join(copy, 'dist');
	};

	test('this Node takes the code cache the build wrote for it', () => {
		expect(compileCachedScript(path.join(dist, 'diagnose.js')).cache).toBe('accepted');
	});

	test('its bundle is ASCII, read as one byte a character', () => {
		expect(/^[\0-\u007F]*$/.test(readFileSync(path.join(dist, 'diagnose.js'), 'latin1'))).toBe(true);
	});

	test.each(codeCacheVariants('diagnose.js'))('%s, it reports what the ES modules report', async (name, use, change) => {
		const copy = copyOfPackage(name.replaceAll(' ', '-'));
		change(copy);
		expect(compileCachedScript(path.join(copy, 'diagnose.js')).cache).toBe(use);
		const fromModules = await diagnose(path.join(copy, 'cli-main.mjs'));
		const fromProgram = await diagnose(path.join(copy, 'cli.js'));
		expect(fromModules.code).toBe(1);
		expect(JSON.parse(fromModules.stdout)).toMatchObject({findings: [{container: 'shop-api-1', symptom: 'exited-with-error'}]});
		expect(fromProgram).toEqual(fromModules);
	}, 60_000);
});
