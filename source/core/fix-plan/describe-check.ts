import type {Check} from '../playbook-schema.js';
import {displayArgv} from './render-command.js';

/**
 * One line saying what a check verifies, e.g. "container api-1 is healthy". The playbook's own
 * description wins. The check's values must be those to show (redacted), not those that run.
 */
export function describeCheck(check: Check): string {
	return check.description ?? generatedDescription(check);
}

function generatedDescription(check: Check): string {
	switch (check.type) {
		case 'container-running': {
			return `container ${check.container} is running and stays up for ${check.stableSeconds}s without a restart`;
		}

		case 'container-healthy': {
			return `container ${check.container} is healthy`;
		}

		case 'port-free': {
			return `port ${check.port} is free on this host`;
		}

		case 'port-listening': {
			return `something listens on ${check.host}:${check.port}`;
		}

		case 'http': {
			return `GET ${check.url} answers ${check.status}`;
		}

		case 'container-command': {
			return `${displayArgv(check.command)} in ${check.container} exits ${check.exitCode}${matching(check.outputMatches)}`;
		}

		case 'host-command': {
			return `${displayArgv(check.command)} exits ${check.exitCode}${matching(check.outputMatches)}`;
		}

		case 'log-absent': {
			return `the log of ${check.container} shows no /${check.pattern}/ since the step started`;
		}

		case 'path': {
			const where = check.container ? ` in ${check.container}` : '';
			if (!check.exists) {
				return `${check.path}${where} does not exist`;
			}

			const details = [
				check.kind ? `is a ${check.kind}` : 'exists',
				check.owner ? `owned by ${check.owner}` : '',
				check.mode ? `with mode ${check.mode}` : '',
			].filter(Boolean);
			return `${check.path}${where} ${details.join(' ')}`;
		}
	}
}

function matching(pattern: string | undefined): string {
	return pattern === undefined ? '' : ` and prints /${pattern}/`;
}
