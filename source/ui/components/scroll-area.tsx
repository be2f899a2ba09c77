import {Box, measureElement, type DOMElement} from 'ink';
import {useLayoutEffect, useRef, useState, type ReactNode} from 'react';
import type {ScrollArea} from '../use-scroll-area.js';

type Props = {
	readonly area: ScrollArea;
	/** The terminal's rows: the screen takes at most one fewer, so Ink never has to redraw it whole. */
	readonly rows: number;
	/** Stays on screen above the body (a title, the engine's headline). */
	readonly header?: ReactNode;
	/** Stays on screen below it (the keys). */
	readonly footer: ReactNode;
	/** The selected row's key: when it changes, the row on `area.followRef` is scrolled into view. */
	readonly followKey?: string | number;
	/** Whether the selected row is brought into view from the start (the default), or the screen opens at its top. */
	readonly followAtStart?: boolean;
	/** The row on `area.followRef` is the newest line of growing output: followed only while the end is in view. */
	readonly followTail?: boolean;
	readonly children: ReactNode;
};

/**
 * A screen that fits the terminal: header, a body and a footer. The screen always has a height of
 * its own, never more than the terminal's rows less one: what it measured it needs, or all of that
 * room when the body needs more, and then the body scrolls inside it (area.state.top) while the
 * header and footer stay where they are. A frame is never taller than the terminal, not even the
 * first one or the one after the content grew (it is cut for a moment, then measured again): a
 * taller frame makes Ink redraw the whole terminal and leaves its top in the scrollback.
 */
export function ScrollScreen({area, rows, header, footer, followKey, followAtStart = true, followTail = false, children}: Props) {
	const top = useRef<DOMElement>(null);
	const bottom = useRef<DOMElement>(null);
	const view = useRef<DOMElement>(null);
	const content = useRef<DOMElement>(null);
	const room = Math.max(3, rows - 1);
	// Until measured, all of the room: a screen that needs less shrinks, one that needs more never overflows.
	const [needed, setNeeded] = useState(room);
	const height = Math.min(needed, room);

	useLayoutEffect(() => {
		if (!top.current || !bottom.current || !view.current || !content.current) {
			return;
		}

		const contentHeight = measureElement(content.current).height;
		const natural = measureElement(top.current).height + contentHeight + measureElement(bottom.current).height;
		if (Math.min(natural, room) !== height) {
			setNeeded(natural);
			return;
		}

		const target = followKey === undefined ? undefined : area.followRef.current;
		area.dispatch({
			type: 'measured',
			viewHeight: measureElement(view.current).height,
			contentHeight,
			...(target ? {follow: {key: followKey!, top: offsetWithin(target, content.current), height: measureElement(target).height, adopt: !followAtStart && area.state.followed === undefined, tail: followTail}} : {}),
		});
	});

	return (
		<Box flexDirection="column" height={height}>
			<Box ref={top} flexDirection="column" flexShrink={0}>{header}</Box>
			<Box ref={view} flexDirection="column" flexGrow={1} flexShrink={1} overflowY="hidden">
				<Box ref={content} position="absolute" width="100%" flexDirection="column" flexShrink={0} marginTop={-area.state.top}>{children}</Box>
			</Box>
			<Box ref={bottom} flexDirection="column" flexShrink={0}>{footer}</Box>
		</Box>
	);
}

/** How far down `element` starts within `ancestor`, in lines, from Ink's own layout. */
function offsetWithin(element: DOMElement, ancestor: DOMElement): number {
	let offset = 0;
	for (let node: DOMElement | undefined = element; node && node !== ancestor; node = node.parentNode) {
		offset += node.yogaNode?.getComputedTop() ?? 0;
	}

	return offset;
}
