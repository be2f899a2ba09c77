// Writes source/core/credential-cue-patterns.ts, the regular expressions that find the credential
// shapes' cues (credential-cues.ts), when it does not hold what they are now. build.mjs runs it
// before it bundles; a test checks that the file is current.
import {readFileSync, writeFileSync} from 'node:fs';
import {cueGroups, cuePatternSource} from '../source/core/credential-cues.js';

const [target] = process.argv.slice(2);
if (!target) {
	throw new Error('write-credential-cue-patterns: name the file to write');
}

const module = [
	'// Written by scripts/write-credential-cue-patterns.ts (npm run build) from credential-cues.ts: do not edit.',
	'/** The source of the regular expression that finds each cue group\'s cues, in the order of cueGroups. */',
	`export const cuePatternSources: readonly string[] = ${JSON.stringify(cueGroups.map(group => cuePatternSource(group)), null, '\t')};`,
	'',
].join('\n');

let current: string | undefined;
try {
	current = readFileSync(target, 'utf8');
} catch {
	// Not written yet.
}

if (current !== module) {
	writeFileSync(target, module);
}
