import {describe, expect, test} from 'vitest';
import {applyInput, textField, type TextFieldState} from '../../source/ui/text-field-state.js';

/** Applies chunks as a terminal delivers them; the value, the cursor and every Enter's value. */
function typed(start: TextFieldState, ...chunks: string[]) {
	let state = start;
	const submits: string[] = [];
	for (const chunk of chunks) {
		const result = applyInput(state, chunk);
		state = result.state;
		submits.push(...result.submits.map(submit => submit.value));
	}

	return {value: state.value, cursor: state.cursor, pasting: state.pasting, submits};
}

const paste = (text: string) => `\u001B[200~${text}\u001B[201~`;

describe('a text box applies what the terminal sends, in order', () => {
	test.each([
		['text and Enter in one chunk', ['myname\r'], {value: 'myname', submits: ['myname']}],
		['the same, key by key', ['m', 'y', 'n', 'a', 'm', 'e', '\r'], {value: 'myname', submits: ['myname']}],
		['Enter as a line feed, and CRLF as one Enter', ['ab\n', 'c\r\n'], {value: 'abc', submits: ['ab', 'abc']}],
		['text after an Enter in the same chunk', ['abc\rdef'], {value: 'abcdef', submits: ['abc']}],
		['an Enter on an empty box', ['\r'], {value: '', submits: ['']}],
	])('%s', (_name, chunks, expected) => {
		expect(typed(textField(), ...chunks)).toMatchObject(expected);
	});

	test('ten backspaces in one chunk clear a prefilled value and leave nothing invisible behind', () => {
		const result = typed(textField('web-1-db'), '\u007F'.repeat(10), 'api\r');
		expect(result).toEqual({value: 'api', cursor: 3, pasting: false, submits: ['api']});
	});

	test('both backspace codes (DEL and BS) delete the character before the cursor', () => {
		expect(typed(textField('abcd'), '\u007F\b')).toMatchObject({value: 'ab', cursor: 2});
	});

	test('Ctrl-U clears the box wherever the cursor is, Ctrl-W takes the word before it', () => {
		expect(typed(textField('some value'), '\u001B[D\u001B[D\u0015')).toMatchObject({value: '', cursor: 0});
		expect(typed(textField('docker rm web '), '\u0017')).toMatchObject({value: 'docker rm ', cursor: 10});
	});

	test('arrows, Home, End and Delete move and edit at the cursor; up, down and Escape leave the box alone', () => {
		expect(typed(textField('acd'), '\u001B[D\u001B[D', 'b')).toMatchObject({value: 'abcd', cursor: 2});
		expect(typed(textField('xabc'), '\u001B[H\u001B[3~', '\u001B[F!')).toMatchObject({value: 'abc!', cursor: 4});
		expect(typed(textField('abc'), '\u0001>', '\u0005<')).toMatchObject({value: '>abc<'});
		expect(typed(textField('abc'), '\u001B[A', '\u001B[B', '\u001B', '\u001Bx')).toMatchObject({value: 'abc', cursor: 3, submits: []});
	});

	test('the cursor never lands inside an emoji', () => {
		expect(typed(textField('a😀'), '\u001B[D', '\u007F')).toMatchObject({value: '😀', cursor: 0});
		expect(typed(textField('a😀'), '\u007F')).toMatchObject({value: 'a', cursor: 1});
	});

	test('control characters and unknown escape sequences are interpreted or dropped, never stored', () => {
		expect(typed(textField(), 'a\u0000b\u0007c\u001B[31md\u001B]e\u009Bf\u202Eg\t')).toMatchObject({value: 'abcdefg'});
	});
});

describe('a bracketed paste is text', () => {
	test('its line breaks are kept as line feeds and never submit; the one it ends with is dropped', () => {
		expect(typed(textField(), paste('name\n'))).toMatchObject({value: 'name', submits: [], pasting: false});
		expect(typed(textField(), paste('first\r\nsecond\rthird\r'))).toMatchObject({value: 'first\nsecond\nthird', submits: []});
	});

	test('as Ink hands it over: the marks and the text as separate events, then Enter', () => {
		expect(typed(textField('x'), '\u001B[200~', 'name\r', '\u001B[201~', '\r')).toMatchObject({value: 'xname', submits: ['xname']});
	});

	test('a paste with Enter after it in the same chunk is submitted whole', () => {
		expect(typed(textField(), `${paste('name')}\r`)).toMatchObject({value: 'name', submits: ['name']});
	});

	test('pasted tabs become spaces, other control characters are dropped', () => {
		expect(typed(textField(), paste('a\tb\u0007c\u007F'))).toMatchObject({value: 'a bc'});
	});

	test('a prefilled value is cleaned the same way', () => {
		expect(textField('web\u0000\r\n')).toEqual({value: 'web', cursor: 3, pasting: false});
	});
});
