import {describe, expect, it} from 'vitest';
import {decodeTerminalBytes, escapeControlCharacters, firstPlainLine, neutralizeTerminalText} from '../../source/core/neutralize-terminal-text.js';

describe('neutralizeTerminalText', () => {
	it.each([
		['colours', '\u001B[31mERROR\u001B[0m: boom', 'ERROR: boom'],
		['cursor movement and erase', 'a\u001B[2K\u001B[1Ab', 'ab'],
		['OSC title with BEL', '\u001B]0;pwned\u0007text', 'text'],
		['OSC hyperlink with ST', '\u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\', 'link'],
		['DCS string', '\u001BPq#0;2;0;0;0\u001B\\after', 'after'],
		['8-bit CSI', '\u009B31mred', 'red'],
		['NUL, bell, backspace', 'a\u0000b\u0007c\u0008d', 'abcd'],
		['C1 controls', 'a\u0085b', 'ab'],
		['bidi override', 'safe\u202Eevil', 'safeevil'],
		['CRLF becomes LF', 'one\r\ntwo\r\n', 'one\ntwo\n'],
		['lone CR shown as ^M', '/bin/sh\r: bad interpreter', '/bin/sh^M: bad interpreter'],
		['tabs and newlines kept', 'a\tb\nc', 'a\tb\nc'],
		['unterminated OSC dropped', 'ok\u001B]0;never ends', 'ok'],
	])('%s', (_name, input, expected) => {
		expect(neutralizeTerminalText(input)).toBe(expected);
	});

	it('caps every line', () => {
		expect(neutralizeTerminalText(`${'x'.repeat(20)}\nshort`, {maximumLineLength: 10})).toBe('xxxxxxxxx…\nshort');
	});
});

describe('bytes', () => {
	it('replaces invalid UTF-8 and keeps valid multi-byte text', () => {
		const bytes = new Uint8Array([0x6F, 0x6B, 0xFF, 0x20, 0xC3, 0xA9]);
		expect(decodeTerminalBytes(bytes)).toBe('ok\uFFFD é');
		expect(neutralizeTerminalText(decodeTerminalBytes(new Uint8Array([0x1B, 0x5B, 0x31, 0x6D, 0x68, 0x69])))).toBe('hi');
	});
});

describe('firstPlainLine', () => {
	it('keeps the first line of a message, neutralised and trimmed', () => {
		expect(firstPlainLine('\u001B[31m boom \u001B[0m\r\nat line 2')).toBe('boom');
	});
});

describe('escapeControlCharacters', () => {
	it('writes control characters out so a file name stays recognisable', () => {
		expect(escapeControlCharacters('notes\u001B[2J\u202E.md')).toBe(String.raw`notes\u001B[2J\u202E.md`);
	});
});
