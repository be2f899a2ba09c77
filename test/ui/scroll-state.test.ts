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

	test('g and G go to the first and the last lines', () => {
		const state = measured(initialScrollState, 20);
		const end = scrollReducer(state, {type: 'edge', to: 'end'});
		expect(end.top).toBe(40);
		expect(scrollReducer(end, {type: 'edge', to: 'start'}).top).toBe(0);
	});

	test('growing output is followed while its end is in view, and left alone once the reader scrolls up', () => {
		const grow = (state: ScrollState, lines: number) => scrollReducer(state, {type: 'measured', viewHeight: 10, contentHeight: lines, follow: {key: `line-${lines}`, top: lines - 1, height: 1, tail: true}});
		const following = grow(grow(initialScrollState, 30), 31);
		expect(following.top).toBe(21);
		const scrolledUp = scrollReducer(following, {type: 'scroll', lines: -5});
		expect(grow(scrolledUp, 32).top).toBe(16);
		// Back at the end, it is followed again.
		expect(grow(scrollReducer(grow(scrolledUp, 32), {type: 'edge', to: 'end'}), 33).top).toBe(23);
	});

	test('the first line of output is followed even when the reader was not at the end of the step above it', () => {
		const step = measured(initialScrollState, 20, {key: 1, top: 0});
		expect(step.top).toBe(0);
		const output = scrollReducer(step, {type: 'measured', viewHeight: 20, contentHeight: 60, follow: {key: 'line-1', top: 59, height: 1, tail: true}});
		expect(output.top).toBe(40);
	});
});
