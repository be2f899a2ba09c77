/**
 * Playbooks come from a team's repository: any file there may be broken, huge or hostile. Every
 * bad file must be reported with its path and skipped, quickly, and the good ones still load.
 * Inputs are generated from fixed seeds, so a failure reproduces: the seed is in the test name.
 */
import {readFileSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {loadPlaybooks} from '../../source/adapters/playbook-loader.js';
import {parsePlaybookText} from '../../source/adapters/playbook-file-parser.js';
import {formatDiagnostic, type Diagnostic} from '../../source/core/diagnostic.js';
import {playbookYaml as minimalPlaybook} from './playbook-text.js';
import {seededRandom} from './seeded-random.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const reference = readFileSync(path.join(import.meta.dirname, '..', '..', 'playbooks', 'healthcheck-tool-missing.yaml'), 'utf8');
// Any C0/C1 control character in printed text would reach the terminal as is.
const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

function variant(id: string): string {
	return reference.replace('id: healthcheck-tool-missing', `id: ${id}`);
}

function parse(text: string, name = 'fuzzed.yaml') {
	return parsePlaybookText(text, {file: path.join('/team/playbooks', name), shown: `playbooks/${name}`, source: 'team'});
}

function printed(diagnostics: readonly Diagnostic[]): string[] {
	return diagnostics.map(diagnostic => formatDiagnostic(diagnostic));
}

const {root: scratchRoot, directoryWith} = useScratchDirectory('unblock-hostile-playbooks-');

describe('random bytes', () => {
	test('seed 1: forty files of random bytes are each reported by path and skipped; the good file loads', async () => {
		const random = seededRandom(1);
		const files: Record<string, Buffer | string> = {'good-one.yaml': variant('good-one')};
		for (let index = 0; index < 40; index++) {
			files[`random-${index}.yaml`] = random.bytes(random.integer(1, 16 * 1024));
		}

		const directory = directoryWith('random-bytes', files);
		const result = await loadPlaybooks({cwd: scratchRoot(), directories: [directory], withoutShipped: true});
		expect(result.playbooks.map(playbook => playbook.id)).toEqual(['good-one']);
		const reported = new Set(result.diagnostics.map(diagnostic => diagnostic.file));
		for (let index = 0; index < 40; index++) {
			expect(reported).toContain(`random-bytes/random-${index}.yaml`);
		}

		for (const line of printed(result.diagnostics)) {
			expect(line).not.toMatch(controlCharacter);
		}
	});

	test('seed 2: three hundred mutations of a valid playbook either load or are reported, never throw', () => {
		const random = seededRandom(2);
		const mutations: Array<(text: string) => string> = [
			text => {
				const at = random.integer(0, text.length);
				return text.slice(0, at) + text.slice(at + random.integer(1, 40));
			},
			text => {
				const at = random.integer(0, text.length);
				return text.slice(0, at) + random.bytes(random.integer(1, 16)).toString('latin1') + text.slice(at);
			},
			text => {
				const lines = text.split('\n');
				const at = random.integer(0, lines.length - 1);
				lines.splice(random.integer(0, lines.length - 1), 0, lines[at]!);
				return lines.join('\n');
			},
			text => {
				const at = random.integer(0, text.length);
				return text.slice(0, at) + random.pick(['&a ', '*a ', '[', ']', '{', '}', ': ', '- ', '? ', '!!binary ', '|', '>', '\'', '"', '\t', '\u001B[2J', '\u0000', '%YAML 1.1\n', '---\n', '...\n']) + text.slice(at);
			},
		];

		for (let round = 0; round < 300; round++) {
			let text = variant('mutant');
			for (let count = random.integer(1, 4); count > 0; count--) {
				text = random.pick(mutations)(text);
			}

			const result = parse(text, 'mutant.yaml');
			if (result.playbook) {
				expect(result.diagnostics).toEqual([]);
				expect(JSON.stringify(result.playbook)).not.toMatch(controlCharacter);
			} else {
				expect(result.diagnostics.length).toBeGreaterThan(0);
				for (const line of printed(result.diagnostics)) {
					expect(line.startsWith('playbooks/mutant.yaml')).toBe(true);
					expect(line).not.toMatch(controlCharacter);
				}
			}
		}
	});
});

describe('deep nesting', () => {
	const depth = 10_000;
	test.each([
		['a flow sequence 10,000 levels deep', `${'['.repeat(depth)}${']'.repeat(depth)}`],
		['a flow mapping 10,000 levels deep', `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`],
		['a playbook whose steps are nested 10,000 levels deep', `${minimalPlaybook('deep').replace(/steps:[\s\S]*$/, '')}steps: ${'['.repeat(depth)}${']'.repeat(depth)}\n`],
	])('%s is reported as nested too deeply', (_name, text) => {
		const result = parse(text, 'deep.yaml');
		expect(result.playbook).toBeUndefined();
		expect(printed(result.diagnostics)).toContainEqual(expect.stringMatching(/^playbooks\/deep\.yaml(:\d+)?: YAML syntax: nested too deeply$/));
	});

	test('a block mapping nested 700 levels deep is reported, not loaded', () => {
		const text = Array.from({length: 700}, (_, level) => `${' '.repeat(level)}k:`).join('\n');
		const result = parse(text, 'deep.yaml');
		expect(result.playbook).toBeUndefined();
		expect(result.diagnostics.length).toBeGreaterThan(0);
	});
});

describe('YAML alias bombs', () => {
	const letters = 'abcdefghij';
	test.each([
		['nine levels of nine aliases (a billion laughs)', ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({length: 8}, (_, level) => `${letters[level + 1]}: &${letters[level + 1]} [${Array.from({length: 9}, () => `*${letters[level]}`).join(', ')}]`)].join('\n')],
		['a thousand aliases of one large anchor', `a: &x ${'b'.repeat(100)}\n${Array.from({length: 1000}, (_, index) => `k${index}: *x`).join('\n')}`],
		['aliases inside the fields the schema reads', `${minimalPlaybook('bomb').replace(/symptoms:[\s\S]*?(?=signatures:)/, `symptoms: &s [${Array.from({length: 9}, () => '"x"').join(', ')}]\n`)}tags: [${Array.from({length: 200}, () => '*s').join(', ')}]\n`],
	])('%s is refused', (_name, text) => {
		const result = parse(text, 'bomb.yaml');
		expect(result.playbook).toBeUndefined();
		expect(printed(result.diagnostics)).toEqual(['playbooks/bomb.yaml: YAML: Excessive alias count indicates a resource exhaustion attack']);
	});

	test('an anchor that contains itself is reported, not walked forever', () => {
		const result = parse(`${minimalPlaybook('loop')}extra: &loop [*loop, *loop]\n`, 'loop.yaml');
		expect(result.playbook).toBeUndefined();
		expect(printed(result.diagnostics)).toEqual(['playbooks/loop.yaml:1: Unrecognized key: "extra"']);
	});

	test('a list used as a mapping key is refused instead of being mangled into a string', () => {
		const result = parse('? &k [a]\n: 1\n? *k\n: 2\n', 'complex-key.yaml');
		expect(printed(result.diagnostics)).toEqual(['playbooks/complex-key.yaml:1: YAML: a key is a list or a mapping; keys must be plain names']);
	});
});

