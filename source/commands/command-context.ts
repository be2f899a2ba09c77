import {formatDiagnostic, type Diagnostic} from '../core/diagnostic.js';
import {formatUserErrorLine} from '../core/user-error.js';

/**
 * What a command needs from the outside world, handed in by cli.tsx so commands run the same
 * headless, in tests and under the wizard. Results go to stdout, progress and errors to stderr.
 */
export type Output = {
	write(text: string): void;
};

export type CommandContext = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly stdout: Output;
	readonly stderr: Output;
	/** Colour is allowed (a TTY and no NO_COLOR). */
	readonly color: boolean;
	/** Both stdin and stdout are terminals and this is not CI: prompts and the wizard may draw. */
	readonly interactive: boolean;
};

/** Where the engine and the knowledge come from: --host, --context, --project, --playbooks, --knowledge. */
export type SourceOptions = {
	/** The engine's address (--host); else DOCKER_HOST, the docker context, the local socket. */
	readonly host?: string;
	/** The docker context whose engine to use (--context). */
	readonly context?: string;
	/** Only this compose project. */
	readonly project?: string;
	readonly playbookDirectories: readonly string[];
	readonly knowledgePaths: readonly string[];
};

/** Only the source options a command was given: the flags left out stay out, as the runtime expects. */
export function sourcesOf(options: SourceOptions): SourceOptions {
	return {
		...(options.host === undefined ? {} : {host: options.host}),
		...(options.context === undefined ? {} : {context: options.context}),
		...(options.project === undefined ? {} : {project: options.project}),
		playbookDirectories: options.playbookDirectories,
		knowledgePaths: options.knowledgePaths,
	};
}

/** How `unblock fix` runs its steps, headless or in the wizard. */
export type FixModeOptions = {
	/** Show every step and command; run nothing. */
	readonly dryRun: boolean;
	/** No questions: run every step that needs no answer, no person and destroys nothing (headless only: the wizard asks). */
	readonly yes: boolean;
	/** With --yes, run destructive steps too. */
	readonly allowDestructive: boolean;
};

/** Files that could not be used are reported on stderr, one line each, and the command goes on. */
export function reportSkipped(diagnostics: readonly Diagnostic[], context: CommandContext): void {
	reportSkippedLines(diagnostics.map(diagnostic => formatDiagnostic(diagnostic)), context);
}

/** The same, for diagnostics already formatted ("playbooks/x.yaml: steps: required"). */
export function reportSkippedLines(lines: readonly string[], context: CommandContext): void {
	for (const line of lines) {
		context.stderr.write(`unblock: skipped ${line}\n`);
	}
}

/** The engine could not be reached, and the command reports that as its result or goes on without it: one line on stderr. */
export function reportEngineError(error: {readonly message: string; readonly hint: string}, context: CommandContext): void {
	context.stderr.write(formatUserErrorLine(error));
}
