/**
 * Why the engine could not be used, as one typed error with a hint that fits how the engine was
 * chosen: an engine nobody chose (the local default) is to be started or chosen; one the user
 * named (--host, DOCKER_HOST, a docker context) is to be checked, and the hint names where it
 * came from.
 */
import {firstPlainLine} from '../core/neutralize-terminal-text.js';
import {UserError} from '../core/user-error.js';
import {UnexpectedAnswerError} from './engine-answers.js';

/** How the engine was chosen, in the docker CLI's order. */
export type EngineSource =
	| {readonly kind: 'host-flag'}
	| {readonly kind: 'host-environment'}
	/** A docker context: named with --context, in DOCKER_CONTEXT, or the config's currentContext. */
	| {readonly kind: 'context'; readonly name: string; readonly chosenBy: 'flag' | 'environment' | 'config'}
	/** Nothing chose one: the platform's socket, or the first socket found where engines put theirs. */
	| {readonly kind: 'default'; readonly probed?: boolean};

/** Where the engine is, as errors and reports name it. */
export type EngineLocation = {
	/** unix:///var/run/docker.sock, tcp://host:2375, ssh://user@host */
	readonly display: string;
	readonly source: EngineSource;
};

export type EngineErrorKind = 'unreachable' | 'permission-denied' | 'timeout' | 'bad-host' | 'bad-context' | 'failed';

/** Why the engine could not be used, with one line for the user and a hint; exit code 2. */
export class EngineError extends UserError {
	override readonly name = 'EngineError';
	declare readonly hint: string;

	constructor(
		readonly kind: EngineErrorKind,
		/** The endpoint as shown; for an address that could not be used, as given. */
		readonly host: string,
		message: string,
		hint: string,
		/** The docker context the endpoint came from, if one did. */
		readonly context?: string,
		/**
		 * For an engine that answered and then went away: what to check before looking again.
		 * `hint` says that and how to look again from the command line; the wizard has a key for it.
		 */
		readonly beforeLookingAgain?: string,
	) {
		super(message, {hint});
	}
}

/** The code of the error an ssh connection fails with when ssh exits before the engine answered. */
export const sshDialFailure = 'ERR_SSH_DIAL';

/** `at unix:///x` or `at unix:///x (context "colima")`. */
function where(location: EngineLocation): string {
	return location.source.kind === 'context' ? `${location.display} (context "${location.source.name}")` : location.display;
}

function contextName(location: EngineLocation): string | undefined {
	return location.source.kind === 'context' ? location.source.name : undefined;
}

/** How to pick another context, the way this one was picked. */
function otherContextHint(source: Extract<EngineSource, {kind: 'context'}>): string {
	switch (source.chosenBy) {
		case 'flag': {
			return 'or pass another --context (docker context ls lists them)';
		}

		case 'environment': {
			return 'or set DOCKER_CONTEXT to another one (docker context ls lists them)';
		}

		case 'config': {
			return 'or switch with docker context use <name> (docker context ls lists them)';
		}
	}
}

type HintedFailure = 'unreachable' | 'timeout' | 'permission-denied' | 'failed';

/**
 * What to do about each failure, for an engine chosen this way: one the user did not choose is
 * to be started or chosen; one the user named is to be checked, where it was named.
 */
function hintsFor(location: EngineLocation): Record<HintedFailure, string> {
	const group = 'add your user to the docker group (sudo usermod -aG docker $USER, then log in again)';
	const {source} = location;
	switch (source.kind) {
		case 'default': {
			return {
				unreachable: 'start Docker Desktop or dockerd, or set DOCKER_HOST',
				timeout: 'check that the engine is running and responsive (docker info), or set DOCKER_HOST to the right engine',
				'permission-denied': `${group}, or run rootless Docker/Podman and set DOCKER_HOST`,
				failed: 'start Docker Desktop or dockerd, or set DOCKER_HOST',
			};
		}

		case 'host-flag': {
			return {
				unreachable: 'check the address given with --host: is an engine running there?',
				timeout: `check that the engine given with --host is running and responsive (docker --host ${location.display} info)`,
				'permission-denied': `${group}, or check that --host names an engine of yours`,
				failed: 'check that --host names a Docker engine (docker --host ADDRESS info)',
			};
		}

		case 'host-environment': {
			return {
				unreachable: 'check DOCKER_HOST: is an engine running where it points? (unset it to use the current docker context)',
				timeout: 'check that the engine DOCKER_HOST points at is running and responsive (docker info)',
				'permission-denied': `${group}, or check that DOCKER_HOST names an engine of yours`,
				failed: 'check that DOCKER_HOST names a Docker engine (docker info)',
			};
		}

		case 'context': {
			const other = otherContextHint(source);
			return {
				unreachable: `start the engine of docker context "${source.name}", ${other}`,
				timeout: `check that the engine of docker context "${source.name}" is running and responsive (docker --context ${source.name} info), ${other}`,
				'permission-denied': `${group}, ${other}`,
				failed: `check the engine of docker context "${source.name}" (docker --context ${source.name} info), ${other}`,
			};
		}
	}
}