describe('huge files', () => {
	test('a 10 MB playbook is refused by its size without being parsed', async () => {
		const directory = directoryWith('huge', {'good-one.yaml': variant('good-one')});
		const huge = path.join(directory, 'huge.yaml');
		writeFileSync(huge, 'id: huge\n');
		truncateSync(huge, 10 * 1024 * 1024);
		const result = await loadPlaybooks({cwd: scratchRoot(), directories: [directory], withoutShipped: true});
		expect(result.playbooks.map(playbook => playbook.id)).toEqual(['good-one']);
		expect(printed(result.diagnostics)).toEqual(['huge/huge.yaml: the file is larger than 256 KiB, the most a playbook may be']);
	});

	test('a 200 KiB single line is parsed and reported without trouble', () => {
		const result = parse(`title: ${'x'.repeat(200 * 1024)}\n`, 'long-line.yaml');
		expect(result.playbook).toBeUndefined();
		expect(printed(result.diagnostics)[0]).toBe('playbooks/long-line.yaml:1: id: Invalid input: expected string, received undefined');
	});
});

describe('regular expressions that backtrack catastrophically', () => {
	test.each([
		['nested quantifiers', '(x+x+)+y', 'xxy', 'nested quantifiers can backtrack catastrophically'],
		['a star of a star', '(a*)*b', 'aab', 'nested quantifiers can backtrack catastrophically'],
		['words and optional spaces, repeated', '^(\\w+\\s?)*$', 'curl not found', 'nested quantifiers can backtrack catastrophically'],
		['the same alternative twice', '(a|a)*c', 'aac', 'a repeated group can read the same text in two ways'],
		['any character or a space', '(.|\\s)*not found', 'curl: not found', 'a repeated group can read the same text in two ways'],
		['a word character or a digit', '(\\w|\\d)+: not found', 'curl: not found', 'a repeated group can read the same text in two ways'],
		['alternatives that overlap only by case', '(Q|q)+uit', 'quit', 'a repeated group can read the same text in two ways'],
		['a negated class and a letter it contains', '(?:[^x]|y)*z', 'yz', 'a repeated group can read the same text in two ways'],
		['three wildcards in a row', '.*.*.*not found', 'curl: not found', 'two repeats in a row can read the same text'],
		['spaces after spaces', '\\s*\\s*not found', 'curl: not found', 'two repeats in a row can read the same text'],
		['digits, an optional dot, digits', '\\d+\\.?\\d+ms', 'took 12.5ms', 'two repeats in a row can read the same text'],
		['eighty wildcards as alternatives', `(?:${Array.from({length: 80}, () => '.').join('|')})*not found`, 'curl: not found', 'a repeated group can read the same text in two ways'],
		['a repeated group too large to check', `(?:${'abcdefghij'.repeat(9)})+ not found`, `${'abcdefghij'.repeat(9)} not found`, 'a repeated group reads more than 80 characters and cannot be checked for backtracking'],
	])('%s: /%s/ is refused and the playbook skipped', (_name, pattern, example, reason) => {
		const result = parse(minimalPlaybook('slow-regex', playbook => {
			playbook.signatures = [{pattern, examples: [example]}];
		}), 'slow-regex.yaml');
		expect(result.playbook).toBeUndefined();
		expect(printed(result.diagnostics)).toContainEqual(expect.stringContaining(`playbooks/slow-regex.yaml:8: signatures[0].pattern: unsafe regular expression: ${reason}`));
	});

	test.each([
		['alternatives that exclude each other', '(?:ab|ac)+d', 'ababd'],
		['a negated class and the letter it leaves out', '(?:[^x]|x)*curl: not found', 'sh: curl: not found'],
		['a bounded run then a literal', 'port \\d+[^:]*: Connection refused', 'port 5432 after 0 ms: Connection refused'],
		['wildcards separated by words', 'could not .{0,80} because .{0,80} denied', 'could not open x because access denied'],
	])('%s: /%s/ is still accepted', (_name, pattern, example) => {
		const result = parse(minimalPlaybook('fine-regex', playbook => {
			playbook.signatures = [{pattern, examples: [example]}];
		}), 'fine-regex.yaml');
		expect(printed(result.diagnostics)).toEqual([]);
		expect(result.playbook?.id).toBe('fine-regex');
	});

	test('a slow pattern in a check or a variable is refused too', () => {
		const result = parse(minimalPlaybook('slow-check', playbook => {
			playbook.variables = {container: {description: 'the container', from: 'ask', question: 'Which container?', pattern: '(\\w|\\d)+'}};
			playbook.steps = [{
				id: 'look',
				title: 'Look',
				explanation: 'Read the log.',
				command: ['docker', 'logs', '{container}'],
				risk: 'read-only',
				checks: [{type: 'log-absent', container: '{container}', pattern: '(.|\\s)+denied'}],
			}];
		}), 'slow-check.yaml');
		expect(result.playbook).toBeUndefined();
		const lines = printed(result.diagnostics);
		expect(lines).toContainEqual(expect.stringContaining('variables.container.pattern: unsafe regular expression: a repeated group can read the same text in two ways'));
		expect(lines).toContainEqual(expect.stringContaining('steps[0].checks[0].pattern: unsafe regular expression: a repeated group can read the same text in two ways'));
	});
});

