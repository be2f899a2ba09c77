#!/usr/bin/env node
import process from 'node:process';
import meow from 'meow';
import {exitCodes, UserError, type CommandContext} from './commands/command-context.js';
import {readPipedInput} from './adapters/piped-input.js';

const cli = meow(
	`
	Usage
	  $ unblock                         open the wizard (in a terminal)
	  $ unblock search <words or error>  rank playbooks and past blockers
	  $ unblock diagnose                report broken containers, with evidence
	  $ unblock fix <playbook>          walk through a playbook's fix
	  $ unblock playbooks               list the playbooks
	  $ unblock lint                    check every playbook and knowledge file
	  $ unblock record                  save a solved incident to the blocker log

	Options
	  --json                 machine-readable output (search, diagnose, playbooks, lint)
	  --limit N              how many search results (default 5)
	  --project NAME         diagnose one compose project
	  --host URL             Docker engine to use (default: DOCKER_HOST or the local socket)
	  --container NAME       the container a fix is about
	  --dry-run              show every command and check of a fix, run none
	  --yes                  run a fix without questions (refuses destructive steps)
	  --allow-destructive    with --yes, also run steps that destroy data
	  --playbooks DIR        also load playbooks from DIR (repeatable)
	  --knowledge PATH       also search blocker logs in PATH, a file or directory (repeatable)
	  --title, --cause, --symptom, --resolution, --file   fields for record
	  --root-cause, --evidence, --tried, --worked, --tradeoff, --lesson   more record fields

	Exit codes
	  0  done: results found, nothing broken, fix checks pass, lint clean
	  1  nothing matched (search), something is broken or unreadable (diagnose),
	     a fix whose checks still fail (fix --yes), lint errors
	  2  bad usage, or the Docker engine cannot be reached
	  130/143  interrupted (Ctrl-C / SIGTERM)

	Examples
	  $ unblock search "postgres keeps restarting permission denied"
	  $ docker logs web 2>&1 | unblock search
	  $ unblock diagnose --json --project shop
	  $ unblock fix volume-permission-uid-mismatch --container shop-beat-1
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: false,
		flags: {
			json: {type: 'boolean', default: false},
			limit: {type: 'number', default: 5},
			project: {type: 'string'},
			host: {type: 'string'},
			container: {type: 'string'},
			dryRun: {type: 'boolean', default: false},
			yes: {type: 'boolean', default: false},
			allowDestructive: {type: 'boolean', default: false},
			playbooks: {type: 'string', isMultiple: true, default: []},
			knowledge: {type: 'string', isMultiple: true, default: []},
			title: {type: 'string'},
			cause: {type: 'string'},
			symptom: {type: 'string', isMultiple: true, default: []},
			resolution: {type: 'string'},
			file: {type: 'string'},
			evidence: {type: 'string', isMultiple: true, default: []},
			rootCause: {type: 'string'},
			tried: {type: 'string', isMultiple: true, default: []},
			worked: {type: 'string', isMultiple: true, default: []},
			tradeoff: {type: 'string', isMultiple: true, default: []},
			lesson: {type: 'string', isMultiple: true, default: []},
		},
	},
);

const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI;

const context: CommandContext = {
	cwd: process.cwd(),
	env: process.env,
	stdout: {write: text => void process.stdout.write(text)},
	stderr: {write: text => void process.stderr.write(text)},
	color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
	interactive,
};

async function main(): Promise<number> {
	const [command, ...rest] = cli.input;
	const flags = cli.flags;
	const sources = {playbookDirectories: flags.playbooks, knowledgePaths: flags.knowledge};

	switch (command) {
		case 'search': {
			const {runSearch} = await import('./commands/search.js');
			const query = rest.length > 0 ? rest.join(' ') : (interactive ? '' : await readPipedInput(process.stdin));
			return runSearch({query, json: flags.json, limit: flags.limit, ...sources}, context);
		}

		case 'diagnose': {
			const {runDiagnose} = await import('./commands/diagnose.js');
			return runDiagnose({json: flags.json, project: flags.project, host: flags.host, playbookDirectories: flags.playbooks}, context);
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
			return runWizard({dryRun: flags.dryRun, yes: flags.yes, allowDestructive: flags.allowDestructive, host: flags.host, project: flags.project, ...sources}, context);
		}

		case 'fix': {
			const [playbook] = rest;
			if (!playbook) {
				throw new UserError('fix needs the playbook to follow', 'unblock fix volume-permission-uid-mismatch --container shop-beat-1 (unblock playbooks lists them)');
			}

			const {runFix} = await import('./commands/fix.js');
			return runFix({playbook, container: flags.container, dryRun: flags.dryRun, yes: flags.yes, allowDestructive: flags.allowDestructive, host: flags.host, project: flags.project, ...sources}, context);
		}

		default: {
			throw new UserError(`unknown command "${command}"`, 'run unblock --help to see the commands');
		}
	}
}

try {
	process.exitCode = await main();
} catch (error) {
	process.exitCode = reportError(error);
}

function reportError(error: unknown): number {
	if (error instanceof UserError) {
		process.stderr.write(`unblock: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
		return error.exitCode;
	}

	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`unblock: unexpected error: ${message.split('\n', 1)[0]}\n  hint: this is a bug in unblock; run with UNBLOCK_DEBUG=1 for details and report it\n`);
	if (process.env.UNBLOCK_DEBUG) {
		process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
	}

	return exitCodes.usage;
}
