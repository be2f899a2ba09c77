import {z} from 'zod';
import {checkSchemaOf} from './checks/registry.js';
import {causeSlugs} from './causes.js';

/**
 * The one schema every playbook file is validated against. It is also exported as JSON Schema
 * (`schema/playbook.schema.json`) so editors can complete and check playbooks.
 */

const kebabCase = /^[a-z\d]+(?:-[a-z\d]+)*$/;
const variableName = /^[a-z][a-z\d-]*$/;

export const containerConditions = [
	'restarting',
	'unhealthy',
	'exited',
	'created',
	'oom-killed',
	'running',
] as const;

export type ContainerCondition = (typeof containerConditions)[number];

/**
 * Where a signature's text appears. 'facts' is not text anybody wrote: it is what diagnose saw on
 * the engine (who listens where, who holds a port, which networks, who owns a mount), stated in
 * unblock's own fixed wording (source/core/detectors/fact-lines.ts). A facts signature counts only
 * in diagnose, never for typed or pasted text, and adds to whatever else the playbook matched.
 */
export const textSources = ['log', 'health', 'engine-error', 'facts', 'build', 'any'] as const;

export type TextSource = (typeof textSources)[number];

const signature = z
	.object({
		pattern: z
			.string()
			.min(3)
			.describe('A JavaScript regular expression for the error text as it really appears.'),
		flags: z
			.string()
			.regex(/^[imsu]*$/, 'only the flags i, m, s and u are allowed')
			.default('i')
			.describe('Regular expression flags; case-insensitive by default.'),
		source: z
			.enum(textSources)
			.default('any')
			.describe('Where the text appears: container logs, health-check output (and the probe\'s command), the engine\'s own error, what diagnose observed on the engine in unblock\'s own wording (facts), a build.'),
		when: z
			.object({
				conditions: z
					.array(z.enum(containerConditions))
					.min(1)
					.optional()
					.describe('The container is in one of these conditions when this text shows.'),
				exitCodes: z
					.array(z.number().int().min(0).max(255))
					.min(1)
					.optional()
					.describe('The container exited with one of these codes.'),
			})
			.strict()
			.optional()
			.describe('Ties the signature to a container condition, so diagnose ranks it for the right container.'),
		generic: z
			.boolean()
			.default(false)
			.describe('A catch-all (a bare Traceback, any "permission denied"): it ranks below every specific signature.'),
		mentions: z
			.array(z.string().min(2))
			.min(1)
			.optional()
			.describe('The same error means this cause only where the text also mentions one of these (a platform, a tool), matched as whole words like vocabulary phrasings; such a signature counts only then, and then outranks one without mentions.'),
		examples: z
			.array(z.string().min(1))
			.min(1)
			.describe('Real error text this signature must match (lint checks it).'),
	})
	.strict();

export type Signature = z.infer<typeof signature>;

export const evidenceKeys = [
	'container',
	'image',
	'project',
	'service',
	'port',
	/** The named volume of the mount a finding is about (absent for a bind mount). */
	'volume',
	/** What `-v <it>:/path` mounts again: a named volume's name, or a bind mount's host path (never /var/lib/docker/volumes/…). */
	'mount-source',
	'mount-destination',
	'user',
	'network',
	/** The port inside the container that a finding is about (a listener, a published port's target). */
	'container-port',
	/** A host name the container dials. */
	'hostname',
	/** The container behind that name. */
	'dependency-container',
	/** A host process that a finding names (the one holding a port). */
	'pid',
	/** Another container that a finding names (the one holding a port). */
	'other-container',
	/** A node container of the kind cluster a finding is about. */
	'node',
	/** The network that kind cluster's nodes are on. */
	'cluster-network',
	/** The script (a path inside the container) the container fails to start. */
	'script',
	/** That script on the host, when a bind mount puts it there. */
	'host-script',
	/** The lock file the log (or the database image) names, relative to the top of the mount that holds it. */
	'lock-file',
	/** The compose project's own directory (label com.docker.compose.project.working_dir). */
	'compose-working-dir',
	/** The compose files the project was started with, comma-separated as in label com.docker.compose.project.config_files. */
	'compose-config-files',
] as const;

export type EvidenceKey = (typeof evidenceKeys)[number];

const variable = z
	.object({
		description: z.string().min(1),
		from: z
			.enum(['evidence', 'ask'])
			.describe('Take the value from the diagnosed container, or ask the user.'),
		evidence: z.enum(evidenceKeys).optional().describe('Which piece of evidence fills the value.'),
		question: z.string().optional().describe('What to ask when the value is not in the evidence.'),
		choices: z.array(z.string().min(1)).min(1).optional(),
		default: z.string().optional(),
		pattern: z
			.string()
			.optional()
			.describe('A regular expression the whole value must match; anything else is refused.'),
	})
	.strict()
	.superRefine((value, context) => {
		if (value.from === 'evidence' && !value.evidence) {
			context.addIssue({code: 'custom', path: ['evidence'], message: 'a variable taken from evidence names which evidence'});
		}

		if (value.from === 'ask' && !value.question) {
			context.addIssue({code: 'custom', path: ['question'], message: 'a variable asked from the user needs a question'});
		}
	});