/** Turns whatever the first request failed with into a typed, readable EngineError. */
export function classifyEngineFailure(error: unknown, location: EngineLocation): EngineError {
	if (error instanceof EngineError) {
		return error;
	}

	if (cutShort(error)) {
		return wentAway('failed', location, `Docker at ${where(location)} closed the connection in the middle of its answer`, 'check that the engine is still running and responsive (docker info)');
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const message = engineErrorMessage(error);
	const hints = hintsFor(location);
	const make = (kind: HintedFailure, text: string, hint = hints[kind]) => new EngineError(kind, location.display, text, hint, contextName(location));
	switch (code) {
		case 'ENOENT':
		case 'ECONNREFUSED':
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
		case 'ECONNRESET':
		case 'EPIPE': {
			return make('unreachable', `Docker is not reachable at ${where(location)}`);
		}

		case 'EACCES':
		case 'EPERM': {
			return make('permission-denied', `permission denied on ${where(location)}`);
		}

		case 'ETIMEDOUT':
		case 'ABORT_ERR':
		case 'UND_ERR_CONNECT_TIMEOUT': {
			return make('timeout', `Docker at ${where(location)} did not answer in time`);
		}

		case sshDialFailure: {
			return make(
				'unreachable',
				`Docker is not reachable at ${where(location)}: ${firstPlainLine(message, 300)}`,
				'check that `ssh <host> docker system dial-stdio` works from this shell without a prompt (a key in ssh-agent, the host in known_hosts, docker on the remote PATH)',
			);
		}

		default: {
			if (/timeout|timed out|aborted|socket hang up/i.test(message)) {
				return make('timeout', `Docker at ${where(location)} did not answer in time`);
			}

			if (/permission denied/i.test(message) && statusCodeOf(error) === undefined) {
				return make('permission-denied', `permission denied on ${where(location)}`);
			}

			if (error instanceof UnexpectedAnswerError) {
				return make('failed', `the engine at ${where(location)} does not answer as the Docker API does: ${message}`);
			}

			return make('failed', `the engine at ${where(location)} answered with an error: ${firstPlainLine(message, 300)}`);
		}
	}
}

/** The engine answered at first, then stopped: requests mid-scan no longer connect and a ping fails. */
export function stoppedAnsweringError(location: EngineLocation): EngineError {
	return wentAway('unreachable', location, `Docker at ${where(location)} stopped answering during the scan`, 'check that the engine is still running (docker info)');
}

/** An engine that answered, then went away: the hint is to check it, then look again. */
function wentAway(kind: EngineErrorKind, location: EngineLocation, message: string, check: string): EngineError {
	return new EngineError(kind, location.display, message, `${check}, then run unblock diagnose again`, contextName(location), check);
}

const connectionFailureCodes = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ABORT_ERR', 'UND_ERR_CONNECT_TIMEOUT', sshDialFailure]);

/** A request that failed on the way (no connection, dropped, timed out), not one the engine answered with an error. */
export function isConnectionFailure(error: unknown): boolean {
	if (statusCodeOf(error) !== undefined) {
		return false;
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const message = error instanceof Error ? error.message : String(error);
	return (code !== undefined && connectionFailureCodes.has(code)) || /socket hang up|timed out|timeout/i.test(message);
}

/** The HTTP status of an answer the engine refused with (docker-modem puts it on the error). */
export function statusCodeOf(error: unknown): number | undefined {
	const status = (error as {statusCode?: unknown} | undefined)?.statusCode;
	return typeof status === 'number' ? status : undefined;
}

/** Node's words for a connection that closed under a request, said as what the engine did. */
const connectionClosedWording: Readonly<Record<string, string>> = {
	aborted: 'the engine closed the connection in the middle of its answer',
	'socket hang up': 'the engine closed the connection without answering',
};

/** The engine closed the connection after it had begun to answer. */
function cutShort(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET' && (error as Error).message === 'aborted';
}

/**
 * What went wrong, in the engine's own words where it gave some: docker-modem's errors read
 * "(HTTP code 404) no such container - No such container: x ", and carry the engine's JSON.
 */
export function engineErrorMessage(error: unknown): string {
	if (!(error instanceof Error)) {
		return String(error);
	}

	if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' && Object.hasOwn(connectionClosedWording, error.message)) {
		return connectionClosedWording[error.message]!;
	}

	const said = (error as {json?: {message?: unknown} | null}).json?.message;
	if (typeof said === 'string' && said.trim()) {
		return said.trim();
	}

	return error.message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim() || error.message;
}
