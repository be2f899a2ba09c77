import {describe, expect, test} from 'vitest';
import {phraseWords} from '../../../source/core/search/phrase-words.js';

describe('phraseWords', () => {
	test.each([
		['Can\'t connect to the DB', ['can', 'not', 'connect', 'to', 'the', 'db']],
		['cannot connect', ['can', 'not', 'connect']],
		['it doesnt work', ['it', 'does', 'not', 'work']],
		['the container’s port', ['the', 'container', 'port']],
		['port-forward to 127.0.0.1:8080', ['port', 'forward', 'to', '127', '0', '0', '1', '8080']],
		['NEXT_PUBLIC_API_URL', ['next', 'public', 'api', 'url']],
		['starting -> unhealthy → healthy', ['starting', 'then', 'unhealthy', 'then', 'healthy']],
		['Up => Restarting', ['up', 'then', 'restarting']],
		['0.0.0.0:8080->80/tcp', ['0', '0', '0', '0', '8080', '80', 'tcp']],
		['onReady(() => start())', ['onready', 'start']],
	])('%j reads as %j', (text, words) => {
		expect(phraseWords(text).map(word => word.word)).toEqual(words);
	});

	test('stems each word, so "refuses" meets "refused"', () => {
		const [refuses] = phraseWords('refuses');
		const [refused] = phraseWords('refused');
		expect(refuses!.stem).toBe(refused!.stem);
	});

	test('keeps where each word stands, so a phrase can be quoted as written', () => {
		const text = 'Error: Connection REFUSED here';
		const words = phraseWords(text);
		expect(text.slice(words[1]!.start, words[2]!.end)).toBe('Connection REFUSED');
	});

	test('leaves the stem empty for a word the filter says no phrasing can hold', () => {
		expect(phraseWords('connection celerybeat', word => word !== 'celerybeat').map(word => word.stem)).toEqual([phraseWords('connection')[0]!.stem, '']);
	});
});
