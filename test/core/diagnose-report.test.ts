import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parsePlaybookText} from '../../source/adapters/playbook-file-parser.js';
import {buildDiagnoseResult, diagnoseJson, formatDiagnoseText, unknownProjectError, unknownProjectJson, unreachableJson} from '../../source/core/diagnose-report.js';
import type {Playbook} from '../../source/core/playbook-schema.js';
import {buildSearchIndex} from '../../source/core/search/search.js';
import {engineHeadline} from '../../source/core/engine-headline.js';
import type {Snapshot} from '../../source/core/snapshot.js';
import {loadEngineFixture} from './detectors/engine-fixtures.js';

const playbookFile = path.resolve(import.meta.dirname, '../../playbooks/healthcheck-tool-missing.yaml');
const playbook = parsePlaybookText(readFileSync(playbookFile, 'utf8'), {file: playbookFile, shown: 'healthcheck-tool-missing.yaml', source: 'shipped'}).playbook as Playbook;
const index = buildSearchIndex([playbook]);

function combined(...ids: string[]): Snapshot {
	const loaded = ids.map(id => loadEngineFixture(id).snapshot);
	return {...loaded[0]!, containers: loaded.flatMap(snapshot => snapshot.containers)};
}

describe('diagnose report', () => {
	const result = buildDiagnoseResult(combined('healthcheck-curl-missing', 'healthy-service', 'one-shot-exited-zero'), index);

	it('ranks replicas that fail alike once, and each with its own name', () => {
		const snapshot = combined('healthcheck-curl-missing');
		const [qdrant] = snapshot.containers;
		const replicas = buildDiagnoseResult({...snapshot, containers: [qdrant!, {...qdrant!, id: 'replica-2', name: 'qdrant-2'}]}, index);
		expect(replicas.findings.map(finding => finding.container)).toEqual([qdrant!.name, 'qdrant-2']);
		expect(replicas.findings[1]?.matches).toBe(replicas.findings[0]?.matches);
		expect(replicas.findings[0]?.matches).toEqual(result.findings[0]?.matches);
	});

	it('ranks again only what the last scan did not: the same matches, kept for this scan\'s findings alone', () => {
		const rankings = new Map();
		const first = buildDiagnoseResult(combined('healthcheck-curl-missing'), index, {rankings});
		expect(first.findings[0]?.matches).toEqual(result.findings[0]?.matches);
		expect(rankings.size).toBe(1);

		const again = buildDiagnoseResult(combined('healthcheck-curl-missing', 'healthy-service'), index, {rankings});
		expect(again.findings[0]?.matches).toBe(first.findings[0]?.matches);

		buildDiagnoseResult(combined('healthy-service'), index, {rankings});
		expect(rankings.size).toBe(0);
		const afterwards = buildDiagnoseResult(combined('healthcheck-curl-missing'), index, {rankings});
		expect(afterwards.findings[0]?.matches).not.toBe(first.findings[0]?.matches);
		expect(afterwards.findings[0]?.matches).toEqual(first.findings[0]?.matches);
	});

	it('matches each finding with the playbooks, best first, with cause and score', () => {
		expect(result.findings.map(finding => [finding.container, finding.symptom, finding.matches.map(match => [match.playbook, match.cause, match.signatureMatched])])).toEqual([
			['unblock-test-qdrant-7f4609', 'unhealthy', [['healthcheck-tool-missing', 'healthcheck-tool-missing', true]]],
		]);
		expect(result.findings[0]?.matches[0]?.score).toBeGreaterThan(0.9);
	});

	it('formats a readable text report grouped by compose project', () => {
		// The score is the search module's business; the report only prints it with two decimals.
		expect(formatDiagnoseText(result, {color: false}).replace(/score \d\.\d\d\)/, 'score S)')).toBe([
			'Docker 20.10.24 (API 1.41) at unix:///var/run/docker.sock',
			'',
			'unblock-test-fixture-30711b',
			'  ✓ unblock-test-migrate-ed35c7  unblock-test/busybox:1  exited, exit 0',
			'',
			'unblock-test-fixture-4af777',
			'  ✓ unblock-test-healthy-18e6df  unblock-test/busybox:1  running, healthy',
			'',
			'unblock-test-fixture-fbc63e',
			'  ✗ unblock-test-qdrant-7f4609   unblock-test/busybox:1  running, unhealthy',
			'',
			'1 container needs attention:',
			'',
			'✗ unblock-test-qdrant-7f4609 (unhealthy): is unhealthy: 2 failing health checks in a row',
			'    health: unhealthy, failing streak 2',
			'    probe: CMD-SHELL curl -fsS http://localhost:6333/healthz',
			'    probe output (exit 127): /bin/sh: curl: not found',
			'    log: Qdrant HTTP listening on 6333',
			'  Likely causes:',
			'    1. Health check calls curl or wget, but the image has neither (healthcheck-tool-missing, score S)',
			'  Next: unblock fix healthcheck-tool-missing --container unblock-test-qdrant-7f4609',
			'',
		].join('\n'));
	});

	it('colours only when asked', () => {
		expect(formatDiagnoseText(result, {color: false})).not.toContain('\u001B[');
		expect(formatDiagnoseText(result, {color: true})).toContain('\u001B[31m✗\u001B[0m unblock-test-qdrant-7f4609');
	});

	it('says when nothing is broken', () => {
		const healthy = buildDiagnoseResult(combined('healthy-service', 'noisy-but-running'), index);
		expect(formatDiagnoseText(healthy, {color: false}).trimEnd().split('\n').at(-1)).toBe('Nothing is broken.');
	});

	it('keeps the JSON shape', () => {
		const json = diagnoseJson(result) as {engine: unknown; containers: unknown[]; findings: unknown[]};
		expect(json.engine).toEqual({reachable: true, host: 'unix:///var/run/docker.sock', version: '20.10.24', apiVersion: '1.41'});
		expect(json.containers).toContainEqual({
			name: 'unblock-test-qdrant-7f4609',
			image: 'unblock-test/busybox:1',
			project: 'unblock-test-fixture-fbc63e',
			service: 'qdrant',
			state: 'running',
			health: 'unhealthy',
			restartCount: 0,
			exitCode: 0,
			oomKilled: false,
		});
		expect(json.findings).toEqual([expect.objectContaining({
			container: 'unblock-test-qdrant-7f4609',
			symptom: 'unhealthy',
			evidence: [
				'health: unhealthy, failing streak 2',
				'probe: CMD-SHELL curl -fsS http://localhost:6333/healthz',
				'probe output (exit 127): /bin/sh: curl: not found',
				'log: Qdrant HTTP listening on 6333',
			],
			matches: [{playbook: 'healthcheck-tool-missing', title: 'Health check calls curl or wget, but the image has neither', cause: 'healthcheck-tool-missing', score: result.findings[0]?.matches[0]?.score}],
		})]);
	});

	it('lists what could not be read, after the findings', () => {
		const partial = {...result, problems: [{container: 'web-1', operation: 'logs', message: 'timed out after 8000 ms'}, {operation: 'info', message: 'server error'}]};
		expect(formatDiagnoseText(partial, {color: false}).trimEnd().split('\n').slice(-3)).toEqual([
			'Could not read everything:',
			'  web-1: logs: timed out after 8000 ms',
			'  info: server error',
		]);
	});

	it.each([
		['the default engine', {reachable: true, host: 'unix:///var/run/docker.sock', version: '27.3.1', apiVersion: '1.47'}, 'Docker 27.3.1 (API 1.47) at unix:///var/run/docker.sock'],
		['a docker context', {reachable: true, host: 'unix:///home/me/.colima/default/docker.sock', context: 'colima', version: '27.3.1', apiVersion: '1.47'}, 'Docker 27.3.1 (API 1.47) at unix:///home/me/.colima/default/docker.sock (context colima)'],
		['Podman, which did not say its version', {reachable: true, host: 'unix:///run/podman/podman.sock', product: 'podman' as const}, 'Podman (unknown version) at unix:///run/podman/podman.sock'],
	])('heads the report with the engine: %s', (_name, engine, headline) => {
		expect(engineHeadline(engine)).toBe(headline);
	});

	it('gives an unreachable engine of a context its own document, naming the context', () => {
		expect(unreachableJson({host: 'unix:///x.sock', context: 'colima'}, {message: 'Docker is not reachable at unix:///x.sock (context "colima")', hint: 'h'})).toMatchObject({
			engine: {reachable: false, host: 'unix:///x.sock', context: 'colima'},
		});
	});

	it('gives an unreachable engine its own document', () => {
		expect(unreachableJson({host: 'tcp://10.0.0.1:2375'}, {message: 'Docker is not reachable at tcp://10.0.0.1:2375', hint: 'start Docker Desktop or dockerd, or set DOCKER_HOST'})).toEqual({
			engine: {reachable: false, host: 'tcp://10.0.0.1:2375'},
			error: 'Docker is not reachable at tcp://10.0.0.1:2375',
			hint: 'start Docker Desktop or dockerd, or set DOCKER_HOST',
			containers: [],
			findings: [],
		});
	});

	// A mistyped --project used to exit 0 with "No containers": it passed a CI gate.
	it.each([
		[['billing', 'shop'], 'the compose projects here are billing, shop: unblock diagnose --project billing'],
		[[], 'no container here belongs to a compose project: leave --project out to diagnose every container'],
		[undefined, 'docker compose ls lists the projects; leave --project out to diagnose every container'],
	])('names the projects there are when --project matches none: %j', (projects, hint) => {
		expect(unknownProjectError('shpo', projects)).toEqual({message: 'no container belongs to compose project "shpo"', hint});
	});

	it('gives an unknown project its own document, with the projects there are', () => {
		expect(unknownProjectJson('shpo', ['shop'])).toEqual({
			project: 'shpo',
			error: 'no container belongs to compose project "shpo"',
			hint: 'the compose projects here are shop: unblock diagnose --project shop',
			projects: ['shop'],
			containers: [],
			findings: [],
		});
	});
});
