/** A hash of what a build is made of: its sources, build scripts and libraries. */
export function buildIdentity(root: string): string;
