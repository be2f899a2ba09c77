import {execFileSync, spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {beforeAll, describe, expect, test} from 'vitest';
import {useScratchDirectory} from '../support/scratch-directory.js';

// What `npm pack` puts in the tarball users install: what they run, and nothing else. `npm test`
// builds dist/ first; --ignore-scripts keeps npm from building it again here.
const root = path.join(import.meta.dirname, '..', '..');
const allowed = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^dist\/package\.json$/,
	/^dist\/cli\.js$/,
	/^dist\/cli-main\.mjs$/,
	/^dist\/(light-commands|light-parsers|wizard|diagnose)\.js$/,
	/^dist\/chunks\/[\w-]+\.mjs$/,
	/^dist\/cache\/(playbooks|knowledge|vocabulary|vocabulary-digest|pattern-prefilter|note-links)\.json$/,
	/^dist\/cache\/(playbooks|knowledge|vocabulary)\.later-[\w-]+\.json$/,
	/^dist\/cache\/(playbooks|knowledge|vocabulary|vocabulary-digest|pattern-prefilter|note-links)\.sources-[\w-]+\.bin$/,
	/^dist\/cache\/(search-index|playbook-index)\.bin$/,
	/^dist\/cache\/(light-commands|wizard|diagnose)\.v8$/,
	/^dist\/third-party-licenses\.txt$/,
	/^playbooks\/[\w-]+\.yaml$/,
	/^playbooks\/vocabulary\/[\w-]+\.yaml$/,
	/^knowledge\/[\w.-]+\.md$/,
	/^schema\/(playbook|vocabulary)\.schema\.json$/,
];

type PackResult = Array<{files: Array<{path: string}>}>;

function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
	return (JSON.parse(output) as PackResult)[0]!.files.map(file => file.path).sort();
}

describe('the package', () => {
	const files = packedFiles();

	test('holds only files on the allow-list: no source maps, benchmark, scripts or sources', () => {
		expect(files.filter(file => !allowed.some(pattern => pattern.test(file)))).toEqual([]);
	});

	test('holds the CLI, the caches, the licences, and every shipped playbook, vocabulary file and blocker log', () => {
		expect(files).toEqual(expect.arrayContaining(['LICENSE', 'dist/cli.js', 'dist/light-commands.js', 'dist/cache/light-commands.v8', 'dist/wizard.js', 'dist/cache/wizard.v8', 'dist/diagnose.js', 'dist/cache/diagnose.v8', 'dist/cli-main.mjs', 'dist/cache/playbooks.json', 'dist/cache/knowledge.json', 'dist/cache/vocabulary.json', 'dist/cache/search-index.bin', 'dist/cache/pattern-prefilter.json', 'dist/third-party-licenses.txt']));
		expect(files.filter(file => file.startsWith('dist/cache/playbooks.later-'))).toHaveLength(1);
		const shipped = (directory: string) => readdirSync(path.join(root, directory), {withFileTypes: true}).filter(entry => entry.isFile()).map(entry => `${directory}/${entry.name}`);
		expect(files).toEqual(expect.arrayContaining([...shipped('playbooks'), ...shipped('playbooks/vocabulary'), ...shipped('knowledge')]));
	});

	test('declares no runtime packages: a global install downloads nothing the bundle already holds', () => {
		const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>};
		expect(manifest.dependencies ?? {}).toEqual({});
	});

	describe('copied alone, with no node_modules anywhere above it', () => {
		const scratch = useScratchDirectory('unblock-packed-');
		let installed = '';
		beforeAll(() => {
			installed = path.join(scratch.root(), 'unblock');
			for (const file of files) {
				mkdirSync(path.dirname(path.join(installed, file)), {recursive: true});
				copyFileSync(path.join(root, file), path.join(installed, file));
			}
		});
		const run = (args: string[], cwd = scratch.root()) => spawnSync(process.execPath, [path.join(installed, 'dist', 'cli.js'), ...args], {cwd, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});

		test('every module of the bundle links: none imports a package', () => {
			const modules = files.filter(file => /\.mjs$/.test(file) && file !== 'dist/cli-main.mjs').map(file => pathToFileURL(path.join(installed, file)).href);
			const result = spawnSync(process.execPath, ['--input-type=module', '-e', `for (const url of ${JSON.stringify(modules)}) await import(url);`], {cwd: scratch.root(), encoding: 'utf8'});
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
		});

		test('the commands that need no engine run', () => {
			expect(run(['--version'])).toMatchObject({status: 0, stderr: ''});
			expect(run(['search', 'bind: address already in use'])).toMatchObject({status: 0, stderr: ''});
			expect(run(['playbooks', '--json'])).toMatchObject({status: 0, stderr: ''});
			expect(run(['lint'])).toMatchObject({status: 0, stderr: ''});
			expect(run(['fix', 'oom-killed', '--dry-run'])).toMatchObject({status: 0, stderr: ''});
		});

		test('a team\'s playbooks and config file load YAML from the chunks beside the light program', () => {
			const team = scratch.directoryWith('team/.unblock', {'config.yaml': 'knowledge: []\n'});
			scratch.directoryWith('team/.git', {});
			const playbook = readFileSync(path.join(root, 'playbooks', 'oom-killed.yaml'), 'utf8').replace(/^id: oom-killed$/m, 'id: team-oom-killed');
			scratch.directoryWith('team/.unblock/playbooks', {'team-oom-killed.yaml': playbook});
			const result = run(['search', '--json', 'OOMKilled exit code 137'], path.dirname(team));
			expect(result).toMatchObject({status: 0, stderr: ''});
			expect(result.stdout).toContain('"id": "team-oom-killed"');
		});
	});
});