describe('escape sequences in playbook text', () => {
	test('a title that changes the terminal title is refused, and the report shows the escape instead of sending it', () => {
		const result = parse(minimalPlaybook('title-change', playbook => {
			playbook.title = '\u001B]0;pwned\u0007Health check';
		}), 'title-change.yaml');
		expect(result.playbook).toBeUndefined();
		expect(printed(result.diagnostics)).toEqual(['playbooks/title-change.yaml:2: title: contains the control character U+001B; playbook text must be plain (no escape sequences)']);
	});

	test('a key made of an escape sequence is named visibly', () => {
		const result = parse(`${minimalPlaybook('odd-key')}"\\e[2J": 1\n`, 'odd-key.yaml');
		expect(printed(result.diagnostics)).toEqual(['playbooks/odd-key.yaml:17: \\u001B[2J: contains the control character U+001B; playbook text must be plain (no escape sequences)']);
	});

	test('a command with a bell, a NUL or a C1 control is refused', () => {
		for (const character of ['\u0007', '\u0000', '\u009B']) {
			const result = parse(minimalPlaybook('odd-command', playbook => {
				playbook.steps = [{id: 'look', title: 'Look', explanation: 'Read.', command: ['echo', `hi${character}`], risk: 'read-only'}];
			}), 'odd-command.yaml');
			expect(result.playbook).toBeUndefined();
			expect(printed(result.diagnostics)[0]).toMatch(/^playbooks\/odd-command\.yaml:\d+: steps\[0\]\.command\[1\]: contains the control character U\+00(07|00|9B)/);
		}
	});

	test('a file whose name holds an escape sequence is reported with the escape made visible', async () => {
		const directory = directoryWith('odd-names', {'\u001B]0;pwned\u0007.yaml': 'id: [unclosed\n', 'good-one.yaml': variant('good-one')});
		const result = await loadPlaybooks({cwd: scratchRoot(), directories: [directory], withoutShipped: true});
		expect(result.playbooks.map(playbook => playbook.id)).toEqual(['good-one']);
		const lines = printed(result.diagnostics);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^odd-names\/\\u001B\]0;pwned\\u0007\.yaml:\d+: YAML syntax: /);
	});
});

