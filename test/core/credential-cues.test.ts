import {describe, expect, test} from 'vitest';
import {cuePatternSources} from '../../source/core/credential-cue-patterns.js';
import {cueGroups, cuePatternSource} from '../../source/core/credential-cues.js';

describe('the credential cues\' patterns', () => {
	test('are the ones the cues make now (npm run build writes source/core/credential-cue-patterns.ts again; commit it)', () => {
		expect(cuePatternSources).toEqual(cueGroups.map(group => cuePatternSource(group)));
	});

	test('share beginnings, match either case only where a shape says so, and stand at word boundaries where it says so', () => {
		const rare = new RegExp(cuePatternSources[0]!, 'g');
		const common = new RegExp(cuePatternSources[1]!, 'g');
		expect('-----BEGIN RSA PRIVATE KEY-----'.match(rare)).toEqual(['PRIVATE KEY']);
		expect('xPRIVATE KEY'.match(rare)).toBeNull();
		expect('Authorization: Bearer abc'.match(new RegExp(`${cuePatternSources[0]!}|${cuePatternSources[1]!}`, 'g'))).toEqual(expect.arrayContaining(['Bearer']));
		expect('DB_PASSWORD=hunter2'.match(common)).not.toBeNull();
		expect('an unrelated line of a log'.match(common)).toBeNull();
	});
});
