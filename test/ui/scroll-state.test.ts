import {describe, expect, test} from 'vitest';
import {initialScrollState, scrollReducer, type ScrollState} from '../../source/ui/scroll-state.js';

const measured = (state: ScrollState, viewHeight: number, row?: {key: number; top: number; height?: number; adopt?: boolean}) => scrollReducer(state, {
	type: 'measured',
	viewHeight,
	contentHeight: 60,
	...(row ? {follow: {key: row.key, top: row.top, height: row.height ?? 2, ...(row.adopt ? {adopt: true} : {})}} : {}),
});

describe('a scrolling body', () => {
	test('brings a newly selected row into view, whole', () => {
		expect(measured(initialScrollState, 20, {key: 1, top: 40}).top).toBe(22);
		const shown = measured(initialScrollState, 20, {key: 1, top: 40});
		expect(measured(shown, 20, {key: 2, top: 5}).top).toBe(5);
	});

	test('a page that opens at its top stays there when the keys below it take a line more', () => {
		const opened = measured(initialScrollState, 20, {key: 0, top: 50, adopt: true});
		expect(opened.top).toBe(0);
		expect(measured(opened, 19, {key: 0, top: 50}).top).toBe(0);
		// Once the reader moves to another row, it is followed.
		expect(measured(measured(opened, 19, {key: 0, top: 50}), 19, {key: 1, top: 52}).top).toBe(35);
	});

	test('a row in view stays in view when the room shrinks', () => {
		const shown = measured(initialScrollState, 20, {key: 1, top: 18});
		expect(shown.top).toBe(0);
		expect(measured(shown, 15, {key: 1, top: 18}).top).toBe(5);
	});

	test('scrolling and paging stop at the ends', () => {
		const state = measured(initialScrollState, 20);
		expect(scrollReducer(state, {type: 'scroll', lines: -3}).top).toBe(0);
		expect(scrollReducer(state, {type: 'page', pages: 5}).top).toBe(40);
	});
});