export type Variable = z.infer<typeof variable>;

const argv = z.array(z.string().min(1)).min(1);

export type {Check} from './checks/registry.js';

export const checkSchema = checkSchemaOf(z);

export const riskLevels = ['read-only', 'safe', 'caution', 'destructive'] as const;

export type Risk = (typeof riskLevels)[number];

const step = z
	.object({
		id: z.string().regex(kebabCase, 'use kebab-case'),
		title: z.string().min(1),
		explanation: z.string().min(1),
		command: argv
			.optional()
			.describe('The command as an argv array; {variables} fill whole or part of one argument, never more.'),
		shell: z
			.string()
			.min(1)
			.optional()
			.describe('Only when a pipe or redirect is needed: run by sh -c, every {variable} is quoted as one word.'),
		manual: z
			.string()
			.optional()
			.describe('What the user does by hand (edit a compose file...) when there is nothing to run.'),
		risk: z.enum(riskLevels),
		destroys: z
			.string()
			.optional()
			.describe('What a destructive step destroys, e.g. "{volume}": the user types its name to confirm.'),
		decision: z
			.string()
			.min(1)
			.optional()
			.describe('What a person must judge before this step runs (which of two alternatives fits): --yes refuses the step and says this.'),
		provenByExitCode: z
			.boolean()
			.optional()
			.describe('The command succeeding is the whole result (a prune, a build): no check could say more. Lint asks every other changing step for a check.'),
		successExitCodes: z
			.array(z.number().int().min(0).max(255))
			.min(1)
			.default([0])
			.describe('Exit codes that mean the step did its job; a diagnosis that proves the cause by failing lists its code, e.g. [1].'),
		checks: z.array(checkSchema).default([]),
		requires: z
			.array(checkSchema)
			.min(1)
			.optional()
			.describe('Checks that must pass right before the command runs; when one fails the step is refused, not run (a lock file is never removed while a server runs on the data).'),
		hint: z.string().optional().describe('Shown when the step\'s checks fail.'),
		timeoutSeconds: z.number().positive().max(3600).default(120),
	})
	.strict()
	.superRefine((value, context) => {
		if (value.command && value.shell) {
			context.addIssue({code: 'custom', path: ['shell'], message: 'a step has either command or shell, not both'});
		}

		if (!value.command && !value.shell && !value.manual) {
			context.addIssue({code: 'custom', path: ['manual'], message: 'a step without command or shell needs manual instructions'});
		}

		if (value.risk === 'destructive' && !value.destroys) {
			context.addIssue({
				code: 'custom',
				path: ['destroys'],
				message: 'a destructive step names what it destroys, so the user can type it to confirm',
			});
		}
	});

export type Step = z.infer<typeof step>;

export const playbookSchema = z
	.object({
		$schema: z.string().optional(),
		id: z.string().regex(kebabCase, 'use kebab-case'),
		title: z.string().min(1),
		cause: z.enum(causeSlugs),
		summary: z.string().min(1).describe('The root cause in two to four sentences.'),
		distinguish: z
			.string()
			.optional()
			.describe('How to tell this cause apart from its close neighbours.'),
		symptoms: z.array(z.string().min(1)).min(1).describe('Phrases as a user would type them.'),
		signatures: z.array(signature).default([]),
		tags: z.array(z.string().regex(kebabCase)).default([]),
		variables: z.record(z.string().regex(variableName), variable).default({}),
		steps: z.array(step).min(1),
		tradeoffs: z.array(z.string().min(1)).default([]),
		references: z
			.array(z.object({title: z.string().min(1), url: z.url()}).strict())
			.default([]),
		seenIn: z
			.array(z.string().min(1))
			.default([])
			.describe('Knowledge entries this blocker was seen in, as path#heading.'),
	})
	.strict();

export type PlaybookInput = z.input<typeof playbookSchema>;
export type PlaybookData = z.infer<typeof playbookSchema>;

/** A playbook as loaded: the validated data plus where it came from. */
export type Playbook = PlaybookData & {
	readonly origin: PlaybookOrigin;
};

export type PlaybookOrigin = {
	readonly file: string;
	/** Shipped with unblock, a team's own directory, or given with --playbooks. */
	readonly source: 'shipped' | 'team' | 'flag';
};

export function playbookJsonSchema(): Record<string, unknown> {
	return z.toJSONSchema(playbookSchema, {io: 'input', target: 'draft-7'}) as Record<string, unknown>;
}
