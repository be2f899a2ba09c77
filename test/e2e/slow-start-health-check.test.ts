/**
 * A service whose health check fails while it is still starting, on the real engine: diagnose
 * says it is still starting (nothing listens yet, a few seconds up) and ranks the start period
 * first, and `fix --yes`, which can only read and then refuses the manual change, does not call
 * it Fixed once the service comes up by itself.
 */
import {existsSync} from 'node:fs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {cliPath, runCli} from '../support/run-cli.js';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';

type Report = {findings: Array<{container: string; evidence: string[]; matches: Array<{cause: string}>}>};

describeWithEngine('a health check that fails during a slow start', () => {
	const container = uniqueName('slow-start');

	beforeAll(async () => {
		if (!existsSync(cliPath)) {
			throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
		}

		// Listens only after 20 s of "migrations"; the check gives up after two failures a second apart.
		docker(['run', '-d', '--name', container, ...labelArgs(), '--health-cmd', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1', '--health-interval', '1s', '--health-retries', '2', '--health-timeout', '1s',
			testImage, 'sh', '-c', 'echo "running migrations"; sleep 20; mkdir -p /www; echo ok > /www/index.html; echo "listening on 8080"; exec httpd -f -p 8080 -h /www']);
		expect(await waitFor(() => inspectState(container).Health?.Status === 'unhealthy', 15_000)).toBe(true);
	}, 30_000);

	afterAll(() => {
		removeTestResources();
	});

	it('is said to be still starting, and the start period ranks first', () => {
		const result = runCli(['diagnose', '--json'], {timeout: 60_000});
		const finding = (JSON.parse(result.stdout) as Report).findings.find(candidate => candidate.container === container);
		expect(finding?.evidence.some(line => /^unhealthy after only \d+s up, and nothing in the container listens on a TCP port yet$/.test(line))).toBe(true);
		expect(finding?.matches[0]?.cause).toBe('healthcheck-start-period-too-short');
	}, 90_000);

	it('is not called Fixed by a fix that changed nothing, once it turns healthy by itself', () => {
		const result = runCli(['fix', 'healthcheck-start-period-too-short', '--container', container, '--yes'], {timeout: 200_000});
		expect(result.stdout).toContain('refused: it is done by hand');
		expect(result.stdout).toContain(`pass  container ${container} is healthy`);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Passing now, but no step of this fix changed anything: the problem went away by itself or was fixed elsewhere.');
		expect(result.code).toBe(1);
	}, 240_000);
});
