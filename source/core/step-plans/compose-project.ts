/**
 * Where a step's `docker compose ...` runs: in the diagnosed container's own compose project, as
 * its labels name it (directory, files, project name), never in whatever directory unblock was
 * started from. Those labels hold host paths from the user's machine: untrusted, so each becomes
 * one argv item and nothing else.
 */
import type {EvidenceKey} from '../playbook-schema.js';
import {unsafeCharacter} from '../neutralize-terminal-text.js';

export type ComposeProject = {
	readonly name: string;
	readonly workingDirectory: string;
	/** The compose files it was started with (none: compose's defaults in the directory). */
	readonly configFiles: readonly string[];
};

export type ComposeContext =
	| {readonly kind: 'project'; readonly project: ComposeProject}
	/** The container is known, and compose did not make it (or its labels cannot be used). */
	| {readonly kind: 'not-compose'; readonly container: string; readonly reason: string}
	/** No container was named: there is nothing to read the project from. */
	| {readonly kind: 'unknown'};

type Facts = Readonly<Partial<Record<EvidenceKey, string>>>;

const projectName = /^[a-z\d][a-z\d_-]*$/;
const absolutePath = /^(?:\/|[A-Za-z]:[\\/])/;

export function composeContextOf(facts: Facts | undefined): ComposeContext {
	const container = facts?.container;
	// Every scanned container has an image: without one the engine was not read (no labels to go by).
	if (container === undefined || facts?.image === undefined) {
		return {kind: 'unknown'};
	}

	const name = facts?.project;
	const directory = facts?.['compose-working-dir'];
	if (name === undefined || directory === undefined) {
		return {kind: 'not-compose', container, reason: `${container} was not started by docker compose (it has no com.docker.compose.project${name === undefined ? '' : '.working_dir'} label)`};
	}

	if (!projectName.test(name)) {
		return {kind: 'not-compose', container, reason: `the compose project name "${name}" on ${container} is not one compose gives`};
	}

	const files = (facts?.['compose-config-files'] ?? '').split(',').map(file => file.trim()).filter(Boolean);
	const unusable = [directory, ...files].find(path => !absolutePath.test(path) || /[\t\n]/.test(path) || unsafeCharacter.test(path));
	if (unusable !== undefined) {
		return {kind: 'not-compose', container, reason: `the compose labels of ${container} name "${unusable}", which is not an absolute path on one line`};
	}

	return {kind: 'project', project: {name, workingDirectory: directory, configFiles: files}};
}

/**
 * Where `docker compose` starts in an argv: at the front, or later as the command a `sh -c`
 * script runs with "$@" (`[sh, -c, script, sh, docker, compose]`); -1 when it runs no compose.
 */
export function composeCommandStart(argv: readonly string[]): number {
	return argv.findIndex((item, index) => item === 'docker' && argv[index + 1] === 'compose');
}

export function isComposeCommand(argv: readonly string[]): boolean {
	return composeCommandStart(argv) >= 0;
}

/** The same command with its compose run in the project: the directory, the files and the name come right after `compose`. */
export function inComposeProject(argv: readonly string[], project: ComposeProject): string[] {
	const start = composeCommandStart(argv);
	if (start < 0) {
		return [...argv];
	}

	return [
		...argv.slice(0, start + 2),
		'--project-directory',
		project.workingDirectory,
		...project.configFiles.flatMap(file => ['-f', file]),
		'-p',
		project.name,
		...argv.slice(start + 2),
	];
}

/** A script (an argv item or a shell step) that runs compose itself, where unblock cannot put it in the project. */
export function scriptRunsCompose(text: string): boolean {
	return /\bdocker[ -]compose\b/.test(text);
}

/** Why a compose command cannot run for this context, in words for the user; undefined when it can. */
export function composeUnavailable(context: ComposeContext): string | undefined {
	switch (context.kind) {
		case 'project': {
			return undefined;
		}

		case 'not-compose': {
			return `${context.reason}, so unblock does not know which compose project to run this in and does not guess`;
		}

		case 'unknown': {
			return 'no container was read from the engine, so unblock does not know which compose project to run this in (name one with --container)';
		}
	}
}

/** Options compose takes that choose the project: the project's own are put in, a playbook does not set them. */
export const projectOptions = ['-f', '--file', '-p', '--project-name', '--project-directory'];
