/**
 * A WizardRuntime for screen tests: knowledge and scans are handed in, commands and checks
 * follow a script, and everything the wizard asked for is kept to assert on.
 */
import type {CheckResult} from '../../../source/core/checks/check-result.js';
import type {Incident} from '../../../source/core/knowledge/incident-entry.js';
import type {Check} from '../../../source/core/playbook-schema.js';
import type {CommandResult, ExecutableCommand, FixRuntime, OutputLine} from '../../../source/core/guided-fix/fix-runtime-contract.js';
import type {RecordedEntry, ScanOutcome, WizardKnowledge, WizardRuntime} from '../../../source/ui/wizard-runtime.js';
import {knowledge} from './fixtures.js';

export type ScriptedCommand = {
	readonly lines?: readonly string[];
	readonly exitCode?: number;
	/** Keep running until release() or until the wizard aborts it. */
	readonly hold?: boolean;
};

export type FakeOptions = {
	readonly knowledge?: WizardKnowledge;
	readonly scan?: ScanOutcome | (() => Promise<ScanOutcome>);
	readonly commands?: (argv: readonly string[]) => ScriptedCommand;
	/** `runs` counts earlier runs of a check with the same description. */
	readonly checks?: (check: Check, runs: number) => CheckResult;
	/** record() rejects with this message. */
	readonly recordFails?: string;
	/** record() writes only once releaseRecord() is called. */
	readonly holdRecord?: boolean;
};

export class FakeRuntime implements WizardRuntime {
	/** Commands run, as displayed. */
	readonly ran: string[] = [];
	/** Commands the wizard stopped. */
	readonly cancelled: string[] = [];
	readonly checked: string[] = [];
	readonly recorded: Incident[] = [];
	readonly fix: FixRuntime;
	/** How many scans the wizard asked for. */
	scans = 0;
	private readonly watchers = new Set<() => void>();
	private release_: (() => void) | undefined;
	private releaseRecord_: (() => void) | undefined;
	private clock = Date.parse('2025-06-06T10:00:00Z');

	constructor(private readonly options: FakeOptions = {}) {
		this.fix = {
			runCommand: async (command, onOutput, signal) => this.runCommand(command, onOutput, signal),
			runCheck: async check => this.runCheck(check),
			now: () => this.clock++,
		};
	}

	async loadKnowledge(): Promise<WizardKnowledge> {
		return this.options.knowledge ?? knowledge();
	}

	async scan(): Promise<ScanOutcome> {
		this.scans++;
		const scan = this.options.scan ?? {kind: 'no-engine', host: 'unix:///var/run/docker.sock', message: 'Docker is not reachable at unix:///var/run/docker.sock', hint: 'start Docker Desktop or dockerd, or set DOCKER_HOST'};
		return typeof scan === 'function' ? scan() : scan;
	}

	async record(incident: Incident): Promise<RecordedEntry> {
		if (this.options.holdRecord) {
			await new Promise<void>(resolve => {
				this.releaseRecord_ = resolve;
			});
		}

		if (this.options.recordFails !== undefined) {
			throw new Error(this.options.recordFails);
		}

		this.recorded.push(incident);
		return {file: '/home/dev/shop/.unblock/knowledge/BLOCKERS.md', line: 12};
	}

	/** Lets a held record() write. */
	releaseRecord(): void {
		this.releaseRecord_?.();
	}

	watch(onChange: () => void): () => void {
		this.watchers.add(onChange);
		return () => {
			this.watchers.delete(onChange);
		};
	}

	/** The engine reports a change a person would see. */
	change(): void {
		for (const watcher of this.watchers) {
			watcher();
		}
	}

	/** Lets a held command finish. */
	release(): void {
		this.release_?.();
	}

	private async runCommand(command: ExecutableCommand, onOutput: (line: OutputLine) => void, signal: AbortSignal): Promise<CommandResult> {
		this.ran.push(command.display);
		const script = this.options.commands?.(command.argv) ?? {};
		const output = (script.lines ?? []).map(text => ({text}));
		for (const line of output) {
			onOutput(line);
		}

		if (script.hold) {
			await new Promise<void>(resolve => {
				this.release_ = resolve;
				signal.addEventListener('abort', () => {
					resolve();
				}, {once: true});
			});
		}

		if (signal.aborted) {
			this.cancelled.push(command.display);
			return {outcome: {kind: 'cancelled'}, output, truncated: false};
		}

		return {outcome: {kind: 'exited', exitCode: script.exitCode ?? 0}, output, truncated: false};
	}

	private async runCheck(check: Check): Promise<CheckResult> {
		const description = check.description ?? check.type;
		const runs = this.checked.filter(earlier => earlier === description).length;
		this.checked.push(description);
		return this.options.checks?.(check, runs) ?? {status: 'pass', detail: 'as expected'};
	}
}
