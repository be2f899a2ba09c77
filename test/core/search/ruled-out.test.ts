import {describe, expect, test} from 'vitest';
import {phraseWords} from '../../../source/core/search/phrase-words.js';
import {ruledOutSpans} from '../../../source/core/search/ruled-out.js';

const ruledOut = (text: string) => {
	const words = phraseWords(text);
	return ruledOutSpans(words).map(span => words.slice(span.start, span.end).map(word => word.word).join(' '));
};

describe('ruledOutSpans', () => {
	test.each([
		['it is not a permission problem', ['permission']],
		['no dns errors in the log', ['dns']],
		['not network related', ['network']],
		['the port is free', ['the port']],
		['permissions look fine, the volume is mounted', ['permissions']],
		['memory seems to be ok. disk is not the issue', ['memory', 'disk']],
		['I checked, and the port is free', ['the port']],
	])('%j rules out %j', (text, spans) => {
		expect(ruledOut(text)).toEqual(spans);
	});

	test.each([
		'command not found',
		'postgres does not start',
		'the container is not running',
		'no such file or directory',
		'cannot connect to the database',
		'it is not working',
	])('%j rules nothing out: it is a symptom', text => {
		expect(ruledOut(text)).toEqual([]);
	});
});
