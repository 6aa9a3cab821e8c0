/** A duration in milliseconds as the run prints it: `1.3 s`. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
