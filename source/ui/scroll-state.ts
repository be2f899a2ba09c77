/**
 * Where a screen's scrolling body stands, as one value changed by one pure reducer (the view is
 * components/scroll-area.tsx, the hook use-scroll-area.ts). Heights are in terminal lines; the
 * view measures them after each layout and reports them here.
 */
export type ScrollState = {
	/** The first line of the content shown. */
	readonly top: number;
	/** Lines the body may take on screen; undefined until measured. */
	readonly viewHeight?: number;
	readonly contentHeight?: number;
	/** What was last brought into view (the selected row's key), so it is brought there once, not on every layout. */
	readonly followed?: string | number;
	/** What was last followed is the newest line of growing output. */
	readonly tail?: boolean;
};

export type ScrollAction =
	| {
		readonly type: 'measured';
		readonly viewHeight: number;
		readonly contentHeight: number;
		/**
		 * The selected row: where it is in the content, and its key. It is scrolled into view when
		 * it is another row than last time or the room changed; `adopt` only notes it (a page that
		 * opens at its top although a row is selected further down). `tail` marks the newest line of
		 * output that grows: it is followed only while the reader has not scrolled away from the end.
		 */
		readonly follow?: {readonly key: string | number; readonly top: number; readonly height: number; readonly adopt?: boolean; readonly tail?: boolean};
	}
	| {readonly type: 'scroll'; readonly lines: number}
	| {readonly type: 'page'; readonly pages: number}
	| {readonly type: 'edge'; readonly to: 'start' | 'end'};

export const initialScrollState: ScrollState = {top: 0};

export function scrollReducer(state: ScrollState, action: ScrollAction): ScrollState {
	switch (action.type) {
		case 'measured': {
			let {top} = state;
			const {follow} = action;
			// Another row, or less room for the one that was in view (the keys below took a line more).
			const another = follow !== undefined && follow.key !== state.followed && (!follow.tail || !state.tail || atEnd(state));
			if (follow && !follow.adopt && (another || (action.viewHeight !== state.viewHeight && wasInView(state, follow)))) {
				// The whole row when it fits, else its first lines.
				top = Math.min(top, follow.top);
				top = Math.max(top, follow.top + Math.min(follow.height, action.viewHeight) - action.viewHeight);
			}

			const next = {
				top: clamp(top, action.contentHeight - action.viewHeight),
				viewHeight: action.viewHeight,
				contentHeight: action.contentHeight,
				...(follow ? {followed: follow.key} : state.followed === undefined ? {} : {followed: state.followed}),
				...((follow ? follow.tail : state.tail) ? {tail: true} : {}),
			};
			return next.top === state.top && next.viewHeight === state.viewHeight && next.contentHeight === state.contentHeight && next.followed === state.followed && next.tail === state.tail ? state : next;
		}

		case 'scroll': {
			return moved(state, action.lines);
		}

		case 'page': {
			return moved(state, action.pages * Math.max(1, (state.viewHeight ?? 1) - 1));
		}

		case 'edge': {
			return moved(state, action.to === 'start' ? -state.top : (state.contentHeight ?? 0));
		}
	}
}

/** Whether there is more content than room: the screen then offers its scroll keys. */
export function canScroll(state: ScrollState): boolean {
	return state.viewHeight !== undefined && state.contentHeight !== undefined && state.contentHeight > state.viewHeight;
}

function moved(state: ScrollState, lines: number): ScrollState {
	const top = clamp(state.top + lines, (state.contentHeight ?? 0) - (state.viewHeight ?? 0));
	return top === state.top ? state : {...state, top};
}

/** Unmeasured, or showing the content's last line. */
function atEnd(state: ScrollState): boolean {
	return state.viewHeight === undefined || state.contentHeight === undefined || state.top + state.viewHeight >= state.contentHeight;
}

function wasInView(state: ScrollState, row: {readonly top: number; readonly height: number}): boolean {
	return state.viewHeight !== undefined && row.top < state.top + state.viewHeight && row.top + row.height > state.top;
}

function clamp(top: number, last: number): number {
	return Math.max(0, Math.min(top, Math.max(0, last)));
}
