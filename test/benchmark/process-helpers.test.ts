import {describe, expect, it} from 'vitest';
import {dockerCliJob} from '../../bench/docker-cli-job.js';
import {interleavedOrder} from '../../bench/process-timer.js';
import {parentFromStat, peakFromStatus} from '../../bench/process-tree.js';
import {inPseudoTerminal, shellQuote} from '../../bench/pseudo-terminal.js';
import {terminalEnvironment, timingEnvironment} from '../../bench/timing-environment.js';

describe('interleavedOrder', () => {
	it('warms up untimed, then alternates which side goes first', () => {
		expect(interleavedOrder(2, 1).map(({side, timed}) => `${side}${timed ? '' : ' (warm-up)'}`)).toEqual([
			'measured (warm-up)', 'baseline (warm-up)',
			'baseline', 'measured',
			'measured', 'baseline',
		]);
	});
});

describe('the timing environment', () => {
	it('drops NODE_EXTRA_CA_CERTS for every timed process', () => {
		expect(timingEnvironment({PATH: '/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt'})).toEqual({PATH: '/bin'});
	});

	it('drops CI and sets a terminal type for the wizard', () => {
		expect(terminalEnvironment({PATH: '/bin', CI: 'true', TERM: 'dumb'})).toEqual({PATH: '/bin', TERM: 'xterm-256color'});
	});
});

describe('inPseudoTerminal', () => {
	it('quotes each word into script\'s one command line, after sizing the terminal', () => {
		expect(inPseudoTerminal(['/usr/bin/node', 'dist/cli.js', 'search', 'it\'s "down"'], {columns: 100, rows: 30})).toEqual([
			'script', '-qfec', 'stty cols 100 rows 30 2>/dev/null; exec /usr/bin/node dist/cli.js search \'it\'\\\'\'s "down"\'', '/dev/null',
		]);
	});

	it('leaves plain words alone and quotes the rest', () => {
		expect(['--project=shop', '$(rm -rf ~)', ''].map(shellQuote)).toEqual(['--project=shop', '\'$(rm -rf ~)\'', '\'\'']);
	});
});

describe('/proc parsing', () => {
	it('finds the parent pid past a command name with spaces and parentheses', () => {
		expect(parentFromStat('4711 (node (main) x) S 4700 4711 4700 0 -1 4194560')).toBe(4700);
	});

	it('reads VmHWM in megabytes', () => {
		expect(peakFromStatus('Name:\tnode\nVmPeak:\t 1000000 kB\nVmHWM:\t   97280 kB\nVmRSS:\t   90000 kB\n')).toBe(95);
		expect(peakFromStatus('Name:\tzombie\n')).toBeUndefined();
	});
});

describe('dockerCliJob', () => {
	it('passes the label filter as an argument, not inside the script', () => {
		const [shell, flag, script, name, label] = dockerCliJob('com.docker.compose.project=unblock-bench-1');
		expect([shell, flag, name, label]).toEqual(['sh', '-c', 'docker-cli-job', 'com.docker.compose.project=unblock-bench-1']);
		expect(script).toBe([
			'ids=$(docker ps --all --quiet --filter "label=$1") || exit 1',
			'[ -n "$ids" ] || exit 1',
			'docker inspect $ids > /dev/null || exit 1',
			'for id in $ids; do docker logs --tail 50 "$id" > /dev/null 2>&1 || exit 1; done',
		].join('\n'));
	});
});
