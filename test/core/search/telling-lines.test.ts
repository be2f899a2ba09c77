import {describe, expect, test} from 'vitest';
import {lineWeights, queryLines} from '../../../source/core/search/telling-lines.js';

describe('queryLines', () => {
	test('reads a short query whole and a long paste line by line', () => {
		expect(queryLines('db restarts\npermission denied')).toEqual(['db restarts\npermission denied']);
		const paste = Array.from({length: 8}, (_, line) => `web-1  | line ${line}`).join('\n');
		expect(queryLines(paste)).toHaveLength(8);
	});
});

describe('lineWeights', () => {
	const log = [
		'web-1  | 2025-06-01T10:00:00Z INFO starting server on :3000',
		'web-1  | 2025-06-01T10:00:01Z INFO loaded 42 routes',
		'web-1  | PermissionError: [Errno 13] Permission denied: \'/data/x\'',
		'web-1  | 2025-06-01T10:00:02Z INFO worker ready',
		'web-1  | Database directory appears to contain a database; Skipping initialization',
		'After I changed the password in the env file nothing happens and I cannot log in anymore',
		'{"level":"info","msg":"listening"}',
	];

	test('gives full weight to error lines, the user\'s sentences and lines naming a concept; little to the rest', () => {
		expect(lineWeights(log, [false, false, false, false, true, false, false])).toEqual([0.25, 0.25, 1, 0.25, 1, 1, 0.25]);
	});

	test('reads every line fully when none tells more than another', () => {
		expect(lineWeights(['a | one', 'a | two', 'a | three'], [false, false, false])).toEqual([1, 1, 1]);
	});
});
