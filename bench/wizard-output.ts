/**
 * What the wizard prints that the benchmark waits for (source/ui/screens/scan-screen.tsx). If
 * these texts change there, change them here: the benchmark fails loudly when they never show.
 */

/** The first frame: the scan screen while the engine is being read. */
export const firstFramePattern = /Scanning the Docker engine/;

/** The scan's result on screen. */
export const scanResultPattern = /\d+ problems? found|Nothing is broken|No containers/;
