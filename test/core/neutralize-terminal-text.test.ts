import {describe, expect, it} from 'vitest';
import {capLines, decodeTerminalBytes, escapeControlCharacters, firstPlainLine, lastVersionOfLine, neutralizeTerminalText} from '../../source/core/neutralize-terminal-text.js';

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

// Text without an unsafe character skips the removal passes: each row pins where that set ends.
describe('the edges of what is removed', () => {
	it.each([
		['U+0008 backspace', '\u0008', 'ab'],
		['U+0009 tab', '\u0009', 'a\tb'],
		['U+000A line feed', '\u000A', 'a\nb'],
		['U+000B vertical tab', '\u000B', 'ab'],
		['U+001F unit separator', '\u001F', 'ab'],
		['U+0020 space', '\u0020', 'a b'],
		['U+007E tilde', '\u007E', 'a~b'],
		['U+007F DEL', '\u007F', 'ab'],
		['U+0080, first C1 control', '\u0080', 'ab'],
		['U+0085 next line', '\u0085', 'ab'],
		['U+009F, last C1 control, opens an APC string', '\u009F', 'a'],
		['U+00A0 no-break space', '\u00A0', 'a\u00A0b'],
		['U+00AD soft hyphen, invisible', '\u00AD', 'ab'],
		['U+200A hair space, before the zero-width ones', '\u200A', 'a\u200Ab'],
		['U+200B zero-width space', '\u200B', 'ab'],
		['U+200D zero-width joiner', '\u200D', 'ab'],
		['U+FEFF byte order mark', '\uFEFF', 'ab'],
		['U+E0041, a tag character', '\u{E0041}', 'ab'],
		['U+2029 paragraph separator', '\u2029', 'a\u2029b'],
		['U+202A, first bidi embedding', '\u202A', 'ab'],
		['U+202E right-to-left override', '\u202E', 'ab'],
		['U+202F narrow no-break space', '\u202F', 'a\u202Fb'],
		['U+2060 word joiner', '\u2060', 'ab'],
		['U+2065, unassigned but default-ignorable', '\u2065', 'ab'],
		['U+2066 left-to-right isolate', '\u2066', 'ab'],
		['U+2069 pop directional isolate', '\u2069', 'ab'],
		['U+206F, last of the invisible formatting block', '\u206F', 'ab'],
		['U+2070 superscript zero, after it', '\u2070', 'a\u2070b'],
	])('%s', (_name, character, expected) => {
		expect(neutralizeTerminalText(`a${character}b`)).toBe(expected);
	});

	// The fast path looks for them with a hand-written class: it must know every one of them.
	it('removes every default-ignorable (invisible) character, the fast path included', () => {
		const invisible = /^\p{Default_Ignorable_Code_Point}$/u;
		for (let code = 0; code <= 0x10_FFFF; code++) {
			if ((code < 0xD8_00 || code > 0xDF_FF) && invisible.test(String.fromCodePoint(code))) {
				expect(neutralizeTerminalText(`a${String.fromCodePoint(code)}b`)).toBe('ab');
			}
		}
	});

	it('removes a control wherever it sits in a long line', () => {
		const line = 'x'.repeat(100);
		for (const index of [0, 1, 50, 99, 100]) {
			expect(neutralizeTerminalText(`${line.slice(0, index)}\u0085${line.slice(index)}`)).toBe(line);
		}
	});

	it('leaves the rest of an escape sequence that a line break cut off', () => {
		expect(neutralizeTerminalText('red\u001B\n[31mtext')).toBe('red\n[31mtext');
	});

	it('removes every C1 control and the strings the string-opening ones start', () => {
		const text = Array.from({length: 32}, (_, index) => `${String.fromCodePoint(0x80 + index)}x`).join('');
		expect(neutralizeTerminalText(text)).toBe('x'.repeat(17));
	});
});

describe('lastVersionOfLine: a command\'s output line as a terminal leaves it', () => {
	it.each([
		['a CRLF line end', 'No such container: p1\r', 'No such container: p1'],
		['several CRs before the end', 'done\r\r', 'done'],
		['a progress bar redrawn', '10%\r50%\r100%', '100%'],
		['a redraw then a line end', 'pulling 1/3\rpulling 3/3\r', 'pulling 3/3'],
		['a line without CR', 'plain', 'plain'],
		['only a CR', '\r', ''],
	])('%s', (_name, line, expected) => {
		expect(lastVersionOfLine(line)).toBe(expected);
		expect(neutralizeTerminalText(lastVersionOfLine(line))).not.toContain('^M');
	});
});

describe('capLines', () => {
	it('keeps a line of exactly the limit and cuts one character more', () => {
		expect(capLines('x'.repeat(10), 10)).toBe('x'.repeat(10));
		expect(capLines('x'.repeat(11), 10)).toBe('xxxxxxxxx…');
	});

	it('keeps short lines of a text longer than the limit', () => {
		expect(capLines('12345\n12345\n12345', 8)).toBe('12345\n12345\n12345');
	});
});
