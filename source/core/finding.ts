import type {ContainerCondition, EvidenceKey, TextSource} from './playbook-schema.js';

export type SourcedText = Readonly<Partial<Record<Exclude<TextSource, 'any' | 'build'>, string>>>;
import type {Snapshot} from './snapshot.js';

export type EvidenceKind =
	| 'state'
	| 'restarts'
	| 'exit-code'
	| 'oom'
	| 'health'
	| 'log'
	| 'engine-error'
	| 'port'
	| 'mount'
	| 'dependency'
	| 'network';

export type Evidence = {
	readonly kind: EvidenceKind;
	/** One readable line, already neutralised and redacted. */
	readonly text: string;
};

export type Severity = 'error' | 'warning';

/** What a detector reports about one container. */
export type Finding = {
	/** The detector that found it, e.g. "restart-loop". */
	readonly symptom: string;
	readonly container: string;
	readonly severity: Severity;
	/** One line: what is wrong. */
	readonly summary: string;
	readonly evidence: readonly Evidence[];
	/** The container's conditions, used to rank playbooks whose signatures are tied to them. */
	readonly conditions: readonly ContainerCondition[];
	readonly exitCode?: number;
	/** Text to match against playbooks: errors, health output and the log lines that matter. */
	readonly matchText: string;
	/**
	 * The same text by where it came from, so a signature that names its source (a health-check
	 * output, the engine's start error) is only tried on that text. Absent: every signature sees all.
	 */
	readonly sourcedText?: SourcedText;
	/** Values playbook variables can be filled from. */
	readonly facts: Partial<Record<EvidenceKey, string>>;
};

export type Detector = {
	readonly id: string;
	readonly description: string;
	readonly detect: (snapshot: Snapshot) => readonly Finding[];
};
