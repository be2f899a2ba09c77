import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {WrappedText} from './wrapped-text.js';

/** A marker ("❯ ", "  • ", one column per character) and text whose wrapped lines all start under the text. */
export function HangingLine({marker, markerColor, children}: {readonly marker: string; readonly markerColor?: string; readonly children: ReactNode}) {
	return (
		<Box>
			{/* A fixed width: a marker in a box that may shrink loses its trailing space on a full line. */}
			<Box width={[...marker].length} flexShrink={0}>
				<Text color={markerColor}>{marker}</Text>
			</Box>
			<Box flexGrow={1} flexShrink={1}>
				<WrappedText>{children}</WrappedText>
			</Box>
		</Box>
	);
}
