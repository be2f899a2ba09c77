import packageJson from '../package.json' with {type: 'json'};
import {helpText} from './cli-help.js';
import {lightCommands, parseCliArguments, type CliArguments} from './cli-arguments.js';
import {exitCodes, formatUserError, UserError} from './core/user-error.js';
import type {CommandContext} from './commands/command-context.js';
import {readPipedInput} from './adapters/piped-input.js';
import {isTerminalDescriptor, nodeChannels, standardOutput} from './adapters/standard-output.js';

// `unblock playbooks | head -3`: once the reader has gone, there is no one left to tell anything.
function endOnBrokenPipe(): void {
	process.exit(process.exitCode ?? exitCodes.ok);
}

/** Whether the command prints once and ends: then its output may go straight to a pipe or a file (standard-output.ts). */
let printsOnce = false;
const stdout = standardOutput(1, endOnBrokenPipe, nodeChannels(1, () => printsOnce));
const stderr = standardOutput(2, endOnBrokenPipe, nodeChannels(2, () => printsOnce));

// Asked of the descriptors: process.stdin, built on first use, costs a search that never reads it ~3 ms.
const interactive = stdout.isTerminal && isTerminalDescriptor(0) && !process.env.CI;

const context: CommandContext = {
	cwd: process.cwd(),
	env: process.env,
	stdout,
	stderr,
	color: stdout.isTerminal && process.env.NO_COLOR === undefined,
	interactive,
};

/**
 * Only the command that runs is loaded: each one is its own chunk of the bundle, so a search never
 * pays for the wizard, the engine client or YAML.
 */
async function main(): Promise<number> {
	const {command, input: rest, flags}: CliArguments = parseCliArguments(process.argv.slice(2));
	printsOnce = flags.version || flags.help || lightCommands.has(command);
	if (flags.version) {
		stdout.write(`${packageJson.version}\n`);
		return exitCodes.ok;
	}

	if (flags.help) {
		stdout.write(`${helpText}\n`);
		return exitCodes.ok;
	}

	const sources = {playbookDirectories: flags.playbooks, knowledgePaths: flags.knowledge};

	switch (command) {
		case 'search': {
			const {runSearch} = await import('./commands/search.js');
			const query = rest.length > 0 ? rest.join(' ') : (interactive ? '' : await readPipedInput(process.stdin));
			return runSearch({query, json: flags.json, limit: flags.limit, ...sources}, context);
		}

		case 'diagnose': {
			const {runDiagnose} = await import('./commands/diagnose.js');
			return runDiagnose({json: flags.json, project: flags.project, host: flags.host, context: flags.context, playbookDirectories: flags.playbooks}, context);
		}

		case 'playbooks': {
			const {runPlaybooks} = await import('./commands/playbooks.js');
			return runPlaybooks({json: flags.json, ...sources}, context);
		}

		case 'record': {
			const {runRecord} = await import('./commands/record.js');
			return runRecord({
				title: flags.title,
				cause: flags.cause,
				symptoms: flags.symptom,
				resolution: flags.resolution,
				file: flags.file,
				evidence: flags.evidence,
				rootCause: flags.rootCause,
				tried: flags.tried,
				worked: flags.worked,
				tradeoffs: flags.tradeoff,
				lessons: flags.lesson,
				knowledge: flags.knowledge,
			}, context);
		}

		case 'lint': {
			const {runLint} = await import('./commands/lint.js');
			return runLint({json: flags.json, ...sources}, context);
		}

		case undefined: {
			const {runWizard} = await import('./commands/wizard.js');
			return runWizard({dryRun: flags.dryRun, yes: flags.yes, allowDestructive: flags.allowDestructive, host: flags.host, context: flags.context, project: flags.project, ...sources}, context);
		}

		case 'fix': {
			const [playbook] = rest;
			if (!playbook) {
				throw new UserError('fix needs the playbook to follow', {hint: 'unblock fix volume-permission-uid-mismatch --container shop-beat-1 (unblock playbooks lists them)'});
			}

			const {runFix} = await import('./commands/fix.js');
			return runFix({playbook, container: flags.container, set: flags.set, dryRun: flags.dryRun, yes: flags.yes, allowDestructive: flags.allowDestructive, host: flags.host, context: flags.context, project: flags.project, ...sources}, context);
		}

		default: {
			throw new UserError(`unknown command "${command}"`, {hint: 'run unblock --help to see the commands'});
		}
	}
}

main().then(code => code, reportError).then(async code => {
	process.exitCode = code;
	// Ends the process as soon as what it wrote has gone out: the command is done, and what may still
	// be open (an engine's idle keep-alive connection) matters to no one. Left to end by itself, node
	// would first tear its heap down, ~3 ms of a search.
	await Promise.all([stdout.written(), stderr.written()]);
	process.exit();
});

/**
 * The one place an error that ended a command is printed: a UserError (the engine's, the blocker
 * log's, bad usage) with its hint and next steps and its exit code; anything else is a bug in
 * unblock, exit 70, with its stack under UNBLOCK_DEBUG=1.
 */
function reportError(error: unknown): number {
	if (error instanceof UserError) {
		stderr.write(formatUserError(error));
		return error.exitCode;
	}

	const message = error instanceof Error ? error.message : String(error);
	stderr.write(formatUserError(new UserError(`unexpected error: ${message.split('\n', 1)[0]}`, {hint: 'this is a bug in unblock; run with UNBLOCK_DEBUG=1 for details and report it'})));
	if (process.env.UNBLOCK_DEBUG) {
		stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
	}

	return exitCodes.internal;
}
