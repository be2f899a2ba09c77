import {expect, test} from 'vitest';
import {helpText} from '../../source/cli-help.js';

test('every usage row of --help starts its description in the same column', () => {
	const usage = helpText.slice(helpText.indexOf('  Usage'), helpText.indexOf('  Options'));
	const rows = usage.split('\n').filter(line => line.startsWith('    $ unblock'));
	expect(rows).toHaveLength(7);
	const columns = new Set(rows.map(row => /^ {4}\$ unblock(?: \S+(?: <[^>]+>)?)? {2,}/.exec(row)![0].length));
	expect([...columns]).toEqual([39]);
});
