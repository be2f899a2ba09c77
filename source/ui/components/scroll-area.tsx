import {Box, measureElement, type DOMElement} from 'ink';
import {useEffect, useRef, useState, type ReactNode} from 'react';
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
	readonly children: ReactNode;
};

/**
 * A screen that fits the terminal: header, a body and a footer. While everything fits it is laid
 * out as it is; once it would not, the screen takes the terminal's height less one line and the
 * body scrolls inside it (area.state.top), so the header and footer stay where they are.
 */
export function ScrollScreen({area, rows, header, footer, followKey, followAtStart = true, children}: Props) {
	const screen = useRef<DOMElement>(null);
	const view = useRef<DOMElement>(null);
	const content = useRef<DOMElement>(null);
	const [fixed, setFixed] = useState(false);
	const room = Math.max(3, rows - 1);

	useEffect(() => {
		if (!screen.current || !view.current || !content.current) {
			return;
		}

		const screenHeight = measureElement(screen.current).height;
		const viewHeight = measureElement(view.current).height;
		const contentHeight = measureElement(content.current).height;
		const naturalHeight = screenHeight - viewHeight + contentHeight;
		if (fixed !== naturalHeight > room) {
			setFixed(naturalHeight > room);
			return;
		}

		const target = followKey === undefined ? undefined : area.followRef.current;
		area.dispatch({
			type: 'measured',
			viewHeight: fixed ? viewHeight : contentHeight,
			contentHeight,
			...(target ? {follow: {key: followKey!, top: offsetWithin(target, content.current), height: measureElement(target).height, adopt: !followAtStart && area.state.followed === undefined}} : {}),
		});
	});

	return (
		<Box ref={screen} flexDirection="column" {...(fixed ? {height: room} : {})}>
			{header !== undefined && <Box flexDirection="column" flexShrink={0}>{header}</Box>}
			<Box ref={view} flexDirection="column" flexGrow={fixed ? 1 : 0} flexShrink={fixed ? 1 : 0} overflowY={fixed ? 'hidden' : 'visible'}>
				<Box ref={content} flexDirection="column" flexShrink={0} marginTop={fixed ? -area.state.top : 0}>{children}</Box>
			</Box>
			<Box flexDirection="column" flexShrink={0}>{footer}</Box>
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
