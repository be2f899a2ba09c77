/**
 * Runs one filled check: picks its module, bounds it by its timeout and the caller's signal, and
 * turns whatever happens into pass or fail with one plain, redacted line. Never throws.
 */
import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {cleanUntrustedText} from '../../core/clean-untrusted-text.js';
import {capLines} from '../../core/neutralize-terminal-text.js';
import type {Check} from '../../core/playbook-schema.js';
import type {EngineConnection} from '../docker-client.js';
import {fail, type CheckContext} from './check-context.js';
import {checkContainerCommand} from './container-command.js';
import {checkContainerHealthy} from './container-healthy.js';
import {checkContainerRunning} from './container-running.js';
import {engineClient} from './engine-client.js';
import {checkHostCommand} from './host-command.js';
import {checkHttpStatus} from './http-status.js';
import {checkLogAbsent} from './log-absent.js';
import {checkPathState} from './path-state.js';
import {checkPortFree} from './port-free.js';
import {checkPortListening} from './port-listening.js';

/** Seconds a check may take when the playbook does not say. */
function defaultTimeoutSeconds(check: Check): number {
	switch (check.type) {
		case 'container-running': {
			return check.stableSeconds + 30;
		}

		case 'container-healthy': {
			return 60;
		}

		case 'port-free': {
			return 10;
		}

		case 'port-listening':
		case 'http':
		case 'container-command':
		case 'host-command': {
			return 30;
		}

		case 'log-absent':
		case 'path': {
			return 15;
		}
	}
}

export type RunCheckOptions = {
	readonly signal?: AbortSignal;
	/** Epoch milliseconds when the step started; log checks look at lines after it. Default: now. */
	readonly since?: number;
	readonly engine?: () => EngineConnection;
	readonly secrets?: readonly string[];
};

/** Checks report this long before their timeout, so they can say what they saw last. */
const reportingMargin = 250;
const maximumDetailLength = 300;

export async function runCheck(check: Check, options: RunCheckOptions = {}): Promise<CheckResult> {
	const timeoutMilliseconds = (check.timeoutSeconds ?? defaultTimeoutSeconds(check)) * 1000;
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMilliseconds);
	const stopFromOutside = () => controller.abort();
	options.signal?.addEventListener('abort', stopFromOutside, {once: true});
	if (options.signal?.aborted) {
		controller.abort();
	}

	const secrets = options.secrets ?? [];
	const context: CheckContext = {
		signal: controller.signal,
		deadline: Date.now() + Math.max(0, timeoutMilliseconds - reportingMargin),
		since: options.since ?? Date.now(),
		engine: options.engine ?? engineClient,
		secrets,
	};

	// A check that ignores its signal still cannot hold the fix up past its timeout.
	const backstop = new Promise<CheckResult>(resolve => {
		controller.signal.addEventListener('abort', () => {
			setTimeout(() => resolve(fail(options.signal?.aborted ? 'stopped' : `no answer within ${timeoutMilliseconds / 1000}s`)), 100);
		}, {once: true});
	});

	try {
		const result = await Promise.race([runCheckModule(check, context), backstop]);
		return {status: result.status, detail: oneLine(result.detail, secrets)};
	} catch (error) {
		return fail(oneLine(`the check could not run: ${(error as Error).message}`, secrets));
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', stopFromOutside);
	}
}

async function runCheckModule(check: Check, context: CheckContext): Promise<CheckResult> {
	switch (check.type) {
		case 'container-running': {
			return checkContainerRunning(check, context);
		}

		case 'container-healthy': {
			return checkContainerHealthy(check, context);
		}

		case 'port-free': {
			return checkPortFree(check, context);
		}

		case 'port-listening': {
			return checkPortListening(check, context);
		}

		case 'http': {
			return checkHttpStatus(check, context);
		}

		case 'container-command': {
			return checkContainerCommand(check, context);
		}

		case 'host-command': {
			return checkHostCommand(check, context);
		}

		case 'log-absent': {
			return checkLogAbsent(check, context);
		}

		case 'path': {
			return checkPathState(check, context);
		}
	}
}

function oneLine(text: string, secrets: readonly string[]): string {
	const line = cleanUntrustedText(text, {secrets, maximumLineLength: Number.POSITIVE_INFINITY}).replaceAll('\n', ' ').trim();
	return capLines(line, maximumDetailLength);
}
