import {engineAvailability, ensureTestImage} from './docker-cli.js';

/** Builds the busybox test image once, before any suite runs, when an engine answers. */
export default function setup(): void {
	if (engineAvailability().ok) {
		ensureTestImage();
	}
}