describe('the shipped playbooks', () => {
	test('none is refused by the backtracking or placeholder checks', async () => {
		// Loaded as a --playbooks directory, so every file is parsed and checked (no build cache).
		const result = await loadPlaybooks({cwd: scratchRoot(), directories: [path.join(import.meta.dirname, '..', '..', 'playbooks')], withoutShipped: true});
		expect(result.playbooks.length).toBeGreaterThan(50);
		const refusals = printed(result.diagnostics).filter(line => /unsafe regular expression|inside quotes in the script|inside the script of sh -c/.test(line));
		expect(refusals).toEqual([]);
	});
});

describe('a directory of 200 playbooks, 20 of them bad', () => {
	test('seed 3: every bad file is reported by its path, and the 180 good ones load', async () => {
		const random = seededRandom(3);
		const bad: Array<(id: string) => string | Buffer> = [
			() => random.bytes(2048),
			() => `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
			() => ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({length: 8}, (_, level) => `${'bcdefghij'[level]}: &${'bcdefghij'[level]} [${Array.from({length: 9}, () => `*${'abcdefghij'[level]}`).join(', ')}]`)].join('\n'),
			id => minimalPlaybook(id, playbook => {
				playbook.signatures = [{pattern: '(.|\\s)*not found', examples: ['curl: not found']}];
			}),
			id => minimalPlaybook(id, playbook => {
				playbook.title = '\u001B[2J\u001B[Hcleared';
			}),
			id => minimalPlaybook(id, playbook => {
				playbook.cause = 'gremlins';
			}),
			() => 'id: [unclosed\n',
		];

		const files: Record<string, string | Buffer> = {};
		const badNames: string[] = [];
		const goodIds: string[] = [];
		const badAt = new Set<number>();
		while (badAt.size < 20) {
			badAt.add(random.integer(0, 199));
		}

		for (let index = 0; index < 200; index++) {
			const id = `playbook-${String(index).padStart(3, '0')}`;
			if (badAt.has(index)) {
				files[`${id}.yaml`] = bad[badNames.length % bad.length]!(id);
				badNames.push(`many/${id}.yaml`);
			} else {
				files[`${id}.yaml`] = minimalPlaybook(id);
				goodIds.push(id);
			}
		}

		const directory = directoryWith('many', files);
		const result = await loadPlaybooks({cwd: scratchRoot(), directories: [directory], withoutShipped: true});
		expect(result.playbooks.map(playbook => playbook.id)).toEqual(goodIds);
		expect([...new Set(result.diagnostics.map(diagnostic => diagnostic.file))].sort()).toEqual(badNames.sort());
		for (const line of printed(result.diagnostics)) {
			expect(line).not.toMatch(controlCharacter);
		}
	}, 60_000);
});
